/** The small shared parts of a herschikking: a signal with its rule, sums and percentages, reading cells, the projection to the year end. */
import { formatCitation, type Flag } from '../flags';
import { D, type Dec, formatEuro, formatNumber, isRoundingMode, ROUNDING_MODES, type RoundingMode } from '../money';
import { isEmptyCell, parseText, type CellValue } from '../parse';
import type { ParameterValues } from '../policy/types';
import { PRODUCTION_FLAGS, type ProductionFlagCode } from '../signal-codes';
import { monthLabel } from './months';
import type { HerschikRule } from './rules';
import type { Line } from './types';

export function pflag(code: ProductionFlagCode, message: string, rule?: HerschikRule): Flag {
  return { code, severity: PRODUCTION_FLAGS[code], message, ...(rule ? { citation: rule.source, ruleId: rule.id } : {}) };
}

export function cite(rule: HerschikRule): string {
  return ` [${formatCitation(rule.source)}]`;
}

export const ZERO = new D(0);
export const sum = (xs: readonly Dec[]) => xs.reduce((a, b) => a.plus(b), ZERO);

export function text(v: CellValue): string | undefined {
  if (isEmptyCell(v)) return undefined;
  const p = parseText(v);
  return p.ok ? p.value : undefined;
}

export function dec(v: unknown): Dec | undefined {
  return v !== null && typeof v === 'object' ? (v as Dec) : undefined;
}

export function pct(part: Dec, whole: Dec): Dec | undefined {
  return whole.isZero() ? undefined : part.dividedBy(whole).times(100);
}

export function formatPct(v: Dec | undefined, decimals = 2): string {
  return v === undefined ? '—' : `${formatNumber(v, 0, decimals)}%`;
}

export function roundingOf(params: ParameterValues): RoundingMode {
  return isRoundingMode(params.afronding) ? params.afronding : 'rekenkundig';
}

/** Projection from month `last` (1–12) to the year end, in € and volume, with the chosen method. */
export function project(
  line: Pick<Line, 'omzet' | 'volume'>,
  last: number,
  method: string,
  n: number,
  mode: RoundingMode,
): { omzet: Dec; volume: Dec; text: string } {
  const remaining = 12 - last;
  if (last < 1 || remaining <= 0) return { omzet: ZERO, volume: ZERO, text: remaining <= 0 ? 'geen resterende maanden' : 'geen maanden' };
  if (method === 'gemiddelde-laatste-maanden') {
    const k = Math.min(n, last);
    const from = last - k;
    const o = sum(line.omzet.slice(from, last)).dividedBy(k);
    const v = sum(line.volume.slice(from, last)).dividedBy(k);
    return {
      omzet: o.times(remaining).toDecimalPlaces(2, ROUNDING_MODES[mode]),
      volume: v.times(remaining),
      text: `gemiddelde van ${k} maanden (${monthLabel(from + 1)}–${monthLabel(last)}) ${formatEuro(o)} × ${remaining} maanden`,
    };
  }
  const o = line.omzet[last - 1];
  return { omzet: o.times(remaining), volume: line.volume[last - 1].times(remaining), text: `${monthLabel(last)} ${formatEuro(o)} × ${remaining} maanden` };
}

/** What a run decides once for all rows: the year, the last month counted, and how production is extrapolated. */
