/**
 * WorkbookPort on the open workbook through Office.js (the add-in). `Excel` is a global there; this module
 * only uses its types, so it can be tested against a fake host (test/workbook/fake-excel.ts).
 *
 * Requests are batched: every `context.sync()` is a round trip, and Excel on the web refuses a request or a
 * response over 5 MB. Reads and writes therefore go in blocks of at most BLOCK_ROWS rows, and as many blocks
 * as fit in PAYLOAD_BUDGET share one sync.
 * - Writes: the payload is known before sending (JSON of the values and formats), so blocks are cut and
 *   grouped exactly.
 * - Reads: the response size is only known afterwards. The first sync loads the used range's size; the next
 *   loads one block sized by a conservative per-cell guess; later syncs group the remaining blocks by the
 *   bytes per row actually measured (with a margin). Should Excel still refuse a response
 *   (RequestPayloadSizeLimitExceeded), the rows of that sync are read again in halves.
 */
import type { CellValue } from '../../domain/parse';
import { highlightFormula, type OutputBlock, type OutputValue, type WorkbookPort } from '../port';

/** At most this many rows per range in one request (Office guidance: 5k–20k rows per block). */
export const BLOCK_ROWS = 10_000;
/** Stay well under Excel on the web's 5 MB per request/response. */
export const PAYLOAD_BUDGET = 4_000_000;
/** Per-cell guess for the first read block: values + valueTypes + numberFormat of a fairly long text cell. */
const GUESSED_CELL_BYTES = 80;
/** Margin on the measured bytes per row: later rows may hold longer text than the first block. */
const MEASURE_MARGIN = 1.5;

const TEXT_FORMAT = '@';
const GENERAL_FORMAT = 'General';

type Grid = CellValue[][];

interface Dimensions {
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
}

interface LoadedBlock {
  start: number;
  rows: number;
  range: Excel.Range;
}

export class OfficeWorkbook implements WorkbookPort {
  /**
   * @param features what the host supports beyond the manifest's ExcelApi 1.4; conditional formats need
   *   ExcelApi 1.6 (check with Office.context.requirements.isSetSupported). Without them rows are not highlighted.
   */
  constructor(
    readonly context: Excel.RequestContext,
    readonly features: { conditionalFormats: boolean } = { conditionalFormats: false },
  ) {}

  async sheetNames(): Promise<string[]> {
    const sheets = this.context.workbook.worksheets;
    sheets.load('items/name');
    await this.context.sync();
    return sheets.items.map((s) => s.name);
  }

  /**
   * The used range (values only) padded to start at A1. Excel errors become `{ error }`, empty cells null,
   * date-formatted numbers Dates (as exceljs gives them).
   */
  async readSheet(name: string): Promise<CellValue[][]> {
    const ws = this.context.workbook.worksheets.getItem(name);
    const used = ws.getUsedRangeOrNullObject(true);
    used.load('rowIndex,columnIndex,rowCount,columnCount');
    await this.context.sync();
    if (used.isNullObject) return [];
    const dim: Dimensions = { rowIndex: used.rowIndex, columnIndex: used.columnIndex, rowCount: used.rowCount, columnCount: used.columnCount };
    const grid: Grid = [];
    for (let r = 0; r < dim.rowIndex; r++) grid.push([]);

    let bytesPerRow = dim.columnCount * GUESSED_CELL_BYTES;
    let next = 0;
    while (next < dim.rowCount) {
      // rows this sync may load, within the budget, in blocks of at most BLOCK_ROWS
      const fit = Math.max(1, Math.floor(PAYLOAD_BUDGET / Math.max(1, bytesPerRow)));
      const total = Math.min(dim.rowCount - next, fit, next === 0 ? BLOCK_ROWS : Number.MAX_SAFE_INTEGER);
      const read = await this.readRows(ws, dim, next, total);
      for (const line of read.lines) grid.push(line);
      next += read.lines.length;
      bytesPerRow = Math.max(1, (read.bytes / Math.max(1, read.lines.length)) * MEASURE_MARGIN);
    }
    return grid;
  }

  /** Load `count` rows from used-range row `start` in blocks, with one sync; split in halves if Excel refuses the size. */
  private async readRows(ws: Excel.Worksheet, dim: Dimensions, start: number, count: number): Promise<{ lines: Grid; bytes: number }> {
    const blocks: LoadedBlock[] = [];
    for (let s = start; s < start + count; s += BLOCK_ROWS) {
      const rows = Math.min(BLOCK_ROWS, start + count - s);
      const range = ws.getRangeByIndexes(dim.rowIndex + s, dim.columnIndex, rows, dim.columnCount);
      range.load('values,valueTypes,numberFormat');
      blocks.push({ start: s, rows, range });
    }
    try {
      await this.context.sync();
    } catch (e) {
      if (count > 1 && isPayloadTooLarge(e)) {
        const half = Math.ceil(count / 2);
        const a = await this.readRows(ws, dim, start, half);
        const b = await this.readRows(ws, dim, start + half, count - half);
        return { lines: [...a.lines, ...b.lines], bytes: a.bytes + b.bytes };
      }
      throw e;
    }
    const lines: Grid = [];
    let bytes = 0;
    for (const { range } of blocks) {
      const values = range.values;
      const types = range.valueTypes;
      const formats = range.numberFormat;
      bytes += JSON.stringify(values).length + JSON.stringify(types).length + JSON.stringify(formats).length;
      for (let r = 0; r < values.length; r++) {
        const line = new Array<CellValue>(dim.columnIndex).fill(null);
        for (let c = 0; c < values[r].length; c++) line.push(toCellValue(values[r][c], types[r][c], formats[r][c]));
        lines.push(line);
      }
    }
    return { lines, bytes };
  }

  /**
   * Header row, then the values in blocks. Number formats are set before the values, in the same request:
   * a column without numbers is text ('@'), so '=…', '+…', '-…', '@…' land as text, exactly as given;
   * a numeric column gets its one format (a stray string in it gets '@' for its own cell).
   */
  async writeBlock(block: OutputBlock): Promise<void> {
    const ws = this.context.workbook.worksheets.getItem(block.sheet);
    const width = block.headers.length;
    const columnFormats = block.headers.map((_, c) => columnFormat(block, c));
    const header = ws.getRangeByIndexes(block.headerRow, block.firstColumn, 1, width);
    header.numberFormat = [block.headers.map(() => TEXT_FORMAT)];
    header.values = [block.headers.slice()];
    header.format.font.bold = true;
    const rows = block.values.map((line) => {
      const values: Array<string | number> = [];
      const formats: string[] = [];
      for (let c = 0; c < width; c++) {
        const v = line[c] ?? null;
        values.push(toExcelValue(v));
        formats.push(typeof v === 'string' ? TEXT_FORMAT : columnFormats[c]);
      }
      return { values, formats };
    });
    if (this.features.conditionalFormats && block.values.length) {
      // Replaces earlier rules on the output area only (Tariefwijzer's own columns).
      const area = ws.getRangeByIndexes(block.headerRow + 1, block.firstColumn, block.values.length, width);
      area.conditionalFormats.clearAll();
      for (const h of block.highlights ?? []) {
        const cf = area.conditionalFormats.add('Custom' as Excel.ConditionalFormatType);
        cf.custom.rule.formula = `=${highlightFormula(h, block)}`;
        cf.custom.format.fill.color = h.color;
      }
    }
    const headerBytes = JSON.stringify(block.headers).length + JSON.stringify(block.headers.map(() => TEXT_FORMAT)).length;
    await this.writeRows(ws, block.headerRow + 1, block.firstColumn, width, rows, headerBytes);
  }

  /** Delete the sheet if it exists, add it anew (at the end), write the rows; strings as text. */
  async replaceSheet(name: string, rows: OutputValue[][]): Promise<void> {
    const sheets = this.context.workbook.worksheets;
    const old = sheets.getItemOrNullObject(name);
    old.load('isNullObject');
    await this.context.sync();
    if (!old.isNullObject) old.delete();
    const ws = sheets.add(name);
    const width = Math.max(1, ...rows.map((r) => r.length));
    const lines = rows.map((line) => {
      const values: Array<string | number> = [];
      const formats: string[] = [];
      for (let c = 0; c < width; c++) {
        const v = line[c] ?? null;
        values.push(toExcelValue(v));
        formats.push(typeof v === 'string' ? TEXT_FORMAT : GENERAL_FORMAT);
      }
      return { values, formats };
    });
    await this.writeRows(ws, 0, 0, width, lines, 0);
  }

  /**
   * Write rows in blocks of at most BLOCK_ROWS, cut and grouped so one sync carries at most PAYLOAD_BUDGET
   * bytes (formats, then values). Always ends with a sync, also when there are no rows, so queued work
   * (header, sheet add/delete) is sent.
   */
  private async writeRows(ws: Excel.Worksheet, firstRow: number, firstColumn: number, width: number, rows: Array<{ values: Array<string | number>; formats: string[] }>, pending: number): Promise<void> {
    let queued = pending;
    let start = 0;
    while (start < rows.length) {
      let end = start;
      let bytes = 0;
      while (end < rows.length && end - start < BLOCK_ROWS) {
        const rowBytes = JSON.stringify(rows[end].values).length + JSON.stringify(rows[end].formats).length + 2;
        if (end > start && queued + bytes + rowBytes > PAYLOAD_BUDGET) break;
        if (end === start && queued > 0 && queued + rowBytes > PAYLOAD_BUDGET) break;
        bytes += rowBytes;
        end++;
      }
      if (end === start) {
        // the request so far is full: send it, then start this block afresh
        await this.context.sync();
        queued = 0;
        continue;
      }
      const range = ws.getRangeByIndexes(firstRow + start, firstColumn, end - start, width);
      const slice = rows.slice(start, end);
      range.numberFormat = slice.map((r) => r.formats);
      range.values = slice.map((r) => r.values);
      queued += bytes;
      start = end;
    }
    await this.context.sync();
  }
}

/** The format of an output column: its own number format when it holds numbers, text otherwise. */
function columnFormat(block: OutputBlock, c: number): string {
  const hasNumber = block.values.some((line) => typeof line[c] === 'number');
  if (hasNumber || block.numberFormats[c]) return block.numberFormats[c] ?? GENERAL_FORMAT;
  return TEXT_FORMAT;
}

/** Office.js ignores null in a values array (the cell keeps its value); an empty string clears it. */
function toExcelValue(v: OutputValue): string | number {
  return v === null ? '' : v;
}

function isPayloadTooLarge(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'RequestPayloadSizeLimitExceeded' || code === 'PayloadTooLarge';
}

/** Excel's day 0 is 1899-12-30 (with the 1900 leap-year bug folded in for serials ≥ 61). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

export function toCellValue(value: unknown, type: string, format: string | undefined): CellValue {
  switch (type) {
    case 'Empty':
      return null;
    case 'Error':
      return { error: String(value) };
    case 'Boolean':
      return Boolean(value);
    case 'Integer':
    case 'Double':
      if (typeof value === 'number' && format && isDateFormat(format)) return new Date(EXCEL_EPOCH_MS + Math.round(value * 86_400_000));
      return typeof value === 'number' ? value : Number(value);
    case 'String':
      return value === '' ? null : String(value);
    default:
      if (value === '' || value === null || value === undefined) return null;
      return typeof value === 'number' || typeof value === 'boolean' ? value : String(value);
  }
}

/** A number format that shows a date: d, m or y outside quotes, brackets and escapes (not an elapsed [h]:mm). */
export function isDateFormat(format: string): boolean {
  if (format === GENERAL_FORMAT || format === TEXT_FORMAT) return false;
  const bare = format.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[[^\]]*\]/g, '').split(';')[0];
  return /[dy]/i.test(bare) || /m/i.test(bare.replace(/[hs]+:?m+|m+:?s+/gi, ''));
}
