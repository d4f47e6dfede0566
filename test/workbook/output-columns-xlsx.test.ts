/**
 * Issue 27 on real packages: workbooks XlsxWriter wrote, with an empty merged area right of the data (K5:N5 on
 * the header row) or with hidden columns right of the data (K, L). The .xlsx adapter must put the own
 * columns in visible, unmerged columns, leave the merged area and the hidden columns as they were, keep every
 * part it does not own byte for byte, and write the same bytes on a re-run. Checked with Python's zipfile and
 * openpyxl, not with the code under test.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveParameters } from '../../src/domain/policy/load';
import { getPack } from '../../src/policies';
import { annotateWorkbook } from '../../src/workbook/jobs/annotate';
import { OUT, OUTPUT_HEADERS } from '../../src/workbook/headers';
import { XlsxWorkbook } from '../../src/workbook/xlsx/adapter';

jest.setTimeout(60_000);

const PY = '/usr/bin/python3';
const pack = getPack('zk-ggz-2025')!;
const params = resolveParameters(pack, { richttarief: '97,3' }).values;
const now = new Date('2026-11-24T12:00:00Z');

/** Header on row 5, data in A:J (six known columns and four of the user's own), rows 6–9. */
const MAKE = `
import sys, datetime, xlsxwriter
out, kind = sys.argv[1], sys.argv[2]
wb = xlsxwriter.Workbook(out)
wb.set_properties({'created': datetime.datetime(2026, 1, 1)})
ws = wb.add_worksheet('Aanbieders')
bold = wb.add_format({'bold': True})
ws.write('A1', 'Contractering GGZ 2025', bold)
ws.write_row('A5', ['AGB code', 'Naam zorgaanbieder', 'Prestatiecode', 'Zorgprofiel', 'Leveringsvorm', 'NZa maximumtarief',
                    'Contactpersoon', 'Telefoon', 'Status', 'Opmerking'], bold)
rows = [['73730001', 'Zorg Noord', 'Z1105', 'GGZ-W5', 'Verblijf', 300, 'Jansen', '050-1234567', 'open', 'eerste'],
        ['73730002', 'Zorg Oost', 'V1101', 'W1', 'VPT', 140, 'De Vries', '053-7654321', 'open', None],
        ['73730003', 'Zorg Zuid', 'Z1007', None, None, 412.18, 'Bakker', None, 'gesloten', 'tweede'],
        ['73730004', 'Zorg West', 'Z1105', 'GGZ-W5', 'Verblijf', 500, None, None, None, None]]
for r, row in enumerate(rows):
    for c, v in enumerate(row):
        if v is not None:
            ws.write_string(5 + r, c, v) if isinstance(v, str) else ws.write_number(5 + r, c, v)
if kind == 'merged':
    ws.merge_range('K5:N5', '', wb.add_format({'bg_color': '#DDEBF7'}))
else:
    ws.set_column('K:L', 12, None, {'hidden': True})
wb.close()
`;

const INSPECT = `
import hashlib, json, re, sys, zipfile, warnings
warnings.simplefilter('ignore')
import openpyxl
z = zipfile.ZipFile(sys.argv[1])
sheet = z.read('xl/worksheets/sheet1.xml').decode('utf-8')
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb['Aanbieders']
print(json.dumps({
  'entries': {n: hashlib.sha256(z.read(n)).hexdigest() for n in z.namelist()},
  'cols': re.findall(r'<col\\b[^>]*>', sheet),
  'mergeCells': re.findall(r'<mergeCells\\b.*?</mergeCells>', sheet),
  'merged': sorted(str(r) for r in ws.merged_cells.ranges),
  'hidden': sorted(c for d in ws.column_dimensions.values() if d.hidden for c in range(d.min, d.max + 1)),
  'header': [ws.cell(row=5, column=c).value for c in range(1, 31)],
  'first': [ws.cell(row=6, column=c).value for c in range(1, 31)],
}))
`;

interface Inspection {
  entries: Record<string, string>;
  cols: string[];
  mergeCells: string[];
  merged: string[];
  /** 1-based, as openpyxl counts. */
  hidden: number[];
  header: unknown[];
  first: unknown[];
}

let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-cols-'))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const inspect = (file: string): Inspection => JSON.parse(execFileSync(PY, ['-c', INSPECT, file], { encoding: 'utf8' }));

async function annotate(input: string, output: string): Promise<string[]> {
  const wb = await XlsxWorkbook.fromFile(input);
  const out = await annotateWorkbook(wb, pack, params, { now });
  await wb.save(output);
  return out.warnings;
}

/** The parts a run may change: the data sheet, its own new sheet, and the workbook's lists and styles. */
const MAY_CHANGE = ['xl/worksheets/sheet1.xml', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', '[Content_Types].xml', 'xl/styles.xml'];

test.each([
  ['merged', 'an empty merged area K5:N5 right of the data', 14, /de cellen K5:N5 samengevoegd/],
  ['hidden', 'hidden columns K and L right of the data', 12, /de kolommen K, L verborgen/],
])('%s: %s: our columns land in visible, unmerged columns; the rest is as it was; a re-run is byte-identical', async (kind, _title, first, said) => {
  const input = path.join(dir, `${kind}.xlsx`);
  execFileSync(PY, ['-c', MAKE, input, kind]);
  const before = inspect(input);
  // the fixture is what the test says it is
  expect(kind === 'merged' ? before.merged : before.hidden).toEqual(kind === 'merged' ? ['K5:N5'] : [11, 12]);

  const once = path.join(dir, `${kind}-1.xlsx`);
  const warnings = await annotate(input, once);
  const after = inspect(once);
  // ours: the headers side by side from `first` on, none hidden, none under a merged area
  const width = OUTPUT_HEADERS.length;
  expect(after.header.slice(first, first + width)).toEqual([...OUTPUT_HEADERS]);
  expect(after.header.slice(10, first)).toEqual(new Array(first - 10).fill(null));
  expect(after.first[first]).toBeCloseTo(0.993, 10);
  expect(after.first[first + 1]).toBe(297.9);
  expect(after.merged).toEqual(before.merged);
  // the record column is written hidden (it is for the next run); the user's hidden columns stay hidden
  const record = first + OUT.record;
  expect(after.hidden).toEqual([...before.hidden, record + 1]);
  const letters = (c: number) => String.fromCharCode(65 + c);
  for (let c = first; c < first + width; c++) {
    if (c !== record) expect(after.hidden).not.toContain(c + 1);
    expect(after.merged.some((m) => m.includes(letters(c)))).toBe(false);
  }
  // the user's <col> elements and <mergeCells> byte for byte (the run adds widths for its own columns only);
  // every part we do not own byte for byte
  expect(after.cols.filter((c) => before.cols.includes(c))).toEqual(before.cols);
  for (const col of after.cols.filter((c) => !before.cols.includes(c))) {
    const [min, max] = [/min="(\d+)"/, /max="(\d+)"/].map((re) => Number(re.exec(col)![1]) - 1);
    expect({ col, ours: min >= first && max <= first + width - 1 }).toEqual({ col, ours: true });
  }
  expect(after.mergeCells).toEqual(before.mergeCells);
  for (const [name, hash] of Object.entries(before.entries))
    if (!MAY_CHANGE.includes(name)) expect({ name, hash: after.entries[name] }).toEqual({ name, hash });
  expect(warnings.join('\n')).toMatch(said);
  expect(warnings.join('\n')).toMatch(new RegExp(`de Tariefwijzer-kolommen staan in de kolommen ${letters(first)} tot en met ${letters(first + width - 1)}`));

  // a re-run finds its own columns by their headers; it adds the change sheet (issue 25), and from then on a
  // run writes the same bytes
  const twice = path.join(dir, `${kind}-2.xlsx`);
  expect(await annotate(once, twice)).toEqual(warnings);
  const thrice = path.join(dir, `${kind}-3.xlsx`);
  expect(await annotate(twice, thrice)).toEqual(warnings);
  expect(fs.readFileSync(thrice).equals(fs.readFileSync(twice))).toBe(true);
});
