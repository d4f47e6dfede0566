/** `policy check` and `--policy-file` on the command line: exit codes and Dutch messages. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { choosePack, UsageError } from '../../src/cli/common';
import { InputError } from '../../src/workbook/errors';
import { runCli } from './run';

const OWN = path.join(__dirname, '../policies/own');
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-policy-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

test('policy check: errors with their place on stderr and exit 1; --json for tools', async () => {
  const file = path.join(dir, 'fout.yaml');
  fs.writeFileSync(file, fs.readFileSync(path.join(OWN, 'noord-gz-2026.yaml'), 'utf8').replace('effect: { cap: 97.5 }', 'effect: { cap: 97.5, floor: 90 }'));
  const r = await runCli('policy', 'check', file);
  expect(r.code).toBe(1);
  expect(r.err).toMatch(
    /^fout\.yaml: 1 fout\n {2}fout\.yaml, regelnummer \d+: regel 11 \(maximum\) › effect: past bij geen van de toegestane vormen \(onbekend of niet te combineren: "cap", "floor"\)$/,
  );
  const json = JSON.parse((await runCli('policy', 'check', file, '--json')).out);
  expect(json).toMatchObject({ valid: false, problems: [{ source: 'fout.yaml', line: expect.any(Number), place: 'regel 11 (maximum) › effect' }] });
  expect(JSON.parse((await runCli('policy', 'check', path.join(OWN, 'zk-vv-2025.json'), '--json')).out)).toMatchObject({
    valid: true,
    id: 'zk-vv-2025',
    extends: ['zk-vv-2024'],
    problems: [],
  });
});

test('policy: wrong use exits 2, a missing file 1', async () => {
  expect((await runCli('policy')).code).toBe(2);
  expect((await runCli('policy', 'toon', 'x.yaml')).err).toContain('Onbekende policy-opdracht "toon"');
  expect((await runCli('policy', 'check')).code).toBe(2);
  expect((await runCli('policy', 'check', 'a.yaml', '--sheet', 'X')).err).toContain('--sheet hoort bij een .xlsx-bestand');
  const missing = await runCli('policy', 'check', path.join(dir, 'weg.yaml'));
  expect(missing).toMatchObject({ code: 1, err: expect.stringContaining('weg.yaml: bestand niet gevonden') });
  expect((await runCli('--help')).out).toContain('policy check BELEID.(yaml|json|xlsx)');
});

test('choosePack takes --policy-file for every pack-using command, with --set', () => {
  const { pack, params } = choosePack({ 'policy-file': path.join(OWN, 'noord-gz-2026.yaml'), set: ['richttarief=96,5'] });
  expect(pack.id).toBe('noord-gz-2026');
  expect(String(params.richttarief)).toBe('96.5');
  expect(() => choosePack({ policy: 'zk-vv-2024', 'policy-file': 'x.yaml' })).toThrow(UsageError);
  expect(() => choosePack({ 'policy-file': 'werkmap.xlsx' })).toThrow(/--policy-file verwacht een JSON- of YAML-bestand/);
  expect(() => choosePack({})).toThrow(/--policy-file BESTAND/);
  const bad = path.join(dir, 'kapot.json');
  fs.writeFileSync(bad, '{ "id": "x" ');
  expect(() => choosePack({ 'policy-file': bad })).toThrow(InputError);
  expect(() => choosePack({ 'policy-file': bad })).toThrow(/kapot\.json, regelnummer 1: geen geldige JSON/);
});
