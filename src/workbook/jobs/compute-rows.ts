/**
 * How a job computes the rows of a sheet, the one code path for every job that prices them (annotate, bijlagen):
 * the first pass (scanRows: layout, repeated lines, fingerprint) and each row's result (RowComputer: the engine
 * through ResultMemo, with the repeated line's flag). A second calculation would be a second truth.
 */
import { batchLineKey, lineYear, ResultMemo, rowPrestatieCode, rowRef, withRepeatedLine, type InputRow, type RowResult } from '../../domain/engine';
import type { ParameterValues, PolicyPack } from '../../domain/policy/types';
import { InputError } from '../errors';
import { RepeatedLines } from '../lines';
import { metaTakenMessage, protectedSheetMessage } from '../names';
import type { SheetRead, WorkbookPort } from '../port';
import { RunCancelled, type JobOptions, type RunPhase } from './job';
import { detectLayout, type ColumnMapping, type InputLayout } from './layout';
import { holdsLastRun, lastRunFrom, readLastRun, type LastRun } from './last-run';
import { findPrevious, RerunMatcher } from './previous-run';
import { PAUSE_EVERY, readAll, readRows, readWindow, type ReadOptions } from './read-rows';

/** What the first pass is told (AnnotateOptions has these and more). */
export interface ScanOptions extends JobOptions {
  sheet?: string;
  mapping?: ColumnMapping;
  skipSheets?: string[];
  slice?: number;
  window?: number;
  /**
   * Rows per read window on a rerun, at most (the CLI: RERUN_WINDOW, as its lines carry the previous record and a
   * Node process's heap grows with them); without it a rerun reads as a first run does (the add-in: fewer syncs).
   */
  rerunWindow?: number;
  /** Read the previous run's block too and match its rows to the rows now (annotate's rerun; Scan.matcher). */
  previousRun?: boolean;
}

/** What the first pass over the rows finds: enough to write the block and each row's DUBBELE_REGEL as it goes. */
export interface Scan {
  dataRows: number;
  /** The last row with data (0-based), or the header's row. */
  lastDataRow: number;
  fingerprint: string;
  /** Sheet row → every sheet row of its line, for rows whose AGB-code + prestatie + zorgkantoor repeat. */
  repeated: Map<number, readonly number[]>;
  /** A sheet read in one window, kept for the second pass. */
  held: { reads?: SheetRead[] };
  /** On a rerun over Tariefwijzer's columns: the previous rows, matched to the rows now. */
  matcher?: RerunMatcher;
  /** Rows per read window, for the second pass too (readWindow). */
  window: number;
}

/**
 * The first pass: the layout, then every row read window by window for what must be known before the first row
 * is written (where the data ends, repeated lines, the fingerprint). It classifies each row's prestatie (for its
 * line) but evaluates nothing; the second pass (rowSource) computes and writes. A sheet of one window is read
 * once: the second pass gets this read.
 */
export async function scanRows(
  port: WorkbookPort,
  pack: PolicyPack,
  params: ParameterValues,
  options: ScanOptions,
): Promise<{ layout: InputLayout; scan: Scan }> {
  const cancelled = () => {
    if (options.signal?.aborted) throw new RunCancelled();
  };
  let current: RunPhase | undefined;
  const phase = (next: RunPhase) => {
    if (next !== current) options.onPhase?.((current = next));
  };
  phase('lezen');
  const layout = await detectLayout(port, pack, options);
  if (layout.protected) throw new InputError(protectedSheetMessage(layout.sheet));
  if (layout.metaTaken) throw new InputError(metaTakenMessage());
  // a run broken off while writing left output that is partly old, partly new: nothing to compare against
  const last = options.previousRun ? await lastRunOf(port, layout) : undefined;
  const previous = options.previousRun && last?.complete !== false ? findPrevious(layout.match.outputColumns, pack, params, last) : undefined;
  const matcher = previous && new RerunMatcher(previous, layout.sheet);
  cancelled();
  const { match } = layout;
  // progress counts the rows below the header (empty ones are passed over quickly)
  const below = Math.max(0, layout.rowCount - match.row - 1);
  options.onProgress?.(0, below);
  const lines = new RepeatedLines(match.row + 1, below);
  const held: Scan['held'] = {};
  let dataRows = 0;
  let lastDataRow = match.row;
  const progressEvery = options.pause ? PAUSE_EVERY : (options.slice ?? PROGRESS_EVERY);
  const window = readWindow(options.window, matcher ? options.rerunWindow : undefined);
  const fingerprint = await readAll(
    readRows(port, pack, layout, { ...options, window, onPhase: phase, hold: held, ...rerunRead(matcher) }, (row, r, line) => {
      dataRows++;
      matcher?.scanRow(row.cells, line, r);
      lastDataRow = r;
      const key = batchLineKey(row.cells, rowPrestatieCode(row.cells, pack, params));
      if (key !== undefined) lines.add(r, key);
      if (dataRows % progressEvery === 0 && r - match.row < below) options.onProgress?.(r - match.row, below);
    }),
  );
  options.onProgress?.(dataRows, dataRows);
  cancelled();
  matcher?.resolve();
  return { layout, scan: { dataRows, lastDataRow, fingerprint, repeated: lines.repeated(), held, matcher, window } };
}

/** The recorded run: from the rows read with the layout when they hold all of it (usually), else read whole. */
async function lastRunOf(port: WorkbookPort, layout: InputLayout): Promise<LastRun | undefined> {
  const rows = layout.metaRows;
  return rows && (!rows.length || holdsLastRun(rows)) ? lastRunFrom(rows) : readLastRun(port);
}

/** What readRows must read on a rerun besides the inputs: the previous block, and rows without input. */
function rerunRead(matcher: RerunMatcher | undefined): Pick<ReadOptions, 'extra' | 'onEmpty'> {
  return matcher ? { extra: matcher.columns(), onEmpty: (line, r) => matcher.scanEmpty(line, r) } : {};
}

/** Progress is reported every this many rows (with `pause` or `slice`: more often, for the task pane's bar). */
const PROGRESS_EVERY = 10_000;

/** Results a RowComputer keeps for reuse (ResultMemo) before it starts a new memo: distinct rows do not pile up. */
const MEMO_LIMIT = 4_096;

/**
 * Each row's result in the second pass: the engine (equal rows share one result) and, for a row whose line
 * repeats (the first pass's Scan.repeated), DUBBELE_REGEL naming the other rows.
 */
export class RowComputer {
  private memo = new ResultMemo();

  constructor(
    private readonly pack: PolicyPack,
    private readonly params: ParameterValues,
    private readonly sheet: string,
    private readonly repeated: Scan['repeated'],
  ) {}

  compute(row: InputRow, sheetRow: number): RowResult {
    const res = this.memo.evaluate(row, this.pack, this.params);
    const line = this.repeated.get(sheetRow);
    if (!line) return res;
    return withRepeatedLine(
      res,
      line.map((x) => rowRef(this.sheet, x)),
      lineYear(row.cells.inkoopjaar),
    );
  }

  /** Lets go of the results of rows long written, once the memo holds more than MEMO_LIMIT. */
  trim(): void {
    if (this.memo.size > MEMO_LIMIT) this.memo = new ResultMemo();
  }
}
