/**
 * WorkbookPort contract: the same scenarios against the .xlsx adapter and the Office.js adapter (on the
 * fake host in src/demo-host/fake-excel.ts), seeded from the same rows. Plus the Office-only cost checks (syncs, payload).
 */
import { resolveParameters } from '../../src/domain/policy/load';
import { getPack } from '../../src/policies';
import { annotateWorkbook } from '../../src/workbook/jobs/annotate';
import { META_SHEET, PERCENTAGE_FORMAT, TARIFF_FORMAT } from '../../src/workbook/names';
import { InputError } from '../../src/workbook/errors';
import { OfficeWorkbook, parseAreas } from '../../src/workbook/office/adapter';
import { OUT, OUTPUT_HEADERS } from '../../src/workbook/headers';
import { CHANGES_SHEET } from '../../src/workbook/jobs/change-sheet';
import { areaName, selectFromGrid, type ReadRequest, type WorkbookPort } from '../../src/workbook/port';
import { FakeExcel, fakeContext, type Box, type SeedValue } from '../../src/demo-host/fake-excel';
import { normalizeGrid, snapshot, workbookFrom } from './helpers';

const pack = getPack('zk-ggz-2025')!;
const params = resolveParameters(pack, { richttarief: '97,3' }).values;
const now = new Date('2026-11-24T12:00:00Z');

const RISKY = ['=HYPERLINK("x")', '+Zorg', '-Min', '@Zorg'];

function seed(): Record<string, SeedValue[][]> {
  return {
    Aanbieders: [
      ['Contractering GGZ 2025'],
      [],
      ['AGB code', 'Naam zorgaanbieder', 'Prestatie-code', 'Zorgprofiel', 'Leveringsvorm', 'NZa maximum-tarief', 'Opmerking inkoper'],
      ['73730001', RISKY[0], 'Z1105', 'GGZ-W5', 'Verblijf', 300, 'eigen notitie'],
      ['73730002', RISKY[1], 'V1101', 'W1', 'VPT', '€ 140,00', null],
      [],
      ['73730003', RISKY[2], 'Z1007', null, null, null, '=1+1'],
      ['73730004', RISKY[3], 'Z1105', 'GGZ-W5', 'Verblijf', { error: '#N/A' }, null],
    ],
    'NZa tarieven': [
      ['Prestatiecode', 'NZa maximumtarief'],
      ['Z1007', 412.18],
      ['Z1105', 999],
    ],
  };
}

interface Subject {
  name: string;
  port: WorkbookPort;
  /** A new port on the same workbook (the Office adapter keeps a per-run snapshot of what it read). */
  fresh(): WorkbookPort;
  /** Every cell, minus the skipped sheets and the columns from the given 0-based column on. */
  snap(skip?: { sheets?: string[]; fromColumn?: Record<string, number> }): string;
  /** The cell is a text cell holding exactly this string (not a formula). */
  textAt(sheet: string, row: number, column: number): string | undefined;
  /** Cell notes of a sheet by "row,column" (0-based). */
  notes(sheet: string): Record<string, string>;
  /** Put a user's own note on a cell. */
  addNote(sheet: string, row: number, column: number, text: string): void;
  /** Merge cells as a user does (Start > Samenvoegen en centreren), e.g. "H3:K3"; and the sheet's merged areas. */
  merge(sheet: string, area: string): void;
  merges(sheet: string): string[];
  /** Hide a column (0-based) as a user does; and the sheet's hidden columns. */
  hide(sheet: string, column: number): void;
  hidden(sheet: string): number[];
  fake?: FakeExcel;
}

function subjects(rows: Record<string, SeedValue[][]>): Subject[] {
  const xlsx = workbookFrom(rows);
  const fake = FakeExcel.from(rows);
  return [
    {
      name: 'exceljs',
      port: xlsx,
      fresh: () => xlsx,
      snap: (skip = {}) => snapshot(xlsx.workbook, { sheets: skip.sheets, fromColumn: shift(skip.fromColumn) }),
      textAt: (sheet, r, c) => {
        const v = xlsx.workbook.getWorksheet(sheet)!.getCell(r + 1, c + 1).value;
        return typeof v === 'string' ? v : undefined;
      },
      notes: (sheet) => {
        const out: Record<string, string> = {};
        xlsx.workbook.getWorksheet(sheet)!.eachRow((row, r) =>
          row.eachCell((cell, c) => {
            const note = cell.note;
            if (note !== undefined) out[`${r - 1},${c - 1}`] = typeof note === 'string' ? note : (note.texts ?? []).map((t) => t.text).join('');
          }),
        );
        return out;
      },
      addNote: (sheet, r, c, text) => void (xlsx.workbook.getWorksheet(sheet)!.getCell(r + 1, c + 1).note = text),
      merge: (sheet, area) => xlsx.workbook.getWorksheet(sheet)!.mergeCells(area),
      merges: (sheet) => [...((xlsx.workbook.getWorksheet(sheet)!.model as { merges?: string[] }).merges ?? [])].sort(),
      hide: (sheet, c) => void (xlsx.workbook.getWorksheet(sheet)!.getColumn(c + 1).hidden = true),
      hidden: (sheet) => {
        const ws = xlsx.workbook.getWorksheet(sheet)!;
        return Array.from({ length: 40 }, (_, c) => c).filter((c) => ws.getColumn(c + 1).hidden);
      },
    },
    {
      name: 'office.js',
      port: new OfficeWorkbook(fakeContext(fake), { conditionalFormats: true, notes: true, mergedAreas: true }),
      fresh: () => new OfficeWorkbook(fakeContext(fake), { conditionalFormats: true, notes: true, mergedAreas: true }),
      snap: (skip = {}) => fake.snapshot(skip),
      textAt: (sheet, r, c) => {
        const cell = fake.sheet(sheet)?.cell(r, c);
        return cell && cell.type === 'String' && cell.formula === undefined && typeof cell.value === 'string' ? cell.value : undefined;
      },
      notes: (sheet) => Object.fromEntries(fake.sheet(sheet)!.notes),
      addNote: (sheet, r, c, text) => void fake.sheet(sheet)!.notes.set(`${r},${c}`, text),
      merge: (sheet, area) => void fake.sheet(sheet)!.merges.push(boxOf(area)),
      merges: (sheet) => fake.sheet(sheet)!.merges.map(areaOf).sort(),
      hide: (sheet, c) => void fake.sheet(sheet)!.hiddenColumns.add(c),
      hidden: (sheet) => [...fake.sheet(sheet)!.hiddenColumns].sort((a, b) => a - b),
      fake,
    },
  ];
}

/** "H3:K3" → the fake's box. */
function boxOf(area: string): Box {
  const [a, b] = area.split(':').map((ref) => /^([A-Z]+)(\d+)$/.exec(ref)!);
  const column = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const row = Number(a[2]) - 1;
  return { row, column: column(a[1]), rows: Number(b[2]) - row, columns: column(b[1]) - column(a[1]) + 1 };
}

function areaOf(box: Box): string {
  return areaName({ firstRow: box.row, lastRow: box.row + box.rows - 1, firstColumn: box.column, lastColumn: box.column + box.columns - 1 });
}

/** helpers.snapshot counts columns from 1. */
function shift(from?: Record<string, number>): Record<string, number> | undefined {
  return from && Object.fromEntries(Object.entries(from).map(([k, v]) => [k, v + 1]));
}

async function grids(port: WorkbookPort): Promise<Record<string, unknown[][]>> {
  const out: Record<string, unknown[][]> = {};
  for (const name of await port.sheetNames()) out[name] = normalizeGrid(await port.readSheet(name));
  return out;
}

test('annotating gives the same sheets, values and signals through both adapters', async () => {
  const [xlsx, office] = subjects(seed());
  const a = await annotateWorkbook(xlsx.port, pack, params, { now });
  const b = await annotateWorkbook(office.port, pack, params, { now });
  expect(b.fingerprint).toBe(a.fingerprint);
  expect(b.dataRows).toBe(4);
  const ga = await grids(xlsx.fresh());
  const gb = await grids(office.fresh());
  expect(Object.keys(gb)).toEqual(['Aanbieders', 'NZa tarieven', META_SHEET]);
  expect(gb).toEqual(ga);
  expect(gb.Aanbieders[2].slice(7)).toEqual([...OUTPUT_HEADERS]);
  expect(gb.Aanbieders[3][7]).toBeCloseTo(0.993, 10);
  expect(gb.Aanbieders[3][8]).toBe(297.9);
  expect(gb.Aanbieders[6][8]).toBe(412.18);
  // one number format per output column in the Office adapter, text for the text columns
  const sheet = office.fake!.sheet('Aanbieders')!;
  expect([7, 8, 9, 10].map((c) => sheet.cell(3, c)?.numberFormat)).toEqual([PERCENTAGE_FORMAT, TARIFF_FORMAT, '@', '@']);
  expect(sheet.cell(2, 7)?.bold).toBe(true);
});

test('readSheets fromFirstRow: the same rows as from A1, starting at the first row asked for, in both (a window far down costs nothing above it)', async () => {
  const asked: ReadRequest[] = [
    { sheet: 'Aanbieders', firstRow: 6, rows: 1 },
    { sheet: 'Aanbieders', firstRow: 4, rows: 5_000, columns: [2] },
    { sheet: 'Aanbieders', firstRow: 0, rows: 2_000 },
    { sheet: 'Aanbieders', firstRow: 3, rows: 2, columns: [0, 5] },
    { sheet: 'Aanbieders', firstRow: 50, rows: 5_000 },
  ];
  const results: Record<string, unknown> = {};
  for (const s of subjects(seed())) {
    const fromA1 = await s.port.readSheets(asked);
    const from = await s.fresh().readSheets(asked.map((q) => ({ ...q, fromFirstRow: true })));
    results[s.name] = from.map((r) => normalizeGrid(r.cells));
    from.forEach((r, i) => {
      const first = asked[i].firstRow!;
      expect({ adapter: s.name, i, cells: normalizeGrid(r.cells) }).toEqual({ adapter: s.name, i, cells: normalizeGrid(fromA1[i].cells.slice(first)) });
      expect([r.rowCount, r.columnCount]).toEqual([fromA1[i].rowCount, fromA1[i].columnCount]);
    });
  }
  expect(results['office.js']).toEqual(results.exceljs);
  // the rows asked for, not empty ones: row 7 (0-based 6) is a provider's
  expect((results.exceljs as unknown[][][])[0][0][0]).toBe('73730003');
});

test('selectFromGrid (a sheet held whole) answers fromFirstRow the same way', () => {
  const grid = [['a'], ['b'], ['c'], ['d']];
  expect(selectFromGrid(grid, { sheet: 'x', firstRow: 1, rows: 2, fromFirstRow: true }).cells).toEqual([['b'], ['c']]);
  expect(selectFromGrid(grid, { sheet: 'x', firstRow: 1, rows: 2 }).cells).toEqual([[], ['b'], ['c']]);
  expect(selectFromGrid(grid, { sheet: 'x', firstRow: 2, columns: [1], fromFirstRow: true }).cells).toEqual([
    [null, null],
    [null, null],
  ]);
});

test('readSheets: first rows, chosen columns, sizes and an empty sheet agree in both; Office reads them in two syncs', async () => {
  const rows = { ...seed(), Leeg: [] as SeedValue[][] };
  const results: Record<string, unknown> = {};
  for (const s of subjects(rows)) {
    s.fake?.resetCounters();
    const reads = await s.port.readSheets([
      { sheet: 'Aanbieders', rows: 3 },
      { sheet: 'Aanbieders', columns: [2, 5] },
      { sheet: 'NZa tarieven', rows: 2, columns: [1] },
      { sheet: 'Leeg' },
      { sheet: 'Aanbieders', firstRow: 6, rows: 1 },
      { sheet: 'Aanbieders', firstRow: 4, rows: 5_000, columns: [2] },
    ]);
    if (s.fake) expect(s.fake.syncCount).toBe(2);
    results[s.name] = reads.map((r) => ({ cells: normalizeGrid(r.cells), rowCount: r.rowCount, columnCount: r.columnCount }));
  }
  expect(results['office.js']).toEqual(results.exceljs);
  const [head, columns, both, empty, one, tail] = results.exceljs as Array<{ cells: unknown[][]; rowCount: number; columnCount: number }>;
  expect(one.cells).toEqual([[], [], [], [], [], [], ['73730003', RISKY[2], 'Z1007', null, null, null, '=1+1']]);
  expect(tail.cells.map((r) => r[2] ?? null)).toEqual([null, null, null, null, 'V1101', null, 'Z1007', 'Z1105']);
  expect(head).toEqual({
    cells: [
      ['Contractering GGZ 2025'],
      [],
      ['AGB code', 'Naam zorgaanbieder', 'Prestatie-code', 'Zorgprofiel', 'Leveringsvorm', 'NZa maximum-tarief', 'Opmerking inkoper'],
    ],
    rowCount: 8,
    columnCount: 7,
  });
  expect(columns.cells[3]).toEqual([null, null, 'Z1105', null, null, 300]);
  expect(columns.cells[6]).toEqual([null, null, 'Z1007']);
  expect(both).toEqual({
    cells: [
      [null, 'NZa maximumtarief'],
      [null, 412.18],
    ],
    rowCount: 3,
    columnCount: 2,
  });
  expect(empty).toEqual({ cells: [], rowCount: 0, columnCount: 0 });
});

test('an Excel error (#N/A) as NZa maximumtarief is MAXIMUMTARIEF_ONLEESBAAR in both', async () => {
  for (const s of subjects(seed())) {
    const out = await annotateWorkbook(s.port, pack, params, { now });
    const row = out.run.results.find((r) => r.ref === 'Aanbieders!8');
    expect({ adapter: s.name, codes: row?.flags.map((f) => f.code) }).toEqual({ adapter: s.name, codes: expect.arrayContaining(['MAXIMUMTARIEF_ONLEESBAAR']) });
    expect(row?.tarief).toBeUndefined();
  }
  // the same from the tariff table, for an empty maximumtarief in the row
  const rows = seed();
  rows['NZa tarieven'][1] = ['Z1007', { error: '#N/A' }];
  for (const s of subjects(rows)) {
    const out = await annotateWorkbook(s.port, pack, params, { now });
    expect(out.run.results.find((r) => r.ref === 'Aanbieders!7')?.flags.map((f) => f.code)).toContain('MAXIMUMTARIEF_ONLEESBAAR');
  }
});

test('re-running is idempotent, in both', async () => {
  for (const s of subjects(seed())) {
    // the second run adds the change sheet (issue 25); from then on a run changes nothing
    await annotateWorkbook(s.port, pack, params, { now });
    await annotateWorkbook(s.fresh(), pack, params, { now });
    const first = s.snap();
    await annotateWorkbook(s.fresh(), pack, params, { now });
    expect({ adapter: s.name, cells: s.snap() }).toEqual({ adapter: s.name, cells: first });
  }
});

test('nothing outside the output columns and the Tariefwijzer sheet changes, in both', async () => {
  for (const s of subjects(seed())) {
    const before = s.snap();
    await annotateWorkbook(s.port, pack, params, { now });
    expect({ adapter: s.name, cells: s.snap({ sheets: [META_SHEET], fromColumn: { Aanbieders: 7 } }) }).toEqual({ adapter: s.name, cells: before });
  }
});

test('names that look like formulas stay text: in the input after a run, and when written as output', async () => {
  const tricky = [...RISKY, '\tTab', '\rCR', '=1+1', '-5', '0012'];
  for (const s of subjects(seed())) {
    await annotateWorkbook(s.port, pack, params, { now });
    RISKY.forEach((name, i) => expect({ adapter: s.name, cell: s.textAt('Aanbieders', 3 + i + (i >= 2 ? 1 : 0), 1) }).toEqual({ adapter: s.name, cell: name }));
    // straight through the port: text columns and an own sheet
    await s.port.writeBlock({
      sheet: 'Aanbieders',
      headerRow: 2,
      firstColumn: 7,
      headers: ['Tariefwijzer percentage', 'Tariefwijzer tarief', 'Tariefwijzer signalen', 'Tariefwijzer toelichting'],
      values: tricky.map((t, i) => [i % 2 ? 0.5 : null, 12.5, t, t]),
      numberFormats: [PERCENTAGE_FORMAT, TARIFF_FORMAT, undefined, undefined],
    });
    await s.port.replaceSheet(
      META_SHEET,
      tricky.map((t) => ['Naam', t, 3]),
    );
    await s.port.flush();
    tricky.forEach((t, i) => {
      expect({
        adapter: s.name,
        i,
        signaal: s.textAt('Aanbieders', 3 + i, 9),
        toelichting: s.textAt('Aanbieders', 3 + i, 10),
        meta: s.textAt(META_SHEET, i, 1),
      }).toEqual({ adapter: s.name, i, signaal: t, toelichting: t, meta: t });
    });
    const back = await s.fresh().readSheet('Aanbieders');
    expect(back[4].slice(7, 9)).toEqual([0.5, 12.5]);
    if (s.fake) expect(s.fake.formulas()).toEqual([]);
  }
});

test('flagged rows are highlighted by conditional formats on the output columns only, replaced on re-run', async () => {
  const [xlsx, office] = subjects(seed());
  for (let run = 0; run < 2; run++) {
    const outX = await annotateWorkbook(xlsx.fresh(), pack, params, { now });
    await annotateWorkbook(office.fresh(), pack, params, { now });
    const ws = (xlsx.port as unknown as { workbook: import('exceljs').Workbook }).workbook.getWorksheet(outX.sheet)!;
    const cfs = (ws as unknown as { conditionalFormattings: Array<{ ref: string; rules: Array<{ formulae: string[] }> }> }).conditionalFormattings;
    expect(cfs).toHaveLength(1);
    const signalCol = String.fromCharCode(65 + (ws.getRow(outX.headerRow + 1).values as unknown[]).indexOf('Tariefwijzer signalen') - 1);
    const firstValueRow = outX.headerRow + 2;
    expect(cfs[0].rules.map((r) => r.formulae[0])).toEqual([
      `ISNUMBER(FIND("[waarschuwing]",$${signalCol}${firstValueRow}))`,
      `ISNUMBER(FIND("[fout]",$${signalCol}${firstValueRow}))`,
    ]);
    expect(cfs[0].ref.startsWith(`${String.fromCharCode(signalCol.charCodeAt(0) - 2)}${firstValueRow}:`)).toBe(true);
    const officeRules = office.fake!.sheet(outX.sheet)!.conditionalFormats;
    expect(officeRules.map((r) => [r.formula, r.fill])).toEqual([
      [`=ISNUMBER(FIND("[waarschuwing]",$${signalCol}${firstValueRow}))`, '#FFEB9C'],
      [`=ISNUMBER(FIND("[fout]",$${signalCol}${firstValueRow}))`, '#FFC7CE'],
    ]);
    expect(officeRules[0].box.column).toBe(signalCol.charCodeAt(0) - 65 - 2);
    expect(officeRules[0].box.columns).toBe(OUTPUT_HEADERS.length);
  }
});

describe('Office.js adapter costs', () => {
  const ROWS = 25_000;
  function bigSheet(): FakeExcel {
    const rows: SeedValue[][] = [['AGB code', 'Naam zorgaanbieder', 'Prestatie-code', 'Zorgprofiel', 'Leveringsvorm', 'NZa maximum-tarief']];
    for (let i = 0; i < ROWS; i++)
      rows.push([String(73730000 + i), `Zorgaanbieder ${i}`, i % 3 ? 'Z1105' : 'V1101', i % 3 ? 'GGZ-W5' : 'W1', i % 3 ? 'Verblijf' : 'VPT', 300 + (i % 50)]);
    return FakeExcel.from({ Aanbieders: rows });
  }

  /**
   * Syncs = 2 fixed (sheet names; the first rows of every sheet with their used-range sizes) + the reads of
   * the needed columns by payload (~2.7 MB here: 1) + the writes by payload (~9 MB of values, formats and
   * explanation text: 3, the last one carrying the metadata sheet). Measured 6 before rows of codes the prestatie
   * list does not know carried a warning (issue 17: Z1105 and V1101 are classified from the columns and say so);
   * with that signal text on every row, and citations as document title and paragraph (issue 16), ~12 MB of writes:
   * measured 8, asserted ≤ 8.
   * A re-run sees the long output texts in the first rows, so it guesses more bytes per cell for the read
   * (still only the input columns are read): measured 10, asserted ≤ 10.
   * Plus one sync each since issue 27: whether the output columns are hidden or under merged cells
   * (output-columns.ts), asked before anything is written: 9 and 11.
   */
  test(`${ROWS} rows: few syncs, no request or response over 4 MB`, async () => {
    const fake = bigSheet();
    const out = await annotateWorkbook(new OfficeWorkbook(fakeContext(fake)), pack, params, { now });
    expect(out.dataRows).toBe(ROWS);
    const first = { syncs: fake.syncCount, maxRequest: fake.maxRequest, maxResponse: fake.maxResponse };
    // a re-run reads the output columns back as well: the heavier case
    fake.resetCounters();
    await annotateWorkbook(new OfficeWorkbook(fakeContext(fake)), pack, params, { now });
    const second = { syncs: fake.syncCount, maxRequest: fake.maxRequest, maxResponse: fake.maxResponse };
    console.log(`Office adapter, ${ROWS} rows: first run ${JSON.stringify(first)}, re-run ${JSON.stringify(second)}`);
    // a rerun also reads the previous block (eight columns) and writes the change sheet (issue 25)
    expect(first.syncs).toBeLessThanOrEqual(10);
    expect(second.syncs).toBeLessThanOrEqual(17);
    for (const run of [first, second]) {
      expect(run.maxRequest).toBeLessThanOrEqual(4_000_000);
      expect(run.maxResponse).toBeLessThanOrEqual(4_000_000);
    }
    // output reached the last rows (row i sits on 0-based sheet row i + 1)
    expect(fake.sheet('Aanbieders')!.cell(ROWS - 1, 7)?.value).toBeCloseTo(348 * 0.993, 2);
  }, 120_000);
});

test('flags of rows with a fout or waarschuwing are repeated as notes on the signal cell; replaced on re-run; user notes stay', async () => {
  const found: Record<string, unknown> = {};
  for (const s of subjects(seed())) {
    s.addNote('Aanbieders', 3, 6, 'notitie van de inkoper');
    await annotateWorkbook(s.port, pack, params, { now });
    await s.port.flush();
    const notes = s.notes('Aanbieders');
    found[s.name] = notes;
    expect(notes['3,6']).toBe('notitie van de inkoper');
    // row 8 (0-based 7) has #N/A as maximumtarief: a fout, so a note on its signal cell (column J = 9)
    expect(notes['7,9']).toMatch(/^Tariefwijzer:\n(.*\n)?\[fout\] Maximumtarief onleesbaar:/);
    const ours = Object.keys(notes).filter((k) => k !== '3,6');
    expect(ours.every((k) => k.endsWith(',9'))).toBe(true);
    // a re-run without notes removes ours, and only ours
    await annotateWorkbook(s.fresh(), pack, params, { now, notes: false });
    expect(s.notes('Aanbieders')).toEqual({ '3,6': 'notitie van de inkoper' });
  }
  expect(found['office.js']).toEqual(found.exceljs);
});

test('a response Excel refuses as too large is read again in smaller pieces', async () => {
  // The first rows are short, later ones hold 2,000 characters: the size guessed from the first rows is far too low.
  const rows: SeedValue[][] = [['Prestatiecode', 'Toelichting']];
  for (let i = 0; i < 3_000; i++) rows.push(['Z1105', i < 30 ? 'kort' : `${i} ${'x'.repeat(2_000)}`]);
  const fake = FakeExcel.from({ Blad: rows });
  const port = new OfficeWorkbook(fakeContext(fake));
  await port.readSheets([{ sheet: 'Blad', rows: 20 }]);
  fake.resetCounters();
  const [read] = await port.readSheets([{ sheet: 'Blad', columns: [1] }]);
  expect(read.cells).toHaveLength(3_001);
  expect(read.cells[3_000][1]).toBe(`2999 ${'x'.repeat(2_000)}`);
  expect(fake.responses.filter((b) => b > 5 * 1024 * 1024).length).toBeGreaterThan(0); // it was refused at least once
  expect(fake.syncCount).toBeLessThanOrEqual(6);
});

describe('the fake host behaves like Excel where it matters', () => {
  test('loaded values are readable only after sync; a string starting with = in a General cell becomes a formula', async () => {
    const fake = FakeExcel.from({ Blad: [['a']] });
    const ctx = fake.context;
    const range = ctx.workbook.worksheets.getItem('Blad').getRange('A1:B1');
    range.load('values');
    expect(() => range.values).toThrow(/PropertyNotLoaded/);
    await ctx.sync();
    expect(range.values).toEqual([['a', '']]);
    range.values = [['=HYPERLINK("x")', null]];
    expect(fake.sheet('Blad')!.cell(0, 0)?.value).toBe('a');
    await ctx.sync();
    expect(fake.formulas()).toEqual(['Blad!0,0: =HYPERLINK("x")']);
    expect(fake.syncCount).toBe(2);
  });

  test('getItem of a missing sheet fails at sync', async () => {
    const fake = FakeExcel.from({ Blad: [['a']] });
    const used = fake.context.workbook.worksheets.getItem('Weg').getUsedRangeOrNullObject(true);
    used.load('rowCount');
    await expect(fake.context.sync()).rejects.toThrow(/ItemNotFound/);
  });
});

describe('our columns are visible and under no merged cells (issue 27); merges and hidden columns of the user stay', () => {
  const EMPTY4 = [null, null, null, null];
  /** The header row (0-based 2) and a data row (0-based 3) as an independent reader sees them: exceljs on the package, the fake's cells. */
  async function rows(s: Subject): Promise<unknown[][]> {
    const grid = normalizeGrid(await s.fresh().readSheet('Aanbieders'));
    return [grid[2], grid[3]].map((line) => Array.from({ length: 24 }, (_, c) => line[c] ?? null));
  }

  test('an empty merged area right of the data (H3:K3, on the header row) is passed over; a re-run writes the same', async () => {
    for (const s of subjects(seed())) {
      s.merge('Aanbieders', 'H3:K3');
      const before = s.snap();
      const out = await annotateWorkbook(s.port, pack, params, { now });
      await s.port.flush();
      const [header, data] = await rows(s);
      expect({ adapter: s.name, under: header.slice(7, 11), ours: header.slice(11, 11 + OUTPUT_HEADERS.length) }).toEqual({
        adapter: s.name,
        under: EMPTY4,
        ours: [...OUTPUT_HEADERS],
      });
      expect(data[11]).toBeCloseTo(0.993, 10);
      expect(data[12]).toBe(297.9);
      expect(s.merges('Aanbieders')).toEqual(['H3:K3']);
      expect(out.warnings.join('\n')).toMatch(
        /rechts van de gegevens zijn de cellen H3:K3 samengevoegd\. .*de Tariefwijzer-kolommen staan in de kolommen L tot en met S/,
      );
      // the same words on the metadata sheet
      expect(JSON.stringify(normalizeGrid(await s.fresh().readSheet(META_SHEET)))).toContain('H3:K3 samengevoegd');
      expect(s.snap({ sheets: [META_SHEET], fromColumn: { Aanbieders: 11 } })).toBe(before);
      const first = s.snap();
      await annotateWorkbook(s.fresh(), pack, params, { now });
      await s.port.flush();
      // the rerun adds only the change sheet (issue 25)
      expect({ adapter: s.name, cells: s.snap({ sheets: [CHANGES_SHEET] }) }).toEqual({ adapter: s.name, cells: first });
      expect(s.merges('Aanbieders')).toEqual(['H3:K3']);
    }
  });

  test('a merged area that reaches from the data into the columns right of it (G4:I4) is passed over too', async () => {
    // Excel reports a merged area only from a range that holds its top-left cell: G4 lies left of the output columns
    for (const s of subjects(seed())) {
      s.merge('Aanbieders', 'G4:I4');
      await annotateWorkbook(s.port, pack, params, { now });
      await s.port.flush();
      const [header, data] = await rows(s);
      expect({ adapter: s.name, ours: header.slice(9, 9 + OUTPUT_HEADERS.length), left: header.slice(7, 9) }).toEqual({
        adapter: s.name,
        ours: [...OUTPUT_HEADERS],
        left: [null, null],
      });
      expect(data[10]).toBe(297.9);
      expect(s.merges('Aanbieders')).toEqual(['G4:I4']);
    }
  });

  test('hidden columns right of the data (H, I) are passed over and stay hidden', async () => {
    for (const s of subjects(seed())) {
      s.hide('Aanbieders', 7);
      s.hide('Aanbieders', 8);
      const out = await annotateWorkbook(s.port, pack, params, { now });
      await s.port.flush();
      const [header] = await rows(s);
      expect({ adapter: s.name, hidden: header.slice(7, 9), ours: header.slice(9, 9 + OUTPUT_HEADERS.length) }).toEqual({
        adapter: s.name,
        hidden: [null, null],
        ours: [...OUTPUT_HEADERS],
      });
      // the user's stay hidden; the record column is written hidden
      expect(s.hidden('Aanbieders')).toEqual([7, 8, 9 + OUT.record]);
      expect(out.warnings.join('\n')).toMatch(/zijn de kolommen H, I verborgen\. .*in de kolommen J tot en met Q/);
      const first = s.snap();
      await annotateWorkbook(s.fresh(), pack, params, { now });
      expect(s.snap({ sheets: [CHANGES_SHEET] })).toBe(first);
    }
  });

  test('a re-run keeps our columns when the user hid one of them, and says so', async () => {
    for (const s of subjects(seed())) {
      await annotateWorkbook(s.port, pack, params, { now });
      s.hide('Aanbieders', 8);
      const out = await annotateWorkbook(s.fresh(), pack, params, { now });
      await s.port.flush();
      const [header, data] = await rows(s);
      expect({
        adapter: s.name,
        ours: header.slice(7, 7 + OUTPUT_HEADERS.length),
        after: header.slice(7 + OUTPUT_HEADERS.length, 11 + OUTPUT_HEADERS.length),
      }).toEqual({
        adapter: s.name,
        ours: [...OUTPUT_HEADERS],
        after: EMPTY4,
      });
      expect(data[8]).toBe(297.9);
      // and the record column that the first run wrote hidden stays so, without a word
      expect(s.hidden('Aanbieders')).toEqual([8, 7 + OUT.record]);
      expect(out.warnings.join('\n')).toMatch(/kolom I van de Tariefwijzer-kolommen is verborgen\. De uitvoer is er wel bijgewerkt/);
    }
  });

  test('a re-run refuses when the user merged cells inside our columns, and changes nothing', async () => {
    for (const s of subjects(seed())) {
      await annotateWorkbook(s.port, pack, params, { now });
      s.merge('Aanbieders', 'J5:K5');
      const before = s.snap();
      const run = annotateWorkbook(s.fresh(), pack, params, { now });
      await expect(run).rejects.toThrow(InputError);
      await expect(run).rejects.toThrow(/in de Tariefwijzer-kolommen \(de kolommen H tot en met O\) zijn cellen samengevoegd \(J5:K5\).*er is niets gewijzigd/);
      await s.port.flush();
      expect({ adapter: s.name, cells: s.snap() }).toEqual({ adapter: s.name, cells: before });
      expect(s.merges('Aanbieders')).toEqual(['J5:K5']);
    }
  });

  test('Office: without ExcelApi 1.13 merged cells cannot be seen; the run says so and still passes hidden columns', async () => {
    const fake = FakeExcel.from(seed(), { api: '1.12' });
    fake.sheet('Aanbieders')!.hiddenColumns.add(7);
    const out = await annotateWorkbook(new OfficeWorkbook(fakeContext(fake), { conditionalFormats: true, mergedAreas: false }), pack, params, { now });
    expect(fake.sheet('Aanbieders')!.cell(2, 8)?.value).toBe(OUTPUT_HEADERS[0]);
    expect(out.warnings.join('\n')).toMatch(
      /Excel kon niet melden of er samengevoegde cellen zijn in de kolommen I tot en met P \(daarvoor is ExcelApi 1\.13 nodig/,
    );
  });

  test('Office: more than 512 merged areas up to the output columns: asked again for the output columns alone', async () => {
    const fake = FakeExcel.from(seed());
    const sheet = fake.sheet('Aanbieders')!;
    // 600 merged pairs in the data rows far below (column A:B), and the one right of the data
    for (let i = 0; i < 600; i++) sheet.merges.push({ row: 100 + i, column: 0, rows: 1, columns: 2 });
    Object.assign(sheet.ensure(699, 0), { value: 'x', type: 'String' });
    sheet.merges.push({ row: 2, column: 7, rows: 1, columns: 4 });
    const out = await annotateWorkbook(new OfficeWorkbook(fakeContext(fake), { conditionalFormats: true, mergedAreas: true }), pack, params, { now });
    expect(OUTPUT_HEADERS.map((_, i) => sheet.cell(2, 11 + i)?.value)).toEqual([...OUTPUT_HEADERS]);
    expect(out.warnings.join('\n')).toMatch(/H3:K3 samengevoegd/);
  });
});

describe('the fake host reports merged areas and hidden columns as Excel does', () => {
  test('getMergedAreasOrNullObject: only areas whose top-left cell is in the range; a null object when none; ExcelApi 1.13', async () => {
    const fake = FakeExcel.from({ 'Mijn blad': [['a']] });
    fake.sheet('Mijn blad')!.merges.push({ row: 4, column: 10, rows: 1, columns: 4 }, { row: 19, column: 0, rows: 1, columns: 14 });
    const ws = fake.context.workbook.worksheets.getItem('Mijn blad');
    const all = ws.getRangeByIndexes(0, 0, 30, 20).getMergedAreasOrNullObject();
    all.load('address');
    const right = ws.getRangeByIndexes(0, 10, 30, 10).getMergedAreasOrNullObject();
    right.load('address');
    const none = ws.getRangeByIndexes(0, 15, 30, 5).getMergedAreasOrNullObject();
    none.load('address');
    await fake.context.sync();
    expect(all.address).toBe("'Mijn blad'!K5:N5, 'Mijn blad'!A20:N20");
    expect(right.address).toBe("'Mijn blad'!K5:N5");
    expect(none.isNullObject).toBe(true);
    const old = FakeExcel.from({ Blad: [['a']] }, { api: '1.12' });
    old.context.workbook.worksheets.getItem('Blad').getRange('A1:B2').getMergedAreasOrNullObject().load('address');
    await expect(old.context.sync()).rejects.toThrow(/ApiNotFound/);
  });

  test('columnHidden: true when all columns are hidden, false when none, null when some', async () => {
    const fake = FakeExcel.from({ Blad: [['a']] });
    fake.sheet('Blad')!.hiddenColumns.add(2);
    const ws = fake.context.workbook.worksheets.getItem('Blad');
    const ranges = [ws.getRange('C1'), ws.getRange('A1:B1'), ws.getRange('B1:C1')];
    for (const r of ranges) r.load('columnHidden');
    await fake.context.sync();
    expect(ranges.map((r) => r.columnHidden)).toEqual([true, false, null]);
  });
});

test('parseAreas reads RangeAreas addresses, also of sheets whose quoted name holds a comma, "!" or a quote', () => {
  expect(parseAreas('Blad1!K5:N5, Blad1!A20')).toEqual([
    { firstRow: 4, lastRow: 4, firstColumn: 10, lastColumn: 13 },
    { firstRow: 19, lastRow: 19, firstColumn: 0, lastColumn: 0 },
  ]);
  expect(parseAreas("'Zorg, 2025!'!$B$2:$C$3, 'Jan''s blad'!AA1:AB1")).toEqual([
    { firstRow: 1, lastRow: 2, firstColumn: 1, lastColumn: 2 },
    { firstRow: 0, lastRow: 0, firstColumn: 26, lastColumn: 27 },
  ]);
});
