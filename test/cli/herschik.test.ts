/** `tariefwijzer herschik` end to end on the generated example workbook (scripts/make-production-example.js). */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { snapshot } from '../workbook/helpers';
import { runCli } from './run';

jest.setTimeout(60_000);

let dir: string;
let input: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-herschik-'));
  execFileSync(process.execPath, [path.join(__dirname, '../../scripts/make-production-example.js'), dir], { stdio: 'pipe' });
  input = path.join(dir, 'productie-2025-ggz.xlsx');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const BASE = ['--policy', 'zk-ggz-2025', '--set', 'richttarief=96', '--set', 'richttarief_vv=95,5', '--set', 'peildatum=2025-08-31'];

async function open(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** The row (1-based) under the section title whose first cell is `label`. */
function rowOf(ws: ExcelJS.Worksheet, section: string, label: string): ExcelJS.Row {
  let inSection = false;
  for (let r = 1; r <= ws.rowCount; r++) {
    const a = String(ws.getCell(r, 1).value ?? '');
    if (a.startsWith(section)) inSection = true;
    else if (inSection && a === label) return ws.getRow(r);
  }
  throw new Error(`no row ${label} under ${section}`);
}

test('the example generator is deterministic and the committed example is its output', () => {
  const again = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-herschik-b-'));
  try {
    execFileSync(process.execPath, [path.join(__dirname, '../../scripts/make-production-example.js'), again], { stdio: 'pipe' });
    const a = fs.readFileSync(input);
    expect(fs.readFileSync(path.join(again, 'productie-2025-ggz.xlsx')).equals(a)).toBe(true);
    expect(fs.readFileSync(path.join(__dirname, '../../examples/productie-2025-ggz.xlsx')).equals(a)).toBe(true);
  } finally {
    fs.rmSync(again, { recursive: true, force: true });
  }
});

test('herschik writes the sheet, own columns and a Dutch summary; the sector lands on its contracteerruimte to the cent', async () => {
  const before = fs.readFileSync(input);
  const r = await runCli('herschik', input, ...BASE);
  expect(r.code).toBe(3); // over the contracteerruimte: written, but it asks for action
  expect(r.out).toContain('GGZ: contracteerruimte € 10.100.000,00');
  expect(r.out).toContain('Tussentijdse herschikking');
  expect(r.out).toContain('Grafiek: ingevoegd.');
  expect(fs.readFileSync(input).equals(before)).toBe(true);
  const output = path.join(dir, 'productie-2025-ggz-herschikking.xlsx');
  const wb = await open(output);
  const ws = wb.getWorksheet('Tariefwijzer herschikking')!;
  expect(ws.getCell('B3').value).toBe('zk-ggz-2025');
  const ggz = rowOf(ws, 'Per sector', 'GGZ');
  expect(ggz.getCell(2).value).toBe(10100000); // contracteerruimte from the labelled cell
  expect(ggz.getCell(3).value).toBe('blad Contracteerruimte, cel B3');
  // afspraken + reservering for the new provider = contracteerruimte, to the cent
  expect(Math.round(((ggz.getCell(13).value as number) + (ggz.getCell(14).value as number)) * 100)).toBe(1010000000);
  expect(ggz.getCell(8).numFmt).toBe('0.00%');
  expect(String(ggz.getCell(9).value)).toMatch(/^█+▒+ 101,5%$/);
  const brug = rowOf(ws, 'Per zorgaanbieder', '74120459');
  expect(brug.getCell(8).value).toBe('maatwerk');
  const crisis = rowOf(ws, 'Per zorgaanbieder', '74120566');
  expect(String(crisis.getCell(10).value)).toContain('Crisisplaatsen laag bezet:');
  expect(String(crisis.getCell(11).value)).toContain('[Zilveren Kruis, Inkoopbeleid GGZ 2024–2026, §8.6.1]');
  expect(rowOf(ws, 'Uitnutting per maand', 'augustus').getCell(1).value).toBe('augustus');

  // Own columns right of the 13 input columns (N..R), header on row 3.
  const data = wb.getWorksheet('Productie 2025')!;
  expect(data.getCell('N3').value).toBe('Tariefwijzer tarief (herschikking)');
  expect(data.getCell('R3').value).toBe('Tariefwijzer toelichting (herschikking)');
  // Row 4: Kompas, Z1103 (W3 verblijf), € 228,45 × 96% = € 219,31; omzet = aantal × tarief.
  expect(data.getCell('D4').value).toBe('Z1103');
  expect(data.getCell('N4').value).toBe(219.31);
  expect(data.getCell('O4').value).toBeCloseTo((data.getCell('J4').value as number) * 219.31, 2);
  expect(data.getCell('P4').value).toBe('ja');
});

test('re-running on its own output replaces the columns and the sheet, and leaves user cells alone', async () => {
  const first = path.join(dir, 'eerste.xlsx');
  const second = path.join(dir, 'tweede.xlsx');
  expect((await runCli('herschik', input, ...BASE, '--out', first)).code).toBe(3);
  expect((await runCli('herschik', first, ...BASE, '--out', second)).code).toBe(3);
  const [a, b] = [await open(first), await open(second)];
  const skip = { sheets: ['Tariefwijzer herschikking'] };
  expect(snapshot(b, skip)).toBe(snapshot(a, skip));
  expect(b.getWorksheet('Productie 2025')!.getCell('S3').value).toBeNull();
  const src = await open(input);
  expect(snapshot(a, { sheets: ['Tariefwijzer herschikking'], fromColumn: { 'Productie 2025': 14 } })).toBe(snapshot(src));
});

test('--vergelijk-set: the € difference of another richttarief, per sector and provider (--json)', async () => {
  const r = await runCli('herschik', input, ...BASE, '--vergelijk-set', 'richttarief=97,3', '--out', path.join(dir, 'vergelijk.xlsx'), '--json');
  expect(r.code).toBe(3);
  expect(r.err).toBe('');
  const json = JSON.parse(r.out);
  expect(json.lastMonth).toBe(8);
  const ggz = json.sectors.find((s: { sector: string }) => s.sector === 'GGZ');
  expect(ggz.contracteerruimte).toBe('10100000');
  // the scenario in the user's words: the parameter by its label, the value as a percentage
  expect(json.comparison.label).toBe('hetzelfde beleid, met Zilveren Kruis tariefpercentage zorg GGZ 2025 97,3%');
  expect(json.outcome).toBe('aandacht');
  const diff = json.comparison.sectors.find((s: { sector: string }) => s.sector === 'GGZ');
  expect(Number(diff.extrapolatedDiff)).toBeGreaterThan(0);
  expect(diff.afsprakenDiff).toBe('0'); // over budget: the sector stays on its contracteerruimte
  const vv = json.comparison.sectors.find((s: { sector: string }) => s.sector === 'VV');
  expect(vv.extrapolatedDiff).toBe('0'); // the V&V rate is its own parameter
  const providerSum = json.comparison.providers
    .filter((p: { sector: string }) => p.sector === 'GGZ')
    .reduce((a: number, p: { extrapolatedDiff: string }) => a + Math.round(Number(p.extrapolatedDiff) * 100), 0);
  expect(providerSum).toBe(Math.round(Number(diff.extrapolatedDiff) * 100));
});

test('--set contracteerruimte.GGZ goes before the cell; usage errors exit 2, input problems exit 1', async () => {
  const r = await runCli('herschik', input, ...BASE, '--set', 'contracteerruimte.ggz=20.000.000', '--out', path.join(dir, 'ruim.xlsx'), '--json');
  expect(r.code).toBe(3); // within the ruimte, but providers with signals (trend, crisis) still ask for a look
  const ggz = JSON.parse(r.out).sectors.find((s: { sector: string }) => s.sector === 'GGZ');
  expect(ggz.contracteerruimte).toBe('20000000');
  expect(ggz.kortingPercentage).toBeNull();
  expect((await runCli('herschik', input)).code).toBe(2);
  expect((await runCli('herschik', input, ...BASE, '--vergelijk', 'onbekend')).code).toBe(2);
  const bad = await runCli('herschik', input, ...BASE, '--set', 'peildatum=31-13-2025');
  expect(bad).toMatchObject({ code: 1, err: expect.stringContaining('peildatum') });
  const other = await runCli('herschik', input, ...BASE, '--sheet', 'Toezeggingen');
  expect(other).toMatchObject({ code: 1, err: expect.stringContaining('geen kopregel') });
});

test('exit codes follow the outcome: 3 with the reasons first over the contracteerruimte; 1 and nothing written without the richttarief or with nothing counted', async () => {
  const over = await runCli('herschik', input, ...BASE, '--out', path.join(dir, 'over.xlsx'));
  expect(over.code).toBe(3);
  const [first, ...rest] = over.out.split('\n');
  expect(first).toMatch(/^Let op: \d+ regels meegeteld van de \d+, vraagt actie\.$/);
  const ggz = rest.find((l) => l.startsWith('  - GGZ:')) ?? '';
  expect(ggz).toMatch(/uitnutting 101,5% van de contracteerruimte/);
  expect(ggz).toMatch(/korting 1,6%/);
  expect(ggz).toContain('tussentijdse herschikking');

  const noRate = path.join(dir, 'zonder-richttarief.xlsx');
  const missing = await runCli('herschik', input, '--policy', 'zk-ggz-2025', '--set', 'peildatum=2025-08-31', '--out', noRate);
  expect(missing.code).toBe(1);
  expect(missing.err).toContain('"Zilveren Kruis tariefpercentage zorg GGZ 2025" is niet ingevuld');
  expect(missing.err).toContain('--set richttarief=');
  expect(fs.existsSync(noRate)).toBe(false);

  const none = path.join(dir, 'niets.xlsx');
  const nothing = await runCli('herschik', input, ...BASE, '--set', 'peildatum=2024-12-31', '--out', none);
  expect(nothing.code).toBe(1);
  expect(nothing.err).toMatch(/Geen regel meegeteld van de \d+ regels\. Niet meegeteld: Ander jaar \(\d+ regels\)/);
  expect(fs.existsSync(none)).toBe(false);
});
