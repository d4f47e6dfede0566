/**
 * The package adapter on hand-written parts: what real files contain (shared, inline and rich text, booleans,
 * errors, cached formula results, dates in both date systems, Strict OOXML, prefixed elements, rows and cells
 * without references, part names in another spelling than their relationships'), damaged cells (read as errors) and
 * hostile input (a zip bomb, a DOCTYPE, a used range up to XFD).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { XlsxWorkbook } from '../../src/workbook/xlsx/adapter';
import { partKey, ZipReader, ZipWriter } from '../../src/workbook/xlsx/zip';

const T = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const S = 'http://purl.oclc.org/ooxml/spreadsheetml/main';
const R_T = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const R_S = 'http://purl.oclc.org/ooxml/officeDocument/relationships';

function zip(parts: Record<string, string | Buffer>, deflate = false): Buffer {
  const chunks: Buffer[] = [];
  const w = new ZipWriter({ write: (b) => chunks.push(b) });
  for (const [name, data] of Object.entries(parts)) {
    const buf = Buffer.isBuffer(data) ? data : Buffer.from(data);
    if (deflate) {
      const packed = zlib.deflateRawSync(buf);
      (w as unknown as { add: (...args: unknown[]) => void }).add(
        { name, method: 8, flags: 0, time: 0, date: 33, crc: zlib.crc32(buf) >>> 0, size: buf.length, versionMadeBy: 20, externalAttributes: 0 },
        [packed],
        packed.length,
      );
    } else w.stored(name, buf);
  }
  w.finish();
  return Buffer.concat(chunks);
}

function pkg(sheet: string | Buffer, opts: { strict?: boolean; date1904?: boolean; strings?: string[]; styles?: string } = {}): Buffer {
  const ns = opts.strict ? S : T;
  const r = opts.strict ? R_S : R_T;
  return zip({
    '[Content_Types].xml': '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    '_rels/.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${r}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<workbook xmlns="${ns}" xmlns:r="${r}">${opts.date1904 ? '<workbookPr date1904="1"/>' : ''}<sheets><sheet name="Blad" sheetId="1" r:id="rId1"/><sheet name="Verborgen" sheetId="2" state="hidden" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${r}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${r}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="${r}/styles" Target="styles.xml"/></Relationships>`,
    'xl/sharedStrings.xml': `<sst xmlns="${ns}">${(opts.strings ?? []).map((s) => `<si>${s}</si>`).join('')}</sst>`,
    'xl/styles.xml':
      opts.styles ??
      `<styleSheet xmlns="${ns}"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd-mm-yyyy"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs></styleSheet>`,
    'xl/worksheets/sheet1.xml': typeof sheet === 'string' ? sheet.replace('NS', ns) : sheet,
  });
}

test('values as real files hold them, in transitional and Strict OOXML', async () => {
  for (const strict of [false, true]) {
    const sheet =
      '<worksheet xmlns="NS"><sheetData>' +
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><r><t>in</t></r><r><t xml:space="preserve">line </t></r></is></c><c r="D1" t="b"><v>1</v></c><c r="E1" t="e"><v>#N/A</v></c></row>' +
      '<row r="3"><c r="A3"><f>1+1</f><v>2</v></c><c r="B3" t="str"><f t="shared" ref="B3:B4" si="0">"x"&amp;"y"</f><v>xy</v></c><c r="C3" s="1"><v>45658</v></c><c r="D3" s="2"><v>45658.5</v></c><c r="E3"><f>A1</f></c></row>' +
      '<row><c t="s"><v>2</v></c><c><v>1.5</v></c></row>' +
      '</sheetData></worksheet>';
    const wb = await XlsxWorkbook.fromBuffer(
      pkg(sheet, {
        strict,
        strings: ['<t>Prestatiecode</t>', '<r><t>Z1</t></r><r><rPr><b/></rPr><t>105</t></r><rPh><t>phonetic</t></rPh>', '<t>a&amp;b_x000D_</t>'],
      }),
    );
    expect(await wb.sheetNames()).toEqual(['Blad', 'Verborgen']);
    const [read] = await wb.readSheets([{ sheet: 'Blad', rows: 20 }]);
    expect(read.rowCount).toBe(4);
    expect(read.columnCount).toBe(5);
    expect(read.visibility).toBe('visible');
    expect(read.cells[0]).toEqual(['Prestatiecode', 'Z1105', 'inline ', true, { error: '#N/A' }]);
    expect(read.cells[1]).toEqual([]);
    expect(read.cells[2]).toEqual([2, 'xy', new Date(Date.UTC(2025, 0, 1)), new Date(Date.UTC(2025, 0, 1, 12)), { error: 'formule zonder berekende waarde' }]);
    expect(read.cells[3]).toEqual(['a&b\r', 1.5]); // a row without r follows the one before
    const [hidden] = await wb.readSheets([{ sheet: 'Verborgen', rows: 1 }]);
    expect(hidden.visibility).toBe('hidden');
    // only the requested columns
    const [cols] = await wb.readSheets([{ sheet: 'Blad', columns: [1] }]);
    expect(cols.cells[2]).toEqual([null, 'xy']);
  }
});

test('a cell that cannot be read is an error value, never a guess: a shared text that is not there, a truth value that is none, a cell twice in its row', async () => {
  const sheet =
    '<worksheet xmlns="NS"><sheetData>' +
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>7</v></c><c r="C1" t="s"><v>x</v></c><c r="D1" t="s"><v>1e0</v></c><c r="E1" t="s"><v> 0 </v></c></row>' +
    '<row r="2"><c r="A2" t="b"><v>true</v></c><c r="B2" t="b"><v>0</v></c><c r="C2" t="b"><v>7</v></c></row>' +
    // B3 twice (an empty element beside it does not count), D3 back before C3: its own column, no guess needed
    '<row r="3"><c r="A3"><v>1</v></c><c r="B3"/><c r="B3"><v>2</v></c><c r="B3"><v>3</v></c><c r="D3"><v>4</v></c><c r="C3"><v>5</v></c></row>' +
    '</sheetData></worksheet>';
  const wb = await XlsxWorkbook.fromBuffer(pkg(sheet, { strings: ['<t>Code</t>'] }));
  const missing = (v: string) => ({ error: `verwijzing naar gedeelde tekst ${v}, die niet bestaat` });
  expect(await wb.readSheet('Blad')).toEqual([
    ['Code', missing('7'), missing('x'), missing('1e0'), 'Code'],
    [true, false, { error: 'ongeldige waarheidswaarde "7"' }],
    [1, { error: 'de cel staat twee keer in het blad' }, 5, 4],
  ]);
});

test('the 1904 date system', async () => {
  const wb = await XlsxWorkbook.fromBuffer(
    pkg('<worksheet xmlns="NS"><sheetData><row r="1"><c r="A1" s="1"><v>0</v></c></row></sheetData></worksheet>', { date1904: true }),
  );
  expect((await wb.readSheet('Blad'))[0][0]).toEqual(new Date(Date.UTC(1904, 0, 1)));
});

test('prefixed elements (x:row, x:c) are read and written with their prefix', async () => {
  const sheet = `<x:worksheet xmlns:x="${T}"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Prestatiecode</x:t></x:is></x:c></x:row><x:row r="2"><x:c r="A2"><x:v>7</x:v></x:c></x:row></x:sheetData></x:worksheet>`;
  const wb = await XlsxWorkbook.fromBuffer(pkg(sheet));
  expect(await wb.readSheet('Blad')).toEqual([['Prestatiecode'], [7]]);
  await wb.writeBlock({ sheet: 'Blad', headerRow: 0, firstColumn: 1, headers: ['Uit'], values: [['a<b']], numberFormats: [undefined] });
  const again = await XlsxWorkbook.fromBuffer(await wb.toBuffer());
  expect(await again.readSheet('Blad')).toEqual([
    ['Prestatiecode', 'Uit'],
    [7, 'a<b'],
  ]);
});

test('parts named as OPC compares names: a relationship in another case or in IRI form finds its part, and an edit replaces it', async () => {
  // the sheet's entry in URI form (ZIP item names are ASCII, ECMA-376 Part 2 §9.2.2), its relationship in IRI form and
  // another case; its relationships part and the notes it has in yet other spellings
  const N = 'http://schemas.openxmlformats.org/package/2006/relationships';
  const sheetPart = 'xl/worksheets/Bl%C3%A4d.xml';
  const input = zip({
    '[Content_Types].xml':
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/worksheets/bl%c3%a4d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/Comments1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/></Types>',
    '_rels/.rels': `<Relationships xmlns="${N}"><Relationship Id="rId1" Type="${R_T}/officeDocument" Target="/XL/Workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<workbook xmlns="${T}" xmlns:r="${R_T}"><sheets><sheet name="Blad" sheetId="1" r:id="rId1"/><sheet name="Tweede" sheetId="2" r:id="rId2"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<Relationships xmlns="${N}"><Relationship Id="rId1" Type="${R_T}/worksheet" Target="worksheets/bläd.xml"/><Relationship Id="rId2" Type="${R_T}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId3" Type="${R_T}/styles" Target="STYLES.xml"/></Relationships>`,
    'xl/styles.xml': `<styleSheet xmlns="${T}"><cellXfs count="1"><xf numFmtId="0"/></cellXfs></styleSheet>`,
    [sheetPart]: `<worksheet xmlns="${T}" xmlns:r="${R_T}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Code</t></is></c></row><row r="2"><c r="A2"><v>7</v></c></row></sheetData><legacyDrawing r:id="rId2"/></worksheet>`,
    'xl/worksheets/SHEET1.xml': `<worksheet xmlns="${T}"><sheetData><row r="1"><c r="A1"><v>2</v></c></row></sheetData></worksheet>`,
    'xl/worksheets/_rels/bl%c3%a4d.XML.rels': `<Relationships xmlns="${N}"><Relationship Id="rId1" Type="${R_T}/comments" Target="../COMMENTS1.xml"/><Relationship Id="rId2" Type="${R_T}/vmlDrawing" Target="../drawings/VmlDrawing1.vml"/></Relationships>`,
    'xl/Comments1.xml': `<comments xmlns="${T}"><authors><author>Inkoper</author></authors><commentList><comment ref="A2" authorId="0"><text><t>van de inkoper</t></text></comment></commentList></comments>`,
    'xl/drawings/vmlDrawing1.vml':
      '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout></xml>',
  });
  const write = async (file: Buffer) => {
    const wb = await XlsxWorkbook.fromBuffer(file);
    expect((await wb.readSheet('Blad')).map((row) => row[0])).toEqual(['Code', 7]);
    await wb.writeBlock({
      sheet: 'Blad',
      headerRow: 0,
      firstColumn: 1,
      headers: ['Uit'],
      values: [['b']],
      numberFormats: [undefined],
      notes: [{ row: 0, column: 0, text: 'uitleg' }],
    });
    await wb.replaceSheet('Tariefwijzer', [['run']]);
    return wb.toBuffer();
  };
  const out = await write(input);
  const before = new ZipReader(input);
  const after = new ZipReader(out);
  const names = after.entries.map((e) => e.name);
  // every part kept its entry's name; nothing added under another spelling of one (the new sheet got a free name)
  expect(names.slice(0, before.entries.length)).toEqual(before.entries.map((e) => e.name));
  expect(new Set(names.map(partKey)).size).toBe(names.length);
  expect(names.slice(before.entries.length)).toEqual(['xl/worksheets/sheet2.xml']);
  expect(after.text(sheetPart)).toContain('<t>Uit</t>');
  expect(after.text('xl/Comments1.xml')).toMatch(/van de inkoper[\s\S]*uitleg/);
  expect(after.text('xl/drawings/vmlDrawing1.vml')).toContain('<x:Row>1</x:Row>');
  const again = await XlsxWorkbook.fromBuffer(out);
  expect(await again.readSheet('Blad')).toEqual([
    ['Code', 'Uit'],
    [7, 'b'],
  ]);
  expect(await again.sheetNames()).toEqual(['Blad', 'Tweede', 'Tariefwijzer']);
  expect(await again.readSheet('Tweede')).toEqual([[2]]);
  expect((await write(out)).equals(out)).toBe(true);
});

test('a zip bomb is refused before it is inflated', async () => {
  const huge = Buffer.alloc(120 * 1024 * 1024, 0x20); // 120 MB of spaces deflates to ~120 kB
  const parts = zip({ 'xl/worksheets/sheet1.xml': Buffer.concat([Buffer.from('<worksheet><sheetData>'), huge]) }, true);
  expect(parts.length).toBeLessThan(2_000_000);
  const withBomb = zip({
    '[Content_Types].xml': '<Types/>',
    'xl/workbook.xml': `<workbook xmlns="${T}" xmlns:r="${R_T}"><sheets><sheet name="Blad" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R_T}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
  });
  // splice: the bomb entry's bytes into a package (re-zip both, deflated)
  const { ZipReader } = await import('../../src/workbook/xlsx/zip');
  const a = new ZipReader(withBomb);
  const b = new ZipReader(parts);
  const chunks: Buffer[] = [];
  const w = new ZipWriter({ write: (x) => chunks.push(x) });
  for (const e of a.entries) w.copy(a, e);
  for (const e of b.entries) w.copy(b, e);
  await w.checked(); // the copy is checked (inflated and thrown away): no zip-bomb refusal for what is not kept
  w.finish();
  const wb = await XlsxWorkbook.fromBuffer(Buffer.concat(chunks));
  const started = Date.now();
  const rss = process.memoryUsage().rss;
  await expect(wb.readSheet('Blad')).rejects.toThrow(/zip-bom/);
  expect(Date.now() - started).toBeLessThan(1000);
  expect(process.memoryUsage().rss - rss).toBeLessThan(100 * 1024 * 1024);
}, 60_000); // building the bomb takes seconds on a busy machine; refusing it is timed above

test('a DOCTYPE (entities) is refused, never resolved', async () => {
  const evil =
    '<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><worksheet xmlns="NS"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c></row></sheetData></worksheet>';
  const wb = await XlsxWorkbook.fromBuffer(pkg(evil));
  await expect(wb.readSheet('Blad')).rejects.toThrow(/DOCTYPE/);
});

test('a used range up to column XFD: a Dutch error, nothing written', async () => {
  const wb = await XlsxWorkbook.fromBuffer(
    pkg(
      '<worksheet xmlns="NS"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Prestatiecode</t></is></c><c r="XFD1"><v>1</v></c></row></sheetData></worksheet>',
    ),
  );
  const [read] = await wb.readSheets([{ sheet: 'Blad', rows: 1 }]);
  expect(read.columnCount).toBe(16_384);
  await expect(
    wb.writeBlock({ sheet: 'Blad', headerRow: 0, firstColumn: read.columnCount, headers: ['Uit'], values: [], numberFormats: [undefined] }),
  ).rejects.toThrow(/geen ruimte meer rechts van de gegevens.*XFD/);
});

test('writing keeps every other row and cell byte for byte, replaces our cells, and grows <dimension>', async () => {
  const rows =
    '<row r="1" spans="1:2" customHeight="1" ht="20"><c r="A1" s="1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t>oud</t></is></c><c r="D1"><v>9</v></c></row><row r="5"><c r="A5"><f>SUM(A1:A4)</f><v>0</v></c></row>';
  const wb = await XlsxWorkbook.fromBuffer(
    pkg(`<worksheet xmlns="NS"><dimension ref="A1:D5"/><sheetData>${rows}</sheetData><mergeCells count="1"><mergeCell ref="A5:B5"/></mergeCells></worksheet>`, {
      strings: ['<t>Prestatiecode</t>'],
    }),
  );
  await wb.writeBlock({ sheet: 'Blad', headerRow: 0, firstColumn: 2, headers: ['Tariefwijzer x'], values: [['=1+1'], [], [0.5]], numberFormats: ['0.00%'] });
  const out = await wb.toBuffer();
  const { ZipReader } = await import('../../src/workbook/xlsx/zip');
  const xml = new ZipReader(out).text('xl/worksheets/sheet1.xml')!;
  expect(xml).toContain('<dimension ref="A1:D5"/>');
  expect(xml).toContain('<c r="A1" s="1" t="s"><v>0</v></c>');
  expect(xml).toContain('<c r="D1"><v>9</v></c>');
  expect(xml).not.toContain('oud');
  expect(xml).toMatch(/<row r="1" customHeight="1" ht="20"><c r="A1"[^]*<c r="C1" s="\d+" t="inlineStr"><is><t>Tariefwijzer x<\/t><\/is><\/c><c r="D1">/);
  expect(xml).toContain('<c r="C2" t="inlineStr"><is><t>=1+1</t></is></c>');
  expect(xml).toMatch(/<row r="4"><c r="C4" s="\d+"><v>0.5<\/v><\/c><\/row><row r="5"><c r="A5"><f>SUM\(A1:A4\)<\/f><v>0<\/v><\/c><\/row>/);
  expect(xml).toContain('<mergeCells count="1"><mergeCell ref="A5:B5"/></mergeCells>');
  const styles = new ZipReader(out).text('xl/styles.xml')!;
  expect(styles).toContain('<numFmt numFmtId="164" formatCode="dd-mm-yyyy"/><numFmt numFmtId="165" formatCode="0.00%"/>');
  expect(styles).toMatch(/<cellXfs count="5"><xf numFmtId="0"\/><xf numFmtId="14"\/><xf numFmtId="164"\/>/);
});

test('text beyond ASCII in the sheet is read as its text and copied byte for byte; ours is written as UTF-8 (the sheet is handled as bytes)', async () => {
  // the worksheet part is read and rewritten one character per byte (byteTextChunks): a value is decoded before it
  // is trimmed or read as a number, and a byte that is not UTF-8 stays as it was where nothing is written
  const row2 = Buffer.concat([
    Buffer.from(
      '<row r="2"><c r="A2" t="inlineStr"><is><t>Zorggroep Élan – € 5 😀</t></is></c><c r="B2" t="str"><f>"x"</f><v>Cliënt&#233;</v></c>' +
        '<c r="C2"><v>12\u00a0</v></c><c r="D2" t="inlineStr"><is><t>x',
    ),
    Buffer.from([0xff]),
    Buffer.from('y</t></is></c><c r="E2" t="b"><v> 1\u00a0</v></c></row>'),
  ]);
  const tail =
    '<dataValidations count="1"><dataValidation type="list" sqref="A2" prompt="Kies één"><formula1>"ja,née"</formula1></dataValidation></dataValidations>';
  const sheet = Buffer.concat([
    Buffer.from('<worksheet xmlns="NS"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Zorgaanbieder</t></is></c></row>'.replace('NS', T)),
    row2,
    Buffer.from(`</sheetData>${tail}</worksheet>`),
  ]);
  const wb = await XlsxWorkbook.fromBuffer(pkg(sheet));
  const [read] = await wb.readSheets([{ sheet: 'Blad' }]);
  expect(read.cells[1]).toEqual(['Zorggroep Élan – € 5 😀', 'Cliënté', 12, 'x\ufffdy', true]);
  const block = { sheet: 'Blad', headerRow: 0, firstColumn: 5, headers: ['Toelichting €'], values: [['€ 83,22 × 100% – ë 😀']], numberFormats: [undefined] };
  await wb.writeBlock(block);
  const out = await wb.toBuffer();
  const { ZipReader } = await import('../../src/workbook/xlsx/zip');
  const part = new ZipReader(out).read(new ZipReader(out).get('xl/worksheets/sheet1.xml')!);
  // the user's row and tail, bytes that are not UTF-8 included, as they were; ours in UTF-8
  expect(part.includes(row2.subarray(0, row2.length - '</row>'.length))).toBe(true);
  expect(part.includes(Buffer.from(tail))).toBe(true);
  expect(part.includes(Buffer.from('<t>€ 83,22 × 100% – ë 😀</t>'))).toBe(true);
  const again = await XlsxWorkbook.fromBuffer(out);
  const [back] = await again.readSheets([{ sheet: 'Blad' }]);
  expect(back.cells[0]).toEqual(['Zorgaanbieder', null, null, null, null, 'Toelichting €']);
  expect(back.cells[1]).toEqual([...read.cells[1], '€ 83,22 × 100% – ë 😀']);
  // a second run over its own output writes the same part
  await again.writeBlock(block);
  const twice = await again.toBuffer();
  expect(new ZipReader(twice).read(new ZipReader(twice).get('xl/worksheets/sheet1.xml')!).equals(part)).toBe(true);
});

test('our texts keep xml:space="preserve" where their white space could change without it, and read back as written', async () => {
  const texts = ['één woord', ' voor', 'na ', 'twee  spaties', 'regel\nregel', 'tab\there', 'vast\u00a0spatie'];
  const wb = await XlsxWorkbook.fromBuffer(pkg('<worksheet xmlns="NS"><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>'));
  await wb.writeBlock({ sheet: 'Blad', headerRow: 0, firstColumn: 1, headers: texts, values: [], numberFormats: texts.map(() => undefined) });
  const out = await wb.toBuffer();
  const { ZipReader } = await import('../../src/workbook/xlsx/zip');
  const xml = new ZipReader(out).text('xl/worksheets/sheet1.xml')!;
  const written = [...xml.matchAll(/<t( xml:space="preserve")?>([^<]*)<\/t>/g)].map((m) => [m[2], !!m[1]]);
  expect(written).toEqual(texts.map((t, i) => [t, i > 0]));
  expect((await (await XlsxWorkbook.fromBuffer(out)).readSheet('Blad'))[0]).toEqual([1, ...texts]);
});

test('reads in windows of rows go on where the last read stopped and give what one read gives (merged areas too)', async () => {
  const { ZipReader } = await import('../../src/workbook/xlsx/zip');
  let rows = '';
  for (let r = 1; r <= 40; r++)
    rows += `<row r="${r}"><c r="A${r}"><v>${r}</v></c><c r="B${r}" t="inlineStr"><is><t>b${r}</t></is></c><c r="C${r}"><v>${r * 10}</v></c></row>`;
  // column B merged over rows 6–9 (across the window edge at row 8) and C over 20–23 (anchor in an unread column)
  const sheet = `<worksheet xmlns="NS"><sheetData>${rows}</sheetData><mergeCells count="2"><mergeCell ref="B6:B9"/><mergeCell ref="C20:C23"/></mergeCells></worksheet>`;
  const whole = await XlsxWorkbook.fromBuffer(pkg(sheet, { strings: [] }));
  await whole.readSheets([{ sheet: 'Blad', rows: 20 }]); // the first rows and the extent, as a run starts
  const [all] = await whole.readSheets([{ sheet: 'Blad', columns: [0, 1, 2] }]);
  expect(all.cells[8]).toEqual([9, 'b6', 90]); // B9 shows B6's value

  const wb = await XlsxWorkbook.fromBuffer(pkg(sheet, { strings: [] }));
  await wb.readSheets([{ sheet: 'Blad', rows: 20 }]);
  const opened = jest.spyOn(ZipReader.prototype, 'stream');
  try {
    for (let first = 0; first < 40; first += 7) {
      const [w] = await wb.readSheets([{ sheet: 'Blad', firstRow: first, rows: 7, columns: [0, 1] }]);
      expect(w.cells.length).toBe(Math.min(40, first + 7));
      expect(w.cells.slice(0, first).every((row) => row.length === 0)).toBe(true);
      expect(w.cells.slice(first)).toEqual(all.cells.slice(first, first + 7).map((row) => row.slice(0, 2)));
      expect(w.rowCount).toBe(40);
    }
    // C21 lies in a merged area whose first cell, C20, is in the window before
    const [c] = await wb.readSheets([{ sheet: 'Blad', firstRow: 20, rows: 3, columns: [2] }]);
    expect(c.cells.slice(20)).toEqual([
      [null, null, 200],
      [null, null, 200],
      [null, null, 200],
    ]);
    // six windows, one pass: the sheet part was inflated once (for the first window); the read of C went back
    // to row 20 and so started over
    const sheetStreams = opened.mock.calls.filter(([entry]) => entry.name === 'xl/worksheets/sheet1.xml');
    expect(sheetStreams).toHaveLength(2);
  } finally {
    opened.mockRestore();
  }
});

test('our cells go after a row’s cells, and anywhere else in column order, without a second cell in any column', async () => {
  const { ZipReader } = await import('../../src/workbook/xlsx/zip');
  const rows =
    '<row r="1"><c r="A1" t="inlineStr"><is><t>Prestatiecode</t></is></c></row>' +
    // the usual row: every cell left of the block (the fast path)
    '<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="inlineStr"><is><r><rPr><color rgb="FFFF0000"/></rPr><t>rood</t></r></is></c></row>' +
    // cells out of column order, one in the block's column C: replaced, not doubled
    '<row r="3"><c r="C3"><v>99</v></c><c r="A3"><v>2</v></c></row>' +
    // a cell right of the block stays right of ours
    '<row r="4"><c r="A4"><v>3</v></c><c r="E4"><v>5</v></c></row>' +
    // an empty row element, a self-closing one, and one with an extLst after its cells
    '<row r="5"></row><row r="6"/>' +
    '<row r="7"><c r="A7"><v>4</v></c><extLst><ext uri="x"><y/></ext></extLst></row>';
  const wb = await XlsxWorkbook.fromBuffer(pkg(`<worksheet xmlns="NS"><sheetData>${rows}</sheetData></worksheet>`));
  await wb.writeBlock({
    sheet: 'Blad',
    headerRow: 0,
    firstColumn: 2,
    headers: ['Uit', 'Meer'],
    values: [
      ['a', 1],
      ['b', 2],
      ['c', 3],
      ['d', 4],
      ['e', 5],
      ['f', 6],
    ],
    numberFormats: [undefined, undefined],
  });
  const xml = new ZipReader(await wb.toBuffer()).text('xl/worksheets/sheet1.xml')!;
  const row = (r: number) => new RegExp(`<row r="${r}"[^>]*>(.*?)</row>`).exec(xml)![1];
  const refs = (r: number) => [...row(r).matchAll(/<c r="([A-Z]+)\d+"/g)].map((m) => m[1]);
  expect(refs(2)).toEqual(['A', 'B', 'C', 'D']);
  expect(row(2)).toContain('<c r="B2" t="inlineStr"><is><r><rPr><color rgb="FFFF0000"/></rPr><t>rood</t></r></is></c>');
  expect(refs(3)).toEqual(['A', 'C', 'D']);
  expect(row(3)).not.toContain('99');
  expect(refs(4)).toEqual(['A', 'C', 'D', 'E']);
  expect(refs(5)).toEqual(['C', 'D']);
  expect(refs(6)).toEqual(['C', 'D']);
  expect(refs(7)).toEqual(['A', 'C', 'D']);
  expect(row(7)).toMatch(/<c r="D7"><v>6<\/v><\/c><extLst><ext uri="x"><y\/><\/ext><\/extLst>$/);
  const again = await XlsxWorkbook.fromBuffer(await wb.toBuffer());
  expect((await again.readSheet('Blad')).map((r) => r.slice(2, 4))).toEqual([
    ['Uit', 'Meer'],
    ['a', 1],
    ['b', 2],
    ['c', 3],
    ['d', 4],
    ['e', 5],
    ['f', 6],
  ]);
});

test('a run over more rows than one read window: a duplicate (by inkoopjaar) and a merged maximumtarief across the window edge', async () => {
  const { annotateWorkbook } = await import('../../src/workbook/jobs/annotate');
  const { READ_WINDOW } = await import('../../src/workbook/jobs/read-rows');
  const { getPack } = await import('../../src/policies');
  const { resolveParameters } = await import('../../src/domain/policy/load');
  const pack = getPack('zk-ggz-2025')!;
  const params = resolveParameters(pack, { richttarief: '97,3' }).values;
  const n = READ_WINDOW + 4_000;
  const edge = READ_WINDOW; // 0-based sheet row of the first row of the second window (header at row 0)
  const parts: string[] = [
    '<row r="1"><c r="A1" t="inlineStr"><is><t>AGB-code</t></is></c><c r="B1" t="inlineStr"><is><t>Prestatiecode</t></is></c><c r="C1" t="inlineStr"><is><t>NZa maximumtarief</t></is></c>' +
      '<c r="D1" t="inlineStr"><is><t>Zorgprofiel</t></is></c><c r="E1" t="inlineStr"><is><t>Leveringsvorm</t></is></c><c r="F1" t="inlineStr"><is><t>Inkoopjaar</t></is></c></row>',
  ];
  for (let r = 1; r <= n; r++) {
    // the row 10 into the second window repeats row 100's line; the row 20 into it has row 100's AGB and code, but
    // another inkoopjaar: another line
    const agb = r === edge + 10 || r === edge + 20 ? 10_000_100 : 10_000_000 + r;
    const max = r === edge || r === edge + 1 ? '' : '<c r="C0"><v>228.45</v></c>'.replace('C0', `C${r + 1}`); // merged away below the anchor
    const year = r === edge + 20 ? 2024 : 2025;
    const kind = `<c r="D${r + 1}" t="inlineStr"><is><t>GGZ-W3</t></is></c><c r="E${r + 1}" t="inlineStr"><is><t>Verblijf</t></is></c><c r="F${r + 1}"><v>${year}</v></c>`;
    parts.push(`<row r="${r + 1}"><c r="A${r + 1}"><v>${agb}</v></c><c r="B${r + 1}" t="inlineStr"><is><t>Z1103</t></is></c>${max}${kind}</row>`);
  }
  // C over the last row of the first window and the first of the second: the anchor's value shows in both
  const sheet = `<worksheet xmlns="NS"><sheetData>${parts.join('')}</sheetData><mergeCells count="1"><mergeCell ref="C${edge}:C${edge + 2}"/></mergeCells></worksheet>`;
  const wb = await XlsxWorkbook.fromBuffer(pkg(sheet));
  const phases: string[] = [];
  const outcome = await annotateWorkbook(wb, pack, params, { onPhase: (p) => phases.push(p) });
  expect(phases).toEqual(['lezen', 'rekenen', 'lezen', 'rekenen', 'schrijven']);
  expect(outcome.dataRows).toBe(n);
  const byRow = (r: number) => outcome.run.results.find((x) => x.ref === `Blad!${r + 1}`)!;
  expect(byRow(1).tarief?.toString()).toBe('222.28'); // 228.45 × 97.3%
  for (const r of [edge - 1, edge, edge + 1]) expect({ r, tarief: byRow(r).tarief?.toString() }).toEqual({ r, tarief: '222.28' });
  const dup = (r: number) => byRow(r).flags.find((f) => f.code === 'DUBBELE_REGEL')?.message;
  expect(dup(100)).toBe(`Dezelfde AGB-code en prestatie komen in 2025 ook voor in rij ${edge + 11}.`);
  expect(dup(edge + 10)).toBe('Dezelfde AGB-code en prestatie komen in 2025 ook voor in rij 101.');
  expect(dup(edge + 20)).toBeUndefined();
  expect(outcome.run.flagCounts.DUBBELE_REGEL).toBe(2);
}, 60_000);

test('a run in many small windows, every row different, writes exactly what a run in one window writes', async () => {
  const { annotateWorkbook, MAX_NOTES } = await import('../../src/workbook/jobs/annotate');
  const { getPack } = await import('../../src/policies');
  const { resolveParameters } = await import('../../src/domain/policy/load');
  const pack = getPack('zk-ggz-2025')!;
  const params = resolveParameters(pack, { richttarief: '97,3' }).values;
  const window = 100;
  const n = 12 * window + 37;
  const repeats = (r: number) => r % 7 === 0 && r % 2 !== 0 && r > 150;
  const cell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
  const parts = [
    `<row r="1">${cell('A1', 'AGB-code')}${cell('B1', 'Prestatiecode')}${cell('C1', 'NZa maximumtarief')}${cell('D1', 'Zorgprofiel')}${cell('E1', 'Leveringsvorm')}</row>`,
  ];
  for (let r = 1; r <= n; r++) {
    const x = r + 1;
    // every row its own maximumtarief; every second an unknown code (a signal, so more rows flagged than get a
    // note); every seventh with a known code repeats the line of the row 150 above it, in an earlier window
    const agb = repeats(r) ? 20_000_000 + r - 150 : 20_000_000 + r;
    const code = r % 2 === 0 ? `Q${r}` : 'Z1103';
    parts.push(
      `<row r="${x}"><c r="A${x}"><v>${agb}</v></c>${cell(`B${x}`, code)}<c r="C${x}"><v>${200 + r / 100}</v></c>${cell(`D${x}`, 'GGZ-W3')}${cell(`E${x}`, 'Verblijf')}</row>`,
    );
  }
  const input = pkg(`<worksheet xmlns="NS"><sheetData>${parts.join('')}</sheetData></worksheet>`);
  const now = new Date(Date.UTC(2026, 0, 5, 10, 0));
  const run = async (options: { window?: number; onPhase?: (p: string) => void }) => {
    const wb = await XlsxWorkbook.fromBuffer(input);
    const outcome = await annotateWorkbook(wb, pack, params, { now, ...options });
    return { outcome, bytes: await wb.toBuffer() };
  };
  const { ZipReader } = await import('../../src/workbook/xlsx/zip');
  const one = await run({});
  const opened = jest.spyOn(ZipReader.prototype, 'stream');
  let writing = 0;
  let many: Awaited<ReturnType<typeof run>>;
  try {
    many = await run({ window, onPhase: (p: string) => void (p === 'schrijven' && (writing = opened.mock.calls.length)) });
    // once writing starts, the sheet part is inflated once: the rows' cells for each window are read from the stream
    // the writer copies (SharedPieces), not from an inflation of their own
    const sheetStreams = opened.mock.calls.slice(writing).filter(([entry]) => entry.name === 'xl/worksheets/sheet1.xml');
    expect(sheetStreams).toHaveLength(1);
  } finally {
    opened.mockRestore();
  }
  expect(many.bytes.equals(one.bytes)).toBe(true);
  expect(many.outcome.run.results.map((r) => [r.ref, r.tarief?.toString(), r.flags.map((f) => f.message)])).toEqual(
    one.outcome.run.results.map((r) => [r.ref, r.tarief?.toString(), r.flags.map((f) => f.message)]),
  );
  // what had to be known across windows is there: a repeat named in an earlier window, the notes capped
  const byRow = (r: number) => many.outcome.run.results.find((x) => x.ref === `Blad!${r + 1}`)!;
  expect(byRow(161 - 150).flags.find((f) => f.code === 'DUBBELE_REGEL')?.message).toBe('Dezelfde AGB-code en prestatie komen ook voor in rij 162.');
  expect(many.outcome.run.flagCounts.DUBBELE_REGEL).toBe(2 * Array.from({ length: n }, (_, i) => i + 1).filter(repeats).length);
  expect(many.outcome.warnings.some((w) => w.includes(`alleen de eerste ${MAX_NOTES} kregen een notitie`))).toBe(true);
}, 60_000);

test('a merged area reaching from the header into the rows read while writing: read from the part, as in one window', async () => {
  const { annotateWorkbook } = await import('../../src/workbook/jobs/annotate');
  const { getPack } = await import('../../src/policies');
  const { resolveParameters } = await import('../../src/domain/policy/load');
  const pack = getPack('zk-ggz-2025')!;
  const params = resolveParameters(pack, {}).values;
  const cell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
  const rows = [`<row r="1">${cell('A1', 'AGB-code')}${cell('B1', 'Prestatiecode')}${cell('C1', 'NZa maximumtarief')}${cell('D1', 'Zorgprofiel')}</row>`];
  // row 2 holds a long note (≈ 200 KB): it ends in a later chunk of the part than the header, so the writer has let
  // the header's piece go when it asks for row 2's cells
  const note = cell('G2', 'lange opmerking '.repeat(12_500));
  for (let x = 2; x <= 40; x++)
    rows.push(`<row r="${x}"><c r="A${x}"><v>${30_000_000 + x}</v></c>${cell(`B${x}`, 'Z1103')}<c r="C${x}"><v>${200 + x}</v></c>${x === 2 ? note : ''}</row>`);
  // D1:D3 merged: rows 2 and 3 show the header's text as their zorgprofiel (as the CLI has always read a merged area)
  const input = pkg(`<worksheet xmlns="NS"><sheetData>${rows.join('')}</sheetData><mergeCells count="1"><mergeCell ref="D1:D3"/></mergeCells></worksheet>`);
  const now = new Date(Date.UTC(2026, 0, 5, 10, 0));
  const run = async (window?: number) => {
    const wb = await XlsxWorkbook.fromBuffer(input);
    await annotateWorkbook(wb, pack, params, { now, window });
    return wb.toBuffer();
  };
  const one = await run();
  // in windows of 13 rows the rows are read while writing, and the area's first cell is one the writer passed
  const many = await run(13);
  expect(many.equals(one)).toBe(true);
});

test('the used range counts only cells with a value, whatever a row ends in', async () => {
  const rows =
    '<row r="1"><c r="A1" t="inlineStr"><is><t>Prestatiecode</t></is></c></row>' +
    // rows beyond the first rows read, ending in: a styled empty cell, rich text, a formula without a result
    '<row r="30"><c r="B30"><v>1</v></c><c r="H30" s="2"/></row>' +
    '<row r="31"><c r="C31" t="inlineStr"><is><r><rPr><color rgb="FF0000FF"/></rPr><t>blauw</t></r></is></c></row>' +
    '<row r="32"><c r="A32"><v>1</v></c><c r="F32"><f>A32*2</f></c></row>' +
    // cells without references, a row of only styled empty cells further down (not part of the used range)
    '<row r="33"><c><v>1</v></c><c><v>2</v></c><c><v>3</v></c><c><v>4</v></c></row>' +
    '<row r="40"><c r="A40" s="1"/><c r="K40" s="1"/></row>';
  const wb = await XlsxWorkbook.fromBuffer(pkg(`<worksheet xmlns="NS"><sheetData>${rows}</sheetData></worksheet>`));
  const [head] = await wb.readSheets([{ sheet: 'Blad', rows: 2 }]);
  expect({ rows: head.rowCount, columns: head.columnCount }).toEqual({ rows: 33, columns: 6 });
  const prefixed = `<x:worksheet xmlns:x="${T}"><x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row><x:row r="9"><x:c r="A9"><x:v>1</x:v></x:c><x:c r="G9"><x:v>2</x:v></x:c><x:c r="J9" s="1"/></x:row></x:sheetData></x:worksheet>`;
  const [p] = await (await XlsxWorkbook.fromBuffer(pkg(prefixed))).readSheets([{ sheet: 'Blad', rows: 1 }]);
  expect({ rows: p.rowCount, columns: p.columnCount }).toEqual({ rows: 9, columns: 7 });
});

test('saving over the file the workbook reads (entries are read by offset) writes beside it first, then replaces it', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-save-'));
  const file = path.join(dir, 'in.xlsx');
  fs.writeFileSync(
    file,
    pkg('<worksheet xmlns="NS"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Prestatiecode</t></is></c></row></sheetData></worksheet>'),
  );
  const original = fs.readFileSync(file);
  const wb = await XlsxWorkbook.fromFile(file);
  await wb.save(file);
  // nothing changed, so every entry is copied from the file being replaced: the same bytes, and no temp file left
  expect(fs.readFileSync(file).equals(original)).toBe(true);
  expect(fs.readdirSync(dir)).toEqual(['in.xlsx']);
  const again = await XlsxWorkbook.fromFile(file);
  expect((await again.readSheet(await again.sheetNames().then((n) => n[0])))[0][0]).toBe('Prestatiecode');
});
