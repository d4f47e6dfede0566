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
  prefixOf,
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
const FIRST_R = /^<[\w.:-]+\s+r\s*=\s*(?:"([^"]*)"|'([^']*)')/;
/** A cell's attributes in the usual form, matched whole: `r="B2"`, then maybe `s="3"`, then maybe `t="s"`. */
const USUAL_CELL = /^\s+r="([A-Za-z]{1,3})\d+"(?:\s+s="(\d+)")?(?:\s+t="(\w+)")?\s*$/;

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
    /** Where the next `<!` (comment, CDATA) and `<?` (PI) are in `buf`, searched again only once passed. */
    let bang = 0;
    let query = 0;
    let dataClose = '</sheetData';
    let last = -1;
    let tail = '';
    for await (const chunk of chunks) {
      buf = pos ? buf.slice(pos) + chunk : buf + chunk;
      pos = 0;
      bang = query = 0; // positions in the new buffer: search again
      if (state === 'head') {
        const t = findSheetData(buf, head);
        if (!t) {
          if (buf.length > MAX_HEAD) throw new XmlError('geen <sheetData> gevonden');
          continue;
        }
        const prefix = prefixOf(t.name);
        const empty = t.kind === 'empty';
        rowOpen = `<${prefix}row`;
        rowClose = `</${prefix}row>`;
        dataClose = `</${prefix}sheetData`;
        put({ kind: 'head', text: buf.slice(0, t.end), prefix, empty });
        pos = t.end;
        state = empty ? 'tail' : 'rows';
      }
      if (state === 'rows') {
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
          if (buf.startsWith(rowOpen, lt) && /[\s>/]/.test(buf[lt + rowOpen.length])) {
            const gt = tagEnd(buf, lt);
            if (gt < 0) break;
            let end = gt;
            let plain = true;
            if (buf.charCodeAt(gt - 2) !== 47 /* / */) {
              const close = buf.indexOf(rowClose, gt);
              // one search when nothing before the end tag needs tokens: no comment, PI or CDATA, no other row tag
              if (bang >= 0 && bang < gt) bang = buf.indexOf('<!', gt);
              if (query >= 0 && query < gt) query = buf.indexOf('<?', gt);
              const next = close < 0 ? -1 : buf.indexOf(rowOpen, gt);
              if (close >= 0 && (bang < 0 || bang > close) && (query < 0 || query > close) && (next < 0 || next > close)) end = close + rowClose.length;
              else {
                end = elementEnd(buf, { kind: 'start', start: lt, end: gt, name: rowOpen.slice(1) });
                if (end < 0) break;
                plain = isPlain(buf.slice(lt, end));
              }
            }
            const rowTag = buf.slice(lt, gt);
            const first = FIRST_R.exec(rowTag);
            const r = first ? (first[1] ?? first[2]) : attr(rowTag, 'r');
            last = r !== undefined && /^\s*\d+\s*$/.test(r) ? Number(r) - 1 : last + 1;
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
      }
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

/** A cell element in plain XML (quotes respected: a `>` in an attribute value does not end the tag). */
const CELL = new RegExp(`<(?:[\\w.-]+:)?c(?=[\\s/>])(${ATTRS}?)(?:/>|>([\\s\\S]*?)</(?:[\\w.-]+:)?c\\s*>)`, 'g');

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
