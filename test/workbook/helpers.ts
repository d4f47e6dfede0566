import ExcelJS from 'exceljs';
import { BridgedXlsx as XlsxWorkbook } from './xlsx-bridge';

/** An in-memory workbook from rows of values (row 1 first). */
export function workbookFrom(sheets: Record<string, unknown[][]>): XlsxWorkbook {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    rows.forEach((values, r) =>
      values.forEach((v, c) => {
        if (v !== undefined && v !== null) ws.getCell(r + 1, c + 1).value = v as ExcelJS.CellValue;
      }),
    );
  }
  return new XlsxWorkbook(wb);
}

/** Every cell of every sheet except the given ones: value, formula, number format and font, for "nothing else changed". */
export function snapshot(wb: ExcelJS.Workbook, skip: { sheets?: string[]; fromColumn?: Record<string, number> } = {}): string {
  const out: string[] = [];
  for (const ws of wb.worksheets) {
    if (skip.sheets?.includes(ws.name)) continue;
    const limit = skip.fromColumn?.[ws.name];
    ws.eachRow({ includeEmpty: false }, (row, r) =>
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        if (limit !== undefined && c >= limit) return;
        out.push(`${ws.name}!${r},${c}=${JSON.stringify(cell.value)}|${cell.numFmt ?? ''}|${JSON.stringify(cell.font ?? {})}`);
      }),
    );
  }
  return out.join('\n');
}

/** A grid as both adapters should agree on it: blanks as null, no trailing blanks, dates as ISO text. */
export function normalizeGrid(grid: unknown[][]): unknown[][] {
  const rows = grid.map((row) => {
    const line = (row ?? []).map((v) => (v === undefined || v === '' ? null : v instanceof Date ? v.toISOString() : v));
    while (line.length && line[line.length - 1] === null) line.pop();
    return line;
  });
  while (rows.length && rows[rows.length - 1].length === 0) rows.pop();
  return rows;
}
