/**
 * Multi-year packs: a policy for several inkoopjaren (the seeds' policies run 2024–2026) with parameter values per
 * year (`perJaar`) and rules for some years only (`jaren`). Before a row is evaluated, the pack is narrowed to the
 * row's own Inkoopjaar: that year's rules and parameter values, and `inkoopjaar` set to it. A row without a
 * covered year gets the main inkoopjaar's view (and the engine's INKOOPJAAR_WIJKT_AF when it names another year).
 *
 * Parameter values per year travel in ParameterValues as "naam@jaar" (from `perJaar`, or `--set naam@2024=…`);
 * "naam" is the value for every year without its own.
 */
import { parseInteger, type CellValue } from '../parse';
import type { ParameterValues, PolicyPack } from './types';

export const YEAR_SEPARATOR = '@';

/** The inkoopjaren a pack covers: `inkoopjaren`, or its one `inkoopjaar`. */
export function coveredYears(pack: Pick<PolicyPack, 'inkoopjaar' | 'inkoopjaren'>): number[] {
  return pack.inkoopjaren ?? [pack.inkoopjaar];
}

/** "2025" or "2024–2026" (or "2024, 2026"), for messages. */
export function yearsText(pack: Pick<PolicyPack, 'inkoopjaar' | 'inkoopjaren'>): string {
  const years = [...coveredYears(pack)].sort((a, b) => a - b);
  if (years.length === 1) return String(years[0]);
  const consecutive = years.every((y, i) => i === 0 || y === years[i - 1] + 1);
  return consecutive ? `${years[0]}–${years[years.length - 1]}` : years.join(', ');
}

/** Whether anything in the pack depends on the year; if not, the pack is used as it is. */
function isMultiYear(pack: PolicyPack): boolean {
  return !!pack.inkoopjaren || pack.rules.some((r) => r.jaren) || Object.values(pack.parameters).some((d) => d.perJaar);
}

type View = { pack: PolicyPack; params: ParameterValues };
const views = new WeakMap<PolicyPack, WeakMap<ParameterValues, Map<number, View>>>();

/** The pack and parameter values for one inkoopjaar (one of the covered years). Cached per pack, values and year. */
export function packForYear(pack: PolicyPack, params: ParameterValues, year: number): View {
  let byParams = views.get(pack);
  if (!byParams) views.set(pack, (byParams = new WeakMap()));
  let byYear = byParams.get(params);
  if (!byYear) byParams.set(params, (byYear = new Map<number, View>()));
  const cached = byYear.get(year);
  if (cached) return cached;
  const own: ParameterValues = { ...params };
  for (const name of Object.keys(pack.parameters)) {
    const key = `${name}${YEAR_SEPARATOR}${year}`;
    if (Object.prototype.hasOwnProperty.call(params, key)) own[name] = params[key];
  }
  const view = { pack: { ...pack, inkoopjaar: year, rules: pack.rules.filter((r) => !r.jaren || r.jaren.includes(year)) }, params: own };
  byYear.set(year, view);
  return view;
}

/** The view for a row: its own Inkoopjaar when the pack covers it, else the pack's main inkoopjaar. */
export function packForRow(pack: PolicyPack, params: ParameterValues, inkoopjaar: CellValue): View {
  if (!isMultiYear(pack)) return { pack, params };
  const p = parseInteger(inkoopjaar);
  const year = p.ok && coveredYears(pack).includes(p.value) ? p.value : pack.inkoopjaar;
  return packForYear(pack, params, year);
}
