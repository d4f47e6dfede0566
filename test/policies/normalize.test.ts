/**
 * One reading of condition values for every pack source: a YAML/JSON pack written as the policy documents
 * write it gives the same conditions as the same policy in a sheet, and a value no row can ever have is an error.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { validatePack } from '../../src/domain/policy/load';
import { prestatiecodeValue } from '../../src/domain/policy/codes';
import { CATALOG_ENTRIES, classifyPrestatie } from '../../src/domain/prestaties';
import { loadPack, parsePackText } from '../../src/domain/policy/source';
import { SHIPPED_RESOLVER } from '../../src/policies';
import { readPolicySheet } from '../../src/workbook/policy-sheet';
import { runCli } from '../cli/run';

const HEAD = `id: spelling-test
version: 1.0.0
title: Spelling
zorgkantoor: Test
sector: GZ
inkoopjaar: 2025
description: Test van schrijfwijzen.
sources: [{ document: test.pdf, title: Test }]
parameters:
  richttarief: { type: percentage, label: Richttarief, description: Richttarief., default: 96 }
  afronding: { type: rounding, label: Afronding, description: Afronding., default: rekenkundig }
  regeling: { type: boolean, label: Regeling, description: Regeling aan of uit., default: false }
rules:
  - { id: basis, description: Richttarief, effect: { set: { param: richttarief } }, source: { document: test.pdf, regels: p. 1 } }
`;
const rule = (id: string, when: string) =>
  `  - { id: ${id}, description: ${id}, when: ${when}, effect: { add: 1 }, source: { document: test.pdf, regels: p. 2 } }\n`;

function load(text: string) {
  return loadPack(parsePackText(text, 'beleid.yaml'), SHIPPED_RESOLVER);
}

test('values as the documents write them become the values rows have', () => {
  const r = load(
    HEAD +
      rule('a', '{ field: zorgprofiel, in: ["3ZG Aud", "VG7", "vg 5", "LVG-3"] }') +
      rule('b', '{ field: leveringsvorm, in: [Verblijf, "volledig pakket thuis", mpt] }') +
      rule('c', '{ field: sector, is: "V&V" }') +
      rule('d', '{ field: component, in: [Zorg, nhc] }') +
      rule('e', '{ field: nieuweAanbieder, is: ja }') +
      rule('f', '{ field: "Nieuwe aanbieder", is: Nee }') +
      rule('g', '{ field: behandeling, is: "ja" }') +
      rule('h', '{ param: regeling, is: "ja" }') +
      rule('i', '{ field: prestatiecode, in: [" z 1007 "] }') +
      rule('j', '{ field: tariefpercentageVorigJaar, is: "95,8%" }'),
  );
  expect(r.problems).toEqual([]);
  const when = Object.fromEntries(r.pack!.rules.map((x) => [x.id, x.when]));
  expect(when.a).toEqual({ field: 'zorgprofiel', in: ['3ZGaud', '7VG', '5VG', '3LVG'] });
  expect(when.b).toEqual({ field: 'leveringsvorm', in: ['ZZP', 'VPT', 'MPT'] });
  expect(when.c).toEqual({ field: 'sector', is: 'VV' });
  expect(when.d).toEqual({ field: 'component', in: ['zorg', 'NHC'] });
  expect(when.e).toEqual({ field: 'nieuweAanbieder', is: true });
  expect(when.f).toEqual({ field: 'nieuweAanbieder', is: false });
  expect(when.g).toEqual({ field: 'behandeling', is: true });
  expect(when.h).toEqual({ param: 'regeling', is: true });
  expect(when.i).toEqual({ field: 'prestatiecode', in: ['Z1007'] });
  expect(when.j).toEqual({ field: 'tariefpercentageVorigJaar', is: '95.8' });
});

test('a value no row can have is reported with its line, in Dutch', () => {
  const r = load(
    HEAD +
      rule('a', '{ field: zorgprofiel, in: [5VG, "3ZG Oud"] }') +
      rule('b', '{ field: leveringsvorm, is: thuis }') +
      rule('c', '{ field: sector, is: ouderenzorgen }') +
      rule('d', '{ field: component, is: huisvesting }') +
      rule('e', '{ field: nieuweAanbieder, is: misschien }') +
      rule('f', '{ param: regeling, is: soms }'),
  );
  expect(r.pack).toBeUndefined();
  const lines = r.problems.map((p) => `${p.line} ${p.message}`);
  expect(lines).toEqual([
    expect.stringMatching(/^15 "3ZG Oud" is geen zorgprofiel.*geldt nooit$/),
    expect.stringMatching(/^16 "thuis" is geen leveringsvorm/),
    expect.stringMatching(/^17 "ouderenzorgen" is geen sector/),
    expect.stringMatching(/^18 "huisvesting" is geen component/),
    expect.stringMatching(/^19 "misschien" is geen ja\/nee-waarde/),
    expect.stringMatching(/^20 "soms" is geen ja\/nee-waarde; parameter "regeling"/),
  ]);
});

test('the same policy in a sheet and in YAML gives the same conditions', () => {
  const grid = [
    ['Id', 'spelling-test'],
    ['Versie', '1.0.0'],
    ['Titel', 'Spelling'],
    ['Zorgkantoor', 'Test'],
    ['Sector', 'GZ'],
    ['Inkoopjaar', 2025],
    ['Omschrijving', 'Test van schrijfwijzen.'],
    ['Bron', 'test.pdf', 'Test'],
    [],
    ['Parameter', 'Soort', 'Naam', 'Standaardwaarde'],
    ['richttarief', 'percentage', 'Richttarief', 96],
    [],
    ['Regel', 'Omschrijving', 'Zorgprofiel', 'Leveringsvorm', 'Nieuwe aanbieder', 'Effect', 'Waarde', 'Vindplaats'],
    ['a', 'a', '3ZG Aud, VG7', 'Verblijf', 'ja', 'opslag', 1, 'p. 2'],
    ['basis', 'Richttarief', '', '', '', 'basis', 'richttarief', 'p. 1'],
  ];
  const sheet = loadPack(readPolicySheet(grid, 'Beleid'), SHIPPED_RESOLVER);
  expect(sheet.problems).toEqual([]);
  const yaml = load(
    HEAD +
      rule('a', '{ all: [ { field: zorgprofiel, in: ["3ZG Aud", VG7] }, { field: leveringsvorm, in: [Verblijf] }, { field: Nieuwe aanbieder, is: ja } ] }'),
  );
  expect(yaml.problems).toEqual([]);
  const a = (p: typeof sheet) => p.pack!.rules.find((x) => x.id === 'a')!.when;
  expect(a(yaml)).toEqual(a(sheet));
});

test('shipped packs are unchanged by the normalisation (they are written canonically)', () => {
  for (const id of SHIPPED_RESOLVER.shippedIds()) {
    const pack = SHIPPED_RESOLVER.shipped(id)!;
    const again = validatePack(JSON.parse(JSON.stringify(pack)));
    expect(again.errors).toEqual([]);
    expect(again.pack!.rules).toEqual(pack.rules);
  }
});

test('policy check names a value that can never match, with file and line', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-norm-'));
  try {
    const file = path.join(dir, 'beleid.yaml');
    fs.writeFileSync(file, HEAD + rule('a', '{ field: zorgprofiel, in: ["3ZG Oud"] }'));
    const r = await runCli('policy', 'check', file);
    expect(r.code).toBe(1);
    expect(r.err).toContain('beleid.yaml, regelnummer 15: regel 2 (a) › voorwaarde › in › nr. 1: "3ZG Oud" is geen zorgprofiel');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** The epilepsy toeslagen Z975–Z977 as the prestatie list has them: what a range of them should be written as. */
const EPILEPSY = CATALOG_ENTRIES.filter((e) => /^Z97[5-7]$/.test(e.code)).map((e) => e.code);

describe('prestatiecodes in a condition: a range or an impossible code is an error, with the codes to write', () => {
  test.each(['Z975–Z977', 'Z975-Z977', '"Z975 – Z977"', '"Z975 t/m Z977"', '"z975 tot en met z977"'])('%s', (spelling) => {
    expect(EPILEPSY).toHaveLength(3);
    const r = load(HEAD + rule('epilepsie', `{ field: prestatiecode, in: [${spelling}] }`));
    expect(r.pack).toBeUndefined();
    expect(r.problems.map((p) => `${p.line} ${p.message}`)).toEqual([
      `15 "${spelling.replace(/"/g, '')}" is een reeks van prestatiecodes, geen code (een reeks wordt niet ondersteund; noem elke code apart: ${EPILEPSY.join(', ')}); geen rij kan deze waarde hebben, dus deze voorwaarde geldt nooit`,
    ]);
  });

  test('codes no row can have: another letter, two codes in one value, a number, an error value, a Greek letter', () => {
    const r = load(
      HEAD +
        rule('a', '{ field: prestatiecode, in: [Q975] }') +
        rule('b', '{ field: prestatiecode, is: Z975Z976 }') +
        rule('c', '{ field: prestatiecode, in: ["Z975, Z976"] }') +
        rule('d', '{ not: { field: prestatiecode, in: [1007] } }') +
        rule('e', '{ field: prestatiecode, in: ["#N/B"] }') +
        rule('f', '{ field: prestatiecode, in: ["\u0396975"] }'),
    );
    expect(r.problems.map((p) => `${p.line} ${p.message.replace(/; geen rij kan deze waarde hebben, dus deze voorwaarde geldt nooit$/, '')}`)).toEqual([
      '15 "Q975" is geen prestatiecode: geen prestatiecode begint met Q',
      '16 "Z975Z976" is geen prestatiecode maar 2 codes in één waarde (noem elke code apart: Z975, Z976)',
      '17 "Z975, Z976" is geen prestatiecode maar 2 codes in één waarde (noem elke code apart: Z975, Z976)',
      '18 "1007" is geen prestatiecode: een Wlz-prestatiecode is een letter (of twee, drie) en twee tot vier cijfers, zoals Z043 of H126',
      '19 "#N/B" is geen prestatiecode',
      '20 "\u0396975" is geen prestatiecode: het teken "\u0396" (U+0396) is een Griekse of Cyrillische letter',
    ]);
  });

  test('a range in a policy sheet is reported at its cell', () => {
    const grid = [
      ['Id', 'blad'],
      ['Versie', '1.0.0'],
      ['Titel', 'Blad'],
      ['Zorgkantoor', 'Test'],
      ['Sector', 'GZ'],
      ['Inkoopjaar', 2025],
      ['Omschrijving', 'Reeks.'],
      ['Bron', 'test.pdf', 'Test'],
      [],
      ['Parameter', 'Soort', 'Naam', 'Standaardwaarde'],
      ['richttarief', 'percentage', 'Richttarief', 96],
      [],
      ['Regel', 'Omschrijving', 'Prestatiecode', 'Effect', 'Waarde', 'Vindplaats'],
      ['epilepsie', 'Epilepsie 100%', 'Z975 – Z977', 'vast', 100, 'p. 2'],
      ['basis', 'Richttarief', '', 'basis', 'richttarief', 'p. 1'],
    ];
    const sheet = readPolicySheet(grid, 'Beleid');
    expect(sheet.problems.map((p) => `${p.cell}: ${p.message}`)).toEqual([
      `C14: "Z975 – Z977" is een reeks van prestatiecodes, geen code (een reeks wordt niet ondersteund; noem elke code apart: ${EPILEPSY.join(', ')})`,
    ]);
  });

  test("the same rules as a row's code cell: a value policy check accepts is a code some row has, and only those", () => {
    const values = [
      'Z975',
      ' z 975 ',
      'Z\u00a0975',
      'Z999',
      'K.1.1',
      'Z975–Z977',
      'Z975-Z977',
      'Z975 – Z977',
      'Q975',
      'Z975Z976',
      'Z 975 Z 976',
      '1007',
      1007,
      '#N/B',
      '\u0396975',
      '',
    ];
    for (const v of values) {
      const checked = prestatiecodeValue(v);
      // a row can have a code when it has a prestatie with some columns (a code not in the list needs a leveringsvorm)
      const row = classifyPrestatie({ code: v, leveringsvorm: 'ZZP' }).prestatie;
      expect({ v, accepted: checked.ok, code: checked.ok ? checked.value : undefined }).toEqual({ v, accepted: row !== undefined, code: row?.code });
    }
  });
});
