/** Deadlines, in calendar days from the publication of the richttarief: in time, late, or not to be told. */
import type { ParameterValues } from '../policy/types';
import { dateParam, num, type Collector } from './collector';
import { addDays, formatDate } from './dates';
import type { Facts } from './facts';
import type { Procedure } from './procedure';
import type { DeadlineResult } from './types';

type Received = DeadlineResult['ontvangen'];
type Route = keyof Received;

/**
 * The deadline of the request and whether each route asked for arrived in time: the uiterste datum (publication + the
 * days to submit), the advised date, feedback and kort geding after it; without a term or a publication date, no check.
 */
export function deadlines(facts: Facts, hb: boolean, hhc: boolean, proc: Procedure, params: ParameterValues, out: Collector): Omit<DeadlineResult, 'findings'> {
  const ontvangen = {
    herberekening: hb ? (facts.datumHb ?? facts.datum) : undefined,
    hardheidsclausule: hhc ? (facts.datumHhc ?? facts.datum) : undefined,
  };
  if (!hb && !hhc) return { status: 'niet-van-toepassing', ontvangen, samenvatting: 'Geen aanvraag.' };
  const pub = dateParam(params, 'publicatiedatum_richttarief');
  const days = num(params, 'indientermijn_dagen');
  if (days === undefined || !pub) return withoutDeadline(days, pub, ontvangen, proc, out);
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
  for (const [route, rule] of [
    ['herberekening', 'HB-termijn'],
    ['hardheidsclausule', 'HHC-termijn'],
  ] as const) {
    if (!(route === 'herberekening' ? hb : hhc)) continue;
    const timeliness = routeTimeliness(route, ontvangen[route], rule, uiterste, advies, out, parts);
    if (timeliness === 'unknown') unknown = true;
    if (timeliness === 'late') late = true;
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

/** No deadline check when the policy names no term or the richttarief's publication date is not set: said so. */
function withoutDeadline(
  days: number | undefined,
  pub: string | undefined,
  ontvangen: Received,
  proc: Procedure,
  out: Collector,
): Omit<DeadlineResult, 'findings'> {
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

/**
 * One route asked for: received by the uiterste datum (in time), after it (late; for the hardheidsclausule a vervaltermijn),
 * or with no date (unknown); a hardheidsclausule on or after the advised date can only be completed until the deadline.
 */
function routeTimeliness(
  route: Route,
  d: string | undefined,
  rule: string,
  uiterste: string,
  advies: string | undefined,
  out: Collector,
  parts: string[],
): 'unknown' | 'late' | 'in-time' {
  if (!d) {
    out.add('termijn', 'DATUM_ONTVANGST_ONTBREEKT', 'fout', `Datum ontvangst ${route} ontbreekt: tijdigheid niet te bepalen.`, rule);
    parts.push(`${route}: ontvangstdatum ontbreekt`);
    return 'unknown';
  }
  const name = route === 'herberekening' ? 'Herberekening' : 'Hardheidsclausule';
  if (d > uiterste) {
    out.add(
      'termijn',
      'TE_LAAT',
      'fout',
      `${name} ontvangen op ${formatDate(d)}, na de uiterste datum ${formatDate(uiterste)}${route === 'hardheidsclausule' ? ' (vervaltermijn)' : ''}.`,
      rule,
    );
    parts.push(`${route} ontvangen ${formatDate(d)}: te laat`);
    return 'late';
  }
  parts.push(`${route} ontvangen ${formatDate(d)}: tijdig`);
  out.add('termijn', 'TIJDIG', 'info', `${name} ontvangen op ${formatDate(d)}, uiterlijk ${formatDate(uiterste)}: tijdig.`, rule);
  if (route === 'hardheidsclausule' && advies && d >= advies && out.has('HHC-advies')) {
    out.add(
      'termijn',
      'NA_ADVIESDATUM',
      'info',
      `Ontvangen op of na de geadviseerde datum (vóór ${formatDate(advies)}): ontbrekende informatie kan alleen nog tot ${formatDate(uiterste)} worden aangevuld.`,
      'HHC-advies',
    );
  }
  return 'in-time';
}
