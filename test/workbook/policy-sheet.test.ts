/** A policy pack in a workbook sheet: reading the three parts, conditions in cells, errors with sheet and cell. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main';
import type { CellValue } from '../../src/domain/parse';
import { formatProblem, loadPack } from '../../src/domain/policy/source';
import { SHIPPED_RESOLVER } from '../../src/policies';
import { isPolicySheet, readPolicySheet } from '../../src/workbook/policy-sheet';
import { workbookFrom } from './helpers';

const HEAD: CellValue[][] = [
  ['Tariefwijzer beleid'],
  ['Id', 'proef-gz-2026'],
  ['Versie', '1.0.0'],
  ['Titel', 'Proef'],
  ['Zorgkantoor', 'Proef'],
  ['Sector', 'Gehandicaptenzorg'],
  ['Inkoopjaar', 2026],
  ['Omschrijving', 'proef'],
  ['Bron', 'proef.pdf', 'Proefbeleid'],
  [],
  ['Parameter', 'Soort', 'Naam', 'Standaardwaarde', 'Uitleg'],
  ['richttarief', 'percentage', 'Richttarief', 0.962, 'r'],
  ['opslag', 'procentpunten', 'Opslag', '0,5', 'o'],
  [],
];
const RULE_HEADER: CellValue[] = [
  'Regel',
  'Omschrijving',
  'Zorgprofiel',
  'Leveringsvorm',
  'Nieuwe aanbieder',
  'Aantal Wlz-cliënten',
  'Effect',
  'Waarde',
  'Vindplaats',
];
// rows start at 16 (HEAD is 14 rows, then the rule header on row 15)
const load = (rules: CellValue[][], head = HEAD) => loadPack(readPolicySheet([...head, RULE_HEADER, ...rules], 'Beleid'), SHIPPED_RESOLVER);
const messages = (rules: CellValue[][], head = HEAD) => load(rules, head).problems.map(formatProblem);

test('the sheet name is recognised without regard to case and spaces', () => {
  expect(isPolicySheet('Tariefwijzer beleid')).toBe(true);
  expect(isPolicySheet('tariefwijzer-BELEID')).toBe(true);
  expect(isPolicySheet('Beleid')).toBe(false);
});

test('a sheet becomes a plain pack: conditions from cells, values, parameters, the default afronding', () => {
  const r = load([
    ['nieuw', 'Nieuwe aanbieder met weinig cliënten', '', 'niet ZZP, DTV', 'ja', '< 10', 'signaal', '', 'p. 3'],
    ['vg5', '5VG en VG 6', '5VG, VG 6', '', '', '', 'basis', '97%', 'p. 2'],
    ['opslag', 'Opslag', '', 'VPT', '', '>= 20', 'opslag', 'opslag', 'p. 2'],
    ['afslag', 'Afslag', '', 'MPT', '', '', 'afslag', 1, 'p. 2'],
    ['basis', 'Richttarief', '', '', '', '', 'basis', 'richttarief', 'p. 1'],
  ]);
  expect(r.problems).toEqual([]);
  const pack = r.pack!;
  expect(pack.sector).toBe('GZ');
  expect(pack.parameters.richttarief.default).toBe('96.2');
  expect(pack.parameters.opslag).toMatchObject({ type: 'points', default: '0.5' });
  expect(pack.parameters.afronding).toMatchObject({ type: 'rounding', default: 'rekenkundig' });
  expect(pack.rules[0]).toMatchObject({
    when: { all: [{ not: { field: 'leveringsvorm', in: ['ZZP', 'DTV'] } }, { field: 'nieuweAanbieder', is: true }, { field: 'aantalWlzClienten', lt: '10' }] },
    effect: { flag: { code: 'NIEUW', severity: 'waarschuwing', message: 'Nieuwe aanbieder met weinig cliënten' } },
    source: { document: 'proef.pdf', regels: 'p. 3' },
  });
  expect(pack.rules[1]).toMatchObject({ when: { field: 'zorgprofiel', in: ['5VG', '6VG'] }, effect: { set: '97' } });
  expect(pack.rules[2]).toMatchObject({
    when: {
      all: [
        { field: 'leveringsvorm', in: ['VPT'] },
        { field: 'aantalWlzClienten', gte: '20' },
      ],
    },
    effect: { add: { param: 'opslag' } },
  });
  expect(pack.rules[3].effect).toEqual({ add: '-1' });
});

test('layout errors name the sheet and the cell', () => {
  expect(
    messages([
      ['a', 'x', 'VV 99', '', '', '', 'basis', 96, 'p. 1'],
      ['b', 'x', '', '', '', '', 'opslagg', 1, 'p. 1'],
      ['c', 'x', '', '', '', '', 'opslag', 'veel', 'p. 1'],
      ['c2', 'x', '', '', '', '', 'opslag', 'heel veel', 'p. 1'],
      ['d', 'x', '', '', '', 'veel', 'opslag', 1, 'p. 1'],
      ['e', 'x', '', '', '', '', 'basis', '', ''],
    ]),
  ).toEqual([
    'Blad Beleid, cel C16: "VV 99" is geen zorgprofiel (bijv. 5VG, GGZ-3C, W5)',
    'Blad Beleid, cel G17: onbekend effect "opslagg"; kies uit: basis, vast, opslag, afslag, maximum, minimum, signaal, uitsluiten',
    'Blad Beleid, cel H18: "veel" is geen getal en geen parameter uit de parametertabel (richttarief, opslag)',
    'Blad Beleid, cel H19: "heel veel" is geen getal, parameternaam of "kolom NAAM"',
    'Blad Beleid, cel F20: "veel" is geen getal; Aantal Wlz-cliënten vraagt een getal of een vergelijking, bijv. < 10',
    'Blad Beleid, cel H21: effect "basis" heeft een waarde nodig: een getal (bijv. 96,5 of 0,5) of de naam van een parameter',
    'Blad Beleid, cel I21: vindplaats ontbreekt: noem waar de regel in het brondocument staat (paragraaf, pagina of regels), zodat iedereen hem kan nazoeken',
  ]);
});

test('an unknown column, a bad parameter and missing metadata', () => {
  const head = HEAD.filter((row) => row[0] !== 'Titel').map((row) => (row[0] === 'richttarief' ? ['richttarief', 'procent', 'Richttarief', 'hoog', 'r'] : row));
  const rows = [...head, [...RULE_HEADER, 'Kleur'], ['basis', 'x', '', '', '', '', 'basis', 'richttarief', 'p. 1']];
  expect(readPolicySheet(rows, 'Beleid').problems.map(formatProblem)).toEqual([
    'Blad Beleid, cel B11: onbekende soort "procent"; kies uit: percentage, procentpunten, getal, ja/nee, keuze, datum, afronding',
    'Blad Beleid, cel J14: onbekende kolom "Kleur": geen regelkolom (Regel, Omschrijving, Effect, Waarde, Bron, Vindplaats, ...) en geen kolom van de rij (bijv. Zorgprofiel, Leveringsvorm, Nieuwe aanbieder) of kenmerk uit de kenmerkentabel',
    'Blad Beleid, cel A1: "Titel" ontbreekt in het kopblok (kolom A het woord Titel, kolom B de waarde)',
  ]);
});

test('a parameter without Soort and a rule without Omschrijving are named in Dutch, not by their schema keys', () => {
  const head = HEAD.map((row) => (row[0] === 'opslag' ? ['opslag', '', '', '0,5'] : row));
  expect(readPolicySheet([...head, RULE_HEADER, ['basis', '', '', '', '', '', 'basis', 'richttarief', 'p. 1']], 'Beleid').problems.map(formatProblem)).toEqual([
    'Blad Beleid, cel B13: Soort ontbreekt voor parameter "opslag"; kies uit: percentage, procentpunten, getal, ja/nee, keuze, datum, afronding',
    'Blad Beleid, cel B16: Omschrijving ontbreekt: beschrijf in een paar woorden wat de regel doet; de tekst staat in de toelichting bij elke rij',
  ]);
});

test('opslagen with the same Groep do not add up: only the largest counts', () => {
  const rows = [
    ...HEAD,
    [...RULE_HEADER, 'Groep', 'Tot hoogstens'],
    ['a', 'Opslag VPT', '', 'VPT', '', '', 'opslag', 1, 'p. 2', 'thuis', '98%'],
    ['b', 'Opslag 5VG', '5VG', '', '', '', 'opslag', 2, 'p. 2', 'thuis'],
    ['basis', 'Richttarief', '', '', '', '', 'basis', 'richttarief', 'p. 1', ''],
  ];
  const r = loadPack(readPolicySheet(rows, 'Beleid'), SHIPPED_RESOLVER);
  expect(r.problems).toEqual([]);
  expect(r.pack!.rules[0].effect).toEqual({ add: '1', group: 'thuis', maxResult: '98' });
  expect(r.pack!.groups).toEqual({ thuis: { description: 'opslagen in groep "thuis" tellen niet samen op; alleen de grootste telt', stack: false } });
  const { evaluateRow } = require('../../src/domain/engine');
  const { resolveParameters } = require('../../src/domain/policy/load');
  const result = evaluateRow({ ref: '1', cells: { prestatiecode: 'V451', maximumtarief: 100 } }, r.pack!, resolveParameters(r.pack!).values);
  expect(result.percentage.toString()).toBe('98.2'); // 96,2 + 2, not + 3
  expect(result.flags.map((f: { code: string }) => f.code)).toContain('NIET_GESTAPELD');
});

test('own kenmerken: a table anywhere on the sheet; its header names the condition column', () => {
  const rows = [
    ...HEAD,
    [...RULE_HEADER, 'Kwaliteitsplan akkoord', 'Score'],
    ['plan', 'Opslag kwaliteitsplan', '', '', '', '', 'opslag', '0,3', 'p. 4', 'ja', ''],
    ['score', 'Opslag hoge score', '', '', '', '', 'opslag', 1, 'p. 4', '', '>= 8'],
    ['basis', 'Richttarief', '', '', '', '', 'basis', 'richttarief', 'p. 1', '', ''],
    [],
    ['Kenmerk', 'Soort', 'Kolomkop', 'Andere koppen', 'Uitleg'],
    ['', 'ja/nee', 'Kwaliteitsplan akkoord', 'plan akkoord, kwaliteitsplan', 'Goedgekeurd plan'],
    ['kwaliteitsscore', 'getal', 'Score', '', ''],
  ];
  const r = loadPack(readPolicySheet(rows, 'Beleid'), SHIPPED_RESOLVER);
  expect(r.problems).toEqual([]);
  expect(r.pack!.fields).toEqual({
    kwaliteitsplanAkkoord: { type: 'boolean', label: 'Kwaliteitsplan akkoord', aliases: ['plan akkoord', 'kwaliteitsplan'], description: 'Goedgekeurd plan' },
    kwaliteitsscore: { type: 'number', label: 'Score', aliases: [] },
  });
  expect(r.pack!.rules[0].when).toEqual({ field: 'kwaliteitsplanAkkoord', is: true });
  expect(r.pack!.rules[1].when).toEqual({ field: 'kwaliteitsscore', gte: '8' });
  const bad = rows.map((row) => (row[1] === 'getal' ? ['kwaliteitsscore', 'cijfer', 'Score'] : row));
  expect(readPolicySheet(bad, 'Beleid').problems.map(formatProblem)).toEqual([
    'Blad Beleid, cel B22: onbekende soort "cijfer"; kies uit: tekst, code, bedrag, percentage, procentpunten, ja/nee, geheel getal, getal, datum',
  ]);
});

test('errors of the resulting pack are placed on the cell that holds the part', () => {
  expect(
    messages([
      ['a', 'x', '', '', '', '', 'opslag', 1, 'p. 1'],
      ['a', 'x', '', '', '', '', 'basis', 'richttarief', 'p. 1'],
    ]),
  ).toEqual(['Blad Beleid, cel A17: regel 2 (a) › id: regel-id "a" komt vaker voor']);
  const unknownField = [
    ...HEAD,
    [...RULE_HEADER, 'kwaliteitsplan'],
    ['a', 'x', '', '', '', '', 'opslag', 1, 'p. 1', 'ja'],
    ['b', 'x', '', '', '', '', 'basis', 'richttarief', 'p. 1'],
  ];
  expect(loadPack(readPolicySheet(unknownField, 'Beleid'), SHIPPED_RESOLVER).problems.map(formatProblem)).toEqual([
    'Blad Beleid, cel J16: regel 1 (a) › voorwaarde › field: verwijst naar onbekend veld "kwaliteitsplan"',
  ]);
  expect(messages([['a', 'x', '5VG', '', '', '', 'basis', 97, 'p. 1']])).toEqual([
    'Blad Beleid, cel A15: regels: er is geen regel zonder voorwaarde die het basispercentage zet; rijen zonder passende regel krijgen dan geen tarief',
  ]);
});

test('a sheet can extend a shipped pack and use its fields by name', () => {
  const head: CellValue[][] = [
    ['Id', 'zk-vv-2025-blad'],
    ['Versie', '1.0.0'],
    ['Inkoopjaar', 2025],
    ['Breidt uit', 'zk-vv-2024'],
    ['Verwijder regels', 'zzp4-verblijf-signaal'],
    ['Bron', 'zk-2025.pdf'],
    ['Parameter', 'Standaardwaarde'],
    ['richttarief', '96,1'],
  ];
  const rows = [
    ...head,
    ['Regel', 'Omschrijving', 'essentieleVoorzieningen', 'Effect', 'Waarde', 'Vindplaats'],
    ['essentiele-voorzieningen', 'EV 96,7%', 'ja', 'basis', 96.7, 'p. 2'],
  ];
  const r = loadPack(readPolicySheet(rows, 'Beleid 2025'), SHIPPED_RESOLVER);
  expect(r.problems).toEqual([]);
  expect(r.pack!.parameters.richttarief).toMatchObject({ type: 'percentage', default: '96,1' });
  expect(r.pack!.rules.find((x) => x.id === 'essentiele-voorzieningen')).toMatchObject({
    when: { field: 'essentieleVoorzieningen', is: true },
    effect: { set: '96.7' },
  });
  expect(r.pack!.rules.map((x) => x.id)).not.toContain('zzp4-verblijf-signaal');
  const bad = loadPack(
    readPolicySheet(
      rows.map((row) => (row[0] === 'Breidt uit' ? ['Breidt uit', 'zk-vv-2099'] : row)),
      'Beleid 2025',
    ),
    SHIPPED_RESOLVER,
  );
  expect(bad.problems.map(formatProblem)).toEqual([expect.stringMatching(/^Blad Beleid 2025, cel B4: extends: onbekend beleid "zk-vv-2099"/)]);
});

test('policy check on a workbook with errors: exit 1 and every error with its cell', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-sheet-'));
  try {
    const file = path.join(dir, 'beleid.xlsx');
    await workbookFrom({
      Data: [['Prestatiecode', 'AGB-code']],
      'Tariefwijzer beleid': [...HEAD, RULE_HEADER, ['a', 'x', '', '', '', '', 'opslagg', 1, 'p. 1']],
    }).save(file);
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['policy', 'check', file], { out: (t) => out.push(t), err: (t) => err.push(t) });
    expect(code).toBe(1);
    expect(err.join('\n')).toBe(
      'beleid.xlsx (blad Tariefwijzer beleid): 1 fout\n  Blad Tariefwijzer beleid, cel G16: onbekend effect "opslagg"; kies uit: basis, vast, opslag, afslag, maximum, minimum, signaal, uitsluiten',
    );
    const none = await main(['policy', 'check', file, '--sheet', 'Data'], { out: () => undefined, err: (t) => err.push(t) });
    expect(none).toBe(1);
    expect(await main(['annotate', file], { out: () => undefined, err: (t) => err.push(t) })).toBe(1);
    expect(err.join('\n')).toContain('Fout: het beleid is niet geldig:\n  Blad Tariefwijzer beleid, cel G16');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
