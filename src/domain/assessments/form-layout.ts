/**
 * Where a sheet's form lines are: label cells of the aanvraagformulier with their value to the right, as the
 * template lays them out (scripts/make-aanvraag-examples.js). A row of column headers with data under it is a
 * table (a declaration list, the table "omzet per prestatie"), not a form, and its headers are no labels.
 * Pure: a grid in, lines and a score out.
 */
import { CORE_FIELDS, normalizeHeader } from '../fields';
import { cellToText, isEmptyCell, type CellValue } from '../parse';
import { assessmentFields } from './fields';
import type { Procedure } from './procedure';

export interface FormSheet {
  name: string;
  grid: CellValue[][];
  /** Hidden in the workbook: a hidden copy is used only when no visible sheet holds a form. */
  hidden?: boolean;
}

/** How far right of a label its value may stand (merged or spaced cells). */
export const VALUE_REACH = 3;

/** "3. AGB-code (8 cijfers) *:" → "agbcode". */
export function normalizeLabel(text: string): string {
  return normalizeHeader(
    text
      .replace(/\([^)]*\)/g, ' ')
      .replace(/^\s*[A-Za-z]?\d+(\.\d+)*[.)]?\s+/, '')
      .replace(/[*:]+\s*$/, ''),
  );
}

/** Longer text is never a label (a note, a description): not normalized, so a 40,000-character cell costs nothing. */
const MAX_LABEL_LENGTH = 200;
const keys = new Map<string, string>();

/** normalizeLabel for a cell's text, remembered: a sheet of thousands of rows repeats the same texts. */
export function labelKey(cell: CellValue): string {
  if (typeof cell !== 'string' || cell.length > MAX_LABEL_LENGTH) return '';
  let key = keys.get(cell);
  if (key === undefined) {
    if (keys.size >= 50_000) keys.clear();
    key = normalizeLabel(cell);
    keys.set(cell, key);
  }
  return key;
}

export function columnName(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Columns of the table "omzet per prestatie" on the form. */
export const TABLE_COLUMNS: Record<string, string[]> = {
  code: ['prestatiecode', 'prestatie', 'code'],
  volume: ['volume', 'aantal', 'productie'],
  tarief: ['nzamaximumtarief', 'maximumtarief', 'nzatarief'],
  percentage: ['tariefpercentage', 'percentage'],
  omzet: ['omzet', 'wlzomzet', 'bedrag'],
};

/** The form's labels (normalized → field) and every column header Tariefwijzer knows (for telling tables). */
export interface Vocabulary {
  fields: Map<string, string>;
  headers: Set<string>;
}

const vocabularies = new WeakMap<Procedure, Vocabulary>();

export function vocabulary(proc: Procedure): Vocabulary {
  const known = vocabularies.get(proc);
  if (known) return known;
  const fields = new Map<string, string>();
  for (const [name, def] of Object.entries(assessmentFields(proc))) {
    for (const a of [def.label, ...def.aliases]) {
      const key = normalizeLabel(a);
      if (key && !fields.has(key)) fields.set(key, name);
    }
  }
  const headers = new Set<string>(fields.keys());
  for (const def of Object.values(CORE_FIELDS)) for (const a of [def.label, ...def.aliases]) headers.add(normalizeLabel(a));
  for (const keys of Object.values(TABLE_COLUMNS)) for (const k of keys) headers.add(k);
  headers.delete('');
  const v = { fields, headers };
  vocabularies.set(proc, v);
  return v;
}

export function looksLikeLabel(cell: CellValue, vocab: Vocabulary): boolean {
  const key = labelKey(cell);
  return key !== '' && vocab.headers.has(key);
}

export interface OmzetTable {
  header: number;
  end: number;
  columns: Record<string, number>;
}

/** The table "omzet per prestatie": a header row with at least Prestatiecode and Omzet; rows until an empty code or "Totaal". */
export function findOmzetTable(grid: CellValue[][]): OmzetTable | undefined {
  for (let r = 0; r < grid.length; r++) {
    const columns: Record<string, number> = {};
    (grid[r] ?? []).forEach((cell, c) => {
      const key = labelKey(cell);
      for (const [name, keys] of Object.entries(TABLE_COLUMNS)) if (columns[name] === undefined && keys.includes(key)) columns[name] = c;
    });
    if (columns.code === undefined || columns.omzet === undefined) continue;
    let end = r;
    for (let q = r + 1; q < grid.length; q++) {
      const code = cellToText(grid[q]?.[columns.code]).trim();
      if (!code || /^totaal/i.test(code)) break;
      end = q;
    }
    return { header: r, end, columns };
  }
  return undefined;
}

/**
 * Header rows of tables: two or more known column headers in one row, with values (not labels) under at least
 * two of them in the next row. "AGB-code | Naam zorgaanbieder | Prestatiecode" above a declaration is one.
 */
export function tableHeaderRows(grid: CellValue[][], vocab: Vocabulary): number[] {
  const rows: number[] = [];
  grid.forEach((row, r) => {
    const headers = (row ?? []).flatMap((cell, c) => (looksLikeLabel(cell, vocab) ? [c] : []));
    if (headers.length < 2) return;
    const next = grid[r + 1] ?? [];
    const data = headers.filter((c) => !isEmptyCell(next[c]) && !looksLikeLabel(next[c], vocab));
    if (data.length >= 2) rows.push(r);
  });
  return rows;
}

export interface FormLine {
  field: string;
  /** The label as written. */
  label: string;
  row: number;
  column: number;
  /** The first filled cell right of the label, unless a label stands there first. */
  value?: { cell: CellValue; column: number };
  /** The cell right next to the label is itself a label ("Naam zorgaanbieder" | "Prestatiecode"). */
  labelBeside?: string;
  /** Criterion lines: label | oordeel | onderbouwing; the onderbouwing. */
  evidence?: { cell: CellValue; column: number };
}

function valueRight(row: CellValue[], from: number, vocab: Vocabulary): { cell: CellValue; column: number } | undefined {
  for (let k = from; k < from + VALUE_REACH && k < row.length; k++) {
    if (isEmptyCell(row[k])) continue;
    return looksLikeLabel(row[k], vocab) ? undefined : { cell: row[k], column: k };
  }
  return undefined;
}

/** Every form label of a sheet outside its tables, with its value. */
export function formLines(grid: CellValue[][], vocab: Vocabulary, headerRows = tableHeaderRows(grid, vocab)): FormLine[] {
  const skip = new Set(headerRows);
  const table = findOmzetTable(grid);
  if (table) for (let r = table.header; r <= table.end; r++) skip.add(r);
  const lines: FormLine[] = [];
  grid.forEach((row, r) => {
    if (skip.has(r)) return;
    (row ?? []).forEach((cell, c) => {
      const field = vocab.fields.get(labelKey(cell));
      if (!field) return;
      const line: FormLine = { field, label: cellToText(cell).trim(), row: r, column: c };
      const beside = row[c + 1];
      if (looksLikeLabel(beside, vocab)) line.labelBeside = cellToText(beside).trim();
      else line.value = valueRight(row, c + 1, vocab);
      if (line.value && field.startsWith('crit_')) line.evidence = valueRight(row, line.value.column + 1, vocab);
      lines.push(line);
    });
  });
  return lines;
}

/** Fields that make a sheet a request form: who asks, and for what. A sheet without them supplements a form. */
export const ANCHOR_FIELDS = ['agb', 'zorgaanbieder', 'verzoekHerberekening', 'beroepHardheidsclausule'] as const;
/** Distinct form labels a sheet needs to count as (part of) a form. */
export const MIN_FORM_FIELDS = 3;

export interface SheetScore {
  sheet: string;
  hidden: boolean;
  /** formulier: a request form; aanvulling: form lines without who/what (the assessor's sheet); geen: no form. */
  kind: 'formulier' | 'aanvulling' | 'geen';
  /** Distinct fields found as form labels, in order of appearance. */
  fields: string[];
  /** 0-based rows that were read as a table's header row. */
  tableHeaders: number[];
}

export function scoreSheet(sheet: FormSheet, vocab: Vocabulary): SheetScore {
  const tableHeaders = tableHeaderRows(sheet.grid, vocab);
  const fields = [...new Set(formLines(sheet.grid, vocab, tableHeaders).map((l) => l.field))];
  const anchored = ANCHOR_FIELDS.some((f) => fields.includes(f));
  const kind = fields.length < MIN_FORM_FIELDS ? 'geen' : anchored ? 'formulier' : 'aanvulling';
  return { sheet: sheet.name, hidden: Boolean(sheet.hidden), kind, fields, tableHeaders };
}
