#!/usr/bin/env node
/*
 * Benchmark of `herschik` on a production sheet of 12 months × N provider-prestatie lines (default 10.000, so
 * 120.000 rows): the time of the whole command (read, tariffs, omzet, herschikking, write) as a ratio to the I/O
 * floor (exceljs reading the file and writing it back unchanged), the two alternated REPEATS times (medians).
 * Prints the ratio and, on the last line, the figures as JSON (for `npm run bench`); does not fail.
 * Needs build/ (npm run build:cli). Usage: node scripts/bench-herschik.js [lines] [repeats]
 */
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const ExcelJS = require('exceljs');
const { main } = require('../build/cli/main.js');

const LINES = Number(process.argv[2] || 10000);
const REPEATS = Number(process.argv[3] || 3);
const CODES = [
  ['Z1103', 'GGZ-W3', 'Verblijf', 228.45],
  ['Z1104', 'GGZ-W4', 'Verblijf', 254.7],
  ['V1103', 'GGZ-W3', 'VPT', 203.15],
  ['Z1105', 'GGZ-W5', 'Verblijf', 312.45],
];

async function makeInput(file) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file });
  const ws = wb.addWorksheet('Productie');
  ws.addRow(['AGB-code', 'Zorgaanbieder', 'Prestatiecode', 'Zorgprofiel', 'Leveringsvorm', 'NZa maximumtarief', 'Maand', 'Aantal', 'Goedgekeurd']).commit();
  for (let m = 1; m <= 12; m++) {
    for (let i = 0; i < LINES; i++) {
      const [code, profiel, vorm, tarief] = CODES[i % CODES.length];
      const agb = String(50000000 + Math.floor(i / CODES.length));
      ws.addRow([agb, `Aanbieder ${agb}`, code, profiel, vorm, tarief, `2025-${String(m).padStart(2, '0')}`, 20 + ((i * 7 + m * 3) % 30), 'ja']).commit();
    }
  }
  await wb.commit();
}

async function time(fn) {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e9;
}

async function run() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-bench-herschik-'));
  try {
    const input = path.join(dir, 'productie.xlsx');
    await makeInput(input);
    const io = { out: () => {}, err: () => {} };
    const floors = [];
    const totals = [];
    for (let r = 0; r < REPEATS; r++) {
      floors.push(
        await time(async () => {
          const wb = new ExcelJS.Workbook();
          await wb.xlsx.readFile(input);
          await wb.xlsx.writeFile(path.join(dir, 'kopie.xlsx'));
        }),
      );
      let code = 0;
      totals.push(
        await time(async () => {
          code = await main(
            [
              'herschik',
              input,
              '--policy',
              'zk-ggz-2025',
              '--set',
              'richttarief=96',
              '--set',
              'peildatum=2025-08-31',
              '--set',
              'contracteerruimte.GGZ=500000000',
              '--out',
              path.join(dir, 'uit.xlsx'),
            ],
            io,
          );
        }),
      );
      if (code !== 0) throw new Error(`herschik gaf uitgangscode ${code}`);
    }
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const floor = median(floors);
    const total = median(totals);
    console.log(`herschik: ${LINES * 12} rijen (${LINES} aanbieder-prestaties × 12 maanden), mediaan van ${REPEATS}`);
    console.log(`  I/O-ondergrens (exceljs lezen + schrijven): ${floor.toFixed(1)} s`);
    console.log(`  herschik van begin tot eind:               ${total.toFixed(1)} s`);
    console.log(`  verhouding: ${(total / floor).toFixed(2)} × de I/O-ondergrens`);
    console.log(JSON.stringify({ rows: LINES * 12, repeats: REPEATS, floor, total, ratio: total / floor }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

run().catch((e) => {
  console.error(e);
  process.exit(1);
});
