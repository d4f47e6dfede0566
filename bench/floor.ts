/**
 * The I/O floor: `node build-bench/bench/floor.js IN.xlsx OUT.xlsx` reads the workbook with exceljs and writes it
 * again, computing nothing. The CLI cannot be faster than this while it keeps the whole workbook (user cells,
 * formats, other sheets) as it was.
 */
import ExcelJS from 'exceljs';

async function main() {
  const [input, output] = process.argv.slice(2);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(input);
  await wb.xlsx.writeFile(output);
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
