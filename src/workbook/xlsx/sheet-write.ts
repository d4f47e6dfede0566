/**
 * Writing Tariefwijzer's cells into a worksheet part as it streams past (rows copied, our cells put in column
 * order), and Tariefwijzer's own sheets as whole parts.
 */
import type { CellValue } from '../../domain/parse';
import { BlockRows, blockRowCount, blockValues, columnIndexOf, columnName, highlightFormula, listSource, type OutputBlock, type OutputValue } from '../port';
import type { NotesPart } from './notes';
import { cellColumnAt, lastCellStart, rowCells, type SheetPiece } from './sheet-xml';
import type { Styles } from './styles';
import {
  attr,
  childrenNamed,
  descendants,
  escapeCellText,
  fromByteText,
  parseXml,
  QNAME,
  removeAttr,
  setAttr,
  splice,
  tagEnd,
  textOf,
  toByteText,
  XmlError,
  type XmlElement,
} from './xml';
import { conform } from './conformance';
import { DeflatedPart } from './zip';
import { cellParts, cellXml } from './xml-text';

export { cellXml };

export interface PendingBlock {
  block: OutputBlock;
  headerStyle: number;
  styleOf(v: OutputValue, column: number): number | undefined;
}

/** Widths of the output columns the first time they are written (characters). */
const WIDTHS = [14, 14, 60, 80];

/**
 * Our cells of each row, as XML in byte text (the form the worksheet part is read and written in, see
 * byteTextChunks). Rows of a big block share their value arrays (equal rows, equal output: see annotate), so each
 * array met more than once is turned into XML once, as a template that only needs the row number: the texts (often
 * 300 characters of explanation) are escaped and encoded once, not once per row.
 */
export class BlockCells {
  private readonly letters: string[];
  private readonly refPattern: RegExp;
  // weak: the rows of a window the writer has passed (see BlockRows) may go
  private readonly templates = new WeakMap<readonly OutputValue[], Template>();
  private readonly seen = new WeakSet<readonly OutputValue[]>();
  private readonly texts: TextCells[];
  /** The cells' prefix as text: a cell is made as text and then turned into byte text as a whole. */
  private readonly q: string;

  constructor(
    readonly pending: PendingBlock,
    /** The sheet's prefix (`x:`, or ''), in byte text as the sheet is read. */
    p: string,
    readonly rows = new BlockRows(pending.block),
  ) {
    this.q = fromByteText(p);
    this.letters = pending.block.headers.map((_, i) => columnName(pending.block.firstColumn + i));
    this.texts = pending.block.headers.map(() => new TextCells());
    this.refPattern = new RegExp(`\\sr\\s*=\\s*["'](?:${this.letters.join('|')})\\d`);
  }

  private template(values: readonly OutputValue[]): Template {
    let t = this.templates.get(values);
    if (t) return t;
    // kept only for an array met a second time: rows with values of their own (herschik's omzet) would otherwise
    // hold the whole output's XML
    const keep = this.seen.has(values);
    if (!keep) this.seen.add(values);
    t = { columns: [], cells: [], joined: [''] };
    values.forEach((v, i) => {
      const parts = typeof v === 'string' ? this.texts[i].get(v, () => this.parts(v, i)) : this.parts(v, i);
      if (!parts) return;
      t.columns.push(this.pending.block.firstColumn + i);
      t.cells.push(parts);
      t.joined[t.joined.length - 1] += parts[0];
      t.joined.push(parts[1]);
    });
    if (keep) this.templates.set(values, t);
    return t;
  }

  private parts(v: OutputValue, i: number): [string, string] | undefined {
    const parts = cellParts(this.letters[i], v, this.pending.styleOf(v, i), this.q);
    return parts && [toByteText(parts[0]), toByteText(parts[1])];
  }

  /** Our cells of sheet row `r` (0-based) in column order, each as XML; [] when the block has none there. */
  cells(r: number): Array<{ column: number; xml: string }> {
    const { block } = this.pending;
    if (r === block.headerRow) {
      const out: Array<{ column: number; xml: string }> = [];
      block.headers.forEach((h, i) => {
        const xml = toByteText(cellXml(`${this.letters[i]}${r + 1}`, h, this.pending.headerStyle, this.q));
        if (xml) out.push({ column: block.firstColumn + i, xml });
      });
      return out;
    }
    const values = this.rows.get(r - block.headerRow - 1);
    if (!values) return [];
    const t = this.template(values);
    const row = String(r + 1);
    return t.columns.map((column, i) => ({ column, xml: t.cells[i][0] + row + t.cells[i][1] }));
  }

  /** Our cells of sheet row `r` as one string, in column order ('' when none). */
  xml(r: number): string {
    const { block } = this.pending;
    if (r === block.headerRow)
      return this.cells(r)
        .map((c) => c.xml)
        .join('');
    const values = this.rows.get(r - block.headerRow - 1);
    return values ? this.template(values).joined.join(String(r + 1)) : '';
  }

  /** Whether a row's XML has a cell in one of the block's columns (cells out of column order); one scan. */
  referencedIn(xml: string): boolean {
    return this.refPattern.test(xml);
  }

  get firstColumn(): number {
    return this.pending.block.firstColumn;
  }

  get lastColumn(): number {
    return this.pending.block.firstColumn + this.pending.block.headers.length - 1;
  }
}

/**
 * A column's text cells as XML, by their text: rows whose value arrays differ (a record of their own beside a shared
 * explanation) still escape a text met before only once. A column whose texts seldom repeat (the record itself)
 * stops being kept after a first stretch, so unique texts cost one look-up each, not a map of them all.
 */
class TextCells {
  private readonly known = new Map<string, [string, string] | undefined>();
  private looked = 0;
  private hits = 0;

  get(text: string, make: () => [string, string] | undefined): [string, string] | undefined {
    if (this.looked < 0) return make();
    const hit = this.known.get(text);
    if (hit !== undefined || this.known.has(text)) {
      this.hits++;
      return hit;
    }
    const parts = make();
    if (++this.looked === TEXT_TRIAL && this.hits < TEXT_TRIAL / 4) {
      this.looked = -1; // seldom repeated: not worth keeping
      this.known.clear();
    } else {
      if (this.known.size >= TEXT_KEPT) this.known.clear();
      this.known.set(text, parts);
    }
    return parts;
  }
}

/** TextCells: texts looked up before a column is judged, and the most it keeps at a time. */
const TEXT_TRIAL = 2_048;
const TEXT_KEPT = 4_096;

/** A row's cells without their row number: `joined.join("12")` is all of them for row 12. */
interface Template {
  columns: number[];
  cells: Array<[string, string]>;
  joined: string[];
}

export function blockRowXml(cells: BlockCells, r: number, p: string): string {
  const xml = cells.xml(r);
  return xml ? `<${p}row r="${r + 1}">${xml}</${p}row>` : '';
}

/**
 * A row of the block with our cells in it; `xml` is the row in plain form (see sheetPieces). Our earlier cells
 * go, ours go in before the first cell right of the block (or after the last cell), and everything else stays as
 * written, white space between cells included: so a run on its own output writes the same bytes. The two usual rows
 * (every cell left of the block; or, on a rerun, the earlier block at the end) are cut, not split into cells: the
 * same bytes as mergeRowSpliced, which takes any row.
 */
export function mergeRow(xml: string, r: number, cells: BlockCells, p: string): string {
  const { open, gt, selfClosing } = rowOpen(xml, r);
  if (selfClosing) return `${open}>${cells.xml(r)}</${p}row>`;
  const close = xml.lastIndexOf('</');
  if (!xml.includes('extLst')) {
    const lastCell = lastCellStart(xml, p, close);
    const column = lastCell < 0 ? undefined : cellColumnAt(xml, lastCell, close);
    if (!cells.referencedIn(xml)) {
      if (lastCell < 0 ? !xml.slice(gt, close).trim() : column !== undefined && column < cells.firstColumn)
        return `${open}>${xml.slice(gt, close)}${cells.xml(r)}${xml.slice(close)}`;
    } else if (column !== undefined && column >= cells.firstColumn && column <= cells.lastColumn) {
      const cut = trailingBlock(xml, gt, lastCell, close, cells, p);
      if (cut >= 0) return `${open}>${xml.slice(gt, cut)}${cells.xml(r)}${xml.slice(close)}`;
    }
  }
  return mergeRowSpliced(xml, r, cells, p);
}

/** A cell's start tag's name, prefix included (see QNAME). */
const CELL_NAME = new RegExp(`^<${QNAME}`);

/** mergeRow for any row: its cells read one by one, ours put in and the earlier ones taken out by position. */
export function mergeRowSpliced(xml: string, r: number, cells: BlockCells, p: string): string {
  const { open, gt, selfClosing } = rowOpen(xml, r);
  if (selfClosing) return `${open}>${cells.xml(r)}</${p}row>`;
  const [first, last] = [cells.firstColumn, cells.lastColumn];
  const all = rowCells(xml);
  const edits: Array<{ from: number; to: number; insert: string }> = [];
  const right = all.find((c) => c.column > last);
  const lastLeft = all.filter((c) => c.column < first).pop();
  const at = right ? right.end - right.xml.length : xml.indexOf('<', lastLeft ? lastLeft.end : gt);
  edits.push({ from: at, to: at, insert: cells.xml(r) });
  for (const c of all) {
    const start = c.end - c.xml.length;
    if (c.column >= first && c.column <= last) edits.push({ from: start, to: c.end, insert: '' });
    // a cell after ours without a reference would move: it gets its own
    else if (c.column > last && attr(c.attrs, 'r') === undefined) {
      const name = CELL_NAME.exec(c.xml)![0];
      edits.push({ from: start, to: start + name.length, insert: `${name} r="${columnName(c.column)}${r + 1}"` });
    }
  }
  return open + splice(xml, edits).slice(gt - 1);
}

/** A row's start tag as written again: without `spans` (our cells may widen the row), with its `r`. */
function rowOpen(xml: string, r: number): { open: string; gt: number; selfClosing: boolean } {
  const gt = tagEnd(xml, 0);
  const selfClosing = xml.charCodeAt(gt - 2) === 47;
  let open = xml.slice(0, selfClosing ? gt - 2 : gt - 1);
  if (open.includes('spans')) open = removeAttr(open, 'spans');
  if (attr(open, 'r') === undefined) open += ` r="${r + 1}"`;
  return { open, gt, selfClosing };
}

/**
 * Where a row's earlier block starts when the row ends in it (a rerun): the cells from there to the row's end tag are
 * all in the block's columns, each with its reference, one right after the other, and the cell before them (if any)
 * is left of the block. -1 when the row is not so (then mergeRowSpliced).
 */
function trailingBlock(xml: string, gt: number, lastCell: number, close: number, cells: BlockCells, p: string): number {
  let [start, end] = [lastCell, close];
  for (;;) {
    // nothing but the cell between its start and the next: no white space after it
    if (xml.charCodeAt(end - 1) !== 62 /* > */) return -1;
    const before = lastCellStart(xml, p, start);
    if (before < 0) return xml.slice(gt, start).trim() ? -1 : start;
    const column = cellColumnAt(xml, before, start);
    if (column === undefined) return -1;
    if (column < cells.firstColumn) return start;
    if (column > cells.lastColumn) return -1;
    [start, end] = [before, start];
  }
}

function blockExtent(block: OutputBlock): { r0: number; r1: number; c0: number; c1: number } {
  return { r0: block.headerRow, r1: block.headerRow + blockRowCount(block), c0: block.firstColumn, c1: block.firstColumn + block.headers.length - 1 };
}

function parseRange(ref: string): { r0: number; r1: number; c0: number; c1: number } | undefined {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/i.exec(ref.trim());
  if (!m) return undefined;
  return { c0: columnIndexOf(m[1]), r0: Number(m[2]) - 1, c1: columnIndexOf(m[3] ?? m[1]), r1: Number(m[4] ?? m[2]) - 1 };
}

const rangeRef = (x: { r0: number; r1: number; c0: number; c1: number }) => `${columnName(x.c0)}${x.r0 + 1}:${columnName(x.c1)}${x.r1 + 1}`;

/** The top-level children of <worksheet> in a head or tail fragment of the part, and that element's text. */
function worksheetChildren(text: string, part: string, isHead: boolean): { children: XmlElement[]; close: number } {
  const doc = parseXml(text, part, { fragment: true });
  if (isHead) {
    const ws = doc.root.children.find((e) => e.local === 'worksheet');
    if (!ws) throw new XmlError('geen <worksheet> gevonden', part);
    return { children: ws.children, close: -1 };
  }
  // the tail starts with </sheetData> and ends with </worksheet>: both close elements opened before it
  const close = doc.outerCloses.find((t) => t.name.endsWith('worksheet'));
  return { children: doc.root.children, close: close ? close.start : text.length };
}

/** The head: <dimension> grown to cover the block, widths for output columns that have none, the block's hidden columns hidden. */
function updateHead(head: string, block: OutputBlock, p: string, part: string): string {
  const b = blockExtent(block);
  const { children } = worksheetChildren(head, part, true);
  const edits: Array<{ from: number; to: number; insert: string }> = [];
  const dimension = children.find((e) => e.local === 'dimension');
  const ref = dimension && attr(dimension.tag, 'ref');
  const d = ref ? parseRange(ref) : undefined;
  if (dimension && d) {
    const u = { r0: Math.min(d.r0, b.r0), r1: Math.max(d.r1, b.r1), c0: Math.min(d.c0, b.c0), c1: Math.max(d.c1, b.c1) };
    edits.push({ from: dimension.start, to: dimension.end, insert: `<${dimension.name} ref="${rangeRef(u)}"/>` });
  }
  const cols = children.find((e) => e.local === 'cols');
  const found = childrenNamed(cols, 'col');
  const existing = found.map((c) => head.slice(c.start, c.end));
  const covered = (c: number) => existing.some((x) => Number(attr(x, 'min')) <= c + 1 && Number(attr(x, 'max')) >= c + 1);
  const added: string[] = [];
  let split = false;
  block.headers.forEach((_, i) => {
    const c = block.firstColumn + i;
    const hide = block.hiddenColumns?.includes(i) ?? false;
    if (!covered(c)) added.push(`<${p}col min="${c + 1}" max="${c + 1}" width="${WIDTHS[i] ?? 14}"${hide ? ' hidden="1"' : ''} customWidth="1"/>`);
    else if (hide) split = hideColumn(existing, c) || split;
  });
  if (added.length || split) {
    const all = [...existing, ...added].sort((x, y) => Number(attr(x, 'min')) - Number(attr(y, 'min')));
    if (cols) edits.push({ from: cols.start, to: cols.end, insert: `<${cols.name}>${all.join('')}</${cols.name}>` });
    else {
      const data = children.find((e) => e.local === 'sheetData')!;
      edits.push({ from: data.start, to: data.start, insert: `<${p}cols>${all.join('')}</${p}cols>` });
    }
  }
  return splice(head, edits);
}

/**
 * Hide sheet column `c` (0-based) in the `<col>` elements that cover it: one that covers more columns is split
 * around it, each part keeping its attributes; false when it was hidden already (hidden="1", or a width of 0 as
 * hiddenColumnRanges reads it). ECMA-376 Part 1, §18.3.1.13 col: min and max are 1-based and inclusive.
 */
function hideColumn(existing: string[], c: number): boolean {
  const n = c + 1;
  const i = existing.findIndex((x) => Number(attr(x, 'min')) <= n && Number(attr(x, 'max')) >= n);
  const x = existing[i];
  const hidden = attr(x, 'hidden');
  if (hidden === '1' || hidden === 'true' || Number(attr(x, 'width')) === 0) return false;
  const tag = x.slice(0, tagEnd(x, 0));
  const rest = x.slice(tag.length);
  const range = (min: number, max: number, t = tag) => setAttr(setAttr(t, 'min', String(min)), 'max', String(max)) + rest;
  const [min, max] = [Number(attr(x, 'min')), Number(attr(x, 'max'))];
  const parts = [range(n, n, setAttr(tag, 'hidden', '1'))];
  if (min < n) parts.unshift(range(min, n - 1));
  if (max > n) parts.push(range(n + 1, max));
  existing.splice(i, 1, ...parts);
  return true;
}

/** Children of <worksheet> after conditionalFormatting, in schema order (ECMA-376 Part 1, 18.3.1.99). */
const AFTER_CF = [
  'dataValidations',
  'hyperlinks',
  'printOptions',
  'pageMargins',
  'pageSetup',
  'headerFooter',
  'rowBreaks',
  'colBreaks',
  'customProperties',
  'cellWatches',
  'ignoredErrors',
  'smartTags',
  'drawing',
  'legacyDrawing',
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
];
const AFTER_LEGACY = ['legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst'];

/** `tail` with `element` inserted as a top-level child of <worksheet>, before the first of `followers` (schema order). */
function insertTopLevel(tail: string, part: string, element: string, followers: readonly string[]): string {
  const { children, close } = worksheetChildren(tail, part, false);
  const next = children.find((e) => followers.includes(e.local));
  const at = next ? next.start : close;
  return tail.slice(0, at) + element + tail.slice(at);
}

const OUR_RULE = /ISNUMBER\(FIND\("\[/;

/**
 * The tail: our earlier highlight rules on this block out, the current ones in; notes' legacy drawing. Only
 * <worksheet>'s own children count: a data bar's <x14:conditionalFormatting> inside <extLst> is the user's.
 */
function updateTail(tail: string, pending: PendingBlock, styles: Styles, notes: NotesPart | undefined, p: string, part: string): string {
  const { block } = pending;
  const start = new RegExp(`^${columnName(block.firstColumn)}\\d`);
  const doc = parseXml(tail, part, { fragment: true });
  const ours = doc.root.children.filter(
    (e) =>
      e.local === 'conditionalFormatting' &&
      start.test(attr(e.tag, 'sqref') ?? '') &&
      childrenNamed(e, 'cfRule').some((rule) => OUR_RULE.test(textOf(doc, rule))),
  );
  tail = splice(
    tail,
    ours.map((e) => ({ from: e.start, to: e.end, insert: '' })),
  );
  if (block.highlights?.length && blockRowCount(block)) {
    // priorities are shared by every rule of the sheet, the 2010 ones in extLst included
    const rules = [...descendants(parseXml(tail, part, { fragment: true }).root)].filter((e) => e.local === 'cfRule');
    let priority = Math.max(0, ...rules.map((e) => Number(attr(e.tag, 'priority')) || 0));
    const b = blockExtent(block);
    // made as text, then turned into byte text as a whole: the prefix as text too
    const q = fromByteText(p);
    const xml = block.highlights
      .map(
        (h) =>
          `<${q}cfRule type="expression" dxfId="${styles.fill(h.color)}" priority="${++priority}"><${q}formula>${escapeCellText(highlightFormula(h, block))}</${q}formula></${q}cfRule>`,
      )
      .join('');
    const element = toByteText(`<${q}conditionalFormatting sqref="${rangeRef({ ...b, r0: b.r0 + 1 })}">${xml}</${q}conditionalFormatting>`);
    tail = insertTopLevel(tail, part, element, AFTER_CF);
  }
  tail = updateValidations(tail, block, p, part);
  if (notes) {
    const relId = notes.apply(blockExtent(block), block);
    if (relId && !worksheetChildren(tail, part, false).children.some((e) => e.local === 'legacyDrawing'))
      tail = insertTopLevel(tail, part, `<${p}legacyDrawing ${notes.relAttribute()}="${relId}"/>`, AFTER_LEGACY);
  }
  return tail;
}

/**
 * The block's list validations (ECMA-376 Part 1, 18.3.1.32 dataValidation, type "list" with the values as a quoted
 * formula1): ours on the block's columns out (the same list on the same column), the current ones in; the user's
 * rules in the same <dataValidations> stay as they are.
 */
function updateValidations(tail: string, block: OutputBlock, p: string, part: string): string {
  const lists = block.validations ?? [];
  const doc = parseXml(tail, part, { fragment: true });
  const container = doc.root.children.find((e) => e.local === 'dataValidations');
  if (!container && !lists.length) return tail;
  const ours = (e: XmlElement) =>
    lists.some(
      (v) =>
        [v.column, ...(v.moved ?? [])].some((c) => new RegExp(`^${columnName(block.firstColumn + c)}\\d`).test(attr(e.tag, 'sqref') ?? '')) &&
        childrenNamed(e, 'formula1').some((f) => textOf(doc, f) === toByteText(`"${listSource(v)}"`)),
    );
  const kept = childrenNamed(container, 'dataValidation')
    .filter((e) => !ours(e))
    .map((e) => tail.slice(e.start, e.end));
  const b = blockExtent(block);
  // made as text, then turned into byte text as a whole: the prefix as text too
  const q = fromByteText(p);
  const added = blockRowCount(block)
    ? lists.map((v) => {
        const c = block.firstColumn + v.column;
        const sqref = rangeRef({ ...b, r0: b.r0 + 1, c0: c, c1: c });
        return toByteText(
          `<${q}dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" sqref="${sqref}"><${q}formula1>${escapeCellText(`"${listSource(v)}"`)}</${q}formula1></${q}dataValidation>`,
        );
      })
    : [];
  const all = [...kept, ...added];
  if (!container)
    return all.length
      ? insertTopLevel(tail, part, `<${p}dataValidations count="${all.length}">${all.join('')}</${p}dataValidations>`, AFTER_CF.slice(1))
      : tail;
  const open = setAttr(container.tag.replace(/\/>$/, '>'), 'count', String(all.length));
  const element = all.length ? `${open}${all.join('')}</${container.name}>` : '';
  return tail.slice(0, container.start) + element + tail.slice(container.end);
}

/**
 * The worksheet part with the block written into it, streamed from `pieces` (byte text, see byteTextChunks) into a
 * deflated part; all it adds is byte text too.
 */
export async function rewriteSheet(
  pieces: AsyncIterable<SheetPiece[]>,
  pending: PendingBlock,
  styles: Styles,
  part: string,
  notes?: NotesPart,
): Promise<DeflatedPart> {
  const out = new DeflatedPart(undefined, 'latin1');
  const { block } = pending;
  const first = block.headerRow;
  const last = block.headerRow + blockRowCount(block);
  let next = first;
  let p = '';
  const rows = new BlockRows(block);
  let cells = new BlockCells(pending, p, rows);
  let closed = false;
  // the values of a row are pulled just before it is written (a RowSource makes them window by window)
  const pendingRowsBefore = async (r: number) => {
    while (next <= last && next < r) {
      await rows.load(next - first - 1);
      await out.write(blockRowXml(cells, next++, p));
    }
  };
  for await (const batch of pieces)
    for (const piece of batch) {
      if (piece.kind === 'head') {
        p = piece.prefix;
        cells = new BlockCells(pending, p, rows);
        const head = updateHead(piece.text, block, p, part);
        if (piece.empty) {
          await out.write(head.replace(/\s*\/>$/, '>'));
          await pendingRowsBefore(Infinity);
          await out.write(`</${p}sheetData>`);
          closed = true;
        } else await out.write(head);
      } else if (piece.kind === 'row') {
        // a row awaits only what it has to wait for (the next window of values, a full slab): an await per row is
        // a noticeable part of a 300,000-row run
        const r = piece.index;
        if (next <= last && next < r) await pendingRowsBefore(r);
        const ours = r >= first && r <= last;
        if (ours && !rows.has(r - first - 1)) await rows.load(r - first - 1);
        const waiting = out.write(ours ? mergeRow(piece.xml, r, cells, p) : piece.xml);
        if (waiting) await waiting;
        if (ours) next = Math.max(next, r + 1);
      } else if (piece.kind === 'other') await out.write(piece.text);
      else {
        if (!closed) await pendingRowsBefore(Infinity);
        await out.write(updateTail(piece.text, pending, styles, notes, p, part));
      }
    }
  return out.end();
}

/**
 * One of Tariefwijzer's own sheets, held in memory and written as a whole part at save. Held compactly (a row's
 * values as they came, styles only where a cell has one) and written row by row into the deflated part: the change
 * sheet lists up to 20,000 rows, and an object per cell or the part as one string was most of a rerun's peak. A
 * block given as a RowSource below everything else on the sheet (the change sheet's list of changed rows) is not
 * held at all: its rows are made as the part is written.
 */
export class OwnSheet {
  /** A block whose rows (a RowSource) start below every row held in `values`; made when the part is written. */
  private tail?: PendingBlock;
  /** Per row its values (a hole: no cell). */
  private readonly values: OutputValue[][] = [];
  /** Per row the style of each cell that has one (undefined: no cell of the row has one). */
  private readonly styleOf: Array<Array<number | undefined> | undefined> = [];
  private readonly widths = new Map<number, number>([
    [0, 28],
    [1, 40],
    [2, 60],
  ]);

  constructor(rows: OutputValue[][]) {
    rows.forEach((line, r) => line.forEach((v, c) => this.set(r, c, v)));
  }

  private set(r: number, c: number, v: OutputValue, s?: number): void {
    (this.values[r] ??= [])[c] = v;
    if (s !== undefined) (this.styleOf[r] ??= [])[c] = s;
    else if (this.styleOf[r]) this.styleOf[r][c] = undefined;
  }

  async apply(pending: PendingBlock): Promise<void> {
    // a block written after a streamed one may share its rows: the streamed one's rows are made first
    await this.settle();
    const { block } = pending;
    block.headers.forEach((h, i) => this.set(block.headerRow, block.firstColumn + i, h, pending.headerStyle));
    if (block.rows?.again && block.headerRow + 1 >= this.values.length) this.tail = pending;
    else this.setRows(pending, await blockValues(block));
    block.headers.forEach((_, i) => {
      const c = block.firstColumn + i;
      if (!this.widths.has(c)) this.widths.set(c, WIDTHS[i] ?? 14);
    });
  }

  private setRows(pending: PendingBlock, values: readonly OutputValue[][]): void {
    const { block } = pending;
    values.forEach((line, r) => line.forEach((v, i) => this.set(block.headerRow + 1 + r, block.firstColumn + i, v, pending.styleOf(v, i))));
  }

  /** The streamed block's rows made and held like the others (before anything else is written into the sheet). */
  private async settle(): Promise<void> {
    const tail = this.tail;
    this.tail = undefined;
    if (tail) this.setRows(tail, await blockValues(again(tail.block)));
  }

  async grid(): Promise<CellValue[][]> {
    await this.settle();
    return Array.from(this.values, (line) => Array.from(line ?? [], (v) => (v === undefined || v === '' ? null : v)));
  }

  /** The worksheet part, written into `out` a row at a time. */
  async writeTo(out: DeflatedPart, drawingRelId?: string, strict = false): Promise<void> {
    let width = 0;
    for (const line of this.values) width = Math.max(width, line?.length ?? 0);
    const tail = this.tail && { ...this.tail, rows: new BlockRows(again(this.tail.block)) };
    const height = tail ? tail.block.headerRow + 1 + tail.rows.count : this.values.length;
    const cols = [...this.widths]
      .sort((a, b) => a[0] - b[0])
      .map(([c, w]) => `<col min="${c + 1}" max="${c + 1}" width="${w}" customWidth="1"/>`)
      .join('');
    const dimension = height && width ? `A1:${columnName(width - 1)}${height}` : 'A1';
    await out.write(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        conform(
          '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">',
          strict,
        ) +
        `<dimension ref="${dimension}"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData>`,
    );
    for (let r = 0; r < this.values.length; r++) {
      const line = this.values[r];
      if (!line) continue;
      const styles = this.styleOf[r];
      let cells = '';
      line.forEach((v, c) => (cells += cellXml(`${columnName(c)}${r + 1}`, v, styles?.[c])));
      await this.row(out, r, cells);
    }
    // the streamed block's rows as they are made, styled as apply styles a block's rows (a change sheet's 20,000)
    const letters = tail ? tail.block.headers.map((_, k) => columnName(tail.block.firstColumn + k)) : [];
    for (let i = 0; tail && i < tail.rows.count; i++) {
      await tail.rows.load(i);
      const r = tail.block.headerRow + 1 + i;
      const number = String(r + 1);
      let cells = '';
      tail.rows.get(i)!.forEach((v, k) => {
        const parts = cellParts(letters[k] ?? columnName(tail.block.firstColumn + k), v, tail.styleOf(v, k), '');
        if (parts) cells += parts[0] + number + parts[1];
      });
      await this.row(out, r, cells);
    }
    await out.write(
      '</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
        (drawingRelId ? `<drawing r:id="${drawingRelId}"/>` : '') +
        '</worksheet>',
    );
  }

  private async row(out: DeflatedPart, r: number, cells: string): Promise<void> {
    if (!cells) return;
    const waiting = out.write(`<row r="${r + 1}">${cells}</row>`);
    if (waiting) await waiting;
  }
}

/** A block whose RowSource can make its rows again, with a fresh one (the held source is never read itself). */
function again(block: OutputBlock): OutputBlock {
  return { ...block, rows: block.rows!.again!() };
}
