/**
 * A rerun of annotate on the GGZ example with known changes planted between the runs: exactly those rows are
 * listed on "Tariefwijzer wijzigingen", with exactly those causes (issue 25, "How it is checked").
 */
import type ExcelJS from 'exceljs';
import { resolveParameters } from '../../src/domain/policy/load';
import { getPack } from '../../src/policies';
import { CHANGE_HEADERS, CHANGES_SHEET } from '../../src/workbook/jobs/change-sheet';
import { annotateWorkbook } from '../../src/workbook/jobs/annotate';
import { OUT, OUTPUT_HEADERS } from '../../src/workbook/headers';
import { BridgedXlsx } from './xlsx-bridge';

const pack = getPack('zk-ggz-2025')!;
const params = resolveParameters(pack, { richttarief: '97,3' }).values;
const EXAMPLE = 'examples/ggz-2025-zilveren-kruis.xlsx';
const SHEET = 'Aanbieders GGZ';
const now = new Date('2026-12-01T10:00:00Z');
jest.setTimeout(20_000);

interface Listed {
  row: unknown;
  key: string;
  causes: string[];
  verdict: unknown;
  cells: unknown[];
}

/** The changed rows on the change sheet, keyed "AGB Prestatiecode". */
function listedChanges(wb: ExcelJS.Workbook): Listed[] {
  const ws = wb.getWorksheet(CHANGES_SHEET);
  const out: Listed[] = [];
  // a rerun that changed nothing adds no sheet: nothing listed
  if (!ws) return out;
  let header = 0;
  ws.eachRow((row, r) => {
    const values = (row.values as unknown[]).slice(1);
    if (values[0] === CHANGE_HEADERS[0] && values[1] === CHANGE_HEADERS[1]) header = r;
    else if (header && r > header)
      out.push({ row: values[0], key: `${values[1]} ${values[3]}`, causes: String(values[10]).split('\n'), verdict: values[11] ?? null, cells: values });
  });
  return out;
}

/** The cell notes ("Let op") on the change sheet. */
function changeNotes(wb: ExcelJS.Workbook): string[] {
  const notes: string[] = [];
  wb.getWorksheet(CHANGES_SHEET)?.eachRow((row) => {
    if (row.getCell(1).value === 'Let op') notes.push(String(row.getCell(2).value));
  });
  return notes;
}

/** Sheet column (1-based) of an output header. */
function outCol(ws: ExcelJS.Worksheet, header: (typeof OUTPUT_HEADERS)[number]): number {
  let found = 0;
  ws.getRow(3).eachCell((cell, c) => {
    if (cell.value === header) found = c;
  });
  expect(found).toBeGreaterThan(0);
  return found;
}

function keyOf(ws: ExcelJS.Worksheet, r: number): string {
  return `${ws.getCell(r, 1).value} ${ws.getCell(r, 4).value}`;
}

async function annotated(): Promise<{ wb: BridgedXlsx; ws: () => ExcelJS.Worksheet }> {
  const wb = await BridgedXlsx.fromFile(EXAMPLE);
  await annotateWorkbook(wb, pack, params, { now });
  return { wb, ws: () => wb.workbook.getWorksheet(SHEET)! };
}

test('the first run writes no change sheet; every row starts open with a record', async () => {
  const { wb, ws } = await annotated();
  expect(wb.workbook.getWorksheet(CHANGES_SHEET)).toBeUndefined();
  const sheet = ws();
  const review = outCol(sheet, 'Tariefwijzer beoordeling');
  const record = outCol(sheet, 'Tariefwijzer invoer');
  for (let r = 4; r <= sheet.actualRowCount; r++) {
    if (!sheet.getCell(r, 4).value) continue;
    expect(sheet.getCell(r, review).value).toBe('open');
    expect(String(sheet.getCell(r, record).value)).toContain(String(sheet.getCell(r, 1).value));
  }
});

test('without comparing (the benchmark floor of a rerun): a changed rerun writes over the columns as a first run, no change sheet', async () => {
  const { wb, ws } = await annotated();
  const review = outCol(ws(), 'Tariefwijzer beoordeling');
  ws().getCell(6, review).value = 'akkoord';
  const out = await annotateWorkbook(wb, pack, resolveParameters(pack, { richttarief: '96' }).values, { now, compare: false });
  expect(out.changes).toBeUndefined();
  expect(wb.workbook.getWorksheet(CHANGES_SHEET)).toBeUndefined();
  expect(ws().getCell(6, review).value).toBe('open');
  // compared, the next rerun finds what moved since (back to 97,3 %)
  const compared = await annotateWorkbook(wb, pack, params, { now });
  expect(compared.changes!.total).toBeGreaterThan(0);
});

test('planted changes: exactly those rows with exactly those causes; verdicts kept where numbers stand', async () => {
  const { wb, ws } = await annotated();
  let sheet = ws();
  const tariff = outCol(sheet, 'Tariefwijzer tarief');
  const review = outCol(sheet, 'Tariefwijzer beoordeling');
  const before = new Map<string, unknown>();
  for (let r = 4; r <= 23; r++) before.set(keyOf(sheet, r), sheet.getCell(r, tariff).value);
  // reviews: row 4 will move, row 6 will not
  sheet.getCell(4, review).value = 'akkoord';
  sheet.getCell(4, review + 1).value = 'J. de Vries';
  sheet.getCell(6, review).value = 'akkoord';
  sheet.getCell(6, review + 1).value = 'A. Bakker';
  sheet.getCell(6, review + 2).value = new Date(Date.UTC(2026, 11, 2));
  const maxChanged = keyOf(sheet, 4);
  sheet.getCell(4, 8).value = 240; // NZa maximumtarief
  const typedOver = keyOf(sheet, 5);
  sheet.getCell(5, tariff).value = 300; // a Tariefwijzer tariff typed over
  const inputChanged = keyOf(sheet, 8);
  sheet.getCell(8, 11).value = '93%'; // Tariefpercentage vorig jaar
  const cleared = keyOf(sheet, 21);
  for (let c = 1; c <= 12; c++) sheet.getCell(21, c).value = null;
  sheet.spliceRows(23, 1); // a row deleted whole
  sheet.getRow(23).values = ['04110999', 'Nieuwe Zorg BV', 'GGZ', 'Z1103', 'Wonen', 'GGZ-W3', 'Verblijf', 228.45, 'nee', 10, '95,8%'];
  await annotateWorkbook(wb, pack, params, { now });
  sheet = ws();

  const listed = listedChanges(wb.workbook);
  const kinds = Object.fromEntries(listed.map((l) => [l.key, l.causes]));
  expect(Object.keys(kinds).sort()).toEqual([maxChanged, typedOver, inputChanged, cleared, '04110999 Z1103'].sort());
  expect(kinds[maxChanged]).toEqual(['NZa-maximumtarief gewijzigd: € 228,45 → € 240,00']);
  expect(kinds[typedOver]).toHaveLength(1);
  expect(kinds[typedOver][0]).toMatch(/^Tariefwijzer-cel met de hand gewijzigd: tarief € 300,00 ingevuld, berekend was € /);
  expect(kinds[inputChanged]).toEqual(['Invoerkolom gewijzigd: Tariefpercentage vorig jaar']);
  expect(kinds[cleared]).toEqual(['Rij is verdwenen']);
  expect(kinds['04110999 Z1103']).toEqual(['Rij is nieuw']);
  expect(changeNotes(wb.workbook).some((n) => n.startsWith('1 rij van de vorige berekening is uit het blad verwijderd'))).toBe(true);
  // the typed-over tariff is replaced by the computed one, and the change sheet keeps what was typed
  const typed = listed.find((l) => l.key === typedOver)!;
  expect(typed.cells[7]).toBe(300);
  expect(sheet.getCell(5, tariff).value).toBe(before.get(typedOver));
  // the review of the moved row is reset, its earlier verdict on the change sheet; the other's is kept
  expect(sheet.getCell(4, review).value).toBe('open');
  expect(sheet.getCell(4, review + 1).value).toBeNull();
  expect(listed.find((l) => l.key === maxChanged)!.verdict).toBe('akkoord (J. de Vries)');
  expect(sheet.getCell(6, review).value).toBe('akkoord');
  expect(sheet.getCell(6, review + 1).value).toBe('A. Bakker');
  expect((sheet.getCell(6, review + 2).value as Date).toISOString()).toBe('2026-12-02T00:00:00.000Z');
  // the change sheet gives each row where it stands now
  expect(listed.find((l) => l.key === '04110999 Z1103')!.row).toBe(23);
  expect(listed.find((l) => l.key === cleared)!.row).toBe('(verdwenen)');
});

test('a changed richttarief lists the rows whose numbers moved, with that parameter as the cause, and replaces the sheet in place', async () => {
  const { wb, ws } = await annotated();
  await annotateWorkbook(wb, pack, params, { now });
  expect(listedChanges(wb.workbook)).toEqual([]);
  expect(wb.workbook.getWorksheet(CHANGES_SHEET)).toBeUndefined();
  // the change sheet of one rerun is replaced in place by the next
  await annotateWorkbook(wb, pack, resolveParameters(pack, { richttarief: '97' }).values, { now });
  await annotateWorkbook(wb, pack, params, { now });
  const sheetId = wb.workbook.getWorksheet(CHANGES_SHEET)!.id;
  let sheet = ws();
  const tariff = outCol(sheet, 'Tariefwijzer tarief');
  const old = new Map<string, unknown>();
  for (let r = 4; r <= 23; r++) old.set(keyOf(sheet, r), sheet.getCell(r, tariff).value);
  await annotateWorkbook(wb, pack, resolveParameters(pack, { richttarief: '96' }).values, { now });
  sheet = ws();
  const moved = [...old.keys()].filter((k, i) => sheet.getCell(i + 4, tariff).value !== old.get(k));
  expect(moved.length).toBeGreaterThan(0);
  expect(moved.length).toBeLessThan(old.size);
  const listed = listedChanges(wb.workbook);
  expect(listed.map((l) => l.key).sort()).toEqual(moved.sort());
  for (const l of listed) expect(l.causes).toEqual([`Parameter ${pack.parameters.richttarief.label} gewijzigd: 97,3 → 96`]);
  expect(wb.workbook.getWorksheet(CHANGES_SHEET)!.id).toBe(sheetId);
});

test('rows sorted with or without Tariefwijzer columns, inserted, and duplicate keys', async () => {
  const { wb, ws } = await annotated();
  let sheet = ws();
  const width = 12 + OUTPUT_HEADERS.length;
  const rows = (from: number, to: number, cols: number) =>
    Array.from({ length: to - from + 1 }, (_, i) => Array.from({ length: cols }, (_, c) => sheet.getCell(from + i, c + 1).value));
  // the whole table sorted in reverse (Tariefwijzer's columns along): nothing changed
  rows(4, 23, width)
    .reverse()
    .forEach((line, i) => line.forEach((v, c) => (sheet.getCell(4 + i, c + 1).value = v)));
  await annotateWorkbook(wb, pack, params, { now });
  expect(listedChanges(wb.workbook)).toEqual([]);
  // only the data columns sorted back (Tariefwijzer's stay): rows follow their key, nothing changed
  sheet = ws();
  rows(4, 23, 12)
    .reverse()
    .forEach((line, i) => line.forEach((v, c) => (sheet.getCell(4 + i, c + 1).value = v)));
  await annotateWorkbook(wb, pack, params, { now });
  expect(listedChanges(wb.workbook)).toEqual([]);
  expect(changeNotes(wb.workbook)).toEqual([]);
  // a row inserted in the middle, copying the key of the row above it: the one without a record is new
  sheet = ws();
  sheet.spliceRows(10, 0, rows(9, 9, 12)[0]);
  await annotateWorkbook(wb, pack, params, { now });
  const listed = listedChanges(wb.workbook);
  expect(listed.map((l) => [l.row, l.causes])).toEqual([[10, ['Rij is nieuw']]]);
  // the data columns sorted again, now with a key twice: matched in order, and said so
  sheet = ws();
  rows(4, 24, 12)
    .reverse()
    .forEach((line, i) => line.forEach((v, c) => (sheet.getCell(4 + i, c + 1).value = v)));
  await annotateWorkbook(wb, pack, params, { now });
  expect(listedChanges(wb.workbook)).toEqual([]);
  expect(changeNotes(wb.workbook)).toEqual([expect.stringMatching(/^1 sleutel .* komt meer dan eens voor/)]);
}, 30_000);

test('a workbook annotated by an older version: numbers compared in place, and the sheet says what cannot be compared', async () => {
  const { wb, ws } = await annotated();
  let sheet = ws();
  // what an older Tariefwijzer left: its four columns only
  for (let r = 3; r <= 23; r++) for (let c = 17; c <= 20; c++) sheet.getCell(r, c).value = null;
  const tariff = outCol(sheet, 'Tariefwijzer tarief');
  sheet.getCell(4, 8).value = 240;
  await annotateWorkbook(wb, pack, params, { now });
  sheet = ws();
  expect(outCol(sheet, 'Tariefwijzer invoer')).toBe(tariff + OUT.record - OUT.tariff);
  const listed = listedChanges(wb.workbook);
  expect(listed.map((l) => [l.key, l.causes])).toEqual([
    [keyOf(sheet, 4), ['Vorige berekening door een oudere versie van Tariefwijzer: de invoer per rij is toen niet vastgelegd']],
  ]);
  expect(changeNotes(wb.workbook)).toEqual([expect.stringContaining('Niet te vergelijken: de oorzaak per rij')]);
});

test('a rerun read in windows of a few rows (as the CLI reads a big sheet) finds the same changes and keeps the same reviews', async () => {
  const runs: Array<{ listed: Listed[]; block: unknown[][] }> = [];
  for (const rerunWindow of [undefined, 3]) {
    const { wb, ws } = await annotated();
    const sheet = ws();
    const review = outCol(sheet, 'Tariefwijzer beoordeling');
    const tariff = outCol(sheet, 'Tariefwijzer tarief');
    sheet.getCell(6, review).value = 'akkoord';
    sheet.getCell(12, review).value = 'afwijking';
    sheet.getCell(4, 8).value = 240; // NZa maximumtarief
    sheet.getCell(5, tariff).value = 300; // typed over
    // the data columns sorted in reverse (Tariefwijzer's stay): every row's record is in another window now
    const data = Array.from({ length: 20 }, (_, i) => Array.from({ length: 12 }, (_, c) => sheet.getCell(4 + i, c + 1).value)).reverse();
    data.forEach((line, i) => line.forEach((v, c) => (sheet.getCell(4 + i, c + 1).value = v)));
    await annotateWorkbook(wb, pack, resolveParameters(pack, { richttarief: '96' }).values, { now, rerunWindow });
    const out = ws();
    const block = Array.from({ length: 20 }, (_, i) =>
      [OUT.percentage, OUT.tariff, OUT.record, OUT.review, OUT.reviewer].map((k) => out.getCell(4 + i, outCol(out, OUTPUT_HEADERS[k])).value),
    );
    runs.push({ listed: listedChanges(wb.workbook), block });
  }
  const [whole, windowed] = runs;
  expect(whole.listed.length).toBeGreaterThan(2);
  expect(whole.listed.some((l) => l.causes.some((c) => c.startsWith('Tariefwijzer-cel met de hand gewijzigd')))).toBe(true);
  expect(windowed.listed).toEqual(whole.listed);
  expect(windowed.block).toEqual(whole.block);
  // a kept review stays with its row's record, wherever the row stands now
  expect(whole.block.some((line) => line[3] === 'akkoord' || line[3] === 'afwijking')).toBe(true);
});
