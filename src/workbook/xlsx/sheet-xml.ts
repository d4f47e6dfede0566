/**
 * A worksheet part as a stream of pieces: the head up to and including `<sheetData>`, each `<row>` element as
 * its own string, what lies between rows, and the tail after `</sheetData>`. The part itself is never one
 * string, so sheets beyond V8's string limit (~512 MB) work; a row is small.
 */
import {
  ATTRS,
  attr,
  child,
  childrenNamed,
  elementEnd,
  isPlain,
  localName,
  parseXml,
  plainXml,
  PREFIX,
  prefixOf,
  QNAME,
  rethrowIn,
  tagEnd,
  tokenAt,
  XmlError,
  type Token,
} from './xml';
import { columnIndexOf } from '../port';

export type SheetPiece =
  | { kind: 'head'; text: string; prefix: string; empty: boolean }
  | { kind: 'row'; xml: string; index: number }
  | { kind: 'other'; text: string }
  | { kind: 'tail'; text: string };

const MAX_HEAD = 64 * 1024 * 1024;

/** A start tag whose first attribute is `r` (an attribute occurs once, so this is the tag's `r`). */
const FIRST_R = new RegExp(`^<${QNAME}\\s+r\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);

/** The `<sheetData>` start tag at the top level of the head, scanning tokens from `at.pos`; undefined until it comes. */
function findSheetData(buf: string, at: { pos: number; depth: number }): Token | undefined {
  for (;;) {
    const lt = buf.indexOf('<', at.pos);
    if (lt < 0) {
      at.pos = buf.length;
      return undefined;
    }
    const t = tokenAt(buf, lt);
    if (!t) {
      at.pos = lt;
      return undefined;
    }
    at.pos = t.end;
    if (t.kind === 'start' || t.kind === 'empty') {
      if (at.depth === 1 && localName(t.name) === 'sheetData') return t;
      if (t.kind === 'start') at.depth++;
    } else if (t.kind === 'end') at.depth--;
  }
}

/**
 * The pieces of a worksheet part, in batches (all the pieces a chunk of text completes: a few hundred rows, so a
 * reader pays for one step of an async generator per batch, not per row). Each row is given in plain form (see
 * plainXml): a row with a comment, a processing instruction or CDATA is rewritten without them, the same content,
 * so the row readers' fast paths (one search for a cell, its value) read every row exactly.
 */
export async function* sheetPieces(chunks: AsyncIterable<string>, part: string): AsyncGenerator<SheetPiece[]> {
  let batch: SheetPiece[] = [];
  const put = (piece: SheetPiece) => void batch.push(piece);
  try {
    let buf = '';
    let pos = 0;
    let state: 'head' | 'rows' | 'tail' = 'head';
    const head = { pos: 0, depth: 0 };
    let rowOpen = '<row';
    let rowClose = '</row>';
    /** The row element's name with its prefix: in its start tag and its end tag. */
    let rowName = 'row';
    /** Where the next `<!` (comment, CDATA) and `<?` (PI) are in `buf`, searched again only once passed. */
    let bang = 0;
    let query = 0;
    let dataClose = '</sheetData';
    let last = -1;
    let tail = '';
    /** The pieces of `buf` from `pos` on, as far as they are complete (state becomes 'tail' at `</sheetData`). */
    const rows = (): void => {
      for (;;) {
        const lt = buf.indexOf('<', pos);
        if (lt < 0) {
          if (pos < buf.length) put({ kind: 'other', text: buf.slice(pos) });
          pos = buf.length;
          break;
        }
        if (lt > pos) {
          put({ kind: 'other', text: buf.slice(pos, lt) });
          pos = lt;
        }
        if (buf.length - lt < dataClose.length + 1) break; // too short to tell what starts here
        if (buf.startsWith(rowOpen, lt) && endsName(buf.charCodeAt(lt + rowOpen.length))) {
          const gt = tagEnd(buf, lt);
          if (gt < 0) break;
          let end = gt;
          let plain = true;
          if (buf.charCodeAt(gt - 2) !== 47 /* / */) {
            // the row's end tag and whether another row tag comes first, in one search where the first "row" after
            // the start tag is the end tag's (any row tag or end tag before it would hold an earlier one), else in two
            const first = buf.indexOf(rowName, gt);
            const own = first >= 0 && buf.startsWith(rowClose, first - 2);
            const close = own ? first - 2 : buf.indexOf(rowClose, gt);
            // one search when nothing before the end tag needs tokens: no comment, PI or CDATA, no other row tag
            if (bang >= 0 && bang < gt) bang = buf.indexOf('<!', gt);
            if (query >= 0 && query < gt) query = buf.indexOf('<?', gt);
            const next = own || close < 0 ? -1 : buf.indexOf(rowOpen, gt);
            if (close >= 0 && (bang < 0 || bang > close) && (query < 0 || query > close) && (next < 0 || next > close)) end = close + rowClose.length;
            else {
              end = elementEnd(buf, { kind: 'start', start: lt, end: gt, name: rowName });
              if (end < 0) break;
              plain = isPlain(buf.slice(lt, end));
            }
          }
          last = rowIndex(buf, lt, lt + rowOpen.length, gt, last);
          const xml = buf.slice(lt, end);
          put({ kind: 'row', xml: plain ? xml : plainXml(xml), index: last });
          pos = end;
        } else if (buf.startsWith(dataClose, lt)) {
          state = 'tail';
          break;
        } else {
          const t = tokenAt(buf, lt);
          if (!t) break;
          put({ kind: 'other', text: buf.slice(lt, t.end) });
          pos = t.end;
        }
      }
    };
    /**
     * What the last chunk left unread (usually the start of a row) read on with `chunk`, without joining them whole:
     * the leftover and a whole chunk joined are a new string of the chunk's size (V8 flattens it at the first search),
     * made for each chunk of every pass over a sheet. The pieces that start in the leftover end early in `chunk`: they
     * are read from the leftover and `chunk` up to the first `<` after the first row end tag in it, then `chunk` is read
     * on by itself. Where they do not end there (a comment or CDATA holding a row's end tag), the rest is joined whole.
     */
    const bridge = (chunk: string): void => {
      const close = chunk.indexOf(rowClose);
      const cut = close < 0 ? -1 : chunk.indexOf('<', close + rowClose.length);
      if (cut < 0) {
        buf = buf.slice(pos) + chunk;
        pos = 0;
        return;
      }
      const rest = buf.length - pos;
      buf = buf.slice(pos) + chunk.slice(0, cut + 1);
      pos = bang = query = 0;
      rows();
      if (pos >= rest) {
        buf = chunk;
        pos -= rest;
      } else {
        buf = buf.slice(pos) + chunk.slice(cut + 1);
        pos = 0;
      }
    };
    for await (const chunk of chunks) {
      if (state === 'rows' && pos < buf.length) bridge(chunk);
      else {
        buf = pos ? buf.slice(pos) + chunk : buf + chunk;
        pos = 0;
      }
      bang = query = 0; // positions in the new buffer: search again
      if (state === 'head') {
        const t = findSheetData(buf, head);
        if (!t) {
          if (buf.length > MAX_HEAD) throw new XmlError('geen <sheetData> gevonden');
          continue;
        }
        const prefix = prefixOf(t.name);
        const empty = t.kind === 'empty';
        rowName = `${prefix}row`;
        rowOpen = `<${rowName}`;
        rowClose = `</${rowName}>`;
        dataClose = `</${prefix}sheetData`;
        put({ kind: 'head', text: buf.slice(0, t.end), prefix, empty });
        pos = t.end;
        state = empty ? 'tail' : 'rows';
      }
      if (state === 'rows') rows();
      if (state === 'tail') {
        tail += buf.slice(pos);
        pos = buf.length;
        if (tail.length > MAX_HEAD) throw new XmlError('het deel na de celgegevens is te groot');
      }
      if (batch.length) {
        yield batch;
        batch = [];
      }
    }
    if (state === 'head') throw new XmlError('geen <sheetData> gevonden');
    if (state === 'rows') throw new XmlError('onvolledig (</sheetData> ontbreekt)');
    yield [{ kind: 'tail', text: tail }];
  } catch (e) {
    rethrowIn(part, e);
  }
}

/**
 * A row's 0-based index from the `r` of its start tag (from `lt` to `gt`; `name` is where its name ends), or the row
 * after `last` without one: ` r="12"` read by hand, any other form as an attribute.
 */
function rowIndex(buf: string, lt: number, name: number, gt: number, last: number): number {
  if (buf.startsWith(' r="', name)) {
    let n = 0;
    let i = name + 4;
    for (let c = buf.charCodeAt(i); isDigit(c) && i < name + 13; c = buf.charCodeAt(++i)) n = n * 10 + c - 48;
    if (i > name + 4 && buf.charCodeAt(i) === 34) return n - 1;
  }
  const rowTag = buf.slice(lt, gt);
  const first = FIRST_R.exec(rowTag);
  const r = first ? (first[1] ?? first[2]) : attr(rowTag, 'r');
  return r !== undefined && /^\s*\d+\s*$/.test(r) ? Number(r) - 1 : last + 1;
}

/** Whether a character ends an element's name: white space, `>` or `/`. */
function endsName(c: number): boolean {
  return c === 62 || c === 47 || isSpace(c);
}

/**
 * What reads a worksheet part's pieces one at a time, without an await per piece: `take()` gives the next piece of
 * the current batch, or undefined when it is used up and `fill()` must fetch the next one (false at the end).
 */
export interface Pieces {
  take(): SheetPiece | undefined;
  fill(): Promise<boolean>;
  /** Stops reading (the inflater and the file are let go). */
  close(): void;
  /** Whether it can no longer go on (a SharedPieces reader the writer has passed). */
  stale(): boolean;
}

/** A worksheet part's own pieces (sheetPieces), one at a time. */
export class PieceReader implements Pieces {
  private batch: SheetPiece[] = [];
  private at = 0;
  private readonly batches: AsyncIterator<SheetPiece[]>;

  constructor(chunks: AsyncIterable<string>, part: string) {
    this.batches = sheetPieces(chunks, part)[Symbol.asyncIterator]();
  }

  take(): SheetPiece | undefined {
    return this.at < this.batch.length ? this.batch[this.at++] : undefined;
  }

  async fill(): Promise<boolean> {
    const next = await this.batches.next();
    this.batch = next.done ? [] : next.value;
    this.at = 0;
    return !next.done;
  }

  close(): void {
    void this.batches.return?.(undefined);
  }

  stale(): boolean {
    return false;
  }
}

/**
 * One pass over a sheet part for the part's writer and a reader of the same rows: annotate's second pass reads a
 * window of rows just before the writer copies them, from the stream the writer copies, instead of inflating and
 * splitting the part a second time. The writer takes the batches in order (writer()); a reader (reader()) starts at
 * the batch the writer is on and may read ahead of it: what it read ahead is kept until the writer has passed it.
 */
export class SharedPieces {
  /** From the writer's current batch on; batches[0] is batch number `first`. */
  private readonly batches: SheetPiece[][] = [];
  private first = 0;
  private ended = false;
  /** The last row of the batches let go (-1: none): a reader cannot start before it. */
  private passedRow = -1;

  constructor(private readonly source: PieceSource) {}

  /** The writer's batches; each batch before the one it is on is let go. */
  async *writer(): AsyncGenerator<SheetPiece[]> {
    for (let n = 0; ; n++) {
      while (this.first < n) this.drop();
      if (!this.batch(n) && !(await this.pull())) return;
      yield this.batch(n)!;
    }
  }

  /** A reader of the rows from `row` on, or undefined when the writer has passed rows at or after it. */
  reader(row: number): Pieces | undefined {
    return row > this.passedRow ? new SharedReader(this, this.first) : undefined;
  }

  /** Batch number `n` if it is held. */
  batch(n: number): SheetPiece[] | undefined {
    return this.batches[n - this.first];
  }

  /** Whether batch number `n` has been let go. */
  passed(n: number): boolean {
    return n < this.first;
  }

  /** The next batch from the part, held; false at its end. */
  async pull(): Promise<boolean> {
    if (this.ended) return false;
    const next = await this.source.next();
    if (next.done) this.ended = true;
    else this.batches.push(next.value);
    return !next.done;
  }

  close(): void {
    this.ended = true;
    this.batches.length = 0;
    void this.source.return?.(undefined);
  }

  private drop(): void {
    const batch = this.batches.shift();
    this.first++;
    for (let i = (batch?.length ?? 0) - 1; i >= 0; i--) {
      const piece = batch![i];
      if (piece.kind === 'row') {
        this.passedRow = piece.index;
        break;
      }
    }
  }
}

type PieceSource = AsyncIterator<SheetPiece[]>;

/** A reader of SharedPieces: reads the held batches again and pulls new ones for the writer to take later. */
class SharedReader implements Pieces {
  private at = 0;

  constructor(
    private readonly shared: SharedPieces,
    private n: number,
  ) {}

  take(): SheetPiece | undefined {
    if (this.stale()) throw new Error('de schrijver is de lezer voorbij');
    const batch = this.shared.batch(this.n);
    return batch && this.at < batch.length ? batch[this.at++] : undefined;
  }

  async fill(): Promise<boolean> {
    if (this.shared.batch(this.n)) {
      this.n++;
      this.at = 0;
    }
    return !!this.shared.batch(this.n) || this.shared.pull();
  }

  close(): void {}

  stale(): boolean {
    return this.shared.passed(this.n);
  }
}

export interface RawCell {
  column: number;
  /** The whole `<c>` element. */
  xml: string;
  attrs: string;
  inner: string | undefined;
  /** Index in the row's XML after the cell. */
  end: number;
  /** Its `t` (type) and `s` (style) attributes. */
  type: string | undefined;
  style: string | undefined;
}

/**
 * The cells of a row element in plain form (see sheetPieces), one at a time, with their 0-based columns (implicit
 * columns counted on): positions in the row's XML, cut into strings only when asked. Every read of a sheet goes
 * through every cell of every row it reads (a rerun's 17 a row, 1.7 million at 100k rows), and a regular expression
 * made a match and three strings of each (≈ 1 GB of garbage in a rerun at 100k rows). It finds what the pattern
 * `<PREFIXc(?=[\s/>])(ATTRS*?)(?:/>|>([\s\S]*?)</PREFIXc\s*>)` (PREFIX, ATTRS: xml.ts) finds, searched from the
 * end of the row's start tag: a test holds it to that pattern (test/workbook/cell-scan.test.ts).
 */
export class CellScan {
  private xml = '';
  private at = 0;
  column = -1;
  /** Where the cell starts (its `<`) and ends (after its end tag or `/>`). */
  start = 0;
  end = 0;
  private attrsStart = 0;
  private attrsEnd = 0;
  /** Its content (between its start and end tag); -1 for an empty element (`<c …/>`). */
  innerStart = -1;
  innerEnd = -1;
  /** Its `t` attribute (trimmed), or undefined. */
  type: string | undefined;
  /** Its `s` attribute's value where the usual form has it (-1: none), or -2: read it from the attributes. */
  private styleStart = -1;
  private styleEnd = -1;
  /** What usualAttributes found, until the cell is known to be whole. */
  private usualColumn = 0;
  private usualType: string | undefined;

  /** Starts on a row element's XML; next() gives its first cell. */
  row(xml: string): this {
    this.xml = xml;
    const start = tagEnd(xml, 0);
    this.at = xml.charCodeAt(start - 2) === 47 ? xml.length : start;
    this.column = -1;
    return this;
  }

  /** Moves to the next cell; false after the last. */
  next(): boolean {
    const xml = this.xml;
    for (let lt = xml.indexOf('<', this.at); lt >= 0; lt = xml.indexOf('<', lt + 1)) {
      const name = cellNameEnd(xml, lt);
      if (name < 0) continue;
      let gt = this.usualAttributes(name);
      const usual = gt >= 0;
      if (!usual) gt = attrsEnd(xml, name);
      if (gt < 0) continue;
      let end: number;
      if (xml.charCodeAt(gt) === 47 /* / */) {
        this.innerStart = this.innerEnd = -1;
        end = gt + 2;
      } else {
        const close = cellClose(xml, gt + 1);
        if (close < 0) continue;
        this.innerStart = gt + 1;
        this.innerEnd = close;
        end = xml.indexOf('>', close) + 1;
      }
      this.start = lt;
      this.end = this.at = end;
      this.attrsStart = name;
      this.attrsEnd = gt;
      if (usual) {
        this.column = this.usualColumn;
        this.type = this.usualType;
      } else this.readAttributes();
      return true;
    }
    this.at = xml.length;
    return false;
  }

  /** The cell's attributes, as written (from the space after its name). */
  get attrs(): string {
    return this.xml.slice(this.attrsStart, this.attrsEnd);
  }

  /** Its content, or undefined for an empty element. */
  get inner(): string | undefined {
    return this.innerStart < 0 ? undefined : this.xml.slice(this.innerStart, this.innerEnd);
  }

  /** Its `s` attribute (trimmed), or undefined. */
  get style(): string | undefined {
    if (this.styleStart === -2) return USUAL_CELL.exec(this.attrs)?.[2] ?? attr(this.attrs, 's')?.trim();
    return this.styleStart < 0 ? undefined : this.xml.slice(this.styleStart, this.styleEnd);
  }

  /** Whether its content holds a value: a cached value, an inline string or a formula (HAS_VALUE, in place). */
  hasValue(): boolean {
    if (this.innerStart < 0) return false;
    VALUE_TAG.lastIndex = this.innerStart;
    return VALUE_TAG.test(this.xml) && VALUE_TAG.lastIndex <= this.innerEnd;
  }

  /** The cell as a RawCell object. */
  raw(): RawCell {
    return {
      column: this.column,
      xml: this.xml.slice(this.start, this.end),
      attrs: this.attrs,
      inner: this.inner,
      end: this.end,
      type: this.type,
      style: this.style,
    };
  }

  /**
   * The attributes as Excel writes them, read by hand: ` r="B2"`, then maybe ` s="3"`, then maybe ` t="s"` (one space
   * before each, capitals, double quotes), then `>` or `/>`. Where that `>` or `/` is, with the column, style and type
   * kept aside; -1 for any other form (then readAttributes).
   */
  private usualAttributes(from: number): number {
    const xml = this.xml;
    if (xml.charCodeAt(from) !== 32 || xml.charCodeAt(from + 1) !== 114 || xml.charCodeAt(from + 2) !== 61 || xml.charCodeAt(from + 3) !== 34) return -1;
    let i = from + 4;
    let column = 0;
    let c = xml.charCodeAt(i);
    for (; c >= 65 && c <= 90 && i < from + 7; c = xml.charCodeAt(++i)) column = column * 26 + c - 64;
    if (i === from + 4 || !isDigit(c)) return -1;
    while (isDigit(c)) c = xml.charCodeAt(++i);
    if (c !== 34) return -1;
    c = xml.charCodeAt(++i);
    this.styleStart = this.styleEnd = -1;
    if (c === 32 && xml.charCodeAt(i + 1) === 115 && xml.charCodeAt(i + 2) === 61 && xml.charCodeAt(i + 3) === 34) {
      const digits = (i += 4);
      for (c = xml.charCodeAt(i); isDigit(c); c = xml.charCodeAt(++i));
      if (i === digits || c !== 34) return -1;
      this.styleStart = digits;
      this.styleEnd = i;
      c = xml.charCodeAt(++i);
    }
    this.usualType = undefined;
    if (c === 32 && xml.charCodeAt(i + 1) === 116 && xml.charCodeAt(i + 2) === 61 && xml.charCodeAt(i + 3) === 34) {
      const word = (i += 4);
      for (c = xml.charCodeAt(i); isWordChar(c); c = xml.charCodeAt(++i));
      if (i === word || c !== 34) return -1;
      this.usualType = cellType(xml, word, i);
      c = xml.charCodeAt(++i);
    }
    this.usualColumn = column - 1;
    if (c === 62) return i;
    return c === 47 && xml.charCodeAt(i + 1) === 62 ? i : -1;
  }

  /** Column and type from the attributes read in full (style when asked): as the pattern USUAL_CELL, else by name. */
  private readAttributes(): void {
    const attrs = this.attrs;
    this.styleStart = -2;
    const usual = USUAL_CELL.exec(attrs);
    const letters = usual ? usual[1] : refColumn(attr(attrs, 'r'));
    this.column = letters ? columnIndexOf(letters) : this.column + 1;
    this.type = usual ? usual[3] : attr(attrs, 't')?.trim();
  }
}

/** A cell's attributes in the usual form, matched whole: `r="B2"`, then maybe `s="3"`, then maybe `t="s"`. */
const USUAL_CELL = /^\s+r="([A-Za-z]{1,3})\d+"(?:\s+s="(\d+)")?(?:\s+t="(\w+)")?\s*$/;

/**
 * Where the prefix of a name that starts at `from` ends (after its colon: `x:` of `x:c`), or -1 when it has none.
 * PREFIX's name characters run to the first colon; a pattern that does not fit with the prefix is tried without.
 */
function prefixEnd(xml: string, from: number): number {
  let i = from;
  while (isNameChar(xml.charCodeAt(i))) i++;
  return i > from && xml.charCodeAt(i) === 58 /* : */ ? i + 1 : -1;
}

/** After `<` at `lt`: the end of a cell element's name (`c`, `x:c`) if a start tag of one begins there, else -1. */
function cellNameEnd(xml: string, lt: number): number {
  const p = prefixEnd(xml, lt + 1);
  if (p >= 0 && xml.charCodeAt(p) === 99 /* c */ && isNameEnd(xml.charCodeAt(p + 1))) return p + 1;
  return xml.charCodeAt(lt + 1) === 99 && isNameEnd(xml.charCodeAt(lt + 2)) ? lt + 2 : -1;
}

/** What may follow an element's name in its start tag (`(?=[\s/>])`). */
function isNameEnd(c: number): boolean {
  return isSpace(c) || c === 47 || c === 62; // white space, `/`, `>`
}

/** Whether a cell's end tag closes after its name at `from` (white space, then `>`). */
function endTagCloses(xml: string, from: number): boolean {
  let j = from;
  while (isSpace(xml.charCodeAt(j))) j++;
  return xml.charCodeAt(j) === 62;
}

/**
 * From a cell's name: where its attributes end, at the `/` of `/>` or the `>` (quotes respected, the first such
 * place), or -1 when a quote is not closed or the text ends first.
 */
function attrsEnd(xml: string, from: number): number {
  for (let i = from; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    if (c === 62 /* > */) return i;
    if (c === 47 /* / */ && xml.charCodeAt(i + 1) === 62) return i;
    if (c === 34 /* " */ || c === 39 /* ' */) {
      const close = xml.indexOf(c === 34 ? '"' : "'", i + 1);
      if (close < 0) return -1;
      i = close;
    }
  }
  return -1;
}

/** The first end tag of a cell (`</c>`, `</x:c >`) from `from`: where it starts, or -1. */
function cellClose(xml: string, from: number): number {
  for (let lt = xml.indexOf('</', from); lt >= 0; lt = xml.indexOf('</', lt + 2)) {
    const p = prefixEnd(xml, lt + 2);
    if (p >= 0 && xml.charCodeAt(p) === 99 /* c */ && endTagCloses(xml, p + 1)) return lt;
    if (xml.charCodeAt(lt + 2) === 99 && endTagCloses(xml, lt + 3)) return lt;
  }
  return -1;
}

/** A cell's type as a constant where it is one character (V8 keeps those) or one of Excel's longer ones. */
function cellType(xml: string, from: number, to: number): string {
  if (to - from === 1) return xml[from];
  if (to - from === 9 && xml.startsWith('inlineStr', from)) return 'inlineStr';
  if (to - from === 3 && xml.startsWith('str', from)) return 'str';
  return xml.slice(from, to);
}

/** A character of a prefix as PREFIX (xml.ts) takes it: `[\w.\u0080-\uFFFF-]`. */
function isNameChar(c: number): boolean {
  return isWordChar(c) || c === 46 || c === 45 || c >= 0x80;
}

/** `\w`. */
function isWordChar(c: number): boolean {
  return isLetter(c) || isDigit(c) || c === 95;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** `\s` of a regular expression (the sheet's byte text has U+00A0 where a UTF-8 sequence has byte A0). */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/**
 * An element that holds a value (a cached value, an inline string or a formula): a row without one is empty, and
 * so is a cell.
 */
export const HAS_VALUE = new RegExp(`<${PREFIX}(?:v|is|f)[\\s>/]`);

/** HAS_VALUE, searched in place from a cell's content (lastIndex). */
const VALUE_TAG = new RegExp(HAS_VALUE.source, 'g');

/**
 * Where the last cell element of a row (`<c`, or `<x:c` with the row's prefix `p`; not `<col` or `<color`) that starts
 * before `at` starts; -1 when none.
 */
export function lastCellStart(xml: string, p: string, at = xml.length): number {
  const open = `<${p}c`;
  let i = xml.lastIndexOf(open, at - 1);
  while (i >= 0 && !/[\s/>]/.test(xml[i + open.length] ?? '')) i = i > 0 ? xml.lastIndexOf(open, i - 1) : -1;
  return i;
}

/** A cell's cached value in plain XML (text only: a `<` cannot be in it). */
const CACHED = new RegExp(`<${PREFIX}v(?:\\s${ATTRS})?>([^<]*)</${PREFIX}v\\s*>`);

/**
 * A cell's cached value as written (CACHED's group): most cells hold `<v>…</v>` and nothing else, read without a
 * match (a rerun reads 15 cells a row twice); any other content through CACHED.
 */
export function cachedText(inner: string): string | undefined {
  if (inner.startsWith('<v>')) {
    const lt = inner.indexOf('<', 3);
    if (lt >= 0 && inner.startsWith('</v>', lt)) return inner.slice(3, lt);
  }
  return CACHED.exec(inner)?.[1];
}

/**
 * The 0-based column of the cell element that starts at `start` in `xml` and ends by `end` (from its `r`), or
 * undefined: `<c r="AB12"` read by hand (the writer looks at the last cells of every row), any other form by
 * cellLetters.
 */
export function cellColumnAt(xml: string, start: number, end = xml.length): number | undefined {
  if (xml.startsWith('<c r="', start)) {
    let i = start + 6;
    let column = 0;
    let c = xml.charCodeAt(i);
    for (; c >= 65 && c <= 90 && i < start + 9; c = xml.charCodeAt(++i)) column = column * 26 + c - 64;
    if (i > start + 6) {
      while (isDigit(c)) c = xml.charCodeAt(++i);
      if (c === 34 && i < end) return column - 1;
    }
  }
  const letters = cellLetters(xml.slice(start, end));
  return letters === undefined ? undefined : columnIndexOf(letters);
}

/** The column letters of the cell whose start tag begins `cell` (from its `r`), or undefined. */
export function cellLetters(cell: string): string | undefined {
  const first = FIRST_R.exec(cell);
  if (first) return refColumn(first[1] ?? first[2]);
  const end = tagEnd(cell, 0);
  return end < 0 ? undefined : refColumn(attr(cell.slice(0, end), 'r'));
}

/** The column letters of a cell reference ("AB12" → "AB"), or undefined. */
export function refColumn(ref: string | undefined): string | undefined {
  return ref === undefined ? undefined : /^\s*\$?([A-Za-z]{1,3})\$?\d*\s*$/.exec(ref)?.[1];
}

/** The cells of a row element in plain form (see sheetPieces), with their 0-based columns (implicit columns counted on). */
export function rowCells(rowXml: string): RawCell[] {
  const out: RawCell[] = [];
  for (const scan = new CellScan().row(rowXml); scan.next();) out.push(scan.raw());
  return out;
}

/** "B3" → { row: 2, column: 1 }. */
export function parseRef(ref: string): { row: number; column: number } | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref.trim());
  return m ? { row: Number(m[2]) - 1, column: columnIndexOf(m[1]) } : undefined;
}

/**
 * Columns the user hid, from the `<col>` elements in a sheet part's head (0-based, inclusive ranges). A column
 * is hidden by `hidden="1"` (ECMA-376 Part 1, §18.3.1.13 col); a width of 0 shows nothing either.
 */
export function hiddenColumnRanges(head: string, part: string): Array<{ first: number; last: number }> {
  const out: Array<{ first: number; last: number }> = [];
  const worksheet = parseXml(head, part, { fragment: true }).root.children.find((e) => e.local === 'worksheet');
  for (const col of childrenNamed(child(worksheet, 'cols'), 'col')) {
    const hidden = attr(col.tag, 'hidden');
    const width = attr(col.tag, 'width');
    if (hidden !== '1' && hidden !== 'true' && !(width !== undefined && Number(width) === 0)) continue;
    const min = Number(attr(col.tag, 'min'));
    const max = Number(attr(col.tag, 'max') ?? min);
    if (Number.isInteger(min) && Number.isInteger(max) && min >= 1 && max >= min) out.push({ first: min - 1, last: max - 1 });
  }
  return out;
}
