/**
 * The simulated Excel itself, the small core: the request queue and its syncs (counted, sized and timed), Excel.run
 * and its undo group, the selection, and the hooks tests use to act as a user (edit, undo, select) or as a failing
 * host (failSync). The behaviour of each area lives beside it: ranges and values (range.ts, values.ts, formulas.ts),
 * formats and notes (conditional-formats.ts, notes.ts, charts.ts, tables.ts, layout.ts), undo (undo.ts), limits and
 * errors (limits-and-errors.ts, api-levels.ts), events (events.ts).
 *
 * - Calls are queued and run in order at `context.sync()` (host.ts); sync() resolves after a real task boundary (a
 *   macrotask, plus `latencyMs`), as a round trip to Excel does; the fake's own work inside a sync is logged in
 *   `hostTime` so that tests can tell it apart.
 * - It counts syncs and the bytes sent (values and number formats set) and received (properties loaded) per sync,
 *   and on the web refuses either over 5 MB (PAYLOAD_LIMIT).
 * - `failSync(n)` makes the n-th next sync (or the n-th that writes) fail (a lost connection, a host error): before
 *   it runs anything, or after its first `afterOps` operations (those stay applied, as when one operation of a batch
 *   fails; the later ones are not run, as after any failing operation).
 * - getSelectedRange() with several areas selected fails (Workbook.getSelectedRange: "If there are multiple ranges
 *   selected, this method will throw an error"); the fake answers InvalidSelection, the error table's "The current
 *   selection is invalid for this operation" (https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling).
 * - Whether Ctrl+Z raises onChanged the pages do not say: by default `undo()` raises nothing (the case the add-in must
 *   survive), with `undoRaisesChanged` it raises one per changed sheet (docs/excel-controlelijst.md asks a real Excel).
 */
import { API_LEVELS, compareVersions, type ApiMember } from './api-levels';
import { ChangedEvents, type ChangedHandler, type ChangedRegistration, type DataChange } from './events';
import { breakReferencesTo, recalculate } from './formulas';
import type { HandlerRegistration, Host, Op, OpKind, Selection } from './host';
import { FakeOfficeError, PAYLOAD_LIMIT } from './limits-and-errors';
import { FakeSheet, type Box, type SeedValue } from './model';
import { FakeRange } from './range';
import { cellsText, UndoLog, type UndoEntry } from './undo';
import { seedValue, writeValue } from './values';
import { FakeWorksheet, FakeWorksheetCollection } from './worksheets';

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

interface QueuedOp {
  run: Op;
  kind: OpKind;
}

export class FakeExcel implements Host {
  readonly sheets: FakeSheet[] = [];
  syncCount = 0;
  /** Bytes sent / received per sync, in order. */
  readonly requests: number[] = [];
  readonly responses: number[] = [];
  /** The fake's own work: [start, end] (performance.now()) of each sync's operations, for responsiveness tests. */
  readonly hostTime: Array<[number, number]> = [];
  readonly api: string;
  readonly platform: 'web' | 'desktop';
  latencyMs: number;
  private readonly undoLog: UndoLog;
  private queue: QueuedOp[] = [];
  private requestBytes = 0;
  /** Syncs (or syncs that write) still to go before an injected failure (failSync), and its error code. */
  private failure?: { after: number | 'writes' | { writes: number }; code: string; afterOps: number };
  selection: Selection = { sheet: '', row: 0, column: 0, rows: 1, columns: 1 };
  private readonly selectionHandlers = new Set<() => Promise<unknown> | void>();
  private readonly changeListeners = new Set<() => void>();
  private readonly events = new ChangedEvents();
  private readonly undoRaisesChanged: boolean;
  readonly context: FakeContext;

  constructor(options: FakeExcelOptions = {}) {
    this.api = options.api ?? '1.20';
    this.platform = options.platform ?? 'web';
    this.latencyMs = options.latencyMs ?? 0;
    this.undoLog = new UndoLog(this.sheets, options.undoSnapshots ?? true);
    this.undoRaisesChanged = options.undoRaisesChanged ?? false;
    const worksheets = new FakeWorksheetCollection(this);
    const fake = this;
    this.context = {
      workbook: {
        get worksheets() {
          fake.need('Workbook.worksheets');
          return worksheets;
        },
        getSelectedRange: () => fake.selectedRange(),
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

  /** Steps the user could undo, oldest first. */
  get undoStack(): UndoEntry[] {
    return this.undoLog.stack;
  }

  /** Handlers of Worksheet.onChanged / WorksheetCollection.onChanged. */
  get changedHandlers(): Set<ChangedRegistration> {
    return this.events.handlers;
  }

  /** Workbook.getSelectedRange: "If there are multiple ranges selected, this method will throw an error." */
  private selectedRange(): FakeRange {
    this.need('Workbook.getSelectedRange');
    const sel = this.selection;
    return new FakeRange(
      this,
      () => {
        if ((sel.areas ?? 1) > 1) throw new FakeOfficeError('InvalidSelection', 'several areas are selected');
        const sheet = this.sheet(sel.sheet) ?? this.sheets[0];
        return sheet ? { sheet, box: { row: sel.row, column: sel.column, rows: sel.rows, columns: sel.columns } } : undefined;
      },
      false,
    );
  }

  /** The page's ExcelApi level has this member; below it the next sync fails with ApiNotFound. */
  supports(member: ApiMember): boolean {
    return compareVersions(API_LEVELS[member], this.api) <= 0;
  }

  need(member: ApiMember): void {
    if (this.supports(member)) return;
    this.enqueue(() => {
      throw new FakeOfficeError('ApiNotFound', `${member} needs ExcelApi ${API_LEVELS[member]}; this Excel has ${this.api}`);
    });
  }

  worksheetOf(find: () => FakeSheet | undefined): FakeWorksheet {
    return new FakeWorksheet(this, find, false);
  }

  /**
   * Excel.run as the host runs it: one request context, the batch, a final sync. With `mergeUndoGroup`
   * (ExcelApi 1.20) everything the run changes is one undo step.
   */
  async excelRun<T>(options: { mergeUndoGroup?: boolean } | undefined, batch: (context: FakeContext) => Promise<T>): Promise<T> {
    const merged = !!options?.mergeUndoGroup;
    if (merged) this.need('RunOptions.mergeUndoGroup');
    const outer = this.undoLog.run;
    this.undoLog.run = { merged };
    try {
      const result = await batch(this.context);
      await this.sync();
      return result;
    } finally {
      this.undoLog.run = outer;
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
          if (v !== null && v !== undefined) seedValue(sheet.ensure(r, c), v);
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
   * The n-th sync from now (1 = the next one), the first that sends writes ('writes'), or the n-th of those that send
   * writes (`{ writes: n }`: reads the pane makes meanwhile do not count) fails with this code after running its
   * first `afterOps` operations, as when the connection to Excel is lost or the host refuses an operation of the
   * request.
   */
  failSync(n: number | 'writes' | { writes: number }, code = 'ConnectionFailure', afterOps = 0): void {
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

  breakReferencesTo(name: string): void {
    breakReferencesTo(this.sheets, name);
  }

  /** Evaluate the formulas `setFormula` understands: a reference to a deleted sheet gives #REF!. */
  recalculate(): void {
    recalculate(this.sheets, (name) => this.sheet(name));
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

  requestSize(value: unknown): number {
    let bytes = 0;
    this.asHost(() => (bytes = JSON.stringify(value).length));
    return bytes;
  }

  /** Undo the last step on the undo stack (Ctrl+Z); false when there is none. */
  undo(): boolean {
    const was = this.undoRaisesChanged ? new Map(this.sheets.map((sheet) => [sheet, cellsText(sheet)])) : undefined;
    if (!this.undoLog.undo()) return false;
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
    this.undoLog.userStep();
    writeValue(sheet.ensure(row, column), value);
    sheet.invalidate();
    this.recalculate();
    this.changed();
    this.raiseChanged([{ sheet, box: { row, column, rows: 1, columns: 1 } }], 'Unknown');
  }

  noteDataChange(sheet: FakeSheet, box: Box): void {
    this.events.note(sheet, box);
  }

  addChangedHandler(handler: ChangedHandler, sheet?: () => FakeSheet | undefined): HandlerRegistration & { context: FakeContext } {
    const registration: ChangedRegistration = { handler };
    this.enqueue(() => {
      registration.sheet = sheet?.();
      this.events.handlers.add(registration);
      return 0;
    });
    return { context: this.context, remove: () => this.enqueue(() => (this.events.handlers.delete(registration), 0)) };
  }

  private raiseChanged(changes: DataChange[], trigger: 'ThisLocalAddin' | 'Unknown'): void {
    this.events.raise(changes, trigger, this.supports('WorksheetChangedEventArgs.triggerSource'));
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
    // the request's changed events come after its answer: scheduled from the task that hands the answer over, so that
    // no timer set during the request can run before the add-in has it (a failed request raises them as it throws)
    this.raiseOwnChanges();
  }

  /** Whether the injected failure strikes this request (counting it down). */
  private strikes(failure: NonNullable<typeof this.failure>, writes: boolean): boolean {
    const { after } = failure;
    if (after === 'writes') return writes;
    if (typeof after === 'number') return (failure.after = after - 1) <= 0;
    return writes && --after.writes <= 0;
  }

  /** One request at Excel: an injected failure, the request's size limit, its operations, the response's size limit. */
  private execute(ops: QueuedOp[], sent: number): void {
    // cells may have been changed directly (tests, the demo page) since the last sync
    for (const sheet of this.sheets) sheet.invalidate();
    if (this.failure && this.strikes(this.failure, sent > 2)) {
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
    let applied = false;
    try {
      received = this.apply(ops);
      applied = true;
    } finally {
      this.responses.push(received);
      if (ops.some((op) => op.kind !== 'read')) {
        this.recalculate();
        this.changed();
      }
      if (!applied) this.raiseOwnChanges();
    }
    if (this.platform === 'web' && received > PAYLOAD_LIMIT) {
      this.raiseOwnChanges();
      throw new FakeOfficeError('ResponsePayloadSizeLimitExceeded', `response of ${received} bytes`);
    }
  }

  private raiseOwnChanges(): void {
    this.events.raisePending(this.supports('WorksheetChangedEventArgs.triggerSource'));
  }

  /** Run operations in order; the first that fails stops the rest (those before it stay applied). */
  private apply(ops: QueuedOp[]): number {
    let received = 0;
    let entry: UndoEntry | undefined;
    for (const op of ops) {
      if (op.kind === 'notUndoable') {
        this.undoLog.refuseInMergedGroup();
        received += op.run();
        for (const sheet of this.sheets) sheet.invalidate();
        this.undoLog.clear();
        entry = undefined;
        continue;
      }
      if (op.kind === 'write') (entry ??= this.undoLog.entry()).operations++;
      received += op.run();
      if (op.kind === 'write') for (const sheet of this.sheets) sheet.invalidate();
    }
    return received;
  }
}
