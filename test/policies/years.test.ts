/** Multi-year packs: checks of the years a pack names, --set per year, and a workbook with rows of several years. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { evaluateRow } from '../../src/domain/engine';
import { resolveParameters } from '../../src/domain/policy/load';
import { loadPack, parsePackText } from '../../src/domain/policy/source';
import { SHIPPED_RESOLVER } from '../../src/policies';
import { readPolicySheet } from '../../src/workbook/policy-sheet';
import { loadPackFile } from './case-runner';
import { workbookFrom } from '../workbook/helpers';
import { runCli } from '../cli/run';

const OWN = path.join(__dirname, 'own', 'zk-ggz-2024-2026.yaml');

test('INKOOPJAAR_WIJKT_AF names the years the pack covers', () => {
  const pack = loadPackFile('../own/zk-ggz-2024-2026.yaml');
  const { values } = resolveParameters(pack, { richttarief: '98' });
  const r = evaluateRow({ ref: 'r', cells: { prestatiecode: 'Z232', maximumtarief: 200, inkoopjaar: 2027 } }, pack, values);
  expect(r.flags.find((f) => f.code === 'INKOOPJAAR_WIJKT_AF')?.message).toBe('Inkoopjaar 2027 in de rij wijkt af van het beleid (2024–2026).');
  for (const year of [2024, 2025, 2026]) {
    const ok = evaluateRow({ ref: 'r', cells: { prestatiecode: 'Z232', maximumtarief: 200, inkoopjaar: year } }, pack, values);
    expect(ok.flags.map((f) => f.code)).not.toContain('INKOOPJAAR_WIJKT_AF');
  }
});

test('--set per year: an unknown year or a year outside the pack is an error', () => {
  const pack = loadPackFile('../own/zk-ggz-2024-2026.yaml');
  expect(resolveParameters(pack, { 'richttarief@2027': '98' }).errors.map((e) => e.message)).toEqual([
    '2027 is geen inkoopjaar van dit beleid (2024, 2025, 2026)',
  ]);
  expect(resolveParameters(pack, { 'kortingsfactor@2025': '1' }).errors[0].message).toMatch(/^onbekende parameter/);
  expect(resolveParameters(pack, { 'richttarief@2025': 'hoog' }).errors[0].message).toBe('"hoog" is geen getal');
});

const extension = (body: string) => loadPack(parsePackText(`extends: zk-ggz-2025\nid: x\nversion: 1.0.0\n${body}`, 'x.yaml'), SHIPPED_RESOLVER);

test('years a pack does not cover are reported with their line', () => {
  const r = extension(
    'inkoopjaren: [2024, 2026]\nparameters:\n  richttarief: { perJaar: { "2023": 97 } }\nrules:\n  - { id: r, description: r, jaren: [2027], effect: { cap: 100 }, source: { document: 004_984eca5123cbd441.txt, regels: L1 } }\n',
  );
  expect(r.problems.map((p) => `${p.line}: ${p.message}`)).toEqual([
    '4: het inkoopjaar 2025 hoort ook in "inkoopjaren" (2024, 2026)',
    '6: 2023 is geen jaar van dit beleid: kies uit de jaren van "inkoopjaren" (2024, 2026)',
    '8: 2027 is geen jaar van dit beleid: kies uit de jaren van "inkoopjaren" (2024, 2026)',
  ]);
  const single = extension('parameters:\n  richttarief: { perJaar: { "2024": "97,3" } }\n');
  expect(single.problems.map((p) => p.message)).toEqual([
    '2024 is geen jaar van dit beleid: kies uit het inkoopjaar 2025; noem meer jaren onder "inkoopjaren"',
  ]);
  const bad = extension('inkoopjaren: [2024, 2025]\nparameters:\n  richttarief: { perJaar: { "2024": "hoog" } }\n');
  expect(bad.problems.map((p) => p.message)).toEqual(['waarde voor 2024: "hoog" is geen getal']);
});

test('a year without a base percentage rule is reported', () => {
  const r = extension(
    'inkoopjaren: [2024, 2025]\nremoveRules: [tariefpercentage-zorg]\nrules:\n  - { id: basis-2025, description: b, jaren: [2025], effect: { set: { param: richttarief } }, source: { document: 004_984eca5123cbd441.txt, regels: L1 } }\n',
  );
  expect(r.problems.map((p) => p.message)).toEqual([
    'er is geen regel zonder voorwaarde die het basispercentage zet voor 2024; rijen zonder passende regel krijgen dan geen tarief',
  ]);
});

test('annotate: each row of a workbook with several years uses its own inkoopjaar', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-years-'));
  try {
    const file = path.join(dir, 'jaren.xlsx');
    await workbookFrom({
      Aanbieders: [
        ['AGB-code', 'Prestatiecode', 'Inkoopjaar', 'NZa maximumtarief'],
        ['10000001', 'Z232', 2024, 200],
        ['10000002', 'Z232', 2025, 200],
        ['10000003', 'Z232', 2026, 200],
        ['10000004', 'Z232', 2027, 200],
      ],
    }).save(file);
    const r = await runCli('annotate', file, '--policy-file', OWN, '--set', 'richttarief=98', '--set', 'richttarief@2026=98,4');
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, 'jaren-tariefwijzer.xlsx'));
    const ws = wb.getWorksheet('Aanbieders')!;
    const tariffs = [2, 3, 4, 5].map((row) => ws.getCell(row, 6).value);
    expect(tariffs).toEqual([194.6, 196, 196.8, 196]);
    expect(String(ws.getCell(5, 7).value)).toContain('Inkoopjaar wijkt af');
    expect([2, 3, 4].map((row) => String(ws.getCell(row, 7).value ?? ''))).not.toContainEqual(expect.stringContaining('Inkoopjaar wijkt af'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the same multi-year policy in a sheet: Inkoopjaren, Per jaar and Jaren', () => {
  const grid = [
    ['Id', 'blad-ggz'],
    ['Versie', '1.0.0'],
    ['Titel', 'GGZ 2024-2026'],
    ['Zorgkantoor', 'Test'],
    ['Sector', 'GGZ'],
    ['Inkoopjaar', 2025],
    ['Inkoopjaren', '2024-2026'],
    ['Omschrijving', 'Meer jaren in een blad.'],
    ['Bron', 'beleid.pdf', 'Beleid'],
    [],
    ['Parameter', 'Soort', 'Naam', 'Standaardwaarde', 'Per jaar'],
    ['richttarief', 'percentage', 'Richttarief', '', '2024: 97,3; 2026: 98,4'],
    [],
    ['Regel', 'Omschrijving', 'Leveringsvorm', 'Jaren', 'Effect', 'Waarde', 'Vindplaats'],
    ['vpt-2024', 'Opslag VPT alleen in 2024', 'VPT', 2024, 'opslag', 1, 'p. 2'],
    ['basis', 'Richttarief', '', '', 'basis', 'richttarief', 'p. 1'],
  ];
  const loaded = loadPack(readPolicySheet(grid, 'Beleid'), SHIPPED_RESOLVER);
  expect(loaded.problems).toEqual([]);
  const pack = loaded.pack!;
  expect(pack.inkoopjaren).toEqual([2024, 2025, 2026]);
  const { values } = resolveParameters(pack, { richttarief: '98' });
  const pct = (code: string, inkoopjaar: number) =>
    evaluateRow({ ref: 'r', cells: { prestatiecode: code, maximumtarief: 100, inkoopjaar } }, pack, values).percentage?.toString();
  expect([pct('V330', 2024), pct('V330', 2025), pct('V330', 2026), pct('Z232', 2024)]).toEqual(['98.3', '98', '98.4', '97.3']);
  const bad = readPolicySheet([...grid.slice(0, 6), ['Inkoopjaren', 'altijd'], ...grid.slice(7)], 'Beleid');
  expect(bad.problems.map((p) => `${p.cell}: ${p.message}`)).toEqual(['B7: "altijd" is geen lijst van jaren; schrijf bijv. "2024, 2025" of "2024-2026"']);
});

test('a year twice under inkoopjaren is named in Dutch', () => {
  const r = extension('inkoopjaren: [2025, 2025]\n');
  expect(r.problems.map((p) => p.message)).toEqual(['een waarde staat er twee keer in']);
});

test('policy check summarises the years of a multi-year pack', async () => {
  const r = await runCli('policy', 'check', OWN);
  expect(r).toMatchObject({
    code: 0,
    out: expect.stringContaining('Zorgkantoor Zilveren Kruis, sector GGZ, inkoopjaren 2024–2026 (hoofdjaar 2025); breidt uit: zk-ggz-2025'),
  });
});
