/**
 * The user's formulas the fake understands (a reference to one cell of a sheet, times or plus a number) and what
 * happens to them when the sheet they refer to is deleted.
 */
import { columnIndex } from './addresses';
import type { FakeSheet } from './model';
import { typeOf } from './values';

/**
 * Rewrite formulas that refer to a deleted sheet: `=Blad!B3` becomes `=#REF!B3`, showing #REF!, for good ("How to
 * correct a #REF! error": deleting a referenced sheet,
 * https://support.microsoft.com/office/how-to-correct-a-ref-error-822c8e46-9b9f-4d7d-97ea-6a4b5e3c8c61).
 */
export function breakReferencesTo(sheets: readonly FakeSheet[], name: string): void {
  const key = name.toLowerCase();
  for (const sheet of sheets) {
    for (const cell of sheet.cells.values()) {
      const m = cell.formula && /^='?([^'!]+)'?!(.*)$/.exec(cell.formula);
      if (!m || m[1].toLowerCase() !== key) continue;
      cell.formula = `=#REF!${m[2]}`;
      cell.value = '#REF!';
      cell.type = 'Error';
    }
  }
}

/** Evaluate the formulas the fake understands, as Excel does on a change: a reference to a missing sheet gives #REF!. */
export function recalculate(sheets: readonly FakeSheet[], sheetByName: (name: string) => FakeSheet | undefined): void {
  for (const sheet of sheets) {
    for (const cell of sheet.cells.values()) {
      const m = cell.formula && /^='?([^'!]+)'?!\$?([A-Z]+)\$?(\d+)(?:([*+])(\d+(?:\.\d+)?))?$/.exec(cell.formula);
      if (!m) continue;
      const target = sheetByName(m[1]);
      const source = target?.cell(Number(m[3]) - 1, columnIndex(m[2]));
      if (!target) {
        cell.value = '#REF!';
        cell.type = 'Error';
        continue;
      }
      const v = source && source.type !== 'Empty' ? source.value : 0;
      const value = m[4] && typeof v === 'number' ? (m[4] === '*' ? v * Number(m[5]) : v + Number(m[5])) : v;
      cell.value = value;
      cell.type = typeOf(value === '' ? 0 : value);
    }
  }
}
