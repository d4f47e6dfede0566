/** tariefwijzer bijlagen (issue 24): on a held-out-style workbook and the examples, against annotate's own numbers. */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeAllOrNothing } from '../../src/cli/bijlagen-files';
import { ZipReader } from '../../src/workbook/xlsx/zip';
import { col, FOUT_CODE, ROWS, SLASH_NAME, writeBijlagenWorkbook } from '../fixtures/bijlagen-workbook';
import { runCli } from './run';

jest.setTimeout(120_000);

const POLICY = ['--policy', 'zk-ggz-2025', '--set', 'richttarief=96', '--set', 'richttarief_vv=95,5'];
const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

interface BijlagenJson {
  files: Array<{
    file: string;
    agb: string;
    naam: string;
    zorgkantoor: string;
    prestaties: Array<{ rij: number; prestatiecode: string; tarief: string | null }>;
    nietOpgenomen: Array<{ rij: number; prestatiecode: string | null; reden: string }>;
  }>;
  notes: string[];
  zonderAgb: Array<{ rij: number }>;
}
interface AnnotateJson {
  results: Array<{ ref: string; tarief: string | null; flags: Array<{ severity: string }> }>;
}

let dir: string;
let input: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-bijlagen-'));
  input = path.join(dir, 'aanbieders.xlsx');
  await writeBijlagenWorkbook(input);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function bijlagen(file: string, out: string, ...extra: string[]) {
  const run = await runCli('bijlagen', file, ...POLICY, '--out', out, '--datum', '2025-10-25', '--json', ...extra);
  return { ...run, json: run.out ? (JSON.parse(run.out) as BijlagenJson) : undefined };
}

/** Annotate's tariff per sheet row (1-based), from its JSON. */
async function annotateTariffs(file: string, extra: string[] = POLICY): Promise<Map<number, { tarief: string | null; fout: boolean }>> {
  const run = await runCli('annotate', file, ...extra, '--out', path.join(fs.mkdtempSync(path.join(dir, 'a-')), 'uit.xlsx'), '--json');
  expect([0, 3]).toContain(run.code);
  const json = JSON.parse(run.out) as AnnotateJson;
  return new Map(
    json.results.map((r) => [Number(r.ref.slice(r.ref.lastIndexOf('!') + 1)), { tarief: r.tarief, fout: r.flags.some((f) => f.severity === 'fout') }]),
  );
}

/** Every priced row of annotate is in exactly one bijlage at the same tariff; every other row is listed as not included. */
function expectSameNumbers(json: BijlagenJson, annotate: Map<number, { tarief: string | null; fout: boolean }>): void {
  const seen = new Map<number, string | null>();
  for (const f of json.files) {
    for (const p of f.prestaties) seen.set(p.rij, p.tarief);
    for (const n of f.nietOpgenomen) seen.set(n.rij, 'niet opgenomen');
  }
  for (const u of json.zonderAgb) seen.set(u.rij, 'zonder AGB');
  expect(seen.size).toBe(annotate.size);
  for (const [row, a] of annotate) {
    if (a.tarief !== null && !a.fout) expect([row, seen.get(row)]).toEqual([row, a.tarief]);
    else expect([row, seen.get(row)]).not.toEqual([row, a.tarief]);
  }
}

describe('the held-out-style workbook', () => {
  let out: string;
  let json: BijlagenJson;
  let inputHash: string;
  beforeAll(async () => {
    inputHash = sha(input);
    out = path.join(dir, 'uit');
    const run = await bijlagen(input, out);
    expect(run.err).toBe('');
    // the fout row asks for action
    expect(run.code).toBe(3);
    json = run.json!;
  });

  test('one file per provider and zorgkantoor, plus the overview', () => {
    const keys = new Set(ROWS.map((r) => `${r[col('AGB-code')]}|${r[col('Zorgkantoor')]}`));
    expect(json.files.map((f) => `${f.agb}|${f.zorgkantoor}`).sort()).toEqual([...keys].sort());
    expect(fs.readdirSync(out).sort()).toEqual([...json.files.map((f) => f.file), 'overzicht.xlsx'].sort());
    // two zorgkantoren in the data: the region is in the file name
    for (const f of json.files) expect(f.file).toContain(f.zorgkantoor);
  });

  test('a name with a slash gets a safe file name, and the run says so', () => {
    const f = json.files.find((x) => x.naam === SLASH_NAME)!;
    expect(f.file).not.toMatch(/[/\\:*?"<>|]/);
    expect(f.file.startsWith(f.agb)).toBe(true);
    expect(json.notes.join('\n')).toContain(f.file);
  });

  test('tariffs equal annotate to the cent; the fout row is listed and not priced', async () => {
    expectSameNumbers(json, await annotateTariffs(input));
    const foutRow = ROWS.findIndex((r) => r[col('Prestatiecode')] === FOUT_CODE) + 2;
    const holder = json.files.find((f) => f.nietOpgenomen.some((n) => n.rij === foutRow))!;
    expect(holder.prestaties.map((p) => p.rij)).not.toContain(foutRow);
    expect(holder.nietOpgenomen.find((n) => n.rij === foutRow)!.reden).toMatch(/\w/);
  });

  test('the input is unchanged, and a second run gives the same bytes', async () => {
    expect(sha(input)).toBe(inputHash);
    const again = path.join(dir, 'opnieuw');
    await bijlagen(input, again);
    for (const name of fs.readdirSync(out)) expect([name, sha(path.join(again, name))]).toEqual([name, sha(path.join(out, name))]);
  });

  test('a folder that already holds these files is refused and left as it was', async () => {
    const before = fs.readdirSync(out).map((n) => sha(path.join(out, n)));
    const run = await bijlagen(input, out);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/overschrijft geen bestaande bestanden/);
    expect(fs.readdirSync(out).map((n) => sha(path.join(out, n)))).toEqual(before);
  });

  test('--agb makes the bijlagen of that provider only', async () => {
    const agb = '74120005';
    const run = await bijlagen(input, path.join(dir, 'een'), '--agb', agb);
    expect(run.json!.files.map((f) => f.agb)).toEqual(ROWS.filter((r) => r[0] === agb).map(() => agb));
    expect((await bijlagen(input, path.join(dir, 'geen'), '--agb', '99999999')).code).toBe(1);
  });

  test('a provider of one year and one region gets the same bijlage alone (--agb, the pane) as among all', async () => {
    // 74120004: 2025 and Utrecht only, in a sheet of two inkoopjaren and two regions
    const agb = '74120004';
    expect(new Set(ROWS.filter((r) => r[0] === agb).map((r) => `${r[col('Inkoopjaar')]} ${r[col('Zorgkantoor')]}`)).size).toBe(1);
    const alone = path.join(dir, 'alleen');
    const run = await bijlagen(input, alone, '--agb', agb);
    const [file] = run.json!.files;
    expect(json.files.find((f) => f.agb === agb)!.file).toBe(file.file);
    expect(sha(path.join(alone, file.file))).toBe(sha(path.join(out, file.file)));
  });
});

describe('bad input', () => {
  test('a row without AGB-code is in no bijlage, but in the overview and the message', async () => {
    const file = path.join(dir, 'zonder-agb.xlsx');
    const rows = ROWS.map((r) => [...r]);
    rows[1][0] = '';
    await writeBijlagenWorkbook(file, rows);
    const run = await bijlagen(file, path.join(dir, 'zonder-agb'));
    expect(run.code).toBe(3);
    expect(run.json!.zonderAgb.map((u) => u.rij)).toEqual([3]);
    expect(run.json!.files.flatMap((f) => f.prestaties.map((p) => p.rij))).not.toContain(3);
  });

  test('one AGB-code with two names: that provider gets no bijlage, the others do; the run asks for attention and the overview says why', async () => {
    const file = path.join(dir, 'twee-namen.xlsx');
    const rows = ROWS.map((r) => [...r]);
    rows[1][1] = 'Kompas Wonen';
    await writeBijlagenWorkbook(file, rows);
    const agb = ROWS[0][0];
    const out = path.join(dir, 'twee-namen');
    const run = await bijlagen(file, out);
    expect(run.code).toBe(3);
    const json = run.json as BijlagenJson & { nietGemaakt: Array<{ agb: string; reden: string; rijen: number[] }> };
    const others = new Set(ROWS.filter((r) => r[0] !== agb).map((r) => `${r[0]}|${r[col('Zorgkantoor')]}`));
    expect(json.files.map((f) => `${f.agb}|${f.zorgkantoor}`).sort()).toEqual([...others].sort());
    expect(json.nietGemaakt.map((x) => x.agb)).toEqual([agb]);
    expect(json.nietGemaakt[0].reden).toContain('"Kompas Wonen"');
    expect(json.nietGemaakt[0].reden).toContain(`"${ROWS[0][1]}"`);
    expect(json.nietGemaakt[0].rijen).toEqual(ROWS.flatMap((r, i) => (r[0] === agb ? [i + 2] : [])));
    const overview = new ZipReader(fs.readFileSync(path.join(out, 'overzicht.xlsx'))).text('xl/worksheets/sheet1.xml')!;
    expect(overview).toContain('Zorgaanbieders zonder bijlage');
    expect(overview).toContain('Kompas Wonen');
    // asked for that provider only: nothing to make, nothing written
    const alone = path.join(dir, 'twee-namen-alleen');
    const one = await bijlagen(file, alone, '--agb', agb);
    expect(one.code).toBe(1);
    expect(one.err).toContain('"Kompas Wonen"');
    expect(fs.existsSync(alone)).toBe(false);
  });

  test('a full disk: nothing half written, the folder as it was', () => {
    const out = path.join(dir, 'vol');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'eigen.txt'), 'van de gebruiker');
    let writes = 0;
    const full = {
      writeFileSync(file: string, data: Buffer) {
        if (++writes === 3) throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
        fs.writeFileSync(file, data);
      },
      renameSync: fs.renameSync,
    };
    const files = ['a.xlsx', 'b.xlsx', 'c.xlsx'].map((name) => ({ name, bytes: Buffer.from(name) }));
    expect(() => writeAllOrNothing(out, files, full)).toThrow(/de schijf is vol/);
    expect(fs.readdirSync(out)).toEqual(['eigen.txt']);
  });

  test('a date that is not one is a usage error', async () => {
    const run = await runCli('bijlagen', input, ...POLICY, '--out', path.join(dir, 'x'), '--datum', '2025-02-30');
    expect(run.code).toBe(2);
    expect(run.err).toContain('JJJJ-MM-DD');
  });
});

describe('other programs open the files', () => {
  let out: string;
  let json: BijlagenJson;
  beforeAll(async () => {
    out = path.join(dir, 'programmas');
    json = (await bijlagen(input, out)).json!;
  });

  test('openpyxl: print setup, frozen table header, formats, and the tariffs as numbers', () => {
    const script = `
import json, sys, openpyxl
out = {}
for f in sys.argv[1:]:
    ws = openpyxl.load_workbook(f).active
    header = int(ws.print_title_rows.split(':')[0].strip('$'))
    names = [c.value for c in ws[header]]
    t = names.index('Tarief') + 1 if 'Tarief' in names else None
    rows = []
    if t:
        for r in range(header + 1, ws.max_row + 1):
            c = ws.cell(r, t)
            if isinstance(c.value, (int, float)): rows.append([ws.cell(r, 1).value, c.value, c.number_format])
    out[f.split('/')[-1]] = dict(freeze=ws.freeze_panes, header=header, paper=ws.page_setup.paperSize, fit=ws.page_setup.fitToWidth,
        fitPage=ws.sheet_properties.pageSetUpPr.fitToPage, grid=ws.sheet_view.showGridLines, footer=ws.oddFooter.right.text, rows=rows)
print(json.dumps(out))`;
    const files = fs.readdirSync(out).map((n) => path.join(out, n));
    const read = JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, ...files], { encoding: 'utf8' }));
    for (const f of json.files) {
      const got = read[f.file];
      expect(got).toMatchObject({ freeze: `A${got.header + 1}`, paper: 9, fit: 1, fitPage: true, grid: false, footer: 'Pagina &P van &N' });
      expect(got.rows).toEqual(f.prestaties.map((p) => [p.prestatiecode, Number(p.tarief), '"€" #,##0.00']));
    }
    expect(read['overzicht.xlsx'].freeze).toBe(`A${read['overzicht.xlsx'].header + 1}`);
  });

  test('LibreOffice converts every file; the bijlage holds its codes and the overview every file name', () => {
    const csv = path.join(dir, 'csv');
    const files = fs.readdirSync(out).map((n) => path.join(out, n));
    execFileSync('soffice', [`-env:UserInstallation=file://${path.join(dir, 'profiel')}`, '--headless', '--convert-to', 'csv', '--outdir', csv, ...files], {
      stdio: 'pipe',
      env: { ...process.env, HOME: dir },
    });
    for (const f of json.files) {
      const text = fs.readFileSync(path.join(csv, f.file.replace(/\.xlsx$/, '.csv')), 'utf8');
      expect(text).toContain(f.agb);
      for (const p of f.prestaties) expect(text).toContain(p.prestatiecode);
      for (const n of f.nietOpgenomen) expect(text.slice(text.indexOf('Niet opgenomen'))).toContain(n.prestatiecode!);
    }
    const overview = fs.readFileSync(path.join(csv, 'overzicht.csv'), 'utf8');
    for (const f of json.files) expect(overview).toContain(f.file);
  });
});

describe('the examples: the same tariffs as annotate', () => {
  const examples: Array<[string, string[]]> = [
    ['ggz-2025-zilveren-kruis.xlsx', POLICY],
    ['gz-2017-inkoopkader.xlsx', ['--policy', 'zn-gz-2017', '--set', 'richttarief=96', '--set', 'percentage_nhc_nic=100']],
    ['vv-2024-zorgkantoren.xlsx', ['--policy', 'vgz-vv-2024', '--sheet', 'VGZ', '--set', 'opslag_regionale_tafels=0,5', '--set', 'opslag_mpt=1']],
  ];
  test.each(examples)('%s', async (name, args) => {
    const file = path.join(__dirname, '../../examples', name);
    const run = await runCli('bijlagen', file, ...args, '--out', path.join(dir, `vb-${name}`), '--datum', '2025-10-25', '--json');
    expect([0, 3]).toContain(run.code);
    const json = JSON.parse(run.out) as BijlagenJson;
    expect(json.files.length).toBeGreaterThan(1);
    expectSameNumbers(json, await annotateTariffs(file, args));
  });
});
