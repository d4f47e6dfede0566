/** The facts of one request, read from its cells by the type of each field; an unreadable value is a finding. */
import { parseBoolean, parseDate, parseInteger, parseMoney, parsePercentage, parseText, type CellValue, type Parsed } from '../parse';
import type { Collector } from './collector';
import { assessmentFields, criterionField, documentField, evidenceField } from './fields';
import type { Procedure } from './procedure';
import type { ProviderInput } from './types';

export type Facts = ReturnType<typeof readFacts>;

export function readFacts(input: ProviderInput, proc: Procedure, out: Collector) {
  const fields = assessmentFields(proc);
  const where = (name: string) => (input.refs?.[name] ? ` (${input.refs[name]})` : '');
  const unreadable = (name: string, p: Parsed<unknown>) => {
    if (!p.ok && !('empty' in p && p.empty))
      out.add('formulier', 'ONLEESBARE_WAARDE', 'waarschuwing', `${fields[name]?.label ?? name}${where(name)}: ${(p as { reason: string }).reason}`);
  };
  const get = <T>(name: string, parse: (v: CellValue) => Parsed<T>): T | undefined => {
    const p = parse(input.cells[name]);
    unreadable(name, p);
    return p.ok ? p.value : undefined;
  };
  const bool = (name: string) => get(name, parseBoolean);
  const pct = (name: string) => get(name, parsePercentage);
  const money = (name: string) => get(name, parseMoney);
  const date = (name: string) => get(name, parseDate);
  const text = (name: string) => get(name, parseText);
  return {
    agb: get('agb', (v) => (typeof v === 'number' ? { ok: true as const, value: String(v).padStart(8, '0') } : parseText(v))),
    naam: text('zorgaanbieder'),
    inkoopjaar: get('inkoopjaar', parseInteger),
    nieuw: bool('nieuweAanbieder'),
    clienten: get('aantalWlzClienten', parseInteger),
    hb: bool('verzoekHerberekening'),
    hhc: bool('beroepHardheidsclausule'),
    datum: date('datumOntvangst'),
    datumHb: date('datumOntvangstHerberekening'),
    datumHhc: date('datumOntvangstHardheidsclausule'),
    datumBestuursverklaring: date('datumBestuursverklaring'),
    lager: pct('tariefpercentageVorigJaar'),
    lagerAfgesproken: bool('lagerPercentageAfgesproken'),
    plafond: pct('plafondPercentage'),
    benodigd: pct('benodigdPercentage'),
    omzet: money('omzet'),
    hhcPercentage: pct('hhcPercentage'),
    hhcOmzet: money('hhcOmzet'),
    opbrengsten: money('opbrengsten'),
    kostenPersoneel: money('kostenPersoneel'),
    kostenOverig: money('kostenOverig'),
    kostenTotaal: money('kostenTotaal'),
    resultaat: money('resultaat'),
    contactZorginkoper: bool('contactZorginkoper'),
    onderwerp: bool('onderwerpHardheidsclausule'),
    reeel: bool('oordeelReeel'),
    onderbouwingReeel: text('onderbouwingReeel'),
    doc: (id: string) => bool(documentField(id)),
    crit: (id: string) => bool(criterionField(id)),
    bewijs: (id: string) => text(evidenceField(id)),
    where,
  };
}
