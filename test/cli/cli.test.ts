import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { workbookFrom } from '../workbook/helpers';
import { runCli } from './run';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-cli-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function inputFile(): Promise<string> {
  const wb = workbookFrom({
    DSW: [
      ['AGB-code', 'Zorgaanbieder', 'Prestatiecode', 'NZa maximumtarief', 'Tariefpercentage 2023', 'Monitoruitkomst', 'Nieuwe aanbieder'],
      ['01234567', 'Zorg Noord', 'Z061', '€ 200,00', '96,9%', '+1', 'nee'],
      ['01234568', 'Zorg Zuid', 'V051', 180, 0.95, 0, ''],
      ['01234569', 'Nieuw Thuis', 'H126', '70,00', null, null, 'ja'],
    ],
  });
  const file = path.join(dir, 'invoer.xlsx');
  await wb.save(file);
  return file;
}

test('policies lists every pack with its parameters', async () => {
  const r = await runCli('policies');
  expect(r.code).toBe(0);
  expect(r.out).toContain('zk-ggz-2025');
  expect(r.out).toContain('richttarief = (geen; zelf invullen)');
  const json = JSON.parse((await runCli('policies', '--json')).out);
  expect(json).toHaveLength(11);
  expect(json.find((p: { id: string }) => p.id === 'dsw-vv-2024').parameters.richttarief.default).toBe(95.5);
});

test('annotate writes a new file next to the input and a Dutch summary; the input is untouched', async () => {
  const input = await inputFile();
  const before = fs.readFileSync(input);
  const r = await runCli('annotate', input, '--policy', 'dsw-vv-2024');
  expect(r.code).toBe(0);
  expect(r.out).toContain('Rijen: 3; tarieven berekend: 3');
  expect(r.err).toContain('Berekenen: 3 rijen');
  expect(fs.readFileSync(input).equals(before)).toBe(true);
  const output = path.join(dir, 'invoer-tariefwijzer.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(output);
  const ws = wb.getWorksheet('DSW')!;
  // DSW: 96,9 + 1 = 97,9 → maximum 97,5; × € 200 = € 195,00 (domain notes §B.5 Ex 6)
  expect(ws.getCell('I2').value).toBe(195);
  expect(ws.getCell('I4').value).toBe(63.7); // new provider 91% × € 70
  expect(wb.getWorksheet('Tariefwijzer')!.getCell('B3').value).toBe('dsw-vv-2024');
  expect(fs.readdirSync(dir).sort()).toEqual(['invoer-tariefwijzer.xlsx', 'invoer.xlsx']);
});

test('--json and --set with a comma; --out', async () => {
  const input = await inputFile();
  const out = path.join(dir, 'uit.xlsx');
  const r = await runCli('annotate', input, '--policy', 'dsw-vv-2024', '--set', 'percentage_nieuwe_aanbieder=90,5', '--out', out, '--json');
  expect(r.code).toBe(0);
  expect(r.err).toBe('');
  const json = JSON.parse(r.out);
  expect(json.rows).toBe(3);
  expect(json.results[2].percentage).toBe('90.5');
  expect(json.results[0].flags.map((f: { code: string }) => f.code)).toContain('BEGRENSD');
  expect(fs.existsSync(out)).toBe(true);
});

test('usage errors exit 2, input problems exit 1, both in Dutch', async () => {
  const input = await inputFile();
  expect((await runCli()).code).toBe(2);
  expect((await runCli('maak')).err).toContain('Onbekende opdracht "maak"');
  expect((await runCli('annotate', input)).err).toContain('Kies een beleid met --policy');
  expect((await runCli('annotate', input, '--policy', 'onbekend')).code).toBe(2);
  expect((await runCli('annotate', input, '--policy', 'dsw-vv-2024', '--out', input)).err).toContain('mag niet het invoerbestand zijn');
  expect((await runCli('annotate', input, '--policy', 'dsw-vv-2024', '--set', 'richttarief')).code).toBe(2);
  const badSet = await runCli('annotate', input, '--policy', 'dsw-vv-2024', '--set', 'richttarief=hoog');
  expect(badSet).toMatchObject({ code: 1, err: expect.stringContaining('"hoog" is geen getal') });
  expect((await runCli('annotate', path.join(dir, 'weg.xlsx'), '--policy', 'dsw-vv-2024')).err).toContain('Bestand niet gevonden');
  const corrupt = path.join(dir, 'kapot.xlsx');
  fs.writeFileSync(corrupt, 'dit is geen zip');
  const c = await runCli('annotate', corrupt, '--policy', 'dsw-vv-2024');
  expect(c.code).toBe(1);
  expect(c.err).toContain('geen leesbaar .xlsx-bestand');
  expect(fs.readdirSync(dir).sort()).toEqual(['invoer.xlsx', 'kapot.xlsx']);
});

test('a parameter without a value (--set richttarief=) is refused in every command that takes one, before anything is read', async () => {
  const input = await inputFile();
  const runs: Array<[string, string[]]> = [
    ['--set', ['annotate', input, '--policy', 'zk-ggz-2025', '--set', 'richttarief=']],
    ['--set', ['annotate', input, '--set', 'richttarief= ']], // the pack from a policy sheet: refused before the workbook is opened
    ['--set', ['annotate', input, '--policy-file', path.join(__dirname, '../policies/own/zk-ggz-2024-2026.yaml'), '--set', 'richttarief@2026=']],
    ['--set', ['herschik', input, '--policy', 'zk-ggz-2025', '--set', 'richttarief=97,3', '--set', 'richttarief_vv=']],
    ['--vergelijk-set', ['herschik', input, '--policy', 'zk-ggz-2025', '--set', 'richttarief=97,3', '--vergelijk-set', 'richttarief=']],
    ['--set', ['assess', input, '--policy', 'zk-ggz-2025', '--set', 'peildatum=']],
  ];
  for (const [option, args] of runs) {
    const r = await runCli(...args);
    const name = args[args.length - 1].split('=')[0];
    expect({ args, code: r.code }).toEqual({ args, code: 2 });
    expect(r.err).toContain(
      `${option} ${name}= heeft geen waarde. Schrijf de waarde direct na het =-teken, zonder spatie (bijv. ${option} richttarief=97,3), of laat ${option} ${name} weg om de waarde uit het beleid te gebruiken.`,
    );
    expect(r.err).not.toContain('Lezen:');
  }
  expect(fs.readdirSync(dir)).toEqual(['invoer.xlsx']);
});

// `npm test` builds the CLI before jest runs.
test('the built bin runs', () => {
  const bin = path.join(__dirname, '../../bin/tariefwijzer.js');
  const out = execFileSync('node', [bin, 'policies'], { encoding: 'utf8' });
  expect(out).toContain('landelijk-2022');
});

/** The DSW sheet above with extra rows (AGB, name, code, maximumtarief). */
async function withRows(rows: unknown[][], only = false): Promise<string> {
  const header = ['AGB-code', 'Zorgaanbieder', 'Prestatiecode', 'NZa maximumtarief', 'Tariefpercentage 2023', 'Monitoruitkomst', 'Nieuwe aanbieder'];
  const base = [
    ['01234567', 'Zorg Noord', 'Z061', '€ 200,00', '96,9%', '+1', 'nee'],
    ['01234568', 'Zorg Zuid', 'V051', 180, 0.95, 0, ''],
  ];
  const file = path.join(dir, 'rijen.xlsx');
  await workbookFrom({ DSW: [header, ...(only ? [] : base), ...rows] }).save(file);
  return file;
}

test('annotate exit codes follow the outcome: 0 when every row is priced without a point to check, with its first line', async () => {
  const r = await runCli('annotate', await inputFile(), '--policy', 'dsw-vv-2024');
  expect(r.code).toBe(0);
  expect(r.out.split('\n')[0]).toBe('Uitkomst: Alle 3 rijen hebben een tarief.');
  const json = JSON.parse((await runCli('annotate', await inputFile(), '--policy', 'dsw-vv-2024', '--json')).out);
  expect(json).toMatchObject({ outcome: 'goed', reasons: [] });
});

test('annotate exits 3 when rows lack a tariff: written, "Let op" first with the reasons, and the same in --json', async () => {
  const input = await withRows([
    ['01234570', 'Zorg Oost', 'Q999', 200, null, null, 'nee'],
    ['01234571', 'Zorg West', 'V051', null, null, null, 'nee'],
  ]);
  const r = await runCli('annotate', input, '--policy', 'dsw-vv-2024');
  expect(r.code).toBe(3);
  const [first, ...rest] = r.out.split('\n');
  expect(first).toBe('Let op: 2 rijen zonder tarief, 2 tarieven berekend.');
  const why = rest.find((l) => l.startsWith('  - Geen tarief: ')) ?? '';
  expect(why).toMatch(/Geen geldige prestatiecode \(1 rij\)/);
  expect(why).toMatch(/Maximumtarief ontbreekt \(1 rij\)/);
  expect(r.out).toContain('Geschreven: ');
  expect(fs.existsSync(path.join(dir, 'rijen-tariefwijzer.xlsx'))).toBe(true);
  const json = JSON.parse((await runCli('annotate', input, '--policy', 'dsw-vv-2024', '--json', '--out', path.join(dir, 'uit.xlsx'))).out);
  expect(json.outcome).toBe('aandacht');
  expect(json.reasons).toEqual([why.slice('  - '.length)]);
});

test('annotate exits 1 and writes nothing when no row gets a tariff, or when the richttarief is missing (before any row is read)', async () => {
  const input = await withRows(
    [
      ['01234570', 'Zorg Oost', 'Q999', 200, null, null, 'nee'],
      ['01234571', 'Zorg West', 'V051', null, null, null, 'nee'],
    ],
    true,
  );
  const nothing = await runCli('annotate', input, '--policy', 'dsw-vv-2024');
  expect(nothing.code).toBe(1);
  expect(nothing.err).toMatch(/^Fout: Geen tarief berekend voor 2 rijen\. Geen tarief: .*Geen geldige prestatiecode \(1 rij\).* Er is niets geschreven\.$/m);
  expect(nothing.out).toBe('');
  expect(fs.readdirSync(dir)).toEqual(['rijen.xlsx']);

  const missing = await runCli('annotate', await inputFile(), '--policy', 'zk-ggz-2025');
  expect(missing.code).toBe(1);
  expect(missing.err).toContain('"Zilveren Kruis tariefpercentage zorg GGZ 2025" is niet ingevuld');
  expect(missing.err).toContain('Geef het met --set richttarief=');
  expect(missing.err).not.toContain('Lezen:'); // refused before the workbook is read
  expect(fs.readdirSync(dir).sort()).toEqual(['invoer.xlsx', 'rijen.xlsx']);
});
