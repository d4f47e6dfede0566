/**
 * A run killed while writing (kill -9) leaves a temporary file a person recognises, beside the output; the next run
 * for the same output removes it, and nothing else: not a user's file of a similar name, not the file of a run that
 * is still going, not the leftover of another output.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { ZipReader, ZipWriter } from '../../src/workbook/xlsx/zip';
import { workbookFrom } from '../workbook/helpers';
import { runCli } from './run';

jest.setTimeout(120_000);

const ROOT = path.join(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/tariefwijzer.js');
const POLICY = ['--policy', 'zk-ggz-2025', '--set', 'richttarief=97,3'];
const TMP = / \(bezig met schrijven door Tariefwijzer, proces (\d+)\)\.tmp$/;
let dir: string;
beforeAll(() => {
  if (!fs.existsSync(path.join(ROOT, 'build/cli/main.js')))
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-interrupted-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/**
 * A small workbook with large parts that are only copied: each is checked (inflated and thrown away) while the output
 * is written, which keeps the temporary file there long enough to kill the run in the middle of it.
 */
async function slowToWrite(file: string): Promise<void> {
  const data: unknown[][] = [['AGB-code', 'Prestatiecode', 'NZa maximumtarief']];
  for (let i = 0; i < 20; i++) data.push([String(10000000 + i), i % 2 ? 'Z1105' : 'Z1007', 300 + i]);
  const small = path.join(dir, 'klein.xlsx');
  await workbookFrom({ Aanbieders: data }).save(small);
  const source = new ZipReader(fs.readFileSync(small));
  fs.rmSync(small);
  const big = Buffer.alloc(90 * 1024 * 1024, '<r>regel</r>');
  const packed = zlib.deflateRawSync(big, { level: 1 });
  const crc = zlib.crc32(big) >>> 0;
  const chunks: Buffer[] = [];
  const w = new ZipWriter({ write: (b) => chunks.push(b) });
  for (const e of source.entries) w.copy(source, e);
  for (let i = 1; i <= 6; i++) {
    (w as unknown as { add: (...args: unknown[]) => void }).add(
      { name: `customXml/groot${i}.xml`, method: 8, flags: 0, time: 0, date: 33, crc, size: big.length, versionMadeBy: 20, externalAttributes: 0 },
      [packed],
      packed.length,
    );
  }
  await w.checked();
  w.finish();
  fs.writeFileSync(file, Buffer.concat(chunks));
}

/** Runs annotate as a child process and kills it (SIGKILL) as soon as its temporary file appears. */
async function killWhileWriting(input: string): Promise<{ killed: boolean; pid: number }> {
  const child = spawn(process.execPath, [BIN, 'annotate', input, ...POLICY], { stdio: 'ignore' });
  let killed = false;
  const watcher = fs.watch(dir, (_event, name) => {
    if (!killed && name && TMP.test(name) && name.includes(`proces ${child.pid})`) && fs.existsSync(path.join(dir, name))) {
      killed = child.kill('SIGKILL');
    }
  });
  await new Promise((resolve) => child.on('exit', resolve));
  watcher.close();
  return { killed, pid: child.pid! };
}

test('kill -9 while writing: a visible, recognisable leftover; the next run removes it and touches nothing else', async () => {
  const input = path.join(dir, 'invoer.xlsx');
  await slowToWrite(input);
  const output = path.join(dir, 'invoer-tariefwijzer.xlsx');

  const { killed, pid } = await killWhileWriting(input);
  expect(killed).toBe(true);
  const leftover = `invoer-tariefwijzer.xlsx (bezig met schrijven door Tariefwijzer, proces ${pid}).tmp`;
  expect(fs.readdirSync(dir).sort()).toEqual(['invoer.xlsx', leftover].sort());
  expect(fs.existsSync(output)).toBe(false);

  // files that are not this output's leftovers of a finished process: a user's own, a running process's (the test
  // runner's parent is alive), another output's, and a name that only looks like ours
  const others: Record<string, string> = {
    'invoer-tariefwijzer.xlsx (kopie).tmp': 'van de gebruiker',
    [`invoer-tariefwijzer.xlsx (bezig met schrijven door Tariefwijzer, proces ${process.ppid}).tmp`]: 'een run die nog loopt',
    [`ander-tariefwijzer.xlsx (bezig met schrijven door Tariefwijzer, proces ${pid}).tmp`]: 'van een andere uitvoer',
    'invoer-tariefwijzer.xlsx (bezig met schrijven door Tariefwijzer, proces 12x).tmp': 'lijkt erop',
  };
  for (const [name, text] of Object.entries(others)) fs.writeFileSync(path.join(dir, name), text);

  const r = await runCli('annotate', input, ...POLICY, '--json');
  expect(r.code).toBe(3); // written; codes without a zorgprofiel column ask for a check
  expect(fs.readdirSync(dir).sort()).toEqual(['invoer-tariefwijzer.xlsx', 'invoer.xlsx', ...Object.keys(others)].sort());
  for (const [name, text] of Object.entries(others)) expect(fs.readFileSync(path.join(dir, name), 'utf8')).toBe(text);
  expect(new ZipReader(fs.readFileSync(output)).get('customXml/groot6.xml')).toBeDefined();
});
