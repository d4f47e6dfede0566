/**
 * The XML layer of the .xlsx adapter on its own: tokens, attributes in either quote, references, the element tree
 * with positions, the plain form the fast paths read, and streams cut at every possible place.
 */
import {
  appendChild,
  attr,
  attributes,
  decodeAttr,
  decodeText,
  elements,
  isPlain,
  parseXml,
  plainXml,
  removeAttr,
  rootElement,
  setAttr,
  stringItemText,
  textOf,
  tokens,
  utf8PartBytes,
  XmlError,
  xmlPartText,
} from '../../src/workbook/xlsx/xml';
import { PieceReader, rowCells, SharedPieces, sheetPieces, type Pieces, type SheetPiece } from '../../src/workbook/xlsx/sheet-xml';

async function* chunked(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

function error(f: () => unknown): XmlError {
  try {
    f();
  } catch (e) {
    if (e instanceof XmlError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('tokens', () => {
  test('every kind, with a > inside an attribute value in either quote', () => {
    const xml = `<?xml version="1.0"?><a x='1>2' y="'>'"><!-- a <b> --><![CDATA[<c>&amp;]]>t&amp;<e/></a>`;
    expect([...tokens(xml)].map((t) => [t.kind, t.name, xml.slice(t.start, t.end)])).toEqual([
      ['pi', '', '<?xml version="1.0"?>'],
      ['start', 'a', `<a x='1>2' y="'>'">`],
      ['comment', '', '<!-- a <b> -->'],
      ['cdata', '', '<![CDATA[<c>&amp;]]>'],
      ['text', '', 't&amp;'],
      ['empty', 'e', '<e/>'],
      ['end', 'a', '</a>'],
    ]);
  });

  test('a DOCTYPE is refused anywhere, in any case', () => {
    for (const xml of ['<!DOCTYPE a><a/>', '<a><!doctype a></a>'])
      expect(error(() => parseXml(xml, 'xl/x.xml')).message).toBe("xl/x.xml: bevat een DOCTYPE-declaratie; zo'n bestand wordt niet gelezen");
  });

  test('broken markup is an XmlError naming the part, in Dutch', () => {
    for (const [xml, reason] of [
      ['<a><b></a>', '<b> wordt gesloten door </a>'],
      ['<a>', 'onvolledig: <a> wordt niet gesloten'],
      ['<a x="1></a>', 'onvolledig: de tekst houdt midden in een tag, commentaar of CDATA op'],
      ['<a/><b/>', 'meer dan één hoofdelement'],
      ['<a x=1/>', 'ongeldig attribuut in "<a x=1/>"'],
      ['</a>', 'sluittag </a> zonder begintag'],
    ])
      expect(error(() => parseXml(xml, 'xl/styles.xml')).message).toBe(`xl/styles.xml: ${reason}`);
  });
});

describe('references', () => {
  test('the five entities and character references; line ends normalised', () => {
    expect(decodeText('&lt;&gt;&amp;&quot;&apos;&#65;&#x42;&#x1F600;a\r\nb\rc')).toBe(`<>&"'AB\u{1F600}a\nb\nc`);
    expect(decodeAttr('a\tb\r\nc\nd&#10;e')).toBe('a b c d\ne');
  });

  test('out of range, forbidden or unknown: an XmlError, never a RangeError', () => {
    for (const [text, reason] of [
      ['&#x110000;', 'tekenverwijzing &#x110000; verwijst naar een teken dat XML niet toestaat'],
      ['&#0;', 'tekenverwijzing &#0; verwijst naar een teken dat XML niet toestaat'],
      ['&#xD800;', 'tekenverwijzing &#xD800; verwijst naar een teken dat XML niet toestaat'],
      ['&#99999999999999999999;', 'tekenverwijzing &#99999999999999999999; verwijst naar een teken dat XML niet toestaat'],
      ['&nbsp;', 'onbekende entiteit &nbsp; (XML kent alleen &amp; &lt; &gt; &quot; &apos; en tekenverwijzingen)'],
      ['a & b', 'een losse & in tekst (hoort als &amp; geschreven te worden)'],
    ]) {
      const e = error(() => decodeText(text));
      expect(e.message).toBe(reason);
      expect(e.inPart('xl/sharedStrings.xml').message).toBe(`xl/sharedStrings.xml: ${reason}`);
    }
  });
});

describe('attributes', () => {
  test('either quote, white space around =, prefixes kept, a > or the other quote inside a value', () => {
    const tag = `<sheet name='Blad "1"' sheetId = "2"\n r:id='rId1' note="a>b" state='hidden'/>`;
    expect(attributes(tag)).toEqual({ name: 'Blad "1"', sheetId: '2', 'r:id': 'rId1', note: 'a>b', state: 'hidden' });
    expect(attr(tag, 'id')).toBeUndefined();
    expect(attr(tag, 'r:id')).toBe('rId1');
    // a name inside another attribute's value is not that attribute
    expect(attr(`<c foo=" r='K5'" r="A1">`, 'r')).toBe('A1');
  });

  test('set and remove keep everything else as written', () => {
    expect(setAttr(`<dxfs count='0' x="1"/>`, 'count', '2')).toBe(`<dxfs count="2" x="1"/>`);
    expect(setAttr(`<dxfs x='1'>`, 'count', '2')).toBe(`<dxfs x='1' count="2">`);
    expect(removeAttr(`<row r="1" spans='1:3' x="a spans='b'">`, 'spans')).toBe(`<row r="1" x="a spans='b'">`);
  });
});

describe('elements with positions', () => {
  const xml = `\uFEFF<?xml version="1.0"?>\r\n<x:styleSheet xmlns:x="urn:s"><!-- c --><x:dxfs count="0"/><x:extLst><x:ext><x14:dxfs count="1"><x:dxf/></x14:dxfs></x:ext></x:extLst></x:styleSheet>`;

  test('top-level children only, by local name; text of an element', () => {
    const doc = parseXml(xml, 'xl/styles.xml');
    const root = rootElement(doc);
    expect(root.children.map((c) => c.name)).toEqual(['x:dxfs', 'x:extLst']);
    expect(root.prefix).toBe('x:');
    const t = parseXml(`<si><t>a<!-- no --><![CDATA[<b>&]]>&#x43;</t></si>`, 'p');
    expect(textOf(t, rootElement(t))).toBe('a<b>&C');
  });

  test('appending to an empty and to a closed element splices the text', () => {
    const doc = parseXml(xml, 'xl/styles.xml');
    const dxfs = rootElement(doc).children[0];
    expect(appendChild(xml, dxfs, '<x:dxf/>')).toContain('<x:dxfs count="0"><x:dxf/></x:dxfs><x:extLst>');
    const root = rootElement(doc);
    expect(appendChild(xml, root, '<y/>').endsWith('</x:extLst><y/></x:styleSheet>')).toBe(true);
  });

  test('a fragment may close what it did not open and leave elements open', () => {
    const tail = '</sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells><extLst><ext><x14:conditionalFormattings/></ext></extLst></worksheet>';
    const doc = parseXml(tail, 'xl/worksheets/sheet1.xml', { fragment: true });
    expect(doc.root.children.map((c) => c.local)).toEqual(['mergeCells', 'extLst']);
    expect(doc.outerCloses.map((t) => t.name)).toEqual(['sheetData', 'worksheet']);
  });
});

describe('plain form', () => {
  test('comments and PIs out, CDATA as escaped text; plain XML unchanged', () => {
    expect(plainXml('<c><is><t><![CDATA[a<b>&c]]></t></is><?pi x?><!-- <v>9</v> --></c>')).toBe('<c><is><t>a&lt;b&gt;&amp;c</t></is></c>');
    const plain = '<c r="A1"><v>1</v></c>';
    expect(isPlain(plain)).toBe(true);
    expect(plainXml(plain)).toBe(plain);
  });

  test('string items: runs, CDATA, comments, prefixes, phonetic runs left out, empty <t/>', () => {
    expect(stringItemText('<si><r><t>a</t></r><r><t xml:space="preserve"> b</t></r><rPh sb="0" eb="1"><t>x</t></rPh></si>')).toBe('a b');
    expect(stringItemText('<x:si><x:t><![CDATA[1 < 2 & ]]>&amp;<!-- x -->_x0041_</x:t><x:t/></x:si>')).toBe('1 < 2 & &A');
    expect(stringItemText(`<si><t a='>'>v</t></si>`)).toBe('v');
    // the usual form (`<is><t>…</t></is>`, read by hand) as the pattern reads the same text in another form
    const pieces = ['a', ' ', '&amp;', '&lt;', '&#x41;', '&#66;', '_x000D_', '_x005F_x0041_', '€', 'rPh', '\n', '"', "'", '>', '/t', 'is', 'si'];
    for (let n = 0; n < 2_000; n++) {
      let text = '';
      for (let k = (n * 7) % 9; k > 0; k--) text += pieces[(n * 31 + k * 17) % pieces.length];
      for (const item of ['is', 'si']) {
        const judge = stringItemText(`<${item}><t xml:space="preserve">${text}</t></${item}>`);
        expect(stringItemText(`<${item}><t>${text}</t></${item}>`)).toBe(judge);
        expect(stringItemText(`<${item}><r><t>${text}</t></r></${item}>`)).toBe(judge);
      }
    }
    // forms that only look usual: another end tag, another item, markup in the text
    expect(stringItemText('<is><t>a</t></si>')).toBe('a');
    expect(stringItemText('<is><t>a</t><t>b</t></is>')).toBe('ab');
    expect(stringItemText('<si><t>a<!-- b -->c</t></si>')).toBe('ac');
    expect(stringItemText('<si><t/></si>')).toBe('');
  });
});

describe('streams cut at every place', () => {
  const sst =
    '<?xml version="1.0"?>\n<sst xmlns="m" count="3"><!-- <si><t>no</t></si> --><si><t>een</t></si>' +
    `<si><t><![CDATA[</si>twee]]></t></si><?pi <si>?><x:si xmlns:x="m"><x:t a='>'>drie</x:t></x:si></sst>`;

  test('shared strings: the same items for every chunk size', async () => {
    for (let size = 1; size <= sst.length; size++) {
      const items = await collect(elements(chunked(sst, size), 'si', 'xl/sharedStrings.xml'));
      expect(items.map(stringItemText)).toEqual(['een', '</si>twee', 'drie']);
    }
  });

  const sheet =
    `<?xml version='1.0'?><!-- <sheetData> --><worksheet xmlns="m"><sheetPr><tabColor rgb='FF>00'/></sheetPr><sheetData>` +
    `<row r='1' x="a>b"><c r="A1"><v>1</v></c></row><!-- <row r="9"> --><?pi </row>?>` +
    `<row r="2"><c r="A2" t="inlineStr"><is><t><![CDATA[</row><c>]]></t></is></c><!-- </row> --><c r='B2'><v>2</v></c></row>` +
    `<row r="3"/></sheetData><extLst/></worksheet>`;

  test('sheet pieces: a row ends at its own end tag, also where "row" stands in its text or a row tag inside it, with or without prefix', async () => {
    for (const p of ['', 'x:']) {
      const rows = [
        `<${p}row r="1"><${p}c r="A1" t="inlineStr"><${p}is><${p}t>throw a row, arrow</${p}t></${p}is></${p}c></${p}row>`,
        `<${p}row r="2"><${p}c r="A2"><${p}v>1</${p}v></${p}c><${p}row r="9"/></${p}row>`,
        `<${p}row r="3"><${p}c r="A3" t="inlineStr"><${p}is><${p}t>&lt;/${p}row&gt; row</${p}t></${p}is></${p}c></${p}row>`,
        `<${p}row r="4"><${p}c r="A4"><${p}v>4</${p}v></${p}c><${p}rowx/></${p}row>`,
        `<${p}row r="5"><${p}c r="A5"><${p}v>5</${p}v></${p}c></${p}row>`,
        `<${p}row r="6"></${p}row>`,
        `<${p}row r="7"><${p}row r="9"><${p}c r="A9"><${p}v>1</${p}v></${p}c></${p}row><${p}c r="B7"><${p}v>2</${p}v></${p}c></${p}row>`,
      ];
      const sheet = `<${p}worksheet xmlns${p ? ':x' : ''}="m"><${p}sheetData>${rows.join('')}</${p}sheetData></${p}worksheet>`;
      for (const size of [1, 5, 13, 64, sheet.length]) {
        const got = (await collect(sheetPieces(chunked(sheet, size), 'p'))).flat().filter((q): q is Extract<SheetPiece, { kind: 'row' }> => q.kind === 'row');
        expect(got.map((r) => r.xml)).toEqual(rows);
        expect(got.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
      }
    }
  });

  test('sheet pieces: head, rows in plain form, between, tail, for every chunk size', async () => {
    const expected = (await collect(sheetPieces(chunked(sheet, sheet.length), 'xl/worksheets/sheet1.xml'))).flat();
    expect(expected.map((p) => p.kind)).toEqual(['head', 'row', 'other', 'other', 'row', 'row', 'tail']);
    const rows = expected.filter((p): p is Extract<SheetPiece, { kind: 'row' }> => p.kind === 'row');
    expect(rows.map((r) => r.index)).toEqual([0, 1, 2]);
    expect(rowCells(rows[1].xml).map((c) => [c.column, c.inner])).toEqual([
      [0, '<is><t>&lt;/row&gt;&lt;c&gt;</t></is>'],
      [1, '<v>2</v>'],
    ]);
    expect(stringItemText(rowCells(rows[1].xml)[0].inner!)).toBe('</row><c>');
    for (let size = 1; size < sheet.length; size += 1) expect((await collect(sheetPieces(chunked(sheet, size), 'p'))).flat()).toEqual(expected);
    // one at a time, without an await per piece: the same pieces
    for (const size of [1, 7, 64, sheet.length]) {
      const reader = new PieceReader(chunked(sheet, size), 'p');
      const one: SheetPiece[] = [];
      for (;;) {
        const piece = reader.take();
        if (piece) one.push(piece);
        else if (!(await reader.fill())) break;
      }
      expect(one).toEqual(expected);
    }
  });

  test('shared pieces: the writer gets every batch once, in order, while a reader reads the same rows ahead of it', async () => {
    let rows = '';
    for (let r = 1; r <= 60; r++) rows += `<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`;
    const big = `<worksheet xmlns="m"><sheetData>${rows}</sheetData></worksheet>`;
    const alone = await collect(sheetPieces(chunked(big, 97), 'p'));
    expect(alone.length).toBeGreaterThan(8); // several batches, so the reader can run ahead of the writer
    const all = async (reader: Pieces) => {
      const out: SheetPiece[] = [];
      for (;;) {
        const piece = reader.take();
        if (piece) out.push(piece);
        else if (!(await reader.fill())) return out;
      }
    };
    const shared = new SharedPieces(sheetPieces(chunked(big, 97), 'p'));
    const written: SheetPiece[][] = [];
    let read: SheetPiece[] = [];
    let passedReader: Pieces | undefined;
    for await (const batch of shared.writer()) {
      written.push(batch);
      if (written.length === 1) passedReader = shared.reader(0);
      if (written.length === 3) {
        // from the writer's batch on, to the end of the part: every piece after it that the writer will take too
        read = await all(shared.reader(batch.find((p) => p.kind === 'row')!.index)!);
        // a reader of rows the writer has passed is refused; one made before is stale
        const passedRow = (written[1].filter((p) => p.kind === 'row').pop() as Extract<SheetPiece, { kind: 'row' }>).index;
        expect(shared.reader(passedRow)).toBeUndefined();
        expect(passedReader!.stale()).toBe(true);
        expect(() => passedReader!.take()).toThrow();
      }
    }
    expect(written).toEqual(alone);
    expect(read).toEqual(alone.slice(2).flat());
  });

  test('errors in a streamed part name it', async () => {
    const range = sheet.replace('<v>2</v>', '<v>&#x110000;</v>');
    const rows = (await collect(sheetPieces(chunked(range, 7), 'p'))).flat().filter((p): p is Extract<SheetPiece, { kind: 'row' }> => p.kind === 'row');
    expect(() => decodeText(rowCells(rows[1].xml)[1].inner!)).toThrow('tekenverwijzing &#x110000; verwijst naar een teken dat XML niet toestaat');
    const bad = sheet.replace('<v>2</v>', '<v>&#x110000;</v>').replace("<?xml version='1.0'?>", "<?xml version='1.0'?><!DOCTYPE x>");
    await expect(collect(sheetPieces(chunked(bad, 7), 'xl/worksheets/sheet1.xml'))).rejects.toThrow(
      "xl/worksheets/sheet1.xml: bevat een DOCTYPE-declaratie; zo'n bestand wordt niet gelezen",
    );
  });
});

describe('UTF-16 parts (OPC allows UTF-8 and UTF-16)', () => {
  const text = '<?xml version="1.0" encoding="UTF-16" standalone="yes"?>\n<sst xmlns="m"><si><t>é € 𝄞 &amp; één</t></si></sst>';
  const asUtf8 = text.replace('encoding="UTF-16"', 'encoding="UTF-8"');
  const be = (b: Buffer) => Buffer.from(b).swap16();
  const encodings: Record<string, Buffer> = {
    'UTF-16LE with its byte order mark': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
    'UTF-16BE with its byte order mark': be(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])),
    'UTF-16LE without it': Buffer.from(text, 'utf16le'),
    'UTF-16BE without it': be(Buffer.from(text, 'utf16le')),
  };

  test.each(Object.entries(encodings))('%s reads as the text, its declaration saying UTF-8', async (_, bytes) => {
    expect(xmlPartText(bytes)).toBe(asUtf8);
    // streamed in chunks cut at every place (inside a character, a surrogate pair and the declaration)
    for (const size of [1, 2, 3, 5, 7, 64]) {
      const chunks = async function* () {
        for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
      };
      expect(Buffer.concat(await collect(utf8PartBytes(chunks()))).toString('utf8')).toBe(asUtf8);
    }
  });

  test('UTF-8 comes through as it is, byte for byte (bytes that are not UTF-8 included)', async () => {
    const bytes = Buffer.concat([Buffer.from(text, 'utf8'), Buffer.from([0xff, 0xc3])]);
    expect(xmlPartText(Buffer.from(text, 'utf8'))).toBe(text);
    for (const size of [1, 3, 1000]) {
      const chunks = async function* () {
        for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
      };
      expect(Buffer.concat(await collect(utf8PartBytes(chunks())))).toEqual(bytes);
    }
    // a part of fewer bytes than it takes to tell
    for (const tiny of ['', '<', '<a'])
      expect(
        Buffer.concat(
          await collect(
            utf8PartBytes(
              (async function* () {
                yield Buffer.from(tiny);
              })(),
            ),
          ),
        ).toString(),
      ).toBe(tiny);
  });

  test('UTF-16 that holds no XML characters (an unpaired surrogate, an odd byte) is an XmlError', async () => {
    const lone = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<a>', 'utf16le'), Buffer.from([0x00, 0xd8]), Buffer.from('</a>', 'utf16le')]);
    const odd = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<a/>', 'utf16le'), Buffer.from([0x41])]);
    for (const bytes of [lone, odd]) {
      expect(error(() => xmlPartText(bytes)).message).toContain('ongeldige UTF-16-tekst');
      await expect(
        collect(
          utf8PartBytes(
            (async function* () {
              yield bytes;
            })(),
          ),
        ),
      ).rejects.toThrow(XmlError);
    }
  });
});
