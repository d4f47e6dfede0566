/**
 * An in-memory fake of the slice of the Excel JavaScript API that OfficeWorkbook uses, behaving like the
 * host where it matters for correctness and cost:
 * - calls are queued and run in order at `context.sync()`; a loaded property is readable only after the
 *   sync, reading it earlier (or without `load`) throws PropertyNotLoaded;
 * - `getItem` of a missing sheet fails at sync (ItemNotFound); `*OrNullObject` gives `isNullObject`;
 * - writing `values`: null leaves the cell alone, '' clears it; in a cell whose number format is not '@'
 *   a string starting with '=' (or '+', '-', '@' when not a number) becomes a FORMULA and a numeric string a
 *   number, as Excel does; in an '@' cell everything is stored as text;
 * - it counts syncs and the bytes sent (values and number formats set) and received (properties loaded)
 *   per sync, and refuses either over 5 MB with RequestPayloadSizeLimitExceeded, like Excel on the web;
 * - a sheet can be hidden (`FakeSheet.visibility`, read through `worksheet.visibility`) and hold Excel tables with a
 *   totals row (`FakeSheet.tables`, read through `worksheet.tables` items' `showTotals` and `getTotalRowRange()`);
 * - a sheet can be protected (`FakeSheet.protected`, read through `worksheet.protection.protected`):
 *   writing its cells, formats or conditional formats fails at sync with AccessDenied, as in Excel; the
 *   operations queued before the failing one stay applied, the later ones are not run;
 * - `failSync(n)` makes the n-th next sync fail (a lost connection, a host error): before it runs anything,
 *   or after its first `afterOps` operations (those stay applied, as when one operation of a batch fails).
 */

export type SeedValue = string | number | boolean | Date | null | undefined | { error: string };
type ValueType = 'Empty' | 'String' | 'Integer' | 'Double' | 'Boolean' | 'Error';

export interface FakeCell {
  value: string | number | boolean;
  type: ValueType;
  formula?: string;
  numberFormat: string;
  bold?: boolean;
}

export interface FakeConditionalFormat {
  box: Box;
  formula: string;
  fill: string;
}

export class FakeSheet {
  readonly cells = new Map<string, FakeCell>();
  /** Conditional formats (type Custom) with the area they apply to. */
  conditionalFormats: FakeConditionalFormat[] = [];
  /** Charts (ExcelApi 1.7): what the adapter set on them. */
  readonly charts: FakeChartRecord[] = [];
  /** Cell notes (ExcelApi 1.18) by "row,column". */
  readonly notes = new Map<string, string>();
  /** Protected against edits (Excel: Review > Protect Sheet). */
  protected = false;
  /** Worksheet.visibility (ExcelApi 1.1): "VeryHidden" sheets can only be shown again through VBA or the API. */
  visibility: 'Visible' | 'Hidden' | 'VeryHidden' = 'Visible';
  /** Excel tables on the sheet: the box includes the header row and, when shown, the totals row (its last row). */
  readonly tables: FakeTableRecord[] = [];
  constructor(public name: string) {}

  /** The keys ("row,column") of the cells held, in reading order: by row, then by column. */
  cellKeys(): string[] {
    return [...this.cells.keys()].sort((a, b) => {
      const [ra, ca] = a.split(',').map(Number);
      const [rb, cb] = b.split(',').map(Number);
      return ra - rb || ca - cb;
    });
  }

  cell(r: number, c: number): FakeCell | undefined {
    return this.cells.get(`${r},${c}`);
  }

  ensure(r: number, c: number): FakeCell {
    let cell = this.cells.get(`${r},${c}`);
    if (!cell) {
      cell = { value: '', type: 'Empty', numberFormat: 'General' };
      this.cells.set(`${r},${c}`, cell);
    }
    return cell;
  }

  /** Bounding box of the cells with a value (or, unless valuesOnly, with any format). */
  used(valuesOnly: boolean): Box | undefined {
    let top = Infinity, left = Infinity, bottom = -1, right = -1;
    for (const [key, cell] of this.cells) {
      if (cell.type === 'Empty' && (valuesOnly || (cell.numberFormat === 'General' && !cell.bold))) continue;
      const [r, c] = key.split(',').map(Number);
      top = Math.min(top, r); left = Math.min(left, c); bottom = Math.max(bottom, r); right = Math.max(right, c);
    }
    return bottom < 0 ? undefined : { row: top, column: left, rows: bottom - top + 1, columns: right - left + 1 };
  }
}

interface Box { row: number; column: number; rows: number; columns: number }

/** An Excel table (Insert > Table) as the fake holds it; cells stay in the sheet's cells. */
export interface FakeTableRecord {
  name: string;
  box: Box;
  /** The totals row is shown: it is then the last row of `box` (Table.showTotals, ExcelApi 1.1). */
  showTotals: boolean;
}

export const PAYLOAD_LIMIT = 5 * 1024 * 1024;

export class FakeOfficeError extends Error {
  constructor(readonly code: string, message: string) {
    super(`${code}: ${message}`);
  }
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

function typeOf(v: string | number | boolean): ValueType {
  if (v === '') return 'Empty';
  if (typeof v === 'boolean') return 'Boolean';
  if (typeof v === 'number') return Number.isInteger(v) ? 'Integer' : 'Double';
  return 'String';
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** "B3" or "A1:D10" → box. */
function parseAddress(address: string): Box {
  const parts = address.replace(/^.*!/, '').replace(/\$/g, '').split(':');
  const cells = parts.map((p) => {
    const m = /^([A-Za-z]+)(\d+)$/.exec(p);
    if (!m) throw new FakeOfficeError('InvalidArgument', `address ${address} is not supported by the fake`);
    return { row: Number(m[2]) - 1, column: columnIndex(m[1]) };
  });
  const [a, b] = [cells[0], cells[1] ?? cells[0]];
  return { row: Math.min(a.row, b.row), column: Math.min(a.column, b.column), rows: Math.abs(b.row - a.row) + 1, columns: Math.abs(b.column - a.column) + 1 };
}

type Op = () => number; // runs at sync; returns the bytes it adds to the response

export class FakeExcel {
  readonly sheets: FakeSheet[] = [];
  syncCount = 0;
  /** Bytes sent / received per sync, in order. */
  readonly requests: number[] = [];
  readonly responses: number[] = [];
  private queue: Op[] = [];
  private requestBytes = 0;
  /** Syncs still to go before an injected failure (failSync), and its error code. */
  private failure?: { after: number | 'writes'; code: string; afterOps: number };
  /** The selected cells (as in Excel there is always one), on the active sheet. */
  selection: { sheet: string; row: number; column: number; rows: number; columns: number } = { sheet: '', row: 0, column: 0, rows: 1, columns: 1 };
  private readonly selectionHandlers = new Set<() => Promise<unknown> | void>();
  private readonly changeListeners = new Set<() => void>();
  readonly context: FakeContext;

  constructor() {
    const worksheets = new FakeWorksheetCollection(this);
    const fake = this;
    this.context = {
      workbook: {
        worksheets,
        getSelectedRange: () => {
          const sel = fake.selection;
          return new FakeRange(fake, () => {
            const sheet = fake.sheet(sel.sheet) ?? fake.sheets[0];
            return sheet ? { sheet, box: { row: sel.row, column: sel.column, rows: sel.rows, columns: sel.columns } } : undefined;
          }, false);
        },
        onSelectionChanged: {
          add: (handler: () => Promise<unknown> | void) => {
            fake.selectionHandlers.add(handler);
            return { context: fake.context, remove: () => fake.enqueue(() => (fake.selectionHandlers.delete(handler), 0)) };
          },
        },
      },
      sync: () => this.sync(),
    };
  }

  /** Select cells as a user would (the demo page's grid), telling the add-in's handlers. */
  select(sheet: string, row: number, column = 0, rows = 1, columns = 1): void {
    this.selection = { sheet, row, column, rows, columns };
    // Excel raises events after the request that caused them, not inside it
    setTimeout(() => {
      for (const handler of this.selectionHandlers) void handler();
    }, 0);
    this.changed();
  }

  /** Called after every sync that may have changed cells or the selection (the demo page redraws). */
  onChange(listener: () => void): void {
    this.changeListeners.add(listener);
  }

  private changed(): void {
    for (const listener of this.changeListeners) listener();
  }

  /** A workbook from rows of values (row 1 first), like helpers.workbookFrom. Dates get a date format. */
  static from(sheets: Record<string, SeedValue[][]>): FakeExcel {
    const fake = new FakeExcel();
    for (const [name, rows] of Object.entries(sheets)) {
      const sheet = new FakeSheet(name);
      fake.sheets.push(sheet);
      rows.forEach((line, r) => line.forEach((v, c) => {
        if (v === null || v === undefined) return;
        const cell = sheet.ensure(r, c);
        if (v instanceof Date) {
          cell.value = (v.getTime() - EXCEL_EPOCH_MS) / 86_400_000;
          cell.numberFormat = 'd-m-yyyy';
        } else if (typeof v === 'object') {
          cell.value = v.error;
          cell.type = 'Error';
          return;
        } else {
          cell.value = v;
        }
        cell.type = typeOf(cell.value);
      }));
    }
    return fake;
  }

  get maxRequest(): number {
    return Math.max(0, ...this.requests);
  }

  get maxResponse(): number {
    return Math.max(0, ...this.responses);
  }

  /**
   * The n-th sync from now (1 = the next one), or the first that sends writes ('writes'), fails with this
   * code after running its first `afterOps` operations, as when the connection to Excel is lost or the host
   * refuses an operation of the request.
   */
  failSync(n: number | 'writes', code = 'ConnectionFailure', afterOps = 0): void {
    this.failure = { after: n, code, afterOps };
  }

  /** Operations queued for the next sync (to choose where an injected failure strikes). */
  get pending(): number {
    return this.queue.length;
  }

  resetCounters(): void {
    this.syncCount = 0;
    this.requests.length = 0;
    this.responses.length = 0;
  }

  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  /** Every cell of every sheet except the skipped ones: value, type, formula, format, bold. */
  snapshot(skip: { sheets?: string[]; fromColumn?: Record<string, number> } = {}): string {
    const out: string[] = [];
    for (const sheet of this.sheets) {
      if (skip.sheets?.includes(sheet.name)) continue;
      const limit = skip.fromColumn?.[sheet.name];
      const keys = sheet.cellKeys();
      for (const key of keys) {
        const cell = sheet.cells.get(key)!;
        const c = Number(key.split(',')[1]);
        if (limit !== undefined && c >= limit) continue;
        if (cell.type === 'Empty' && cell.numberFormat === 'General' && !cell.bold) continue;
        out.push(`${sheet.name}!${key}=${JSON.stringify(cell.value)}|${cell.type}|${cell.formula ?? ''}|${cell.numberFormat}|${cell.bold ? 'b' : ''}`);
      }
    }
    return out.join('\n');
  }

  /** Cells holding a formula (Tariefwijzer never writes one). */
  formulas(): string[] {
    const out: string[] = [];
    for (const sheet of this.sheets) for (const [key, cell] of sheet.cells) if (cell.formula !== undefined) out.push(`${sheet.name}!${key}: ${cell.formula}`);
    return out;
  }

  enqueue(op: Op, requestBytes = 0): void {
    this.queue.push(op);
    this.requestBytes += requestBytes;
  }

  private async sync(): Promise<void> {
    this.syncCount++;
    const ops = this.queue;
    const sent = this.requestBytes + 2;
    this.queue = [];
    this.requestBytes = 0;
    this.requests.push(sent);
    if (this.failure && (this.failure.after === 'writes' ? sent > 2 : --this.failure.after <= 0)) {
      const { code, afterOps } = this.failure;
      this.failure = undefined;
      this.responses.push(0);
      for (const op of ops.slice(0, afterOps)) op();
      if (afterOps) this.changed();
      throw new FakeOfficeError(code, `the request failed after ${afterOps} of ${ops.length} operations (injected failure)`);
    }
    if (sent > PAYLOAD_LIMIT) {
      this.responses.push(0);
      throw new FakeOfficeError('RequestPayloadSizeLimitExceeded', `request of ${sent} bytes`);
    }
    let received = 0;
    try {
      for (const op of ops) received += op();
    } finally {
      this.responses.push(received);
    }
    if (received > PAYLOAD_LIMIT) throw new FakeOfficeError('RequestPayloadSizeLimitExceeded', `response of ${received} bytes`);
    if (ops.length) this.changed();
    await Promise.resolve();
  }
}

/** Holds properties loaded at the last sync; throws when one is read that was not. */
class Loadable {
  protected loaded: Record<string, unknown> = {};
  protected read<T>(prop: string): T {
    if (!(prop in this.loaded)) throw new FakeOfficeError('PropertyNotLoaded', `${prop} was not loaded and synced`);
    return this.loaded[prop] as T;
  }
}

class FakeWorksheetCollection extends Loadable {
  constructor(private readonly fake: FakeExcel) {
    super();
  }

  get items(): FakeWorksheet[] {
    return this.read('items');
  }

  load(props: string): void {
    if (!/items\/name|^items$|^$/.test(props)) throw new Error(`fake: load("${props}") not supported`);
    this.fake.enqueue(() => {
      const items = this.fake.sheets.map((s) => new FakeWorksheet(this.fake, () => s, false, { name: s.name }));
      this.loaded.items = items;
      return JSON.stringify(items.map((i) => i.name)).length;
    });
  }

  getItem(name: string): FakeWorksheet {
    return new FakeWorksheet(this.fake, () => this.fake.sheet(name), false);
  }

  getItemOrNullObject(name: string): FakeWorksheet {
    return new FakeWorksheet(this.fake, () => this.fake.sheet(name), true);
  }

  add(name: string): FakeWorksheet {
    let created: FakeSheet | undefined;
    this.fake.enqueue(() => {
      if (this.fake.sheet(name)) throw new FakeOfficeError('ItemAlreadyExists', `sheet ${name}`);
      created = new FakeSheet(name);
      this.fake.sheets.push(created);
      return 0;
    });
    return new FakeWorksheet(this.fake, () => created, false);
  }
}

class FakeWorksheet extends Loadable {
  constructor(private readonly fake: FakeExcel, private readonly find: () => FakeSheet | undefined, private readonly orNull: boolean, known: Record<string, unknown> = {}) {
    super();
    this.loaded = { ...known };
  }

  private notesProxy?: FakeNoteCollection;
  private chartsProxy?: FakeChartCollection;

  /** The sheet's charts (ExcelApi 1.7). */
  get charts(): FakeChartCollection {
    this.chartsProxy ??= new FakeChartCollection(this.fake, this);
    return this.chartsProxy;
  }

  /** The sheet's notes (ExcelApi 1.18). */
  get notes(): FakeNoteCollection {
    this.notesProxy ??= new FakeNoteCollection(this.fake, this);
    return this.notesProxy;
  }

  /** The sheet at sync time, or undefined for a null object; a missing getItem fails the sync. */
  resolve(): FakeSheet | undefined {
    const sheet = this.find();
    if (!sheet && !this.orNull) throw new FakeOfficeError('ItemNotFound', 'worksheet does not exist');
    return sheet;
  }

  get name(): string {
    return this.read('name');
  }

  get isNullObject(): boolean {
    return this.read('isNullObject');
  }

  private protectionProxy?: FakeWorksheetProtection;
  private tablesProxy?: FakeTableCollection;

  /** The sheet's tables (ExcelApi 1.1); only `items/showTotals` and `items/name` can be loaded. */
  get tables(): FakeTableCollection {
    this.tablesProxy ??= new FakeTableCollection(this.fake, () => this.resolve());
    return this.tablesProxy;
  }

  /** "Visible", "Hidden" or "VeryHidden" (ExcelApi 1.1 for reading). */
  get visibility(): string {
    return this.read('visibility');
  }

  /** The sheet's protection (ExcelApi 1.2); only `protected` can be loaded. */
  get protection(): FakeWorksheetProtection {
    this.protectionProxy ??= new FakeWorksheetProtection(this.fake, () => this.resolve());
    return this.protectionProxy;
  }

  load(props: string): void {
    this.fake.enqueue(() => {
      const sheet = this.resolve();
      for (const p of props.split(',').map((s) => s.trim())) {
        if (p === 'isNullObject') this.loaded.isNullObject = !sheet;
        else if (p === 'name') this.loaded.name = sheet?.name ?? null;
        else if (p === 'visibility') this.loaded.visibility = sheet?.visibility ?? null;
        else throw new Error(`fake: worksheet property ${p} not supported`);
      }
      return 16;
    });
  }

  /** Make the sheet the active one (the selection moves to its A1), as Excel's Worksheet.activate(). */
  activate(): void {
    this.fake.enqueue(() => {
      const sheet = this.resolve();
      if (sheet && this.fake.selection.sheet !== sheet.name) this.fake.select(sheet.name, 0);
      return 0;
    });
  }

  delete(): void {
    this.fake.enqueue(() => {
      const sheet = this.resolve();
      if (!sheet) throw new FakeOfficeError('InvalidOperation', 'delete on a null object');
      this.fake.sheets.splice(this.fake.sheets.indexOf(sheet), 1);
      return 0;
    });
  }

  getRange(address: string): FakeRange {
    const box = parseAddress(address);
    return new FakeRange(this.fake, () => ({ sheet: this.resolve()!, box }), false);
  }

  getRangeByIndexes(row: number, column: number, rows: number, columns: number): FakeRange {
    if (rows < 1 || columns < 1) throw new FakeOfficeError('InvalidArgument', 'empty range');
    return new FakeRange(this.fake, () => ({ sheet: this.resolve()!, box: { row, column, rows, columns } }), false);
  }

  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    return new FakeRange(this.fake, () => {
      const sheet = this.resolve()!;
      const box = sheet.used(valuesOnly);
      return box ? { sheet, box } : undefined;
    }, true);
  }
}

class FakeNoteCollection extends Loadable {
  constructor(private readonly fake: FakeExcel, private readonly worksheet: FakeWorksheet) {
    super();
  }

  get items(): FakeNote[] {
    return this.read('items');
  }

  load(props: string): void {
    if (props !== 'items') throw new Error(`fake: notes.load("${props}") not supported`);
    this.fake.enqueue(() => {
      const sheet = this.worksheet.resolve()!;
      this.loaded.items = [...sheet.notes.keys()].map((key) => new FakeNote(this.fake, sheet, key));
      return sheet.notes.size * 40;
    });
  }

  add(cell: FakeRange, content: string): void {
    this.fake.enqueue(() => {
      const t = cell.find();
      if (!t || t.box.rows !== 1 || t.box.columns !== 1) throw new FakeOfficeError('InvalidArgument', 'a note belongs to one cell');
      refuseIfProtected(t.sheet);
      const key = `${t.box.row},${t.box.column}`;
      if (t.sheet.notes.has(key)) throw new FakeOfficeError('InvalidArgument', `cell ${key} already has a note`);
      t.sheet.notes.set(key, String(content));
      return 0;
    }, String(content).length + 32);
  }
}

export interface FakeChartRecord {
  type: string;
  name: string;
  title: string;
  valueAxisTitle?: string;
  series: Array<{ name: string; values?: Box; categories?: Box }>;
  position?: { from: Box; to: Box };
}

class FakeChartCollection {
  constructor(private readonly fake: FakeExcel, private readonly worksheet: FakeWorksheet) {}

  getItemOrNullObject(name: string): { load(p: string): void; readonly isNullObject: boolean; delete(): void } {
    const fake = this.fake;
    const sheet = () => this.worksheet.resolve()!;
    let loaded: boolean | undefined;
    return {
      load: () => fake.enqueue(() => ((loaded = !sheet().charts.some((c) => c.name === name)), 8)),
      get isNullObject() {
        if (loaded === undefined) throw new FakeOfficeError('PropertyNotLoaded', 'isNullObject');
        return loaded;
      },
      delete: () => fake.enqueue(() => {
        const list = sheet().charts;
        const i = list.findIndex((c) => c.name === name);
        if (i < 0) throw new FakeOfficeError('InvalidOperation', 'delete on a null object');
        list.splice(i, 1);
        return 0;
      }),
    };
  }

  add(type: string, source: FakeRange, seriesBy: string): unknown {
    if (seriesBy !== 'Columns') throw new Error(`fake: charts by ${seriesBy} not supported`);
    const record: FakeChartRecord = { type, name: '', title: '', series: [{ name: '' }] };
    const fake = this.fake;
    const box = (r: FakeRange) => r.find()!.box;
    fake.enqueue(() => {
      record.series[0].values = box(source);
      this.worksheet.resolve()!.charts.push(record);
      return 0;
    }, 128);
    const seriesProxy = (i: number) => ({
      set name(n: string) { fake.enqueue(() => ((record.series[i].name = n), 0)); },
      setValues: (r: FakeRange) => fake.enqueue(() => ((record.series[i].values = box(r)), 0)),
      setXAxisValues: (r: FakeRange) => fake.enqueue(() => ((record.series[i].categories = box(r)), 0)),
    });
    return {
      set name(n: string) { fake.enqueue(() => ((record.name = n), 0)); },
      title: { set text(t: string) { fake.enqueue(() => ((record.title = t), 0)); } },
      axes: { valueAxis: { title: { set text(t: string) { fake.enqueue(() => ((record.valueAxisTitle = t), 0)); } } } },
      series: {
        getItemAt: (i: number) => seriesProxy(i),
        add: (n: string) => {
          const i = record.series.length;
          record.series.push({ name: n });
          return seriesProxy(i);
        },
      },
      setPosition: (from: FakeRange, to: FakeRange) => fake.enqueue(() => ((record.position = { from: box(from), to: box(to) }), 0)),
    };
  }
}

class FakeNote {
  constructor(private readonly fake: FakeExcel, private readonly sheet: FakeSheet, private readonly key: string) {}

  getLocation(): FakeRange {
    const [row, column] = this.key.split(',').map(Number);
    return new FakeRange(this.fake, () => ({ sheet: this.sheet, box: { row, column, rows: 1, columns: 1 } }), false);
  }

  delete(): void {
    this.fake.enqueue(() => {
      this.sheet.notes.delete(this.key);
      return 0;
    });
  }
}

/**
 * Worksheet.tables (ExcelApi 1.1): https://learn.microsoft.com/javascript/api/excel/excel.tablecollection. A
 * collection is loaded with "items/<property>"; its items are then readable after the sync.
 */
class FakeTableCollection extends Loadable {
  constructor(private readonly fake: FakeExcel, private readonly find: () => FakeSheet | undefined) {
    super();
  }

  get items(): FakeTable[] {
    return this.read('items');
  }

  load(props: string): void {
    const list = props.split(',').map((p) => p.trim());
    if (!list.every((p) => p === 'items/showTotals' || p === 'items/name')) throw new Error(`fake: tables.load("${props}") not supported`);
    this.fake.enqueue(() => {
      const records = this.find()?.tables ?? [];
      this.loaded.items = records.map((t) => new FakeTable(this.fake, () => this.find()!, t, list));
      return 32 * records.length;
    });
  }
}

/** Excel.Table: https://learn.microsoft.com/javascript/api/excel/excel.table (showTotals, getTotalRowRange: ExcelApi 1.1). */
class FakeTable extends Loadable {
  constructor(private readonly fake: FakeExcel, private readonly sheet: () => FakeSheet, private readonly record: FakeTableRecord, loaded: string[]) {
    super();
    if (loaded.includes('items/showTotals')) this.loaded.showTotals = record.showTotals;
    if (loaded.includes('items/name')) this.loaded.name = record.name;
  }

  get showTotals(): boolean {
    return this.read('showTotals');
  }

  get name(): string {
    return this.read('name');
  }

  /**
   * The totals row's range. With the totals row hidden Excel has no such range and the request fails; the fake
   * raises InvalidArgument then (the adapter asks only for tables whose showTotals it loaded as true).
   */
  getTotalRowRange(): FakeRange {
    const record = this.record;
    return new FakeRange(this.fake, () => {
      if (!record.showTotals) throw new FakeOfficeError('InvalidArgument', `table ${record.name} shows no totals row`);
      return { sheet: this.sheet(), box: { row: record.box.row + record.box.rows - 1, column: record.box.column, rows: 1, columns: record.box.columns } };
    }, false);
  }
}

class FakeWorksheetProtection extends Loadable {
  constructor(private readonly fake: FakeExcel, private readonly find: () => FakeSheet | undefined) {
    super();
  }

  get protected(): boolean {
    return this.read('protected');
  }

  load(props: string): void {
    if (props.trim() !== 'protected') throw new Error(`fake: protection property ${props} not supported`);
    this.fake.enqueue(() => {
      this.loaded.protected = this.find()?.protected ?? false;
      return 16;
    });
  }
}

/** Excel refuses any change to the cells of a protected sheet. */
function refuseIfProtected(sheet: FakeSheet): void {
  if (sheet.protected) throw new FakeOfficeError('AccessDenied', `sheet ${sheet.name} is protected`);
}

type Target = { sheet: FakeSheet; box: Box };

class FakeRange extends Loadable {
  readonly format: { font: { bold: boolean } };
  readonly conditionalFormats: { clearAll(): void; add(type: string): { custom: { rule: { formula: string }; format: { fill: { color: string } } } } };

  constructor(private readonly fake: FakeExcel, readonly find: () => Target | undefined, private readonly orNull: boolean) {
    super();
    const range = this;
    this.conditionalFormats = {
      clearAll: () => {
        fake.enqueue(() => {
          const t = range.target()!;
          refuseIfProtected(t.sheet);
          const overlaps = (b: Box) => b.row < t.box.row + t.box.rows && t.box.row < b.row + b.rows && b.column < t.box.column + t.box.columns && t.box.column < b.column + b.columns;
          t.sheet.conditionalFormats = t.sheet.conditionalFormats.filter((cf) => !overlaps(cf.box));
          return 0;
        });
      },
      add: (type: string) => {
        if (type !== 'Custom') throw new Error(`fake: conditional format ${type} not supported`);
        const rule: FakeConditionalFormat = { box: { row: 0, column: 0, rows: 0, columns: 0 }, formula: '', fill: '' };
        fake.enqueue(() => {
          refuseIfProtected(range.target()!.sheet);
          rule.box = { ...range.target()!.box };
          range.target()!.sheet.conditionalFormats.push(rule);
          return 0;
        }, 64);
        return {
          custom: {
            rule: { set formula(f: string) { rule.formula = f; }, get formula() { return rule.formula; } },
            format: { fill: { set color(c: string) { rule.fill = c; }, get color() { return rule.fill; } } },
          },
        };
      },
    };
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
    this.fake.enqueue(() => {
      const t = this.target();
      if (!t) throw new FakeOfficeError('InvalidOperation', 'select on a null object');
      this.fake.select(t.sheet.name, t.box.row, t.box.column, t.box.rows, t.box.columns);
      return 0;
    });
  }

  private sheetProxy?: FakeWorksheet;

  /** The range's sheet (the same proxy each time, as in Office.js); only `name` can be loaded. */
  get worksheet(): FakeWorksheet {
    this.sheetProxy ??= new FakeWorksheet(this.fake, () => this.find()?.sheet, false);
    return this.sheetProxy;
  }

  /** The overlap with another range of the same sheet (ExcelApi 1.4). */
  getIntersectionOrNullObject(other: FakeRange): FakeRange {
    return new FakeRange(this.fake, () => {
      const a = this.find();
      const b = other.find();
      if (!a || !b) return undefined;
      const row = Math.max(a.box.row, b.box.row);
      const column = Math.max(a.box.column, b.box.column);
      const rows = Math.min(a.box.row + a.box.rows, b.box.row + b.box.rows) - row;
      const columns = Math.min(a.box.column + a.box.columns, b.box.column + b.box.columns) - column;
      return rows > 0 && columns > 0 ? { sheet: a.sheet, box: { row, column, rows, columns } } : undefined;
    }, true);
  }

  private target(): Target | undefined {
    const t = this.find();
    if (!t && !this.orNull) throw new FakeOfficeError('ItemNotFound', 'range');
    return t;
  }

  get isNullObject(): boolean { return this.read('isNullObject'); }
  get rowIndex(): number { return this.read('rowIndex'); }
  get columnIndex(): number { return this.read('columnIndex'); }
  get rowCount(): number { return this.read('rowCount'); }
  get columnCount(): number { return this.read('columnCount'); }
  get values(): unknown[][] { return this.read('values'); }
  get valueTypes(): string[][] { return this.read('valueTypes'); }
  get numberFormat(): string[][] { return this.read('numberFormat'); }

  set values(values: unknown[][]) {
    this.enqueueWrite(JSON.stringify(values).length, (cell, r, c) => {
      const v = values[r][c];
      if (v === null || v === undefined) return;
      writeValue(cell, v as string | number | boolean);
    }, values);
  }

  set numberFormat(formats: unknown[][]) {
    this.enqueueWrite(JSON.stringify(formats).length, (cell, r, c) => {
      const f = formats[r][c];
      if (f === null || f === undefined) return;
      cell.numberFormat = String(f);
    }, formats);
  }

  load(props: string): void {
    const list = props.split(',').map((s) => s.trim()).filter(Boolean);
    this.fake.enqueue(() => {
      const t = this.target();
      this.loaded = { isNullObject: !t };
      const grid = <T>(f: (cell: FakeCell | undefined) => T): T[][] | null => {
        if (!t) return null;
        const out: T[][] = [];
        for (let r = 0; r < t.box.rows; r++) {
          const line: T[] = [];
          for (let c = 0; c < t.box.columns; c++) line.push(f(t.sheet.cell(t.box.row + r, t.box.column + c)));
          out.push(line);
        }
        return out;
      };
      let bytes = 0;
      for (const p of list) {
        let v: unknown;
        if (p === 'values') v = grid((cell) => cell?.value ?? '');
        else if (p === 'valueTypes') v = grid((cell) => cell?.type ?? 'Empty');
        else if (p === 'numberFormat') v = grid((cell) => cell?.numberFormat ?? 'General');
        else if (p === 'rowIndex') v = t?.box.row ?? null;
        else if (p === 'columnIndex') v = t?.box.column ?? null;
        else if (p === 'rowCount') v = t?.box.rows ?? null;
        else if (p === 'columnCount') v = t?.box.columns ?? null;
        else if (p === 'isNullObject') v = !t;
        else throw new Error(`fake: range property ${p} not supported`);
        this.loaded[p] = v;
        bytes += JSON.stringify(v).length;
      }
      return bytes;
    });
  }

  private enqueueWrite(bytes: number, apply: (cell: FakeCell, r: number, c: number) => void, shape: unknown[][] | null): void {
    this.fake.enqueue(() => {
      const t = this.target();
      if (!t) throw new FakeOfficeError('InvalidOperation', 'write to a null object');
      refuseIfProtected(t.sheet);
      if (shape && (shape.length !== t.box.rows || shape.some((line) => line.length !== t.box.columns))) {
        throw new FakeOfficeError('InvalidArgument', `array of ${shape.length}x${shape[0]?.length} for a ${t.box.rows}x${t.box.columns} range`);
      }
      for (let r = 0; r < t.box.rows; r++) for (let c = 0; c < t.box.columns; c++) apply(t.sheet.ensure(t.box.row + r, t.box.column + c), r, c);
      return 0;
    }, bytes);
  }
}

/** What Excel does with a value typed into a cell, given the cell's number format. */
function writeValue(cell: FakeCell, v: string | number | boolean): void {
  delete cell.formula;
  if (v === '') {
    cell.value = '';
    cell.type = 'Empty';
    return;
  }
  if (cell.numberFormat === '@') {
    cell.value = String(v);
    cell.type = 'String';
    return;
  }
  if (typeof v === 'string') {
    const numeric = v.trim() !== '' && Number.isFinite(Number(v));
    if (/^[=+\-@]/.test(v) && !numeric) {
      cell.formula = v.startsWith('=') ? v : `=${v}`;
      cell.value = '#NAME?';
      cell.type = 'Error';
      return;
    }
    if (numeric) {
      cell.value = Number(v);
      cell.type = typeOf(cell.value);
      return;
    }
  }
  cell.value = v;
  cell.type = typeOf(v);
}

export interface FakeContext {
  workbook: {
    worksheets: FakeWorksheetCollection;
    getSelectedRange(): FakeRange;
    onSelectionChanged: { add(handler: () => Promise<unknown> | void): { context: FakeContext; remove(): void } };
  };
  sync: () => Promise<void>;
}

/** The fake's context as the adapter expects it. */
export function fakeContext(fake: FakeExcel): Excel.RequestContext {
  return fake.context as unknown as Excel.RequestContext;
}
