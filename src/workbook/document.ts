/**
 * A new, print-ready sheet as plain data: what a document that leaves the organisation (a bijlage, an overview)
 * holds, without saying how it is stored. The CLI renders it to a fresh .xlsx (xlsx/new-workbook.ts); the pane can
 * write the same cells through Office.js.
 */

/** How a cell looks: one fixed set, so every document reads the same. */
export type CellStyle = 'text' | 'title' | 'label' | 'heading' | 'header' | 'euro' | 'percent' | 'number' | 'wrap' | 'note';

export interface DocCell {
  value: string | number;
  style?: CellStyle;
}

/** A row of cells from column A; null leaves a cell empty. */
export type DocRow = Array<DocCell | null>;

export interface DocSheet {
  /** At most 31 characters, none of [ ] : * ? / \ (Excel's rule for sheet names). */
  name: string;
  rows: DocRow[];
  /** Column widths in characters, from column A. */
  widths: number[];
  /** 0-based row of the table's header: frozen below it on screen and repeated on every printed page. */
  tableHeaderRow?: number;
  /** Printed at the top of each page (left and right) and at the foot (left; the page numbers are on the right). */
  pageHeader: { left: string; right: string };
  pageFooter: string;
  landscape?: boolean;
  /** Ranges such as "A20:J20" shown as one cell (a closing text across the table's width). */
  merges?: string[];
  /** Row heights in points by 0-based row, for rows Excel cannot fit by itself (merged, wrapped text). */
  heights?: Record<number, number>;
}

/** The characters Excel refuses in a sheet name. */
const SHEET_NAME_BAD = /[[\]:*?/\\]/g;

/** A name Excel accepts for a sheet: forbidden characters replaced, at most 31 characters. */
export function safeSheetName(name: string): string {
  const cleaned = name
    .replace(SHEET_NAME_BAD, '-')
    .replace(/^'+|'+$/g, '')
    .trim();
  return (cleaned || 'Blad').slice(0, 31);
}

export const text = (value: string, style: CellStyle = 'text'): DocCell => ({ value, style });
