/**
 * Changed events (Worksheet.onChanged, ExcelApi 1.7; WorksheetCollection.onChanged, 1.9). "Events within an Excel
 * workbook can be triggered by: user interaction via the Excel user interface (UI) that changes the workbook; Office
 * Add-in (JavaScript) code that changes the workbook [...]" (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-events,
 * "Event triggers"), so the add-in's own value writes raise them too, with `triggerSource` "ThisLocalAddin"
 * (ExcelApi 1.14, https://learn.microsoft.com/javascript/api/excel/excel.eventtriggersource), a user's edit with
 * "Unknown"; `source` is "Local" (a coauthor's change would be "Remote", same article, "Events and coauthoring").
 * Only data raises onChanged ("Occurs when the data of individual cells or comments has changed"); formats raise
 * onFormatChanged, which the fake does not model. Events are raised after the request that caused them.
 */
import { addressOf } from './addresses';
import type { Box, FakeSheet } from './model';

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
export type ChangedHandler = (args: FakeChangedEventArgs) => Promise<unknown> | void;
/** A registered changed handler: for one sheet (Worksheet.onChanged) or all (WorksheetCollection.onChanged). */
export interface ChangedRegistration {
  sheet?: FakeSheet;
  handler: ChangedHandler;
}
export interface DataChange {
  sheet: FakeSheet;
  box: Box;
}
export type Trigger = 'ThisLocalAddin' | 'Unknown';

/** The registered changed handlers and the data changes of the sync under way. */
export class ChangedEvents {
  readonly handlers = new Set<ChangedRegistration>();
  private pending: DataChange[] = [];

  /** A value write of the request under way. */
  note(sheet: FakeSheet, box: Box): void {
    this.pending.push({ sheet, box });
  }

  /** Every request comes from the add-in: the data it changed raises onChanged with triggerSource ThisLocalAddin. */
  raisePending(withTrigger: boolean): void {
    const changes = this.pending;
    this.pending = [];
    this.raise(changes, 'ThisLocalAddin', withTrigger);
  }

  /** Tell the handlers, after the current task (Excel raises events after the request that caused them). */
  raise(changes: DataChange[], trigger: Trigger, withTrigger: boolean): void {
    if (!changes.length || !this.handlers.size) return;
    const handlers = [...this.handlers];
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
}
