/**
 * The contract between the simulated Excel (workbook.ts) and the proxy objects it hands out (worksheets, ranges,
 * notes, charts, tables): the proxies queue operations and read the workbook at sync through this, so that none of
 * them imports the host itself.
 *
 * As in Office.js, a proxy's calls are queued and run in order at `context.sync()`; a loaded property is readable
 * only after that sync ("You must call context.sync() before reading", OfficeExtension.ClientObject,
 * https://learn.microsoft.com/javascript/api/office/officeextension.clientobject; the application-specific API
 * model, https://learn.microsoft.com/office/dev/add-ins/develop/application-specific-api-model).
 */
import type { ApiMember } from './api-levels';
import type { ChangedHandler } from './events';
import { FakeOfficeError } from './limits-and-errors';
import type { Box, FakeSheet } from './model';

/** An operation, run at sync; returns the bytes it adds to the response. */
export type Op = () => number;
/** What an operation does to the undo stack. */
export type OpKind = 'read' | 'write' | 'notUndoable';

/** What an event handler's `add` gives back (OfficeExtension.EventHandlerResult): its context and a way to remove it. */
export interface HandlerRegistration {
  context: object;
  remove(): void;
}

/** The selected cells (as in Excel there is always one), on the active sheet; `areas` > 1 for a multi-area selection. */
export interface Selection {
  sheet: string;
  row: number;
  column: number;
  rows: number;
  columns: number;
  areas?: number;
}

/** A sheet as a range's `worksheet` gives it (only `name` can be loaded). */
export interface SheetProxy {
  load(props: string): void;
  readonly name: string;
}

export interface Host {
  readonly sheets: FakeSheet[];
  selection: Selection;
  /** Called by every modelled member: below its requirement set the request fails at sync (ApiNotFound). */
  need(member: ApiMember): void;
  enqueue(op: Op, requestBytes?: number, kind?: OpKind): void;
  /** The bytes a value adds to the request (its JSON, as Office.js serializes it). */
  requestSize(value: unknown): number;
  /** A sheet by name; Excel's sheet names are case-insensitive. */
  sheet(name: string): FakeSheet | undefined;
  /** Select cells (and so make their sheet the active one), telling the add-in's handlers. */
  select(sheet: string, row: number, column?: number, rows?: number, columns?: number, areas?: number): void;
  /** Formulas that pointed at a deleted sheet now show #REF!. */
  breakReferencesTo(name: string): void;
  /** Called by operations that change cell values (not formats): raises onChanged after the sync. */
  noteDataChange(sheet: FakeSheet, box: Box): void;
  /** Register a changed handler at the next sync (for one sheet, or for all). */
  addChangedHandler(handler: ChangedHandler, sheet?: () => FakeSheet | undefined): HandlerRegistration;
  /** The proxy of a sheet found at sync (Range.worksheet). */
  worksheetOf(find: () => FakeSheet | undefined): SheetProxy;
}

/**
 * Holds properties loaded at the last sync; reading one that was not loaded and synced throws PropertyNotLoaded
 * (OfficeExtension.ErrorCodes.propertyNotLoaded, https://learn.microsoft.com/javascript/api/office/officeextension.errorcodes).
 */
export class Loadable {
  protected loaded: Record<string, unknown> = {};
  protected read<T>(prop: string): T {
    if (!(prop in this.loaded)) throw new FakeOfficeError('PropertyNotLoaded', `${prop} was not loaded and synced`);
    return this.loaded[prop] as T;
  }
}
