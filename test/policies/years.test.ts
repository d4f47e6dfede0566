/** Multi-year packs: checks of the years a pack names, --set per year, and a workbook with rows of several years. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { evaluateRow, runPolicy } from '../../src/domain/engine';
import { nearestYear } from '../../src/domain/policy/years';
import { resolveParameters } from '../../src/domain/policy/load';
import { missingBaseParameters } from '../../src/domain/policy/required';
import { loadPack, parsePackText } from '../../src/domain/policy/source';
import { SHIPPED_RESOLVER } from '../../src/policies';
import { readPolicySheet } from '../../src/workbook/policy-sheet';
import { loadPackFile } from './case-runner';
import { workbookFrom } from '../workbook/helpers';
import { runCli } from '../cli/run';

const OWN = path.join(__dirname, 'own', 'zk-ggz-2024-2026.yaml');

test('INKOOPJAAR_WIJKT_AF names the years the pack covers and the year whose values priced the row', () => {
  const pack = loadPackFile('../own/zk-ggz-2024-2026.yaml');
  const { values } = resolveParameters(pack, { richttarief: '98' });
  const r = evaluateRow({ ref: 'r', cells: { prestatiecode: 'Z232', maximumtarief: 200, inkoopjaar: 2027 } }, pack, values);
  expect(r.flags.find((f) => f.code === 'INKOOPJAAR_WIJKT_AF')?.message).toBe(
    'Inkoopjaar 2027 in de rij valt buiten het beleid (2024–2026); berekend met de waarden van 2026, het dichtstbijzijnde jaar van het beleid.',
  );
  for (const year of [2024, 2025, 2026]) {
    const ok = evaluateRow({ ref: 'r', cells: { prestatiecode: 'Z232', maximumtarief: 200, inkoopjaar: year } }, pack, values);
    expect(ok.flags.map((f) => f.code)).not.toContain('INKOOPJAAR_WIJKT_AF');
  }
  // a pack for one year names that year too
  const single = loadPackFile('zk-ggz-2025');
  const one = evaluateRow(
    { ref: 'r', cells: { prestatiecode: 'Z232', maximumtarief: 200, inkoopjaar: 2024 } },
    single,
    resolveParameters(single, { richttarief: '98' }).values,
  );
  expect(one.flags.find((f) => f.code === 'INKOOPJAAR_WIJKT_AF')?.message).toBe(
    'Inkoopjaar 2024 in de rij valt buiten het beleid (2025); berekend met de waarden van 2025.',
  );
  expect(one.explanation).toContain('Berekend met de waarden van 2025: het beleid geldt voor 2025, de rij is van 2024.');
});

test('the nearest year of the pack prices a year outside it: the later one of two as near', () => {
  const pack = { inkoopjaar: 2025, inkoopjaren: [2022, 2024, 2026] };
  expect([2020, 2023, 2025, 2027].map((y) => nearestYear(pack, y))).toEqual([2022, 2024, 2026, 2026]);
});

/**
 * One workbook of three years, as the issue saw it: the same provider and code in 2024, 2025 and 2026, a row whose
 * Inkoopjaar cell is empty and one from 2027. Rows 2–6 are Z232 for one provider; row 7 is an NHC code, whose 100%
 * is the same in every year.
 */
const THREE_YEARS: Array<[string, string, number | string | null]> = [
  ['10000001', 'Z232', 2024],
  ['10000001', 'Z232', 2025],
  ['10000001', 'Z232', 2026],
  ['10000001', 'Z232', null],
  ['10000001', 'Z232', 2027],
  ['10000002', 'H880', null],
];
const THREE_YEAR_SETS = { richttarief: '98', 'richttarief@2026': '98,4' };

test('engine: a workbook of three years with an empty Inkoopjaar and a row from 2027', () => {
  const pack = loadPackFile('../own/zk-ggz-2024-2026.yaml');
  const { values } = resolveParameters(pack, THREE_YEAR_SETS);
  const rows = THREE_YEARS.map(([agb, prestatiecode, inkoopjaar], i) => ({
    ref: `Blad!${i + 2}`,
    cells: { agb, prestatiecode, maximumtarief: 200, inkoopjaar },
  }));
  // the same row on a sheet without an Inkoopjaar column: the main year, said in the explanation
  rows.push({ ref: 'Blad!8', cells: { agb: '10000003', prestatiecode: 'Z232', maximumtarief: 200 } as (typeof rows)[number]['cells'] });
  const out = runPolicy(rows, pack, values);
  const pct = out.results.map((r) => r.percentage?.toString() ?? null);
  expect(pct).toEqual(['97.3', '98', '98.4', null, '98.4', '100', '98']);
  expect(out.results[3].tarief).toBeUndefined();
  expect(out.flagCounts.DUBBELE_REGEL).toBeUndefined();
  const codes = out.results.map((r) => r.flags.map((f) => f.code));
  expect(codes).toEqual([[], [], [], ['INKOOPJAAR_ONTBREEKT'], ['INKOOPJAAR_WIJKT_AF'], ['INKOOPJAAR_LEEG_GELIJK'], []]);
  expect(out.results[3].flags[0].message).toBe(
    'Inkoopjaar is leeg, en het beleid (2024–2026) geeft per jaar een andere uitkomst: 2024: 97,3% (€ 194,60); 2025: 98% (€ 196,00); 2026: 98,4% (€ 196,80). Er is geen tarief berekend; vul het inkoopjaar in.',
  );
  expect(out.results[3].explanation).toBe('Geen tarief: het inkoopjaar ontbreekt en het beleid (2024–2026) rekent per jaar anders.');
  expect(out.results[4].explanation).toMatch(/Berekend met de waarden van 2026: het beleid geldt voor 2024–2026, de rij is van 2027\.$/);
  expect(out.results[6].explanation).toMatch(/Berekend met het beleid voor 2025 \(het hoofdjaar\): het blad heeft geen kolom Inkoopjaar\.$/);
  // each row as evaluated on its own: the memo never hands a row without the column the result of an empty cell
  expect(out.results).toEqual(rows.map((r) => evaluateRow(r, pack, values)));
});

test('annotate: a workbook of three years with an empty Inkoopjaar and a row from 2027, in the cells the user reads', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-years-'));
  try {
    const file = path.join(dir, 'jaren.xlsx');
    await workbookFrom({
      Aanbieders: [['AGB-code', 'Prestatiecode', 'Inkoopjaar', 'NZa maximumtarief'], ...THREE_YEARS.map(([agb, code, year]) => [agb, code, year, 200])],
    }).save(file);
    const sets = Object.entries(THREE_YEAR_SETS).flatMap(([k, v]) => ['--set', `${k}=${v}`]);
    const r = await runCli('annotate', file, '--policy-file', OWN, ...sets, '--json');
    // written, and the year signals ask for a look: exit code 3 with the reasons in the JSON
    expect(r.code).toBe(3);
    const { outcome, reasons } = JSON.parse(r.out) as { outcome: string; reasons: string[] };
    expect(outcome).toBe('aandacht');
    expect(reasons.join(' ')).toContain('Inkoopjaar wijkt af');
    expect(JSON.parse(r.out).flagCounts).toEqual({ INKOOPJAAR_ONTBREEKT: 1, INKOOPJAAR_WIJKT_AF: 1, INKOOPJAAR_LEEG_GELIJK: 1 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, 'jaren-tariefwijzer.xlsx'));
    const ws = wb.getWorksheet('Aanbieders')!;
    const header = (ws.getRow(1).values as unknown[]).map(String);
    const column = (name: string) => THREE_YEARS.map((_, i) => ws.getCell(i + 2, header.indexOf(name)).value);
    expect(column('Tariefwijzer tarief')).toEqual([194.6, 196, 196.8, null, 196.8, 200]);
    const signals = column('Tariefwijzer signalen').map((v) => String(v ?? ''));
    expect(signals.slice(0, 3)).toEqual(['', '', '']);
    expect(signals[3]).toMatch(/^\[fout\] Inkoopjaar ontbreekt: Inkoopjaar is leeg, en het beleid \(2024–2026\) geeft per jaar een andere uitkomst/);
    expect(signals[4]).toContain('berekend met de waarden van 2026');
    expect(signals[5]).toMatch(/^\[info\] Inkoopjaar leeg, uitkomst gelijk/);
    const explanations = column('Tariefwijzer toelichting').map(String);
    expect(explanations[3]).toBe('Geen tarief: het inkoopjaar ontbreekt en het beleid (2024–2026) rekent per jaar anders.');
    expect(explanations[4]).toContain('Berekend met de waarden van 2026: het beleid geldt voor 2024–2026, de rij is van 2027.');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
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

test('a base parameter set per year only is missing just for the years without a value, and the reason names them', () => {
  const pack = loadPackFile('../own/zk-ggz-2024-2026.yaml');
  const missing = (sets: Record<string, string>) => missingBaseParameters(pack, resolveParameters(pack, sets).values);
  // 2024 comes from the pack (perJaar); 2025 and 2026 have no value
  expect(missing({}).map((m) => m.reason)).toEqual([expect.stringContaining('niet ingevuld voor 2025 en 2026')]);
  expect(missing({ 'richttarief@2026': '98,4' }).map((m) => m.reason)).toEqual([expect.stringContaining('niet ingevuld voor 2025:')]);
  // every year has its own value, or the general one covers the rest: nothing missing
  expect(missing({ 'richttarief@2025': '98', 'richttarief@2026': '98,4' })).toEqual([]);
  expect(missing({ richttarief: '98' })).toEqual([]);
  // a pack of one year: the general value only
  const single = loadPackFile('zk-ggz-2025');
  expect(missingBaseParameters(single, resolveParameters(single, {}).values).map((m) => m.reason)).toEqual([expect.not.stringContaining(' voor 20')]);
});
