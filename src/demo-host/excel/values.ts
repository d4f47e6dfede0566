/** What Excel does with a value put into a cell. */
import type { FakeCell, SeedValue, ValueType } from './model';

/** Day 0 of Excel's 1900 date system: serial 1 is 1 January 1900 (with Excel's leap day 1900 counted). */
export const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** The value type Range.valueTypes reports for a value. */
export function typeOf(v: string | number | boolean): ValueType {
  if (v === '') return 'Empty';
  if (typeof v === 'boolean') return 'Boolean';
  if (typeof v === 'number') return Number.isInteger(v) ? 'Integer' : 'Double';
  return 'String';
}

/**
 * What Excel does with a value written to a cell (Range.values) or typed into it, given the cell's number format:
 * - '' clears the cell ("Empty strings ('') clear or reset property values"; a null in the array leaves the cell
 *   alone, the writer skips it), https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-blank-null-values;
 * - in a cell formatted as text ('@') everything is stored as text, as typed ("Format numbers as text",
 *   https://support.microsoft.com/office/format-numbers-as-text-583160db-936b-4e52-bdff-6f1863518ba4);
 * - elsewhere a string starting with '=', or with '+', '-' or '@' when it is not a number, becomes a formula
 *   (Range.values: "If the returned value starts with a plus ("+"), minus ("-"), or equal sign ("="), Excel interprets
 *   this value as a formula", https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-values-member),
 *   here one Excel cannot compute (#NAME?), and a numeric string becomes a number.
 */
export function writeValue(cell: FakeCell, v: string | number | boolean): void {
  delete cell.formula;
  if (v === '') {
    cell.value = '';
    cell.type = 'Empty';
    return;
  }
  if (cell.numberFormat === '@') {
    cell.value = String(v);
    cell.type = 'String';
    return;
  }
  if (typeof v === 'string') {
    const numeric = v.trim() !== '' && Number.isFinite(Number(v));
    if (/^[=+\-@]/.test(v) && !numeric) {
      cell.formula = v.startsWith('=') ? v : `=${v}`;
      cell.value = '#NAME?';
      cell.type = 'Error';
      return;
    }
    if (numeric) {
      cell.value = Number(v);
      cell.type = typeOf(cell.value);
      return;
    }
  }
  cell.value = v;
  cell.type = typeOf(v);
}

/** A seeded workbook's value in its cell: a date as its serial number with a date format, an error as its text. */
export function seedValue(cell: FakeCell, v: Exclude<SeedValue, null | undefined>): void {
  if (v instanceof Date) {
    cell.value = (v.getTime() - EXCEL_EPOCH_MS) / 86_400_000;
    cell.numberFormat = 'd-m-yyyy';
  } else if (typeof v === 'object') {
    cell.value = v.error;
    cell.type = 'Error';
    return;
  } else {
    cell.value = v;
  }
  cell.type = typeOf(cell.value);
}
