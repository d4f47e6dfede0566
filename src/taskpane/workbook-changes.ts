/**
 * Changes to the workbook that the add-in did not make, from Excel's changed events
 * (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-events). Excel raises them for the add-in's
 * own writes as well ("Office Add-in (JavaScript) code that changes the workbook", "Event triggers"), so those are
 * left out: by `triggerSource` "ThisLocalAddin" where Excel has it (ExcelApi 1.14,
 * https://learn.microsoft.com/javascript/api/excel/excel.eventtriggersource), else by time: an event that arrives
 * while one of the pane's own jobs runs, or within OWN_SETTLE_MS after it, is taken for the job's. Whether Ctrl+Z
 * raises a changed event Microsoft does not say (docs/excel-controlelijst.md); the pane checks on use as well.
 */
import type { ExcelFeatures } from '../workbook/office/requirements';

/** A change the add-in did not make. */
export interface WorkbookChange {
  /** The changed sheet's name; undefined for a sheet added after the pane started watching. */
  sheet?: string;
  /** The changed cells, as Excel gives them ("H4:K15"). */
  address: string;
  /** Made by a coauthor ("Remote"), not in this Excel. */
  remote: boolean;
}

/**
 * Below ExcelApi 1.14 events of the pane's own job are told apart by time only; Excel raises them after the request
 * that caused them, how long after is not documented.
 */
export const OWN_SETTLE_MS = 1000;

/** Counts the pane's own jobs, so that the events of their writes (without triggerSource) are not taken for the user's. */
export class OwnJobs {
  private running = 0;
  private settling = 0;

  /** Run `job`; it calls `wrote()` when it wrote something, which keeps its events its own for OWN_SETTLE_MS after it. */
  async around<T>(job: (wrote: () => void) => Promise<T>): Promise<T> {
    let wrote = false;
    this.running++;
    try {
      return await job(() => (wrote = true));
    } finally {
      this.running--;
      if (wrote) {
        this.settling++;
        setTimeout(() => this.settling--, OWN_SETTLE_MS);
      }
    }
  }

  get busy(): boolean {
    return this.running > 0 || this.settling > 0;
  }
}

type Registration = OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs>;

/** Call `handler` for every change the add-in did not make; resolves to an unsubscribe function. */
export function watchChanges(features: ExcelFeatures, own: OwnJobs, handler: (change: WorkbookChange) => void): Promise<() => Promise<void>> {
  const isOwn = (e: Excel.WorksheetChangedEventArgs): boolean => {
    if (features.eventTriggerSource) return e.triggerSource === 'ThisLocalAddin';
    return own.busy;
  };
  return Excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load('items/id,items/name');
    await context.sync();
    const names = new Map(sheets.items.map((s) => [s.id, s.name]));
    const onChanged = async (e: Excel.WorksheetChangedEventArgs) => {
      if (!isOwn(e)) handler({ sheet: names.get(e.worksheetId), address: e.address, remote: e.source === 'Remote' });
    };
    const registrations: Registration[] = [];
    if (features.workbookChanges) registrations.push(sheets.onChanged.add(onChanged));
    else for (const sheet of sheets.items) registrations.push(sheet.onChanged.add(onChanged));
    await context.sync();
    return async () => {
      if (!registrations.length) return;
      await Excel.run(registrations[0].context, async (ctx) => {
        for (const r of registrations) r.remove();
        await ctx.sync();
      });
    };
  });
}
