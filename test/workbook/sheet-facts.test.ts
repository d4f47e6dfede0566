/**
 * Contract on both adapters (exceljs, and the Office.js adapter on the simulated host):
 * - reads of the first rows report an Excel table's totals row and the sheet's visibility (SheetRead);
 * - nothing written is ever a non-finite number or a text over Excel's 32,767 characters, whatever the caller
 *   passes (the guard in every adapter's writeBlock and replaceSheet), including a long pack title in the meta sheet.
 */
import { resolveParameters } from '../../src/domain/policy/load';
import { getPack } from '../../src/policies';
import { annotateWorkbook } from '../../src/workbook/jobs/annotate';
import { META_SHEET } from '../../src/workbook/names';
import { EXCEL_CELL_LIMIT, INVALID_NUMBER_TEXT, TRUNCATED_MARKER } from '../../src/workbook/port';
import { OfficeWorkbook } from '../../src/workbook/office/adapter';
import { FakeExcel, fakeContext, type SeedValue } from '../../src/demo-host/fake-excel';
import { procedureForPolicy, resolveProcedureParameters } from '../../src/domain/assessments';
import { resolveHerschikParameters } from '../../src/domain/production';
import { assessWorkbook } from '../../src/workbook/jobs/assess';
import { herschikWorkbook } from '../../src/workbook/jobs/herschik';
import { subjects, type SpecValue, type WorkbookSpec } from '../reliability/workbooks';
import { workbookFrom } from './helpers';

const HEADER = ['AGB-code', 'Prestatiecode', 'Zorgprofiel', 'Leveringsvorm', 'NZa maximumtarief'];
const ROW = ['73730001', 'Z1105', 'GGZ-W5', 'Verblijf', 300];

const spec: WorkbookSpec = {
  Oud: { rows: [HEADER, ROW], visibility: 'hidden' },
  Geheim: { rows: [['x']], visibility: 'veryHidden' },
  Aanbieders: {
    rows: [['Overzicht'], HEADER, ROW, ROW, ['Totaal', null, null, null, 600], [], HEADER, ROW, ['Totaal', null, null, null, 300]],
    tables: [
      { name: 'Eerste', ref: 'A2:E5', totals: true },
      { name: 'Tweede', ref: 'A7:E9', totals: true },
    ],
  },
  Zonder: { rows: [HEADER, ROW], tables: [{ name: 'GeenTotaal', ref: 'A1:E2', totals: false }] },
};

describe.each(subjects(spec).map((s) => [s.name, s] as const))('%s', (_, subject) => {
  test('first-row reads report totals rows (0-based) and visibility', async () => {
    const reads = await subject.port().readSheets(['Oud', 'Geheim', 'Aanbieders', 'Zonder'].map((sheet) => ({ sheet, rows: 20 })));
    expect(reads.map((r) => r.visibility)).toEqual(['hidden', 'veryHidden', 'visible', 'visible']);
    expect(reads.map((r) => r.totalsRows ?? [])).toEqual([[], [], [4, 8], []]);
  });

  test('non-finite numbers and over-long texts are never written; the cut is marked', async () => {
    const port = subject.port();
    const long = 'ab€'.repeat(20_000); // 60,000 characters
    await port.writeBlock({
      sheet: 'Zonder',
      headerRow: 0,
      firstColumn: 6,
      headers: ['Tariefwijzer tekst', long],
      values: [
        [long, Number.POSITIVE_INFINITY],
        [Number.NaN, 1.5],
      ],
      numberFormats: [undefined, '0.00'],
    });
    await port.replaceSheet('Tariefwijzer test', [
      [long, Number.NEGATIVE_INFINITY, Number.NaN],
      ['gewoon', 2, null],
    ]);
    await port.flush();
    const block = await subject.port().readSheet('Zonder');
    const own = await subject.port().readSheet('Tariefwijzer test');
    const cells = [...block.flat(), ...own.flat()];
    for (const v of cells) {
      if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
      if (typeof v === 'string') expect(v.length).toBeLessThanOrEqual(EXCEL_CELL_LIMIT);
    }
    expect(block[1][6]).toBe(long.slice(0, EXCEL_CELL_LIMIT - TRUNCATED_MARKER.length) + TRUNCATED_MARKER);
    expect(block[0][7]).toMatch(/\[ingekort: de tekst is langer dan een Excel-cel kan bevatten\]$/);
    expect([block[1][7], block[2][6]]).toEqual([INVALID_NUMBER_TEXT, INVALID_NUMBER_TEXT]);
    expect(block[2][7]).toBe(1.5);
    expect(own[0]).toEqual([expect.stringMatching(/ingekort/), INVALID_NUMBER_TEXT, INVALID_NUMBER_TEXT]);
    expect(own[1].slice(0, 2)).toEqual(['gewoon', 2]);
  });
});

test('a pack title of 40,000 characters: the meta sheet holds it cut, with the marker, on both adapters', async () => {
  const base = getPack('zk-ggz-2025')!;
  const pack = { ...base, title: 'Inkoopbeleid '.repeat(3100) };
  const params = resolveParameters(pack, { richttarief: '97,3' }).values;
  for (const subject of subjects({ Aanbieders: { rows: [HEADER, ROW] } })) {
    await annotateWorkbook(subject.port(), pack, params, { now: new Date('2026-11-24T12:00:00Z') });
    const meta = await subject.port().readSheet(META_SHEET);
    const texts = meta.flat().filter((v): v is string => typeof v === 'string');
    expect(texts.every((t) => t.length <= EXCEL_CELL_LIMIT)).toBe(true);
    expect(texts.some((t) => t.startsWith('Inkoopbeleid Inkoopbeleid') && t.endsWith(TRUNCATED_MARKER))).toBe(true);
  }
});

test('Office adapter: visibility and showTotals come with the first rows; the totals rows cost one more sync only when a table shows one', async () => {
  const office = subjects(spec).find((s) => s.name === 'office.js')!;
  const fake = office.fake!;
  fake.resetCounters();
  await new OfficeWorkbook(fakeContext(fake)).readSheets([
    { sheet: 'Oud', rows: 20 },
    { sheet: 'Zonder', rows: 20 },
  ]);
  expect(fake.syncCount).toBe(1);
  fake.resetCounters();
  await new OfficeWorkbook(fakeContext(fake)).readSheets([
    { sheet: 'Aanbieders', rows: 20 },
    { sheet: 'Zonder', rows: 20 },
  ]);
  expect(fake.syncCount).toBe(2);
});

describe('herschik and assess pick the visible sheet over a hidden old one before it (both adapters)', () => {
  const decl = (tarief: number): unknown[][] => [
    ['Agb code', 'Naam aanbieder', 'Productcode', 'Zorgprofiel', 'Leveringsvorm', 'NZa tarief', 'Periode', 'Eenheden'],
    ...[1, 2, 3].map((m) => ['30000001', 'Zorg BV', 'Z1103', 'GGZ-W3', 'Verblijf', tarief, `${['jan', 'feb', 'mrt'][m - 1]} 2025`, 10]),
  ];
  const aanvragen = (naam: string): unknown[][] => [
    ['AGB-code', 'Zorgaanbieder', 'Verzoek herberekening', 'Beroep op hardheidsclausule', 'Datum ontvangst'],
    ['12345678', naam, 'ja', 'nee', '20-9-2024'],
  ];
  const both = (sheets: Record<string, unknown[][]>, hidden: string) => {
    const xlsx = workbookFrom(sheets);
    xlsx.workbook.getWorksheet(hidden)!.state = 'hidden';
    const fake = FakeExcel.from(sheets as Record<string, SeedValue[][]>);
    fake.sheet(hidden)!.visibility = 'Hidden';
    return [xlsx, new OfficeWorkbook(fakeContext(fake))];
  };

  test('herschik', async () => {
    const pack = getPack('zk-ggz-2025')!;
    for (const port of both({ 'Declaraties 2024': decl(90), Declaraties: decl(100) }, 'Declaraties 2024')) {
      const out = await herschikWorkbook(
        port,
        pack,
        resolveParameters(pack, { richttarief: '100' }).values,
        resolveHerschikParameters({ peildatum: '31-3-2025' }).values,
        { now: new Date('2025-04-01T00:00:00Z') },
      );
      expect(out.sheet).toBe('Declaraties');
    }
  });

  test('herschik: the totals row of a table is not a production row', async () => {
    const pack = getPack('zk-ggz-2025')!;
    const rows = [...decl(100), ['Totaal', null, null, null, null, null, null, 30]] as SpecValue[][];
    for (const subject of subjects({ Declaraties: { rows, tables: [{ name: 'Productie', ref: 'A1:H5', totals: true }] } })) {
      const out = await herschikWorkbook(
        subject.port(),
        pack,
        resolveParameters(pack, { richttarief: '100' }).values,
        resolveHerschikParameters({ peildatum: '31-3-2025' }).values,
        { now: new Date('2025-04-01T00:00:00Z') },
      );
      expect(out.dataRows).toBe(3);
      expect(out.warnings.join('\n')).toMatch(/de totaalrij van een Excel-tabel \(rij 5\) is niet als gegevens gelezen/);
    }
  });

  test('assess', async () => {
    const proc = procedureForPolicy('zk-ggz-2025')!;
    for (const port of both({ Oud: aanvragen('Oude lijst'), Aanvragen: aanvragen('GGZ De Linde') }, 'Oud')) {
      const out = await assessWorkbook(port, proc, resolveProcedureParameters(proc).values, { now: new Date(Date.UTC(2024, 9, 1)) });
      expect(out.sheet).toBe('Aanvragen');
      expect(out.assessments[0].naam).toBe('GGZ De Linde');
    }
  });
});
