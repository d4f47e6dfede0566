/** `tariefwijzer assess` end to end on the example aanvraagformulieren: exit codes, written cells, JSON. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { runCli } from './run';

jest.setTimeout(60_000);
const SCRIPT = path.join(__dirname, '../../scripts/make-aanvraag-examples.js');
const FORMS = ['aanvraag-volledig.xlsx', 'aanvraag-onvolledig.xlsx', 'aanvraag-inconsistent.xlsx', 'aanvraag-beide.xlsx'];
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-assess-cli-'));
  execFileSync(process.execPath, [SCRIPT, dir]);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const forms = () => FORMS.map((f) => path.join(dir, f));

test('assess writes one workbook with a row per form, the three columns and the summary sheet; inputs untouched', async () => {
  const before = forms().map((f) => fs.readFileSync(f));
  const r = await runCli('assess', ...forms(), '--policy', 'zk-ggz-2025');
  // aanvraag-beide waits for the assessor's judgement: written, but not plain success
  expect(r.code).toBe(3);
  expect(r.out).toContain('Aanvragen: 4');
  expect(r.out).toContain('- 45678123 GGZ Het Anker (voorbeeld) [aanvraag-beide.xlsx, bladen Aanvraagformulier en Beoordeling zorgkantoor]');
  expect(r.out).toContain('    AANDACHT: herberekening: te beoordelen; hardheidsclausule: te beoordelen');
  expect(r.out.match(/AANDACHT/g)).toHaveLength(1);
  expect(r.out).toContain('Aandacht nodig bij 1 van 4 aanvragen: handmatig controleren of beoordelen (uitgangscode 3).');
  forms().forEach((f, i) => expect(fs.readFileSync(f).equals(before[i])).toBe(true));

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(dir, 'beoordelingen-tariefwijzer.xlsx'));
  const ws = wb.getWorksheet('Aanvragen')!;
  expect(ws.getCell('K1').value).toBe('Tariefwijzer herberekening');
  expect(ws.getCell('L1').value).toBe('Tariefwijzer hardheidsclausule');
  expect(ws.getCell('M1').value).toBe('Tariefwijzer termijn');
  expect(ws.getCell('B1').value).toBe('Blad');
  expect(ws.getCell('B2').value).toBe('Aanvraagformulier, Beoordeling zorgkantoor');
  expect(ws.getCell('C2').value).toBe('12345678');
  expect(String(ws.getCell('K2').value)).toMatch(/^Tarief aanpassen: 92% → 96,6%/);
  expect(String(ws.getCell('L2').value)).toBe('Niet aangevraagd: geen beroep.');
  expect(String(ws.getCell('M2').value)).toMatch(
    /^Uiterlijk 25-9-2024 \(bekendmaking 5-9-2024 \+ 20 kalenderdagen\); herberekening ontvangen 20-9-2024: tijdig; terugkoppeling uiterlijk 25-10-2024; kort geding tot 8-11-2024\./,
  );
  expect(String(ws.getCell('K3').value)).toMatch(
    /^Niet in behandeling: onvolledig \(ontbreekt: Bestuursverklaring, Wlz-opbrengsten, Totale kosten Wlz, Resultaat Wlz-exploitatie\) \(Zilveren Kruis, Inkoopbeleid GGZ 2024–2026, §6\.9\.5\)/,
  );
  expect(String(ws.getCell('K4').value)).toContain('te laat ontvangen');
  expect(String(ws.getCell('M4').value)).toContain('herberekening ontvangen 27-9-2024: te laat');
  expect(ws.getCell('E5').value).toBe('beide');
  expect(String(ws.getCell('K5').value)).toMatch(/^Te beoordelen/);
  expect(String(ws.getCell('L5').value)).toMatch(/^Te beoordelen: open: perspectief voor de langere termijn/);

  const summary = wb.getWorksheet('Tariefwijzer beoordelingen')!;
  const texts: string[] = [];
  summary.eachRow((row) => row.eachCell((c) => texts.push(String(c.value))));
  expect(texts).toContain('zk-ggz-2025');
  expect(texts.some((t) => t.includes('Zilveren Kruis, Inkoopbeleid GGZ 2024–2026, §6.9.5'))).toBe(true);
  expect(texts).toContain('Geen, onjuiste of onvolledige informatie aangeleverd: we nemen uw aanvraag niet in behandeling');
});

test('assess --json and --set: a later publication moves the deadline', async () => {
  const out = path.join(dir, 'uit.xlsx');
  const r = await runCli(
    'assess',
    path.join(dir, 'aanvraag-inconsistent.xlsx'),
    '--policy',
    'zk-ggz-2025',
    '--set',
    'publicatiedatum_richttarief=10-9-2024',
    '--out',
    out,
    '--json',
  );
  expect(r.code).toBe(0);
  const json = JSON.parse(r.out);
  expect(json.output).toBe(out);
  expect(json.providers[0].termijn).toMatchObject({ status: 'tijdig', uiterste: '2024-09-30' });
  expect(json.providers[0].herberekening.status).toBe('niet-in-behandeling');
  expect(json.providers[0].findings.map((f: { code: string }) => f.code)).toContain('SOM_KOSTEN_KLOPT_NIET');
  expect(fs.existsSync(out)).toBe(true);
});

test('exit codes: usage 2, input problems 1, nothing written', async () => {
  expect((await runCli('assess', '--policy', 'zk-ggz-2025')).code).toBe(2);
  expect((await runCli('assess', forms()[0])).code).toBe(2);
  expect((await runCli('assess', forms()[0], '--policy', 'bestaat-niet')).code).toBe(2);
  const noProcedure = await runCli('assess', forms()[0], '--policy', 'zk-vv-2024', '--out', path.join(dir, 'x.xlsx'));
  expect(noProcedure.code).toBe(1);
  expect(noProcedure.err).toContain('geen herberekening of hardheidsclausule');
  const badSet = await runCli('assess', forms()[0], '--policy', 'zk-ggz-2025', '--set', 'onbekend=1', '--out', path.join(dir, 'x.xlsx'));
  expect(badSet.code).toBe(1);
  expect((await runCli('assess', path.join(dir, 'bestaat-niet.xlsx'), '--policy', 'zk-ggz-2025', '--out', path.join(dir, 'x.xlsx'))).code).toBe(1);
  expect((await runCli('assess', forms()[0], '--policy', 'zk-ggz-2025', '--out', forms()[0])).code).toBe(2);
  expect(fs.existsSync(path.join(dir, 'x.xlsx'))).toBe(false);
});

test('landelijk-2022: only the hardheidsclausule; a herberekening request is reported as not in the policy', async () => {
  const r = await runCli('assess', path.join(dir, 'aanvraag-volledig.xlsx'), '--policy', 'landelijk-2022', '--out', path.join(dir, 'l.xlsx'), '--json');
  expect(r.code).toBe(0);
  const p = JSON.parse(r.out).providers[0];
  expect(p.herberekening.status).toBe('niet-in-beleid');
  expect(p.termijn.status).toBe('geen-termijn');
});

describe('which sheet is the form', () => {
  const json = async (file: string) => {
    const r = await runCli('assess', path.join(dir, file), '--policy', 'zk-ggz-2025', '--out', path.join(dir, `uit-${file}`), '--json');
    return { code: r.code, err: r.err, json: JSON.parse(r.out || '{}') };
  };

  test('a declaration sheet in front of the form: the form is read, its sheets named; exit 0, nothing to act on', async () => {
    const r = await runCli('assess', path.join(dir, 'aanvraag-met-declaraties.xlsx'), '--policy', 'zk-ggz-2025', '--out', path.join(dir, 'decl.xlsx'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('- 12345678 GGZ De Linde (voorbeeld) [aanvraag-met-declaraties.xlsx, bladen Aanvraagformulier en Beoordeling zorgkantoor]');
    expect(r.out).toMatch(/herberekening: Tarief aanpassen: 92% → 96,6%/);
    expect(r.out).not.toContain('AANDACHT');
    expect(r.out).toContain('Geen openstaande punten: elke aanvraag heeft een uitkomst.');
    const { json: j } = await json('aanvraag-met-declaraties.xlsx');
    expect(j.aandacht).toBe(0);
    expect(j.providers[0]).toMatchObject({ bladen: ['Aanvraagformulier', 'Beoordeling zorgkantoor'], identiteit: { zeker: true, redenen: [] }, aandacht: [] });
    expect(j.providers[0].findings.map((f: { code: string }) => f.code)).not.toEqual(expect.arrayContaining(['LABEL_DUBBEL']));
  });

  test('two forms in one file: two providers, each with its sheets, in the JSON and in the overview sheet', async () => {
    const { code, json: j } = await json('aanvraag-twee-formulieren.xlsx');
    expect(code).toBe(0);
    expect(j.providers.map((p: { agb: string; bladen: string[]; herberekening: { status: string } }) => [p.agb, p.bladen, p.herberekening.status])).toEqual([
      ['12345678', ['Aanvraag De Linde', 'Beoordeling De Linde'], 'aanpassen'],
      ['23456781', ['Aanvraag Het Veld', 'Beoordeling Het Veld'], 'niet-in-behandeling'],
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, 'uit-aanvraag-twee-formulieren.xlsx'));
    const ws = wb.getWorksheet('Aanvragen')!;
    expect([2, 3].map((r) => [ws.getCell(r, 1).value, ws.getCell(r, 2).value, ws.getCell(r, 3).value])).toEqual([
      ['aanvraag-twee-formulieren.xlsx', 'Aanvraag De Linde, Beoordeling De Linde', '12345678'],
      ['aanvraag-twee-formulieren.xlsx', 'Aanvraag Het Veld, Beoordeling Het Veld', '23456781'],
    ]);
  });

  test('an unreadable AGB-code: not a positive outcome, AANDACHT in the summary, exit 3', async () => {
    const r = await runCli('assess', path.join(dir, 'aanvraag-agb-onleesbaar.xlsx'), '--policy', 'zk-ggz-2025', '--out', path.join(dir, 'agb.xlsx'));
    expect(r.code).toBe(3);
    expect(r.out).toContain(
      '    herberekening: Identiteit onzeker — handmatig controleren: AGB-code "1234567" heeft niet 8 cijfers. Inhoudelijk: Tarief aanpassen',
    );
    expect(r.out).toContain('    AANDACHT: identiteit onzeker (AGB-code "1234567" heeft niet 8 cijfers)');
    expect(r.out).toContain('Aandacht nodig bij 1 van 1 aanvraag');
    const { code, json: j } = await json('aanvraag-agb-onleesbaar.xlsx');
    expect(code).toBe(3);
    expect(j.aandacht).toBe(1);
    expect(j.providers[0].herberekening).toMatchObject({ status: 'identiteit-onzeker', inhoudelijk: 'aanpassen', voorgesteldPercentage: '96.6' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, 'agb.xlsx'));
    expect(String(wb.getWorksheet('Aanvragen')!.getCell('K2').value)).toMatch(/^Identiteit onzeker — handmatig controleren/);
  });

  test('no sheet looks like a form: exit 1 with what was looked for, per sheet; nothing written', async () => {
    const file = path.join(dir, 'alleen-declaraties.xlsx');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Declaraties 2025').addRows([
      ['AGB-code', 'Naam zorgaanbieder', 'Prestatiecode', 'Aantal'],
      ['12345678', 'GGZ De Linde', 'Z1103', 10],
    ]);
    await wb.xlsx.writeFile(file);
    const out = path.join(dir, 'niets.xlsx');
    const r = await runCli('assess', file, '--policy', 'zk-ggz-2025', '--out', out);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      'Fout: alleen-declaraties.xlsx: geen aanvraagformulier en geen aanbiederslijst gevonden. Gezocht naar een blad met minstens 3 labels',
    );
    expect(r.err).toContain('Per blad: Declaraties 2025: kopregel van een tabel in rij 1; geen labels van het formulier.');
    expect(fs.existsSync(out)).toBe(false);
  });
});
