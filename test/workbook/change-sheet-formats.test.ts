/**
 * The change sheet shows its numbers as a person reads them (issue 25): percentages as percentages, amounts in euro,
 * every decimal a change has (a tenth of a cent still shows); the same on both writers and the simulated Excel.
 */
import ExcelJS from 'exceljs';
import { resolveParameters } from '../../src/domain/policy/load';
import { getPack } from '../../src/policies';
import { fakeContext } from '../../src/demo-host/fake-excel';
import { annotateWorkbook } from '../../src/workbook/jobs/annotate';
import { CHANGE_HEADERS, CHANGES_SHEET, SUMMARY_HEADERS } from '../../src/workbook/jobs/change-sheet';
import { OfficeWorkbook } from '../../src/workbook/office/adapter';
import type { WorkbookPort } from '../../src/workbook/port';
import { XlsxWorkbook } from '../../src/workbook/xlsx/adapter';
import { buildFake, buildXlsx, type WorkbookSpec } from '../reliability/workbooks';

const pack = getPack('zk-ggz-2025')!;
const first = resolveParameters(pack, { richttarief: '95' }).values;
const second = resolveParameters(pack, { richttarief: '97,3' }).values;
const now = new Date('2026-11-24T12:00:00Z');
const spec: WorkbookSpec = {
  Aanbieders: {
    rows: [
      ['AGB code', 'Naam zorgaanbieder', 'Prestatiecode', 'Zorgprofiel', 'Leveringsvorm', 'NZa maximumtarief', 'Volume'],
      ['73730001', 'Zorg Noord', 'Z1105', 'GGZ-W5', 'Verblijf', 300, 10],
      ['73730002', 'Zorg Zuid', 'Z1103', 'GGZ-W3', 'Verblijf', 228.45, 4],
    ],
  },
};

interface Cell {
  value: unknown;
  format: string | undefined;
}

/** The change sheet's cells by header, for the rows of a table starting with `headers`. */
function table(cells: (r: number, c: number) => Cell, rows: number, headers: readonly string[]): Array<Record<string, Cell>> {
  const out: Array<Record<string, Cell>> = [];
  let header = -1;
  for (let r = 0; r < rows; r++) {
    if (header < 0) {
      if (headers.every((h, c) => cells(r, c).value === h)) header = r;
      continue;
    }
    if (cells(r, 0).value === null || cells(r, 0).value === undefined || cells(r, 0).value === '') break;
    out.push(Object.fromEntries(headers.map((h, c) => [h, cells(r, c)])));
  }
  return out;
}

async function rerun(port: () => WorkbookPort, between?: () => Promise<void>): Promise<void> {
  await annotateWorkbook(port(), pack, first, { now });
  await port().flush();
  await between?.();
  await annotateWorkbook(port(), pack, second, { now });
  await port().flush();
}

function fromExcelJs(ws: ExcelJS.Worksheet) {
  const cells = (r: number, c: number): Cell => {
    const cell = ws.getCell(r + 1, c + 1);
    return { value: cell.value, format: cell.numFmt || undefined };
  };
  return { cells, rows: ws.actualRowCount + 5 };
}

const writers: Array<[string, () => Promise<{ cells: (r: number, c: number) => Cell; rows: number }>]> = [
  [
    'the package editor (CLI)',
    async () => {
      let wb = await XlsxWorkbook.fromBuffer(Buffer.from(await buildXlsx(spec).workbook.xlsx.writeBuffer()));
      await rerun(
        () => wb,
        async () => void (wb = await XlsxWorkbook.fromBuffer(await wb.toBuffer())),
      );
      const back = new ExcelJS.Workbook();
      await back.xlsx.load((await wb.toBuffer()) as unknown as ArrayBuffer);
      return fromExcelJs(back.getWorksheet(CHANGES_SHEET)!);
    },
  ],
  [
    'exceljs',
    async () => {
      const wb = buildXlsx(spec);
      await rerun(() => wb);
      return fromExcelJs(wb.workbook.getWorksheet(CHANGES_SHEET)!);
    },
  ],
  [
    'Office.js (simulated Excel)',
    async () => {
      const fake = buildFake(spec);
      await rerun(() => new OfficeWorkbook(fakeContext(fake), { conditionalFormats: true }));
      const sheet = fake.sheet(CHANGES_SHEET)!;
      const cells = (r: number, c: number): Cell => {
        const cell = sheet.cell(r, c);
        return { value: cell && cell.type !== 'Empty' ? cell.value : null, format: cell?.numberFormat };
      };
      return { cells, rows: 100 };
    },
  ],
];

test.each(writers)('%s: percentages as %, amounts in euro with their decimals, counts with thousands', async (_, write) => {
  const { cells, rows } = await write();
  const changes = table(cells, rows, CHANGE_HEADERS);
  expect(changes.map((c) => c['Prestatiecode'].value)).toEqual(['Z1105', 'Z1103']);
  for (const c of changes) {
    // the richttarief moved from 95 % to 97,3 %: both percentages as fractions, as Excel's % format shows them
    const [old, now] = [c['Oud percentage'], c['Nieuw percentage']];
    expect([old.format, now.format]).toEqual(['0.00##%', '0.00##%']);
    expect(old.value).toBeGreaterThan(0.5);
    expect(now.value).toBeLessThan(1.5);
    expect((now.value as number) - (old.value as number)).toBeCloseTo(0.023, 10);
    for (const h of ['Oud tarief', 'Nieuw tarief', 'Verschil tarief']) expect({ h, format: c[h].format }).toEqual({ h, format: '"€" #,##0.00##' });
    expect(c['Verschil tarief'].value).toBeCloseTo((c['Nieuw tarief'].value as number) - (c['Oud tarief'].value as number), 10);
  }
  const [summary] = table(cells, rows, SUMMARY_HEADERS);
  expect(summary['Gewijzigde rijen']).toEqual({ value: 1, format: '#,##0' });
  expect(summary['Verschil tarief × volume'].format).toBe('"€" #,##0.00##');
});
