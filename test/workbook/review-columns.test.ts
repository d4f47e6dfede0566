/**
 * The review column (Tariefwijzer beoordeling) as a list validation, written by both adapters and replaced, not
 * added to, by a rerun; verdicts on the simulated Excel host kept where numbers stand (issue 25, four eyes).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveParameters } from '../../src/domain/policy/load';
import { getPack } from '../../src/policies';
import { FakeExcel, fakeContext, type SeedValue } from '../../src/demo-host/fake-excel';
import { OfficeWorkbook } from '../../src/workbook/office/adapter';
import { annotateWorkbook } from '../../src/workbook/jobs/annotate';
import { readReviewCounts } from '../../src/workbook/jobs/review';
import { OUTPUT_HEADERS } from '../../src/workbook/headers';
import { REVIEW_VERDICTS } from '../../src/workbook/names';
import { columnName } from '../../src/workbook/port';
import { XlsxWorkbook } from '../../src/workbook/xlsx/adapter';
import { workbookFrom } from './helpers';

const pack = getPack('zk-ggz-2025')!;
const params = resolveParameters(pack, { richttarief: '97,3' }).values;
const REVIEW = OUTPUT_HEADERS.indexOf('Tariefwijzer beoordeling');

function rows(): SeedValue[][] {
  return [
    ['AGB-code', 'Zorgaanbieder', 'Prestatiecode', 'Zorgprofiel', 'Leveringsvorm', 'NZa maximumtarief'],
    ['73730001', 'Zorg BV', 'Z1105', 'GGZ-W5', 'Verblijf', 300],
    ['73730002', 'Beschermd Wonen', 'V1101', 'W1', 'VPT', 140],
  ];
}

test('.xlsx: one list validation on the review column, replaced by a rerun, beside the user’s own rule', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-review-'));
  const file = path.join(dir, 'in.xlsx');
  const built = workbookFrom({ Aanbieders: rows() });
  // the user's own list on column B stays
  built.workbook.getWorksheet('Aanbieders')!.getCell('B2').dataValidation = { type: 'list', allowBlank: true, formulae: ['"a,b"'] };
  await built.workbook.xlsx.writeFile(file);
  for (let run = 0; run < 2; run++) {
    const wb = await XlsxWorkbook.fromFile(file);
    await annotateWorkbook(wb, pack, params);
    await wb.save(file);
  }
  const script = `import openpyxl,json,sys\nws=openpyxl.load_workbook(sys.argv[1])['Aanbieders']\nprint(json.dumps([[str(d.sqref),d.type,d.formula1] for d in ws.data_validations.dataValidation]))`;
  const out = spawnSync('/usr/bin/python3', ['-c', script, file], { encoding: 'utf8' });
  expect(out.stderr).toBe('');
  const column = columnName(6 + REVIEW);
  expect(JSON.parse(out.stdout)).toEqual([
    ['B2', 'list', '"a,b"'],
    [`${column}2:${column}3`, 'list', `"${REVIEW_VERDICTS.join(',')}"`],
  ]);
});

test('simulated Excel: the list where the host has ExcelApi 1.8, none without; verdicts kept by an unchanged rerun', async () => {
  const fake = FakeExcel.from({ Aanbieders: rows() });
  const port = () => new OfficeWorkbook(fakeContext(fake), { dataValidation: true });
  await annotateWorkbook(port(), pack, params);
  const sheet = fake.sheet('Aanbieders')!;
  const column = 6 + REVIEW;
  const tariff = 6 + OUTPUT_HEADERS.indexOf('Tariefwijzer tarief');
  expect(sheet.validations).toEqual([{ box: { row: 1, column, rows: 2, columns: 1 }, source: REVIEW_VERDICTS.join(','), inCellDropDown: true }]);
  const put = (r: number, c: number, v: string | number) => Object.assign(sheet.ensure(r, c), { value: v, type: typeof v === 'number' ? 'Double' : 'String' });
  put(1, column, 'akkoord');
  put(1, column + 1, 'J. de Vries');
  await annotateWorkbook(port(), pack, params);
  expect(sheet.validations).toHaveLength(1);
  expect(sheet.cell(1, column)?.value).toBe('akkoord');
  expect(sheet.cell(1, column + 1)?.value).toBe('J. de Vries');
  expect(sheet.cell(2, column)?.value).toBe('open');
  // a moved number sets the verdict back to open
  const before = sheet.cell(1, tariff)?.value;
  expect(typeof before).toBe('number');
  put(1, 5, 310);
  await annotateWorkbook(port(), pack, params);
  expect(sheet.cell(1, tariff)?.value).not.toBe(before);
  expect(sheet.cell(1, column)?.value).toBe('open');
  expect(sheet.cell(1, column + 1)?.value).toBe('');

  const older = FakeExcel.from({ Aanbieders: rows() });
  await annotateWorkbook(new OfficeWorkbook(fakeContext(older)), pack, params);
  expect(older.sheet('Aanbieders')!.validations).toEqual([]);
});

test('the review counts and the open rows, read from the cells', async () => {
  const fake = FakeExcel.from({ Aanbieders: rows() });
  const port = new OfficeWorkbook(fakeContext(fake), { dataValidation: true });
  expect(await readReviewCounts(port)).toBeUndefined();
  await annotateWorkbook(port, pack, params);
  const sheet = fake.sheet('Aanbieders')!;
  const column = 6 + REVIEW;
  const data = rows().length - 1;
  expect(await readReviewCounts(port)).toEqual({ sheet: 'Aanbieders', counts: { open: data }, openRows: Array.from({ length: data }, (_, i) => i + 1) });
  Object.assign(sheet.ensure(1, column), { value: 'akkoord', type: 'String' });
  expect(await readReviewCounts(port)).toEqual({
    sheet: 'Aanbieders',
    counts: { open: data - 1, akkoord: 1 },
    openRows: Array.from({ length: data - 1 }, (_, i) => i + 2),
  });
});

test('the counts read the review cells, and the long record texts only where a verdict is empty', async () => {
  // enough rows that their records outweigh the header rows read whole (HEADER_SCAN_ROWS) and the metadata sheet
  const n = 400;
  const many = [rows()[0], ...Array.from({ length: n }, (_, i) => ['7373' + String(1000 + i), `Zorg ${i}`, 'Z1105', 'GGZ-W5', 'Verblijf', 300 + i])];
  const fake = FakeExcel.from({ Aanbieders: many });
  const port = () => new OfficeWorkbook(fakeContext(fake), { dataValidation: true });
  await annotateWorkbook(port(), pack, params);
  const sheet = fake.sheet('Aanbieders')!;
  const records = Array.from({ length: n }, (_, i) => String(sheet.cell(i + 1, 6 + OUTPUT_HEADERS.indexOf('Tariefwijzer invoer'))?.value ?? ''));
  const recordBytes = records.reduce((n, r) => n + r.length, 0);
  expect(records.every((r) => r.startsWith('["tw1"'))).toBe(true);
  const read = async () => {
    fake.resetCounters();
    const counts = await readReviewCounts(port());
    return { counts, bytes: fake.responses.reduce((a, b) => a + b, 0), syncs: fake.syncCount };
  };
  const full = await read();
  expect(full.counts?.counts).toEqual({ open: n });
  // every verdict is there: no record text comes back
  expect(full.bytes).toBeLessThan(recordBytes);
  // a person cleared two verdicts: those rows count as open, read from their records in one more round trip
  const column = 6 + REVIEW;
  Object.assign(sheet.ensure(5, column), { value: '', type: 'Empty' });
  Object.assign(sheet.ensure(9, column), { value: '', type: 'Empty' });
  Object.assign(sheet.ensure(7, column), { value: 'akkoord', type: 'String' });
  const cleared = await read();
  expect(cleared.counts?.counts).toEqual({ open: n - 1, akkoord: 1 });
  expect(cleared.counts?.openRows).toEqual([...Array.from({ length: n }, (_, i) => i + 1).filter((r) => r !== 7)]);
  expect(cleared.syncs).toBe(full.syncs + 1);
  // a row below the data without a record and without a verdict is no row of the review
  Object.assign(sheet.ensure(n + 5, 0), { value: 'notitie', type: 'String' });
  expect((await read()).counts?.counts).toEqual({ open: n - 1, akkoord: 1 });
});
