/**
 * Number-format facts both adapters share: which formats show a date, and how Excel counts days. Both read the
 * same workbooks through different hosts, so they must agree on what a date cell is.
 */

/** Excel's text format: the cell keeps what is typed, digits included. */
export const TEXT_FORMAT = '@';
export const GENERAL_FORMAT = 'General';

/** Excel's day 0 is 1899-12-30 (the 1900 leap-year bug folded in for serials ≥ 61); 1904 system: 1904-01-01. */
export const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const EXCEL_EPOCH_1904_MS = Date.UTC(1904, 0, 1);
const DAY_MS = 86_400_000;

/** The date an Excel serial stands for, to the millisecond. */
export function serialToDate(serial: number, date1904 = false): Date {
  return new Date((date1904 ? EXCEL_EPOCH_1904_MS : EXCEL_EPOCH_MS) + Math.round(serial * DAY_MS));
}

/** A number format that shows a date: d, m or y outside quotes, brackets and escapes (not an elapsed [h]:mm). */
export function isDateFormat(format: string): boolean {
  if (format === GENERAL_FORMAT || format === TEXT_FORMAT) return false;
  const bare = format
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .split(';')[0];
  return /[dy]/i.test(bare) || /m/i.test(bare.replace(/[hs]+:?m+|m+:?s+/gi, ''));
}
