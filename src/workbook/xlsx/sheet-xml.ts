/**
 * A worksheet part as a stream of pieces: the head up to and including `<sheetData>`, each `<row>` element as
 * its own string, what lies between rows, and the tail after `</sheetData>`. The part itself is never one
 * string, so sheets beyond V8's string limit (~512 MB) work; a row is small.
 */
import { attr, refuseDoctype, XmlError } from './xml';

export type SheetPiece =
  | { kind: 'head'; text: string; prefix: string; empty: boolean }
  | { kind: 'row'; xml: string; index: number }
  | { kind: 'other'; text: string }
  | { kind: 'tail'; text: string };

const MAX_HEAD = 64 * 1024 * 1024;

export async function* sheetPieces(chunks: AsyncIterable<string>, part: string): AsyncGenerator<SheetPiece> {
  let buf = '';
  let pos = 0;
  let state: 'head' | 'rows' | 'tail' = 'head';
  let rowOpen = '<row';
  let rowClose = '</row>';
  let dataClose = '</sheetData';
  let last = -1;
  let tail = '';
  for await (const chunk of chunks) {
    buf = pos ? buf.slice(pos) + chunk : buf + chunk;
    pos = 0;
    if (state === 'head') {
      const m = /<(\w+:)?sheetData\b[^>]*>/.exec(buf);
      if (!m) {
        if (buf.length > MAX_HEAD) throw new XmlError(`${part}: geen <sheetData> gevonden`);
        continue;
      }
      refuseDoctype(buf.slice(0, m.index), part);
      const prefix = m[1] ?? '';
      const empty = m[0].endsWith('/>');
      rowOpen = `<${prefix}row`;
      rowClose = `</${prefix}row>`;
      dataClose = `</${prefix}sheetData`;
      yield { kind: 'head', text: buf.slice(0, m.index + m[0].length), prefix, empty };
      pos = m.index + m[0].length;
      state = empty ? 'tail' : 'rows';
    }
    if (state === 'rows') {
      for (;;) {
        const lt = buf.indexOf('<', pos);
        if (lt < 0) {
          if (pos < buf.length) yield { kind: 'other', text: buf.slice(pos) };
          pos = buf.length;
          break;
        }
        if (lt > pos) {
          yield { kind: 'other', text: buf.slice(pos, lt) };
          pos = lt;
        }
        if (buf.length - lt < dataClose.length + 1) break; // too short to tell what starts here
        if (buf.startsWith(rowOpen, lt) && /[\s>/]/.test(buf[lt + rowOpen.length])) {
          const gt = buf.indexOf('>', lt);
          if (gt < 0) break;
          let end: number;
          if (buf[gt - 1] === '/') end = gt + 1;
          else {
            const close = buf.indexOf(rowClose, gt);
            if (close < 0) break;
            end = close + rowClose.length;
          }
          const r = /\sr\s*=\s*["'](\d+)["']/.exec(buf.slice(lt, gt));
          last = r ? Number(r[1]) - 1 : last + 1;
          yield { kind: 'row', xml: buf.slice(lt, end), index: last };
          pos = end;
        } else if (buf.startsWith(dataClose, lt)) {
          state = 'tail';
          break;
        } else if (buf.startsWith('<!--', lt)) {
          const end = buf.indexOf('-->', lt);
          if (end < 0) break;
          yield { kind: 'other', text: buf.slice(lt, end + 3) };
          pos = end + 3;
        } else {
          const gt = buf.indexOf('>', lt);
          if (gt < 0) break;
          yield { kind: 'other', text: buf.slice(lt, gt + 1) };
          pos = gt + 1;
        }
      }
    }
    if (state === 'tail') {
      tail += buf.slice(pos);
      pos = buf.length;
      if (tail.length > MAX_HEAD) throw new XmlError(`${part}: het deel na de celgegevens is te groot`);
    }
  }
  if (state === 'head') throw new XmlError(`${part}: geen <sheetData> gevonden`);
  if (state === 'rows') throw new XmlError(`${part}: onvolledig (</sheetData> ontbreekt)`);
  yield { kind: 'tail', text: tail };
}

export interface RawCell {
  column: number;
  /** The whole `<c>` element. */
  xml: string;
  attrs: string;
  inner: string | undefined;
}

const CELL = /<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g;

/** The cells of a row element, with their 0-based columns (implicit columns counted on). */
export function rowCells(rowXml: string): RawCell[] {
  const out: RawCell[] = [];
  const start = rowXml.indexOf('>');
  if (rowXml[start - 1] === '/') return out;
  CELL.lastIndex = start + 1;
  let column = -1;
  for (let m; (m = CELL.exec(rowXml));) {
    const r = /\sr\s*=\s*["']([A-Za-z]+)\d*["']/.exec(m[1]);
    column = r ? columnIndex(r[1]) : column + 1;
    out.push({ column, xml: m[0], attrs: m[1], inner: m[2] });
  }
  return out;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + ((letters.charCodeAt(i) | 32) - 96);
  return n - 1;
}

/** "B3" → { row: 2, column: 1 }. */
export function parseRef(ref: string): { row: number; column: number } | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref.trim());
  return m ? { row: Number(m[2]) - 1, column: columnIndex(m[1]) } : undefined;
}

/**
 * Columns the user hid, from the `<col>` elements in a sheet part's head (0-based, inclusive ranges). A column
 * is hidden by `hidden="1"` (ECMA-376 Part 1, §18.3.1.13 col); a width of 0 shows nothing either.
 */
export function hiddenColumnRanges(head: string): Array<{ first: number; last: number }> {
  const out: Array<{ first: number; last: number }> = [];
  for (const m of head.matchAll(/<(?:\w+:)?col\b([^>]*)>/g)) {
    const hidden = attr(m[1], 'hidden');
    const width = attr(m[1], 'width');
    if (hidden !== '1' && hidden !== 'true' && !(width !== undefined && Number(width) === 0)) continue;
    const min = Number(attr(m[1], 'min'));
    const max = Number(attr(m[1], 'max') ?? min);
    if (Number.isInteger(min) && Number.isInteger(max) && min >= 1 && max >= min) out.push({ first: min - 1, last: max - 1 });
  }
  return out;
}
