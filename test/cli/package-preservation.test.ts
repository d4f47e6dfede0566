/**
 * A run keeps everything that is not Tariefwijzer's: on workbooks made by XlsxWriter and openpyxl (charts, a
 * chart sheet, tables with a totals row, validations, conditional formats, notes of several authors, defined
 * names, protection, a VBA project, Aptos/Arial default fonts, sparklines, buttons, text boxes, a threaded comment
 * with its legacy note, an external link and a formula using it) and by LibreOffice (a pivot table with its cache,
 * production workbooks saved by LibreOffice), every zip entry outside the allowed list is byte-identical after
 * annotate and herschik, the allowed ones change only as allowed, the user's cells are unchanged (read by
 * openpyxl), and the result opens in LibreOffice and openpyxl. A production workbook saved by LibreOffice gives the
 * same herschikking as the one it was saved from. assess leaves aanvraagformulieren written by openpyxl and saved
 * by LibreOffice byte for byte, and reads them to the same assessment as our own example forms with the same
 * content. Packages are compared by Python's zipfile, not by the code under test. Fixtures:
 * test/fixtures/packages/make.py, (committed) make_pivot.py, and one LibreOffice start in beforeAll that saves
 * three of them again.
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

/** Our own example forms (scripts/make-aanvraag-examples.js); make.py writes their content anew with openpyxl. */
const OWN_FORMS = ['aanvraag-volledig.xlsx', 'aanvraag-beide.xlsx'];
/** Saved by LibreOffice in beforeAll: source → name in the test folder. */
const SAVED_BY_LIBREOFFICE: Record<string, string> = {
  'openpyxl-productie.xlsx': 'libreoffice-productie.xlsx',
  'xlsxwriter-productie.xlsx': 'libreoffice-productie-grafiek.xlsx',
  'aanvraag-volledig.xlsx': 'libreoffice-aanvraag-volledig.xlsx',
  'aanvraag-beide.xlsx': 'libreoffice-aanvraag-beide.xlsx',
};

function soffice(profile: string, format: string, outDir: string, files: string[]): void {
  execFileSync('soffice', [`-env:UserInstallation=file://${path.join(dir, profile)}`, '--headless', '--convert-to', format, '--outdir', outDir, ...files], {
    stdio: 'pipe',
    env: { ...process.env, HOME: dir },
  });
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-pkg-'));
  execFileSync(PY, [path.join(__dirname, '../fixtures/packages/make.py'), dir], { stdio: 'pipe' });
  // committed: LibreOffice (UNO DataPilot) made it with make_pivot.py; a pivot table with its cache and records
  fs.copyFileSync(path.join(__dirname, '../fixtures/packages/libreoffice-draaitabel.xlsx'), path.join(dir, 'libreoffice-draaitabel.xlsx'));
  for (const f of OWN_FORMS) fs.copyFileSync(path.join(__dirname, '../../examples/aanvragen', f), path.join(dir, f));
  // one LibreOffice start saves the production workbooks and our example forms again, as LibreOffice writes them
  const saved = path.join(dir, 'lo-in');
  soffice(
    'profile-in',
    'xlsx',
    saved,
    Object.keys(SAVED_BY_LIBREOFFICE).map((f) => path.join(dir, f)),
  );
  for (const [from, to] of Object.entries(SAVED_BY_LIBREOFFICE)) fs.renameSync(path.join(saved, from), path.join(dir, to));
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

const HERSCHIK = ['herschik', '--policy', 'zk-ggz-2025', '--set', 'richttarief=96', '--set', 'peildatum=2025-07-31'];
const ANNOTATE = ['annotate', '--policy', 'zk-ggz-2025', '--set', 'richttarief=97,3'];

/**
 * `sameAs`: a workbook with the same content written by another program; the run must say and write the same.
 * The herschikkingen exit 3 (written, asks for action): these sheets have rows that do not count or a trend.
 */
const CASES: Array<{ file: string; args: string[]; suffix: string; dataSheets: string[]; sameAs?: string }> = [
  { file: 'xlsxwriter-rijk.xlsx', args: ANNOTATE, suffix: 'tariefwijzer', dataSheets: ['xl/worksheets/sheet1.xml'] },
  { file: 'xlsxwriter-macro.xlsm', args: ANNOTATE, suffix: 'tariefwijzer', dataSheets: ['xl/worksheets/sheet1.xml'] },
  // the same data with inline strings only (XlsxWriter's constant_memory mode): read and written alike
  {
    file: 'xlsxwriter-inline.xlsx',
    args: ANNOTATE,
    suffix: 'tariefwijzer',
    dataSheets: ['xl/worksheets/sheet1.xml'],
    sameAs: 'xlsxwriter-macro.xlsm',
  },
  { file: 'openpyxl-notities.xlsx', args: ANNOTATE, suffix: 'tariefwijzer', dataSheets: ['xl/worksheets/sheet1.xml'] },
  { file: 'xlsxwriter-productie.xlsx', args: HERSCHIK, suffix: 'herschikking', dataSheets: ['xl/worksheets/sheet1.xml'] },
  { file: 'xlsxwriter-draad-koppeling.xlsx', args: ANNOTATE, suffix: 'tariefwijzer', dataSheets: ['xl/worksheets/sheet1.xml'] },
  { file: 'libreoffice-draaitabel.xlsx', args: ANNOTATE, suffix: 'tariefwijzer', dataSheets: ['xl/worksheets/sheet1.xml'] },
  { file: 'openpyxl-productie.xlsx', args: HERSCHIK, suffix: 'herschikking', dataSheets: ['xl/worksheets/sheet1.xml'] },
  {
    file: 'libreoffice-productie.xlsx',
    args: HERSCHIK,
    suffix: 'herschikking',
    dataSheets: ['xl/worksheets/sheet1.xml'],
    sameAs: 'openpyxl-productie.xlsx',
  },
  {
    file: 'libreoffice-productie-grafiek.xlsx',
    args: HERSCHIK,
    suffix: 'herschikking',
    dataSheets: ['xl/worksheets/sheet1.xml'],
    sameAs: 'xlsxwriter-productie.xlsx',
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

/** The user's rows with only Tariefwijzer's own columns (headed "Tariefwijzer …") of the data sheets, as openpyxl reads them. */
function ownColumns(i: Inspection): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [sheet, cells] of Object.entries(i.cells)) {
    if (sheet.startsWith('Tariefwijzer')) continue;
    const ours = new Set(
      Object.entries(cells)
        .filter(([, v]) => v.startsWith("'Tariefwijzer "))
        .map(([k]) => k.replace(/\d+$/, '')),
    );
    for (const [k, v] of Object.entries(cells)) if (ours.has(k.replace(/\d+$/, ''))) out[`${sheet}!${k}`] = v;
  }
  return out;
}

/** Results of the runs below, for the LibreOffice test at the end (the tests of this file run in order). */
const results = new Map<string, string>();
const runOut = new Map<string, string>();

test('annotate and herschik change only the allowed parts; user cells stay; openpyxl opens the results; a re-run replaces', async () => {
  for (const c of CASES) {
    const input = path.join(dir, c.file);
    const before = inspect(input);
    const [command, ...rest] = c.args;
    const r = await runCli(command, input, ...rest);
    // written: herschik's examples are over their contracteerruimte (3); annotate gives 0, or 3 where rows ask for a check
    const written = (command === 'herschik' ? [3] : [0, 3]).includes(r.code);
    expect({ file: c.file, written, err: written ? '' : r.err }).toEqual({ file: c.file, written: true, err: '' });
    const ext = path.extname(c.file);
    const output = path.join(dir, `${path.basename(c.file, ext)}-${c.suffix}${ext}`); // an .xlsm stays an .xlsm
    expect(fs.existsSync(output)).toBe(true);
    results.set(c.file, output);
    runOut.set(c.file, r.out.split(output).join('UITVOER'));
    const after = inspect(output);
    const own = Object.keys(after.entries).filter((n) => !(n in before.entries));
    // nothing removed; everything outside the allowed list byte-identical
    expect(Object.keys(before.entries).filter((n) => !(n in after.entries))).toEqual([]);
    const changed = Object.keys(before.entries).filter((n) => after.entries[n] !== before.entries[n]);
    expect({ file: c.file, outside: changed.filter((n) => !allowed(n, c.dataSheets, own)) }).toEqual({ file: c.file, outside: [] });
    expect({
      file: c.file,
      own: own.filter(
        (n) =>
          !/^xl\/(worksheets\/(_rels\/)?sheet\d+\.xml(\.rels)?|charts\/tariefwijzer-|drawings\/(_rels\/)?tariefwijzer-|comments\d+\.xml|drawings\/vmlDrawing\d+\.vml)/.test(
            n,
          ),
      ),
    }).toEqual({ file: c.file, own: [] });
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
    if (c.file === 'openpyxl-productie.xlsx' || c.file === 'libreoffice-productie.xlsx') {
      // the notes of two authors on the production sheet (LibreOffice 7.4 saves them without their authors)
      const byOpenpyxl = c.file.startsWith('openpyxl');
      expect(Object.entries(x0.notes).map(([k, [author, text]]) => [k, byOpenpyxl ? author : '-', text])).toEqual([
        ['Productie 2025!B2', byOpenpyxl ? 'Controller' : '-', 'Contract verlengd tot 2026'],
        ['Productie 2025!H5', byOpenpyxl ? 'Inkoper B' : '-', 'Aantal nagevraagd'],
      ]);
      // every production row read: the months are dates, the contracteerruimte a labelled cell on another sheet
      expect(r.out).toContain('Blad: Productie 2025; 22 regels, 21 meegeteld');
      expect(r.out).toContain('laatste maand juli 2025');
      expect(r.out).toContain('GGZ: contracteerruimte € 900.000,00');
      // our five columns, a tariff on every row (the correction too)
      const tariffs = Object.entries(after.cells['Productie 2025']).filter(([k]) => k.startsWith('J'));
      expect(tariffs[0]).toEqual(['J1', "'Tariefwijzer tarief (herschikking)'"]);
      expect(
        tariffs
          .slice(1)
          .map(([, v]) => Number(v))
          .filter((n) => n > 0),
      ).toHaveLength(22);
    }
    if (c.sameAs) {
      // saved by LibreOffice, read to the same herschikking as the workbook it was saved from
      expect(runOut.get(c.file)).toBe(runOut.get(c.sameAs));
      expect(ownColumns(after)).toEqual(ownColumns(inspect(results.get(c.sameAs)!)));
      expect(Object.keys(ownColumns(after)).length).toBeGreaterThan(5);
    }
  }

  // herschik again on its own output: the chart is replaced, not added
  const herschikOut = results.get('xlsxwriter-productie.xlsx')!;
  const once = inspect(herschikOut);
  const again = path.join(dir, 'opnieuw.xlsx');
  const [command, ...rest] = HERSCHIK;
  expect((await runCli(command, herschikOut, ...rest, '--out', again)).code).toBe(3);
  results.set('opnieuw', again);
  const twice = inspect(again);
  expect(Object.keys(twice.entries).sort()).toEqual(Object.keys(once.entries).sort());
  expect(Object.keys(twice.entries).filter((n) => n.startsWith('xl/charts/'))).toHaveLength(2); // the user's and ours
  // annotate again on its output: idempotent apart from the run's time stamp on the metadata sheet
  const annotated = results.get('xlsxwriter-rijk.xlsx')!;
  const again2 = path.join(dir, 'opnieuw2.xlsx');
  expect([0, 3]).toContain((await runCli('annotate', annotated, '--policy', 'zk-ggz-2025', '--set', 'richttarief=97,3', '--out', again2)).code); // written
  const a1 = inspect(annotated);
  const a2 = inspect(again2);
  expect(Object.keys(a2.entries).sort()).toEqual(Object.keys(a1.entries).sort());
  for (const n of Object.keys(a1.entries))
    if (n !== 'xl/worksheets/sheet5.xml' && n !== 'xl/worksheets/sheet4.xml') expect({ n, same: a2.entries[n] === a1.entries[n] }).toEqual({ n, same: true });
});

/** The forms assess reads: ours, and the same content written by openpyxl and saved by LibreOffice. */
const FOREIGN_FORMS = OWN_FORMS.flatMap((f) => [`openpyxl-${f}`, `libreoffice-${f}`]);

test('assess leaves forms written by openpyxl and saved by LibreOffice byte for byte and reads them as our own; openpyxl opens its output', async () => {
  const files = [...OWN_FORMS, ...FOREIGN_FORMS].map((f) => path.join(dir, f));
  const before = files.map((f) => fs.readFileSync(f));
  const out = path.join(dir, 'beoordeling.xlsx');
  const r = await runCli('assess', ...files, '--policy', 'zk-ggz-2025', '--out', out, '--json');
  // 3: written, and aanvraag-beide waits for the assessor's judgement
  expect({ code: r.code, err: r.err }).toEqual({ code: 3, err: '' });
  files.forEach((f, i) => expect({ f, same: fs.readFileSync(f).equals(before[i]) }).toEqual({ f, same: true }));
  results.set('beoordeling', out);

  // the same assessment for the same content, whoever wrote the file (only the file name in "bron" differs)
  const providers: Array<Record<string, unknown>> = JSON.parse(r.out).providers;
  expect(providers.map((p) => p.bron)).toEqual([...OWN_FORMS, ...FOREIGN_FORMS].map((f) => `${f}, bladen Aanvraagformulier en Beoordeling zorgkantoor`));
  const byFile = new Map(providers.map(({ bron, ...rest }) => [(bron as string).replace(/, bladen .*$/, ''), rest]));
  for (const f of FOREIGN_FORMS) expect({ f, assessment: byFile.get(f) }).toEqual({ f, assessment: byFile.get(f.replace(/^[a-z]+-/, '')) });
  // ... and the forms were really read: the complete one is adjusted to cost price, the other asks for both routes
  const volledig = byFile.get('aanvraag-volledig.xlsx') as { herberekening: { status: string; voorgesteldPercentage: string } };
  expect(volledig.herberekening).toMatchObject({ status: 'aanpassen', voorgesteldPercentage: '96.6' });
  const beide = byFile.get('aanvraag-beide.xlsx') as { herberekening: { status: string }; hardheidsclausule: { status: string } };
  expect([beide.herberekening.status, beide.hardheidsclausule.status]).not.toContain('niet-aangevraagd');

  // openpyxl reads the output; its overview has the same row for each form apart from the file name
  const result = inspect(out);
  expect(result.sheets).toEqual(['Aanvragen', 'Tariefwijzer beoordelingen']);
  const rows = new Map<string, string[]>();
  for (const [ref, v] of Object.entries(result.cells.Aanvragen)) {
    const m = /^([A-Z]+)(\d+)$/.exec(ref)!;
    if (m[1] === 'A' || m[2] === '1') continue;
    const row = rows.get(m[2]) ?? [];
    row.push(`${m[1]}=${v}`);
    rows.set(m[2], row);
  }
  const line = (i: number) => rows.get(String(i + 2));
  expect(line(0)!.length).toBeGreaterThan(8);
  OWN_FORMS.forEach((_, i) => {
    expect(line(OWN_FORMS.length + 2 * i)).toEqual(line(i));
    expect(line(OWN_FORMS.length + 2 * i + 1)).toEqual(line(i));
  });
});

test('LibreOffice opens every result (one start for all) and keeps what it should when it saves them again; a re-run on its save changes only the allowed parts', async () => {
  // every result of the runs above, or the runs did not happen (this test alone cannot pass)
  expect([...results.keys()].sort()).toEqual([...CASES.map((c) => c.file), 'opnieuw', 'beoordeling'].sort());
  const lo = path.join(dir, 'lo');
  soffice('profile', 'xlsx', lo, [...results.values()]);
  for (const o of results.values()) {
    const converted = path.join(lo, `${path.basename(o, path.extname(o))}.xlsx`);
    expect({ o, converted: fs.existsSync(converted) }).toEqual({ o, converted: true });
  }
  // LibreOffice keeps the pivot table and the external link of our results when it saves them again
  const loPivot = extras(path.join(lo, 'libreoffice-draaitabel-tariefwijzer.xlsx'));
  expect(Object.values(loPivot.pivots).flat()).toHaveLength(1);
  expect(extras(path.join(lo, 'xlsxwriter-draad-koppeling-tariefwijzer.xlsx')).links).toHaveLength(1);
  // our sheet and chart, for each herschikking
  for (const c of CASES.filter((k) => k.args === HERSCHIK)) {
    const loHerschik = inspect(path.join(lo, path.basename(results.get(c.file)!)));
    expect(loHerschik.sheets).toContain('Tariefwijzer herschikking');
    const charts = Object.keys(loHerschik.entries).filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n)).length;
    expect({ file: c.file, charts }).toEqual({ file: c.file, charts: c.file.includes('grafiek') || c.file.startsWith('xlsxwriter') ? 2 : 1 });
  }
  // assess's output: both sheets, the overview's texts as written
  const loAssess = inspect(path.join(lo, 'beoordeling.xlsx'));
  const ours = inspect(results.get('beoordeling')!);
  expect(loAssess.sheets).toEqual(ours.sheets);
  expect(loAssess.cells.Aanvragen).toEqual(ours.cells.Aanvragen);

  // a workbook saved by LibreOffice (with our earlier output in it): a re-run changes only the allowed parts
  const fromLo = path.join(lo, 'xlsxwriter-rijk-tariefwijzer.xlsx');
  const loBefore = inspect(fromLo);
  const rerun = path.join(dir, 'uit-libreoffice.xlsx');
  expect([0, 3]).toContain((await runCli('annotate', fromLo, '--policy', 'zk-ggz-2025', '--set', 'richttarief=97,3', '--out', rerun)).code); // written
  const loAfter = inspect(rerun);
  const loChanged = Object.keys(loBefore.entries).filter((n) => loAfter.entries[n] !== loBefore.entries[n]);
  const loSheets = Object.keys(loBefore.entries).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
  // the data sheet and the metadata sheet (both written), nothing else outside the allowed list
  expect(loChanged.filter((n) => !allowed(n, loSheets.slice(0, 1), loSheets.slice(-1)))).toEqual([]);
  expect(userCells(loAfter)).toEqual(userCells(loBefore));
});

test('the CLI explains formats it cannot edit, in Dutch', async () => {
  const ods = path.join(dir, 'blad.ods');
  soffice('profile2', 'ods', dir, [path.join(dir, 'openpyxl-notities.xlsx')]);
  fs.renameSync(path.join(dir, 'openpyxl-notities.ods'), ods);
  const r = await runCli('annotate', ods, '--policy', 'zk-ggz-2025', '--set', 'richttarief=97,3');
  expect(r.code).toBe(1);
  expect(r.err).toMatch(/OpenDocument-rekenblad \(\.ods\).*sla het op als Excel-werkmap/);
  const x = await runCli('annotate', path.join(dir, 'xlsxwriter-macro.xlsm'), '--policy', 'zk-ggz-2025', '--out', path.join(dir, 'x.xlsx'));
  expect(x.code).toBe(2);
  expect(x.err).toMatch(/moet ook op \.xlsm eindigen/);
});
