/**
 * Is a tab's result still what the workbook shows? The checks the pane makes when it is used again (a row is
 * selected, the pane gets the focus back): part of the werkbank chunk, with the engine's number formats.
 */
import type { RowResult } from '../domain/engine';
import { formatEuro, formatPercentage } from '../domain/money';
import { isTariffSheet, META_SHEET } from '../workbook/names';
import { columnIndexOf } from '../workbook/port';
import { type LastRun } from '../workbook/jobs/last-run';
import { type RowExplanation } from '../workbook/jobs/annotate';

/** The row's output cells show this result: the same percentage and tariff, as the pane prints them. */
export function rowShows(result: RowResult, read: RowExplanation | undefined): boolean {
  const percentage = result.percentage ? formatPercentage(result.percentage) : undefined;
  const tarief = result.tarief ? formatEuro(result.tarief) : undefined;
  return percentage === read?.percentage && tarief === read?.tarief;
}

/** The run recorded on the Tariefwijzer sheet now is the one the pane showed (an undo brings back an older one). */
export function sameRun(now: LastRun | undefined, shown: LastRun): boolean {
  if (!now) return false;
  const key = (r: LastRun) => JSON.stringify([r.packId, r.version, r.sheet, r.fingerprint, r.complete, Object.entries(r.parameters).sort()]);
  return key(now) === key(shown);
}

/** A change to this sheet can make a run on `runSheet` outdated: its data, its record, a tariff sheet it read. */
export function affectsRun(sheet: string | undefined, runSheet: string): boolean {
  return sheet === undefined || sheet.toLowerCase() === runSheet.toLowerCase() || sheet.toLowerCase() === META_SHEET.toLowerCase() || isTariffSheet(sheet);
}

/**
 * A change on the run's sheet that lies wholly in its review cells (`columns`: verdict, by whom, when): the four-eyes
 * review people fill in, which changes no input of the run. `address` as Excel's changed event gives it ("M4",
 * "M4:O9", "M:O", areas separated by commas); whole rows ("4:9") reach every column.
 */
export function reviewOnly(change: { sheet?: string; address: string }, runSheet: string, columns: readonly number[]): boolean {
  if (!columns.length || change.sheet?.toLowerCase() !== runSheet.toLowerCase()) return false;
  return change.address.split(',').every((area) => {
    const ends = area.split(':').map((ref) => /^\s*\$?([A-Za-z]{1,3})(?:\$?\d+)?\s*$/.exec(ref)?.[1]);
    if (!ends.length || ends.some((e) => e === undefined)) return false;
    const [from, to] = [columnIndexOf(ends[0]!), columnIndexOf(ends[ends.length - 1]!)].sort((a, b) => a - b);
    for (let c = from; c <= to; c++) if (!columns.includes(c)) return false;
    return true;
  });
}
