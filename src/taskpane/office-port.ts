/**
 * The open Excel workbook as the task pane sees it. Office.js ties every proxy object to one request context,
 * so a WorkbookPort only lives inside one `Excel.run`: callers hand over the whole job.
 */
import type { WorkbookPort } from '../workbook/port';

/** Runs a job against the workbook; everything it writes is sent before the promise resolves. */
export type PortRunner = <T>(work: (port: WorkbookPort) => Promise<T>) => Promise<T>;

/** A cell the user selected, 0-based. */
export interface Selection {
  sheet: string;
  row: number;
}

/** What the pane needs from Excel beyond reading and writing. */
export interface Host {
  runner: PortRunner;
  /** One run is one undo step (ExcelApi 1.20); otherwise each write is its own step. */
  undoGrouping: boolean;
  /** Excel's theme is dark. */
  dark: boolean;
  /** Select a row of a sheet (a flag was clicked). */
  selectRow(sheet: string, row: number): Promise<void>;
  /** Call `handler` whenever the selection changes; resolves to an unsubscribe function. */
  onSelection(handler: (selection: Selection) => void): Promise<() => Promise<void>>;
}

/** The API set the adapter needs (getUsedRangeOrNullObject, getIntersectionOrNullObject: ExcelApi 1.4; also in manifest.xml). */
export const REQUIRED_EXCEL_API = '1.4';

export type OfficeAvailability = { ok: true; host: Host } | { ok: false; reason: string };

function errorCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Dark when the pane's background is dark (Office.context.officeTheme, where the host reports it). */
export function isDarkTheme(background: string | undefined): boolean {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(background ?? '');
  if (!m) return false;
  const [r, g, b] = m.slice(1).map((h) => parseInt(h, 16));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128;
}

/** Call after Office.onReady reported host Excel. The adapter is loaded on demand (its own chunk). */
export function createOfficeHost(): OfficeAvailability {
  if (typeof Excel === 'undefined' || typeof Office === 'undefined') return { ok: false, reason: 'Excel niet beschikbaar.' };
  const supports = (version: string) => Office.context.requirements.isSetSupported('ExcelApi', version);
  if (!supports(REQUIRED_EXCEL_API)) {
    return { ok: false, reason: `Deze versie van Excel ondersteunt ExcelApi ${REQUIRED_EXCEL_API} niet; Tariefwijzer heeft die nodig. Werk Excel bij of gebruik Excel op het web.` };
  }
  let undoGrouping = supports('1.20');
  const conditionalFormats = supports('1.6');
  const notes = supports('1.18');
  const charts = supports('1.7');

  const runner: PortRunner = async (work) => {
    const { OfficeWorkbook } = await import(/* webpackChunkName: "office-adapter" */ '../workbook/office/adapter');
    const job = async (context: Excel.RequestContext) => {
      const port = new OfficeWorkbook(context, { conditionalFormats, notes, charts });
      const result = await work(port);
      await port.flush();
      return result;
    };
    if (!undoGrouping) return Excel.run(job);
    try {
      return await Excel.run({ mergeUndoGroup: true }, job);
    } catch (e) {
      // Some operation of the run cannot be undone as a group: run it again without grouping (runs are idempotent).
      if (errorCode(e) !== 'UndoNotSupported') throw e;
      undoGrouping = false;
      return Excel.run(job);
    }
  };

  const host: Host = {
    runner,
    get undoGrouping() {
      return undoGrouping;
    },
    dark: isDarkTheme(Office.context.officeTheme?.bodyBackgroundColor),
    selectRow: (sheet, row) =>
      Excel.run(async (context) => {
        const ws = context.workbook.worksheets.getItem(sheet);
        ws.activate();
        ws.getRangeByIndexes(row, 0, 1, 1).select();
        await context.sync();
      }),
    onSelection: (handler) =>
      Excel.run(async (context) => {
        const registration = context.workbook.onSelectionChanged.add(() =>
          Excel.run(async (ctx) => {
            const range = ctx.workbook.getSelectedRange();
            const sheet = range.worksheet;
            range.load('rowIndex');
            sheet.load('name');
            await ctx.sync();
            handler({ sheet: sheet.name, row: range.rowIndex });
          }).catch(() => undefined),
        );
        await context.sync();
        return () =>
          Excel.run(registration.context, async (ctx) => {
            registration.remove();
            await ctx.sync();
          });
      }),
  };
  return { ok: true, host };
}
