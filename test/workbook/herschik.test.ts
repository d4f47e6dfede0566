/** herschikWorkbook through the port: reading aliases, toezeggingen and a labelled contracteerruimte; text stays text; the optional chart. */
import fs from 'node:fs';
import path from 'node:path';
import { resolveParameters } from '../../src/domain/policy/load';
import { resolveHerschikParameters } from '../../src/domain/production';
import { getPack } from '../../src/policies';
import { FakeExcel, fakeContext, type SeedValue } from '../../src/demo-host/fake-excel';
import { OfficeWorkbook } from '../../src/workbook/office/adapter';
import { herschikWorkbook, HERSCHIK_HEADERS, HERSCHIK_SHEET, type Scenario } from '../../src/workbook/jobs/herschik';
import { XlsxWorkbook } from '../../src/workbook/xlsx/adapter';
import { RunCancelled } from '../../src/workbook/jobs/job';
import type { ChartSpec } from '../../src/workbook/port';
import { snapshot, workbookFrom } from './helpers';

const pack = getPack('zk-ggz-2025')!;
const packParams = resolveParameters(pack, { richttarief: '100' }).values;

function sheets() {
  const rows: unknown[][] = [
    ['Agb code', 'Naam aanbieder', 'Productcode', 'Zorgprofiel', 'Leveringsvorm', 'NZa tarief', 'Periode', 'Eenheden', 'Declaratiebedrag'],
  ];
  for (let m = 1; m <= 6; m++) {
    rows.push(['30000001', '=Zorg BV', 'Z1103', 'GGZ-W3', 'Verblijf', 100, `${['jan', 'feb', 'mrt', 'apr', 'mei', 'jun'][m - 1]} 2025`, 10, '€ 1.000,00']);
    rows.push(['30000002', '@Thuis', 'Z1103', 'GGZ-W3', 'Verblijf', 200, new Date(Date.UTC(2025, m - 1, 1)), 5, 999]);
  }
  return {
    Declaraties: rows,
    'Toezeggingen 2025': [['Toezeggingen'], [], ['AGB', 'Sector', 'Bedrag toezegging', 'Reden'], ['30000001', 'GGZ', '1.000', 'complexe casuïstiek']],
    Kader: [['Contracteerruimte GGZ', null, '€ 20.000,00']],
  };
}

/** The Office.js adapter on the fake Excel host, and a cell reader. */
function office() {
  const fake = FakeExcel.from(sheets() as Record<string, SeedValue[][]>);
  const value = (sheet: string, r: number, c: number) => fake.sheet(sheet)?.cell(r, c)?.value;
  return { fake, port: new OfficeWorkbook(fakeContext(fake)), value };
}

test('aliases, toezeggingen, labelled contracteerruimte; names like formulas are written as text', async () => {
  const { fake, port, value } = office();
  const params = resolveHerschikParameters({ peildatum: '30-6-2025' }).values;
  const out = await herschikWorkbook(port, pack, packParams, params, { now: new Date('2025-07-01T00:00:00Z') });
  expect(out.sheet).toBe('Declaraties');
  expect(out.toezeggingenSheet).toBe('Toezeggingen 2025');
  expect(out.chartWritten).toBe(false);
  const s = out.result.sectors[0];
  expect(s.contracteerruimte!.toString()).toBe('20000');
  expect(s.extrapolated.toString()).toBe('24000');
  expect(s.afsprakenTotaal.toString()).toBe('20000');
  // 999 ≠ 5 × € 200: counted per row, and said in the signals column of those rows
  expect(out.result.flagCounts.BEDRAG_WIJKT_AF).toBe(6);
  const signals = Array.from({ length: 12 }, (_, i) => String(value('Declaraties', i + 1, 12) ?? ''));
  expect(signals.filter((s) => s.includes('Gedeclareerd bedrag € 999,00 wijkt')).length).toBe(6);
  expect(out.result.notes.join(' ')).toContain('Geen kolom "Goedgekeurd"');
  expect([9, 10, 11, 12, 13].map((c) => value('Declaraties', 0, c))).toEqual([
    'Tariefwijzer tarief (herschikking)',
    'Tariefwijzer omzet',
    'Tariefwijzer meegeteld',
    'Tariefwijzer signalen (herschikking)',
    'Tariefwijzer toelichting (herschikking)',
  ]);
  expect(value('Declaraties', 1, 10)).toBe(1000);
  const texts = [...fake.sheet(HERSCHIK_SHEET)!.cells.values()].filter((c) => c.type === 'String' && c.formula === undefined).map((c) => c.value);
  expect(texts).toEqual(expect.arrayContaining(['=Zorg BV', '@Thuis']));
  expect(fake.formulas()).toEqual([]);
});

test('an adapter that can draw charts gets a line chart over the month table', async () => {
  const { port: office_, value } = office();
  const port = office_ as OfficeWorkbook & { writeChart?: (c: ChartSpec) => Promise<void> };
  const charts: ChartSpec[] = [];
  port.writeChart = async (c) => {
    charts.push(c);
  };
  const params = resolveHerschikParameters({ peildatum: '2025-06-30' }).values;
  const out = await herschikWorkbook(port, pack, packParams, params);
  expect(out.chartWritten).toBe(true);
  expect(charts).toHaveLength(1);
  const c = charts[0];
  expect(c.sheet).toBe(HERSCHIK_SHEET);
  expect(c.lastRow - c.firstRow + 1).toBe(6);
  expect(value(HERSCHIK_SHEET, c.headerRow, c.categoryColumn)).toBe('Maand');
  expect(c.seriesColumns.map((i) => value(HERSCHIK_SHEET, c.headerRow, i))).toEqual(['GGZ uitnutting', 'Contracteerruimte']);
});

test('the exceljs adapter: the same run writes the same figures', async () => {
  const wb = workbookFrom(sheets());
  const params = resolveHerschikParameters({ peildatum: '2025-06-30' }).values;
  const out = await herschikWorkbook(wb, pack, packParams, params);
  expect(out.result.sectors[0].afsprakenTotaal.toString()).toBe('20000');
  expect(wb.workbook.getWorksheet('Declaraties')!.getCell('K2').value).toBe(1000);
  expect(wb.workbook.getWorksheet('Declaraties')!.getCell('K2').numFmt).toBe('"€" #,##0.00');
});

test('the Office.js adapter draws a native line chart where the host can (ExcelApi 1.7); a re-run leaves one', async () => {
  const fake = FakeExcel.from(sheets() as Record<string, SeedValue[][]>);
  const params = resolveHerschikParameters({ peildatum: '2025-06-30' }).values;
  for (let run = 0; run < 2; run++) {
    const out = await herschikWorkbook(new OfficeWorkbook(fakeContext(fake), { charts: true }), pack, packParams, params);
    expect(out.chartWritten).toBe(true);
  }
  const charts = fake.sheet(HERSCHIK_SHEET)!.charts;
  expect(charts).toHaveLength(1);
  const [chart] = charts;
  expect(chart.type).toBe('Line');
  expect(chart.title).toMatch(/^Verwachte uitnutting van de contracteerruimte per sector, 2025/);
  expect(chart.series.map((s) => s.name)).toEqual(['GGZ uitnutting', 'Contracteerruimte']);
  const header = chart.series[0].values!.row - 1;
  expect(fake.sheet(HERSCHIK_SHEET)!.cell(header, chart.series[0].categories!.column)?.value).toBe('Maand');
  for (const s of chart.series) {
    expect(s.values!.rows).toBe(6);
    expect(s.categories).toEqual({ row: header + 1, column: 0, rows: 6, columns: 1 });
    expect(fake.sheet(HERSCHIK_SHEET)!.cell(header, s.values!.column)?.value).toBe(s.name);
  }
  // without charts in the host, the sheet says none was drawn
  const older = await herschikWorkbook(new OfficeWorkbook(fakeContext(FakeExcel.from(sheets() as Record<string, SeedValue[][]>))), pack, packParams, params);
  expect(older.chartWritten).toBe(false);
});

test('issue 27: the herschikking columns pass over a merged area right of the production data, which stays; the sheet says so', async () => {
  const { fake, value } = office();
  // J2:K3 merged: the first two columns right of the data, on two production rows
  fake.sheet('Declaraties')!.merges.push({ row: 1, column: 9, rows: 2, columns: 2 });
  const params = resolveHerschikParameters({ peildatum: '30-6-2025' }).values;
  const out = await herschikWorkbook(new OfficeWorkbook(fakeContext(fake), { mergedAreas: true }), pack, packParams, params, {
    now: new Date('2025-07-01T00:00:00Z'),
  });
  expect([9, 10].map((c) => value('Declaraties', 0, c))).toEqual([undefined, undefined]);
  expect(value('Declaraties', 0, 11)).toBe('Tariefwijzer tarief (herschikking)');
  expect(value('Declaraties', 1, 12)).toBe(1000);
  expect(fake.sheet('Declaraties')!.merges).toEqual([{ row: 1, column: 9, rows: 2, columns: 2 }]);
  const said = /de cellen J2:K3 samengevoegd\. .*de herschikkingskolommen staan in de kolommen L tot en met P/;
  expect(out.warnings.join('\n')).toMatch(said);
  expect([...fake.sheet(HERSCHIK_SHEET)!.cells.values()].some((c) => typeof c.value === 'string' && said.test(c.value))).toBe(true);
});

test('the job reports its phases and rows; a cancel before writing leaves the workbook unchanged, one after it completes', async () => {
  const params = resolveHerschikParameters({ peildatum: '2025-06-30' }).values;
  const phases: string[] = [];
  const progress: Array<[number, number]> = [];
  const out = await herschikWorkbook(workbookFrom(sheets()), pack, packParams, params, {
    onPhase: (p) => phases.push(p),
    onProgress: (d, t) => progress.push([d, t]),
  });
  expect(phases).toEqual(['lezen', 'rekenen', 'schrijven']);
  expect(progress).toEqual([
    [0, out.dataRows],
    [out.dataRows, out.dataRows],
  ]);

  const wb = workbookFrom(sheets());
  const before = snapshot(wb.workbook);
  const controller = new AbortController();
  const run = herschikWorkbook(wb, pack, packParams, params, { signal: controller.signal, onPhase: (p) => p === 'rekenen' && controller.abort() });
  await expect(run).rejects.toThrow(RunCancelled);
  expect(snapshot(wb.workbook)).toBe(before);
  expect(wb.workbook.getWorksheet(HERSCHIK_SHEET)).toBeUndefined();

  const late = new AbortController();
  const written = workbookFrom(sheets());
  await herschikWorkbook(written, pack, packParams, params, { signal: late.signal, onPhase: (p) => p === 'schrijven' && late.abort() });
  expect(written.workbook.getWorksheet(HERSCHIK_SHEET)).toBeDefined();
});

describe('issue 27: the rows stream to the writer window by window, with the same output as one window', () => {
  const example = fs.readFileSync(path.join(__dirname, '../../examples/productie-2025-ggz.xlsx'));
  const params = resolveHerschikParameters({ peildatum: '2025-08-31' }).values;
  const ggzParams = resolveParameters(pack, { richttarief: '96' }).values;
  const now = new Date('2025-09-01T10:00:00Z');

  async function runXlsx(bytes: Buffer, window: number | undefined, p = params, vergelijk?: Scenario) {
    const port = await XlsxWorkbook.fromBuffer(bytes);
    const out = await herschikWorkbook(port, pack, ggzParams, p, { now, window, vergelijk });
    return { out, bytes: await port.toBuffer() };
  }

  test('the example workbook in windows of 17 rows: the same package, result and scenario as in one window', async () => {
    const vergelijk: Scenario = {
      pack,
      packParams: resolveParameters(pack, { richttarief: '94' }).values,
      params: resolveHerschikParameters({ peildatum: '2025-06-30', korting: 'vast-percentage', korting_percentage: '3' }).values,
      label: 'andere',
    };
    for (const [p, scenario] of [
      [params, vergelijk],
      [resolveHerschikParameters({}).values, undefined],
    ] as const) {
      const whole = await runXlsx(example, undefined, p, scenario);
      const windows = await runXlsx(example, 17, p, scenario);
      expect(whole.out.dataRows).toBeGreaterThan(17 * 5);
      expect(windows.bytes.equals(whole.bytes)).toBe(true);
      expect(windows.out).toEqual(whole.out);
    }
  });

  test('contracteerruimte labelled above the header and below the rows of the production sheet is found across windows', async () => {
    const rows: unknown[][] = [
      ['Contracteerruimte GGZ', '€ 50.000,00'],
      ['AGB-code', 'Prestatiecode', 'Zorgprofiel', 'Leveringsvorm', 'NZa maximumtarief', 'Maand', 'Aantal'],
    ];
    for (let i = 0; i < 60; i++)
      rows.push([String(30000001 + (i % 4)), 'Z1103', 'GGZ-W3', 'Verblijf', 100 + (i % 7), `2025-${String(1 + (i % 8)).padStart(2, '0')}`, 3 + (i % 5)]);
    rows.push(
      [],
      [null, null, null, null, null, null, null, null, 'Contracteerruimte GGZ', 'ongeveer veel'],
      [null, null, null, null, null, null, null, null, 'Contracteerruimte GGZ', 60000],
    );
    const bytes = await (workbookFrom({ Productie: rows }).workbook.xlsx.writeBuffer() as Promise<ArrayBuffer>).then((b) => Buffer.from(b));
    const whole = await runXlsx(bytes, undefined);
    const windows = await runXlsx(bytes, 7);
    expect(windows.bytes.equals(whole.bytes)).toBe(true);
    expect(windows.out).toEqual(whole.out);
    expect(whole.out.result.sectors[0].contracteerruimte!.toString()).toBe('50000');
    expect(whole.out.warnings).toEqual([
      expect.stringMatching(/"ongeveer veel" naast "Contracteerruimte GGZ" is geen bedrag/),
      expect.stringMatching(/^Contracteerruimte GGZ staat ook in .*J65; .*B1 is gebruikt\.$/),
    ]);
    expect(whole.out.dataRows).toBe(60);
    expect(whole.out.result.rowCounts.counted).toBe(60);
    // the own columns start right of the widest row (the labels in I and J, in the last window), not of the header
    const written = await XlsxWorkbook.fromBuffer(windows.bytes);
    const [header] = await written.readSheets([{ sheet: 'Productie', firstRow: 1, rows: 1 }]);
    expect(header.cells[1].slice(10, 15)).toEqual([...HERSCHIK_HEADERS]);
  });

  test('the Office.js adapter in windows of 5 rows writes what it writes in one window', async () => {
    const runOffice = async (window?: number) => {
      const fake = FakeExcel.from(sheets() as Record<string, SeedValue[][]>);
      const out = await herschikWorkbook(new OfficeWorkbook(fakeContext(fake)), pack, packParams, params, { now, window });
      const cells = (name: string) => [...fake.sheet(name)!.cells.entries()].sort(([a], [b]) => a.localeCompare(b));
      return { out, cells: [cells('Declaraties'), cells(HERSCHIK_SHEET)] };
    };
    const whole = await runOffice();
    const windows = await runOffice(5);
    expect(windows.cells).toEqual(whole.cells);
    expect(windows.out).toEqual(whole.out);
  });
});

test('progress while computing; a cancel while reading throws before anything is written', async () => {
  const params = resolveHerschikParameters({ peildatum: '30-6-2025' }).values;
  const calls: Array<[number, number]> = [];
  await herschikWorkbook(office().port, pack, packParams, params, { onProgress: (done, total) => calls.push([done, total]) });
  const rows = sheets().Declaraties.length - 1;
  expect(calls.at(-1)).toEqual([rows, rows]);
  expect(calls.every(([done, total], i) => total === rows && done >= (calls[i - 1]?.[0] ?? 0))).toBe(true);

  const { fake, port } = office();
  const cancel = new AbortController();
  let turns = 0;
  const pause = async () => {
    if (++turns === 1) cancel.abort();
  };
  await expect(herschikWorkbook(port, pack, packParams, params, { signal: cancel.signal, pause })).rejects.toBeInstanceOf(RunCancelled);
  expect(fake.sheet(HERSCHIK_SHEET)).toBeUndefined();
  expect(fake.sheet('Declaraties')!.cell(0, 9)).toBeUndefined();
});
