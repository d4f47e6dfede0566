/**
 * Legal XML the package editor must respect, on workbooks XlsxWriter wrote (test/fixtures/packages/make_databar.py):
 * an Excel 2010 data bar (a <cfRule> with its own <extLst>, and the sheet's <extLst> after it) under annotate and
 * herschik, and a styles.xml whose <extLst> holds an <x14:dxfs> where the main <dxfs> is missing. After a run the
 * top-level children of <worksheet> are in the schema's order, our rules are there once, a run on the output gives
 * the same bytes, every part that is not ours is byte-identical, and openpyxl and LibreOffice open the result.
 * Packages are inspected by Python's zipfile and ElementTree, not by the code under test.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from './run';

jest.setTimeout(180_000);

const PY = '/usr/bin/python3';
let dir: string;

/** Children of <worksheet> in the order of CT_Worksheet (ECMA-376 Part 1, 18.3.1.99). */
const CT_WORKSHEET = [
  'sheetPr',
  'dimension',
  'sheetViews',
  'sheetFormatPr',
  'cols',
  'sheetData',
  'sheetCalcPr',
  'sheetProtection',
  'protectedRanges',
  'scenarios',
  'autoFilter',
  'sortState',
  'dataConsolidate',
  'customSheetViews',
  'mergeCells',
  'phoneticPr',
  'conditionalFormatting',
  'dataValidations',
  'hyperlinks',
  'printOptions',
  'pageMargins',
  'pageSetup',
  'headerFooter',
  'rowBreaks',
  'colBreaks',
  'customProperties',
  'cellWatches',
  'ignoredErrors',
  'smartTags',
  'drawing',
  'legacyDrawing',
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
];

const INSPECT = `
import hashlib, json, sys, zipfile, warnings, posixpath
import xml.etree.ElementTree as ET
warnings.simplefilter('ignore')
import openpyxl
out = {}
for f in sys.argv[1:]:
    z = zipfile.ZipFile(f)
    entries = {n: hashlib.sha256(z.read(n)).hexdigest() for n in z.namelist()}
    R = '{http://schemas.openxmlformats.org/officeDocument/2006/relationships}'
    rels = {r.get('Id'): r.get('Target') for r in ET.fromstring(z.read('xl/_rels/workbook.xml.rels'))}
    parts = {s.get('name'): posixpath.normpath('xl/' + rels[s.get(R + 'id')]) for s in ET.fromstring(z.read('xl/workbook.xml')).iter('{http://schemas.openxmlformats.org/spreadsheetml/2006/main}sheet')}
    sheets = {}
    for name, part in parts.items():
        root = ET.fromstring(z.read(part))
        sheets[name] = {'part': part, 'children': [c.tag.split('}')[1] for c in root],
                        'ext': [ET.tostring(c).decode() for c in root if c.tag.endswith('}extLst')],
                        'ours': z.read(part).decode().count('ISNUMBER(FIND(')}
    styles = ET.fromstring(z.read('xl/styles.xml'))
    main = [c for c in styles if c.tag.endswith('}dxfs')]
    wb = openpyxl.load_workbook(f)
    out[f] = {'entries': entries, 'sheets': sheets, 'styleChildren': [c.tag.split('}')[1] for c in styles],
              'mainDxfs': len(main[0]) if main else 0, 'openpyxlSheets': wb.sheetnames,
              'x14dxfs': z.read('xl/styles.xml').decode().count('<x14:dxfs count="1">')}
print(json.dumps(out))
`;

interface Inspection {
  entries: Record<string, string>;
  sheets: Record<string, { part: string; children: string[]; ext: string[]; ours: number }>;
  styleChildren: string[];
  mainDxfs: number;
  openpyxlSheets: string[];
  x14dxfs: number;
}

function inspect(...files: string[]): Record<string, Inspection> {
  return JSON.parse(execFileSync(PY, ['-c', INSPECT, ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
}

const ANNOTATE = ['annotate', '--policy', 'zk-ggz-2025', '--set', 'richttarief=97,3'];
const HERSCHIK = ['herschik', '--policy', 'zk-ggz-2025', '--set', 'richttarief=96', '--set', 'peildatum=2025-07-31'];
const CASES = [
  { file: 'databalk.xlsx', args: ANNOTATE, sheet: 'GGZ' },
  { file: 'databalk-productie.xlsx', args: HERSCHIK, sheet: 'Productie 2025' },
  { file: 'stijlen-x14.xlsx', args: ANNOTATE, sheet: 'GGZ' },
];
/** Parts a run may change or add; every other entry of the input stays byte for byte. */
const OURS =
  /^(xl\/worksheets\/sheet\d+\.xml|xl\/worksheets\/_rels\/.*|xl\/styles\.xml|xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|\[Content_Types\]\.xml|xl\/comments\d*\.xml|xl\/drawings\/.*|xl\/charts\/tariefwijzer-.*)$/;

async function run(args: string[], input: string, output: string): Promise<void> {
  const [command, ...rest] = args;
  const result = await runCli(command, input, ...rest, '--out', output);
  // written: 0, or 3 when the result asks for action (herschik's production example is over its contracteerruimte)
  expect({ written: [0, 3].includes(result.code), failed: /Fout/.test(result.err) }).toEqual({ written: true, failed: false });
}

const outputs: string[] = [];
let results: Record<string, Inspection>;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-xml-'));
  execFileSync(PY, [path.join(__dirname, '../fixtures/packages/make_databar.py'), dir], { stdio: 'pipe' });
  for (const c of CASES) {
    const once = path.join(dir, `1-${c.file}`);
    const twice = path.join(dir, `2-${c.file}`);
    await run(c.args, path.join(dir, c.file), once);
    await run(c.args, once, twice);
    outputs.push(once, twice);
  }
  results = inspect(...CASES.map((c) => path.join(dir, c.file)), ...outputs);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe.each(CASES)('$file ($args.0)', ({ file, sheet }) => {
  const input = () => results[path.join(dir, file)];
  const once = () => results[path.join(dir, `1-${file}`)];
  const twice = () => results[path.join(dir, `2-${file}`)];

  test('the sheet keeps the schema order of its top-level elements, with our rules once', () => {
    for (const r of [once(), twice()]) {
      const children = r.sheets[sheet].children;
      const order = children.map((c) => CT_WORKSHEET.indexOf(c));
      expect(order).not.toContain(-1);
      expect(order).toEqual([...order].sort((a, b) => a - b));
      // each of our two highlight rules (warning, error) once, in one conditionalFormatting of the sheet's own
      expect(r.sheets[sheet].ours).toBe(2);
      expect(children.filter((c) => c === 'conditionalFormatting').length).toBe(
        input().sheets[sheet].children.filter((c) => c === 'conditionalFormatting').length + 1,
      );
      // the user's extLst (the data bar's 2010 part) is as it was
      expect(r.sheets[sheet].ext).toEqual(input().sheets[sheet].ext);
    }
  });

  test('a second run gives the same bytes; every part that is not ours is byte-identical to the input', () => {
    const meta = once().sheets.Tariefwijzer?.part;
    const changed = Object.keys(once().entries).filter((n) => once().entries[n] !== twice().entries[n]);
    expect(changed.filter((n) => n !== meta)).toEqual([]);
    expect(Object.keys(twice().entries).sort()).toEqual(Object.keys(once().entries).sort());
    for (const [name, hash] of Object.entries(input().entries)) {
      expect(name in once().entries).toBe(true);
      if (!OURS.test(name)) expect({ name, same: once().entries[name] === hash }).toEqual({ name, same: true });
    }
    expect(once().openpyxlSheets).toEqual([...input().openpyxlSheets, ...once().openpyxlSheets.slice(input().openpyxlSheets.length)]);
  });
});

test('styles.xml with an <x14:dxfs> in its extLst: our fills go to a main <dxfs> in schema order, the extLst stays', () => {
  const before = results[path.join(dir, 'stijlen-x14.xlsx')];
  const after = results[path.join(dir, '1-stijlen-x14.xlsx')];
  expect(before.mainDxfs).toBe(0);
  expect(after.mainDxfs).toBe(2); // warning and error fill
  expect(after.x14dxfs).toBe(1);
  // CT_Stylesheet (ECMA-376 Part 1, 18.8.39): what was there stays, what we add goes in its place in the sequence
  const order = ['numFmts', 'fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs', 'cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst'];
  const at = after.styleChildren.map((c) => order.indexOf(c));
  expect(at).toEqual([...at].sort((a, b) => a - b));
  expect(after.styleChildren.filter((c) => !before.styleChildren.includes(c)).sort()).toEqual(['dxfs', 'numFmts']);
});

test('LibreOffice converts every output (one start for all)', () => {
  const converted = path.join(dir, 'lo');
  execFileSync(
    'soffice',
    [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--convert-to', 'csv', '--outdir', converted, ...outputs],
    {
      stdio: 'pipe',
      env: { ...process.env, HOME: dir },
    },
  );
  for (const f of outputs) {
    const csv = fs.readFileSync(path.join(converted, path.basename(f).replace(/\.xlsx$/, '.csv')), 'utf8');
    expect(csv).toContain('Tariefwijzer');
  }
});
