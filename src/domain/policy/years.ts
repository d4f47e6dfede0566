/**
 * Multi-year packs: a policy for several inkoopjaren (the seeds' policies run 2024–2026) with parameter values per
 * year (`perJaar`) and rules for some years only (`jaren`). Before a row is evaluated, the pack is narrowed to the
 * row's own Inkoopjaar: that year's rules and parameter values, and `inkoopjaar` set to it. Where a row's year is
 * not one of the pack's, rowYear says how (outside the years, empty, unreadable, no column) and the engine decides
 * what to do and says it in the row (see evaluateRow).
 *
 * Parameter values per year travel in ParameterValues as "naam@jaar" (from `perJaar`, or `--set naam@2024=…`);
 * "naam" is the value for every year without its own.
 */
import { isEmptyCell, parseInteger, shortCell, type CellValue } from '../parse';
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
export function isMultiYear(pack: PolicyPack): boolean {
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

/** The view for one year; the pack itself when nothing in it depends on the year. */
export function viewForYear(pack: PolicyPack, params: ParameterValues, year: number): View {
  return isMultiYear(pack) ? packForYear(pack, params, year) : { pack, params };
}

/** The covered year nearest to `year`; of two as near, the later (the newer values). */
export function nearestYear(pack: Pick<PolicyPack, 'inkoopjaar' | 'inkoopjaren'>, year: number): number {
  return coveredYears(pack).reduce((best, y) => {
    const d = Math.abs(y - year) - Math.abs(best - year);
    return d < 0 || (d === 0 && y > best) ? y : best;
  });
}

/**
 * Where a row's Inkoopjaar cell puts it: one of the pack's years, a year outside them (with the nearest year of the
 * pack), or no year: the cell is empty or unreadable (`shown`: what it holds), or the sheet has no such column.
 */
export type RowYear =
  { kind: 'covered'; year: number } | { kind: 'outside'; year: number; nearest: number } | { kind: 'unknown'; column: boolean; shown?: string };

export function rowYear(pack: Pick<PolicyPack, 'inkoopjaar' | 'inkoopjaren'>, cells: Record<string, CellValue>): RowYear {
  // `in` (not the value): an empty cell and a sheet without the column both read as undefined
  if (!('inkoopjaar' in cells)) return { kind: 'unknown', column: false };
  const cell = cells.inkoopjaar;
  if (isEmptyCell(cell)) return { kind: 'unknown', column: true };
  const p = parseInteger(cell);
  if (!p.ok) return { kind: 'unknown', column: true, shown: shortCell(cell) };
  return coveredYears(pack).includes(p.value) ? { kind: 'covered', year: p.value } : { kind: 'outside', year: p.value, nearest: nearestYear(pack, p.value) };
}
