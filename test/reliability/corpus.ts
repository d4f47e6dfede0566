/**
 * The corpus of bad input: what people really put in their workbooks, files and parameters. Each kind has
 * an id (also listed in docs/problemen-oplossen.md), a Dutch title, a fixture and the asserted outcome: a
 * Dutch flag on the row, a Dutch warning for the run, or a Dutch error with nothing written.
 */
import type { AnnotateOutcome } from '../../src/workbook/jobs/annotate';
import type { WorkbookSpec } from './workbooks';

export type Area = 'kopregel' | 'code' | 'percentage' | 'tarief' | 'foutwaarde' | 'rijen' | 'werkmap' | 'bestand' | 'beleid';

interface Base {
  id: string;
  area: Area;
  /** What the user did, in Dutch. */
  title: string;
}

/** Run on both adapters; `expect` gets the outcome, or the error's message. */
export interface WorkbookKind extends Base {
  type: 'werkmap';
  spec: WorkbookSpec;
  pack?: 'zk-ggz-2025' | 'dsw-vv-2024';
  sheet?: string;
  /** Only exceljs can hold it (merges, hidden rows, autofilter): the fake host does not model them. */
  xlsxOnly?: boolean;
  expect: (result: { outcome?: AnnotateOutcome; error?: string; adapter: string }) => void;
}

/** Checked by its own test (CLI, files, packs, parameters, sizes). */
export interface OwnKind extends Base {
  type: 'eigen';
}

export type Kind = WorkbookKind | OwnKind;

/** The row result for sheet row `n` (1-based, as Excel shows it). */
export function rowAt(outcome: AnnotateOutcome | undefined, n: number) {
  const res = outcome?.run.results.find((r) => r.ref.endsWith(`!${n}`));
  if (!res) throw new Error(`geen uitkomst voor rij ${n}`);
  return res;
}

export function codesAt(outcome: AnnotateOutcome | undefined, n: number): string[] {
  return rowAt(outcome, n).flags.map((f) => f.code);
}

export function messagesAt(outcome: AnnotateOutcome | undefined, n: number): string {
  return rowAt(outcome, n)
    .flags.map((f) => f.message)
    .join('\n');
}
