/** Every input row of a layout's sheet, read window by window, with the fingerprint of what was read. */
import { rowRef, type InputRow } from '../../domain/engine';
import { isEmptyCell, type CellValue } from '../../domain/parse';
import type { PolicyPack } from '../../domain/policy/types';
import { Fingerprint } from '../fingerprint';
import { normalizeCodeKey } from '../names';
import type { ReadRequest, SheetRead, WorkbookPort } from '../port';
import { RunCancelled, type RunPhase } from './job';
import { buildTariffTable, type InputLayout } from './layout';

/**
 * Rows are read and computed in windows of this many: a run holds one window of input rows at a time, not the
 * whole sheet (a 300,000-row run would otherwise hold every row's cells while it computes). The .xlsx adapter goes
 * on reading where the last window stopped; with Office.js a window is one or a few round trips.
 */
export const READ_WINDOW = 65_536;

/**
 * Rows per read window: `window` (READ_WINDOW when not given), at most `cap`: a rerun's (ScanOptions.rerunWindow), or
 * the port's while a block is written into the sheet read (WorkbookPort.windowWhileWriting: the .xlsx adapter holds
 * what a read takes ahead of its writer).
 */
export function readWindow(window: number | undefined, cap: number | undefined): number {
  const size = window ?? READ_WINDOW;
  return cap === undefined ? size : Math.min(size, cap);
}

/** Loops call `pause` once every this many rows (it is cheap, and yields only when a slice is used up). */
export const PAUSE_EVERY = 256;

/** What readRows may be told besides AnnotateOptions. */
export interface ReadOptions {
  pause?: () => Promise<void>;
  signal?: AbortSignal;
  slice?: number;
  onPhase?: (phase: RunPhase) => void;
  /** Rows per window (READ_WINDOW; tests use fewer). */
  window?: number;
  /** A sheet read in one window: keep that read here (`hold`) for the next pass, or take it from here (`reuse`). */
  hold?: { reads?: SheetRead[] };
  reuse?: { reads?: SheetRead[] };
  /** Tell nothing about the tariff table and skip the fingerprint: the first pass did both. */
  quiet?: boolean;
  /** Yield before a row at or after this one (0-based sheet row), until the caller moves it on. */
  until?: () => number;
  /** Columns to read besides the inputs (a rerun's previous output); onRow gets the whole line. */
  extra?: readonly number[];
  /** Called for a row without input (skipped otherwise), with its line: previous output may stand there. */
  onEmpty?: (line: readonly CellValue[], sheetRow: number) => void;
}

/**
 * Every input row of the layout's sheet, read window by window; returns the fingerprint of the inputs. With
 * `until` it yields when it reaches that row, so a caller can take the rows in smaller steps than it reads them.
 */
export async function* readRows(
  port: WorkbookPort,
  pack: PolicyPack,
  layout: InputLayout,
  options: ReadOptions,
  onRow: (row: InputRow, sheetRow: number, line: readonly CellValue[]) => void,
): AsyncGenerator<void, string> {
  const { sheet, match, tariffSheet, warnings } = layout;
  const totals = new Set(layout.totalsRows ?? []);
  const names = Object.keys(match.columns);
  // Only the columns the engine needs; never the (possibly large) output columns of an earlier run.
  const columns = names.map((n) => match.columns[n]);
  let table = new Map<string, CellValue>();
  const print = new Fingerprint();
  print.add(pack.id);
  print.add(pack.version);
  let done = 0;
  const size = options.window ?? READ_WINDOW;
  for (let start = match.row + 1; start < layout.rowCount; start += size) {
    while (options.until && start >= options.until()) yield;
    // the window's rows from its first (grid[0] is sheet row `start`)
    const requests: ReadRequest[] = [
      { sheet, firstRow: start, rows: size, fromFirstRow: true, columns: options.extra ? [...columns, ...options.extra] : columns },
    ];
    // the tariff sheet comes with the first window (the same round trip)
    if (tariffSheet && start === match.row + 1)
      requests.push({ sheet: tariffSheet.name, columns: [tariffSheet.match.columns.prestatiecode, tariffSheet.match.columns.maximumtarief] });
    // the phase says what the run waits for: reading a window, then computing its rows
    options.onPhase?.('lezen');
    const single = start === match.row + 1 && start + size >= layout.rowCount;
    const held = single ? options.reuse?.reads : undefined;
    if (options.reuse) options.reuse.reads = undefined;
    const [data, tariffs] = held ?? (await port.readSheets(requests));
    if (single && options.hold) options.hold.reads = tariffs ? [data, tariffs] : [data];
    options.onPhase?.('rekenen');
    if (tariffs) table = buildTariffTable(tariffs.cells, tariffSheet!.match, tariffSheet!.name, options.quiet ? [] : warnings);
    const grid = data.cells;
    const end = Math.min(start + grid.length, start + size);
    for (let r = start; r < end; r++) {
      while (options.until && r >= options.until()) yield;
      if (options.pause && r % PAUSE_EVERY === 0) {
        await options.pause();
        if (options.signal?.aborted) throw new RunCancelled();
      }
      if (totals.has(r)) continue;
      const line = grid[r - start] ?? NO_CELLS;
      let empty = true;
      for (const c of columns) if (!isEmptyCell(line[c])) empty = false;
      if (empty) {
        options.onEmpty?.(line, r);
        continue;
      }
      const cells: Record<string, CellValue> = {};
      for (let f = 0; f < names.length; f++) cells[names[f]] = line[columns[f]];
      if (isEmptyCell(cells.maximumtarief) && table.size) {
        const fromTable = table.get(normalizeCodeKey(cells.prestatiecode));
        if (fromTable !== undefined) cells.maximumtarief = fromTable;
      }
      if (!options.quiet) {
        for (const name of names) {
          print.add(name);
          print.add(cells[name]);
        }
        print.add('maximumtarief');
        print.add(cells.maximumtarief);
      }
      onRow({ ref: rowRef(sheet, r), cells }, r, line);
      if (options.slice && ++done % options.slice === 0) {
        // AnnotateOptions.slice: give the event loop a turn
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (options.signal?.aborted) throw new RunCancelled();
      }
    }
  }
  return print.value();
}

/** Runs a readRows to its end; its fingerprint. */
export async function readAll(rows: AsyncGenerator<void, string>): Promise<string> {
  for (;;) {
    const step = await rows.next();
    if (step.done) return step.value;
  }
}

const NO_CELLS: CellValue[] = [];
