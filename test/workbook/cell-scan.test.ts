/**
 * CellScan (sheet-xml.ts) reads a row's cells by hand, where a regular expression made a match and three strings of
 * each cell. It must find exactly what that pattern found: the pattern is kept here as the judge, and rows built from
 * usual and unusual pieces (prefixes, quotes holding `>` and `/`, a stray `/`, single quotes, empty elements, `<col>`, end tags that
 * are not a cell's, white space of every kind, U+00A0 as the byte text has it, cells without end tag or reference,
 * attributes in another order) are read both ways.
 */
import fc from 'fast-check';
import { columnIndexOf } from '../../src/workbook/port';
import { cachedText, cellColumnAt, cellLetters, CellScan, refColumn, rowCells, sheetPieces, type RawCell } from '../../src/workbook/xlsx/sheet-xml';
import { attr, PREFIX, tagEnd } from '../../src/workbook/xlsx/xml';

const ATTRS = `(?:[^>"']|"[^"]*"|'[^']*')*`;
const CELL = new RegExp(`<${PREFIX}c(?=[\\s/>])(${ATTRS}?)(?:/>|>([\\s\\S]*?)</${PREFIX}c\\s*>)`, 'g');
const USUAL_CELL = /^\s+r="([A-Za-z]{1,3})\d+"(?:\s+s="(\d+)")?(?:\s+t="(\w+)")?\s*$/;
const HAS_VALUE = new RegExp(`<${PREFIX}(?:v|is|f)[\\s>/]`);
const CACHED = new RegExp(`<${PREFIX}v(?:\\s${ATTRS})?>([^<]*)</${PREFIX}v\\s*>`);

/** The cells as the regular expression read them (rowCells before CellScan). */
function byPattern(rowXml: string): RawCell[] {
  const out: RawCell[] = [];
  const start = tagEnd(rowXml, 0);
  if (rowXml.charCodeAt(start - 2) === 47) return out;
  CELL.lastIndex = start;
  let column = -1;
  for (let m; (m = CELL.exec(rowXml));) {
    const usual = USUAL_CELL.exec(m[1]);
    const letters = usual ? usual[1] : refColumn(attr(m[1], 'r'));
    column = letters ? columnIndexOf(letters) : column + 1;
    const type = usual ? usual[3] : attr(m[1], 't')?.trim();
    const style = usual ? usual[2] : attr(m[1], 's')?.trim();
    out.push({ column, xml: m[0], attrs: m[1], inner: m[2], end: m.index + m[0].length, type, style });
  }
  return out;
}

function outcome<T>(read: () => T): { value?: T; error?: string } {
  try {
    return { value: read() };
  } catch (e) {
    return { error: String(e) };
  }
}

/** A part's text as one chunk. */
async function* chunks(xml: string): AsyncGenerator<string> {
  yield xml;
}

function hasValues(rowXml: string): boolean[] {
  const out: boolean[] = [];
  for (const scan = new CellScan().row(rowXml); scan.next();) out.push(scan.hasValue());
  return out;
}

test('the usual cells, read by hand', () => {
  const row =
    '<row r="2" spans="1:4"><c r="A2" s="3" t="s"><v>0</v></c><c r="AB2"><v>1.5</v></c><c r="C2" t="inlineStr"><is><t>x</t></is></c><c r="D2" s="1"/></row>';
  expect(rowCells(row).map((c) => [c.column, c.type, c.style, c.inner])).toEqual([
    [0, 's', '3', '<v>0</v>'],
    [27, undefined, undefined, '<v>1.5</v>'],
    [2, 'inlineStr', undefined, '<is><t>x</t></is>'],
    [3, undefined, '1', undefined],
  ]);
  expect(rowCells(row)).toEqual(byPattern(row));
  expect(hasValues(row)).toEqual([true, true, true, false]);
});

test('every row built from usual and unusual pieces reads as the pattern read it', () => {
  /** The usual piece three times in four, else one of the others. */
  const usually = (usual: string, ...others: string[]) =>
    fc.oneof({ arbitrary: fc.constant(usual), weight: 3 }, { arbitrary: fc.constantFrom(...others), weight: 1 });
  const space = usually(' ', '  ', '\t', '\n', '\r\n', '\u00a0', ' \u00a0');
  // prefixes beyond ASCII as byte text has them: sé (C3 A9) and à (C3 A0, whose A0 is also the no-break space)
  const name = usually('c', 'x:c', 'c.d:c', 'col', 'cc', 'ab:cd:c', ':c', 'x-1:c', 's\u00c3\u00a9:c', '\u00c3\u00a0:c', 'c\u00c3\u00a9', '\u00c3:c');
  const ref = fc.constantFrom('A1', 'b2', 'ZZ9', 'XFD1048576', 'ABCD1', '$C$3', ' D4 ', 'E', '7', 'A1B');
  const quote = fc.constantFrom('"', "'");
  const attrValue = fc.constantFrom('1', 'a>b', 'x/y', '/', '', 'a"b', "a'b", ' 2 ');
  const attribute = fc.oneof(
    fc.tuple(quote, ref).map(([q, r]) => `r=${q}${r}${q}`),
    fc.tuple(quote, fc.constantFrom('s', 'n', 'str', 'inlineStr', 'b', 'e', 'd', ' s ', 'x')).map(([q, t]) => `t=${q}${t}${q}`),
    fc.tuple(quote, fc.constantFrom('0', '12', 'x', ' 3 ', '')).map(([q, s]) => `s=${q}${s}${q}`),
    fc.tuple(fc.constantFrom('cm', 'vm', 'ph', 'x:r'), quote, attrValue).map(([n, q, v]) => `${n}=${q}${v.replace(q, '')}${q}`),
    fc.constantFrom('r="A1', "t='s", 'r = "B2"'),
  );
  const attrs = fc.array(
    fc.tuple(space, attribute).map(([s, a]) => s + a),
    { maxLength: 4 },
  );
  const inner = fc.constantFrom(
    '<v>1</v>',
    '<x:v>2</x:v>',
    '<s\u00c3\u00a9:v>5</s\u00c3\u00a9:v>',
    '<f>SUM(A1)</f><v>3</v>',
    '<is><t>a &lt;c&gt; b</t></is>',
    '<is><t xml:space="preserve"> / </t></is>',
    '<v/>',
    '',
    '<extLst/>',
    '<f/>',
    '<iss>1</iss>',
    '\u00c3\u00a0',
  );
  const close = usually('</c>', '</x:c>', '</c >', '</c\u00a0>', '</ c>', '</cc>', '</c:c>', '', '</cx>', '</c', '</s\u00c3\u00a9:c>', '</\u00c3\u00a0:c >');
  const stray = usually('', '/', '/x', '/ ');
  const cell = fc
    .tuple(name, attrs, stray, fc.option(space), fc.boolean(), inner, close)
    .map(([n, a, x, s, empty, i, c]) => `<${n}${a.join('')}${x}${s ?? ''}${empty ? '/>' : `>${i}${c}`}`);
  const between = usually('', ' ', '<col min="1"/>', '<extLst><ext uri="x"/></extLst>', '\u00a0', '<');
  const row = fc
    .tuple(fc.constantFrom('<row r="1">', '<row>', '<x:row r="5" spans="1:3">', '<row r="2"/>'), fc.array(fc.tuple(between, cell), { maxLength: 6 }))
    .map(([open, cells]) => `${open}${cells.map(([b, c]) => b + c).join('')}${open.endsWith('/>') ? '' : '</row>'}`);
  let cells = 0;
  let refused = 0;
  fc.assert(
    fc.property(row, (xml) => {
      // attributes the reader refuses (XmlError) are refused both ways, at the same cell
      const want = outcome(() => byPattern(xml));
      cells += want.value?.length ?? 0;
      if (want.error) refused++;
      expect(outcome(() => rowCells(xml))).toEqual(want);
      if (want.value) expect(hasValues(xml)).toEqual(want.value.map((c) => c.inner !== undefined && HAS_VALUE.test(c.inner)));
    }),
    { numRuns: 4000, seed: 42 },
  );
  // the rows had cells to find, not only pieces that are none, and most were read, not refused
  expect(cells).toBeGreaterThan(3000);
  expect(refused).toBeLessThan(1000);
});

test('a cached value reads as the pattern read it, the usual `<v>…</v>` by hand', () => {
  const piece = fc.constantFrom(
    '<v>',
    '</v>',
    '<x:v>',
    '</x:v>',
    '<v a="1">',
    '</v >',
    '<f>A1</f>',
    '12.5',
    '&amp;',
    '<',
    '>',
    '<v/>',
    '<is><t>x</t></is>',
    ' ',
  );
  let usual = 0;
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 6 }), fc.boolean(), (pieces, v) => {
      // half of them start as most cells do
      const inner = (v ? '<v>' : '') + pieces.join('');
      if (/^<v>[^<]*<\/v>/.test(inner)) usual++;
      expect(cachedText(inner)).toBe(CACHED.exec(inner)?.[1]);
    }),
    { numRuns: 4000, seed: 5 },
  );
  expect(usual).toBeGreaterThan(100);
  expect(cachedText('<v>0.955</v>')).toBe('0.955');
});

test('a cell\'s column from its start tag reads as cellLetters read it, the usual `<c r="AB12"` by hand', () => {
  const start = fc.constantFrom('<c r="', '<c  r="', "<c r='", '<x:c r="', '<c s="1" r="', '<c r = "');
  const ref = fc.constantFrom('A1', 'AB12', 'XFD1048576', 'ABCD1', 'a1', '$B$2', 'C', '7', 'C"', 'D4 ', '');
  const rest = fc.constantFrom('"><v>1</v></c>', '"/>', "'/>", '" t="s"><v>0</v></c>', '');
  fc.assert(
    fc.property(fc.constantFrom('', '<c r="Z9"/>'), start, ref, rest, fc.nat(4), (before, open, r, after, cut) => {
      const xml = before + open + r + after;
      const end = Math.max(before.length, xml.length - cut);
      const letters = outcome(() => cellLetters(xml.slice(before.length, end)));
      const want = letters.error ? letters : { value: letters.value === undefined ? undefined : columnIndexOf(letters.value) };
      expect(outcome(() => cellColumnAt(xml, before.length, end))).toEqual(want);
    }),
    { numRuns: 3000, seed: 9 },
  );
  expect(cellColumnAt('<row><c r="AB12"><v>1</v></c></row>', 5)).toBe(27);
});

test('a row\'s index from its start tag reads as the pattern read it, the usual ` r="12"` by hand', async () => {
  const FIRST_R = /^<[\w.:-]+\s+r\s*=\s*(?:"([^"]*)"|'([^']*)')/;
  const tag = fc.constantFrom(
    ' r="12"',
    " r='3'",
    '  r="4"',
    ' r = "5"',
    ' spans="1:2" r="6"',
    '',
    ' r="007"',
    ' r="1234567890"',
    ' r=""',
    ' r="x"',
    ' r=" 8 "',
    ' r="9"/',
  );
  const sheet = fc.tuple(fc.constantFrom('', 'x:'), fc.array(tag, { minLength: 1, maxLength: 8 }));
  await fc.assert(
    fc.asyncProperty(sheet, async ([p, tags]) => {
      const rows = tags.map((t) => (t.endsWith('/') ? `<${p}row${t}>` : `<${p}row${t}><${p}c><${p}v>1</${p}v></${p}c></${p}row>`));
      const xml = `<${p}worksheet xmlns${p ? `:${p.slice(0, -1)}` : ''}="m"><${p}sheetData>${rows.join('')}</${p}sheetData></${p}worksheet>`;
      const indexes: number[] = [];
      for await (const batch of sheetPieces(chunks(xml), 'p')) for (const piece of batch) if (piece.kind === 'row') indexes.push(piece.index);
      let last = -1;
      const want = rows.map((row) => {
        const open = row.slice(0, row.indexOf('>') + 1);
        const first = FIRST_R.exec(open);
        const r = first ? (first[1] ?? first[2]) : attr(open, 'r');
        return (last = r !== undefined && /^\s*\d+\s*$/.test(r) ? Number(r) - 1 : last + 1);
      });
      expect(indexes).toEqual(want);
    }),
    { numRuns: 500, seed: 13 },
  );
});
