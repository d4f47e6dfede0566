/**
 * The one interface between the workbook jobs and a workbook; implemented by the .xlsx package editor (xlsx/, the
 * CLI) and by Office.js (office/, the add-in). The same contract tests run against both.
 */
import { isEmptyCell, type CellValue } from '../domain/parse';

/** A value Tariefwijzer writes. Strings are always written as text, never as a formula. */
export type OutputValue = string | number | null;

export interface OutputBlock {
  sheet: string;
  /** 0-based row of the header; values start on the next row. */
  headerRow: number;
  /** 0-based first column of the block. */
  firstColumn: number;
  headers: string[];
  /** One array per row below the header, `headers.length` long; null clears the cell. Empty when `rows` is given. */
  values: OutputValue[][];
  /**
   * The rows below the header made while the adapter writes, window by window, instead of `values`: a run then
   * holds one window of output, not every row's (see docs/performance.md). `notes` is complete once the last
   * window has been handed out, so an adapter writes notes after the rows.
   */
  rows?: RowSource;
  /** Number format per column (Excel syntax), or undefined for General. */
  numberFormats: Array<string | undefined>;
  /**
   * Conditional highlighting of the block's value rows: a row is filled with `color` when its cell in block
   * column `column` contains `contains`. Replaces Tariefwijzer's earlier rules on the block; touches no others.
   */
  highlights?: Highlight[];
  /**
   * Columns whose value cells take one of a list (Excel: Gegevensvalidatie, a list with a drop-down). Replaces
   * Tariefwijzer's earlier lists on the block; touches no others.
   */
  validations?: ListValidation[];
  /**
   * Block columns to hide (Excel: Verbergen), e.g. a column kept for the next run rather than for people. Only
   * hides: the other columns, and these on a block that does not name them, stay as the user has them.
   */
  hiddenColumns?: number[];
  /**
   * Cell notes in the block (where the host supports them). Replaces every note in the block's value area,
   * so notes of an earlier run go; with none given, the area is left without notes.
   */
  notes?: CellNote[];
}

export interface RowSource {
  /** Rows below the header in all. */
  count: number;
  /** The next window of rows, in order (the first call gives the first rows); together the windows give `count` rows. */
  next(): Promise<OutputValue[][]>;
  /**
   * The same rows again from the first, for a source that can make them more than once: an adapter may then hold
   * the source instead of its rows (the .xlsx adapter's own sheets, written at every save).
   */
  again?(): RowSource;
}

/** `count` rows made by `make(i)` a window at a time, as often as they are asked for (RowSource.again). */
export function madeRows(count: number, make: (i: number) => OutputValue[], window = 1_024): RowSource {
  let at = 0;
  return {
    count,
    async next() {
      const out: OutputValue[][] = [];
      for (const end = Math.min(count, at + window); at < end; at++) out.push(make(at));
      return out;
    },
    again: () => madeRows(count, make, window),
  };
}

/** How many rows below the header a block covers. */
export function blockRowCount(block: OutputBlock): number {
  return block.rows ? block.rows.count : block.values.length;
}

/**
 * A block's rows as an adapter writes them, in order: `load(i)` makes row i (0 = the first below the header) and
 * those after it in its window available to `get`; rows before the current window are let go.
 */
export class BlockRows {
  private window: OutputValue[][];
  private start = 0;

  constructor(private readonly block: OutputBlock) {
    this.window = block.rows ? [] : block.values;
  }

  get count(): number {
    return blockRowCount(this.block);
  }

  async load(i: number): Promise<void> {
    while (!this.has(i)) {
      this.start += this.window.length;
      this.window = await this.block.rows!.next();
      if (!this.window.length) throw new Error('RowSource: een venster zonder rijen');
    }
  }

  /** Whether row i is in the loaded window, or no window can hold it (load would do nothing). */
  has(i: number): boolean {
    const source = this.block.rows;
    return !source || i < this.start + this.window.length || this.start + this.window.length >= source.count;
  }

  /** Row i, if it is in the loaded window. */
  get(i: number): OutputValue[] | undefined {
    return this.window[i - this.start];
  }
}

/** Every row of a block below its header (a RowSource drained). */
export async function blockValues(block: OutputBlock): Promise<OutputValue[][]> {
  if (!block.rows) return block.values;
  const rows = new BlockRows(block);
  const out: OutputValue[][] = [];
  for (let i = 0; i < rows.count; i++) {
    await rows.load(i);
    out.push(rows.get(i)!);
  }
  return out;
}

export interface ListValidation {
  /** Column of the block. */
  column: number;
  values: readonly string[];
  /** Block columns where an earlier run put this list (the block was in an older order): it is taken off there. */
  moved?: readonly number[];
}

/** The list as Excel stores it: the values joined by commas (none of them holds a comma). */
export function listSource(v: ListValidation): string {
  return v.values.join(',');
}

export interface CellNote {
  /** Row in `values` (0 = the first row below the header). */
  row: number;
  /** Column of the block. */
  column: number;
  text: string;
}

export interface Highlight {
  column: number;
  contains: string;
  /** "#RRGGBB" */
  color: string;
}

/** The formula of a highlight rule, relative to the first value row (A1 style, column absolute). */
export function highlightFormula(h: Highlight, block: OutputBlock): string {
  return `ISNUMBER(FIND("${h.contains.replace(/"/g, '""')}",$${columnName(block.firstColumn + h.column)}${block.headerRow + 2}))`;
}

/** "AB" (or "ab") → 27: the 0-based column of column letters, columnName's inverse. */
export function columnIndexOf(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + ((letters.charCodeAt(i) | 32) - 96);
  return n - 1;
}

export function columnName(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Part of a sheet to read: `rows` rows from `firstRow` (default: all), only some columns (default: all). */
export interface ReadRequest {
  sheet: string;
  /** 0-based first row to read; the rows above it come back empty. */
  firstRow?: number;
  /**
   * The answer's `cells` start at `firstRow` (cells[0] is that row) instead of at A1: a read far down a sheet then
   * makes nothing for the rows above it (reads in windows would otherwise cost, in time and memory, every row above
   * each window: quadratic in the rows).
   */
  fromFirstRow?: boolean;
  rows?: number;
  /** 0-based columns; the others come back as null. */
  columns?: readonly number[];
}

/**
 * A row above a read's firstRow in an answer from A1: empty, and one shared array that is never written to (a window
 * deep in a sheet has many such rows).
 */
export const ROW_ABOVE: CellValue[] = Object.freeze([]) as unknown as CellValue[];

export interface SheetRead {
  /**
   * Cells from A1 (rows and columns before the used range are empty), as far as requested; from the request's
   * firstRow when it asked `fromFirstRow`.
   */
  cells: CellValue[][];
  /** Extent of the used range from A1: last used row and column, 1-based (0 for an empty sheet). */
  rowCount: number;
  columnCount: number;
  /**
   * The sheet is protected against edits (Excel: Controleren > Blad beveiligen), so Tariefwijzer must not
   * write in it. Reported with reads of the first rows (`rows` ≤ 1,000); undefined when not known.
   */
  protected?: boolean;
  /**
   * 0-based rows that are the totals row of an Excel table on this sheet (Invoegen > Tabel, "Totaalrij"): not
   * data. Reported with reads of the first rows, like `protected`; undefined when not known.
   */
  totalsRows?: number[];
  /** Whether the sheet is shown, hidden (Blad zichtbaar maken) or very hidden (only through VBA). Reported like `protected`. */
  visibility?: 'visible' | 'hidden' | 'veryHidden';
}

/**
 * Excel's limit on the characters in one cell ("Total number of characters that a cell can contain: 32,767
 * characters", https://support.microsoft.com/office/excel-specifications-and-limits-1672b34d-7043-467e-8e27-269d656771c3).
 * Counted here in UTF-16 code units, as Excel stores text, so the limit holds for any text.
 */
export const EXCEL_CELL_LIMIT = 32_767;
/** Ends a text Tariefwijzer had to cut to fit a cell, so the cut is visible. */
export const TRUNCATED_MARKER = ' … [ingekort: de tekst is langer dan een Excel-cel kan bevatten]';
/** Written instead of a number that is not finite (Infinity, NaN): Excel cannot hold one. */
export const INVALID_NUMBER_TEXT = '(ongeldig getal, niet geschreven)';

/** A value as it may be written: no Infinity or NaN, no text over EXCEL_CELL_LIMIT (cut with a marker). */
export function safeOutputValue(v: OutputValue): OutputValue {
  if (typeof v === 'number') return Number.isFinite(v) ? v : INVALID_NUMBER_TEXT;
  if (typeof v === 'string') return safeText(v);
  return v;
}

function safeText(text: string): string {
  if (text.length <= EXCEL_CELL_LIMIT) return text;
  let end = EXCEL_CELL_LIMIT - TRUNCATED_MARKER.length;
  // never cut a surrogate pair in two
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return text.slice(0, end) + TRUNCATED_MARKER;
}

/** Rows of one of Tariefwijzer's own sheets, made safe to write (see safeOutputValue). Unchanged rows are kept. */
export function safeRows(rows: OutputValue[][]): OutputValue[][] {
  return rows.map((row) => (row.every((v) => safeOutputValue(v) === v) ? row : row.map(safeOutputValue)));
}

/**
 * An output block made safe to write: headers, values and notes (see safeOutputValue). Every adapter passes what
 * it writes through this and safeRows, so no command can write an infinite number or a cell Excel refuses.
 */
export function safeBlock(block: OutputBlock): OutputBlock {
  const safeNotes = (notes: CellNote[]) => notes.map((n) => (n.text.length <= EXCEL_CELL_LIMIT ? n : { ...n, text: safeText(n.text) }));
  const { rows, notes } = block;
  const safe: OutputBlock = { ...block, headers: block.headers.map(safeText), values: safeRows(block.values) };
  if (rows) safe.rows = safeSource(rows);
  // the notes of a block with a RowSource are complete only after its last window: made safe when read
  if (notes) Object.defineProperty(safe, 'notes', { get: () => safeNotes(notes), enumerable: true });
  return safe;
}

/** A RowSource whose windows are made safe as they come (and again, when it can start again). */
function safeSource(rows: RowSource): RowSource {
  const safe: RowSource = { count: rows.count, next: async () => safeRows(await rows.next()) };
  if (rows.again) safe.again = () => safeSource(rows.again!());
  return safe;
}

/**
 * Columns up to the last filled cell of any row. A loop, not Math.max(...rows): spreading a sheet of hundreds
 * of thousands of rows overflows the call stack.
 */
export function filledWidth(grid: readonly (readonly CellValue[] | undefined)[]): number {
  let width = 0;
  for (const row of grid) {
    if (!row) continue;
    let c = row.length - 1;
    while (c >= 0 && isEmptyCell(row[c])) c--;
    width = Math.max(width, c + 1);
  }
  return width;
}

/** A request served from a whole grid (adapters that hold the workbook in memory). */
export function selectFromGrid(grid: CellValue[][], request: ReadRequest): SheetRead {
  const rowCount = grid.length;
  // a loop, not Math.max(...): spreading a sheet of 1,048,576 rows overflows the call stack
  let columnCount = 0;
  for (const row of grid) columnCount = Math.max(columnCount, row?.length ?? 0);
  const first = request.firstRow ?? 0;
  let cells = request.rows === undefined && !first ? grid : grid.slice(0, request.rows === undefined ? undefined : first + request.rows);
  if (first) cells = cells.map((row, r) => (r < first ? [] : row));
  const columns = request.columns;
  if (columns) {
    const width = Math.max(-1, ...columns) + 1;
    cells = cells.map((row, r) => {
      if (r < first) return [];
      const line = new Array<CellValue>(width).fill(null);
      for (const c of columns) line[c] = row?.[c] ?? null;
      return line;
    });
  }
  return { cells: request.fromFirstRow ? cells.slice(first) : cells, rowCount, columnCount };
}

/** A rectangle of cells, 0-based and inclusive: a merged area. */
export interface CellArea {
  firstRow: number;
  lastRow: number;
  firstColumn: number;
  lastColumn: number;
}

/** Columns a job means to write in, over the rows it means to write (0-based, inclusive). */
export interface ColumnsRequest {
  sheet: string;
  firstColumn: number;
  columns: number;
  firstRow: number;
  lastRow: number;
}

/** What a job must know about columns before it writes there: whether the user sees them, and merged cells. */
export interface ColumnFacts {
  /** The requested columns (0-based) the user hid. */
  hidden: number[];
  /**
   * Merged areas that overlap the requested rows and columns, whole (they may reach outside the request);
   * undefined when the host cannot tell (Excel without ExcelApi 1.13).
   */
  merged?: CellArea[];
}

/** The area overlaps the request's rows and columns. */
export function overlaps(area: CellArea, request: ColumnsRequest): boolean {
  return (
    area.lastRow >= request.firstRow &&
    area.firstRow <= request.lastRow &&
    area.lastColumn >= request.firstColumn &&
    area.firstColumn < request.firstColumn + request.columns
  );
}

/** "K5:N5" (or "K5" for one cell). */
export function areaName(area: CellArea): string {
  const first = `${columnName(area.firstColumn)}${area.firstRow + 1}`;
  const last = `${columnName(area.lastColumn)}${area.lastRow + 1}`;
  return first === last ? first : `${first}:${last}`;
}

export interface WorkbookPort {
  sheetNames(): Promise<string[]>;
  /** The used range of a sheet from A1, as raw cells (formulas give their cached result). */
  readSheet(name: string): Promise<CellValue[][]>;
  /** Several reads at once, in as few round trips as the host allows (Office.js: one sync per ~4 MB). */
  readSheets(requests: readonly ReadRequest[]): Promise<SheetRead[]>;
  /** Hidden columns and merged areas where a job means to write its own columns (output-columns.ts). */
  columnFacts(request: ColumnsRequest): Promise<ColumnFacts>;
  /** Write Tariefwijzer's own columns; nothing outside the block is touched. */
  writeBlock(block: OutputBlock): Promise<void>;
  /** Create or replace one of Tariefwijzer's own sheets with these rows. */
  replaceSheet(name: string, rows: OutputValue[][]): Promise<void>;
  /** Send writes still queued (Office.js batches them); the end of every job calls it. */
  flush(): Promise<void>;
  /** Optional: a native chart (the .xlsx adapter always; Office.js where the host has the chart API). */
  writeChart?(chart: ChartSpec): Promise<void>;
  /**
   * Optional: at most this many rows per read of a sheet while a block is written into it (a RowSource's reads). The
   * .xlsx adapter reads them from the stream it writes and holds what a read takes ahead of the writer.
   */
  readonly windowWhileWriting?: number;
}

/**
 * A native chart over a table Tariefwijzer wrote: one category column (months) and one or more value columns
 * (one series each), all in `sheet`. Rows and columns are 0-based. Writing it again replaces the chart
 * named `name` on that sheet.
 */
export interface ChartSpec {
  sheet: string;
  name: string;
  title: string;
  kind: 'line';
  headerRow: number;
  firstRow: number;
  lastRow: number;
  categoryColumn: number;
  seriesColumns: number[];
  /** The legend name of each series (the header of its column). */
  seriesNames: string[];
  /** Top-left cell of the chart. */
  anchor: { row: number; column: number };
  /** Size in cells (columns wide, rows high). */
  size: { columns: number; rows: number };
  valueAxisTitle?: string;
}
