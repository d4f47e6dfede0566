/**
 * Packs written only from docs/beleidspakket.md (test/policies/own/ and the policy sheet of
 * examples/beleid-in-werkmap.xlsx), each computed end to end through the CLI, asserting the cells written.
 * All policies, providers and tariffs are invented.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { workbookFrom } from '../workbook/helpers';
import { runCli } from '../cli/run';

jest.setTimeout(60_000);

const OWN = path.join(__dirname, 'own');
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-own-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function input(name: string, sheet: string, rows: unknown[][]): Promise<string> {
  const file = path.join(dir, name);
  await workbookFrom({ [sheet]: rows }).save(file);
  return file;
}

/** Output rows keyed by AGB-code + prestatiecode: percentage (as %), tarief, signal codes. */
async function results(file: string, sheet: string): Promise<Record<string, { pct: number | null; tarief: number | null; flags: string }>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(sheet)!;
  let header = 0;
  const col: Record<string, number> = {};
  ws.eachRow((row, r) => {
    row.eachCell((cell, c) => {
      if (
        typeof cell.value === 'string' &&
        ['AGB-code', 'Prestatiecode', 'Tariefwijzer percentage', 'Tariefwijzer tarief', 'Tariefwijzer signalen'].includes(cell.value)
      ) {
        header = r;
        col[cell.value] = c;
      }
    });
  });
  const out: Record<string, { pct: number | null; tarief: number | null; flags: string }> = {};
  for (let r = header + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const key = `${row.getCell(col['AGB-code']).value} ${row.getCell(col.Prestatiecode).value}`;
    const pct = row.getCell(col['Tariefwijzer percentage']).value as number | null;
    out[key] = {
      pct: pct === null ? null : Math.round(pct * 100000) / 1000,
      tarief: row.getCell(col['Tariefwijzer tarief']).value as number | null,
      flags: String(row.getCell(col['Tariefwijzer signalen']).value ?? ''),
    };
  }
  return out;
}

describe('GZ 2026 van één kantoor (YAML): percentage per zorgprofiel en een extra opslag voor 5VG', () => {
  const pack = path.join(OWN, 'noord-gz-2026.yaml');
  const rows = [
    ['AGB-code', 'Zorgaanbieder', 'Prestatiecode', 'NZa maximumtarief', 'Nieuwe aanbieder', 'Kwaliteitsplan akkoord'],
    ['10000001', 'Stichting Veldzicht', 'V421', 200, 'nee', ''],
    ['10000001', 'Stichting Veldzicht', 'V451', 210, 'nee', 'ja'],
    ['10000002', 'Zorggroep Wadden', 'Z451', 250, 'nee', 'nee'],
    ['10000002', 'Zorggroep Wadden', 'V471', 300, 'nee', 'ja'],
    ['10000003', 'LG Wonen Drenthe', 'V641', 180, 'nee', 'ja'],
    ['10000003', 'LG Wonen Drenthe', 'X485', 15, 'nee', 'ja'],
    ['10000004', 'Nieuw Perspectief BV', 'V451', 210, 'ja', ''],
    ['10000004', 'Nieuw Perspectief BV', 'Z451', 250, 'ja', ''],
  ];

  test('policy check: geldig, met een samenvatting', async () => {
    const r = await runCli('policy', 'check', pack);
    expect(r).toMatchObject({ code: 0, out: expect.stringContaining('Geldig beleid: Zorgkantoor Noord') });
    expect(r.out).toContain('11 regels');
  });

  test('annotate --policy-file rekent elke rij volgens het beleid', async () => {
    const file = await input('gz.xlsx', 'GZ 2026', rows);
    const r = await runCli('annotate', file, '--policy-file', pack);
    // written; one row (the policy's own signal) gets no tariff by design, so it asks for a look (exit code 3)
    expect(r.code).toBe(3);
    expect(r.out.split('\n')[0]).toBe('Let op: 1 rij zonder tarief, 7 tarieven berekend.');
    expect(r.out).toContain('Beleid: Zorgkantoor Noord — Wlz gehandicaptenzorg 2026 (noord-gz-2026 1.0.0)');
    const res = await results(path.join(dir, 'gz-tariefwijzer.xlsx'), 'GZ 2026');
    expect(res['10000001 V421']).toMatchObject({ pct: 95.8, tarief: 191.6 }); // 2VG: 95,8%
    expect(res['10000001 V421'].flags).toContain('Kwaliteitsplan onbekend');
    expect(res['10000001 V451']).toMatchObject({ pct: 97.5, tarief: 204.75 }); // 96,2 + 1 (5VG) + 0,3 (plan)
    expect(res['10000002 Z451']).toMatchObject({ pct: 97.2, tarief: 243 }); // 96,2 + 1
    expect(res['10000002 V471']).toMatchObject({ pct: 97.3, tarief: 291.9 }); // 7VG 97 + 0,3
    expect(res['10000003 V641']).toMatchObject({ pct: 96.8, tarief: 174.24 }); // LG 96,5 + 0,3
    expect(res['10000003 X485']).toMatchObject({ pct: 100, tarief: 15 }); // NHC vast 100%
    expect(res['10000004 V451']).toMatchObject({ pct: 94, tarief: 197.4 }); // nieuw: vast 94%, geen opslagen
    expect(res['10000004 Z451']).toMatchObject({ pct: null, tarief: null, flags: expect.stringContaining('Nieuw geen verblijf') });
    const meta = new ExcelJS.Workbook();
    await meta.xlsx.readFile(path.join(dir, 'gz-tariefwijzer.xlsx'));
    expect(meta.getWorksheet('Tariefwijzer')!.getCell('B3').value).toBe('noord-gz-2026');
  });

  test('--set op een eigen pakket: een grotere 5VG-opslag wordt op 97,5% begrensd', async () => {
    const file = await input('gz.xlsx', 'GZ 2026', rows);
    expect((await runCli('annotate', file, '--policy-file', pack, '--set', 'opslag_5vg=2')).code).toBe(3); // written, a row without tariff
    const res = await results(path.join(dir, 'gz-tariefwijzer.xlsx'), 'GZ 2026');
    expect(res['10000001 V451']).toMatchObject({ pct: 97.5, tarief: 204.75, flags: expect.stringContaining('] Begrensd:') });
    expect(res['10000002 Z451']).toMatchObject({ pct: 97.5 }); // 96,2 + 2 = 98,2 → 97,5
  });
});

describe('GGZ 2026 als blad in de werkmap: een hoger percentage voor twee profielen', () => {
  let workbook: string;
  beforeEach(async () => {
    const { main: make, FILE } = require('../../scripts/make-pack-examples.js');
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    await make(dir);
    log.mockRestore();
    workbook = path.join(dir, FILE);
  });

  test('het meegeleverde voorbeeld is wat het script maakt (deterministisch)', () => {
    expect(fs.readFileSync(workbook).equals(fs.readFileSync(path.join(__dirname, '../../examples/beleid-in-werkmap.xlsx')))).toBe(true);
  });

  test('policy check leest het blad "Tariefwijzer beleid"', async () => {
    const r = await runCli('policy', 'check', workbook);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Geldig beleid (blad Tariefwijzer beleid): Zorgkantoor Oost');
    expect(r.out).toContain('Zonder standaardwaarde (zelf invullen met --set): percentage_nieuwe_aanbieder');
  });

  test('annotate zonder --policy gebruikt het blad; GGZ-5W en GGZ-7B krijgen 97,5%', async () => {
    const r = await runCli('annotate', workbook, '--set', 'percentage_nieuwe_aanbieder=93');
    // every row priced, but the example's signals (prestatie from columns, a new provider) ask for a check
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/^Let op: Alle 7 rijen hebben een tarief, \d+ rijen vragen om controle\.\n {2}- /);
    expect(r.err).toContain('Beleid uit blad "Tariefwijzer beleid": kantoor-oost-ggz-2026 1.0.0');
    expect(r.out).toContain('Blad: Aanbieders GGZ');
    const out = path.join(dir, 'beleid-in-werkmap-tariefwijzer.xlsx');
    const res = await results(out, 'Aanbieders GGZ');
    expect(res['75120011 Z331']).toMatchObject({ pct: 96.5, tarief: 241.25 }); // GGZ-3C: richttarief 96 + 0,5 (eigen kenmerk Herstelgericht werken)
    expect(res['75120028 Z1105']).toMatchObject({ pct: 97.5, tarief: 292.5 }); // W5
    expect(res['75120035 Z273']).toMatchObject({ pct: 97.5, tarief: 273.39 }); // B7
    expect(res['75120042 Z1101']).toMatchObject({ pct: 95, tarief: 171 }); // W1 verblijf: 96 − 1
    expect(res['75120059 V1103']).toMatchObject({ pct: 96, tarief: 144 }); // W3 VPT
    expect(res['75120035 Z889']).toMatchObject({ pct: 100, tarief: 20 }); // NHC (GGZ-7B) vast 100%
    expect(res['75120066 Z331']).toMatchObject({ pct: 93, tarief: 232.5, flags: expect.stringContaining('Nieuw minder dan 10') });
    // the policy sheet is read, never written to
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.getWorksheet('Tariefwijzer beleid')!.getCell('Q20').value).toBeNull();
    expect(wb.getWorksheet('Tariefwijzer')!.getCell('B3').value).toBe('kantoor-oost-ggz-2026');
  });

  test('zonder percentage voor nieuwe aanbieders: signaal in plaats van een verzonnen getal', async () => {
    const r = await runCli('annotate', workbook);
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/^Let op: 1 rij zonder tarief.*\n {2}- Geen tarief: Parameter ontbreekt \(1 rij\)\./);
    const res = await results(path.join(dir, 'beleid-in-werkmap-tariefwijzer.xlsx'), 'Aanbieders GGZ');
    expect(res['75120066 Z331']).toMatchObject({ pct: null, flags: expect.stringContaining('Parameter ontbreekt') });
  });

  test('--policy-sheet kiest een blad met een andere naam; --policy gaat voor het blad', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(workbook);
    wb.getWorksheet('Tariefwijzer beleid')!.name = 'Beleid Oost';
    const renamed = path.join(dir, 'hernoemd.xlsx');
    await wb.xlsx.writeFile(renamed);
    expect((await runCli('annotate', renamed)).err).toContain('Kies een beleid met --policy');
    const r = await runCli('annotate', renamed, '--policy-sheet', 'Beleid Oost', '--json');
    expect(r.code).toBe(3); // percentage_nieuwe_aanbieder not set: one row without a tariff
    expect(JSON.parse(r.out)).toMatchObject({ outcome: 'aandacht', reasons: expect.arrayContaining([expect.stringContaining('Parameter ontbreekt')]) });
    expect(JSON.parse(r.out).results[1]).toMatchObject({ prestatiecode: 'Z1105', percentage: '97.5' });
    const shipped = await runCli('annotate', workbook, '--policy', 'zk-ggz-2025', '--set', 'richttarief=95', '--json', '--sheet', 'Aanbieders GGZ');
    expect(JSON.parse(shipped.out).policy.id).toBe('zk-ggz-2025');
    expect((await runCli('annotate', workbook, '--policy', 'zk-ggz-2025', '--policy-sheet', 'Tariefwijzer beleid')).code).toBe(2);
  });
});

describe('V&V volgend jaar als uitbreiding van een pakket van 2024', () => {
  const rows = [
    ['AGB-code', 'Zorgaanbieder', 'Prestatiecode', 'NZa maximumtarief', 'Nieuwe aanbieder', 'Rol essentiële voorzieningen'],
    ['20000001', 'Thuiszorg Rijnmond', 'V051', 200, 'nee', 'nee'],
    ['20000002', 'Zorgcentrum De Hoven', 'Z061', 244.1, 'nee', 'ja'],
    ['20000003', 'Verpleeghuis Het Baken', 'Z043', 250, 'nee', ''],
    ['20000004', 'Wijkzorg Nieuw BV', 'H126', 62.85, 'ja', ''],
    ['20000004', 'Wijkzorg Nieuw BV', 'Z061', 244.1, 'ja', ''],
    ['20000002', 'Zorgcentrum De Hoven', 'V051', 200, 'nee', 'ja'],
  ];

  test('zk-vv-2025.json breidt zk-vv-2024 uit: nieuw richttarief, gewijzigde percentages, een opslag erbij, een signaal eraf', async () => {
    const pack = path.join(OWN, 'zk-vv-2025.json');
    const check = await runCli('policy', 'check', pack);
    expect(check).toMatchObject({ code: 0, out: expect.stringContaining('breidt uit: zk-vv-2024') });
    const file = await input('vv.xlsx', 'VV 2025', rows);
    // written; the new provider's intramural row gets no tariff by design (exit code 3)
    expect((await runCli('annotate', file, '--policy-file', pack)).code).toBe(3);
    const res = await results(path.join(dir, 'vv-tariefwijzer.xlsx'), 'VV 2025');
    expect(res['20000001 V051']).toMatchObject({ pct: 96.6, tarief: 193.2 }); // 96,1 + 0,5 VPT
    expect(res['20000002 Z061']).toMatchObject({ pct: 96.6, tarief: 235.8 }); // essentiële voorzieningen 96,6
    expect(res['20000003 Z043']).toMatchObject({ pct: 96.1, tarief: 240.25, flags: '' }); // ZZP4-signaal vervallen
    expect(res['20000004 H126']).toMatchObject({ pct: 94, tarief: 59.08 }); // nieuw: 94%
    expect(res['20000004 Z061']).toMatchObject({ pct: null, flags: expect.stringContaining('Nieuwe aanbieder alleen thuis') }); // regel uit 2024
    expect(res['20000002 V051']).toMatchObject({ pct: 97.1, tarief: 194.2 }); // 96,6 + 0,5
  });

  test('zk-vv-2026.yaml breidt het bestand zk-vv-2025.json uit (een keten)', async () => {
    const pack = path.join(OWN, 'zk-vv-2026.yaml');
    expect((await runCli('policy', 'check', pack)).out).toContain('breidt uit: zk-vv-2025.json → zk-vv-2024');
    const file = await input('vv.xlsx', 'VV 2026', rows);
    expect((await runCli('annotate', file, '--policy-file', pack)).code).toBe(3); // as above: one row without a tariff
    const res = await results(path.join(dir, 'vv-tariefwijzer.xlsx'), 'VV 2026');
    expect(res['20000001 V051']).toMatchObject({ pct: 96.8, tarief: 193.6 }); // 96,4 + 0,5 = 96,9 → max VPT 96,8
    expect(res['20000003 Z043']).toMatchObject({ pct: 96.4, tarief: 241 });
    expect(res['20000004 H126']).toMatchObject({ pct: 94 });
  });
});
