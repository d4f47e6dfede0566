/**
 * The XML parts of a fresh .xlsx from DocSheets (workbook/document.ts), with nothing from node: the CLI's
 * new-workbook.ts deflates them, the pane stores them (stored-zip.ts), so both make the same document.
 * Deterministic: no clock, no random ids, parts in a fixed order.
 *
 * The parts follow ECMA-376 Part 1 (SpreadsheetML): the worksheet's children in the schema's order (sheetPr,
 * dimension, sheetViews, sheetFormatPr, cols, sheetData, printOptions, pageMargins, pageSetup, headerFooter), the
 * print titles as the defined name _xlnm.Print_Titles scoped to their sheet.
 */
import type { CellStyle, DocCell, DocSheet } from '../document';
import { PERCENTAGE_FORMAT, TARIFF_FORMAT } from '../names';
import { columnName } from '../port';
import { cellXml, escapeAttr, escapeCellText } from './xml-text';

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Each CellStyle's index in cellXfs (styles.xml below lists them in this order). */
// 0 is the plain default: a cell without a style attribute is shown with it (LibreOffice ignores its alignment)
const STYLE_INDEX: Record<CellStyle, number> = { text: 1, title: 2, label: 3, heading: 4, header: 5, euro: 6, percent: 7, number: 8, wrap: 9, note: 10 };

function stylesXml(): string {
  const top = '<alignment vertical="top"/>';
  const wrap = '<alignment vertical="top" wrapText="1"/>';
  const xf = (numFmt: number, font: number, fill: number, border: number, align: string) =>
    `<xf numFmtId="${numFmt}" fontId="${font}" fillId="${fill}" borderId="${border}" xfId="0"${numFmt ? ' applyNumberFormat="1"' : ''}${font ? ' applyFont="1"' : ''}${fill ? ' applyFill="1"' : ''}${border ? ' applyBorder="1"' : ''} applyAlignment="1">${align}</xf>`;
  const xfs = [
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
    xf(0, 0, 0, 0, top), // text
    xf(0, 2, 0, 0, top), // title
    xf(0, 1, 0, 0, top), // label
    xf(0, 4, 0, 1, top), // heading
    xf(0, 1, 2, 1, wrap), // header
    xf(164, 0, 0, 0, top), // euro
    xf(165, 0, 0, 0, top), // percent
    xf(0, 0, 0, 0, top), // number
    xf(0, 0, 0, 0, wrap), // wrap
    xf(0, 3, 0, 0, wrap), // note
  ];
  return (
    XML_HEAD +
    `<styleSheet xmlns="${MAIN_NS}">` +
    `<numFmts count="2"><numFmt numFmtId="164" formatCode="${escapeAttr(TARIFF_FORMAT)}"/><numFmt numFmtId="165" formatCode="${escapeAttr(PERCENTAGE_FORMAT)}"/></numFmts>` +
    '<fonts count="5">' +
    '<font><sz val="10"/><name val="Arial"/><family val="2"/></font>' +
    '<font><b/><sz val="10"/><name val="Arial"/><family val="2"/></font>' +
    '<font><b/><sz val="14"/><name val="Arial"/><family val="2"/></font>' +
    '<font><i/><sz val="9"/><color rgb="FF595959"/><name val="Arial"/><family val="2"/></font>' +
    '<font><b/><sz val="11"/><name val="Arial"/><family val="2"/></font>' +
    '</fonts>' +
    '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
    '<fill><patternFill patternType="solid"><fgColor rgb="FFDDE5F0"/><bgColor indexed="64"/></patternFill></fill></fills>' +
    '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>' +
    '<border><left/><right/><top/><bottom style="thin"><color rgb="FF808080"/></bottom><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    `<cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs>` +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
    '</styleSheet>'
  );
}

/**
 * Text in a page header or footer: "&" starts a code there, so a literal one is doubled, and digits right after a
 * section code ("&L12") would be read as a font size, so such text starts with a space. Excel allows 255 characters
 * for the whole header; each part is kept to 100.
 */
function headerText(s: string): string {
  const t = s.replace(/&/g, '&&').slice(0, 100);
  return escapeCellText(/^\d/.test(t) ? ` ${t}` : t);
}

function cellOf(ref: string, cell: DocCell): string {
  const style = STYLE_INDEX[cell.style ?? (typeof cell.value === 'number' ? 'number' : 'text')];
  return cellXml(ref, cell.value, style);
}

function sheetXml(sheet: DocSheet): string {
  const rows = sheet.rows
    .map((row, r) => {
      const cells = row.map((c, i) => (!c || c.value === '' ? '' : cellOf(`${columnName(i)}${r + 1}`, c))).join('');
      const height = sheet.heights?.[r];
      const ht = height ? ` ht="${height}" customHeight="1"` : '';
      return cells || ht ? `<row r="${r + 1}"${ht}>${cells}</row>` : '';
    })
    .join('');
  const lastColumn = columnName(Math.max(0, sheet.widths.length - 1));
  const frozen = sheet.tableHeaderRow;
  const pane =
    frozen === undefined
      ? ''
      : `<pane ySplit="${frozen + 1}" topLeftCell="A${frozen + 2}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A${frozen + 2}" sqref="A${frozen + 2}"/>`;
  const cols = sheet.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('');
  const h = sheet.pageHeader;
  return (
    XML_HEAD +
    `<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' +
    `<dimension ref="A1:${lastColumn}${Math.max(1, sheet.rows.length)}"/>` +
    `<sheetViews><sheetView showGridLines="0" workbookViewId="0">${pane}</sheetView></sheetViews>` +
    '<sheetFormatPr defaultRowHeight="13"/>' +
    `<cols>${cols}</cols>` +
    `<sheetData>${rows}</sheetData>` +
    (sheet.merges?.length ? `<mergeCells count="${sheet.merges.length}">${sheet.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>` : '') +
    '<printOptions horizontalCentered="0"/>' +
    '<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    // paperSize 9 is A4; fit to one page wide and as many pages tall as needed (fitToHeight 0)
    `<pageSetup paperSize="9" orientation="${sheet.landscape ? 'landscape' : 'portrait'}" fitToWidth="1" fitToHeight="0"/>` +
    `<headerFooter><oddHeader>&amp;L${headerText(h.left)}&amp;R${headerText(h.right)}</oddHeader>` +
    `<oddFooter>&amp;L${headerText(sheet.pageFooter)}&amp;RPagina &amp;P van &amp;N</oddFooter></headerFooter>` +
    '</worksheet>'
  );
}

function workbookXml(sheets: readonly DocSheet[]): string {
  const names = sheets
    .map((s, i) => (s.tableHeaderRow === undefined ? '' : `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${printTitles(s)}</definedName>`))
    .join('');
  return (
    XML_HEAD +
    `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    '<bookViews><workbookView activeTab="0"/></bookViews>' +
    `<sheets>${sheets.map((s, i) => `<sheet name="${escapeAttr(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets>` +
    (names ? `<definedNames>${names}</definedNames>` : '') +
    '</workbook>'
  );
}

function printTitles(sheet: DocSheet): string {
  const row = sheet.tableHeaderRow! + 1;
  return escapeCellText(`'${sheet.name.replace(/'/g, "''")}'!$${row}:$${row}`);
}

function contentTypesXml(count: number): string {
  const sheets = Array.from(
    { length: count },
    (_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
  ).join('');
  return (
    XML_HEAD +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    sheets +
    '</Types>'
  );
}

const ROOT_RELS =
  XML_HEAD + `<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;

function workbookRelsXml(count: number): string {
  const sheets = Array.from({ length: count }, (_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`);
  return (
    XML_HEAD +
    `<Relationships xmlns="${PKG_REL_NS}">${sheets.join('')}<Relationship Id="rId${count + 1}" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`
  );
}

/** The package's parts, name and XML, in the package's order: the same document for the CLI and the pane. */
export function workbookParts(sheets: readonly DocSheet[]): Array<[string, string]> {
  if (!sheets.length) throw new Error('workbookParts: a workbook needs a sheet');
  return [
    ['[Content_Types].xml', contentTypesXml(sheets.length)],
    ['_rels/.rels', ROOT_RELS],
    ['xl/workbook.xml', workbookXml(sheets)],
    ['xl/_rels/workbook.xml.rels', workbookRelsXml(sheets.length)],
    ['xl/styles.xml', stylesXml()],
    ...sheets.map((s, i): [string, string] => [`xl/worksheets/sheet${i + 1}.xml`, sheetXml(s)]),
  ];
}
