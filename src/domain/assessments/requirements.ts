/** What both routes ask of a request: its documents, its criteria with evidence, and the omzet after the NZa's adjustment. */
import { dec, type Dec, formatEuro, formatNumber } from '../money';
import type { ParameterValues } from '../policy/types';
import { decParam, type Collector } from './collector';
import type { Facts } from './facts';
import type { CriterionDef, RouteDef } from './procedure';
import type { Onderdeel } from './types';

export function missingDocuments(route: RouteDef, facts: Facts, onderdeel: Onderdeel, out: Collector): string[] {
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

export interface CriteriaState {
  nee: CriterionDef[];
  open: CriterionDef[];
  ja: CriterionDef[];
}

export function criteria(route: RouteDef, facts: Facts, onderdeel: Onderdeel, out: Collector): CriteriaState {
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

/** The omzet after the NZa's adjustment of its tariffs (parameter nza_bijstelling), when there is one. */
export function adjustedOmzet(omzet: Dec | undefined, params: ParameterValues, onderdeel: Onderdeel, rule: string, out: Collector): Dec | undefined {
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
