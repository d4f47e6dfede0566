/**
 * The xlsx adapter's own sheets are written into their part row by row (OwnSheet.writeTo): a sheet of many rows,
 * larger than one slab of the deflater, reads back whole in another reader, with a block written over part of it.
 */
import ExcelJS from 'exceljs';
import { XlsxWorkbook } from '../../src/workbook/xlsx/adapter';
import type { OutputValue } from '../../src/workbook/port';

const EXAMPLE = 'examples/vv-2024-zorgkantoren.xlsx';
jest.setTimeout(60_000);

test('an own sheet of 30,000 rows (several megabytes of XML) reads back cell for cell, and a block over it in bold', async () => {
  const rows: OutputValue[][] = [['Titel'], []];
  for (let i = 0; i < 30_000; i++) rows.push([i + 1, `Zorgaanbieder ${i} & <co> → ${'x'.repeat(i % 97)}`, i % 3 ? i / 7 : null, i % 5 ? '' : 'akkoord']);
  const wb = await XlsxWorkbook.fromFile(EXAMPLE);
  await wb.replaceSheet('Tariefwijzer wijzigingen', rows);
  await wb.writeBlock({
    sheet: 'Tariefwijzer wijzigingen',
    headerRow: 10,
    firstColumn: 1,
    headers: ['Nieuw', 'Kop'],
    values: [],
    numberFormats: [undefined, undefined],
  });
  const data = await wb.toBuffer();

  const read = new ExcelJS.Workbook();
  await read.xlsx.load(data as unknown as ArrayBuffer);
  const ws = read.getWorksheet('Tariefwijzer wijzigingen')!;
  const expected = rows.map((line) => line.map((v) => (v === '' ? null : v)));
  expected[10] = [expected[10][0], 'Nieuw', 'Kop', expected[10][3]];
  for (let r = 0; r < expected.length; r++)
    for (let c = 0; c < 4; c++) expect([r, c, ws.getCell(r + 1, c + 1).value ?? null]).toEqual([r, c, expected[r][c] ?? null]);
  expect(ws.getCell(11, 2).font?.bold).toBe(true);
  expect(ws.getCell(12, 2).font?.bold).toBeFalsy();
  // and the adapter reads its own package back the same
  const again = await (await XlsxWorkbook.fromBuffer(data)).readSheet('Tariefwijzer wijzigingen');
  const trimmed = (line: readonly unknown[]) => {
    const out = [...line];
    while (out.length && out[out.length - 1] === null) out.pop();
    return out;
  };
  for (const r of [0, 10, 29_000, 30_001]) expect(trimmed(again[r])).toEqual(trimmed(expected[r]));
});
