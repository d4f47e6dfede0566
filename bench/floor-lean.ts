/**
 * The lean exceljs floor: `node build-bench/bench/floor-lean.js IN.xlsx OUT.xlsx` streams the workbook through
 * exceljs's reader and writer like floor-stream.ts, but keeps values only (shared strings, no styles): the
 * cheapest exceljs way through a workbook that still writes every cell.
 */
import ExcelJS from 'exceljs';

async function main() {
  const [input, output] = process.argv.slice(2);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    styles: 'ignore',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: output, useSharedStrings: true, useStyles: false });
  let n = 0;
  for await (const sheet of reader) {
    const name = (sheet as unknown as { name?: string }).name ?? `Blad${++n}`;
    const out = writer.addWorksheet(name);
    for await (const row of sheet) {
      const target = out.getRow(row.number);
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        target.getCell(col).value = cell.value;
      });
      target.commit();
    }
    out.commit();
  }
  await writer.commit();
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
