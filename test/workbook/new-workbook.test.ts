/** New packages from the own zip writer: the same sheets give the same bytes, and page-header text stays text. */
import type { DocSheet } from '../../src/workbook/document';
import { XlsxWorkbook } from '../../src/workbook/xlsx/adapter';
import { newWorkbookBytes } from '../../src/workbook/xlsx/new-workbook';
import { ZipReader } from '../../src/workbook/xlsx/zip';

const sheet = (left: string): DocSheet => ({
  name: 'Bijlage',
  rows: [
    [
      { value: 'Prestatiecode', style: 'header' },
      { value: 'Tarief', style: 'header' },
    ],
    [{ value: '=Z043' }, { value: 334.77, style: 'euro' }],
  ],
  widths: [14, 12],
  tableHeaderRow: 0,
  pageHeader: { left, right: 'Utrecht, 2025' },
  pageFooter: 'Beleid',
});

test('the same sheets give the same bytes; every entry has the fixed time stamp', async () => {
  const a = await newWorkbookBytes([sheet('Zorg B.V.')]);
  const b = await newWorkbookBytes([sheet('Zorg B.V.')]);
  expect(a.equals(b)).toBe(true);
  const zip = new ZipReader(a);
  expect(new Set(zip.entries.map((e) => `${e.date}:${e.time}`)).size).toBe(1);
});

test('a "&" or a leading digit in a page header is text, not a code', async () => {
  const zip = new ZipReader(await newWorkbookBytes([sheet('3 Zorg & Welzijn')]));
  expect(zip.text('xl/worksheets/sheet1.xml')).toContain('<oddHeader>&amp;L 3 Zorg &amp;&amp; Welzijn&amp;RUtrecht, 2025</oddHeader>');
});

test('the project reads its own package back: text that looks like a formula stays text, numbers stay numbers', async () => {
  const wb = await XlsxWorkbook.fromBuffer(await newWorkbookBytes([sheet('Zorg')]));
  const [read] = await wb.readSheets([{ sheet: 'Bijlage' }]);
  expect(read.cells[1]).toEqual(['=Z043', 334.77]);
});
