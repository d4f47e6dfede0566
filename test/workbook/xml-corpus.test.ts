/**
 * A corpus of legal and hostile XML variants of one small workbook, each run through the .xlsx adapter: single
 * quotes, a `>` in attribute values, CDATA in a shared and an inline string, comments and processing instructions
 * between elements and inside rows and cells, character references, prefixed names (`x:`, and `sé:` beyond ASCII)
 * on every element, white space in tags, a byte order mark, every part in UTF-16 (either byte order), Strict
 * namespaces, CRLF line ends, elements written open-and-closed instead of self-closing. Each reads the same values as
 * the plain variant, and its output after a write reads the same as the plain variant's output, is well-formed for
 * Python's ElementTree, keeps the schema order of <worksheet> and opens in openpyxl (where its input does). Hostile
 * variants (references XML forbids, an unknown entity, a DOCTYPE) are refused with a Dutch XmlError.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { XlsxWorkbook } from '../../src/workbook/xlsx/adapter';
import { ZipReader, ZipWriter } from '../../src/workbook/xlsx/zip';
import { XmlError } from '../../src/workbook/xlsx/xml';
import type { OutputBlock } from '../../src/workbook/port';

jest.setTimeout(60_000);

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const X14 = 'http://schemas.microsoft.com/office/spreadsheetml/2009/9/main';
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
/** ISO/IEC 29500 Strict: its own SpreadsheetML and relationships namespaces (Excel's "Strict Open XML-spreadsheet"). */
const STRICT = 'Strict namespaces (ISO/IEC 29500 Strict)';
const STRICT_NS = { main: 'http://purl.oclc.org/ooxml/spreadsheetml/main', rel: 'http://purl.oclc.org/ooxml/officeDocument/relationships' };

const BASE: Record<string, string> = {
  '[Content_Types].xml':
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
  '_rels/.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  'xl/workbook.xml': `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><workbookPr date1904="0"/><sheets><sheet name="Blad>1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  'xl/_rels/workbook.xml.rels':
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
    `<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
  'xl/sharedStrings.xml': `<sst xmlns="${MAIN}" count="3" uniqueCount="3"><si><t>AGB-code</t></si><si><t>A &amp; B &lt;x&gt;</t></si><si><r><t>Zorg</t></r><r><rPr><b/></rPr><t xml:space="preserve"> Noord</t></r></si></sst>`,
  'xl/styles.xml':
    `<styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd-mm-yyyy"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>` +
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>' +
    `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><extLst><ext uri="{46F421CA-312F-682f-3DD2-61675219B42D}" xmlns:x14="${X14}"><x14:dxfs count="1"><dxf><fill><patternFill><bgColor rgb="FF00B050"/></patternFill></fill></dxf></x14:dxfs></ext></extLst></styleSheet>`,
  'xl/worksheets/sheet1.xml':
    `<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><dimension ref="A1:D4"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><cols><col min="1" max="1" width="12" customWidth="1"/></cols><sheetData>` +
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>' +
    '<row r="2"><c r="A2"><v>1.5</v></c><c r="B2" s="1"><v>45658</v></c><c r="C2" t="inlineStr"><is><t>in &amp; line</t></is></c><c r="D2" t="b"><v>1</v></c></row>' +
    '<row r="3"><c r="A3" t="str"><f>"x"</f><v>x</v></c><c r="B3"><v>3</v></c></row><row r="4" spans="1:2"><c r="A4"><v>4</v></c></row><row r="5"/></sheetData>' +
    '<mergeCells count="1"><mergeCell ref="B3:C3"/></mergeCells>' +
    `<conditionalFormatting sqref="A2:A4"><cfRule type="dataBar" priority="1"><dataBar><cfvo type="min"/><cfvo type="max"/><color rgb="FF638EC6"/></dataBar><extLst><ext uri="{B025F937-C7B1-47D3-B67F-A62EFF666E3E}" xmlns:x14="${X14}"><x14:id>{DA7ABA51-AAAA-BBBB-0001-000000000001}</x14:id></ext></extLst></cfRule></conditionalFormatting>` +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    `<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" xmlns:x14="${X14}"><x14:conditionalFormattings><x14:conditionalFormatting xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:cfRule type="dataBar" id="{DA7ABA51-AAAA-BBBB-0001-000000000001}"><x14:dataBar minLength="0" maxLength="100"><x14:cfvo type="autoMin"/><x14:cfvo type="autoMax"/></x14:dataBar></x14:cfRule><xm:sqref>A2:A4</xm:sqref></x14:conditionalFormatting></x14:conditionalFormattings></ext></extLst></worksheet>`,
};

type Parts = Record<string, string>;
const each = (parts: Parts, f: (xml: string, name: string) => string): Parts => Object.fromEntries(Object.entries(parts).map(([n, x]) => [n, f(x, n)]));
const SPREADSHEETML = ['xl/workbook.xml', 'xl/sharedStrings.xml', 'xl/styles.xml', 'xl/worksheets/sheet1.xml'];

/** Legal variants: the same workbook for any XML reader. */
const VARIANTS: Record<string, (p: Parts) => Parts> = {
  plain: (p) => p,
  'single quotes': (p) => each(p, (x) => x.replace(/="([^"']*)"/g, "='$1'")),
  '> in attribute values': (p) =>
    each(p, (x, n) =>
      SPREADSHEETML.includes(n)
        ? x.replace(/^<(\w+) /, `<$1 xmlns:tw="urn:tw" `).replace(/<(sheet|row|c|mergeCell|conditionalFormatting|xf) /g, `<$1 tw:n="a>b" `)
        : x,
    ),
  CDATA: (p) => ({
    ...p,
    'xl/sharedStrings.xml': p['xl/sharedStrings.xml'].replace('<t>A &amp; B &lt;x&gt;</t>', '<t><![CDATA[A & B <x>]]></t>'),
    'xl/worksheets/sheet1.xml': p['xl/worksheets/sheet1.xml'].replace('<t>in &amp; line</t>', '<t><![CDATA[in & ]]>line</t>'),
  }),
  'comments and PIs everywhere': (p) =>
    each(p, (x) => x.replace(/(<(?:[^<>"']|"[^"]*"|'[^']*')*>)/g, '$1<!-- <row r="9"><c r="Z9"><v>9</v></c></row> --><?tw </c></row>?>')),
  'character references': (p) => ({
    ...p,
    'xl/workbook.xml': p['xl/workbook.xml'].replace('Blad&gt;1', 'Bl&#x61;d&#62;1').replace('Blad>1', 'Bl&#97;d&gt;1'),
    'xl/sharedStrings.xml': p['xl/sharedStrings.xml'].replace('AGB-code', '&#65;GB&#x2D;code'),
    'xl/worksheets/sheet1.xml': p['xl/worksheets/sheet1.xml'].replace('<v>1.5</v>', '<v>&#49;.5</v>').replace('r="C2"', 'r="&#67;2"'),
  }),
  'x: prefix on every element': (p) =>
    each(p, (x, n) => (SPREADSHEETML.includes(n) ? x.replace(`xmlns="${MAIN}"`, `xmlns:x="${MAIN}"`).replace(/<(\/?)([A-Za-z]\w*)(?=[\s/>])/g, '<$1x:$2') : x)),
  'a prefix beyond ASCII (sé:) on every element': (p) =>
    each(p, (x, n) =>
      SPREADSHEETML.includes(n) ? x.replace(`xmlns="${MAIN}"`, `xmlns:sé="${MAIN}"`).replace(/<(\/?)([A-Za-z]\w*)(?=[\s/>])/g, '<$1sé:$2') : x,
    ),
  'UTF-16 with its byte order mark': (p) => p,
  'UTF-16BE with its byte order mark': (p) => p,
  [STRICT]: (p) => each(p, (x) => x.split(MAIN).join(STRICT_NS.main).split(REL).join(STRICT_NS.rel)),
  'white space in tags': (p) =>
    each(p, (x) =>
      x
        .replace(/ ([\w:]+)="/g, '\n\t$1 = "')
        .replace(/<\/(\w+)>/g, '</$1 >')
        .replace(/"\/>/g, '" />'),
    ),
  BOM: (p) => each(p, (x) => `\uFEFF${DECL}${x}`),
  CRLF: (p) => each(p, (x) => `${DECL.replace('\n', '\r\n')}${x.replace(/></g, '>\r\n<').replace(/<t>\r\n/g, '<t>')}`),
  'open and close instead of self-closing': (p) => each(p, (x) => x.replace(/<([\w:]+)((?:\s[^<>]*?)?)\s*\/>/g, '<$1$2></$1>')),
};

/** Variants in another encoding than UTF-8: every part in it (OPC allows UTF-16, ECMA-376 Part 2 [M1.17]). */
const UTF16 = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`<?xml version="1.0" encoding="UTF-16"?>${text}`, 'utf16le')]);
const ENCODINGS: Record<string, (text: string) => Buffer> = {
  'UTF-16 with its byte order mark': UTF16,
  'UTF-16BE with its byte order mark': (text) => UTF16(text).swap16(),
};

function zip(parts: Parts, encode: (text: string) => Buffer = (text) => Buffer.from(text, 'utf8')): Buffer {
  const chunks: Buffer[] = [];
  const w = new ZipWriter({ write: (b) => chunks.push(b) });
  for (const [name, text] of Object.entries(parts)) w.stored(name, encode(text));
  w.finish();
  return Buffer.concat(chunks);
}

const block = (sheet: string): OutputBlock => ({
  sheet,
  headerRow: 0,
  firstColumn: 4,
  headers: ['Uit', 'Meer'],
  values: [
    ['[waarschuwing] a', 1],
    ['b', 2],
    ['[fout] c', 3],
    ['d', 4],
  ],
  numberFormats: [undefined, '0.00'],
  highlights: [
    { column: 0, contains: '[waarschuwing]', color: '#FFEB9C' },
    { column: 0, contains: '[fout]', color: '#FFC7CE' },
  ],
  notes: [{ row: 0, column: 0, text: 'uitleg' }],
});

async function readAll(wb: XlsxWorkbook) {
  const [name] = await wb.sheetNames();
  return { name, cells: await wb.readSheet(name) };
}

const fileName = (variant: string) => variant.replace(/\W+/g, '-');

const results = new Map<string, { before: unknown; after: unknown; file: string }>();
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-xml-corpus-'));
  for (const [name, variant] of Object.entries(VARIANTS)) {
    const input = zip(variant(BASE), ENCODINGS[name]);
    fs.writeFileSync(path.join(dir, `${fileName(name)}-in.xlsx`), input);
    const wb = await XlsxWorkbook.fromBuffer(input);
    const before = await readAll(wb);
    await wb.writeBlock(block(before.name));
    const file = path.join(dir, `${fileName(name)}.xlsx`);
    const out = await wb.toBuffer();
    fs.writeFileSync(file, out);
    // a second write on the output: our rules and notes replaced, not added
    const again = await XlsxWorkbook.fromBuffer(out);
    await again.writeBlock(block(before.name));
    const twice = await again.toBuffer();
    if (process.env.TW_DEBUG) fs.writeFileSync(`${file}.2.xlsx`, twice);
    results.set(name, { before, after: { ...(await readAll(await XlsxWorkbook.fromBuffer(out))), same: twice.equals(out) }, file });
  }
});

afterAll(() => (process.env.TW_DEBUG ? console.log(dir) : fs.rmSync(dir, { recursive: true, force: true })));

test('the plain variant reads as written', () => {
  expect(results.get('plain')!.before).toEqual({
    name: 'Blad>1',
    cells: [
      ['AGB-code', 'A & B <x>', 'Zorg Noord'],
      [1.5, new Date(Date.UTC(2025, 0, 1)), 'in & line', true],
      ['x', 3, 3], // B3:C3 merged: the value shows in each cell
      [4],
    ],
  });
});

test.each(Object.keys(VARIANTS).filter((v) => v !== 'plain'))('%s: read, written and read again as the plain variant', (name) => {
  const plain = results.get('plain')!;
  const r = results.get(name)!;
  expect(r.before).toEqual(plain.before);
  expect(r.after).toEqual(plain.after);
  expect((r.after as { same: boolean }).same).toBe(true);
});

const CHECK = `
import json, sys, warnings, zipfile
import xml.etree.ElementTree as ET
warnings.simplefilter('ignore')
import openpyxl
out = {}
for f in sys.argv[1:]:
    z = zipfile.ZipFile(f)
    for n in z.namelist():
        if n.endswith('.xml') or n.endswith('.rels') or n.endswith('.vml'):
            ET.fromstring(z.read(n))
    root = ET.fromstring(z.read('xl/worksheets/sheet1.xml'))
    out[f] = {'children': [c.tag.split('}')[1] for c in root]}
    try:
        # openpyxl opens a Strict workbook as one without sheets
        if not openpyxl.load_workbook(f.replace('.xlsx', '-in.xlsx')).worksheets: raise ValueError('no sheets')
    except Exception:
        out[f]['inputFails'] = True
        continue
    ws = openpyxl.load_workbook(f).worksheets[0]
    out[f].update({'E3': ws['E3'].value, 'F5': ws['F5'].value})
print(json.dumps(out))
`;

test('every output is well-formed, in schema order, and opens in openpyxl where its input does', () => {
  const files = [...results.values()].map((r) => r.file);
  const seen = JSON.parse(execFileSync('/usr/bin/python3', ['-c', CHECK, ...files], { encoding: 'utf8' })) as Record<
    string,
    { children: string[]; E3?: unknown; F5?: unknown; inputFails?: boolean }
  >;
  // openpyxl 3.0 itself cannot read a workbook.xml with comments between the <sheet> elements
  // nor a Strict workbook (it sees no sheets in it)
  expect(files.filter((f) => seen[f].inputFails).map((f) => path.basename(f))).toEqual(['comments-and-PIs-everywhere.xlsx', `${fileName(STRICT)}.xlsx`]);
  const order = ['dimension', 'sheetViews', 'cols', 'sheetData', 'mergeCells', 'conditionalFormatting', 'pageMargins', 'legacyDrawing', 'extLst'];
  for (const f of files) {
    expect({ f, children: seen[f].children.filter((c, i, all) => all.indexOf(c) === i) }).toEqual({ f, children: order });
    if (!seen[f].inputFails) expect({ f, E3: seen[f].E3, F5: seen[f].F5 }).toEqual({ f, E3: 'b', F5: 4 });
  }
});

test('a Strict workbook gets Strict namespaces and relationship types in what Tariefwijzer adds, never the two mixed', () => {
  const zip = new ZipReader(fs.readFileSync(results.get(STRICT)!.file));
  const parts = zip.entries.map((e) => [e.name, zip.text(e.name)!] as const);
  // the notes were added: a comments part, its VML drawing and their relationships
  expect(parts.map(([n]) => n)).toEqual(expect.arrayContaining(['xl/comments1.xml', 'xl/worksheets/_rels/sheet1.xml.rels']));
  const transitional = parts.filter(([, text]) => text.includes(MAIN) || text.includes(REL)).map(([n]) => n);
  expect(transitional).toEqual([]);
  const rels = parts.find(([n]) => n === 'xl/worksheets/_rels/sheet1.xml.rels')![1];
  expect(rels).toContain(`Type="${STRICT_NS.rel}/comments"`);
  expect(rels).toContain(`Type="${STRICT_NS.rel}/vmlDrawing"`);
  expect(parts.find(([n]) => n === 'xl/comments1.xml')![1]).toContain(`xmlns="${STRICT_NS.main}"`);
});

describe('hostile variants: a Dutch XmlError naming the part, never a RangeError', () => {
  const cases: Array<[string, Parts, string]> = [
    [
      '&#x110000; in a shared string',
      { ...BASE, 'xl/sharedStrings.xml': BASE['xl/sharedStrings.xml'].replace('AGB-code', 'AGB&#x110000;') },
      'xl/sharedStrings.xml: tekenverwijzing &#x110000;',
    ],
    [
      '&#0; in a cell',
      { ...BASE, 'xl/worksheets/sheet1.xml': BASE['xl/worksheets/sheet1.xml'].replace('in &amp; line', 'in&#0;') },
      'xl/worksheets/sheet1.xml: tekenverwijzing &#0;',
    ],
    [
      'an unknown entity in a sheet name',
      { ...BASE, 'xl/workbook.xml': BASE['xl/workbook.xml'].replace('Blad>1', 'Blad&nbsp;1') },
      'xl/workbook.xml: onbekende entiteit &nbsp;',
    ],
    [
      'a DOCTYPE in the sheet',
      { ...BASE, 'xl/worksheets/sheet1.xml': `<!DOCTYPE worksheet>${BASE['xl/worksheets/sheet1.xml']}` },
      'xl/worksheets/sheet1.xml: bevat een DOCTYPE-declaratie',
    ],
    [
      'a broken styles.xml',
      { ...BASE, 'xl/styles.xml': BASE['xl/styles.xml'].replace('</cellXfs>', '') },
      'xl/styles.xml: <cellXfs> wordt gesloten door </styleSheet>',
    ],
  ];
  test.each(cases)('%s', async (_, parts, message) => {
    const error = await (async () => {
      const wb = await XlsxWorkbook.fromBuffer(zip(parts));
      await readAll(wb);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(XmlError);
    expect((error as Error).message).toContain(message);
  });
});
