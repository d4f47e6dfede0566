/**
 * The herschikking benchmark's workbook: a sheet "Productie" of 12 months × N provider-prestatie lines (pack
 * zk-ggz-2025), deterministic, written with exceljs's streaming writer. Months as text "2025-01" … "2025-12".
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';

const CODES: Array<[string, string, string, number]> = [
  ['Z1103', 'GGZ-W3', 'Verblijf', 228.45],
  ['Z1104', 'GGZ-W4', 'Verblijf', 254.7],
  ['V1103', 'GGZ-W3', 'VPT', 203.15],
  ['Z1105', 'GGZ-W5', 'Verblijf', 312.45],
];

/** The arguments of the benchmark's `herschik` run (after the input file). */
export const HERSCHIK_ARGS = [
  '--policy',
  'zk-ggz-2025',
  '--set',
  'richttarief=96',
  '--set',
  'peildatum=2025-08-31',
  '--set',
  'contracteerruimte.GGZ=500000000',
];

export async function ensureProductionWorkbook(dir: string, lines: number): Promise<{ file: string; rows: number; bytes: number }> {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `productie-${lines}.xlsx`);
  if (!fs.existsSync(file)) {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: `${file}.tmp` });
    const ws = wb.addWorksheet('Productie');
    ws.addRow(['AGB-code', 'Zorgaanbieder', 'Prestatiecode', 'Zorgprofiel', 'Leveringsvorm', 'NZa maximumtarief', 'Maand', 'Aantal', 'Goedgekeurd']).commit();
    for (let m = 1; m <= 12; m++) {
      for (let i = 0; i < lines; i++) {
        const [code, profiel, vorm, tarief] = CODES[i % CODES.length];
        const agb = String(50000000 + Math.floor(i / CODES.length));
        ws.addRow([agb, `Aanbieder ${agb}`, code, profiel, vorm, tarief, `2025-${String(m).padStart(2, '0')}`, 20 + ((i * 7 + m * 3) % 30), 'ja']).commit();
      }
    }
    ws.commit();
    await wb.commit();
    fs.renameSync(`${file}.tmp`, file);
  }
  return { file, rows: lines * 12, bytes: fs.statSync(file).size };
}
