/** `tariefwijzer vergelijk` on the command line: exit codes, --json shape (amounts as strings), --out (issue 25). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { EXIT } from '../../src/cli/exit-codes';
import { CHANGES_SHEET } from '../../src/workbook/jobs/change-sheet';
import { runCli } from './run';

const EXAMPLE = path.resolve('examples/ggz-2025-zilveren-kruis.xlsx');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-vergelijk-'));
const file = (name: string) => path.join(dir, name);
jest.setTimeout(60_000);

beforeAll(async () => {
  for (const [name, richttarief] of [
    ['oud.xlsx', '97,3'],
    ['nieuw.xlsx', '96'],
  ]) {
    const run = await runCli('annotate', EXAMPLE, '--policy', 'zk-ggz-2025', '--set', `richttarief=${richttarief}`, '--out', file(name));
    expect(run.err).not.toMatch(/Fout/);
  }
});

test('changed rows: exit 3 and the JSON the issue gives, amounts as strings', async () => {
  const run = await runCli('vergelijk', file('oud.xlsx'), file('nieuw.xlsx'), '--json');
  expect(run.code).toBe(EXIT.aandacht);
  const json = JSON.parse(run.out) as { aantal: number; overInkoopjaren: unknown; wijzigingen: Array<Record<string, unknown>> };
  expect(json.overInkoopjaren).toBeNull();
  expect(json.aantal).toBe(json.wijzigingen.length);
  expect(json.wijzigingen.length).toBeGreaterThan(0);
  for (const w of json.wijzigingen) {
    expect(Object.keys(w)).toEqual(['agb', 'zorgaanbieder', 'prestatiecode', 'inkoopjaar', 'oud', 'nieuw', 'oorzaken']);
    const [oud, nieuw] = [w.oud, w.nieuw] as Array<{ percentage: string; tarief: string }>;
    expect(typeof oud.tarief).toBe('string');
    expect(typeof nieuw.percentage).toBe('string');
    expect(w.oorzaken).toEqual([{ soort: 'parameter', tekst: expect.stringMatching(/gewijzigd: 97,3 → 96$/) }]);
  }
  // the text a person reads names the same rows, with amounts written the Dutch way
  const text = await runCli('vergelijk', file('oud.xlsx'), file('nieuw.xlsx'));
  const [first] = json.wijzigingen as Array<{ agb: string; prestatiecode: string; oud: { tarief: string }; nieuw: { tarief: string } }>;
  const euro = (t: string) => `€ ${t.replace('.', ',')}${/\.\d$/.test(t) ? '0' : /\./.test(t) ? '' : ',00'}`;
  expect(text.out).toContain(`  ${first.agb} ${first.prestatiecode} 2025: ${euro(first.oud.tarief)} → ${euro(first.nieuw.tarief)} (`);
  expect(text.out).not.toMatch(/\d\.\d+ → /);
});

test('no changes: exit 0; --out writes a copy of NIEUW with the change sheet; usage and input errors', async () => {
  const same = await runCli('vergelijk', file('oud.xlsx'), file('oud.xlsx'), '--out', file('uit.xlsx'));
  expect(same.code).toBe(EXIT.klaar);
  expect(same.out).toMatch(/0 gewijzigde rijen/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file('uit.xlsx'));
  expect(wb.getWorksheet(CHANGES_SHEET)).toBeDefined();
  expect((await runCli('vergelijk', file('oud.xlsx'))).code).toBe(EXIT.gebruik);
  const plain = await runCli('vergelijk', EXAMPLE, file('oud.xlsx'));
  expect(plain.code).toBe(EXIT.invoer);
  expect(plain.err).toMatch(/geen blad met de kolommen van Tariefwijzer/);
});

test('annotate on its own output says how many rows changed since the previous run', async () => {
  const run = await runCli('annotate', file('oud.xlsx'), '--policy', 'zk-ggz-2025', '--set', 'richttarief=96', '--out', file('opnieuw.xlsx'));
  const json = JSON.parse((await runCli('vergelijk', file('oud.xlsx'), file('nieuw.xlsx'), '--json')).out) as { aantal: number };
  expect(run.out).toContain(`Sinds de vorige berekening: ${json.aantal} gewijzigde rijen (blad "${CHANGES_SHEET}")`);
});
