/** What reading one sheet builds up, its parts (metadata, tables) and a table row read by column key. */
import { type FieldDef, normalizeHeader } from '../../domain/fields';
import { cellToText, type CellValue, isEmptyCell } from '../../domain/parse';
import { type PackProblem } from '../../domain/policy/source';
import { columnName } from '../port';
import { FIELD_COLUMNS, type Obj, PARAM_COLUMNS, RULE_COLUMNS } from './vocabulary';

export const cellName = (r: number, c: number) => `${columnName(c)}${r + 1}`;
export const esc = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');

/** What reading one sheet builds up: the pack's parts, where each pointer was written, and the problems found. */
export interface Reading {
  name: string;
  cells: Map<string, string>;
  problems: PackProblem[];
  problem(r: number, c: number, message: string): void;
  data: Obj;
  parameters: Obj;
  rules: Obj[];
  sources: Obj[];
  /** Normalized column header → field name: the core fields, then the sheet's own kenmerken. */
  fields: Map<string, string>;
  ownFields: Record<string, FieldDef>;
}

export type TableKind = 'params' | 'fields' | 'rules';
export interface Table {
  kind: TableKind;
  header: number;
  rows: number[];
}
/** A known column of a table: the key it fills, and for a rule's condition column the field it tests. */
export interface Column {
  key: string;
  col: number;
  field?: string;
}

/** One table row, read by column key: its value, its column and the cell a pointer maps to. */
export class TableRow {
  constructor(
    readonly r: number,
    readonly row: CellValue[],
    readonly columns: readonly Column[],
  ) {}
  column(key: string): Column | undefined {
    return this.columns.find((c) => c.key === key);
  }
  value(key: string): CellValue {
    const c = this.column(key);
    return c ? this.row[c.col] : undefined;
  }
  text(key: string): string {
    return cellToText(this.value(key)).trim();
  }
  /** The column of `key`, else `fallback` (where a problem about a missing column points). */
  col(key: string, fallback = 0): number {
    return this.column(key)?.col ?? fallback;
  }
  at(key: string): string {
    return cellName(this.r, this.col(key));
  }
}

/** Which rows are metadata (before the first table) and which belong to which table, by the word in column A. */
export function sheetParts(grid: CellValue[][]): { metaRows: number[]; tables: Table[] } {
  const metaRows: number[] = [];
  const tables: Table[] = [];
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r] ?? [];
    if (row.every(isEmptyCell)) continue;
    const a = normalizeHeader(cellToText(row[0]));
    const kind = a === 'parameter' ? 'params' : a === 'kenmerk' ? 'fields' : a === 'regel' || a === 'regelid' ? 'rules' : undefined;
    if (kind) tables.push({ kind, header: r, rows: [] });
    else if (tables.length) tables[tables.length - 1].rows.push(r);
    else metaRows.push(r);
  }
  return { metaRows, tables };
}

export const TABLE_POINTER: Record<TableKind, string> = { params: '/parameters', fields: '/fields', rules: '/rules' };
export const KNOWN_PARAM_COLUMNS = 'Parameter, Soort, Naam, Standaardwaarde, Uitleg, Minimum, Maximum, Keuzes, Bron, Paragraaf, Vindplaats, Citaat';

/** What each header cell of a table means; an unknown header is a problem (a typo would drop a condition). */
export function tableColumns(reading: Reading, t: Table, header: CellValue[]): Column[] {
  reading.cells.set(TABLE_POINTER[t.kind], cellName(t.header, 0));
  const columns: Column[] = [];
  header.forEach((h, c) => {
    const label = cellToText(h);
    const k = normalizeHeader(label);
    if (!k) return;
    const known = t.kind === 'params' ? PARAM_COLUMNS[k] : t.kind === 'fields' ? FIELD_COLUMNS[k] : RULE_COLUMNS[k];
    if (known) columns.push({ key: known, col: c });
    else if (t.kind === 'params') reading.problem(t.header, c, `onbekende kolom "${label}" in de parametertabel; bekend zijn: ${KNOWN_PARAM_COLUMNS}`);
    else if (t.kind === 'fields')
      reading.problem(t.header, c, `onbekende kolom "${label}" in de kenmerkentabel; bekend zijn: Kenmerk, Soort, Kolomkop, Andere koppen, Uitleg`);
    else if (reading.fields.has(k)) columns.push({ key: 'when', col: c, field: reading.fields.get(k) });
    else if (/^[a-z][A-Za-z0-9]*$/.test(label.trim())) columns.push({ key: 'when', col: c, field: label.trim() });
    else
      reading.problem(
        t.header,
        c,
        `onbekende kolom "${label}": geen regelkolom (Regel, Omschrijving, Effect, Waarde, Bron, Vindplaats, ...) en geen kolom van de rij (bijv. Zorgprofiel, Leveringsvorm, Nieuwe aanbieder) of kenmerk uit de kenmerkentabel`,
      );
  });
  return columns;
}

/** A row's citation: Bron (else the sheet's first Bron), Paragraaf, Vindplaats, Citaat; none when both are empty. */
export function readCitation(reading: Reading, row: TableRow): Obj | undefined {
  const document = row.text('document');
  const regels = row.text('regels');
  if (!document && !regels) return undefined;
  const c: Obj = { document: document || reading.sources[0]?.document || '' };
  if (!isEmptyCell(row.value('paragraaf'))) c.paragraaf = row.text('paragraaf');
  c.regels = regels;
  if (!isEmptyCell(row.value('citaat'))) c.citaat = row.text('citaat');
  return c;
}
