/** The words a policy sheet is written in: its metadata labels, the columns of its tables, kinds and effects. */
import { fieldNameIndex } from '../../domain/policy/normalize';

export type Obj = Record<string, unknown>;

export const META_KEYS: Record<string, string> = {
  id: 'id',
  code: 'id',
  versie: 'version',
  titel: 'title',
  zorgkantoor: 'zorgkantoor',
  sector: 'sector',
  inkoopjaar: 'inkoopjaar',
  jaar: 'inkoopjaar',
  omschrijving: 'description',
  beschrijving: 'description',
  gepubliceerd: 'published',
  publicatiedatum: 'published',
  datum: 'published',
  bron: 'sources',
  brondocument: 'sources',
  breidtuit: 'extends',
  uitbreidingvan: 'extends',
  extends: 'extends',
  verwijderregels: 'removeRules',
  inkoopjaren: 'inkoopjaren',
  jaren: 'inkoopjaren',
};
export const META_LABELS: Record<string, string> = {
  id: 'Id',
  version: 'Versie',
  title: 'Titel',
  zorgkantoor: 'Zorgkantoor',
  sector: 'Sector',
  inkoopjaar: 'Inkoopjaar',
  description: 'Omschrijving',
  sources: 'Bron',
};

export const PARAM_COLUMNS: Record<string, string> = {
  parameter: 'name',
  soort: 'type',
  type: 'type',
  naam: 'label',
  label: 'label',
  standaardwaarde: 'default',
  standaard: 'default',
  waarde: 'default',
  uitleg: 'description',
  toelichting: 'description',
  beschrijving: 'description',
  minimum: 'min',
  maximum: 'max',
  keuzes: 'choices',
  bron: 'document',
  brondocument: 'document',
  paragraaf: 'paragraaf',
  vindplaats: 'regels',
  regels: 'regels',
  pagina: 'regels',
  citaat: 'citaat',
  perjaar: 'perJaar',
  waardeperjaar: 'perJaar',
};
export const PARAM_TYPE_WORDS = 'percentage, procentpunten, getal, ja/nee, keuze, datum, afronding';
export const PARAM_TYPES: Record<string, string> = {
  percentage: 'percentage',
  procentpunten: 'points',
  punten: 'points',
  getal: 'number',
  janee: 'boolean',
  keuze: 'choice',
  datum: 'date',
  afronding: 'rounding',
};

export const RULE_COLUMNS: Record<string, string> = {
  regel: 'id',
  regelid: 'id',
  omschrijving: 'description',
  effect: 'effect',
  werking: 'effect',
  waarde: 'value',
  signaalcode: 'code',
  ernst: 'severity',
  melding: 'message',
  signaaltekst: 'message',
  groep: 'group',
  bron: 'document',
  brondocument: 'document',
  paragraaf: 'paragraaf',
  vindplaats: 'regels',
  regels: 'regels',
  bronregels: 'regels',
  pagina: 'regels',
  citaat: 'citaat',
  interpretatie: 'interpretation',
  voorregel: 'before',
  naregel: 'after',
  tothoogstens: 'maxResult',
  totmaximaal: 'maxResult',
  totmaximum: 'maxResult',
  jaren: 'jaren',
  injaren: 'jaren',
};
export const FIELD_COLUMNS: Record<string, string> = {
  kenmerk: 'name',
  soort: 'type',
  type: 'type',
  kolomkop: 'label',
  kolom: 'label',
  naam: 'label',
  anderekoppen: 'aliases',
  aliassen: 'aliases',
  ookgenoemd: 'aliases',
  uitleg: 'description',
  toelichting: 'description',
  beschrijving: 'description',
};
export const FIELD_TYPES: Record<string, string> = {
  tekst: 'text',
  code: 'code',
  bedrag: 'money',
  geld: 'money',
  percentage: 'percentage',
  procentpunten: 'points',
  punten: 'points',
  janee: 'boolean',
  geheelgetal: 'integer',
  aantal: 'integer',
  getal: 'number',
  datum: 'date',
};

export const EFFECTS: Record<string, string> = {
  basis: 'basis',
  basispercentage: 'basis',
  vast: 'vast',
  vastpercentage: 'vast',
  opslag: 'opslag',
  afslag: 'afslag',
  maximum: 'maximum',
  plafond: 'maximum',
  minimum: 'minimum',
  ondergrens: 'minimum',
  signaal: 'signaal',
  uitsluiten: 'uitsluiten',
  uitsluiting: 'uitsluiten',
};
export const EFFECT_WORDS = 'basis, vast, opslag, afslag, maximum, minimum, signaal, uitsluiten';

export function fieldIndex(): Map<string, string> {
  return fieldNameIndex({}, (k) => !!RULE_COLUMNS[k]);
}
