/** Own packs from text: errors with file and line, extends (merge, placement, cycles, unknown bases). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatProblem, loadPack, parsePackText, type PackResolver } from '../../src/domain/policy/source';
import { FILE_RESOLVER, loadPackFile } from '../../src/cli/pack-files';
import { SHIPPED_RESOLVER } from '../../src/policies';

const messages = (r: { problems: Parameters<typeof formatProblem>[0][] }) => r.problems.map(formatProblem);
const fromText = (text: string, name: string, resolver: PackResolver = SHIPPED_RESOLVER) => loadPack(parsePackText(text, name), resolver);

const YAML_PACK = `id: mijn-beleid
version: 1.0.0
title: Mijn beleid
zorgkantoor: Test
sector: VV
inkoopjaar: 2026
description: test
sources:
  - { document: 003_c92d2202cbc5400d.txt, title: x }
parameters:
  richttarief: { type: percentage, label: R, description: r, default: 96 }
  afronding: { type: rounding, label: A, description: a, default: rekenkundig }
rules:
  - id: basis
    description: basis
    effect: { set: { param: richttarief } }
    source: { document: 003_c92d2202cbc5400d.txt, regels: p. 1 }
`;

describe('YAML', () => {
  test('a valid pack loads', () => {
    const r = fromText(YAML_PACK, 'beleid.yaml');
    expect(r.problems).toEqual([]);
    expect(r.pack?.id).toBe('mijn-beleid');
  });

  test('schema errors name the file, the line and the place, in Dutch', () => {
    const text =
      YAML_PACK.replace('sector: VV', 'sector: VVT') +
      `  - id: opslag
    description: opslag
    wanneer: { field: zorgprofiel, is: 5VV }
    effect: { add: twee }
    source: { document: 003_c92d2202cbc5400d.txt, regels: p. 2 }
`;
    expect(messages(fromText(text, 'beleid.yaml'))).toEqual([
      'beleid.yaml, regelnummer 5: sector: waarde moet een van deze zijn: "VV", "GZ", "GGZ", "alle"',
      'beleid.yaml, regelnummer 20: regel 2 (opslag): onbekend onderdeel "wanneer"',
      'beleid.yaml, regelnummer 21: regel 2 (opslag) › effect › add: verwacht een getal (bijv. 95.5 of "95,5"), een parameter ({ param: naam }) of een kolom van de rij ({ field: naam })',
    ]);
  });

  test('references between parts point at the line that names them', () => {
    const text = YAML_PACK.replace('effect: { set: { param: richttarief } }', 'effect: { set: { param: richtarief } }');
    expect(messages(fromText(text, 'beleid.yaml'))).toEqual([
      'beleid.yaml, regelnummer 16: regel 1 (basis) › effect › set: verwijst naar onbekende parameter "richtarief"',
    ]);
  });

  test('YAML syntax errors give the line', () => {
    const r = fromText('id: x\nrules:\n  - id: a\n   description: b\n', 'kapot.yaml');
    expect(r.pack).toBeUndefined();
    expect(r.problems[0]).toMatchObject({ source: 'kapot.yaml', line: 4 });
    expect(formatProblem(r.problems[0])).toMatch(/^kapot\.yaml, regelnummer 4: geen geldige YAML: de inspringing klopt niet/);
  });
});

describe('JSON', () => {
  const json = JSON.stringify(JSON.parse(JSON.stringify(require('yaml').parse(YAML_PACK))), null, 2);

  test('schema and semantic errors give the line in the JSON file', () => {
    const bad = json
      .replace('"inkoopjaar": 2026', '"inkoopjaar": "2026"')
      .replace('"id": "basis"', '"id": "basis",\n      "when": { "field": "bestaatNiet", "is": true }');
    const lines = bad.split('\n');
    const line = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;
    expect(messages(fromText(bad, 'beleid.json'))).toEqual([`beleid.json, regelnummer ${line('"inkoopjaar"')}: inkoopjaar: verwacht een geheel getal`]);
    const semantic = json.replace('"id": "basis"', '"id": "basis",\n      "when": { "field": "bestaatNiet", "is": true }');
    const sl = semantic.split('\n');
    expect(messages(fromText(semantic, 'beleid.json'))).toEqual(
      expect.arrayContaining([
        `beleid.json, regelnummer ${sl.findIndex((l) => l.includes('bestaatNiet')) + 1}: regel 1 (basis) › voorwaarde › field: verwijst naar onbekend veld "bestaatNiet"`,
      ]),
    );
  });

  test('a byte order mark (Windows editors) is no error', () => {
    expect(fromText('\uFEFF' + json, 'beleid.json').problems).toEqual([]);
  });

  test('JSON is read strictly: a trailing comma is an error on its line', () => {
    const bad = json.replace('"version": "1.0.0",', '"version": "1.0.0",,');
    const r = fromText(bad, 'beleid.json');
    expect(r.problems).toHaveLength(1);
    expect(formatProblem(r.problems[0])).toMatch(/^beleid\.json, regelnummer 3: geen geldige JSON: /);
  });
});

describe('extends', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-ext-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    fs.writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  };

  test('changed defaults, a new rule before the fallback, a replaced rule and a removed one', () => {
    const r = fromText(
      `extends: zk-vv-2024
id: zk-vv-2025
version: 1.0.0
inkoopjaar: 2025
parameters:
  richttarief: { default: 96.1 }
rules:
  - id: vast-vpt
    description: VPT 97%
    when: { field: leveringsvorm, is: VPT }
    effect: { set: 97 }
    source: { document: 003_c92d2202cbc5400d.txt, regels: p. 1 }
  - id: nhc-nic
    description: NHC/NIC 99%
    when: { field: component, in: [NHC, NIC] }
    effect: { set: 99, final: true }
    source: { document: 003_c92d2202cbc5400d.txt, regels: p. 2 }
  - id: signaal-eerst
    description: eerst
    before: nhc-nic
    effect: { flag: { code: EERST, severity: info, message: eerst } }
    source: { document: 003_c92d2202cbc5400d.txt, regels: p. 3 }
removeRules: [zzp4-verblijf-signaal]
`,
      'zk-vv-2025.yaml',
    );
    expect(r.problems).toEqual([]);
    const pack = r.pack!;
    expect(pack.inkoopjaar).toBe(2025);
    expect(pack.parameters.richttarief).toMatchObject({ default: 96.1, type: 'percentage', label: 'Richttariefpercentage V&V 2024' });
    const ids = pack.rules.map((x) => x.id);
    expect(ids[0]).toBe('signaal-eerst');
    expect(ids[1]).toBe('nhc-nic');
    expect(pack.rules[1].effect).toEqual({ set: 99, final: true });
    expect(ids).not.toContain('zzp4-verblijf-signaal');
    expect(ids.indexOf('vast-vpt')).toBe(ids.indexOf('richttarief') - 1);
    expect(pack.sources).toHaveLength(1);
    expect(r.bases).toEqual(['zk-vv-2024']);
  });

  test('an error in an added rule points at the extending file; a bad rule id at its line', () => {
    const text = `extends: zk-vv-2024
id: zk-vv-2025
version: 1.0.0
rules:
  - id: opslag
    description: opslag
    effect: { add: { param: bestaatNiet } }
    source: { document: 003_c92d2202cbc5400d.txt, regels: p. 1 }
removeRules: [bestaat-niet]
`;
    expect(messages(fromText(text, 'uitbreiding.yaml'))).toEqual([
      expect.stringMatching(/^uitbreiding\.yaml, regelnummer 9: removeRules › nr\. 1: regel "bestaat-niet" bestaat niet in zk-vv-2024/),
    ]);
    expect(messages(fromText(text.replace('removeRules: [bestaat-niet]\n', ''), 'uitbreiding.yaml'))).toEqual([
      'uitbreiding.yaml, regelnummer 7: regel 1 (opslag) › effect › add: verwijst naar onbekende parameter "bestaatNiet"',
    ]);
  });

  test('an extension needs its own id and version', () => {
    expect(messages(fromText('extends: zk-vv-2024\nid: zk-vv-2024\n', 'x.yaml'))).toEqual([
      'x.yaml, regelnummer 2: id: het id moet anders zijn dan dat van de basis ("zk-vv-2024"), zodat in de werkmap te zien is welk beleid is toegepast',
      expect.stringContaining('eigen "version" nodig'),
    ]);
  });

  test('an unknown base and a cycle are Dutch errors at the extends line', () => {
    expect(messages(fromText('id: x\nversion: 1.0.0\nextends: zk-vv-2099\n', 'x.yaml'))).toEqual([
      expect.stringMatching(/^x\.yaml, regelnummer 3: extends: onbekend beleid "zk-vv-2099"\. Meegeleverd zijn: zk-vv-2017, /),
    ]);
    write('a.yaml', 'extends: b.yaml\nid: a\nversion: 1.0.0\n');
    write('b.json', '{ "extends": "c.yaml", "id": "b", "version": "1.0.0" }');
    write('c.yaml', 'id: c\nversion: 1.0.0\nextends: a.yaml\n');
    expect(messages(loadPackFile(path.join(dir, 'a.yaml')))).toEqual(['a.yaml, regelnummer 1: extends: bestand "b.yaml" niet gevonden (gezocht naast a.yaml)']);
    fs.renameSync(path.join(dir, 'b.json'), path.join(dir, 'b.yaml'));
    expect(messages(loadPackFile(path.join(dir, 'a.yaml')))).toEqual(['c.yaml, regelnummer 3: extends: vormt een kring: a.yaml → b.yaml → c.yaml → a.yaml']);
    write('zelf.yaml', 'extends: ./zelf.yaml\nid: z\nversion: 1.0.0\n');
    expect(messages(loadPackFile(path.join(dir, 'zelf.yaml')))).toEqual(['zelf.yaml, regelnummer 1: extends: vormt een kring: zelf.yaml → zelf.yaml']);
  });

  test('an error in a base file is reported in that file', () => {
    write('basis.yaml', YAML_PACK.replace('default: 96 }', 'default: hoog }'));
    write('volgend.yaml', 'extends: basis.yaml\nid: volgend\nversion: 1.0.0\n');
    expect(messages(loadPackFile(path.join(dir, 'volgend.yaml')))).toEqual([
      'basis.yaml, regelnummer 11: parameters › richttarief › default: standaardwaarde: "hoog" is geen getal',
    ]);
  });

  test('a parameter changed in the extension is reported there, one kept from the base in the base', () => {
    write('basis.yaml', YAML_PACK);
    write('volgend.yaml', 'extends: basis.yaml\nid: volgend\nversion: 1.0.0\nparameters:\n  richttarief:\n    default: "96,x"\n');
    expect(messages(loadPackFile(path.join(dir, 'volgend.yaml')))).toEqual([
      'volgend.yaml, regelnummer 6: parameters › richttarief › default: standaardwaarde: "96,x" is geen getal',
    ]);
  });

  test('without a file reader (the task pane) only shipped packs can be extended', () => {
    expect(messages(fromText('extends: vorig.yaml\nid: x\nversion: 1.0.0\n', 'x.yaml'))).toEqual([
      expect.stringContaining('hier kan een beleid alleen een meegeleverd beleid uitbreiden'),
    ]);
    expect(FILE_RESOLVER.readSource).toBeDefined();
  });
});
