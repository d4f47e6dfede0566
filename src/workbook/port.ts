/** The one interface between the engine and a workbook; implemented with exceljs (CLI) and Office.js (add-in). */
import type { CellValue } from '../domain/parse';

/** A value Tariefwijzer writes. Strings are always written as text, never as a formula. */
export type OutputValue = string | number | null;

export interface OutputBlock {
  sheet: string;
  /** 0-based row of the header; values start on the next row. */
  headerRow: number;
  /** 0-based first column of the block. */
  firstColumn: number;
  headers: string[];
  /** One array per row below the header, `headers.length` long; null clears the cell. */
  values: OutputValue[][];
  /** Number format per column (Excel syntax), or undefined for General. */
  numberFormats: Array<string | undefined>;
  /**
   * Conditional highlighting of the block's value rows: a row is filled with `color` when its cell in block
   * column `column` contains `contains`. Replaces Tariefwijzer's earlier rules on the block; touches no others.
   */
  highlights?: Highlight[];
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

export function columnName(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export interface WorkbookPort {
  sheetNames(): Promise<string[]>;
  /** The used range of a sheet from A1, as raw cells (formulas give their cached result). */
  readSheet(name: string): Promise<CellValue[][]>;
  /** Write Tariefwijzer's own columns; nothing outside the block is touched. */
  writeBlock(block: OutputBlock): Promise<void>;
  /** Create or replace one of Tariefwijzer's own sheets with these rows. */
  replaceSheet(name: string, rows: OutputValue[][]): Promise<void>;
  /** Optional: a native chart (Office.js can; exceljs cannot, so the xlsx adapter leaves it out). */
  writeChart?(chart: ChartSpec): Promise<void>;
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
  /** Top-left cell of the chart. */
  anchor: { row: number; column: number };
  /** Size in cells (columns wide, rows high). */
  size: { columns: number; rows: number };
  valueAxisTitle?: string;
}

