/**
 * `policy check` says what is wrong in the words of someone writing YAML: indentation, a decimal comma, a source
 * document that is not listed, broken JSON. Dutch only, with file and line; never the library's English.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { loadPackFile } from '../../src/cli/pack-files';
import { formatProblem } from '../../src/domain/policy/source';
import { ENGLISH } from './english';
import { runCli } from './run';

const OWN = path.join(__dirname, '../policies/own');
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-msg-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const GOOD = fs.readFileSync(path.join(OWN, 'noord-gz-2026.yaml'), 'utf8');
const lineOf = (text: string, fragment: string) => text.split('\n').findIndex((l) => l.includes(fragment)) + 1;

async function check(name: string, text: string) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  const r = await runCli('policy', 'check', file);
  expect(r.code).toBe(1);
  expect(r.err).not.toMatch(ENGLISH);
  return r.err;
}

describe('wrong indentation is reported as such, on the line that is off', () => {
  test('one key of a block indented one space less', async () => {
    const text = GOOD.replace('    label: Richttarief GZ 2026', '   label: Richttarief GZ 2026');
    const err = await check('a.yaml', text);
    expect(err).toContain(`a.yaml, regelnummer ${lineOf(text, '   label: Richttarief GZ 2026')}: geen geldige YAML: de inspringing klopt niet`);
  });

  test('a key indented further than the one above, which has a value', async () => {
    const text = GOOD.replace('    description: Het richttarief GZ 2026', '      description: Het richttarief GZ 2026');
    const err = await check('b.yaml', text);
    expect(err).toContain(
      `b.yaml, regelnummer ${lineOf(text, '      description: Het richttarief GZ 2026')}: geen geldige YAML: de inspringing klopt niet: deze regel springt verder in`,
    );
  });

  test('a tab as indentation', async () => {
    const err = await check('c.yaml', GOOD.replace('    label: Richttarief GZ 2026', '\tlabel: Richttarief GZ 2026'));
    expect(err).toMatch(/c\.yaml, regelnummer \d+: geen geldige YAML: de inspringing klopt niet: tabs zijn niet toegestaan/);
  });

  test('a condition under "when:" not indented: named as indentation, with the rule', async () => {
    const text = GOOD.replace('    when: { field: component, in: [NHC, NIC] }', '    when:\n    field: component\n    in: [NHC, NIC]');
    const err = await check('d.yaml', text);
    expect(err).toContain('regel 1 (nhc-nic): onbekend onderdeel "field"; de inspringing klopt waarschijnlijk niet: "field" hoort onder "when"');
    expect(err).toContain(`d.yaml, regelnummer ${lineOf(text, '    field: component')}`);
  });
});

test('an unquoted 95,8 inside braces: quote it or use a point', async () => {
  const text = GOOD.replace('effect: { set: "95,8" }', 'effect: { set: 95,8 }');
  expect(text).not.toBe(GOOD);
  const err = await check('komma.yaml', text);
  expect(err).toContain(
    `komma.yaml, regelnummer ${lineOf(text, 'set: 95,8')}: geen geldige YAML: 95,8 tussen accolades of haken leest YAML als twee waarden (95 en 8); zet het getal tussen aanhalingstekens ("95,8") of schrijf het met een punt (95.8)`,
  );
});

test('years in a list are not mistaken for a decimal comma', async () => {
  const file = path.join(dir, 'lijst.yaml');
  fs.writeFileSync(file, GOOD.replace('when: { field: component, in: [NHC, NIC] }', 'when: { field: aantalWlzClienten, in: [2024,2025] }'));
  expect((await runCli('policy', 'check', file)).code).toBe(0);
});

test('a range or an impossible prestatiecode in a condition: each reported with file and line, ranges with the codes to write', async () => {
  const spellings = ['Z975–Z977', 'Z975-Z977', '"Z975 – Z977"', 'Q975', 'Z975Z976'];
  const rules = spellings.map(
    (v, i) =>
      `\n  - id: epilepsie-${i + 1}\n    description: Epilepsiezorg 100%\n    when: { field: prestatiecode, in: [${v}] }\n    effect: { set: 100, final: true }\n    source: { document: noord-inkoopbeleid-gz-2026.pdf, regels: "p. 16" }\n`,
  );
  const text = GOOD.replace('\nrules:\n', `\nrules:\n${rules.join('')}`);
  expect(text).not.toBe(GOOD);
  const err = await check('reeks.yaml', text);
  expect(err).toContain(`reeks.yaml: ${spellings.length} fouten`);
  const reported = err
    .split('\n')
    .filter((l) => l.startsWith('  reeks.yaml'))
    .map((l) => l.trim());
  const line = (v: string) => lineOf(text, `in: [${v}]`);
  const range = 'is een reeks van prestatiecodes, geen code (een reeks wordt niet ondersteund; noem elke code apart: Z975, Z976, Z977)';
  const never = 'geen rij kan deze waarde hebben, dus deze voorwaarde geldt nooit';
  expect(reported).toEqual([
    `reeks.yaml, regelnummer ${line('Z975–Z977')}: regel 1 (epilepsie-1) › voorwaarde › in › nr. 1: "Z975–Z977" ${range}; ${never}`,
    `reeks.yaml, regelnummer ${line('Z975-Z977')}: regel 2 (epilepsie-2) › voorwaarde › in › nr. 1: "Z975-Z977" ${range}; ${never}`,
    `reeks.yaml, regelnummer ${line('"Z975 – Z977"')}: regel 3 (epilepsie-3) › voorwaarde › in › nr. 1: "Z975 – Z977" ${range}; ${never}`,
    `reeks.yaml, regelnummer ${line('Q975')}: regel 4 (epilepsie-4) › voorwaarde › in › nr. 1: "Q975" is geen prestatiecode: geen prestatiecode begint met Q; ${never}`,
    `reeks.yaml, regelnummer ${line('Z975Z976')}: regel 5 (epilepsie-5) › voorwaarde › in › nr. 1: "Z975Z976" is geen prestatiecode maar 2 codes in één waarde (noem elke code apart: Z975, Z976); ${never}`,
  ]);
  // written as the message says, the pack is accepted
  const fixed = path.join(dir, 'codes.yaml');
  fs.writeFileSync(fixed, GOOD.replace('\nrules:\n', `\nrules:\n${rules[0].replace('[Z975–Z977]', '[Z975, Z976, Z977]')}`));
  expect((await runCli('policy', 'check', fixed)).code).toBe(0);
});

test('a source.document that is not in sources is reported', async () => {
  const text = GOOD.replace(
    'source: { document: noord-inkoopbeleid-gz-2026.pdf, paragraaf: "§3.5"',
    'source: { document: noord-beleid-2026.pdf, paragraaf: "§3.5"',
  );
  expect(text).not.toBe(GOOD);
  const err = await check('bron.yaml', text);
  expect(err).toContain(
    `bron.yaml, regelnummer ${lineOf(text, 'noord-beleid-2026.pdf')}: regel 1 (nhc-nic) › bron › document: brondocument "noord-beleid-2026.pdf" staat niet onder "sources"`,
  );
});

test.each([
  ['trailing comma', '{"id": "x",}', 'hier verwacht JSON een naam tussen dubbele aanhalingstekens'],
  ['missing comma', '{"id": "x"\n "version": "1.0.0"}', 'hier ontbreekt een komma of een sluitend haakje'],
  ['cut off', '{"id": "x",\n"rules": [', 'het bestand houdt op voordat alle haakjes gesloten zijn'],
])('broken JSON (%s): Dutch, with the line', async (_name, text, message) => {
  const err = await check('kapot.json', text);
  expect(err).toMatch(new RegExp(`kapot\\.json, regelnummer \\d+: geen geldige JSON: ${message}`));
});

test('no English in any message for 150 damaged variants of a pack (a character removed, doubled or replaced)', () => {
  const edits = [
    (t: string, i: number) => t.slice(0, i) + t.slice(i + 1),
    (t: string, i: number) => t.slice(0, i) + t[i] + t.slice(i),
    (t: string, i: number) => t.slice(0, i) + ':' + t.slice(i + 1),
    (t: string, i: number) => t.slice(0, i) + '\t' + t.slice(i),
  ];
  let reported = 0;
  for (let n = 0; n < 150; n++) {
    const i = Math.floor((n * 7919) % GOOD.length);
    const file = path.join(dir, `v${n}.${n % 5 === 0 ? 'json' : 'yaml'}`);
    fs.writeFileSync(file, n % 5 === 0 ? edits[n % 4](JSON.stringify(parseYaml(GOOD), null, 2), i % 2000) : edits[n % 4](GOOD, i));
    const r = loadPackFile(file);
    for (const p of r.problems) {
      reported++;
      expect({ n, text: formatProblem(p) }).toEqual({ n, text: expect.not.stringMatching(ENGLISH) });
    }
  }
  expect(reported).toBeGreaterThan(30);
});
