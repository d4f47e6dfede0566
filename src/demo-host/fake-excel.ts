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
 *
 * Strict where real Excel is strict (each rule cites the page it follows):
 * - API levels: every member the fake models has the requirement set @types/office-js annotates for it
 *   (API_LEVELS; test/office-api checks the table against the annotations). Below the page's declared level
 *   a call fails at sync with ApiNotFound, as Excel answers a request it does not know: "The API you are
 *   trying to use could not be found. It may be available in a newer version of the Office application."
 *   https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling
 * - Payload (Excel on the web only): a request over 5 MB fails with RequestPayloadSizeLimitExceeded, a
 *   response over 5 MB with ResponsePayloadSizeLimitExceeded (same page, "This error only occurs in Office on
 *   the web"); on all platforms a range of more than 5,000,000 cells cannot be read (RangeExceedsLimit):
 *   https://learn.microsoft.com/office/dev/add-ins/excel/performance#payload-size-limit-best-practices
 *   ("On all platforms, a range is limited to five million cells for get operations").
 * - Sheet names are case-insensitive: getItem("tariefwijzer") finds "Tariefwijzer", add("TARIEFWIJZER")
 *   beside it fails with ItemAlreadyExists (Excel: "Worksheet names are not case sensitive",
 *   https://support.microsoft.com/office/rename-a-worksheet-3f1f7148-ee83-404d-8ef0-9ff99fbad1f9).
 * - Undo: an Excel.run with mergeUndoGroup (ExcelApi 1.20) is one undo step; Worksheet.delete is not
 *   undoable, so inside a merged group it fails with UndoNotSupported, and anywhere it clears the undo stack
 *   ("If you call an unsupported API ... the user's undo stack is cleared"),
 *   https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-undo-capabilities. `undo()` restores
 *   the workbook as it was before the last step.
 * - Worksheet.delete of a VeryHidden sheet fails with InvalidOperation (@types/office-js, Worksheet.delete:
 *   "if the worksheet's visibility is set to 'VeryHidden', the delete operation will fail with an
 *   InvalidOperation exception").
 * - getSelectedRange() with several areas selected fails (Workbook.getSelectedRange: "If there are multiple
 *   ranges selected, this method will throw an error"); the fake answers InvalidSelection, the error table's
 *   "The current selection is invalid for this operation".
 * - Merged areas (`FakeSheet.merges`) are reported by Range.getMergedAreasOrNullObject (ExcelApi 1.13) only when
 *   their top-left cell lies in the range (https://github.com/OfficeDev/office-js/issues/3611), and the method
 *   fails with more than 512 areas (its @types/office-js description); hidden columns (`FakeSheet.hiddenColumns`)
 *   come back through Range.columnHidden (ExcelApi 1.2): true, false, or null for a mix.
 * - conditionalFormats.clearAll() clears the rules only inside its range: a rule reaching outside keeps its
 *   cells there (ConditionalFormatCollection.clearAll: "Clears all conditional formats active on the current
 *   specified range").
 * - Changed events (Worksheet.onChanged, ExcelApi 1.7; WorksheetCollection.onChanged, 1.9): "Events within an
 *   Excel workbook can be triggered by: user interaction via the Excel user interface (UI) that changes the
 *   workbook; Office Add-in (JavaScript) code that changes the workbook [...]"
 *   (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-events, "Event triggers"), so the
 *   add-in's own value writes raise them too, with `triggerSource` "ThisLocalAddin" (ExcelApi 1.14,
 *   https://learn.microsoft.com/javascript/api/excel/excel.eventtriggersource), a user's edit (`edit()`) with
 *   "Unknown"; `source` is "Local" (a coauthor's change would be "Remote", same article, "Events and
 *   coauthoring"). Only data raises onChanged ("Occurs when the data of individual cells or comments has
 *   changed"); formats raise onFormatChanged, which the fake does not model. Events are raised after the
 *   request that caused them. Whether Ctrl+Z raises onChanged the pages do not say: by default `undo()` raises
 *   nothing (the case the add-in must survive), with `undoRaisesChanged` it raises one per changed sheet
 *   (docs/excel-controlelijst.md asks a real Excel).
 * - sync() resolves after a real task boundary (a macrotask, plus `latencyMs`), as a round trip to Excel
 *   does; the fake's own work inside a sync is logged in `hostTime` so that tests can tell it apart.
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

export type Visibility = 'Visible' | 'Hidden' | 'VeryHidden';

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

let sheetIds = 0;

export class FakeSheet {
  readonly cells = new Map<string, FakeCell>();
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

  private readonly usedCache = new Map<boolean, Box | undefined>();

  /** Forget the used ranges computed (the host calls this when cells may have changed). */
  invalidate(): void {
    this.usedCache.clear();
  }

  /** Bounding box of the cells with a value (or, unless valuesOnly, with any format). */
  used(valuesOnly: boolean): Box | undefined {
    if (this.usedCache.has(valuesOnly)) return this.usedCache.get(valuesOnly);
    let top = Infinity,
      left = Infinity,
      bottom = -1,
      right = -1;
    for (const [key, cell] of this.cells) {
      if (cell.type === 'Empty' && (valuesOnly || (cell.numberFormat === 'General' && !cell.bold))) continue;
      const comma = key.indexOf(',');
      const r = +key.slice(0, comma);
      const c = +key.slice(comma + 1);
      if (r < top) top = r;
      if (r > bottom) bottom = r;
      if (c < left) left = c;
      if (c > right) right = c;
    }
    const box = bottom < 0 ? undefined : { row: top, column: left, rows: bottom - top + 1, columns: right - left + 1 };
    this.usedCache.set(valuesOnly, box);
    return box;
  }
}

export interface Box {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

/** An Excel table (Insert > Table) as the fake holds it; cells stay in the sheet's cells. */
export interface FakeTableRecord {
  name: string;
  box: Box;
  /** The totals row is shown: it is then the last row of `box` (Table.showTotals, ExcelApi 1.1). */
  showTotals: boolean;
}

export const PAYLOAD_LIMIT = 5 * 1024 * 1024;
/** Cells a range may have for a get operation (all platforms). */
export const READ_CELL_LIMIT = 5_000_000;

/**
 * The requirement set of each member the fake models, as @types/office-js annotates it
 * (`[Api set: ExcelApi 1.x]`); test/office-api/api-levels.test.ts checks every entry against the annotation.
 */
export const API_LEVELS = {
  'Workbook.worksheets': '1.1',
  'Workbook.getSelectedRange': '1.1',
  'Workbook.onSelectionChanged': '1.2',
  'WorksheetCollection.getItem': '1.1',
  'WorksheetCollection.getItemOrNullObject': '1.4',
  'WorksheetCollection.add': '1.1',
  'WorksheetCollection.onChanged': '1.9',
  'Worksheet.id': '1.1',
  'Worksheet.onChanged': '1.7',
  'WorksheetChangedEventArgs.worksheetId': '1.7',
  'WorksheetChangedEventArgs.address': '1.7',
  'WorksheetChangedEventArgs.source': '1.7',
  'WorksheetChangedEventArgs.triggerSource': '1.14',
  'Worksheet.name': '1.1',
  'Worksheet.visibility': '1.1',
  'Worksheet.charts': '1.1',
  'Worksheet.notes': '1.18',
  'Worksheet.protection': '1.2',
  'Worksheet.activate': '1.1',
  'Worksheet.delete': '1.1',
  'Worksheet.getRange': '1.1',
  'Worksheet.getRangeByIndexes': '1.7',
  'Worksheet.getUsedRangeOrNullObject': '1.4',
  'WorksheetProtection.protected': '1.2',
  'Range.values': '1.1',
  'Range.valueTypes': '1.1',
  'Range.numberFormat': '1.1',
  'Range.rowIndex': '1.1',
  'Range.columnIndex': '1.1',
  'Range.rowCount': '1.1',
  'Range.columnCount': '1.1',
  'Range.format': '1.1',
  'Range.worksheet': '1.1',
  'Range.clear': '1.1',
  'Range.select': '1.1',
  'Range.getIntersectionOrNullObject': '1.4',
  'Range.columnHidden': '1.2',
  'Range.getMergedAreasOrNullObject': '1.13',
  'RangeAreas.address': '1.9',
  'Range.conditionalFormats': '1.6',
  'Range.dataValidation': '1.8',
  'DataValidation.clear': '1.8',
  'DataValidation.rule': '1.8',
  'DataValidationRule.list': '1.8',
  'ConditionalFormatCollection.clearAll': '1.6',
  'ConditionalFormatCollection.add': '1.6',
  'ConditionalFormat.custom': '1.6',
  'CustomConditionalFormat.rule': '1.6',
  'CustomConditionalFormat.format': '1.6',
  'ConditionalFormatRule.formula': '1.6',
  'ConditionalRangeFormat.fill': '1.6',
  'ConditionalRangeFill.color': '1.6',
  'ChartCollection.add': '1.1',
  'ChartCollection.getItemOrNullObject': '1.4',
  'Chart.delete': '1.1',
  'Chart.setPosition': '1.1',
  'ChartSeriesCollection.getItemAt': '1.1',
  'ChartSeriesCollection.add': '1.7',
  'ChartSeries.setValues': '1.7',
  'ChartSeries.setXAxisValues': '1.7',
  'NoteCollection.add': '1.18',
  'Note.getLocation': '1.18',
  'Note.delete': '1.18',
  'RunOptions.mergeUndoGroup': '1.20',
} as const satisfies Record<string, string>;
export type ApiMember = keyof typeof API_LEVELS;

export function compareVersions(a: string, b: string): number {
  const [x, y] = [a.split('.').map(Number), b.split('.').map(Number)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

export interface FakeExcelOptions {
  /** The ExcelApi level the simulated Excel answers to (default: 1.20, the newest the fake models). */
  api?: string;
  /** 'web' (default) has Excel on the web's 5 MB request and response limits; 'desktop' has none. */
  platform?: 'web' | 'desktop';
  /** Milliseconds a sync takes beyond its task boundary (default 0). */
  latencyMs?: number;
  /** Keep a copy of the workbook before each undo step so that `undo()` can restore it (default: yes). */
  undoSnapshots?: boolean;
  /** `undo()` raises onChanged for the sheets it changes (default: no; the pages are silent, see the header). */
  undoRaisesChanged?: boolean;
}

/** What a changed event hands its handlers: Excel.WorksheetChangedEventArgs (ExcelApi 1.7; triggerSource 1.14). */
export interface FakeChangedEventArgs {
  type: 'WorksheetChanged';
  worksheetId: string;
  /** The changed cells, without the sheet name ("H4:K15"). */
  address: string;
  changeType: 'RangeEdited';
  source: 'Local' | 'Remote';
  /** Only on an Excel of ExcelApi 1.14 or newer. */
  triggerSource?: 'ThisLocalAddin' | 'Unknown';
}
type ChangedHandler = (args: FakeChangedEventArgs) => Promise<unknown> | void;
/** A registered changed handler: for one sheet (Worksheet.onChanged) or all (WorksheetCollection.onChanged). */
interface ChangedRegistration {
  sheet?: FakeSheet;
  handler: ChangedHandler;
}

/** Resolve after a real task boundary: the page can paint and handle input, as during a round trip to Excel. */
function taskBoundary(ms: number): Promise<void> {
  if (ms > 0 || typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, ms));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(0);
  });
}

/** What an operation does to the undo stack. */
type OpKind = 'read' | 'write' | 'notUndoable';

interface SheetState {
  sheets: Array<{
    sheet: FakeSheet;
    name: string;
    visibility: Visibility;
    protected: boolean;
    cells: Map<string, FakeCell>;
    conditionalFormats: FakeConditionalFormat[];
    validations: FakeValidation[];
    charts: FakeChartRecord[];
    notes: Map<string, string>;
  }>;
}

/** One step on the undo stack: the workbook as it was before it. */
interface UndoEntry {
  merged: boolean;
  operations: number;
  before?: SheetState;
}

export class FakeOfficeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
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

function columnName(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Box → "B3" or "A1:D10". */
function addressOf(box: Box): string {
  const start = `${columnName(box.column)}${box.row + 1}`;
  return box.rows === 1 && box.columns === 1 ? start : `${start}:${columnName(box.column + box.columns - 1)}${box.row + box.rows}`;
}

/** A sheet's cell values and formulas as text, to tell whether an undo changed its data. */
function cellsText(sheet: FakeSheet): string {
  return sheet
    .cellKeys()
    .map((k) => `${k}=${JSON.stringify(sheet.cells.get(k)!.value)}${sheet.cells.get(k)!.formula ?? ''}`)
    .join(';');
}

type Op = () => number; // runs at sync; returns the bytes it adds to the response
interface QueuedOp {
  run: Op;
  kind: OpKind;
}

export class FakeExcel {
  readonly sheets: FakeSheet[] = [];
  syncCount = 0;
  /** Bytes sent / received per sync, in order. */
  readonly requests: number[] = [];
  readonly responses: number[] = [];
  /** The fake's own work: [start, end] (performance.now()) of each sync's operations, for responsiveness tests. */
  readonly hostTime: Array<[number, number]> = [];
  /** Steps the user could undo, oldest first. */
  readonly undoStack: UndoEntry[] = [];
  readonly api: string;
  readonly platform: 'web' | 'desktop';
  latencyMs: number;
  private readonly undoSnapshots: boolean;
  private queue: QueuedOp[] = [];
  private requestBytes = 0;
  /** The Excel.run under way: merged into one undo step or not, and its step once it wrote something. */
  private run?: { merged: boolean; entry?: UndoEntry };
  /** Syncs still to go before an injected failure (failSync), and its error code. */
  private failure?: { after: number | 'writes'; code: string; afterOps: number };
  /** The selected cells (as in Excel there is always one), on the active sheet; `areas` > 1 for a multi-area selection. */
  selection: { sheet: string; row: number; column: number; rows: number; columns: number; areas?: number } = {
    sheet: '',
    row: 0,
    column: 0,
    rows: 1,
    columns: 1,
  };
  private readonly selectionHandlers = new Set<() => Promise<unknown> | void>();
  private readonly changeListeners = new Set<() => void>();
  /** Handlers of Worksheet.onChanged / WorksheetCollection.onChanged, and the data changes of the sync under way. */
  readonly changedHandlers = new Set<ChangedRegistration>();
  private dataChanges: Array<{ sheet: FakeSheet; box: Box }> = [];
  private readonly undoRaisesChanged: boolean;
  readonly context: FakeContext;

  constructor(options: FakeExcelOptions = {}) {
    this.api = options.api ?? '1.20';
    this.platform = options.platform ?? 'web';
    this.latencyMs = options.latencyMs ?? 0;
    this.undoSnapshots = options.undoSnapshots ?? true;
    this.undoRaisesChanged = options.undoRaisesChanged ?? false;
    const worksheets = new FakeWorksheetCollection(this);
    const fake = this;
    this.context = {
      workbook: {
        get worksheets() {
          fake.need('Workbook.worksheets');
          return worksheets;
        },
        getSelectedRange: () => {
          fake.need('Workbook.getSelectedRange');
          const sel = fake.selection;
          return new FakeRange(
            fake,
            () => {
              // "If there are multiple ranges selected, this method will throw an error." (Workbook.getSelectedRange)
              if ((sel.areas ?? 1) > 1) throw new FakeOfficeError('InvalidSelection', 'several areas are selected');
              const sheet = fake.sheet(sel.sheet) ?? fake.sheets[0];
              return sheet ? { sheet, box: { row: sel.row, column: sel.column, rows: sel.rows, columns: sel.columns } } : undefined;
            },
            false,
          );
        },
        get onSelectionChanged() {
          fake.need('Workbook.onSelectionChanged');
          return {
            add: (handler: () => Promise<unknown> | void) => {
              fake.selectionHandlers.add(handler);
              return { context: fake.context, remove: () => fake.enqueue(() => (fake.selectionHandlers.delete(handler), 0)) };
            },
          };
        },
      },
      sync: () => this.sync(),
    };
  }

  /** The page's ExcelApi level has this member; below it the next sync fails with ApiNotFound. */
  supports(member: ApiMember): boolean {
    return compareVersions(API_LEVELS[member], this.api) <= 0;
  }

  /** Called by every modelled member: below its requirement set the request fails at sync (ApiNotFound). */
  need(member: ApiMember): void {
    if (this.supports(member)) return;
    this.enqueue(() => {
      throw new FakeOfficeError('ApiNotFound', `${member} needs ExcelApi ${API_LEVELS[member]}; this Excel has ${this.api}`);
    });
  }

  /**
   * Excel.run as the host runs it: one request context, the batch, a final sync. With `mergeUndoGroup`
   * (ExcelApi 1.20) everything the run changes is one undo step.
   */
  async excelRun<T>(options: { mergeUndoGroup?: boolean } | undefined, batch: (context: FakeContext) => Promise<T>): Promise<T> {
    const merged = !!options?.mergeUndoGroup;
    if (merged) this.need('RunOptions.mergeUndoGroup');
    const outer = this.run;
    this.run = { merged };
    try {
      const result = await batch(this.context);
      await this.sync();
      return result;
    } finally {
      this.run = outer;
    }
  }

  /** Select cells as a user would (the demo page's grid), telling the add-in's handlers. */
  select(sheet: string, row: number, column = 0, rows = 1, columns = 1, areas = 1): void {
    this.selection = { sheet, row, column, rows, columns, areas };
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
  static from(sheets: Record<string, SeedValue[][]>, options: FakeExcelOptions = {}): FakeExcel {
    const fake = new FakeExcel(options);
    for (const [name, rows] of Object.entries(sheets)) {
      const sheet = new FakeSheet(name);
      fake.sheets.push(sheet);
      rows.forEach((line, r) =>
        line.forEach((v, c) => {
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
        }),
      );
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
    this.hostTime.length = 0;
  }

  /** A sheet by name; Excel's sheet names are case-insensitive. */
  sheet(name: string): FakeSheet | undefined {
    const key = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === key);
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

  /**
   * A user's formula in a cell (e.g. `=Tariefwijzer!B3*2`): only references to one cell of a sheet, times
   * or plus a number, are understood; the value is computed by `recalculate()`, as Excel does on a change.
   */
  setFormula(sheet: string, row: number, column: number, formula: string): void {
    const cell = this.sheet(sheet)!.ensure(row, column);
    cell.formula = formula;
    this.recalculate();
  }

  /** Rewrite formulas that refer to a deleted sheet: `=Blad!B3` becomes `=#REF!B3`, showing #REF!. */
  breakReferencesTo(name: string): void {
    const key = name.toLowerCase();
    for (const sheet of this.sheets) {
      for (const cell of sheet.cells.values()) {
        const m = cell.formula && /^='?([^'!]+)'?!(.*)$/.exec(cell.formula);
        if (!m || m[1].toLowerCase() !== key) continue;
        cell.formula = `=#REF!${m[2]}`;
        cell.value = '#REF!';
        cell.type = 'Error';
      }
    }
  }

  /** Evaluate the formulas `setFormula` understands: a reference to a deleted sheet gives #REF!. */
  recalculate(): void {
    for (const sheet of this.sheets) {
      for (const cell of sheet.cells.values()) {
        const m = cell.formula && /^='?([^'!]+)'?!\$?([A-Z]+)\$?(\d+)(?:([*+])(\d+(?:\.\d+)?))?$/.exec(cell.formula);
        if (!m) continue;
        const target = this.sheet(m[1]);
        const source = target?.cell(Number(m[3]) - 1, columnIndex(m[2]));
        if (!target) {
          cell.value = '#REF!';
          cell.type = 'Error';
          continue;
        }
        const v = source && source.type !== 'Empty' ? source.value : 0;
        const value = m[4] && typeof v === 'number' ? (m[4] === '*' ? v * Number(m[5]) : v + Number(m[5])) : v;
        cell.value = value;
        cell.type = typeOf(value === '' ? 0 : value);
      }
    }
  }

  enqueue(op: Op, requestBytes = 0, kind: OpKind = 'read'): void {
    this.queue.push({ run: op, kind });
    this.requestBytes += requestBytes;
  }

  /** Run `work` of the simulation itself (e.g. the demo page drawing the grid), logged as host time. */
  asHost(work: () => void): void {
    const started = typeof performance === 'undefined' ? 0 : performance.now();
    try {
      work();
    } finally {
      if (typeof performance !== 'undefined') this.hostTime.push([started, performance.now()]);
    }
  }

  /** The bytes a value adds to the request (its JSON, as Office.js serializes it), timed as host work. */
  requestSize(value: unknown): number {
    let bytes = 0;
    this.asHost(() => (bytes = JSON.stringify(value).length));
    return bytes;
  }

  /** Undo the last step on the undo stack (Ctrl+Z); false when there is none. */
  undo(): boolean {
    const entry = this.undoStack.pop();
    if (!entry?.before) return false;
    const was = this.undoRaisesChanged ? new Map(this.sheets.map((sheet) => [sheet, cellsText(sheet)])) : undefined;
    this.restore(entry.before);
    this.recalculate();
    this.changed();
    if (was) {
      const touched = this.sheets.filter((sheet) => was.get(sheet) !== cellsText(sheet));
      this.raiseChanged(
        touched.map((sheet) => ({ sheet, box: sheet.used(false) ?? { row: 0, column: 0, rows: 1, columns: 1 } })),
        'Unknown',
      );
    }
    return true;
  }

  /**
   * The user types a value into a cell and presses Enter, as in Excel: one undo step, the value read as Excel
   * reads typed text (see writeValue), formulas recalculated, and a changed event that no add-in triggered.
   */
  edit(sheetName: string, row: number, column: number, value: string | number | boolean): void {
    const sheet = this.sheet(sheetName);
    if (!sheet) throw new Error(`fake: no sheet ${sheetName}`);
    this.undoStack.push({ merged: false, operations: 1, before: this.undoSnapshots ? this.capture() : undefined });
    writeValue(sheet.ensure(row, column), value);
    sheet.invalidate();
    this.recalculate();
    this.changed();
    this.raiseChanged([{ sheet, box: { row, column, rows: 1, columns: 1 } }], 'Unknown');
  }

  /** Called by operations that change cell values (not formats): raises onChanged after the sync. */
  noteDataChange(sheet: FakeSheet, box: Box): void {
    this.dataChanges.push({ sheet, box });
  }

  /** Register a changed handler at the next sync (for one sheet, or for all); `remove` unregisters it at a sync. */
  addChangedHandler(handler: ChangedHandler, sheet?: () => FakeSheet | undefined): { context: FakeContext; remove(): void } {
    const registration: ChangedRegistration = { handler };
    this.enqueue(() => {
      registration.sheet = sheet?.();
      this.changedHandlers.add(registration);
      return 0;
    });
    return { context: this.context, remove: () => this.enqueue(() => (this.changedHandlers.delete(registration), 0)) };
  }

  /** Tell the changed handlers, after the current task (Excel raises events after the request that caused them). */
  private raiseChanged(changes: Array<{ sheet: FakeSheet; box: Box }>, trigger: 'ThisLocalAddin' | 'Unknown'): void {
    if (!changes.length || !this.changedHandlers.size) return;
    const withTrigger = this.supports('WorksheetChangedEventArgs.triggerSource');
    const handlers = [...this.changedHandlers];
    setTimeout(() => {
      for (const { sheet, box } of changes) {
        const args: FakeChangedEventArgs = {
          type: 'WorksheetChanged',
          worksheetId: sheet.id,
          address: addressOf(box),
          changeType: 'RangeEdited',
          source: 'Local',
        };
        if (withTrigger) args.triggerSource = trigger;
        for (const r of handlers) if (!r.sheet || r.sheet === sheet) void r.handler(args);
      }
    }, 0);
  }

  private capture(): SheetState {
    return {
      sheets: this.sheets.map((sheet) => ({
        sheet,
        name: sheet.name,
        visibility: sheet.visibility,
        protected: sheet.protected,
        cells: new Map([...sheet.cells].map(([k, c]) => [k, { ...c }])),
        conditionalFormats: sheet.conditionalFormats.map((cf) => ({ ...cf, box: { ...cf.box } })),
        validations: sheet.validations.map((v) => ({ ...v, box: { ...v.box } })),
        charts: sheet.charts.map((c) => JSON.parse(JSON.stringify(c)) as FakeChartRecord),
        notes: new Map(sheet.notes),
      })),
    };
  }

  private restore(state: SheetState): void {
    this.sheets.length = 0;
    for (const s of state.sheets) {
      const sheet = s.sheet;
      sheet.name = s.name;
      sheet.visibility = s.visibility;
      sheet.protected = s.protected;
      sheet.cells.clear();
      for (const [k, c] of s.cells) sheet.cells.set(k, c);
      sheet.conditionalFormats = s.conditionalFormats;
      sheet.validations = s.validations;
      sheet.charts.splice(0, sheet.charts.length, ...s.charts);
      sheet.notes.clear();
      for (const [k, n] of s.notes) sheet.notes.set(k, n);
      this.sheets.push(sheet);
    }
  }

  /** The undo step the operations of this sync belong to: the run's merged step, or a new one per sync. */
  private undoEntry(): UndoEntry {
    if (this.run?.merged && this.run.entry && this.undoStack[this.undoStack.length - 1] === this.run.entry) return this.run.entry;
    const entry: UndoEntry = { merged: !!this.run?.merged, operations: 0, before: this.undoSnapshots ? this.capture() : undefined };
    this.undoStack.push(entry);
    if (this.run?.merged) this.run.entry = entry;
    return entry;
  }

  private async sync(): Promise<void> {
    this.syncCount++;
    const ops = this.queue;
    const sent = this.requestBytes + 2;
    this.queue = [];
    this.requestBytes = 0;
    this.requests.push(sent);
    // the request travels to Excel: a real task boundary (the page can paint), plus the configured latency
    await taskBoundary(this.latencyMs);
    const started = typeof performance === 'undefined' ? 0 : performance.now();
    try {
      this.execute(ops, sent);
    } finally {
      if (typeof performance !== 'undefined') this.hostTime.push([started, performance.now()]);
    }
    await taskBoundary(0);
  }

  private execute(ops: QueuedOp[], sent: number): void {
    // cells may have been changed directly (tests, the demo page) since the last sync
    for (const sheet of this.sheets) sheet.invalidate();
    if (this.failure && (this.failure.after === 'writes' ? sent > 2 : --this.failure.after <= 0)) {
      const { code, afterOps } = this.failure;
      this.failure = undefined;
      this.responses.push(0);
      this.apply(ops.slice(0, afterOps));
      if (afterOps) this.changed();
      this.raiseOwnChanges();
      throw new FakeOfficeError(code, `the request failed after ${afterOps} of ${ops.length} operations (injected failure)`);
    }
    if (this.platform === 'web' && sent > PAYLOAD_LIMIT) {
      this.responses.push(0);
      throw new FakeOfficeError('RequestPayloadSizeLimitExceeded', `request of ${sent} bytes`);
    }
    let received = 0;
    try {
      received = this.apply(ops);
    } finally {
      this.responses.push(received);
      if (ops.some((op) => op.kind !== 'read')) {
        this.recalculate();
        this.changed();
      }
      this.raiseOwnChanges();
    }
    if (this.platform === 'web' && received > PAYLOAD_LIMIT) throw new FakeOfficeError('ResponsePayloadSizeLimitExceeded', `response of ${received} bytes`);
  }

  /** Every request comes from the add-in: the data it changed raises onChanged with triggerSource ThisLocalAddin. */
  private raiseOwnChanges(): void {
    const changes = this.dataChanges;
    this.dataChanges = [];
    this.raiseChanged(changes, 'ThisLocalAddin');
  }

  /** Run operations in order; the first that fails stops the rest (those before it stay applied). */
  private apply(ops: QueuedOp[]): number {
    let received = 0;
    let entry: UndoEntry | undefined;
    for (const op of ops) {
      if (op.kind === 'notUndoable') {
        if (this.run?.merged) {
          this.undoStack.length = 0;
          throw new FakeOfficeError('UndoNotSupported', 'this operation cannot be undone, so it cannot be part of a merged undo group');
        }
        received += op.run();
        for (const sheet of this.sheets) sheet.invalidate();
        this.undoStack.length = 0;
        entry = undefined;
        continue;
      }
      if (op.kind === 'write') (entry ??= this.undoEntry()).operations++;
      received += op.run();
      if (op.kind === 'write') for (const sheet of this.sheets) sheet.invalidate();
    }
    return received;
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

  /** Changed events of every sheet, also of sheets added later (ExcelApi 1.9). */
  get onChanged(): { add(handler: ChangedHandler): { context: FakeContext; remove(): void } } {
    this.fake.need('WorksheetCollection.onChanged');
    return { add: (handler) => this.fake.addChangedHandler(handler) };
  }

  load(props: string): void {
    if (!/^(items\/(name|visibility|id))(,items\/(name|visibility|id))*$|^items$|^$/.test(props)) throw new Error(`fake: load("${props}") not supported`);
    this.fake.enqueue(() => {
      const items = this.fake.sheets.map((s) => new FakeWorksheet(this.fake, () => s, false, { name: s.name, visibility: s.visibility, id: s.id }));
      this.loaded.items = items;
      return JSON.stringify(items.map((i) => i.name)).length;
    });
  }

  /** By name or by id ("Gets a worksheet object using its name or ID"). */
  getItem(key: string): FakeWorksheet {
    this.fake.need('WorksheetCollection.getItem');
    return new FakeWorksheet(this.fake, () => this.fake.sheet(key) ?? this.fake.sheets.find((s) => s.id === key), false);
  }

  getItemOrNullObject(name: string): FakeWorksheet {
    this.fake.need('WorksheetCollection.getItemOrNullObject');
    return new FakeWorksheet(this.fake, () => this.fake.sheet(name), true);
  }

  add(name: string): FakeWorksheet {
    this.fake.need('WorksheetCollection.add');
    let created: FakeSheet | undefined;
    this.fake.enqueue(
      () => {
        // names are case-insensitive: "tariefwijzer" beside "Tariefwijzer" already exists
        if (this.fake.sheet(name)) throw new FakeOfficeError('ItemAlreadyExists', `sheet ${name}`);
        created = new FakeSheet(name);
        this.fake.sheets.push(created);
        return 0;
      },
      name.length + 32,
      'write',
    );
    return new FakeWorksheet(this.fake, () => created, false);
  }
}

class FakeWorksheet extends Loadable {
  constructor(
    private readonly fake: FakeExcel,
    private readonly find: () => FakeSheet | undefined,
    private readonly orNull: boolean,
    known: Record<string, unknown> = {},
  ) {
    super();
    this.loaded = { ...known };
  }

  private notesProxy?: FakeNoteCollection;
  private chartsProxy?: FakeChartCollection;

  /** The sheet's charts (ExcelApi 1.1; some of their members 1.7). */
  get charts(): FakeChartCollection {
    this.fake.need('Worksheet.charts');
    this.chartsProxy ??= new FakeChartCollection(this.fake, this);
    return this.chartsProxy;
  }

  /** The sheet's notes (ExcelApi 1.18). */
  get notes(): FakeNoteCollection {
    this.fake.need('Worksheet.notes');
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

  get id(): string {
    return this.read('id');
  }

  /** Changed events of this sheet (ExcelApi 1.7). */
  get onChanged(): { add(handler: ChangedHandler): { context: FakeContext; remove(): void } } {
    this.fake.need('Worksheet.onChanged');
    return { add: (handler) => this.fake.addChangedHandler(handler, () => this.resolve()) };
  }

  get visibility(): Visibility {
    return this.read('visibility');
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

  /** The sheet's protection (ExcelApi 1.2); only `protected` can be loaded. */
  get protection(): FakeWorksheetProtection {
    this.fake.need('Worksheet.protection');
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
        else if (p === 'id') this.loaded.id = sheet?.id ?? null;
        else throw new Error(`fake: worksheet property ${p} not supported`);
      }
      return 16;
    });
  }

  /** Make the sheet the active one (the selection moves to its A1), as Excel's Worksheet.activate(). */
  activate(): void {
    this.fake.need('Worksheet.activate');
    this.fake.enqueue(() => {
      const sheet = this.resolve();
      if (sheet && this.fake.selection.sheet !== sheet.name) this.fake.select(sheet.name, 0);
      return 0;
    });
  }

  /**
   * Not undoable (undo article's list of unsupported APIs): fails inside a merged undo group, clears the
   * undo stack elsewhere. A VeryHidden sheet cannot be deleted (InvalidOperation).
   */
  delete(): void {
    this.fake.need('Worksheet.delete');
    this.fake.enqueue(
      () => {
        const sheet = this.resolve();
        if (!sheet) throw new FakeOfficeError('InvalidOperation', 'delete on a null object');
        if (sheet.visibility === 'VeryHidden') throw new FakeOfficeError('InvalidOperation', `sheet ${sheet.name} is VeryHidden and cannot be deleted`);
        this.fake.sheets.splice(this.fake.sheets.indexOf(sheet), 1);
        // formulas that pointed at the sheet now point nowhere, for good: Excel rewrites them to #REF!
        // ("How to correct a #REF! error": deleting a referenced sheet, https://support.microsoft.com/office/how-to-correct-a-ref-error-822c8e46-9b9f-4d7d-97ea-6a4b5e3c8c61)
        this.fake.breakReferencesTo(sheet.name);
        return 0;
      },
      16,
      'notUndoable',
    );
  }

  /** The whole sheet (no address) or an A1 address. */
  getRange(address?: string): FakeRange {
    this.fake.need('Worksheet.getRange');
    const box = address === undefined ? { row: 0, column: 0, rows: 1_048_576, columns: 16_384 } : parseAddress(address);
    return new FakeRange(this.fake, () => ({ sheet: this.resolve()!, box }), false);
  }

  getRangeByIndexes(row: number, column: number, rows: number, columns: number): FakeRange {
    this.fake.need('Worksheet.getRangeByIndexes');
    if (rows < 1 || columns < 1) throw new FakeOfficeError('InvalidArgument', 'empty range');
    return new FakeRange(this.fake, () => ({ sheet: this.resolve()!, box: { row, column, rows, columns } }), false);
  }

  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    this.fake.need('Worksheet.getUsedRangeOrNullObject');
    return new FakeRange(
      this.fake,
      () => {
        const sheet = this.resolve()!;
        const box = sheet.used(valuesOnly);
        return box ? { sheet, box } : undefined;
      },
      true,
    );
  }
}

class FakeNoteCollection extends Loadable {
  constructor(
    private readonly fake: FakeExcel,
    private readonly worksheet: FakeWorksheet,
  ) {
    super();
  }

  get items(): FakeNote[] {
    return this.read('items');
  }

  load(props: string): void {
    if (props !== 'items') throw new Error(`fake: notes.load("${props}") not supported`);
    this.fake.need('Worksheet.notes');
    this.fake.enqueue(() => {
      const sheet = this.worksheet.resolve()!;
      this.loaded.items = [...sheet.notes.keys()].map((key) => new FakeNote(this.fake, sheet, key));
      return sheet.notes.size * 40;
    });
  }

  add(cell: FakeRange, content: string): void {
    this.fake.need('NoteCollection.add');
    this.fake.enqueue(
      () => {
        const t = cell.find();
        if (!t || t.box.rows !== 1 || t.box.columns !== 1) throw new FakeOfficeError('InvalidArgument', 'a note belongs to one cell');
        refuseIfProtected(t.sheet);
        const key = `${t.box.row},${t.box.column}`;
        if (t.sheet.notes.has(key)) throw new FakeOfficeError('InvalidArgument', `cell ${key} already has a note`);
        t.sheet.notes.set(key, String(content));
        return 0;
      },
      String(content).length + 32,
      'write',
    );
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
  constructor(
    private readonly fake: FakeExcel,
    private readonly worksheet: FakeWorksheet,
  ) {}

  getItemOrNullObject(name: string): { load(p: string): void; readonly isNullObject: boolean; delete(): void } {
    const fake = this.fake;
    const sheet = () => this.worksheet.resolve()!;
    let loaded: boolean | undefined;
    fake.need('ChartCollection.getItemOrNullObject');
    return {
      load: () => fake.enqueue(() => ((loaded = !sheet().charts.some((c) => c.name === name)), 8)),
      get isNullObject() {
        if (loaded === undefined) throw new FakeOfficeError('PropertyNotLoaded', 'isNullObject');
        return loaded;
      },
      delete: () => {
        fake.need('Chart.delete');
        fake.enqueue(
          () => {
            const list = sheet().charts;
            const i = list.findIndex((c) => c.name === name);
            if (i < 0) throw new FakeOfficeError('InvalidOperation', 'delete on a null object');
            list.splice(i, 1);
            return 0;
          },
          16,
          'write',
        );
      },
    };
  }

  add(type: string, source: FakeRange, seriesBy: string): unknown {
    if (seriesBy !== 'Columns') throw new Error(`fake: charts by ${seriesBy} not supported`);
    const record: FakeChartRecord = { type, name: '', title: '', series: [{ name: '' }] };
    const fake = this.fake;
    fake.need('ChartCollection.add');
    const box = (r: FakeRange) => r.find()!.box;
    const write = (op: () => unknown) => fake.enqueue(() => (op(), 0), 32, 'write');
    fake.enqueue(
      () => {
        record.series[0].values = box(source);
        this.worksheet.resolve()!.charts.push(record);
        return 0;
      },
      128,
      'write',
    );
    const seriesProxy = (i: number) => ({
      set name(n: string) {
        write(() => (record.series[i].name = n));
      },
      setValues: (r: FakeRange) => {
        fake.need('ChartSeries.setValues');
        write(() => (record.series[i].values = box(r)));
      },
      setXAxisValues: (r: FakeRange) => {
        fake.need('ChartSeries.setXAxisValues');
        write(() => (record.series[i].categories = box(r)));
      },
    });
    return {
      set name(n: string) {
        write(() => (record.name = n));
      },
      title: {
        set text(t: string) {
          write(() => (record.title = t));
        },
      },
      axes: {
        valueAxis: {
          title: {
            set text(t: string) {
              write(() => (record.valueAxisTitle = t));
            },
          },
        },
      },
      series: {
        getItemAt: (i: number) => {
          fake.need('ChartSeriesCollection.getItemAt');
          return seriesProxy(i);
        },
        add: (n: string) => {
          fake.need('ChartSeriesCollection.add');
          const i = record.series.length;
          record.series.push({ name: n });
          return seriesProxy(i);
        },
      },
      setPosition: (from: FakeRange, to: FakeRange) => {
        fake.need('Chart.setPosition');
        write(() => (record.position = { from: box(from), to: box(to) }));
      },
    };
  }
}

class FakeNote {
  constructor(
    private readonly fake: FakeExcel,
    private readonly sheet: FakeSheet,
    private readonly key: string,
  ) {}

  getLocation(): FakeRange {
    this.fake.need('Note.getLocation');
    const [row, column] = this.key.split(',').map(Number);
    return new FakeRange(this.fake, () => ({ sheet: this.sheet, box: { row, column, rows: 1, columns: 1 } }), false);
  }

  delete(): void {
    this.fake.need('Note.delete');
    this.fake.enqueue(
      () => {
        this.sheet.notes.delete(this.key);
        return 0;
      },
      16,
      'write',
    );
  }
}

/**
 * Worksheet.tables (ExcelApi 1.1): https://learn.microsoft.com/javascript/api/excel/excel.tablecollection. A
 * collection is loaded with "items/<property>"; its items are then readable after the sync.
 */
class FakeTableCollection extends Loadable {
  constructor(
    private readonly fake: FakeExcel,
    private readonly find: () => FakeSheet | undefined,
  ) {
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
  constructor(
    private readonly fake: FakeExcel,
    private readonly sheet: () => FakeSheet,
    private readonly record: FakeTableRecord,
    loaded: string[],
  ) {
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
    return new FakeRange(
      this.fake,
      () => {
        if (!record.showTotals) throw new FakeOfficeError('InvalidArgument', `table ${record.name} shows no totals row`);
        return { sheet: this.sheet(), box: { row: record.box.row + record.box.rows - 1, column: record.box.column, rows: 1, columns: record.box.columns } };
      },
      false,
    );
  }
}

class FakeWorksheetProtection extends Loadable {
  constructor(
    private readonly fake: FakeExcel,
    private readonly find: () => FakeSheet | undefined,
  ) {
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

type ConditionalFormats = { clearAll(): void; add(type: string): { custom: { rule: { formula: string }; format: { fill: { color: string } } } } };

/** The parts of box `a` outside box `b` (at most four boxes). */
function subtract(a: Box, b: Box): Box[] {
  const top = Math.max(a.row, b.row);
  const bottom = Math.min(a.row + a.rows, b.row + b.rows);
  const left = Math.max(a.column, b.column);
  const right = Math.min(a.column + a.columns, b.column + b.columns);
  if (top >= bottom || left >= right) return [a];
  const out: Box[] = [];
  if (a.row < top) out.push({ row: a.row, column: a.column, rows: top - a.row, columns: a.columns });
  if (bottom < a.row + a.rows) out.push({ row: bottom, column: a.column, rows: a.row + a.rows - bottom, columns: a.columns });
  if (a.column < left) out.push({ row: top, column: a.column, rows: bottom - top, columns: left - a.column });
  if (right < a.column + a.columns) out.push({ row: top, column: right, rows: bottom - top, columns: a.column + a.columns - right });
  return out;
}

class FakeRange extends Loadable {
  readonly format: { font: { bold: boolean } };
  private readonly cfs: ConditionalFormats;

  /** Conditional formats (ExcelApi 1.6). */
  get conditionalFormats(): ConditionalFormats {
    this.fake.need('Range.conditionalFormats');
    return this.cfs;
  }

  /**
   * Data validation (ExcelApi 1.8): clear() "Clears the data validation from the current range", only inside it
   * (a rule reaching outside keeps its cells there, as clearAll above); only list rules are modelled
   * (https://learn.microsoft.com/javascript/api/excel/excel.datavalidation).
   */
  get dataValidation(): { clear(): void; rule: { list?: { inCellDropDown?: boolean; source: string } } } {
    this.fake.need('Range.dataValidation');
    const fake = this.fake;
    const range = this;
    return {
      clear: () => {
        fake.need('DataValidation.clear');
        fake.enqueue(
          () => {
            const t = range.target()!;
            refuseIfProtected(t.sheet);
            t.sheet.validations = t.sheet.validations.flatMap((v) => subtract(v.box, t.box).map((box) => (box === v.box ? v : { ...v, box })));
            return 0;
          },
          32,
          'write',
        );
      },
      get rule(): { list?: { inCellDropDown?: boolean; source: string } } {
        throw new FakeOfficeError('PropertyNotLoaded', 'dataValidation.rule is write-only in the fake');
      },
      set rule(rule: { list?: { inCellDropDown?: boolean; source: string } }) {
        fake.need('DataValidation.rule');
        fake.need('DataValidationRule.list');
        const list = rule.list;
        if (!list) throw new Error('fake: only list data validations are modelled');
        fake.enqueue(
          () => {
            const t = range.target()!;
            refuseIfProtected(t.sheet);
            t.sheet.validations.push({ box: { ...t.box }, source: list.source, inCellDropDown: list.inCellDropDown ?? true });
            return 0;
          },
          64,
          'write',
        );
      },
    };
  }

  constructor(
    private readonly fake: FakeExcel,
    readonly find: () => Target | undefined,
    private readonly orNull: boolean,
  ) {
    super();
    const range = this;
    this.cfs = {
      // Only inside the range: a rule that reaches outside keeps its cells there (split into one rule per
      // remaining rectangle; Excel keeps one rule with a multi-area range, which covers the same cells).
      clearAll: () => {
        fake.need('ConditionalFormatCollection.clearAll');
        fake.enqueue(
          () => {
            const t = range.target()!;
            refuseIfProtected(t.sheet);
            t.sheet.conditionalFormats = t.sheet.conditionalFormats.flatMap((cf) =>
              subtract(cf.box, t.box).map((box) => (box === cf.box ? cf : { ...cf, box })),
            );
            return 0;
          },
          32,
          'write',
        );
      },
      add: (type: string) => {
        fake.need('ConditionalFormatCollection.add');
        // the rule's members (custom, rule.formula, format.fill.color) are ExcelApi 1.6 as well
        for (const member of [
          'ConditionalFormat.custom',
          'CustomConditionalFormat.rule',
          'CustomConditionalFormat.format',
          'ConditionalFormatRule.formula',
          'ConditionalRangeFormat.fill',
          'ConditionalRangeFill.color',
        ] as const)
          fake.need(member);
        if (type !== 'Custom') throw new Error(`fake: conditional format ${type} not supported`);
        const rule: FakeConditionalFormat = { box: { row: 0, column: 0, rows: 0, columns: 0 }, formula: '', fill: '' };
        fake.enqueue(
          () => {
            refuseIfProtected(range.target()!.sheet);
            rule.box = { ...range.target()!.box };
            range.target()!.sheet.conditionalFormats.push(rule);
            return 0;
          },
          64,
          'write',
        );
        return {
          custom: {
            rule: {
              set formula(f: string) {
                rule.formula = f;
              },
              get formula() {
                return rule.formula;
              },
            },
            format: {
              fill: {
                set color(c: string) {
                  rule.fill = c;
                },
                get color() {
                  return rule.fill;
                },
              },
            },
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
    this.fake.need('Range.select');
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
    this.fake.need('Range.getIntersectionOrNullObject');
    return new FakeRange(
      this.fake,
      () => {
        const a = this.find();
        const b = other.find();
        if (!a || !b) return undefined;
        const row = Math.max(a.box.row, b.box.row);
        const column = Math.max(a.box.column, b.box.column);
        const rows = Math.min(a.box.row + a.box.rows, b.box.row + b.box.rows) - row;
        const columns = Math.min(a.box.column + a.box.columns, b.box.column + b.box.columns) - column;
        return rows > 0 && columns > 0 ? { sheet: a.sheet, box: { row, column, rows, columns } } : undefined;
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
   * The merged areas whose top-left cell lies in this range (ExcelApi 1.13). Excel reports only those: an area
   * that starts outside the range is left out even where it covers cells of the range
   * (https://github.com/OfficeDev/office-js/issues/3611), and with more than 512 areas the method fails
   * (Range.getMergedAreasOrNullObject: "if the merged areas count in this range is more than 512, then this
   * method will fail to return the result"; the page names no error code, the fake answers GeneralException).
   */
  getMergedAreasOrNullObject(): FakeRangeAreas {
    this.fake.need('Range.getMergedAreasOrNullObject');
    return new FakeRangeAreas(this.fake, () => {
      const t = this.target();
      if (!t) return undefined;
      const inside = (b: Box) => b.row >= t.box.row && b.row < t.box.row + t.box.rows && b.column >= t.box.column && b.column < t.box.column + t.box.columns;
      const areas = t.sheet.merges.filter(inside);
      if (areas.length > MERGED_AREAS_LIMIT)
        throw new FakeOfficeError('GeneralException', `${areas.length} merged areas in the range (at most ${MERGED_AREAS_LIMIT})`);
      return areas.length ? { sheet: t.sheet, areas } : undefined;
    });
  }

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

  /** Clear values and formats (or only 'Contents' / 'Formats') of the range; conditional formats go with 'All'. */
  clear(applyTo: 'All' | 'Contents' | 'Formats' = 'All'): void {
    this.fake.need('Range.clear');
    this.fake.enqueue(
      () => {
        const t = this.target();
        if (!t) throw new FakeOfficeError('InvalidOperation', 'clear on a null object');
        refuseIfProtected(t.sheet);
        const inside = (key: string) => {
          const [r, c] = key.split(',').map(Number);
          return r >= t.box.row && r < t.box.row + t.box.rows && c >= t.box.column && c < t.box.column + t.box.columns;
        };
        for (const [key, cell] of t.sheet.cells) {
          if (!inside(key)) continue;
          if (applyTo !== 'Formats') {
            delete cell.formula;
            cell.value = '';
            cell.type = 'Empty';
          }
          if (applyTo !== 'Contents') {
            cell.numberFormat = 'General';
            delete cell.bold;
          }
          if (cell.type === 'Empty' && cell.numberFormat === 'General' && !cell.bold) t.sheet.cells.delete(key);
        }
        if (applyTo !== 'Formats') this.fake.noteDataChange(t.sheet, t.box);
        if (applyTo === 'All')
          t.sheet.conditionalFormats = t.sheet.conditionalFormats.flatMap((cf) => subtract(cf.box, t.box).map((box) => (box === cf.box ? cf : { ...cf, box })));
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
      // "On all platforms, a range is limited to five million cells for get operations."
      if (t && t.box.rows * t.box.columns > READ_CELL_LIMIT && list.some((p) => p === 'values' || p === 'valueTypes' || p === 'numberFormat')) {
        throw new FakeOfficeError('RangeExceedsLimit', `a range of ${t.box.rows * t.box.columns} cells cannot be read`);
      }
      // the cells are looked up once for all properties loaded
      let cells: Array<Array<FakeCell | undefined>> | undefined;
      const grid = <T>(f: (cell: FakeCell | undefined) => T): T[][] | null => {
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
        else if (p === 'columnHidden') v = t ? hiddenState(t) : null;
        else throw new Error(`fake: range property ${p} not supported`);
        this.loaded[p] = v;
        bytes += JSON.stringify(v).length;
      }
      return bytes;
    });
  }

  /** `data`: the write changes values (raises onChanged), not only formats. */
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

/**
 * Range.columnHidden: "true when all columns in a range are hidden ... false when no columns in the range are
 * hidden ... null when some columns in a range are hidden and other columns in the same range are not".
 */
function hiddenState(t: Target): boolean | null {
  let hidden = 0;
  for (let c = t.box.column; c < t.box.column + t.box.columns; c++) if (t.sheet.hiddenColumns.has(c)) hidden++;
  return hidden === 0 ? false : hidden === t.box.columns ? true : null;
}

const MERGED_AREAS_LIMIT = 512;

/** RangeAreas (ExcelApi 1.9) as getMergedAreasOrNullObject gives it: only `address` and `isNullObject` can be loaded. */
class FakeRangeAreas extends Loadable {
  constructor(
    private readonly fake: FakeExcel,
    private readonly find: () => { sheet: FakeSheet; areas: Box[] } | undefined,
  ) {
    super();
  }

  get isNullObject(): boolean {
    return this.read('isNullObject');
  }

  get address(): string {
    return this.read('address');
  }

  load(props: string): void {
    const list = props.split(',').map((p) => p.trim());
    if (list.some((p) => p !== 'address' && p !== 'isNullObject')) throw new Error(`fake: RangeAreas property ${props} not supported`);
    if (list.includes('address')) this.fake.need('RangeAreas.address');
    this.fake.enqueue(() => {
      const found = this.find();
      // "the worksheet name for each rectangular block of cells (e.g., "Sheet1!A1:B4, Sheet1!D1:D4")" (RangeAreas.address)
      const address = found ? found.areas.map((b) => `${sheetReference(found.sheet.name)}!${boxAddress(b)}`).join(', ') : null;
      this.loaded = { isNullObject: !found, address };
      return (address?.length ?? 4) + 16;
    });
  }
}

/** A sheet name as Excel writes it in a reference: quoted when it is not a plain name, quotes doubled. */
function sheetReference(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function boxAddress(b: Box): string {
  const cell = (r: number, c: number) => `${columnLetters(c)}${r + 1}`;
  const first = cell(b.row, b.column);
  return b.rows === 1 && b.columns === 1 ? first : `${first}:${cell(b.row + b.rows - 1, b.column + b.columns - 1)}`;
}

function columnLetters(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
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
