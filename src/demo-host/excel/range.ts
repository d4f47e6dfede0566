/**
 * Ranges: reading values, types and formats, writing values and number formats, clearing, selecting
 * (Excel.Range, https://learn.microsoft.com/javascript/api/excel/excel.range).
 */
import { contains, intersection } from './addresses';
import { clipConditionalFormats, conditionalFormatsOf, type ConditionalFormats } from './conditional-formats';
import { dataValidationOf, type DataValidation } from './data-validation';
import { Loadable, type Host, type SheetProxy } from './host';
import { FakeRangeAreas, hiddenState } from './layout';
import { FakeOfficeError, MERGED_AREAS_LIMIT, READ_CELL_LIMIT, refuseIfProtected } from './limits-and-errors';
import type { FakeCell, Target } from './model';
import { writeValue } from './values';

export class FakeRange extends Loadable {
  readonly format: { font: { bold: boolean } };
  private readonly cfs: ConditionalFormats;

  /** Data validation (ExcelApi 1.8): list rules (excel/data-validation.ts). */
  get dataValidation(): DataValidation {
    this.fake.need('Range.dataValidation');
    return dataValidationOf(this.fake, () => this.target());
  }

  /** Conditional formats (ExcelApi 1.6). */
  get conditionalFormats(): ConditionalFormats {
    this.fake.need('Range.conditionalFormats');
    return this.cfs;
  }

  /**
   * `orNull`: a range from a *OrNullObject method, a null object when `find` finds nothing; any other range that finds
   * nothing fails the sync with ItemNotFound (the *OrNullObject methods "check for null objects instead of throwing
   * ItemNotFound exceptions", https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-blank-null-values).
   */
  constructor(
    private readonly fake: Host,
    readonly find: () => Target | undefined,
    private readonly orNull: boolean,
  ) {
    super();
    const range = this;
    this.cfs = conditionalFormatsOf(fake, () => this.target());
    this.format = {
      font: {
        get bold(): boolean {
          throw new FakeOfficeError('PropertyNotLoaded', 'format.font.bold is write-only in the fake');
        },
        set bold(b: boolean) {
          range.enqueueWrite(0, (cell) => void (cell.bold = b), null);
        },
      },
    };
  }

  /** Make this range the selection (and its sheet the active one), as Excel's Range.select(). */
  select(): void {
    this.fake.need('Range.select');
    this.fake.enqueue(() => {
      const t = this.target();
      if (!t) throw new FakeOfficeError('InvalidOperation', 'select on a null object');
      this.fake.select(t.sheet.name, t.box.row, t.box.column, t.box.rows, t.box.columns);
      return 0;
    });
  }

  private sheetProxy?: SheetProxy;

  /** The range's sheet (the same proxy each time, as in Office.js); only `name` can be loaded. */
  get worksheet(): SheetProxy {
    this.sheetProxy ??= this.fake.worksheetOf(() => this.find()?.sheet);
    return this.sheetProxy;
  }

  /** The overlap with another range of the same sheet (ExcelApi 1.4). */
  getIntersectionOrNullObject(other: FakeRange): FakeRange {
    this.fake.need('Range.getIntersectionOrNullObject');
    return new FakeRange(
      this.fake,
      () => {
        const a = this.find();
        const b = other.find();
        if (!a || !b) return undefined;
        const box = intersection(a.box, b.box);
        return box ? { sheet: a.sheet, box } : undefined;
      },
      true,
    );
  }

  private target(): Target | undefined {
    const t = this.find();
    if (!t && !this.orNull) throw new FakeOfficeError('ItemNotFound', 'range');
    return t;
  }

  get isNullObject(): boolean {
    return this.read('isNullObject');
  }
  get rowIndex(): number {
    return this.read('rowIndex');
  }
  get columnIndex(): number {
    return this.read('columnIndex');
  }
  get rowCount(): number {
    return this.read('rowCount');
  }
  get columnCount(): number {
    return this.read('columnCount');
  }
  get values(): unknown[][] {
    return this.read('values');
  }
  get valueTypes(): string[][] {
    return this.read('valueTypes');
  }
  get numberFormat(): string[][] {
    return this.read('numberFormat');
  }
  get columnHidden(): boolean | null {
    return this.read('columnHidden');
  }

  /**
   * Range.columnHidden is read/write (ExcelApi 1.2, https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-columnhidden-member):
   * true hides every column of the range, false shows them, as Excel's Verbergen / Zichtbaar maken do with whole
   * columns. Changing the layout of a protected sheet fails like any write to it.
   */
  set columnHidden(hidden: boolean) {
    this.fake.need('Range.columnHidden');
    this.fake.enqueue(
      () => {
        const t = this.target();
        if (!t) throw new FakeOfficeError('InvalidOperation', 'columnHidden on a null object');
        refuseIfProtected(t.sheet);
        for (let c = t.box.column; c < t.box.column + t.box.columns; c++) {
          if (hidden) t.sheet.hiddenColumns.add(c);
          else t.sheet.hiddenColumns.delete(c);
        }
        return 0;
      },
      16,
      'write',
    );
  }

  /**
   * The entire columns of the range: "if the current range represents cells "B4:E11", its getEntireColumn is a
   * range that represents columns "B:E"" (ExcelApi 1.1, https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-getentirecolumn-member()).
   */
  getEntireColumn(): FakeRange {
    this.fake.need('Range.getEntireColumn');
    return new FakeRange(
      this.fake,
      () => {
        const t = this.find();
        return t && { sheet: t.sheet, box: { row: 0, column: t.box.column, rows: 1_048_576, columns: t.box.columns } };
      },
      this.orNull,
    );
  }

  /**
   * The merged areas whose top-left cell lies in this range (ExcelApi 1.13). Excel reports only those: an area
   * that starts outside the range is left out even where it covers cells of the range
   * (https://github.com/OfficeDev/office-js/issues/3611), and with more than 512 areas the method fails (MERGED_AREAS_LIMIT).
   */
  getMergedAreasOrNullObject(): FakeRangeAreas {
    this.fake.need('Range.getMergedAreasOrNullObject');
    return new FakeRangeAreas(this.fake, () => {
      const t = this.target();
      if (!t) return undefined;
      const areas = t.sheet.merges.filter((b) => contains(t.box, b.row, b.column));
      if (areas.length > MERGED_AREAS_LIMIT)
        throw new FakeOfficeError('GeneralException', `${areas.length} merged areas in the range (at most ${MERGED_AREAS_LIMIT})`);
      return areas.length ? { sheet: t.sheet, areas } : undefined;
    });
  }

  /** A 2-D array of the range's shape; null leaves a cell alone (see writeValue for what Excel makes of a value). */
  set values(values: unknown[][]) {
    this.enqueueWrite(
      this.fake.requestSize(values),
      (cell, r, c) => {
        const v = values[r][c];
        if (v === null || v === undefined) return;
        writeValue(cell, v as string | number | boolean);
      },
      values,
      true,
    );
  }

  set numberFormat(formats: unknown[][]) {
    this.enqueueWrite(
      this.fake.requestSize(formats),
      (cell, r, c) => {
        const f = formats[r][c];
        if (f === null || f === undefined) return;
        // Range.numberFormat takes format codes (text); anything else is not a format Excel can apply
        if (typeof f !== 'string' && typeof f !== 'number') throw new FakeOfficeError('InvalidArgument', 'numberFormat: not a format code');
        cell.numberFormat = String(f);
      },
      formats,
    );
  }

  /**
   * Clear values and formats (or only 'Contents' / 'Formats') of the range, as Excel.ClearApplyTo says; conditional
   * formats go with 'All' (https://learn.microsoft.com/javascript/api/excel/excel.clearapplyto).
   */
  clear(applyTo: 'All' | 'Contents' | 'Formats' = 'All'): void {
    this.fake.need('Range.clear');
    this.fake.enqueue(
      () => {
        const t = this.target();
        if (!t) throw new FakeOfficeError('InvalidOperation', 'clear on a null object');
        refuseIfProtected(t.sheet);
        for (const [r, c, cell] of t.sheet.cells.positions()) {
          if (!contains(t.box, r, c)) continue;
          if (applyTo !== 'Formats') {
            delete cell.formula;
            cell.value = '';
            cell.type = 'Empty';
          }
          if (applyTo !== 'Contents') {
            cell.numberFormat = 'General';
            delete cell.bold;
          }
          if (cell.type === 'Empty' && cell.numberFormat === 'General' && !cell.bold) t.sheet.cells.remove(r, c);
        }
        if (applyTo !== 'Formats') this.fake.noteDataChange(t.sheet, t.box);
        if (applyTo === 'All') clipConditionalFormats(t.sheet, t.box);
        return 0;
      },
      32,
      'write',
    );
  }

  load(props: string): void {
    const list = props
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (list.includes('columnHidden')) this.fake.need('Range.columnHidden');
    this.fake.enqueue(() => {
      const t = this.target();
      this.loaded = { isNullObject: !t };
      // "On all platforms, a range is limited to five million cells for get operations." (READ_CELL_LIMIT)
      if (t && t.box.rows * t.box.columns > READ_CELL_LIMIT && list.some((p) => p === 'values' || p === 'valueTypes' || p === 'numberFormat')) {
        throw new FakeOfficeError('RangeExceedsLimit', `a range of ${t.box.rows * t.box.columns} cells cannot be read`);
      }
      const grid = cellGrid(t);
      let bytes = 0;
      for (const p of list) {
        const v = loadedProperty(p, t, grid);
        this.loaded[p] = v;
        bytes += JSON.stringify(v).length;
      }
      return bytes;
    });
  }

  /** `data`: the write changes values (raises onChanged), not only formats. An array must have the range's shape. */
  private enqueueWrite(bytes: number, apply: (cell: FakeCell, r: number, c: number) => void, shape: unknown[][] | null, data = false): void {
    this.fake.enqueue(
      () => {
        const t = this.target();
        if (!t) throw new FakeOfficeError('InvalidOperation', 'write to a null object');
        refuseIfProtected(t.sheet);
        if (shape && (shape.length !== t.box.rows || shape.some((line) => line.length !== t.box.columns))) {
          throw new FakeOfficeError('InvalidArgument', `array of ${shape.length}x${shape[0]?.length} for a ${t.box.rows}x${t.box.columns} range`);
        }
        for (let r = 0; r < t.box.rows; r++) for (let c = 0; c < t.box.columns; c++) apply(t.sheet.ensure(t.box.row + r, t.box.column + c), r, c);
        if (data) this.fake.noteDataChange(t.sheet, t.box);
        return 0;
      },
      bytes,
      'write',
    );
  }
}

type Grid = <T>(f: (cell: FakeCell | undefined) => T) => T[][] | null;

/** The range's cells as a grid of any of their properties, looked up once for all properties loaded; null for a null object. */
function cellGrid(t: Target | undefined): Grid {
  let cells: Array<Array<FakeCell | undefined>> | undefined;
  return <T>(f: (cell: FakeCell | undefined) => T): T[][] | null => {
    if (!t) return null;
    if (!cells) {
      cells = [];
      for (let r = 0; r < t.box.rows; r++) {
        const line: Array<FakeCell | undefined> = [];
        for (let c = 0; c < t.box.columns; c++) line.push(t.sheet.cell(t.box.row + r, t.box.column + c));
        cells.push(line);
      }
    }
    return cells.map((line) => line.map(f));
  };
}

/** One loaded property of a range (null for a null object), as Excel reports it: empty cells as '', 'Empty', 'General'. */
function loadedProperty(p: string, t: Target | undefined, grid: Grid): unknown {
  if (p === 'values') return grid((cell) => cell?.value ?? '');
  if (p === 'valueTypes') return grid((cell) => cell?.type ?? 'Empty');
  if (p === 'numberFormat') return grid((cell) => cell?.numberFormat ?? 'General');
  if (p === 'rowIndex') return t?.box.row ?? null;
  if (p === 'columnIndex') return t?.box.column ?? null;
  if (p === 'rowCount') return t?.box.rows ?? null;
  if (p === 'columnCount') return t?.box.columns ?? null;
  if (p === 'isNullObject') return !t;
  if (p === 'columnHidden') return t ? hiddenState(t) : null;
  throw new Error(`fake: range property ${p} not supported`);
}
