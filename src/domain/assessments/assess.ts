/**
 * Assessing one provider's request for herberekening and/or hardheidsclausule against a procedure.
 * Pure: cells in, statuses with cited reasons out. The user's judgements (criteria, "reëel") are inputs;
 * where the seed has no decision model (hardheidsclausule) the result is a proposal, never a decision.
 */
import { formatCitation } from '../flags';
import { D, dec, formatEuro, formatNumber, formatPercentage, minDec, type Dec } from '../money';
import { parseBoolean, parseDate, parseInteger, parseMoney, parsePercentage, parseText, shortCell, type CellValue, type Parsed } from '../parse';
import type { ParameterValues } from '../policy/types';
import type { AssessmentCode } from '../signals';
import type { Severity } from '../types';
import { addDays, formatDate } from './dates';
import { assessmentFields, criterionField, documentField, evidenceField, IDENTITY_FIELDS } from './fields';
import type { CriterionDef, Procedure, RouteDef } from './procedure';
import {
  ROUTE_STATUS_LABELS,
  type DeadlineResult,
  type Finding,
  type Identity,
  type Onderdeel,
  type ProviderAssessment,
  type ProviderInput,
  type RouteResult,
  type RouteStatus,
} from './types';
import Decimal from 'decimal.js';

/** Sums may differ by this much (rounding in the provider's own sheet). */
export const MONEY_TOLERANCE = dec(1);
/** Relative tolerance for amounts derived from percentages (omzet HHC, opbrengsten vs omzet). */
export const RELATIVE_TOLERANCE = dec('0.01');

type Facts = ReturnType<typeof readFacts>;

class Collector {
  readonly list: Finding[] = [];
  constructor(private readonly proc: Procedure) {}
  add(onderdeel: Onderdeel, code: AssessmentCode, severity: Severity, message: string, rule?: string): Finding {
    const f: Finding = { onderdeel, code, severity, message };
    if (rule && this.proc.rules[rule]) {
      f.citation = this.proc.rules[rule].source;
      f.ruleId = rule;
    }
    this.list.push(f);
    return f;
  }
  has(rule: string): boolean {
    return Boolean(this.proc.rules[rule]);
  }
}

function readFacts(input: ProviderInput, proc: Procedure, out: Collector) {
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

function num(p: ParameterValues, name: string): number | undefined {
  const v = p[name];
  return v instanceof D ? v.toNumber() : undefined;
}
function decParam(p: ParameterValues, name: string): Dec | undefined {
  const v = p[name];
  return v instanceof D ? v : undefined;
}
function dateParam(p: ParameterValues, name: string): string | undefined {
  const v = p[name];
  return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined;
}

const cite = (proc: Procedure, rule: string) => (proc.rules[rule] ? ` (${formatCitation(proc.rules[rule].source)})` : '');

/** Assess one provider. `params` are the procedure's parameters after the user's overrides. */
export function assessProvider(input: ProviderInput, proc: Procedure, params: ParameterValues): ProviderAssessment {
  const out = new Collector(proc);
  for (const f of input.formFindings ?? []) out.list.push(f);
  const facts = readFacts(input, proc, out);

  // Which routes: as stated, otherwise from the forms that were sent.
  let hb = facts.hb;
  let hhc = facts.hhc;
  if (hb === undefined && hhc === undefined) {
    const hbForm = proc.herberekening?.documents.find((d) => d.id === 'aanvraagformulier_herberekening');
    const hhcForm = proc.hardheidsclausule?.documents.find((d) => d.id === 'aanvraagformulier_hhc');
    hb = hbForm ? facts.doc(hbForm.id) : undefined;
    hhc = hhcForm ? facts.doc(hhcForm.id) : undefined;
    if (hb === undefined && hhc === undefined)
      out.add('algemeen', 'ROUTE_ONBEKEND', 'fout', 'Niet aangegeven of het om herberekening, hardheidsclausule of beide gaat.');
  }
  if (!facts.agb) out.add('algemeen', 'AGB_ONTBREEKT', 'fout', 'AGB-code ontbreekt.');
  else if (!/^\d{8}$/.test(facts.agb)) out.add('formulier', 'AGB_ONGELDIG', 'waarschuwing', `AGB-code "${facts.agb}" heeft niet 8 cijfers.`);
  if (facts.inkoopjaar !== undefined && facts.inkoopjaar !== proc.inkoopjaar) {
    out.add('formulier', 'INKOOPJAAR_WIJKT_AF', 'waarschuwing', `Inkoopjaar ${facts.inkoopjaar} wijkt af van het beleid (${proc.inkoopjaar}).`);
  }

  consistencyChecks(facts, params, out, hb === true || !proc.rules['HHC-juist-volledig'] ? 'HB-documenten' : 'HHC-juist-volledig');
  const termijn = deadlines(facts, hb === true, hhc === true, proc, params, out);
  const lower = isLower(facts, params);
  const herberekening = assessHerberekening(facts, hb === true, lower, termijn, proc, params, out);
  const hardheidsclausule = assessHardheidsclausule(facts, hb === true, hhc === true, lower, termijn, proc, params, out);

  const identiteit = identity(facts, input);
  if (!identiteit.zeker)
    out.add(
      'algemeen',
      'IDENTITEIT_ONZEKER',
      'waarschuwing',
      `${ROUTE_STATUS_LABELS['identiteit-onzeker']}: ${identiteit.redenen.join('; ')}. Een positieve uitkomst geldt pas als AGB-code en naam eenduidig op het formulier staan.`,
    );

  const order: Onderdeel[] = ['algemeen', 'formulier', 'termijn', 'herberekening', 'hardheidsclausule'];
  const findings = [...out.list].sort((a, b) => order.indexOf(a.onderdeel) - order.indexOf(b.onderdeel));
  return {
    agb: facts.agb ?? '',
    naam: facts.naam ?? '',
    bron: input.bron,
    bladen: input.bladen ?? [],
    identiteit,
    herberekening: { ...guardIdentity(herberekening, identiteit), findings: findings.filter((f) => f.onderdeel === 'herberekening') },
    hardheidsclausule: { ...guardIdentity(hardheidsclausule, identiteit), findings: findings.filter((f) => f.onderdeel === 'hardheidsclausule') },
    termijn: { ...termijn, findings: findings.filter((f) => f.onderdeel === 'termijn') },
    formulier: findings.filter((f) => f.onderdeel === 'formulier' || f.onderdeel === 'algemeen'),
    findings,
  };
}

/** Outcomes that are good news for the provider: shown only when it is known for sure who the provider is. */
export const POSITIVE_STATUSES: ReadonlySet<RouteStatus> = new Set(['handhaven', 'aanpassen', 'toekennen']);

/** Is the provider known for sure? AGB-code of 8 digits and a name, each read without doubt. */
function identity(facts: Facts, input: ProviderInput): Identity {
  const redenen: string[] = [];
  if (!facts.agb) redenen.push('AGB-code ontbreekt');
  else if (!/^\d{8}$/.test(facts.agb)) redenen.push(`AGB-code "${shortCell(facts.agb)}" heeft niet 8 cijfers`);
  if (!facts.naam) redenen.push('naam zorgaanbieder ontbreekt');
  for (const field of IDENTITY_FIELDS) if (input.unclear?.[field]) redenen.push(input.unclear[field]);
  return { zeker: redenen.length === 0, redenen };
}

/** A positive outcome for a provider that is not known for sure becomes "identiteit onzeker", keeping the outcome on the merits. */
function guardIdentity(r: Omit<RouteResult, 'findings'>, id: Identity): Omit<RouteResult, 'findings'> {
  if (id.zeker || !POSITIVE_STATUSES.has(r.status)) return r;
  return {
    ...r,
    status: 'identiteit-onzeker',
    inhoudelijk: r.status,
    uitkomst: `${ROUTE_STATUS_LABELS['identiteit-onzeker']}: ${id.redenen.join('; ')}. Inhoudelijk: ${r.uitkomst}`,
  };
}

/** Has this provider a lower percentage (the herberekening's target group)? undefined = cannot tell. */
function isLower(facts: Facts, params: ParameterValues): boolean | undefined {
  if (facts.lagerAfgesproken !== undefined) return facts.lagerAfgesproken;
  const ref = decParam(params, 'referentie_lager_percentage');
  if (facts.lager && ref) return facts.lager.lessThan(ref);
  return undefined;
}

// ------------------------------------------------------------------------------------------------
// Consistency: sums, percentages and dates within the request.

/** `rule`: the rule that asks for a correct form (the herberekening's when it is asked for). */
function consistencyChecks(facts: Facts, params: ParameterValues, out: Collector, rule: string): void {
  const bad = (code: AssessmentCode, message: string) => out.add('formulier', code, 'fout', message, rule);
  for (const [name, label, v] of [
    ['tariefpercentageVorigJaar', 'Tariefpercentage vorig jaar', facts.lager],
    ['plafondPercentage', 'Tariefpercentage sector', facts.plafond],
    ['benodigdPercentage', 'Kostendekkend tariefpercentage', facts.benodigd],
    ['hhcPercentage', 'Tariefpercentage formulier hardheidsclausule', facts.hhcPercentage],
  ] as const) {
    if (v && (v.lessThanOrEqualTo(0) || v.greaterThan(100)))
      bad(
        'PERCENTAGE_ONGELDIG',
        `${label}${facts.where(name)} is ${formatPercentage(v)}: een tariefpercentage ligt tussen 0% en 100% van het NZa-maximumtarief.`,
      );
  }
  if (facts.lager && facts.plafond && facts.lager.greaterThan(facts.plafond)) {
    out.add(
      'formulier',
      'LAGER_BOVEN_PLAFOND',
      'waarschuwing',
      `Het huidige tariefpercentage (${formatPercentage(facts.lager)}) is hoger dan het tariefpercentage van de sector (${formatPercentage(facts.plafond)}).`,
    );
  }
  if (facts.kostenPersoneel && facts.kostenOverig && facts.kostenTotaal) {
    const sum = facts.kostenPersoneel.plus(facts.kostenOverig);
    if (sum.minus(facts.kostenTotaal).abs().greaterThan(MONEY_TOLERANCE)) {
      bad(
        'SOM_KOSTEN_KLOPT_NIET',
        `Totale kosten Wlz${facts.where('kostenTotaal')} ${formatEuro(facts.kostenTotaal)} ≠ personeelskosten + overige kosten = ${formatEuro(sum)}.`,
      );
    }
  }
  const kosten = facts.kostenTotaal ?? (facts.kostenPersoneel && facts.kostenOverig ? facts.kostenPersoneel.plus(facts.kostenOverig) : undefined);
  if (facts.opbrengsten && kosten && facts.resultaat) {
    const r = facts.opbrengsten.minus(kosten);
    if (r.minus(facts.resultaat).abs().greaterThan(MONEY_TOLERANCE)) {
      bad(
        'RESULTAAT_KLOPT_NIET',
        `Resultaat Wlz-exploitatie${facts.where('resultaat')} ${formatEuro(facts.resultaat)} ≠ opbrengsten − kosten = ${formatEuro(r)}.`,
      );
    }
  }
  if (facts.opbrengsten && facts.omzet && !facts.omzet.isZero()) {
    const diff = facts.opbrengsten.minus(facts.omzet).abs().dividedBy(facts.omzet.abs());
    if (diff.greaterThan(RELATIVE_TOLERANCE)) {
      out.add(
        'formulier',
        'OPBRENGSTEN_WIJKEN_AF',
        'waarschuwing',
        `Wlz-opbrengsten ${formatEuro(facts.opbrengsten)} wijken meer dan 1% af van de opgegeven Wlz-omzet ${formatEuro(facts.omzet)}.`,
      );
    }
  }
  if (facts.hhcOmzet && facts.omzet && facts.hhcPercentage && facts.lager && !facts.lager.isZero()) {
    const expected = facts.omzet.times(facts.hhcPercentage).dividedBy(facts.lager);
    if (facts.hhcOmzet.minus(expected).abs().greaterThan(expected.abs().times(RELATIVE_TOLERANCE))) {
      out.add(
        'formulier',
        'OMZET_HHC_KLOPT_NIET',
        'waarschuwing',
        `Omzet formulier hardheidsclausule ${formatEuro(facts.hhcOmzet)} past niet bij de omzet ${formatEuro(facts.omzet)} × ${formatPercentage(facts.hhcPercentage)} / ${formatPercentage(facts.lager)} = ${formatEuro(expected)}.`,
        'BEIDE-percentages',
      );
    }
  }
  const computed = kostendekkend(facts);
  if (computed && facts.benodigd && computed.minus(facts.benodigd).abs().greaterThan(dec('0.1'))) {
    out.add(
      'formulier',
      'KOSTENDEKKEND_WIJKT_AF',
      'waarschuwing',
      `Kostendekkend tariefpercentage in het formulier (${formatPercentage(facts.benodigd)}) wijkt af van huidig percentage × kosten / opbrengsten = ${formatPercentage(computed)}.`,
      'HB-kostendekkend',
    );
  }
  const received = [facts.datum, facts.datumHb, facts.datumHhc].filter((d): d is string => Boolean(d));
  if (facts.datumBestuursverklaring && received.some((d) => facts.datumBestuursverklaring! > d)) {
    bad(
      'DATUM_BESTUURSVERKLARING_NA_ONTVANGST',
      `De bestuursverklaring is ondertekend op ${formatDate(facts.datumBestuursverklaring)}, na de ontvangst van de aanvraag (${received.map(formatDate).join(', ')}).`,
    );
  }
  const pub = dateParam(params, 'publicatiedatum_richttarief');
  if (pub && received.some((d) => d < pub)) {
    out.add(
      'formulier',
      'ONTVANGEN_VOOR_BEKENDMAKING',
      'info',
      `Ontvangen vóór de bekendmaking van de richttariefpercentages (${formatDate(pub)}); controleer de datum.`,
    );
  }
}

/** Kostendekkend percentage: huidig % × kosten / opbrengsten, up to 2 decimals (HB-kostendekkend interpretation). */
function kostendekkend(facts: Facts): Dec | undefined {
  const kosten = facts.kostenTotaal ?? (facts.kostenPersoneel && facts.kostenOverig ? facts.kostenPersoneel.plus(facts.kostenOverig) : undefined);
  if (!facts.lager || !kosten || !facts.opbrengsten || facts.opbrengsten.lessThanOrEqualTo(0)) return undefined;
  return facts.lager.times(kosten).dividedBy(facts.opbrengsten).toDecimalPlaces(2, Decimal.ROUND_UP);
}

// ------------------------------------------------------------------------------------------------
// Deadlines, in calendar days from the publication of the richttarief.

function deadlines(facts: Facts, hb: boolean, hhc: boolean, proc: Procedure, params: ParameterValues, out: Collector): Omit<DeadlineResult, 'findings'> {
  const ontvangen = {
    herberekening: hb ? (facts.datumHb ?? facts.datum) : undefined,
    hardheidsclausule: hhc ? (facts.datumHhc ?? facts.datum) : undefined,
  };
  if (!hb && !hhc) return { status: 'niet-van-toepassing', ontvangen, samenvatting: 'Geen aanvraag.' };
  const pub = dateParam(params, 'publicatiedatum_richttarief');
  const days = num(params, 'indientermijn_dagen');
  if (days === undefined || !pub) {
    const reason =
      days === undefined
        ? `${proc.document.replace(/_.*/, '')} noemt geen indientermijn`
        : 'de datum van bekendmaking van het richttarief is niet ingesteld (parameter publicatiedatum_richttarief)';
    out.add('termijn', 'GEEN_TERMIJN', 'info', `Geen termijncontrole: ${reason}.`);
    const got = [ontvangen.herberekening, ontvangen.hardheidsclausule].filter(Boolean) as string[];
    return {
      status: 'geen-termijn',
      publicatie: pub,
      ontvangen,
      samenvatting: `Geen termijn: ${reason}.${got.length ? ` Ontvangen ${[...new Set(got)].map(formatDate).join(', ')}.` : ''}`,
    };
  }
  const uiterste = addDays(pub, days);
  const adviesDays = num(params, 'advies_dagen');
  const advies = adviesDays !== undefined ? addDays(pub, adviesDays) : undefined;
  const tk = num(params, 'terugkoppeling_dagen');
  const terugkoppeling = tk !== undefined ? addDays(uiterste, tk) : undefined;
  const kg = num(params, 'kort_geding_dagen');
  const kortGedingTot = terugkoppeling && kg !== undefined ? addDays(terugkoppeling, kg) : undefined;

  const parts: string[] = [`Uiterlijk ${formatDate(uiterste)} (bekendmaking ${formatDate(pub)} + ${days} kalenderdagen)`];
  let late = false;
  let unknown = false;
  for (const [route, d, rule] of [
    ['herberekening', ontvangen.herberekening, 'HB-termijn'],
    ['hardheidsclausule', ontvangen.hardheidsclausule, 'HHC-termijn'],
  ] as const) {
    if (!(route === 'herberekening' ? hb : hhc)) continue;
    if (!d) {
      unknown = true;
      out.add('termijn', 'DATUM_ONTVANGST_ONTBREEKT', 'fout', `Datum ontvangst ${route} ontbreekt: tijdigheid niet te bepalen.`, rule);
      parts.push(`${route}: ontvangstdatum ontbreekt`);
    } else if (d > uiterste) {
      late = true;
      out.add(
        'termijn',
        'TE_LAAT',
        'fout',
        `${route === 'herberekening' ? 'Herberekening' : 'Hardheidsclausule'} ontvangen op ${formatDate(d)}, na de uiterste datum ${formatDate(uiterste)}${route === 'hardheidsclausule' ? ' (vervaltermijn)' : ''}.`,
        rule,
      );
      parts.push(`${route} ontvangen ${formatDate(d)}: te laat`);
    } else {
      parts.push(`${route} ontvangen ${formatDate(d)}: tijdig`);
      out.add(
        'termijn',
        'TIJDIG',
        'info',
        `${route === 'herberekening' ? 'Herberekening' : 'Hardheidsclausule'} ontvangen op ${formatDate(d)}, uiterlijk ${formatDate(uiterste)}: tijdig.`,
        rule,
      );
      if (route === 'hardheidsclausule' && advies && d >= advies && out.has('HHC-advies')) {
        out.add(
          'termijn',
          'NA_ADVIESDATUM',
          'info',
          `Ontvangen op of na de geadviseerde datum (vóór ${formatDate(advies)}): ontbrekende informatie kan alleen nog tot ${formatDate(uiterste)} worden aangevuld.`,
          'HHC-advies',
        );
      }
    }
  }
  if (terugkoppeling) parts.push(`terugkoppeling uiterlijk ${formatDate(terugkoppeling)}`);
  if (kortGedingTot) parts.push(`kort geding tot ${formatDate(kortGedingTot)}`);
  return {
    status: late ? 'te-laat' : unknown ? 'onbekend' : 'tijdig',
    publicatie: pub,
    uiterste,
    advies,
    terugkoppeling,
    kortGedingTot,
    ontvangen,
    samenvatting: parts.join('; ') + '.',
  };
}

// ------------------------------------------------------------------------------------------------
// Documents and criteria shared by both routes.

function missingDocuments(route: RouteDef, facts: Facts, onderdeel: Onderdeel, out: Collector): string[] {
  const missing: string[] = [];
  for (const d of route.documents) {
    const v = facts.doc(d.id);
    if (d.required && v !== true) {
      missing.push(d.label);
      out.add(onderdeel, 'DOCUMENT_ONTBREEKT', 'fout', `${d.label} ${v === false ? 'niet aangeleverd' : 'niet vermeld'}.`, d.rule);
    } else if (!d.required && v === true) {
      out.add(onderdeel, 'AANVULLEND_DOCUMENT', 'info', `${d.label} aangeleverd.`, d.rule);
    }
  }
  return missing;
}

interface CriteriaState {
  nee: CriterionDef[];
  open: CriterionDef[];
  ja: CriterionDef[];
}

function criteria(route: RouteDef, facts: Facts, onderdeel: Onderdeel, out: Collector): CriteriaState {
  const state: CriteriaState = { nee: [], open: [], ja: [] };
  for (const c of route.criteria) {
    const v = facts.crit(c.id);
    const evidence = facts.bewijs(c.id);
    if (v === undefined) state.open.push(c);
    else if (v && !evidence) {
      state.open.push(c);
      out.add(onderdeel, 'ONDERBOUWING_ONTBREEKT', 'waarschuwing', `"${c.label}" is met ja beantwoord zonder onderbouwing; telt pas mee met bewijs.`, c.rule);
    } else if (v) state.ja.push(c);
    else state.nee.push(c);
  }
  return state;
}

/** Errors in the form: empty or missing fields make the request incomplete, the others make it incorrect. */
function formErrors(out: Collector): { leeg: string[]; onjuist: Finding[] } {
  const fout = out.list.filter((f) => f.onderdeel === 'formulier' && f.severity === 'fout');
  return { leeg: [...new Set(fout.filter((f) => f.veld).map((f) => f.veld!))], onjuist: fout.filter((f) => !f.veld) };
}

const names = (cs: CriterionDef[]) => cs.map((c) => c.label.charAt(0).toLowerCase() + c.label.slice(1)).join('; ');

function result(status: RouteStatus, aangevraagd: boolean, uitkomst: string, extra: Partial<RouteResult> = {}): Omit<RouteResult, 'findings'> {
  return { status, aangevraagd, ontbreekt: [], uitkomst: `${ROUTE_STATUS_LABELS[status]}: ${uitkomst}`, ...extra };
}

// ------------------------------------------------------------------------------------------------
// Herberekening (004 §2.3.4, §6.9.5).

type Termijn = Omit<DeadlineResult, 'findings'>;
type Outcome = Omit<RouteResult, 'findings'>;

/** What both routes know once a request is complete: admissible or not yet known, and the adjusted omzet. */
type Base = Partial<Outcome>;

/** Herberekening: outside the policy or not asked, the target group, completeness, then the judgement "reëel". */
function assessHerberekening(
  facts: Facts,
  hb: boolean,
  lower: boolean | undefined,
  termijn: Termijn,
  proc: Procedure,
  params: ParameterValues,
  out: Collector,
): Outcome {
  const route = proc.herberekening;
  if (!route) return hb ? herberekeningOutsidePolicy(proc, out) : result('niet-aangevraagd', false, 'geen verzoek.');
  if (!hb) return result('niet-aangevraagd', false, 'geen verzoek.');
  const outsideGroup = herberekeningTargetGroup(facts, lower, proc, params, out);
  if (outsideGroup) return outsideGroup;

  const ontbreekt = herberekeningMissing(route, facts, out);
  const { leeg, onjuist } = formErrors(out);
  for (const l of leeg) if (!ontbreekt.includes(l)) ontbreekt.push(l);
  const late = termijn.ontvangen.herberekening !== undefined && termijn.uiterste !== undefined && termijn.ontvangen.herberekening > termijn.uiterste;
  const omzetBijgesteld = adjustedOmzet(facts.omzet, params, 'herberekening', 'HB-nza-bijstelling', out);
  if (late || ontbreekt.length || onjuist.length) {
    const why = incompleteReason(late, ontbreekt, onjuist);
    out.add('herberekening', 'NIET_IN_BEHANDELING', 'fout', `Aanvraag niet in behandeling: ${why}. Het lagere tariefpercentage blijft.`, 'HB-onvolledig');
    return result('niet-in-behandeling', true, `${why}${cite(proc, 'HB-onvolledig')}.`, {
      ontvankelijk: lower === undefined ? undefined : !late,
      ontbreekt,
      omzetBijgesteld,
    });
  }
  return herberekeningJudgement(facts, lower, termijn, route, proc, params, omzetBijgesteld, out);
}

/** A request for herberekening under a policy that has none: not admissible, only the hardheidsclausule can be assessed. */
function herberekeningOutsidePolicy(proc: Procedure, out: Collector): Outcome {
  out.add(
    'herberekening',
    'HERBEREKENING_NIET_IN_BELEID',
    'fout',
    `Het beleid ${proc.id} (${proc.document.replace(/_.*/, '')}) kent geen procedure herberekening tariefpercentage.`,
  );
  return result('niet-in-beleid', true, `het beleid ${proc.id} kent geen herberekening; beoordeel alleen de hardheidsclausule.`, { ontvankelijk: false });
}

/**
 * Admissible only for providers with a lower percentage; a new provider has none. The outcome when the provider is
 * outside the target group, else undefined (with a finding saying whether it is inside or cannot be told).
 */
function herberekeningTargetGroup(facts: Facts, lower: boolean | undefined, proc: Procedure, params: ParameterValues, out: Collector): Outcome | undefined {
  const outside = (message: string) => {
    out.add('herberekening', 'NIET_DOELGROEP', 'fout', message, 'HB-doelgroep');
    return result('niet-ontvankelijk', true, `alleen voor aanbieders met een afgesproken lager tariefpercentage${cite(proc, 'HB-doelgroep')}.`, {
      ontvankelijk: false,
    });
  };
  if (facts.nieuw === true) return outside('Nieuwe zorgaanbieder: er is geen lager tariefpercentage voor 2023 afgesproken, dus geen herberekening.');
  const ref = decParam(params, 'referentie_lager_percentage');
  if (lower === false) {
    return outside(
      facts.lager && ref
        ? `Tariefpercentage vorig jaar ${formatPercentage(facts.lager)} is niet lager dan het richttarief ${formatPercentage(ref)}.`
        : 'Er is geen lager tariefpercentage afgesproken.',
    );
  }
  if (lower === true) {
    out.add(
      'herberekening',
      'LAGER_TARIEF_AFGESPROKEN',
      'info',
      facts.lagerAfgesproken === true
        ? 'Met deze aanbieder is een lager tariefpercentage afgesproken.'
        : `Tariefpercentage vorig jaar ${formatPercentage(facts.lager!)} is lager dan het richttarief ${formatPercentage(ref!)}.`,
      'HB-doelgroep',
    );
  } else {
    out.add(
      'herberekening',
      'DOELGROEP_ONBEKEND',
      'waarschuwing',
      'Niet te bepalen of met deze aanbieder een lager tariefpercentage is afgesproken (vul Tariefpercentage vorig jaar of Lager tariefpercentage afgesproken in).',
      'HB-doelgroep',
    );
  }
  return undefined;
}

/** What the herberekening still lacks: its documents, the lower percentage and the omzet at that percentage. */
function herberekeningMissing(route: RouteDef, facts: Facts, out: Collector): string[] {
  const ontbreekt = missingDocuments(route, facts, 'herberekening', out);
  if (!facts.lager) {
    ontbreekt.push('Tariefpercentage vorig jaar');
    out.add('herberekening', 'GEGEVEN_ONTBREEKT', 'fout', 'Het lagere tariefpercentage ontbreekt.', 'BEIDE-percentages');
  }
  if (!facts.omzet) {
    ontbreekt.push('Wlz-omzet huidig tariefpercentage');
    out.add('herberekening', 'GEGEVEN_ONTBREEKT', 'fout', 'De omzet bij het lagere tariefpercentage ontbreekt.', 'BEIDE-percentages');
  }
  return ontbreekt;
}

/** The omzet after the NZa's adjustment of its tariffs (parameter nza_bijstelling), when there is one. */
function adjustedOmzet(omzet: Dec | undefined, params: ParameterValues, onderdeel: Onderdeel, rule: string, out: Collector): Dec | undefined {
  const bijstelling = decParam(params, 'nza_bijstelling');
  if (!omzet || !bijstelling || bijstelling.isZero()) return undefined;
  const bijgesteld = omzet.times(dec(100).plus(bijstelling)).dividedBy(100).toDecimalPlaces(2);
  out.add(
    onderdeel,
    'OMZET_BIJGESTELD',
    'info',
    `NZa-tarieven ${bijstelling.isPositive() ? '+' : ''}${formatNumber(bijstelling)}% bijgesteld: omzet ${formatEuro(omzet)} → ${formatEuro(bijgesteld)}.`,
    rule,
  );
  return bijgesteld;
}

/** Why a request is not taken into consideration: late, incomplete, incorrect, as one clause. */
function incompleteReason(late: boolean, ontbreekt: string[], onjuist: Finding[]): string {
  return [
    late ? 'te laat ontvangen' : '',
    ontbreekt.length ? `onvolledig (ontbreekt: ${ontbreekt.join(', ')})` : '',
    onjuist.length ? `onjuist (${onjuist.length} fout${onjuist.length > 1 ? 'en' : ''} in het formulier)` : '',
  ]
    .filter(Boolean)
    .join('; ');
}

/** A complete herberekening: the lower tariff is reëel (kept), not reëel (adjusted), or still to be judged. */
function herberekeningJudgement(
  facts: Facts,
  lower: boolean | undefined,
  termijn: Termijn,
  route: RouteDef,
  proc: Procedure,
  params: ParameterValues,
  omzetBijgesteld: Dec | undefined,
  out: Collector,
): Outcome {
  const plafond = decParam(params, 'plafond_herberekening') ?? facts.plafond;
  const nodig = facts.benodigd ?? kostendekkend(facts);
  const base: Base = {
    ontvankelijk: lower === undefined || termijn.status === 'onbekend' ? undefined : true,
    omzetBijgesteld,
    plafond,
    kostendekkendPercentage: nodig,
  };
  const crit = criteria(route, facts, 'herberekening', out);
  const kernNee = crit.nee.filter((c) => c.kern);
  if (facts.reeel === true || (facts.reeel === undefined && kernNee.length)) return lowerTariffKept(facts, kernNee, proc, base, out);
  if (facts.reeel === false) return lowerTariffAdjusted(facts, kernNee, plafond, nodig, proc, base, out);
  // No judgement yet: what is open, and what the form itself indicates.
  const open = [...crit.open.map((c) => c.label), 'Oordeel: lager tarief is reëel (ja/nee)'];
  let hint = '';
  if (nodig && facts.lager) {
    hint = nodig.greaterThan(facts.lager)
      ? ` Indicatie uit het formulier: niet reëel (kostendekkend vraagt ${formatPercentage(nodig)}, huidig ${formatPercentage(facts.lager)}${plafond ? `; voorstel dan ${formatPercentage(minDec(nodig, plafond))}` : ''}).`
      : ` Indicatie uit het formulier: reëel (kostendekkend bij ${formatPercentage(nodig)}, huidig ${formatPercentage(facts.lager)}).`;
  }
  out.add('herberekening', 'OORDEEL_ONTBREEKT', 'waarschuwing', `Nog te beoordelen: ${open.join('; ')}.${hint}`, 'HB-criteria');
  return result('te-beoordelen', true, `open: ${open.join('; ')}.${hint}`, { ...base, ontbreekt: open });
}

/** The lower tariff stays: judged reëel, or (without a judgement) a core criterion was not shown. */
function lowerTariffKept(facts: Facts, kernNee: CriterionDef[], proc: Procedure, base: Base, out: Collector): Outcome {
  const why =
    facts.reeel === true
      ? `het lagere tarief ${facts.lager ? formatPercentage(facts.lager) + ' ' : ''}is reëel${facts.onderbouwingReeel ? ` (${facts.onderbouwingReeel})` : ''}`
      : `niet aangetoond: ${names(kernNee)}`;
  out.add('herberekening', 'LAGER_TARIEF_REEEL', 'info', `Het lagere tarief blijft: ${why}.`, 'HB-reeel');
  if (facts.reeel === true && !facts.onderbouwingReeel)
    out.add('herberekening', 'ONDERBOUWING_ONTBREEKT', 'waarschuwing', 'Oordeel "reëel" zonder onderbouwing.', 'HB-reeel');
  return result('handhaven', true, `${why}${cite(proc, 'HB-reeel')}.`, { ...base, voorgesteldPercentage: facts.lager });
}

/** Judged not reëel: the tariff goes up to the kostendekkend percentage, at most the plafond (a proposal when both are known). */
function lowerTariffAdjusted(
  facts: Facts,
  kernNee: CriterionDef[],
  plafond: Dec | undefined,
  nodig: Dec | undefined,
  proc: Procedure,
  base: Base,
  out: Collector,
): Outcome {
  if (kernNee.length)
    out.add('herberekening', 'OORDEEL_TEGENSTRIJDIG', 'waarschuwing', `"Niet reëel", maar niet aangetoond: ${names(kernNee)}.`, 'HB-criteria');
  if (!facts.onderbouwingReeel)
    out.add('herberekening', 'ONDERBOUWING_ONTBREEKT', 'waarschuwing', 'Oordeel "niet reëel" zonder onderbouwing.', 'HB-niet-reeel');
  const { voorgesteld, how } = proposedPercentage(plafond, nodig, out);
  if (voorgesteld && facts.lager && voorgesteld.lessThanOrEqualTo(facts.lager)) {
    out.add(
      'herberekening',
      'GEEN_VERHOGING',
      'waarschuwing',
      `Het voorgestelde percentage ${formatPercentage(voorgesteld)} is niet hoger dan het huidige ${formatPercentage(facts.lager)}; controleer het oordeel "niet reëel".`,
      'HB-kostendekkend',
    );
  }
  out.add(
    'herberekening',
    'LAGER_TARIEF_NIET_REEEL',
    'info',
    `Het lagere tarief is niet reëel: aanpassen${voorgesteld ? ` naar ${formatPercentage(voorgesteld)}` : ''} (${how}) en een aangepast contractvoorstel.`,
    'HB-niet-reeel',
  );
  return result(
    'aanpassen',
    true,
    `${facts.lager ? formatPercentage(facts.lager) : 'lager tarief'} → ${voorgesteld ? formatPercentage(voorgesteld) : 'hoger tarief'} (${how})${cite(proc, 'HB-niet-reeel')}.`,
    { ...base, voorgesteldPercentage: voorgesteld },
  );
}

/** The percentage proposed for a lower tariff that is not reëel: the lower of kostendekkend and plafond, and how it was found. */
function proposedPercentage(plafond: Dec | undefined, nodig: Dec | undefined, out: Collector): { voorgesteld?: Dec; how: string } {
  if (plafond && nodig) return { voorgesteld: minDec(nodig, plafond), how: `kostendekkend ${formatPercentage(nodig)}, plafond ${formatPercentage(plafond)}` };
  if (plafond) return { voorgesteld: plafond, how: `tot maximaal ${formatPercentage(plafond)}; kostendekkend percentage niet bekend` };
  const how = 'plafond (tariefpercentage sector) niet bekend: vul parameter plafond_herberekening of het veld Tariefpercentage sector in';
  out.add('herberekening', 'PLAFOND_ONBEKEND', 'waarschuwing', `Geen voorgesteld percentage: ${how}.`, 'HB-niet-reeel');
  return { how };
}

// ------------------------------------------------------------------------------------------------
// Hardheidsclausule (002 §2.2.2; 004 §2.7, §6.9.6).

/** Hardheidsclausule: outside the policy or not asked, admissibility, the form's conditions, completeness, the criteria. */
function assessHardheidsclausule(
  facts: Facts,
  hb: boolean,
  hhc: boolean,
  lower: boolean | undefined,
  termijn: Termijn,
  proc: Procedure,
  params: ParameterValues,
  out: Collector,
): Outcome {
  const route = proc.hardheidsclausule;
  if (!hhc) return result('niet-aangevraagd', false, 'geen beroep.');
  if (!route) {
    out.add('hardheidsclausule', 'HARDHEIDSCLAUSULE_NIET_IN_BELEID', 'fout', `Het beleid ${proc.id} kent geen hardheidsclausule.`);
    return result('niet-in-beleid', true, `het beleid ${proc.id} kent geen hardheidsclausule.`, { ontvankelijk: false });
  }
  const refused = newProviderTooSmall(facts, proc, params, out) ?? herberekeningFirst(facts, hb, lower, proc, out);
  if (refused) return refused;
  if (hb && out.has('BEIDE-gelijktijdig')) bothRoutesTogether(facts, termijn, out);
  hardheidsclausuleForm(facts, out);

  const late = termijn.ontvangen.hardheidsclausule !== undefined && termijn.uiterste !== undefined && termijn.ontvangen.hardheidsclausule > termijn.uiterste;
  if (late)
    return result(
      'niet-ontvankelijk',
      true,
      `ontvangen na de vervaltermijn ${termijn.uiterste ? formatDate(termijn.uiterste) : ''}${cite(proc, 'HHC-termijn')}.`,
      { ontvankelijk: false },
    );

  const hhcOmzet = facts.hhcOmzet ?? (hb ? undefined : facts.omzet);
  const omzetBijgesteld = out.has('HHC-nza-bijstelling') ? adjustedOmzet(hhcOmzet, params, 'hardheidsclausule', 'HHC-nza-bijstelling', out) : undefined;
  const ontbreekt = missingDocuments(route, facts, 'hardheidsclausule', out);
  const { leeg, onjuist } = formErrors(out);
  for (const l of leeg) if (!ontbreekt.includes(l)) ontbreekt.push(l);
  const base = { ontvankelijk: termijn.status === 'onbekend' ? undefined : true, ontbreekt, omzetBijgesteld };
  if (ontbreekt.length || onjuist.length) {
    const why = incompleteReason(false, ontbreekt, onjuist);
    const until = termijn.uiterste ? ` Aanvullen kan tot ${formatDate(termijn.uiterste)}; daarna volgt afwijzing.` : '';
    const rule = out.has('HHC-na-termijn') ? 'HHC-na-termijn' : 'HHC-documenten';
    out.add('hardheidsclausule', 'ONVOLLEDIG', 'fout', `${why}.${until}`, rule);
    return result('niet-in-behandeling', true, `${why}.${until}${cite(proc, rule)}`, base);
  }
  return hardheidsclausuleCriteria(facts, route, proc, base, out);
}

/** A new provider with fewer Wlz-cliënten than the minimum is in principle not contracted, so not admissible. */
function newProviderTooSmall(facts: Facts, proc: Procedure, params: ParameterValues, out: Collector): Outcome | undefined {
  const min = num(params, 'minimum_wlz_clienten');
  if (!out.has('NIEUW-10') || min === undefined || facts.nieuw !== true) return undefined;
  if (facts.clienten === undefined) {
    out.add(
      'hardheidsclausule',
      'AANTAL_CLIENTEN_ONTBREEKT',
      'waarschuwing',
      `Nieuwe zorgaanbieder zonder aantal Wlz-cliënten: controleer de grens van ${min}.`,
      'NIEUW-10',
    );
    return undefined;
  }
  if (facts.clienten >= min) return undefined;
  out.add(
    'hardheidsclausule',
    'NIEUW_MINDER_DAN_10_CLIENTEN',
    'fout',
    `Nieuwe zorgaanbieder met ${facts.clienten} Wlz-cliënten (minder dan ${min}): komt in principe niet voor contractering in aanmerking, dus ook niet voor de hardheidsclausule. Bevestig handmatig.`,
    'NIEUW-10',
  );
  return result('niet-ontvankelijk', true, `nieuwe aanbieder met ${facts.clienten} Wlz-cliënten, minder dan ${min}${cite(proc, 'NIEUW-10')}.`, {
    ontvankelijk: false,
  });
}

/** A provider with a lower percentage asks for herberekening first (both at once): the hardheidsclausule alone is not admissible. */
function herberekeningFirst(facts: Facts, hb: boolean, lower: boolean | undefined, proc: Procedure, out: Collector): Outcome | undefined {
  if (!out.has('HHC-voorliggend') || !proc.herberekening || lower !== true || hb || facts.nieuw === true) return undefined;
  out.add(
    'hardheidsclausule',
    'HERBEREKENING_VOORLIGGEND',
    'fout',
    'Deze aanbieder heeft een lager tariefpercentage: de herberekening gaat voor. Vraag herberekening en hardheidsclausule gelijktijdig aan.',
    'HHC-voorliggend',
  );
  return result('niet-ontvankelijk', true, `herberekening is voorliggend; dien beide formulieren gelijktijdig in${cite(proc, 'HHC-voorliggend')}.`, {
    ontvankelijk: false,
  });
}

/** Both routes: sent on the same day, and the hardheidsclausule form with the sector's percentage and its omzet. */
function bothRoutesTogether(facts: Facts, termijn: Termijn, out: Collector): void {
  const a = termijn.ontvangen.herberekening;
  const b = termijn.ontvangen.hardheidsclausule;
  if (a && b && a !== b)
    out.add(
      'hardheidsclausule',
      'NIET_GELIJKTIJDIG',
      'waarschuwing',
      `Herberekening (${formatDate(a)}) en hardheidsclausule (${formatDate(b)}) zijn niet gelijktijdig ingediend.`,
      'BEIDE-gelijktijdig',
    );
  if (facts.hhcPercentage && facts.plafond && !facts.hhcPercentage.equals(facts.plafond)) {
    out.add(
      'hardheidsclausule',
      'PERCENTAGE_HHC_WIJKT_AF',
      'waarschuwing',
      `Het formulier hardheidsclausule moet het voor de prestatie geldende tariefpercentage bevatten (${formatPercentage(facts.plafond)}), niet ${formatPercentage(facts.hhcPercentage)}.`,
      'BEIDE-percentages',
    );
  }
  if (!facts.hhcPercentage || !facts.hhcOmzet)
    out.add(
      'hardheidsclausule',
      'GEGEVEN_ONTBREEKT',
      'waarschuwing',
      'Bij beide routes: het formulier hardheidsclausule met het voor de prestatie geldende tariefpercentage en de bijbehorende omzet ontbreekt.',
      'BEIDE-percentages',
    );
}

/** How the request was made: the subject names the hardheidsclausule, and the provider spoke to the zorginkoper first. */
function hardheidsclausuleForm(facts: Facts, out: Collector): void {
  if (out.has('HHC-formulier') && facts.onderwerp === false)
    out.add(
      'hardheidsclausule',
      'ONDERWERP_ZONDER_HARDHEIDSCLAUSULE',
      'waarschuwing',
      'Het onderwerp van het bericht noemt de term "hardheidsclausule" niet.',
      'HHC-formulier',
    );
  if (out.has('HHC-zorginkoper') && facts.contactZorginkoper === false)
    out.add(
      'hardheidsclausule',
      'GEEN_CONTACT_ZORGINKOPER',
      'waarschuwing',
      'Er is (nog) geen contact geweest met de zorginkoper over de reden van het beroep.',
      'HHC-zorginkoper',
    );
}

/**
 * A complete request, weighed on its criteria: a core criterion not shown rejects, an open one waits, a negative
 * weighing is the zorginkoper's decision, all shown grants (until the end of the inkoopjaar). No decision model: a proposal.
 */
function hardheidsclausuleCriteria(facts: Facts, route: RouteDef, proc: Procedure, base: Base, out: Collector): Outcome {
  const crit = criteria(route, facts, 'hardheidsclausule', out);
  const kernNee = crit.nee.filter((c) => c.kern);
  const wegingNee = crit.nee.filter((c) => !c.kern);
  const noModel = cite(proc, 'HHC-geen-beslismodel');
  if (kernNee.length) {
    out.add('hardheidsclausule', 'CRITERIUM_NIET_AANGETOOND', 'fout', `Niet aangetoond: ${names(kernNee)}.`, kernNee[0].rule);
    return result('afwijzen', true, `niet aangetoond: ${names(kernNee)}. Het besluit ligt bij het zorgkantoor${noModel}.`, base);
  }
  if (crit.open.length) {
    out.add('hardheidsclausule', 'OORDEEL_ONTBREEKT', 'waarschuwing', `Nog te beoordelen: ${names(crit.open)}.`, crit.open[0].rule);
    return result('te-beoordelen', true, `open: ${names(crit.open)}.`, { ...base, ontbreekt: crit.open.map((c) => c.label) });
  }
  if (wegingNee.length) {
    out.add(
      'hardheidsclausule',
      'WEGING_NEGATIEF',
      'waarschuwing',
      `De kerncriteria zijn aangetoond, maar de weging valt negatief uit op: ${names(wegingNee)}. Besluit van de zorginkoper.`,
      wegingNee[0].rule,
    );
    return result('te-beoordelen', true, `kerncriteria aangetoond; weging negatief op: ${names(wegingNee)}. Besluit van de zorginkoper${noModel}.`, base);
  }
  const geldigTot = `${proc.inkoopjaar}-12-31`;
  out.add(
    'hardheidsclausule',
    'GELDIGHEID',
    'info',
    `Afspraken op grond van de hardheidsclausule gelden tot uiterlijk ${formatDate(geldigTot)}.`,
    'HHC-geldigheid',
  );
  return result(
    'toekennen',
    true,
    `alle criteria aangetoond; het zorgkantoor bepaalt of en welke afspraken${noModel}; geldig tot uiterlijk ${formatDate(geldigTot)}${cite(proc, 'HHC-geldigheid')}.`,
    { ...base, geldigTot },
  );
}
