/**
 * The open Excel workbook as the task pane sees it. Office.js ties every proxy object to one request context,
 * so a WorkbookPort only lives inside one `Excel.run`: callers hand over the whole job.
 */
import type { WorkbookPort } from '../workbook/port';
import type { JobHooks } from '../workbook/office/adapter';
import { errorCode } from './office-error';
import { OwnJobs, watchChanges, type WorkbookChange } from './workbook-changes';
import { EXCEL_API_FLOOR, OPTIONAL_FEATURES, type ExcelFeature, type ExcelFeatures } from '../workbook/office/requirements';

/** Runs a job against the workbook; everything it writes is sent before the promise resolves. */
export type PortRunner = <T>(work: (port: WorkbookPort) => Promise<T>, hooks?: JobHooks) => Promise<T>;

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
  /** Why a run is not one undo step (Dutch, for the pane), or undefined when it is. */
  undoNote: string | undefined;
  /** The optional Excel features this host has (isSetSupported at OPTIONAL_FEATURES' versions). */
  features: ExcelFeatures;
  /** Excel's theme is dark. */
  dark: boolean;
  /**
   * One Excel.run for writes that are no port job (the bijlage sheet), grouped into one undo step like a run where
   * Excel can (ExcelApi 1.20).
   */
  runExcel<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  /** Select a row of a sheet (a flag was clicked). */
  selectRow(sheet: string, row: number): Promise<void>;
  /** Call `handler` whenever the selection changes; resolves to an unsubscribe function. */
  onSelection(handler: (selection: Selection) => void): Promise<() => Promise<void>>;
  /**
   * Call `handler` for every change to the workbook's cells that this add-in did not make (a user's edit, a
   * coauthor's; see workbook-changes.ts for how the pane's own writes are left out). Resolves to an unsubscribe
   * function. Below ExcelApi 1.9 only the sheets there are now are watched: subscribe again after adding one.
   */
  onChange(handler: (change: WorkbookChange) => void): Promise<() => Promise<void>>;
}

/** The API set the adapter needs (derived from the source by test/office-api/floor.test.ts; also in manifest.xml). */
export const REQUIRED_EXCEL_API = EXCEL_API_FLOOR;

export const NO_UNDO_GROUPS =
  'Deze Excel-versie (zonder ExcelApi 1.20) kan een berekening niet als één stap ongedaan maken; Ongedaan maken gaat per stap. Tariefwijzer overschrijft alleen zijn eigen kolommen en blad.';

/**
 * Errors of an Excel.run with mergeUndoGroup after which the same run without grouping is worth a try
 * (runs are idempotent: a re-run rewrites every output cell), with the Dutch reason the pane shows:
 * - UndoNotSupported: an operation of the group cannot be undone (undo article: "Your add-in should
 *   gracefully handle this error and present a reasonable message to the user",
 *   https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-undo-capabilities); Excel also raises it
 *   for large writes (office-js issue 6491: many formulas in one merged group);
 * - GeneralException ("internal error") on repeated merged runs in Excel on the web (office-js issue 6255);
 * - a RichApi.Error as soon as mergeUndoGroup is passed at all, in Excel on the web (office-js issue 6711);
 *   its code varies, so the codes a host gives for an option it cannot handle are taken too.
 * Any other error (a lost connection, a protected sheet) is the run's own and is reported as such.
 */
export function undoGroupFailure(e: unknown): string | undefined {
  const code = errorCode(e);
  if (code === 'UndoNotSupported') {
    return 'Excel kon deze berekening niet als één stap voor Ongedaan maken vastleggen (melding UndoNotSupported, bijvoorbeeld bij heel veel cellen tegelijk). Tariefwijzer heeft haar daarom zonder groepering uitgevoerd: Ongedaan maken gaat nu per stap, en wat u vóór de berekening deed is niet meer ongedaan te maken.';
  }
  if (code === 'GeneralException' || code === 'InvalidArgument' || code === 'InvalidRequest' || code === 'ApiNotFound' || code === 'NotImplemented') {
    return `Excel weigerde de berekening als één stap voor Ongedaan maken te groeperen (melding ${code}; een bekend probleem van Excel op het web). Tariefwijzer heeft haar zonder groepering uitgevoerd en doet dat verder in deze sessie: Ongedaan maken gaat per stap.`;
  }
  return undefined;
}

export type OfficeAvailability = { ok: true; host: Host } | { ok: false; reason: string };

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
  // https://learn.microsoft.com/office/dev/add-ins/develop/specify-office-hosts-and-api-requirements: check at run time too
  const supports = (version: string) => Office.context.requirements.isSetSupported('ExcelApi', version);
  if (!supports(REQUIRED_EXCEL_API)) {
    return {
      ok: false,
      reason: `Deze versie van Excel is te oud voor Tariefwijzer: die heeft ExcelApi ${REQUIRED_EXCEL_API} of nieuwer nodig (Excel 2019 of nieuwer, Microsoft 365 of Excel op het web). Werk Excel bij of gebruik Excel op het web. Er is niets in de werkmap gewijzigd.`,
    };
  }
  const features = {} as Record<ExcelFeature, boolean>;
  for (const [feature, version] of Object.entries(OPTIONAL_FEATURES) as Array<[ExcelFeature, string]>) features[feature] = supports(version);
  let undoNote = features.undoGroups ? undefined : NO_UNDO_GROUPS;
  const own = new OwnJobs();

  const grouped = async <T>(job: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    if (features.undoGroups && !undoNote) {
      try {
        return await Excel.run({ mergeUndoGroup: true }, job);
      } catch (e) {
        // Excel would not group this run: run it again ungrouped (runs are idempotent) and say why.
        const reason = undoGroupFailure(e);
        if (!reason) throw e;
        undoNote = reason;
      }
    }
    return Excel.run(job);
  };

  const run = async <T>(work: (port: WorkbookPort) => Promise<T>, hooks: JobHooks | undefined, wrote: () => void): Promise<T> => {
    const { OfficeWorkbook } = await import(/* webpackChunkName: "office-adapter" */ '../workbook/office/adapter');
    const job = async (context: Excel.RequestContext) => {
      const port = new OfficeWorkbook(context, features, hooks);
      try {
        const result = await work(port);
        await port.flush();
        return result;
      } finally {
        if (port.wrote) wrote();
      }
    };
    return grouped(job);
  };
  const runner: PortRunner = (work, hooks) => own.around((wrote) => run(work, hooks, wrote));

  const host: Host = {
    runner,
    runExcel: grouped,
    features,
    get undoGrouping() {
      return !undoNote;
    },
    get undoNote() {
      return undoNote;
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
    onChange: (handler) => watchChanges(features, own, handler),
  };
  return { ok: true, host };
}
