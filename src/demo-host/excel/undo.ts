/**
 * Undo: an Excel.run with mergeUndoGroup (ExcelApi 1.20) is one undo step; an operation that cannot be undone
 * (Worksheet.delete) fails with UndoNotSupported inside a merged group, and anywhere it clears the undo stack ("If you
 * call an unsupported API ... the user's undo stack is cleared",
 * https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-undo-capabilities). `undo()` restores the
 * workbook as it was before the last step. Whether Ctrl+Z raises onChanged the pages do not say: see workbook.ts.
 */
import { FakeOfficeError } from './limits-and-errors';
import type { FakeCell, FakeChartRecord, FakeConditionalFormat, FakeSheet, FakeValidation, Visibility } from './model';

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
export interface UndoEntry {
  merged: boolean;
  operations: number;
  before?: SheetState;
}

/** A sheet's cell values and formulas as text, to tell whether an undo changed its data. */
export function cellsText(sheet: FakeSheet): string {
  return sheet
    .cellKeys()
    .map((k) => `${k}=${JSON.stringify(sheet.cells.get(k)!.value)}${sheet.cells.get(k)!.formula ?? ''}`)
    .join(';');
}

/** The undo stack of one workbook (its sheet list, kept in place) and the Excel.run under way. */
export class UndoLog {
  /** Steps the user could undo, oldest first. */
  readonly stack: UndoEntry[] = [];
  /** The Excel.run under way: merged into one undo step or not, and its step once it wrote something. */
  run?: { merged: boolean; entry?: UndoEntry };

  /** `snapshots`: keep a copy of the workbook before each step, so that `undo()` can restore it. */
  constructor(
    private readonly sheets: FakeSheet[],
    private readonly snapshots: boolean,
  ) {}

  /** A step of one operation that a user made (typing into a cell). */
  userStep(): void {
    this.stack.push({ merged: false, operations: 1, before: this.snapshots ? this.capture() : undefined });
  }

  /** The undo step the operations of this sync belong to: the run's merged step, or a new one per sync. */
  entry(): UndoEntry {
    if (this.run?.merged && this.run.entry && this.stack[this.stack.length - 1] === this.run.entry) return this.run.entry;
    const entry: UndoEntry = { merged: !!this.run?.merged, operations: 0, before: this.snapshots ? this.capture() : undefined };
    this.stack.push(entry);
    if (this.run?.merged) this.run.entry = entry;
    return entry;
  }

  /** Before an operation that cannot be undone: inside a merged undo group it fails, and the stack is gone. */
  refuseInMergedGroup(): void {
    if (!this.run?.merged) return;
    this.stack.length = 0;
    throw new FakeOfficeError('UndoNotSupported', 'this operation cannot be undone, so it cannot be part of a merged undo group');
  }

  /** After an operation that cannot be undone: nothing before it can be undone either. */
  clear(): void {
    this.stack.length = 0;
  }

  /** Undo the last step (Ctrl+Z): false when there is none, or it kept no copy of the workbook. */
  undo(): boolean {
    const entry = this.stack.pop();
    if (!entry?.before) return false;
    this.restore(entry.before);
    return true;
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
}
