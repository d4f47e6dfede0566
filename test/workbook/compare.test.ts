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
