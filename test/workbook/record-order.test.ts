/**
 * The record column (Tariefwijzer invoer) is the last own column and written hidden; a workbook annotated when it
 * stood fifth (after the toelichting) is recognised by its headers, compared with as it is, and rewritten in the
 * current order: the verdicts move with their rows' review, the review list moves, no user cell changes (issue 25).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveParameters } from '../../src/domain/policy/load';
import { getPack } from '../../src/policies';
import { FakeExcel, fakeContext, type SeedValue } from '../../src/demo-host/fake-excel';
import { annotateWorkbook } from '../../src/workbook/jobs/annotate';
import { decodeRecord } from '../../src/workbook/jobs/row-record';
import { OUT, OUTPUT_HEADERS, OUTPUT_ORDERS } from '../../src/workbook/headers';
import { META_SHEET } from '../../src/workbook/names';
import { CHANGES_SHEET } from '../../src/workbook/jobs/change-sheet';
import { OfficeWorkbook } from '../../src/workbook/office/adapter';
import { columnName } from '../../src/workbook/port';
import { XlsxWorkbook } from '../../src/workbook/xlsx/adapter';
import { workbookFrom } from './helpers';

jest.setTimeout(60_000);

const pack = getPack('zk-ggz-2025')!;
const params = resolveParameters(pack, { richttarief: '97,3' }).values;
const now = new Date('2026-12-01T10:00:00Z');
const PY = '/usr/bin/python3';
/** The data fill columns A:F; the own block starts at G. */
const FIRST = 6;
const OLD = OUTPUT_ORDERS.recordFifth;
const OWN_SHEETS = [META_SHEET, CHANGES_SHEET];

function rows(): SeedValue[][] {
  return [
    ['AGB-code', 'Zorgaanbieder', 'Prestatiecode', 'Zorgprofiel', 'Leveringsvorm', 'NZa maximumtarief'],
    ['73730001', 'Zorg BV', 'Z1105', 'GGZ-W5', 'Verblijf', 300],
    ['73730002', 'Beschermd Wonen', 'V1101', 'W1', 'VPT', 140],
    ['73730003', 'Zorg Zuid', 'Z1007', 'GGZ-W5', 'Verblijf', 412.18],
  ];
}

/** Block column (0-based, from FIRST) of an own column in the record-fifth order. */
const oldAt = (k: number) => OLD.indexOf(OUTPUT_HEADERS[k]);

test('a first run: the record is the last own column, hidden; the review sits right after the results', async () => {
  const fake = FakeExcel.from({ Aanbieders: rows() });
  await annotateWorkbook(new OfficeWorkbook(fakeContext(fake), { dataValidation: true }), pack, params, { now });
  const sheet = fake.sheet('Aanbieders')!;
  const header = OUTPUT_HEADERS.map((_, i) => sheet.cell(0, FIRST + i)?.value);
  expect(header).toEqual([...OUTPUT_HEADERS]);
  expect(OUT.record).toBe(OUTPUT_HEADERS.length - 1);
  expect(OUT.review).toBe(OUT.explanation + 1);
  expect([...sheet.hiddenColumns]).toEqual([FIRST + OUT.record]);
  expect(decodeRecord(sheet.cell(1, FIRST + OUT.record)?.value as string)?.agb).toBe('73730001');
  // a rerun leaves it hidden without a word; a user who shows it keeps it shown
  const again = await annotateWorkbook(new OfficeWorkbook(fakeContext(fake), { dataValidation: true }), pack, params, { now });
  expect(again.warnings.filter((w) => /verborgen/.test(w))).toEqual([]);
  expect([...sheet.hiddenColumns]).toEqual([FIRST + OUT.record]);
  sheet.hiddenColumns.clear();
  await annotateWorkbook(new OfficeWorkbook(fakeContext(fake), { dataValidation: true }), pack, params, { now });
  expect([...sheet.hiddenColumns]).toEqual([]);
});

test('simulated Excel: a block in the record-fifth order is compared as it is and rewritten in the current order', async () => {
  const fake = FakeExcel.from({ Aanbieders: rows() });
  const port = () => new OfficeWorkbook(fakeContext(fake), { dataValidation: true });
  await annotateWorkbook(port(), pack, params, { now });
  const sheet = fake.sheet('Aanbieders')!;
  // what the version with the record fifth left: its order, nothing hidden, the list on its review column
  for (let r = 0; r < rows().length; r++) {
    const line = OUTPUT_HEADERS.map((_, k) => {
      const cell = sheet.cell(r, FIRST + k);
      return cell && { value: cell.value, type: cell.type, numberFormat: cell.numberFormat };
    });
    OUTPUT_HEADERS.forEach((_, k) => {
      const cell = line[k];
      const at = sheet.ensure(r, FIRST + oldAt(k));
      Object.assign(at, { value: cell?.value ?? '', type: cell?.type ?? 'Empty', numberFormat: cell?.numberFormat ?? 'General' });
    });
  }
  sheet.hiddenColumns.clear();
  sheet.validations = sheet.validations.map((v) => ({ ...v, box: { ...v.box, column: FIRST + oldAt(OUT.review) } }));
  const put = (r: number, c: number, v: string | number) => Object.assign(sheet.ensure(r, c), { value: v, type: typeof v === 'number' ? 'Double' : 'String' });
  put(1, FIRST + oldAt(OUT.review), 'akkoord');
  put(1, FIRST + oldAt(OUT.reviewer), 'J. de Vries');
  put(3, FIRST + oldAt(OUT.review), 'akkoord');
  // one planted change: row 4's NZa maximum
  put(3, 5, 420);
  const user = fake.snapshot({ sheets: OWN_SHEETS, fromColumn: { Aanbieders: FIRST } });

  const out = await annotateWorkbook(port(), pack, params, { now });
  expect(out.warnings.filter((w) => /Losse|verborgen/.test(w))).toEqual([]);
  expect(OUTPUT_HEADERS.map((_, i) => sheet.cell(0, FIRST + i)?.value)).toEqual([...OUTPUT_HEADERS]);
  // compared with the old block: exactly the planted change, its verdict kept in the change list and reset
  expect(out.changes!.firstListed(out.changes!.listedCount).map((c) => [c.row, c.causes.map((x) => x.kind), c.verdict])).toEqual([
    [3, ['maximumtarief'], 'akkoord'],
  ]);
  expect([1, 2, 3].map((r) => reviewAt(sheet, r))).toEqual([
    ['akkoord', 'J. de Vries', ''],
    ['open', '', ''],
    ['open', '', ''],
  ]);
  for (const r of [1, 2, 3]) expect(decodeRecord(sheet.cell(r, FIRST + OUT.record)?.value as string)?.agb).toBe(rows()[r][0]);
  expect([...sheet.hiddenColumns]).toEqual([FIRST + OUT.record]);
  expect(sheet.validations.map((v) => v.box.column)).toEqual([FIRST + OUT.review]);
  expect(fake.snapshot({ sheets: OWN_SHEETS, fromColumn: { Aanbieders: FIRST } })).toBe(user);

  // from then on a rerun changes nothing in the sheet (the change sheet now says: no changes)
  const settled = fake.snapshot({ sheets: [CHANGES_SHEET] });
  const again = await annotateWorkbook(port(), pack, params, { now });
  expect(again.changes!.total).toBe(0);
  expect(fake.snapshot({ sheets: [CHANGES_SHEET] })).toBe(settled);
  expect([...sheet.hiddenColumns]).toEqual([FIRST + OUT.record]);
});

function reviewAt(sheet: NonNullable<ReturnType<FakeExcel['sheet']>>, r: number): unknown[] {
  return [OUT.review, OUT.reviewer, OUT.reviewed].map((k) => sheet.cell(r, FIRST + k)?.value ?? '');
}

/** openpyxl rewrites an annotated package in the record-fifth order: cells, the review list, nothing hidden. */
const TO_RECORD_FIFTH = `
import sys, json, openpyxl
from openpyxl.utils import get_column_letter as L
src, dst, first, perm = sys.argv[1], sys.argv[2], int(sys.argv[3]), json.loads(sys.argv[4])
wb = openpyxl.load_workbook(src)
ws = wb['Aanbieders']
for r in range(1, ws.max_row + 1):
    cells = [ws.cell(row=r, column=first + 1 + k) for k in range(len(perm))]
    saved = [(c.value, c.number_format) for c in cells]
    for k, (v, f) in enumerate(saved):
        c = ws.cell(row=r, column=first + 1 + perm[k])
        c.value, c.number_format = v, f
for d in ws.column_dimensions.values():
    d.hidden = False
for dv in ws.data_validations.dataValidation:
    dv.sqref = openpyxl.worksheet.cell_range.MultiCellRange(str(dv.sqref).replace(L(first + 1 + ${OUT.review}), L(first + 1 + perm[${OUT.review}])))
ws.cell(row=2, column=first + 1 + perm[${OUT.review}]).value = 'akkoord'
wb.save(dst)
`;

const INSPECT = `
import sys, json, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])['Aanbieders']
print(json.dumps({
  'header': [ws.cell(row=1, column=c).value for c in range(1, 15)],
  'row2': [ws.cell(row=2, column=c).value for c in range(1, 15)],
  'hidden': sorted(c for d in ws.column_dimensions.values() if d.hidden for c in range(d.min, d.max + 1)),
  'lists': sorted(str(d.sqref) for d in ws.data_validations.dataValidation),
}, default=str))
`;

test('.xlsx: a package in the record-fifth order is rewritten in the current order; a second rerun writes the same bytes', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-order-'));
  try {
    const first = path.join(dir, 'first.xlsx');
    await workbookFrom({ Aanbieders: rows() }).workbook.xlsx.writeFile(path.join(dir, 'in.xlsx'));
    const run = async (from: string, to: string) => {
      const wb = await XlsxWorkbook.fromFile(from);
      const out = await annotateWorkbook(wb, pack, params, { now });
      await wb.save(to);
      return out;
    };
    await run(path.join(dir, 'in.xlsx'), first);
    const old = path.join(dir, 'old.xlsx');
    execFileSync(PY, ['-c', TO_RECORD_FIFTH, first, old, String(FIRST), JSON.stringify(OUTPUT_HEADERS.map((_, k) => oldAt(k)))]);
    const inspect = (file: string) => JSON.parse(execFileSync(PY, ['-c', INSPECT, file], { encoding: 'utf8' }));
    const before = inspect(old);
    expect(before.header.slice(FIRST, FIRST + OLD.length)).toEqual([...OLD]);
    expect(before.hidden).toEqual([]);

    const moved = path.join(dir, 'moved.xlsx');
    const out = await run(old, moved);
    expect(out.changes!.total).toBe(0);
    const after = inspect(moved);
    expect(after.header.slice(FIRST, FIRST + OUTPUT_HEADERS.length)).toEqual([...OUTPUT_HEADERS]);
    expect(after.header.slice(0, FIRST)).toEqual(before.header.slice(0, FIRST));
    expect(after.row2.slice(0, FIRST)).toEqual(before.row2.slice(0, FIRST));
    expect(after.row2[FIRST + OUT.review]).toBe('akkoord');
    expect(decodeRecord(after.row2[FIRST + OUT.record])?.agb).toBe('73730001');
    expect(after.hidden).toEqual([FIRST + OUT.record + 1]);
    const review = columnName(FIRST + OUT.review);
    expect(after.lists).toEqual([`${review}2:${review}4`]);

    const again = path.join(dir, 'again.xlsx');
    const thrice = path.join(dir, 'thrice.xlsx');
    await run(moved, again);
    await run(again, thrice);
    expect(fs.readFileSync(thrice).equals(fs.readFileSync(again))).toBe(true);
    expect(inspect(again)).toEqual(after);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** XlsxWriter: one `<col>` over A:AD (a width set on the whole area), the data in A:F. */
const WIDE = `
import sys, datetime, xlsxwriter
wb = xlsxwriter.Workbook(sys.argv[1])
wb.set_properties({'created': datetime.datetime(2026, 1, 1)})
ws = wb.add_worksheet('Aanbieders')
ws.set_column('A:AD', 15)
for r, row in enumerate(json_rows):
    for c, v in enumerate(row):
        ws.write_string(r, c, v) if isinstance(v, str) else ws.write_number(r, c, v)
wb.close()
`;

test('.xlsx: a <col> that covers the record column is split around it; the rest keeps its width', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-wide-'));
  try {
    const input = path.join(dir, 'wide.xlsx');
    execFileSync(PY, ['-c', `import json\njson_rows = json.loads(${JSON.stringify(JSON.stringify(rows()))})\n${WIDE}`, input]);
    const runs = [path.join(dir, 'a.xlsx'), path.join(dir, 'b.xlsx'), path.join(dir, 'c.xlsx')];
    let from = input;
    for (const to of runs) {
      const wb = await XlsxWorkbook.fromFile(from);
      await annotateWorkbook(wb, pack, params, { now });
      await wb.save(to);
      from = to;
    }
    const script = `import sys, json, zipfile, re\nprint(json.dumps(re.findall(r'<col\\b[^>]*>', zipfile.ZipFile(sys.argv[1]).read('xl/worksheets/sheet1.xml').decode())))`;
    const cols = (file: string): string[] => JSON.parse(execFileSync(PY, ['-c', script, file], { encoding: 'utf8' }));
    expect(cols(input)).toEqual(['<col min="1" max="30" width="15.7109375" customWidth="1"/>']);
    const n = FIRST + OUT.record + 1;
    expect(cols(runs[0])).toEqual([
      `<col min="1" max="${n - 1}" width="15.7109375" customWidth="1"/>`,
      `<col min="${n}" max="${n}" width="15.7109375" customWidth="1" hidden="1"/>`,
      `<col min="${n + 1}" max="30" width="15.7109375" customWidth="1"/>`,
    ]);
    // a rerun finds it hidden and leaves the package as it is
    expect(fs.readFileSync(runs[2]).equals(fs.readFileSync(runs[1]))).toBe(true);
    expect(cols(runs[2])).toEqual(cols(runs[0]));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
