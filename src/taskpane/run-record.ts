/**
 * What a Herschikking or Beoordelen run read and wrote, for the stale watch (stale.ts): which changes can affect
 * its result, and a record of its own sheet to compare when the pane is used again. Excel does not document that
 * Ctrl+Z raises a changed event, so an undo of a run is caught by its own sheet no longer holding what it wrote.
 */
import { Fingerprint } from '../workbook/fingerprint';
import { META_SHEET } from '../workbook/names';
import type { WorkbookPort } from '../workbook/port';
import type { WorkbookChange } from './workbook-changes';

const same = (a: string | undefined, b: string) => a?.toLowerCase() === b.toLowerCase();

/**
 * The values of `sheet` now, as a fingerprint (undefined when there is no such sheet). Every run writes its time
 * and parameters on its own sheet, so an undo that brings back an earlier run's sheet gives another record.
 */
export async function readSheetRecord(port: WorkbookPort, sheet: string): Promise<string | undefined> {
  if (!(await port.sheetNames()).some((n) => same(n, sheet))) return undefined;
  const print = new Fingerprint();
  for (const row of await port.readSheet(sheet)) {
    const cells = row ?? [];
    print.add(cells.length);
    for (let c = 0; c < cells.length; c++) print.add(cells[c]);
  }
  return print.value();
}

/** A herschikking reads every sheet but Tariefwijzer's record of the tariff run (a contracteerruimte can be on any). */
export function affectsHerschikking(change: WorkbookChange): boolean {
  return !same(change.sheet, META_SHEET);
}

/** An assessment read its list or forms and wrote its own sheet; a sheet added since can hold a form or list too. */
export function affectsAssessment(change: WorkbookChange, read: readonly string[], own: string): boolean {
  return change.sheet === undefined || same(change.sheet, own) || read.some((n) => same(change.sheet, n));
}
