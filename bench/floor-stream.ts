/**
 * The streaming I/O floor: `node build-bench/bench/floor-stream.js IN.xlsx OUT.xlsx [--lean]` reads the workbook
 * with exceljs's streaming reader and writes every row again with its streaming writer, computing nothing. This is
 * the cheapest exceljs way through a workbook; it keeps far less than the in-place adapter does (no charts,
 * tables, notes, validations …), so it is a floor for speed and memory, not for fidelity. With `--lean` it keeps
 * values only (shared strings, no styles): the cheapest exceljs way that still writes every cell.
 */
import ExcelJS from 'exceljs';

async function main() {
  const [input, output, mode] = process.argv.slice(2);
  const lean = mode === '--lean';
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    styles: lean ? 'ignore' : 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: output, useSharedStrings: lean, useStyles: !lean });
  let n = 0;
  for await (const sheet of reader) {
    const name = (sheet as unknown as { name?: string }).name ?? `Blad${++n}`;
    const out = writer.addWorksheet(name);
    for await (const row of sheet) {
      const target = out.getRow(row.number);
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        const c = target.getCell(col);
        c.value = cell.value;
        if (!lean) c.style = cell.style;
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
