/**
 * The xlsx adapter's own sheets are written into their part row by row (OwnSheet.writeTo): a sheet of many rows,
 * larger than one slab of the deflater, reads back whole in another reader, with a block written over part of it.
 */
import ExcelJS from 'exceljs';
import { XlsxWorkbook } from '../../src/workbook/xlsx/adapter';
import { madeRows, type OutputBlock, type OutputValue } from '../../src/workbook/port';
import { ZipReader } from '../../src/workbook/xlsx/zip';

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

test('a table whose rows are made as the sheet is written (a RowSource that can start again) writes what the same rows as values write, at every save', async () => {
  const made: number[] = [];
  const row = (i: number): OutputValue[] => [i + 1, `AGB ${i}`, i % 4 ? i / 3 : null, i % 2 ? 'Rij is nieuw\nRij is verdwenen' : 'akkoord'];
  const write = async (rows: () => Pick<OutputBlock, 'values' | 'rows'>) => {
    const wb = await XlsxWorkbook.fromFile(EXAMPLE);
    await wb.replaceSheet('Tariefwijzer wijzigingen', [['Titel'], [], ['Gewijzigde rijen', 2_500]]);
    await wb.writeBlock({
      sheet: 'Tariefwijzer wijzigingen',
      headerRow: 4,
      firstColumn: 0,
      headers: ['Rij', 'AGB-code', 'Tarief', 'Oorzaken'],
      numberFormats: [undefined, undefined, '"€" #,##0.00##', undefined],
      ...rows(),
    });
    return wb;
  };
  const eager = await write(() => ({ values: Array.from({ length: 2_500 }, (_, i) => row(i)) }));
  const lazy = await write(() => ({ values: [], rows: madeRows(2_500, (i) => (made.push(i), row(i)), 300) }));
  expect(made).toEqual([]); // nothing made before the sheet is written
  const part = async (wb: XlsxWorkbook) => {
    const zip = new ZipReader(await wb.toBuffer());
    return zip.read(zip.get(lastSheetPart(zip))!);
  };
  const expected = await part(eager);
  expect((await part(lazy)).equals(expected)).toBe(true);
  expect((await part(lazy)).equals(expected)).toBe(true); // a second save makes the rows again
  expect(made.length).toBe(5_000);
  // read back in the same session, and a block written into its rows afterwards: the rows are made and held first
  expect((await lazy.readSheet('Tariefwijzer wijzigingen'))[5]).toEqual(row(0));
  await lazy.writeBlock({ sheet: 'Tariefwijzer wijzigingen', headerRow: 6, firstColumn: 5, headers: ['Later'], values: [['x']], numberFormats: [undefined] });
  const back = await (await XlsxWorkbook.fromBuffer(await lazy.toBuffer())).readSheet('Tariefwijzer wijzigingen');
  expect(back[2504]).toEqual(row(2_499));
  expect(back[7]).toEqual([...row(2), null, 'x']);
});

/** The part of the change sheet (the sheet added last to the example). */
function lastSheetPart(zip: ZipReader): string {
  return zip.entries
    .map((e) => e.name)
    .filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))
    .sort((a, b) => Number(/\d+/.exec(a)![0]) - Number(/\d+/.exec(b)![0]))
    .pop()!;
}
