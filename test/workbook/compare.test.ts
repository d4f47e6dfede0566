/**
 * `vergelijk` as a job: two annotated workbooks, keyed by AGB-code + prestatiecode + inkoopjaar, and across two
 * inkoopjaren per AGB-code + prestatiecode (issue 25). Built from the V&V 2024 example (no example holds two
 * inkoopjaren: the years are given by an Inkoopjaar column added to its rows).
 */
import type ExcelJS from 'exceljs';
import { resolveParameters } from '../../src/domain/policy/load';
import { getPack } from '../../src/policies';
import { annotateWorkbook } from '../../src/workbook/jobs/annotate';
import { compareWorkbooks } from '../../src/workbook/jobs/compare';
import { comparisonJson } from '../../src/cli/commands/vergelijk';
import { BridgedXlsx } from './xlsx-bridge';

const pack = getPack('zk-vv-2024')!;
const params = resolveParameters(pack, {}).values;
const EXAMPLE = 'examples/vv-2024-zorgkantoren.xlsx';
const SHEET = 'Zilveren Kruis';
const now = new Date('2026-12-01T10:00:00Z');
jest.setTimeout(30_000);

/** The example with an Inkoopjaar column (after the last one) holding `year`, if given. */
async function example(year?: number): Promise<BridgedXlsx> {
  const wb = await BridgedXlsx.fromFile(EXAMPLE);
  if (year !== undefined) {
    const ws = wb.workbook.getWorksheet(SHEET)!;
    const col = ws.getRow(3).cellCount + 1;
    ws.getCell(3, col).value = 'Inkoopjaar';
    for (let r = 4; r <= ws.rowCount; r++) if (ws.getCell(r, 1).value || ws.getCell(r, 3).value) ws.getCell(r, col).value = year;
  }
  return wb;
}

function sheet(wb: BridgedXlsx): ExcelJS.Worksheet {
  return wb.workbook.getWorksheet(SHEET)!;
}

const key = (ws: ExcelJS.Worksheet, r: number) => `${ws.getCell(r, 1).value} ${String(ws.getCell(r, 3).value).replace(/\s/g, '')}`;

test('the same inkoopjaar: a changed NZa maximum and a removed row, and nothing else', async () => {
  const old = await example();
  await annotateWorkbook(old, pack, params, { now });
  const neu = await example();
  const ws = sheet(neu);
  // the sheet has no maximumtarief column: the NZa tariff sheet gives it, for every row of the code
  const changed = key(ws, 5);
  const tariffs = neu.workbook.getWorksheet('NZa tarieven')!;
  let code = '';
  tariffs.eachRow((row, r) => {
    if (r > 3 && String(row.getCell(1).value) === String(ws.getCell(5, 3).value)) {
      code = String(row.getCell(1).value);
      row.getCell(3).value = Number(row.getCell(3).value) + 10;
    }
  });
  expect(code).not.toBe('');
  const removed = key(ws, 6);
  ws.spliceRows(6, 1);
  await annotateWorkbook(neu, pack, params, { now });
  const result = await compareWorkbooks(old, neu, { old: 'oud.xlsx', new: 'nieuw.xlsx' });
  expect(result.acrossYears).toBeUndefined();
  // every row with the changed code moved (the table gives the maximum to every row of that code)
  const sameCode: string[] = [];
  for (let r = 4; r <= ws.rowCount; r++) if (String(ws.getCell(r, 3).value) === code) sameCode.push(key(ws, r));
  expect(sameCode).toContain(changed);
  const listed = result.log.listed.map((c) => [`${c.agb} ${c.code}`, c.causes.map((x) => x.kind)]);
  expect(listed.sort()).toEqual([...sameCode.map((k) => [k, ['maximumtarief']]), [removed, ['verdwenen']]].sort());
  const json = comparisonJson(result);
  const first = json.wijzigingen.find((w) => w.oorzaken[0].soort === 'maximumtarief')!;
  expect(typeof first.oud!.tarief).toBe('string');
  expect(typeof first.nieuw!.percentage).toBe('string');
  expect(first.inkoopjaar).toBe(String(pack.inkoopjaar));
});

test('two inkoopjaren: compared per AGB-code + prestatiecode, and said so; unchanged rows are not listed', async () => {
  const old = await example(2024);
  await annotateWorkbook(old, pack, params, { now });
  const neu = await example(2025);
  await annotateWorkbook(neu, pack, resolveParameters(pack, { richttarief: '96' }).values, { now });
  const result = await compareWorkbooks(old, neu, { old: 'oud.xlsx', new: 'nieuw.xlsx' });
  expect(result.acrossYears).toEqual({ old: '2024', new: '2025' });
  expect(result.log.notes[0]).toMatch(/^Vergeleken over twee inkoopjaren: 2024 \(OUD\) met 2025 \(NIEUW\), per AGB-code en prestatiecode/);
  // the rows whose tariff moved, read from the two sheets themselves
  const [a, b] = [sheet(old), sheet(neu)];
  let tariffCol = 0;
  b.getRow(3).eachCell((cell, c) => {
    if (cell.value === 'Tariefwijzer tarief') tariffCol = c;
  });
  const moved: string[] = [];
  for (let r = 4; r <= b.rowCount; r++) if (b.getCell(r, 3).value && b.getCell(r, tariffCol).value !== a.getCell(r, tariffCol).value) moved.push(key(b, r));
  expect(moved.length).toBeGreaterThan(0);
  expect(result.log.listed.map((c) => `${c.agb} ${c.code}`).sort()).toEqual(moved.sort());
  for (const c of result.log.listed) expect(c.causes.map((x) => x.kind)).toEqual(['parameter']);
  expect(result.log.listed.every((c) => c.year === '2025')).toBe(true);
});

test('OUD of one inkoopjaar, NIEUW of two (the other year first or last): not across the years, the row of the other year is new and its OUD row gone', async () => {
  const old = await example(2024);
  await annotateWorkbook(old, pack, params, { now });
  for (const which of ['first', 'last'] as const) {
    const neu = await example(2024);
    const ws = sheet(neu);
    let yearCol = 0;
    ws.getRow(3).eachCell((cell, c) => {
      if (cell.value === 'Inkoopjaar') yearCol = c;
    });
    const rows: number[] = [];
    for (let r = 4; r <= ws.rowCount; r++) if (ws.getCell(r, 3).value) rows.push(r);
    const r = which === 'first' ? rows[0] : rows[rows.length - 1];
    ws.getCell(r, yearCol).value = 2025;
    await annotateWorkbook(neu, pack, params, { now });
    const result = await compareWorkbooks(old, neu, { old: 'oud.xlsx', new: 'nieuw.xlsx' });
    expect(result.acrossYears).toBeUndefined();
    expect(result.log.notes.some((n) => n.includes('twee inkoopjaren'))).toBe(false);
    const listed = result.log.listed.map((c) => [`${c.agb} ${c.code}`, c.year, c.causes.map((x) => x.kind)]);
    expect(listed).toEqual([
      [key(ws, r), '2025', ['nieuw']],
      [key(ws, r), '2024', ['verdwenen']],
    ]);
    expect(result.log.total).toBe(2);
  }
});

// a window of 3 rows: NIEUW and OUD are read again a few rows at a time, so changes wait on either side
test.each([undefined, 3])('listed in NIEUW order, the gone rows last, each with the numbers and review of its own OUD row (window %p)', async (window) => {
  const old = await example();
  await annotateWorkbook(old, pack, params, { now });
  const a = sheet(old);
  const col = (ws: ExcelJS.Worksheet, header: string) => {
    let found = 0;
    ws.getRow(3).eachCell((cell, c) => {
      if (cell.value === header) found = c;
    });
    return found;
  };
  const [tariff, review] = [col(a, 'Tariefwijzer tarief'), col(a, 'Tariefwijzer beoordeling')];
  const rows: number[] = [];
  for (let r = 4; r <= a.rowCount; r++) if (a.getCell(r, 3).value) rows.push(r);
  // every OUD row a verdict of its own, so a change given another row's details shows
  const oldTariff = new Map<string, number>();
  const verdict = new Map<string, string>();
  for (const r of rows) {
    a.getCell(r, review).value = 'akkoord';
    a.getCell(r, review + 1).value = `rij ${r}`;
    oldTariff.set(key(a, r), Number(a.getCell(r, tariff).value));
    verdict.set(key(a, r), `akkoord (rij ${r})`);
  }
  // NIEUW: the example's rows after the first in reverse order, the first cleared, under another richttarief (every row moves)
  const neu = await example();
  const b = sheet(neu);
  const gone = key(b, rows[0]);
  const values = rows.slice(1).map((r) => b.getRow(r).values as ExcelJS.CellValue[]);
  values.reverse().forEach((v, i) => (b.getRow(rows[i + 1]).values = v));
  b.getRow(rows[0]).values = [];
  await annotateWorkbook(neu, pack, resolveParameters(pack, { richttarief: '96' }).values, { now });
  const result = await compareWorkbooks(old, neu, { old: 'oud.xlsx', new: 'nieuw.xlsx' }, window);
  const order: string[] = [];
  for (let r = 4; r <= b.rowCount; r++) if (b.getCell(r, 3).value) order.push(key(b, r));
  const listed = result.log.listed;
  const keys = listed.map((c) => `${c.agb} ${c.code}`);
  // the rows whose numbers moved (not every row has a tariff the richttarief moves), in NIEUW's order
  expect(keys.length).toBeGreaterThan(order.length / 2);
  const goneKeys = [...oldTariff.keys()].filter((k) => !order.includes(k));
  expect(goneKeys).toEqual([gone]);
  // a subsequence of NIEUW's rows (a key may occur twice), then the gone row
  let at = -1;
  for (const k of keys.slice(0, -1)) {
    at = order.indexOf(k, at + 1);
    expect(at).toBeGreaterThanOrEqual(0);
  }
  expect(keys.at(-1)).toBe(gone);
  expect(listed.at(-1)!.causes.map((x) => x.kind)).toEqual(['verdwenen']);
  for (const c of listed.slice(0, -1)) expect(c.causes.map((x) => x.kind)).toEqual(['parameter']);
  for (const c of listed) {
    expect(Number(c.old!.tarief)).toBe(oldTariff.get(`${c.agb} ${c.code}`));
    expect(c.verdict).toBe(verdict.get(`${c.agb} ${c.code}`));
  }
});
