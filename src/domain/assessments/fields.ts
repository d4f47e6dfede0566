/**
 * The facts an assessment reads, with the Dutch labels and aliases used both as column headers (provider
 * list) and as labels on the aanvraagformulier. Documents and criteria come from the procedure.
 */
import { CORE_FIELDS, type FieldDef } from '../fields';
import type { Procedure } from './procedure';

export const ASSESSMENT_FIELDS: Record<string, FieldDef> = {
  agb: CORE_FIELDS.agb,
  zorgaanbieder: CORE_FIELDS.zorgaanbieder,
  zorgkantoor: CORE_FIELDS.zorgkantoor,
  inkoopjaar: CORE_FIELDS.inkoopjaar,
  nieuweAanbieder: CORE_FIELDS.nieuweAanbieder,
  aantalWlzClienten: CORE_FIELDS.aantalWlzClienten,
  verzoekHerberekening: {
    type: 'boolean',
    label: 'Verzoek herberekening tariefpercentage',
    aliases: ['verzoek herberekening', 'herberekening aangevraagd', 'aanvraag herberekening', 'verzoek aanpassing lager tariefpercentage'],
    description: 'Ja als de aanbieder om herberekening van het lagere tariefpercentage vraagt.',
  },
  beroepHardheidsclausule: {
    type: 'boolean',
    label: 'Beroep op hardheidsclausule',
    aliases: ['beroep hardheidsclausule', 'hardheidsclausule aangevraagd', 'aanvraag hardheidsclausule', 'verzoek hardheidsclausule'],
    description: 'Ja als de aanbieder een beroep doet op de hardheidsclausule.',
  },
  datumOntvangst: {
    type: 'date',
    label: 'Datum ontvangst',
    aliases: ['ontvangstdatum', 'datum ontvangst aanvraag', 'ontvangen op', 'datum binnenkomst'],
    description: 'De dag waarop de aanvraag bij het zorgkantoor binnenkwam (voor beide routes, tenzij per route ingevuld).',
  },
  datumOntvangstHerberekening: { type: 'date', label: 'Datum ontvangst herberekening', aliases: ['ontvangen herberekening', 'ontvangstdatum herberekening'] },
  datumOntvangstHardheidsclausule: {
    type: 'date',
    label: 'Datum ontvangst hardheidsclausule',
    aliases: ['ontvangen hardheidsclausule', 'ontvangstdatum hardheidsclausule'],
  },
  datumBestuursverklaring: {
    type: 'date',
    label: 'Datum ondertekening bestuursverklaring',
    aliases: ['datum bestuursverklaring', 'bestuursverklaring getekend op'],
  },
  tariefpercentageVorigJaar: {
    ...CORE_FIELDS.tariefpercentageVorigJaar,
    aliases: [...CORE_FIELDS.tariefpercentageVorigJaar.aliases, 'lager tariefpercentage', 'huidig lager tariefpercentage', 'afgesproken tariefpercentage'],
  },
  lagerPercentageAfgesproken: {
    type: 'boolean',
    label: 'Lager tariefpercentage afgesproken',
    aliases: ['lager tarief afgesproken', 'historisch lager tarief', 'aanbieder met lager tariefpercentage'],
    description: 'Ja als met de aanbieder een lager tariefpercentage dan het richttarief is afgesproken; leeg: bepaald uit het tariefpercentage vorig jaar.',
  },
  plafondPercentage: {
    type: 'percentage',
    label: 'Tariefpercentage sector',
    aliases: [
      'voor de sector geldend tariefpercentage',
      'tariefpercentage prestatie',
      'voor de prestatie geldend tariefpercentage',
      'geldend tariefpercentage',
      'plafond herberekening',
    ],
    description: 'Het voor de sector of prestatie geldende tariefpercentage: het plafond van een herberekening.',
  },
  benodigdPercentage: {
    type: 'percentage',
    label: 'Kostendekkend tariefpercentage',
    aliases: ['benodigd tariefpercentage', 'gevraagd tariefpercentage', 'kostendekkend percentage'],
  },
  omzet: {
    type: 'money',
    label: 'Wlz-omzet huidig tariefpercentage',
    aliases: ['omzet', 'wlz omzet', 'omzet lager tariefpercentage', 'totaal omzet', 'omzet herberekening'],
  },
  hhcPercentage: {
    type: 'percentage',
    label: 'Tariefpercentage formulier hardheidsclausule',
    aliases: ['tariefpercentage hhc', 'percentage hardheidsclausule'],
  },
  hhcOmzet: { type: 'money', label: 'Omzet formulier hardheidsclausule', aliases: ['omzet hhc', 'omzet hardheidsclausule'] },
  opbrengsten: { type: 'money', label: 'Wlz-opbrengsten', aliases: ['opbrengsten wlz', 'wlz opbrengsten begroting', 'totale opbrengsten wlz'] },
  kostenPersoneel: { type: 'money', label: 'Personeelskosten', aliases: ['kosten personeel', 'personeelskosten wlz'] },
  kostenOverig: { type: 'money', label: 'Overige kosten', aliases: ['kosten overig', 'materiele kosten', 'overige kosten wlz'] },
  kostenTotaal: { type: 'money', label: 'Totale kosten Wlz', aliases: ['totale kosten', 'kosten totaal', 'kosten wlz'] },
  resultaat: { type: 'money', label: 'Resultaat Wlz-exploitatie', aliases: ['resultaat', 'exploitatieresultaat', 'resultaat wlz'] },
  eigenVermogen: { type: 'money', label: 'Eigen vermogen', aliases: ['eigen vermogen laatste jaarrekening'] },
  reserves: { type: 'money', label: 'Financiële reserves', aliases: ['reserves', 'financiele reserves', 'liquide middelen'] },
  contactZorginkoper: { type: 'boolean', label: 'Contact met zorginkoper gehad', aliases: ['contact zorginkoper', 'besproken met zorginkoper'] },
  onderwerpHardheidsclausule: {
    type: 'boolean',
    label: 'Onderwerp vermeldt hardheidsclausule',
    aliases: ['onderwerp e-mail vermeldt hardheidsclausule', 'term hardheidsclausule in onderwerp'],
  },
  oordeelReeel: {
    type: 'boolean',
    label: 'Lager tarief is reëel',
    aliases: ['lager tarief reeel', 'oordeel reeel', 'tarief reeel'],
    description: 'Oordeel van de beoordelaar: ja = het lagere tarief blijft (reëel), nee = niet reëel, het gaat omhoog.',
  },
  onderbouwingReeel: { type: 'text', label: 'Onderbouwing oordeel reëel', aliases: ['onderbouwing reeel', 'toelichting oordeel reeel'] },
};

/** Fields that say who the provider is: a positive outcome needs them read cleanly. */
export const IDENTITY_FIELDS = ['agb', 'zorgaanbieder'] as const;

export const documentField = (id: string) => `doc_${id}`;
export const criterionField = (id: string) => `crit_${id}`;
export const evidenceField = (id: string) => `bewijs_${id}`;

/** All fields for a procedure: the fixed ones plus one per document and two per criterion (oordeel, onderbouwing). */
export function assessmentFields(p: Procedure): Record<string, FieldDef> {
  const out: Record<string, FieldDef> = { ...ASSESSMENT_FIELDS };
  for (const route of [p.herberekening, p.hardheidsclausule]) {
    if (!route) continue;
    for (const d of route.documents) out[documentField(d.id)] ??= { type: 'boolean', label: d.label, aliases: d.aliases };
    for (const c of route.criteria) {
      out[criterionField(c.id)] ??= { type: 'boolean', label: c.label, aliases: c.aliases };
      out[evidenceField(c.id)] ??= {
        type: 'text',
        label: `Onderbouwing ${c.label.charAt(0).toLowerCase()}${c.label.slice(1)}`,
        aliases: c.aliases.map((a) => `onderbouwing ${a}`),
      };
    }
  }
  return out;
}
