/** What the tariff engine takes for one row (its cells) and gives back (percentage, tariff, flags and the steps that explain them). */
import type { Flag } from './flags';
import type { Dec } from './money';
import type { CellValue } from './parse';
import type { Citation, Prestatie } from './types';

/**
 * "Blad!12" for 0-based row 11, as one flat string: a template literal makes a rope of three (≈ 90 bytes instead
 * of ≈ 40), which adds up over the hundreds of thousands of rows a run holds.
 */
export function rowRef(sheet: string, row: number): string {
  return [sheet, '!', row + 1].join('');
}

export interface InputRow {
  /** Where the row came from, for messages: "Blad1!12" or a row number. */
  ref: string;
  /** Raw cells keyed by canonical field name (see fields.ts and the pack's own fields). */
  cells: Record<string, CellValue>;
}

export type StepKind = 'basis' | 'opslag' | 'afslag' | 'niet-gestapeld' | 'grens' | 'bodem' | 'tarief';

export interface Step {
  kind: StepKind;
  text: string;
  /** Points for opslag/afslag, percentage for basis/grens/bodem, amount for tarief. */
  value?: Dec;
  /** The percentage after this step. */
  result?: Dec;
  ruleId?: string;
  citation?: Citation;
}

export interface RowResult {
  ref: string;
  prestatie?: Prestatie;
  percentage?: Dec;
  tarief?: Dec;
  maximumtarief?: Dec;
  /** Read-only: equal rows of a run share this array (see ResultMemo); copy it to add a flag. */
  flags: Flag[];
  /** Read-only, like flags. */
  steps: Step[];
  /** The steps as Dutch sentences. */
  explanation: string;
  excluded: boolean;
}
