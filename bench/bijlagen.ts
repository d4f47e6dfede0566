/** The workbook of the bijlagen benchmark: P providers × C distinct prestaties each (issue 24: 300 × 40). */
import fs from 'node:fs';
import path from 'node:path';
import { CODES, generateRows, writeDataWorkbook, type BenchRow } from './workbooks';

export async function ensureBijlagenWorkbook(dir: string, providers: number, perProvider: number): Promise<{ file: string; rows: number }> {
  const file = path.join(dir, `bijlagen-${providers}x${perProvider}.xlsx`);
  const rows: BenchRow[] = [];
  // names and tariffs as the other benchmarks make them; the codes spread so every provider has `perProvider` distinct ones
  const template = generateRows(providers);
  for (let p = 0; p < providers; p++) {
    const base = template[p];
    const agb = String(4_000_000 + p * 7).padStart(8, '0');
    for (let c = 0; c < perProvider; c++) {
      const e = CODES[(p * 7 + c) % CODES.length];
      rows.push({
        ...base,
        agb,
        naam: `${base.naam.replace(/ \d+$/, '')} ${p + 1}`,
        code: e.code,
        omschrijving: e.description,
        zorgprofiel: e.zorgprofiel ?? '',
        leveringsvorm: e.leveringsvorm === 'dagbesteding' ? 'Dagbesteding' : e.leveringsvorm,
      });
    }
  }
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true });
    await writeDataWorkbook(file, rows);
  }
  return { file, rows: rows.length };
}
