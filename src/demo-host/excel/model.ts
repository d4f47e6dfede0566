/**
 * The workbook the simulated Excel holds: sheets of cells (value, type, formula, number format, bold) and what else
 * a user can put on a sheet that the add-in must keep (conditional formats, charts, notes, tables, merged areas,
 * hidden columns). Plain data: the rules of Excel's behaviour live in the modules beside this one.
 */

export type SeedValue = string | number | boolean | Date | null | undefined | { error: string };
/** Range.valueTypes (Excel.RangeValueType): https://learn.microsoft.com/javascript/api/excel/excel.rangevaluetype */
export type ValueType = 'Empty' | 'String' | 'Integer' | 'Double' | 'Boolean' | 'Error';

export interface FakeCell {
  value: string | number | boolean;
  type: ValueType;
  formula?: string;
  numberFormat: string;
  bold?: boolean;
}

export type Visibility = 'Visible' | 'Hidden' | 'VeryHidden';

export interface Box {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

/** Cells of one sheet: where a range resolves to at sync. */
export type Target = { sheet: FakeSheet; box: Box };

/** A list data validation (ExcelApi 1.8) and the cells it applies to. */
export interface FakeValidation {
  box: Box;
  source: string;
  inCellDropDown: boolean;
}

export interface FakeConditionalFormat {
  box: Box;
  formula: string;
  fill: string;
}

export interface FakeChartRecord {
  type: string;
  name: string;
  title: string;
  valueAxisTitle?: string;
  series: Array<{ name: string; values?: Box; categories?: Box }>;
  position?: { from: Box; to: Box };
}

/** An Excel table (Insert > Table) as the fake holds it; cells stay in the sheet's cells. */
export interface FakeTableRecord {
  name: string;
  box: Box;
  /** The totals row is shown: it is then the last row of `box` (Table.showTotals, ExcelApi 1.1). */
  showTotals: boolean;
}

/**
 * A sheet's cells, one array per row: looking a cell up makes no key. A sheet of 100,000 rows holds over a million
 * cells; as a Map by "row,column" it held (and every lookup made) a string per cell, and the page's garbage collector
 * then spent the pauses of its own on the simulation's heap that a browser test measures as the add-in's tasks.
 * Map-like with "row,column" keys for the walks over a whole sheet (rows in the order they were first written,
 * columns left to right).
 */
export class CellStore {
  private readonly rows = new Map<number, Array<FakeCell | undefined>>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  at(r: number, c: number): FakeCell | undefined {
    return this.rows.get(r)?.[c];
  }

  put(r: number, c: number, cell: FakeCell): void {
    let row = this.rows.get(r);
    if (!row) this.rows.set(r, (row = []));
    if (row[c] === undefined) this.count++;
    row[c] = cell;
  }

  remove(r: number, c: number): boolean {
    const row = this.rows.get(r);
    if (row?.[c] === undefined) return false;
    row[c] = undefined;
    this.count--;
    return true;
  }

  /** Every cell with its row and column; a cell may be removed while walking. */
  each(visit: (cell: FakeCell, r: number, c: number) => void): void {
    for (const [r, row] of this.rows) {
      for (let c = 0; c < row.length; c++) {
        const cell = row[c];
        if (cell !== undefined) visit(cell, r, c);
      }
    }
  }

  positions(): Array<[number, number, FakeCell]> {
    const out: Array<[number, number, FakeCell]> = [];
    this.each((cell, r, c) => out.push([r, c, cell]));
    return out;
  }

  get(key: string): FakeCell | undefined {
    const [r, c] = splitKey(key);
    return this.at(r, c);
  }

  set(key: string, cell: FakeCell): this {
    const [r, c] = splitKey(key);
    this.put(r, c, cell);
    return this;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  delete(key: string): boolean {
    const [r, c] = splitKey(key);
    return this.remove(r, c);
  }

  clear(): void {
    this.rows.clear();
    this.count = 0;
  }

  *entries(): IterableIterator<[string, FakeCell]> {
    for (const [r, c, cell] of this.positions()) yield [`${r},${c}`, cell];
  }

  *keys(): IterableIterator<string> {
    for (const [key] of this.entries()) yield key;
  }

  values(): FakeCell[] {
    const out: FakeCell[] = [];
    this.each((cell) => out.push(cell));
    return out;
  }

  [Symbol.iterator](): IterableIterator<[string, FakeCell]> {
    return this.entries();
  }
}

function splitKey(key: string): [number, number] {
  const comma = key.indexOf(',');
  return [Number(key.slice(0, comma)), Number(key.slice(comma + 1))];
}

let sheetIds = 0;

export class FakeSheet {
  readonly cells = new CellStore();
  /** Conditional formats (type Custom) with the area they apply to. */
  conditionalFormats: FakeConditionalFormat[] = [];
  /** List data validations (Range.dataValidation). */
  validations: FakeValidation[] = [];
  /** Charts (ExcelApi 1.7): what the adapter set on them. */
  readonly charts: FakeChartRecord[] = [];
  /** Cell notes (ExcelApi 1.18) by "row,column". */
  readonly notes = new Map<string, string>();
  /** Protected against edits (Excel: Review > Protect Sheet). */
  protected = false;
  /** Worksheet.visibility (ExcelApi 1.1): "VeryHidden" sheets can only be shown again through VBA or the API. */
  visibility: Visibility = 'Visible';
  /** Excel tables on the sheet: the box includes the header row and, when shown, the totals row (its last row). */
  readonly tables: FakeTableRecord[] = [];
  /** Worksheet.id: stays the same when the sheet is renamed or moved. */
  readonly id = `{00000000-0001-0000-${String(++sheetIds).padStart(4, '0')}-000000000000}`;
  /** Merged areas (Start > Samenvoegen en centreren), as the user made them; read through Range.getMergedAreasOrNullObject. */
  readonly merges: Box[] = [];
  /** 0-based columns the user hid; read through Range.columnHidden. */
  readonly hiddenColumns = new Set<number>();
  constructor(public name: string) {}

  /** The keys ("row,column") of the cells held, in reading order: by row, then by column. */
  cellKeys(): string[] {
    return this.cells
      .positions()
      .sort(([ra, ca], [rb, cb]) => ra - rb || ca - cb)
      .map(([r, c]) => `${r},${c}`);
  }

  cell(r: number, c: number): FakeCell | undefined {
    return this.cells.at(r, c);
  }

  ensure(r: number, c: number): FakeCell {
    let cell = this.cells.at(r, c);
    if (!cell) {
      cell = { value: '', type: 'Empty', numberFormat: 'General' };
      this.cells.put(r, c, cell);
    }
    return cell;
  }

  private readonly usedCache = new Map<boolean, Box | undefined>();

  /** Forget the used ranges computed (the host calls this when cells may have changed). */
  invalidate(): void {
    this.usedCache.clear();
  }

  /**
   * Bounding box of the cells with a value (or, unless valuesOnly, with any format), as
   * Worksheet.getUsedRangeOrNullObject(valuesOnly) gives it (ExcelApi 1.4).
   */
  used(valuesOnly: boolean): Box | undefined {
    if (this.usedCache.has(valuesOnly)) return this.usedCache.get(valuesOnly);
    let top = Infinity,
      left = Infinity,
      bottom = -1,
      right = -1;
    this.cells.each((cell, r, c) => {
      if (cell.type === 'Empty' && (valuesOnly || (cell.numberFormat === 'General' && !cell.bold))) return;
      if (r < top) top = r;
      if (r > bottom) bottom = r;
      if (c < left) left = c;
      if (c > right) right = c;
    });
    const box = bottom < 0 ? undefined : { row: top, column: left, rows: bottom - top + 1, columns: right - left + 1 };
    this.usedCache.set(valuesOnly, box);
    return box;
  }
}
