/** Consistency of a request: sums, percentages and dates within it. */
import { dec, type Dec, formatEuro, formatPercentage } from '../money';
import type { ParameterValues } from '../policy/types';
import type { AssessmentCode } from '../signals';
import { dateParam, type Collector } from './collector';
import { formatDate } from './dates';
import type { Facts } from './facts';
import Decimal from 'decimal.js';

/** Sums may differ by this much (rounding in the provider's own sheet). */
export const MONEY_TOLERANCE = dec(1);
/** Relative tolerance for amounts derived from percentages (omzet HHC, opbrengsten vs omzet). */
export const RELATIVE_TOLERANCE = dec('0.01');

/** A finding of an incorrect form, under the rule that asks for a correct one. */
type Bad = (code: AssessmentCode, message: string) => void;

/** `rule`: the rule that asks for a correct form (the herberekening's when it is asked for). */
export function consistencyChecks(facts: Facts, params: ParameterValues, out: Collector, rule: string): void {
  const bad: Bad = (code, message) => out.add('formulier', code, 'fout', message, rule);
  checkPercentages(facts, bad, out);
  checkSums(facts, bad);
  checkDerivedAmounts(facts, out);
  checkDates(facts, params, bad, out);
}

/** Every percentage lies between 0% and 100% of the NZa-maximumtarief; the provider's own is not above the sector's. */
function checkPercentages(facts: Facts, bad: Bad, out: Collector): void {
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
}

/** Personnel plus other costs make the total; revenue minus costs makes the result (within MONEY_TOLERANCE). */
function checkSums(facts: Facts, bad: Bad): void {
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
}

/** Amounts derived from others agree within RELATIVE_TOLERANCE: revenue and omzet, the hardheidsclausule's omzet, the kostendekkend percentage. */
function checkDerivedAmounts(facts: Facts, out: Collector): void {
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
}

/** The board's statement is signed before the request arrived; a request before the richttarief was published is odd. */
function checkDates(facts: Facts, params: ParameterValues, bad: Bad, out: Collector): void {
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
export function kostendekkend(facts: Facts): Dec | undefined {
  const kosten = facts.kostenTotaal ?? (facts.kostenPersoneel && facts.kostenOverig ? facts.kostenPersoneel.plus(facts.kostenOverig) : undefined);
  if (!facts.lager || !kosten || !facts.opbrengsten || facts.opbrengsten.lessThanOrEqualTo(0)) return undefined;
  return facts.lager.times(kosten).dividedBy(facts.opbrengsten).toDecimalPlaces(2, Decimal.ROUND_UP);
}
