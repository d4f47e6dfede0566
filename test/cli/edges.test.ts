/**
 * The CLI at its edges: the input is never written over (also not through a link), --json reaches a pipe whole, a
 * template gives a workbook, and hostile input (a folder, prototype names, a YAML alias bomb, huge packs) gets a
 * Dutch message and exit 1 or 2 within seconds, never a stack trace or an out-of-memory abort.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ZipReader, ZipWriter } from '../../src/workbook/xlsx/zip';
import { workbookFrom } from '../workbook/helpers';
import { ENGLISH } from './english';
import { runCli } from './run';

jest.setTimeout(60_000);

const ROOT = path.join(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/tariefwijzer.js');
const POLICY = ['--policy', 'zk-ggz-2025', '--set', 'richttarief=97,3'];
let dir: string;
beforeAll(() => {
  if (!fs.existsSync(path.join(ROOT, 'build/cli/main.js')))
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT });
});
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-edges-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function input(rows = 3): Promise<string> {
  const file = path.join(dir, 'invoer.xlsx');
  const data: unknown[][] = [['AGB-code', 'Prestatiecode', 'NZa maximumtarief']];
  for (let i = 0; i < rows; i++) data.push([String(10000000 + i), i % 2 ? 'Z1105' : 'Z1007', 300 + (i % 50)]);
  await workbookFrom({ Aanbieders: data }).save(file);
  return file;
}

/** Dutch only: none of the words the libraries or Node would write, and no stack trace. */
function dutch(text: string): void {
  expect(text).not.toMatch(ENGLISH);
  expect(text).not.toMatch(/\n\s+at /);
}

describe('the input is never overwritten', () => {
  test.each([
    ['a symbolic link to the input', (file: string, out: string) => fs.symlinkSync(file, out)],
    ['a hard link to the input', (file: string, out: string) => fs.linkSync(file, out)],
    ['the input through a linked folder', (file: string, out: string) => fs.symlinkSync(path.dirname(file), path.dirname(out))],
  ])('--out as %s is refused (exit 2), nothing changes', async (_name, link) => {
    const file = await input();
    const before = fs.readFileSync(file);
    const out = _name.includes('folder') ? path.join(dir, 'map', 'invoer.xlsx') : path.join(dir, 'uit.xlsx');
    link(file, out);
    const listing = fs.readdirSync(dir).sort();
    const r = await runCli('annotate', file, ...POLICY, '--out', out);
    expect(r).toMatchObject({ code: 2, err: expect.stringContaining('Het uitvoerbestand mag niet het invoerbestand zijn') });
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.readdirSync(dir).sort()).toEqual(listing);
  });

  test('assess refuses an output that is one of its inputs through a link', async () => {
    const file = await input();
    fs.symlinkSync(file, path.join(dir, 'uit.xlsx'));
    const r = await runCli('assess', file, '--policy', 'zk-ggz-2025', '--out', path.join(dir, 'uit.xlsx'));
    expect(r).toMatchObject({ code: 2, err: expect.stringContaining('mag geen invoerbestand zijn') });
  });
});

test('a template (.xltx) gives a workbook (.xlsx) whose main part says so, as Excel makes one from it; an output named .xltx is refused', async () => {
  const source = new ZipReader(fs.readFileSync(await input()));
  const chunks: Buffer[] = [];
  const w = new ZipWriter({ write: (b) => chunks.push(b) });
  for (const e of source.entries) {
    if (e.name !== '[Content_Types].xml') w.copy(source, e);
    else w.stored(e.name, Buffer.from(source.text(e.name)!.replace('spreadsheetml.sheet.main+xml', 'spreadsheetml.template.main+xml')));
  }
  await w.checked();
  w.finish();
  const template = path.join(dir, 'sjabloon.xltx');
  fs.writeFileSync(template, Buffer.concat(chunks));
  expect((await runCli('annotate', template, ...POLICY)).code).toBe(3); // written; its rows ask for a check
  const output = path.join(dir, 'sjabloon-tariefwijzer.xlsx');
  const types = new ZipReader(fs.readFileSync(output)).text('[Content_Types].xml')!;
  expect(types).toContain('PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"');
  expect(types).not.toContain('template');
  const refused = await runCli('annotate', template, ...POLICY, '--out', path.join(dir, 'uit.xltx'));
  expect(refused.code).toBe(2);
  expect(refused.err).toMatch(/^Tariefwijzer schrijft een werkmap, geen sjabloon: laat het uitvoerbestand op \.xlsx eindigen\./);
  expect(fs.existsSync(path.join(dir, 'uit.xltx'))).toBe(false);
});

test('--json through a slow pipe is complete (more than 64 KiB) and the exit code is kept', async () => {
  const file = await input(600);
  const out = path.join(dir, 'uit.json');
  // the reader waits a second before reading: the pipe fills up while the CLI is done and wants to exit
  const r = spawnSync(
    'bash',
    ['-o', 'pipefail', '-c', `"${process.execPath}" "${BIN}" annotate "${file}" ${POLICY.join(' ')} --json | (sleep 1; cat > "${out}")`],
    { encoding: 'utf8' },
  );
  // the rows' signals ask for a check: exit code 3 (written, attention), kept through the pipe like the JSON
  expect(r.status).toBe(3);
  const text = fs.readFileSync(out, 'utf8');
  expect(text.length).toBeGreaterThan(64 * 1024);
  const json = JSON.parse(text);
  expect(json.results).toHaveLength(600);
  expect(json.outcome).toBe('aandacht');
});

describe('hostile input: a Dutch message, exit 1 or 2, quickly', () => {
  test('a folder as input', async () => {
    for (const command of [
      ['annotate', dir, ...POLICY],
      ['herschik', dir, '--policy', 'zk-ggz-2025'],
      ['assess', dir, '--policy', 'zk-ggz-2025'],
    ]) {
      const r = await runCli(...command);
      expect(r.code).toBe(1);
      expect(r.err).toContain(`${dir} is een map; geef het .xlsx-bestand zelf.`);
      dutch(r.err);
    }
    const pack = await runCli('policy', 'check', dir);
    expect(pack).toMatchObject({ code: 1, err: expect.stringContaining('dit is een map') });
    const policyFile = await runCli('annotate', await input(), '--policy-file', dir);
    expect(policyFile).toMatchObject({ code: 1, err: expect.stringContaining('dit is een map') });
  });

  test.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])('--set %s=1 is an unknown parameter', async (name) => {
    const r = await runCli('annotate', await input(), ...POLICY, '--set', `${name}=1`);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`parameter ${name}: onbekende parameter`);
    dutch(r.err);
  });

  test('--policy constructor is an unknown policy', async () => {
    const r = await runCli('annotate', await input(), '--policy', 'constructor');
    expect(r).toMatchObject({ code: 2, err: expect.stringContaining('Onbekend beleid "constructor"') });
  });

  test('an unknown option or a missing value is named in Dutch', async () => {
    const file = await input();
    const a = await runCli('annotate', file, ...POLICY, '--uit', 'x.xlsx');
    expect(a).toMatchObject({ code: 2, err: expect.stringMatching(/^Onbekende optie "--uit"\./) });
    const b = await runCli('annotate', file, ...POLICY, '--out');
    expect(b).toMatchObject({ code: 2, err: expect.stringMatching(/^Optie --out verwacht een waarde\./) });
    const c = await runCli('policies', '--json=ja');
    expect(c).toMatchObject({ code: 2, err: expect.stringMatching(/^Optie --json heeft geen waarde/) });
    for (const r of [a, b, c]) dutch(r.err.split('Gebruik:')[0]);
  });

  test("an output folder that does not exist: Node's reason in Dutch", async () => {
    const r = await runCli('annotate', await input(), ...POLICY, '--out', path.join(dir, 'weg', 'uit.xlsx'));
    expect(r).toMatchObject({ code: 1, err: expect.stringContaining('kon niet worden geschreven (bestand of map bestaat niet)') });
    dutch(r.err);
  });

  const BOMB = [
    'a: &a ["x","x","x","x","x","x","x","x","x"]',
    ...'bcdefghi'
      .split('')
      .map(
        (k, i) =>
          `${k}: &${k} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`,
      ),
  ].join('\n');

  test('a YAML alias bomb (billion laughs)', async () => {
    const file = path.join(dir, 'bom.yaml');
    fs.writeFileSync(file, `${BOMB}\nid: bom\n`);
    const t = Date.now();
    for (const r of [await runCli('policy', 'check', file), await runCli('annotate', await input(), '--policy-file', file)]) {
      expect(r.code).toBe(1);
      expect(r.err).toContain('te veel verwijzingen naar een anker (*naam)');
      dutch(r.err);
    }
    expect(Date.now() - t).toBeLessThan(5000);
  });

  test('a pack of 10^6 rules, by aliases or written out', async () => {
    const aliases = path.join(dir, 'regels.yaml');
    fs.writeFileSync(
      aliases,
      `r: &r { id: r, description: r, effect: { set: 1 }, source: { document: d, regels: r } }\nrules: [${Array(300_000).fill('*r').join(',')}]\n`,
    );
    const million = path.join(dir, 'miljoen.yaml');
    fs.writeFileSync(
      million,
      `r: &r { id: r, description: r, effect: { set: 1 }, source: { document: d, regels: r } }\nrules: [${Array(1_000_000).fill('*r').join(',')}]\n`,
    );
    const written = path.join(dir, 'regels.json');
    const rule = '{"id":"r","description":"r","effect":{"set":1},"source":{"document":"d","regels":"r"}}';
    fs.writeFileSync(written, `{"rules":[${Array(1_000_000).fill(rule).join(',')}]}`);
    const counted = path.join(dir, 'veel.json');
    fs.writeFileSync(counted, `{"rules":[${Array(20_000).fill('{}').join(',')}]}`);
    const t = Date.now();
    const a = await runCli('policy', 'check', aliases);
    expect(a).toMatchObject({ code: 1, err: expect.stringContaining('te veel verwijzingen') });
    const b = await runCli('policy', 'check', written);
    expect(b).toMatchObject({ code: 1, err: expect.stringContaining('het bestand is te groot voor een beleidspakket') });
    const m = await runCli('policy', 'check', million);
    expect(m).toMatchObject({ code: 1, err: expect.stringContaining('het bestand is te groot voor een beleidspakket (3 MB, hoogstens 1 MB)') });
    const c = await runCli('policy', 'check', counted);
    expect(c).toMatchObject({ code: 1, err: expect.stringContaining('te veel regels (20000); een beleidspakket heeft er hoogstens 10000') });
    for (const r of [a, b, m, c]) dutch(r.err);
    expect(Date.now() - t).toBeLessThan(10_000);
  });

  test('a pack of 200 MB is refused unread, within a small heap (child process)', () => {
    const file = path.join(dir, 'groot.yaml');
    fs.writeFileSync(file, 'id: groot\n');
    fs.truncateSync(file, 200 * 1024 * 1024); // sparse: costs no disk space
    for (const args of [
      ['policy', 'check', file],
      ['annotate', path.join(dir, 'x.xlsx'), '--policy-file', file],
    ]) {
      const t = Date.now();
      const r = spawnSync(process.execPath, ['--max-old-space-size=64', BIN, ...args], { encoding: 'utf8' });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('het bestand is te groot voor een beleidspakket (210 MB, hoogstens 1 MB)');
      dutch(r.stderr);
      expect(Date.now() - t).toBeLessThan(10_000);
    }
  });

  test('the alias bomb in a child process with a small heap: no out-of-memory abort', () => {
    const file = path.join(dir, 'bom.yaml');
    fs.writeFileSync(file, `${BOMB}\nid: bom\n`);
    const r = spawnSync(process.execPath, ['--max-old-space-size=64', BIN, 'policy', 'check', file], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('te veel verwijzingen');
    dutch(r.stderr);
  });
});
