/**
 * A run keeps everything that is not Tariefwijzer's: on workbooks made by XlsxWriter and openpyxl (charts, a
 * chart sheet, tables with a totals row, validations, conditional formats, notes of several authors, defined
 * names, protection, a VBA project, Aptos/Arial default fonts, sparklines, buttons, text boxes, a threaded comment
 * with its legacy note, an external link and a formula using it) and by LibreOffice (a pivot table with its cache), every zip entry
 * outside the allowed list is byte-identical after annotate and herschik, the allowed ones change only as
 * allowed, the user's cells are unchanged (read by openpyxl), and the result opens in LibreOffice and openpyxl.
 * Packages are compared by Python's zipfile, not by the code under test. Fixtures: test/fixtures/packages/make.py
 * and (committed) make_pivot.py.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from './run';

jest.setTimeout(240_000);

const PY = '/usr/bin/python3';
let dir: string;

const INSPECT = `
import hashlib, json, sys, zipfile, warnings
warnings.simplefilter('ignore')
import openpyxl
z = zipfile.ZipFile(sys.argv[1])
entries = {n: hashlib.sha256(z.read(n)).hexdigest() for n in z.namelist()}
texts = {n: z.read(n).decode('utf-8') for n in z.namelist() if n in ('xl/workbook.xml', 'xl/_rels/workbook.xml.rels', '[Content_Types].xml', 'xl/styles.xml')}
wb = openpyxl.load_workbook(sys.argv[1], keep_vba=sys.argv[1].endswith('.xlsm'))
cells = {}
for ws in wb.worksheets:
    cells[ws.title] = {c.coordinate: repr(c.value) for row in ws.iter_rows() for c in row if c.value is not None}
print(json.dumps({'entries': entries, 'texts': texts, 'cells': cells, 'sheets': wb.sheetnames}))
`;

interface Inspection {
  entries: Record<string, string>;
  texts: Record<string, string>;
  cells: Record<string, Record<string, string>>;
  sheets: string[];
}

function inspect(file: string): Inspection {
  return JSON.parse(execFileSync(PY, ['-c', INSPECT, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-pkg-'));
  execFileSync(PY, [path.join(__dirname, '../fixtures/packages/make.py'), dir], { stdio: 'pipe' });
  // committed: LibreOffice (UNO DataPilot) made it with make_pivot.py; a pivot table with its cache and records
  fs.copyFileSync(path.join(__dirname, '../fixtures/packages/libreoffice-draaitabel.xlsx'), path.join(dir, 'libreoffice-draaitabel.xlsx'));
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Entries a run may change or add, by the rules of the issue; everything else must be byte-identical. */
function allowed(name: string, dataSheets: string[], own: string[]): boolean {
  return (
    ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', '[Content_Types].xml', 'xl/styles.xml'].includes(name) ||
    dataSheets.includes(name) ||
    own.some((o) => name === o || name.startsWith(o)) ||
    /^xl\/(comments|drawings\/vmlDrawing|drawings\/commentsDrawing|comments\/comment)\d*\.(xml|vml)$/.test(name)
  );
}

/** The user's cells: every cell of every sheet but Tariefwijzer's own, minus the columns headed "Tariefwijzer …". */
function userCells(i: Inspection): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [sheet, cells] of Object.entries(i.cells)) {
    if (sheet.startsWith('Tariefwijzer')) continue;
    const ours = new Set(
      Object.entries(cells)
        .filter(([, v]) => v.startsWith("'Tariefwijzer "))
        .map(([k]) => k.replace(/\d+$/, '')),
    );
    for (const [k, v] of Object.entries(cells)) if (!ours.has(k.replace(/\d+$/, ''))) out[`${sheet}!${k}`] = v;
  }
  return out;
}

/** workbook.xml, its rels and the content types minus Tariefwijzer's own entries must be what they were. */
function withoutOwnEntries(text: string, ownParts: string[]): string {
  return text
    .replace(/<sheet name="Tariefwijzer[^"]*" sheetId="\d+" (?:xmlns:tw="[^"]+" tw|r):id="rId\d+"\/>/g, '')
    .replace(/<Relationship Id="rId\d+" Type="[^"]+\/worksheet" Target="worksheets\/(sheet\d+\.xml)"\/>/g, (all, t: string) =>
      ownParts.includes(`xl/worksheets/${t}`) ? '' : all,
    )
    .replace(/<Override PartName="\/([^"]+)" ContentType="[^"]+"\/>/g, (all, p: string) =>
      ownParts.some((o) => p === o || p.startsWith(o)) || /tariefwijzer-|comments\d+\.xml/.test(p) ? '' : all,
    );
}

const CASES: Array<{ file: string; args: string[]; suffix: string; dataSheets: string[] }> = [
  {
    file: 'xlsxwriter-rijk.xlsx',
    args: ['annotate', '--policy', 'zk-ggz-2025', '--set', 'richttarief=97,3'],
    suffix: 'tariefwijzer',
    dataSheets: ['xl/worksheets/sheet1.xml'],
  },
  {
    file: 'xlsxwriter-macro.xlsm',
    args: ['annotate', '--policy', 'zk-ggz-2025', '--set', 'richttarief=97,3'],
    suffix: 'tariefwijzer',
    dataSheets: ['xl/worksheets/sheet1.xml'],
  },
  {
    file: 'openpyxl-notities.xlsx',
    args: ['annotate', '--policy', 'zk-ggz-2025', '--set', 'richttarief=97,3'],
    suffix: 'tariefwijzer',
    dataSheets: ['xl/worksheets/sheet1.xml'],
  },
  {
    file: 'xlsxwriter-productie.xlsx',
    args: ['herschik', '--policy', 'zk-ggz-2025', '--set', 'richttarief=96', '--set', 'peildatum=2025-07-31'],
    suffix: 'herschikking',
    dataSheets: ['xl/worksheets/sheet1.xml'],
  },
  {
    file: 'xlsxwriter-draad-koppeling.xlsx',
    args: ['annotate', '--policy', 'zk-ggz-2025', '--set', 'richttarief=97,3'],
    suffix: 'tariefwijzer',
    dataSheets: ['xl/worksheets/sheet1.xml'],
  },
  {
    file: 'libreoffice-draaitabel.xlsx',
    args: ['annotate', '--policy', 'zk-ggz-2025', '--set', 'richttarief=97,3'],
    suffix: 'tariefwijzer',
    dataSheets: ['xl/worksheets/sheet1.xml'],
  },
];

/** What openpyxl sees of the parts around the cells: notes, threaded comments, external links, pivot tables. */
const EXTRAS = `
import json, sys, warnings
warnings.simplefilter('ignore')
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
print(json.dumps({
  'notes': {ws.title + '!' + c.coordinate: [c.comment.author, c.comment.text] for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.comment},
  'links': [[l.file_link.Target, [s for s in l.externalBook.sheetNames.sheetName]] for l in wb._external_links],
  'pivots': {ws.title: [[p.name, p.location.ref, p.cache.cacheSource.worksheetSource.sheet, p.cache.cacheSource.worksheetSource.ref, p.cache.recordCount] for p in ws._pivots] for ws in wb.worksheets if ws._pivots},
}))
`;

function extras(file: string): { notes: Record<string, [string, string]>; links: unknown[]; pivots: Record<string, unknown[]> } {
  return JSON.parse(execFileSync(PY, ['-c', EXTRAS, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
}

test('annotate and herschik change only the allowed parts; user cells stay; LibreOffice and openpyxl open the results; a re-run replaces', async () => {
  const outputs: string[] = [];
  for (const c of CASES) {
    const input = path.join(dir, c.file);
    const before = inspect(input);
    const [command, ...rest] = c.args;
    const r = await runCli(command, input, ...rest);
    expect({ file: c.file, code: r.code, err: r.code ? r.err : '' }).toEqual({ file: c.file, code: 0, err: '' });
    const ext = path.extname(c.file);
    const output = path.join(dir, `${path.basename(c.file, ext)}-${c.suffix}${ext}`); // an .xlsm stays an .xlsm
    expect(fs.existsSync(output)).toBe(true);
    outputs.push(output);
    const after = inspect(output);
    const own = Object.keys(after.entries).filter((n) => !(n in before.entries));
    // nothing removed; everything outside the allowed list byte-identical
    expect(Object.keys(before.entries).filter((n) => !(n in after.entries))).toEqual([]);
    const changed = Object.keys(before.entries).filter((n) => after.entries[n] !== before.entries[n]);
    expect({ file: c.file, outside: changed.filter((n) => !allowed(n, c.dataSheets, own)) }).toEqual({ file: c.file, outside: [] });
    expect(
      own.every((n) =>
        /^xl\/(worksheets\/(_rels\/)?sheet\d+\.xml(\.rels)?|charts\/tariefwijzer-|drawings\/(_rels\/)?tariefwijzer-|comments\d+\.xml|drawings\/vmlDrawing\d+\.vml)/.test(
          n,
        ),
      ),
    ).toBe(true);
    // workbook.xml and its rels: only our sheet entries added (sheet ids, names, defined names, protection as they were)
    for (const part of ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels']) expect(withoutOwnEntries(after.texts[part], own)).toBe(before.texts[part]);
    // styles.xml: appended only; every original format keeps its index
    const xfs = (t: string) => /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(t)![1].match(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)!;
    expect(xfs(after.texts['xl/styles.xml']).slice(0, xfs(before.texts['xl/styles.xml']).length)).toEqual(xfs(before.texts['xl/styles.xml']));
    // the user's cells, read by openpyxl
    expect(userCells(after)).toEqual(userCells(before));
    expect(after.sheets.slice(0, before.sheets.length)).toEqual(before.sheets);
    if (ext === '.xlsm') expect(Object.keys(after.entries)).toContain('xl/vbaProject.bin');
    // the user's notes (the legacy counterpart of a threaded comment too), external links and pivot tables as openpyxl reads them
    const [x0, x1] = [extras(input), extras(output)];
    expect(Object.fromEntries(Object.entries(x1.notes).filter(([k]) => k in x0.notes))).toEqual(x0.notes);
    expect({ links: x1.links, pivots: x1.pivots }).toEqual({ links: x0.links, pivots: x0.pivots });
    if (c.file.startsWith('xlsxwriter-draad')) {
      expect(Object.values(x0.notes).some(([author]) => author.startsWith('tc={'))).toBe(true);
      expect(x0.links).toEqual([['tarieven-2024.xlsx', ['Tarieven']]]);
      expect(after.cells.Koppeling.B1).toBe("'=[1]Tarieven!$B$2'");
      for (const part of ['xl/threadedComments/threadedComment1.xml', 'xl/persons/person.xml', 'xl/externalLinks/externalLink1.xml'])
        expect(after.entries[part]).toBe(before.entries[part]);
    }
    if (c.file.startsWith('libreoffice-draaitabel')) {
      expect(x0.pivots).toEqual({ Draaitabel: [['Draaitabel1', expect.any(String), 'Aanbieders', 'A1:F5', 4]] });
      expect(Object.keys(after.entries).filter((n) => /^xl\/pivot(Tables|Cache)\//.test(n)).length).toBeGreaterThanOrEqual(3);
    }
  }

  // herschik again on its own output: the chart is replaced, not added
  const herschikOut = outputs[3];
  const once = inspect(herschikOut);
  const again = path.join(dir, 'opnieuw.xlsx');
  expect(
    (await runCli('herschik', herschikOut, '--policy', 'zk-ggz-2025', '--set', 'richttarief=96', '--set', 'peildatum=2025-07-31', '--out', again)).code,
  ).toBe(0);
  const twice = inspect(again);
  expect(Object.keys(twice.entries).sort()).toEqual(Object.keys(once.entries).sort());
  expect(Object.keys(twice.entries).filter((n) => n.startsWith('xl/charts/'))).toHaveLength(2); // the user's and ours
  // annotate again on its output: idempotent apart from the run's time stamp on the metadata sheet
  const annotated = outputs[0];
  const again2 = path.join(dir, 'opnieuw2.xlsx');
  expect((await runCli('annotate', annotated, '--policy', 'zk-ggz-2025', '--set', 'richttarief=97,3', '--out', again2)).code).toBe(0);
  const a1 = inspect(annotated);
  const a2 = inspect(again2);
  expect(Object.keys(a2.entries).sort()).toEqual(Object.keys(a1.entries).sort());
  for (const n of Object.keys(a1.entries))
    if (n !== 'xl/worksheets/sheet5.xml' && n !== 'xl/worksheets/sheet4.xml') expect({ n, same: a2.entries[n] === a1.entries[n] }).toEqual({ n, same: true });

  // LibreOffice opens every result (one start for all files) and sees our chart as a chart
  const lo = path.join(dir, 'lo');
  execFileSync(
    'soffice',
    [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--convert-to', 'xlsx', '--outdir', lo, ...outputs, again],
    { stdio: 'pipe', env: { ...process.env, HOME: dir } },
  );
  for (const o of [...outputs, again]) {
    const converted = path.join(lo, `${path.basename(o, path.extname(o))}.xlsx`);
    expect({ o, converted: fs.existsSync(converted) }).toEqual({ o, converted: true });
  }
  // LibreOffice keeps the pivot table and the external link of our results when it saves them again
  const loPivot = extras(path.join(lo, 'libreoffice-draaitabel-tariefwijzer.xlsx'));
  expect(Object.values(loPivot.pivots).flat()).toHaveLength(1);
  expect(extras(path.join(lo, 'xlsxwriter-draad-koppeling-tariefwijzer.xlsx')).links).toHaveLength(1);
  const loHerschik = inspect(path.join(lo, path.basename(herschikOut)));
  expect(loHerschik.sheets).toContain('Tariefwijzer herschikking');
  expect(Object.keys(loHerschik.entries).filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n)).length).toBe(2);

  // a workbook saved by LibreOffice (with our earlier output in it): a re-run changes only the allowed parts
  const fromLo = path.join(lo, 'xlsxwriter-rijk-tariefwijzer.xlsx');
  const loBefore = inspect(fromLo);
  const rerun = path.join(dir, 'uit-libreoffice.xlsx');
  expect((await runCli('annotate', fromLo, '--policy', 'zk-ggz-2025', '--set', 'richttarief=97,3', '--out', rerun)).code).toBe(0);
  const loAfter = inspect(rerun);
  const loChanged = Object.keys(loBefore.entries).filter((n) => loAfter.entries[n] !== loBefore.entries[n]);
  const loSheets = Object.keys(loBefore.entries).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
  // the data sheet and the metadata sheet (both written), nothing else outside the allowed list
  expect(loChanged.filter((n) => !allowed(n, loSheets.slice(0, 1), loSheets.slice(-1)))).toEqual([]);
  expect(userCells(loAfter)).toEqual(userCells(loBefore));
});

test('the CLI explains formats it cannot edit, in Dutch', async () => {
  const ods = path.join(dir, 'blad.ods');
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${path.join(dir, 'profile2')}`,
      '--headless',
      '--convert-to',
      'ods',
      '--outdir',
      dir,
      path.join(dir, 'openpyxl-notities.xlsx'),
    ],
    { stdio: 'pipe', env: { ...process.env, HOME: dir } },
  );
  fs.renameSync(path.join(dir, 'openpyxl-notities.ods'), ods);
  const r = await runCli('annotate', ods, '--policy', 'zk-ggz-2025', '--set', 'richttarief=97,3');
  expect(r.code).toBe(1);
  expect(r.err).toMatch(/OpenDocument-rekenblad \(\.ods\).*sla het op als Excel-werkmap/);
  const x = await runCli('annotate', path.join(dir, 'xlsxwriter-macro.xlsm'), '--policy', 'zk-ggz-2025', '--out', path.join(dir, 'x.xlsx'));
  expect(x.code).toBe(2);
  expect(x.err).toMatch(/moet ook op \.xlsm eindigen/);
});

test('assess leaves its input forms byte for byte and writes a workbook openpyxl reads', async () => {
  const form = path.join(dir, 'aanvraag.xlsx');
  fs.copyFileSync(path.join(__dirname, '../../examples/aanvragen/aanvraag-volledig.xlsx'), form);
  const before = fs.readFileSync(form);
  const out = path.join(dir, 'beoordeling.xlsx');
  const r = await runCli('assess', form, '--policy', 'zk-ggz-2025', '--out', out);
  expect(r.code).toBe(0);
  expect(fs.readFileSync(form).equals(before)).toBe(true);
  const result = inspect(out);
  expect(result.sheets.length).toBeGreaterThanOrEqual(2);
  expect(Object.values(result.cells).some((cells) => Object.values(cells).some((v) => v.includes('zk-ggz-2025')))).toBe(true);
});
