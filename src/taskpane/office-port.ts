/**
 * The open Excel workbook as a WorkbookPort. Office.js ties every proxy object to one request context, so
 * the port only lives inside one `Excel.run`: callers hand over the whole job.
 */
import type { WorkbookPort } from '../workbook/port';

/** Runs a job against a workbook port (the open workbook, or an in-memory one in demonstration mode). */
export type PortRunner = <T>(work: (port: WorkbookPort) => Promise<T>) => Promise<T>;

/** The API set the adapter needs (getUsedRangeOrNullObject: ExcelApi 1.4, also in manifest.xml). */
export const REQUIRED_EXCEL_API = '1.4';

export type OfficeAvailability = { ok: true; runner: PortRunner } | { ok: false; reason: string };

/** Call after Office.onReady reported host Excel. The adapter is loaded on demand (its own chunk). */
export function createOfficePort(): OfficeAvailability {
  if (typeof Excel === 'undefined' || typeof Office === 'undefined') return { ok: false, reason: 'Excel niet beschikbaar.' };
  if (!Office.context.requirements.isSetSupported('ExcelApi', REQUIRED_EXCEL_API)) {
    return { ok: false, reason: `Deze versie van Excel ondersteunt ExcelApi ${REQUIRED_EXCEL_API} niet; Tariefwijzer heeft die nodig. Werk Excel bij of gebruik Excel op het web.` };
  }
  const runner: PortRunner = async (work) => {
    const { OfficeWorkbook } = await import(/* webpackChunkName: "office-adapter" */ '../workbook/office/adapter');
    const conditionalFormats = Office.context.requirements.isSetSupported('ExcelApi', '1.6');
    return Excel.run((context) => work(new OfficeWorkbook(context, { conditionalFormats })));
  };
  return { ok: true, runner };
}
