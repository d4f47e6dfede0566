/**
 * WorkbookPort on an .xlsx/.xlsm package, edited in place (CLI and tests). Reading streams the sheet parts and
 * keeps only the requested cells; writing streams the data sheet through again, copying each row's XML and
 * putting Tariefwijzer's cells in column order. Saving copies every zip entry that was not changed as its
 * raw compressed bytes. What may change: the sheet parts written into, Tariefwijzer's own sheets, workbook.xml
 * and its rels (own sheet entries only), [Content_Types].xml (own parts only), styles.xml (appended), and the
 * comments/VML parts of a sheet with notes. See docs/performance.md for what it costs.
 */
import fs from 'node:fs';
import { basename } from 'node:path';
import zlib from 'node:zlib';
import type { CellValue } from '../../domain/parse';
import { serialToDate } from '../number-format';
import {
  columnIndexOf,
  overlaps,
  ROW_ABOVE,
  safeBlock,
  safeRows,
  selectFromGrid,
  type ChartSpec,
  type ColumnFacts,
  type ColumnsRequest,
  type OutputBlock,
  type OutputValue,
  type ReadRequest,
  type SheetRead,
  type WorkbookPort,
} from '../port';
import { buildChart } from './chart';
import { conform, STRICT_MAIN } from './conformance';
import { NotesPart } from './notes';
import { OwnSheet, rewriteSheet, type PendingBlock } from './sheet-write';
import {
  cachedText,
  cellColumnAt,
  CellScan,
  HAS_VALUE,
  hiddenColumnRanges,
  lastCellStart,
  PieceReader,
  sheetPieces,
  SharedPieces,
  type Pieces,
  type RawCell,
  type SheetPiece,
} from './sheet-xml';
import { parseRels, relsPartOf, relType, resolveRelative, resolveTarget } from './rels';
import { Styles } from './styles';
import {
  appendChild,
  attr,
  attributes as attributesOf,
  attrNS,
  byteTextChunks,
  child,
  childrenNamed,
  decodeOoxml,
  decodeText,
  elements,
  escapeAttr,
  fromByteText,
  namespaceOf,
  parseXml,
  PREFIX,
  rethrowIn,
  rootElement,
  setAttr,
  splice,
  stringItemText,
  utf8Chunks,
  utf8PartBytes,
  type XmlDocument,
} from './xml';
import { DeflatedPart, FileSource, partKey, ZipReader, ZipWriter, ZLIB_STREAM, type ZipSink } from './zip';

const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
/** The relationships namespace, transitional and Strict OOXML. */
const REL_NAMESPACES = [REL_NS, 'http://purl.oclc.org/ooxml/officeDocument/relationships'];
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const WORKSHEET_CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';

export interface SheetInfo {
  name: string;
  /** Part name in the zip, e.g. xl/worksheets/sheet1.xml. */
  part: string;
  relId: string;
  type: string;
  state: 'visible' | 'hidden' | 'veryHidden';
}

interface Extent {
  rowCount: number;
  columnCount: number;
  protected: boolean;
  /** Merged areas (0-based, inclusive). */
  merges: Array<{ r0: number; c0: number; r1: number; c1: number }>;
  /** Hidden columns (0-based, inclusive ranges). */
  hidden: Array<{ first: number; last: number }>;
}

export class XlsxWorkbook implements WorkbookPort {
  private readonly workbookPart: string;
  private workbookXml: string;
  private workbookRels: string;
  private contentTypes: string;
  private readonly sheets: SheetInfo[];
  private readonly date1904: boolean;
  private sharedStrings?: string[];
  private stylesObj?: Styles;
  private readonly stylesPart?: string;
  /** Parts rewritten by this run (deflated in memory). */
  private readonly edited = new Map<string, DeflatedPart>();
  /** Small text parts changed by this run (written deflated at save). */
  private readonly editedText = new Map<string, string>();
  private readonly ownSheets = new Map<string, OwnSheet>();
  private readonly extents = new Map<string, Extent>();
  private readonly charts: ChartSpec[] = [];
  /** Where the last read of a sheet stopped, so that a read of the rows after it goes on instead of starting over. */
  private readonly cursors = new Map<string, Cursor>();
  /** The sheet being rewritten, and its pieces: a read of its rows meanwhile reads them from the writer's stream. */
  private writing?: { sheet: string; pieces: SharedPieces };
  /** Rows a read of the sheet being written may take ahead of the writer, held until it passes them: ≈ 3 MB of row XML. */
  readonly windowWhileWriting = 8_192;
  private changedWorkbook = false;
  /** A Strict workbook (conformance.ts): what Tariefwijzer adds is written with its namespaces. */
  private readonly strict: boolean;

  private constructor(private readonly zip: ZipReader) {
    const rootRels = parseRels(zip.text('_rels/.rels'), '_rels/.rels');
    const office = rootRels.find((r) => relType(r.type) === 'officeDocument');
    this.workbookPart = office ? this.target('', office.target) : 'xl/workbook.xml';
    // another format in a zip (.ods, .xlsb) has no such part or a binary one: otherFormat() says which
    const wb = /\.xml$/i.test(this.workbookPart) ? (zip.text(this.workbookPart) ?? '') : '';
    this.workbookXml = wb;
    const book = wb ? rootElement(parseXml(wb, this.workbookPart)) : undefined;
    this.strict = book !== undefined && namespaceOf(book, book.prefix) === STRICT_MAIN;
    this.workbookRels = zip.text(this.relsOf(this.workbookPart)) ?? '';
    this.contentTypes = zip.text('[Content_Types].xml') ?? '';
    if (this.contentTypes) parseXml(this.contentTypes, '[Content_Types].xml');
    const rels = parseRels(this.workbookRels, this.relsOf(this.workbookPart));
    const pr = child(book, 'workbookPr');
    const d = pr ? attr(pr.tag, 'date1904') : undefined;
    this.date1904 = d === '1' || d === 'true';
    this.sheets = [];
    for (const sheet of childrenNamed(child(book, 'sheets'), 'sheet')) {
      const relId = attrNS(sheet, REL_NAMESPACES, 'id') ?? '';
      const rel = rels.find((r) => r.id === relId);
      if (!rel) continue;
      const state = attr(sheet.tag, 'state');
      this.sheets.push({
        name: attr(sheet.tag, 'name') ?? '',
        part: this.target(this.workbookPart, rel.target),
        relId,
        type: relType(rel.type),
        state: state === 'hidden' || state === 'veryHidden' ? state : 'visible',
      });
    }
    const styles = rels.find((r) => relType(r.type) === 'styles');
    this.stylesPart = styles ? this.target(this.workbookPart, styles.target) : undefined;
  }

  /**
   * The part a relationship of `source` points at, by the name of its entry (ZipReader.partName): a part this run
   * edits replaces that entry, whatever spelling the relationship used.
   */
  private target(source: string, target: string): string {
    return this.zip.partName(resolveTarget(source, target));
  }

  /** The relationships part of `part`, by the name of its entry if it has one (see target). */
  private relsOf(part: string): string {
    return this.zip.partName(relsPartOf(part));
  }

  /** The file is read by offsets as parts are needed, never whole (see FileSource). */
  static async fromFile(path: string): Promise<XlsxWorkbook> {
    return new XlsxWorkbook(new ZipReader(FileSource.open(path), basename(path)));
  }

  /** `file`: the file's name, for messages about damage. */
  static async fromBuffer(data: ArrayBuffer | Uint8Array | Buffer, file?: string): Promise<XlsxWorkbook> {
    const buf = Buffer.isBuffer(data) ? data : data instanceof Uint8Array ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.from(data);
    return new XlsxWorkbook(new ZipReader(buf, file));
  }

  /** A new, empty workbook (no sheets): for outputs that are not an edited input, such as assess's overview. */
  static empty(): XlsxWorkbook {
    const chunks: Buffer[] = [];
    const w = new ZipWriter({ write: (b) => chunks.push(b) });
    const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
    const rel = (type: string, target: string, id = 'rId1') =>
      `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`;
    const rels = (body: string) => `${head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${body}</Relationships>`;
    w.stored(
      '[Content_Types].xml',
      Buffer.from(
        `${head}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
      ),
    );
    w.stored('_rels/.rels', Buffer.from(rels(rel('officeDocument', 'xl/workbook.xml'))));
    w.stored(
      'xl/workbook.xml',
      Buffer.from(
        `${head}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL_NS}"><bookViews><workbookView/></bookViews><sheets></sheets></workbook>`,
      ),
    );
    w.stored('xl/_rels/workbook.xml.rels', Buffer.from(rels(rel('styles', 'styles.xml'))));
    w.stored('xl/styles.xml', Buffer.from(Styles.empty().toXml()));
    w.finish();
    return new XlsxWorkbook(new ZipReader(Buffer.concat(chunks)));
  }

  /**
   * A zip that is not an Excel workbook: binary Excel (.xlsb), an OpenDocument spreadsheet (.ods), a Word document or
   * a PowerPoint presentation (told by the content type of the package's main part, or its usual name), a zip
   * without any Office package in it, or something else.
   */
  otherFormat(): 'xlsb' | 'ods' | 'docx' | 'pptx' | 'zip' | 'other' | undefined {
    const mimetype = this.zip.get('mimetype') ? this.zip.text('mimetype') : undefined;
    if (mimetype?.includes('opendocument')) return mimetype.includes('opendocument.spreadsheet') ? 'ods' : 'other';
    if (/\.bin$/i.test(this.workbookPart)) return 'xlsb';
    const override = this.contentTypes ? overrideOf(rootElement(parseXml(this.contentTypes, '[Content_Types].xml')), this.workbookPart) : undefined;
    const type = (override && attr(override.tag, 'ContentType')) ?? '';
    if (/wordprocessingml/i.test(type) || (!type && this.zip.get('word/document.xml'))) return 'docx';
    if (/presentationml/i.test(type) || (!type && this.zip.get('ppt/presentation.xml'))) return 'pptx';
    if (this.zip.get(this.workbookPart)) return undefined;
    return this.zip.get('[Content_Types].xml') ? 'other' : 'zip';
  }

  /**
   * Refuses an Excel workbook that misses a part it cannot do without (DamagedZipError, with what to do): the content
   * types, the package's and the workbook's relationships, or a sheet, the shared strings or the styles the workbook
   * points at. Without it a run would read nothing where there was something (every shared text empty) and say what
   * is wrong with the data instead of the file.
   */
  checkParts(): void {
    const pointedAt = parseRels(this.workbookRels, this.relsOf(this.workbookPart))
      .filter((r) => !r.external && ['worksheet', 'chartsheet', 'sharedStrings', 'styles'].includes(relType(r.type)))
      .map((r) => this.target(this.workbookPart, r.target));
    const missing = ['[Content_Types].xml', '_rels/.rels', this.relsOf(this.workbookPart), ...pointedAt].find((part) => !this.zip.get(part));
    if (missing) throw this.zip.damaged(`het onderdeel ${missing} ontbreekt`);
  }

  /** The package has a VBA project (an .xlsm). */
  get hasMacros(): boolean {
    return this.zip.entries.some((e) => /vbaProject\.bin$/i.test(e.name));
  }

  async sheetNames(): Promise<string[]> {
    return this.sheets.filter((s) => s.type === 'worksheet').map((s) => s.name);
  }

  private info(name: string): SheetInfo {
    const s = this.sheets.find((x) => x.name === name && x.type === 'worksheet');
    if (!s) throw new Error(`Blad "${name}" bestaat niet.`);
    return s;
  }

  private styles(): Styles {
    if (!this.stylesObj) {
      const xml = this.stylesPart ? this.zip.text(this.stylesPart) : undefined;
      this.stylesObj = xml && this.stylesPart ? new Styles(xml, this.stylesPart) : Styles.empty();
    }
    return this.stylesObj;
  }

  private async strings(): Promise<string[]> {
    if (this.sharedStrings) return this.sharedStrings;
    const rel = parseRels(this.workbookRels, this.relsOf(this.workbookPart)).find((r) => relType(r.type) === 'sharedStrings');
    const entry = rel && this.zip.get(this.target(this.workbookPart, rel.target));
    const out: string[] = [];
    if (entry)
      try {
        for await (const si of elements(utf8Chunks(utf8PartBytes(this.zip.stream(entry))), 'si', entry.name)) out.push(stringItemText(si));
      } catch (e) {
        rethrowIn(entry.name, e);
      }
    return (this.sharedStrings = out);
  }

  /**
   * The current bytes of a part as UTF-8 (see utf8PartBytes), as a stream: this run's version if it rewrote it, else
   * the original.
   */
  private partStream(part: string): AsyncIterable<Buffer> {
    const mine = this.edited.get(part);
    if (mine) return inflateChunks(mine);
    const entry = this.zip.get(part);
    if (!entry) throw new PackageError(`onderdeel ${part} ontbreekt`);
    return utf8PartBytes(this.zip.stream(entry));
  }

  async readSheet(name: string): Promise<CellValue[][]> {
    return (await this.readSheets([{ sheet: name }]))[0].cells;
  }

  async readSheets(requests: readonly ReadRequest[]): Promise<SheetRead[]> {
    const out = new Array<SheetRead>(requests.length);
    const bySheet = new Map<string, number[]>();
    requests.forEach((r, i) => bySheet.set(r.sheet, [...(bySheet.get(r.sheet) ?? []), i]));
    for (const [sheet, indexes] of bySheet) {
      const own = this.ownSheets.get(sheet);
      if (own) {
        for (const i of indexes) out[i] = selectFromGrid(await own.grid(), requests[i]);
        continue;
      }
      const reads = await this.readPart(
        sheet,
        indexes.map((i) => requests[i]),
      );
      indexes.forEach((i, k) => (out[i] = reads[k]));
    }
    return out;
  }

  private async readPart(sheet: string, requests: ReadRequest[]): Promise<SheetRead[]> {
    const info = this.info(sheet);
    const strings = await this.strings();
    const styles = this.styles();
    const known = this.extents.get(sheet);
    // each request's rows from its first row on: grids[k][i] is sheet row first[k] + i (an array that started far from 0
    // would be a sparse one, and filling it slow: reads in windows of a long sheet were quadratic)
    const grids: CellValue[][][] = requests.map(() => []);
    const wanted = requests.map((r) => (r.columns ? new Set(r.columns) : undefined));
    const first = requests.map((r) => r.firstRow ?? 0);
    const last = requests.map((r) => (r.rows === undefined ? Infinity : (r.firstRow ?? 0) + r.rows));
    const stopAt = Math.max(...last);
    const widths = requests.map((q) => (q.columns ? Math.max(-1, ...q.columns) + 1 : undefined));
    // With the extent known, only the requested cells matter; without it every cell counts towards the used range.
    const anchors = known ? anchorCells(known) : undefined;
    const from = known ? Math.min(...first) : -1;
    const cursor = this.resume(sheet, from);
    const pieces = cursor?.pieces ?? this.alongside(sheet, from, known) ?? new PieceReader(byteTextChunks(this.partStream(info.part)), info.part);
    const anchorValues = cursor?.anchors ?? new Map<number, CellValue>();
    let piece: SheetPiece | undefined = cursor?.next;
    const scan = new CellScan();
    let rowCount = 0;
    let columnCount = 0;
    let tail = '';
    let head = '';
    try {
      for (;;) {
        piece ??= pieces.take();
        if (!piece) {
          if (await pieces.fill()) continue;
          break;
        }
        const current = piece;
        piece = undefined;
        if (current.kind === 'tail') tail = current.text;
        if (current.kind === 'head') head = current.text;
        if (current.kind !== 'row') continue;
        const r = current.index;
        if (known && r >= stopAt) {
          // the next read of this sheet may go on from here (reads in windows of rows): see resume
          this.cursors.set(sheet, { pieces, next: current, anchors: anchorValues });
          break;
        }
        if (r > 1_048_575) throw new PackageError(`blad "${sheet}" heeft meer rijen dan Excel toestaat`);
        let needed = 0; // bit k: request k wants this row
        for (let k = 0; k < requests.length; k++) if (r >= first[k] && r < last[k]) needed |= 1 << k;
        if (known && !needed && !anchors?.rows.has(r)) continue;
        if (!known && !needed) {
          // a row no request wants only counts towards the used range: its last cell usually tells all
          const width = rowWidth(current.xml);
          if (width !== undefined) {
            if (width > 16_384) throw new PackageError(`blad "${sheet}" gebruikt kolommen voorbij XFD`);
            if (width > 0) {
              rowCount = r + 1;
              if (width > columnCount) columnCount = width;
            }
            continue;
          }
        }
        let rowHasValue = false;
        let lastColumn = -1;
        for (const cell = scan.row(current.xml); cell.next();) {
          if (cell.innerStart < 0) continue;
          const c = cell.column;
          // Excel writes a row's cells in column order; one that comes back is looked into (rarely: no cost a cell)
          const twice = c <= lastColumn && holdsColumn(current.xml, cell.start, c);
          if (c > lastColumn) lastColumn = c;
          let use = 0;
          for (let k = 0; k < requests.length; k++) if (needed & (1 << k) && (!wanted[k] || wanted[k]!.has(c))) use |= 1 << k;
          const anchor = anchors?.cells.has(r * 16_384 + c);
          if (known && !use && !anchor) continue;
          // a cell no request wants only counts towards the used range: no need to decode its value
          // a cell that is there twice: which one Excel would keep after repairing the file is a guess
          const value = use || anchor ? (twice ? TWICE : cellValue(cell, cell.inner!, strings, styles, this.date1904)) : cell.hasValue() ? true : null;
          if (value === null) continue;
          if (c > 16_383) throw new PackageError(`blad "${sheet}" gebruikt kolommen voorbij XFD`);
          rowHasValue = true;
          if (c + 1 > columnCount) columnCount = c + 1;
          if (anchor) anchorValues.set(r * 16_384 + c, value);
          for (let k = 0; k < requests.length; k++) {
            if (!(use & (1 << k))) continue;
            // a request for some columns gets its rows at their final width now, not copied into it later
            (grids[k][r - first[k]] ??= widths[k] === undefined ? [] : new Array<CellValue>(widths[k]).fill(null))[c] = value;
          }
        }
        if (rowHasValue) rowCount = r + 1;
      }
    } catch (e) {
      pieces.close();
      rethrowIn(info.part, e);
    }
    let extent = known;
    if (!extent) {
      const top = parseXml(tail, info.part, { fragment: true }).root.children;
      const protection = top.find((e) => e.local === 'sheetProtection');
      const locked = protection && attr(protection.tag, 'sheet');
      extent = { rowCount, columnCount, protected: locked === '1' || locked === 'true', merges: mergeAreas(top), hidden: hiddenColumnRanges(head, info.part) };
      this.extents.set(sheet, extent);
    }
    const totalsRows = this.totalsRows(info);
    return requests.map((q, k) => {
      const grid = grids[k];
      const base = first[k];
      // a merged area's value shows in each of its cells, as the CLI has always read it (Excel keeps it in the first)
      for (const m of extent.merges) {
        const v = (m.r0 >= base ? grid[m.r0 - base]?.[m.c0] : undefined) ?? anchorValues.get(m.r0 * 16_384 + m.c0);
        if (v === undefined || v === null) continue;
        for (let r = Math.max(m.r0, base); r <= m.r1 && r < last[k]; r++) {
          for (let c = m.c0; c <= m.c1; c++) {
            if ((r === m.r0 && c === m.c0) || (wanted[k] && !wanted[k].has(c))) continue;
            (grid[r - base] ??= widths[k] === undefined ? [] : new Array<CellValue>(widths[k]).fill(null))[c] = v;
          }
        }
      }
      const end = Math.min(extent.rowCount, last[k]);
      const width = widths[k];
      // the answer from A1 (the rows above the first one requested empty) or from that row, the rows filled out,
      // holes made empty rows
      const from = q.fromFirstRow ? Math.min(base, end) : 0;
      const cells = new Array<CellValue[]>(end - from).fill(ROW_ABOVE, 0, Math.min(base, end) - from);
      for (let r = base; r < end; r++) {
        const row = grid[r - base];
        if (width !== undefined) cells[r - from] = row ?? new Array<CellValue>(width).fill(null);
        else if (!row) cells[r - from] = [];
        else {
          for (let c = 0; c < row.length; c++) if (row[c] === undefined) row[c] = null;
          cells[r - from] = row;
        }
      }
      return { cells, rowCount: extent.rowCount, columnCount: extent.columnCount, protected: extent.protected, totalsRows, visibility: info.state };
    });
  }

  /**
   * The sheet's cursor if a read from row `from` can go on from it (nothing before `from` is wanted and the part
   * is unchanged); otherwise the cursor is closed. Reading 300,000 rows in windows then inflates the part once.
   */
  private resume(sheet: string, from: number): Cursor | undefined {
    const cursor = this.cursors.get(sheet);
    this.cursors.delete(sheet);
    if (cursor && from >= 0 && cursor.next.index <= from && !cursor.pieces.stale()) return cursor;
    cursor?.pieces.close();
    return undefined;
  }

  /**
   * A reader of the sheet being rewritten, from the stream the writer copies (SharedPieces), for a read from row
   * `from` on, if the writer has passed none of the rows it needs: those rows, and the first cell of each merged area
   * that reaches into them (it gives the area's value).
   */
  private alongside(sheet: string, from: number, known: Extent | undefined): Pieces | undefined {
    if (this.writing?.sheet !== sheet || !known || from < 0) return undefined;
    const needed = known.merges.reduce((row, m) => (m.r1 >= from ? Math.min(row, m.r0) : row), from);
    return this.writing.pieces.reader(needed);
  }

  /** 0-based rows that are an Excel table's totals row (table parts of the sheet, totalsRowCount and ref). */
  private totalsRows(info: SheetInfo): number[] {
    const out: number[] = [];
    const rels = parseRels(this.zip.text(this.relsOf(info.part)), this.relsOf(info.part));
    for (const rel of rels) {
      if (relType(rel.type) !== 'table' || rel.external) continue;
      const part = this.target(info.part, rel.target);
      const xml = this.zip.text(part);
      const table = xml ? rootElement(parseXml(xml, part)) : undefined;
      if (!table) continue;
      const count = Number(attr(table.tag, 'totalsRowCount') ?? 0);
      const end = /:\$?[A-Z]+\$?(\d+)$/.exec(attr(table.tag, 'ref') ?? '');
      if (count > 0 && end) for (let i = 0; i < count; i++) out.push(Number(end[1]) - 1 - i);
    }
    return out.sort((a, b) => a - b);
  }

  async flush(): Promise<void> {}

  /** Hidden columns from the sheet's `<cols>`, merged areas from its `<mergeCells>` (known once the sheet was read whole). */
  async columnFacts(request: ColumnsRequest): Promise<ColumnFacts> {
    if (this.ownSheets.has(request.sheet)) return { hidden: [], merged: [] };
    if (!this.extents.has(request.sheet)) await this.readPart(request.sheet, [{ sheet: request.sheet, rows: 0 }]);
    const extent = this.extents.get(request.sheet)!;
    const hidden: number[] = [];
    for (let c = request.firstColumn; c < request.firstColumn + request.columns; c++)
      if (extent.hidden.some((h) => c >= h.first && c <= h.last)) hidden.push(c);
    const merged = extent.merges.map((m) => ({ firstRow: m.r0, lastRow: m.r1, firstColumn: m.c0, lastColumn: m.c1 })).filter((area) => overlaps(area, request));
    return { hidden, merged };
  }

  async writeBlock(unsafe: OutputBlock): Promise<void> {
    const block = safeBlock(unsafe);
    if (block.firstColumn + block.headers.length > 16_384)
      throw new PackageError(
        `er is geen ruimte meer rechts van de gegevens in blad "${block.sheet}" (de kolommen lopen tot XFD, de laatste kolom van Excel). Verwijder lege of overbodige kolommen aan de rechterkant en start opnieuw`,
      );
    const styles = this.styles();
    // the style of a value depends only on its column and kind (other, number, text with a line break): looked up
    // once per column and kind, kept by column × 3 + kind (a run asks for every value of every row)
    const known: Array<number | undefined> = [];
    const looked: boolean[] = [];
    const styleOf = (v: OutputValue, c: number) => {
      const k = c * 3 + (typeof v === 'number' ? 1 : typeof v === 'string' && v.includes('\n') ? 2 : 0);
      if (!looked[k]) {
        known[k] = valueStyle(styles, block, v, c);
        looked[k] = true;
      }
      return known[k];
    };
    const pending: PendingBlock = { block, headerStyle: styles.xf({ bold: true }), styleOf };
    const own = this.ownSheets.get(block.sheet);
    if (own) {
      await own.apply(pending);
      return;
    }
    const info = this.info(block.sheet);
    const notes = await NotesPart.open(this.zip, info.part, this.edited, this.editedText, this.strict);
    // rows read while the sheet is written (a RowSource's windows) come from the pieces the writer copies
    this.resume(block.sheet, -1);
    const pieces = new SharedPieces(sheetPieces(byteTextChunks(this.partStream(info.part)), info.part));
    this.writing = { sheet: block.sheet, pieces };
    let rewrite: DeflatedPart;
    try {
      rewrite = await rewriteSheet(pieces.writer(), pending, styles, info.part, notes);
    } finally {
      this.writing = undefined;
      this.resume(block.sheet, -1);
      pieces.close();
    }
    this.edited.set(info.part, rewrite);
    this.extents.delete(block.sheet);
    if (notes.changed) this.addContentTypes(notes.contentTypes());
  }

  async replaceSheet(name: string, unsafe: OutputValue[][]): Promise<void> {
    const rows = safeRows(unsafe);
    if (!this.sheets.some((s) => s.name === name)) {
      let n = 1;
      // a name no part has in any spelling (partKey)
      const parts = new Set([...this.zip.entries.map((e) => e.name), ...this.sheets.map((s) => s.part)].map(partKey));
      while (parts.has(`xl/worksheets/sheet${n}.xml`)) n++;
      const part = `xl/worksheets/sheet${n}.xml`;
      const relId = this.addWorkbookRel(
        'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet',
        resolveRelative(this.workbookPart, part),
      );
      const doc = parseXml(this.workbookXml, this.workbookPart);
      const sheets = child(rootElement(doc), 'sheets');
      if (!sheets) throw new PackageError('workbook.xml heeft geen <sheets>');
      const ids = childrenNamed(sheets, 'sheet').map((e) => Number(attr(e.tag, 'sheetId')) || 0);
      const sheetId = Math.max(0, ...ids) + 1;
      const rPrefix = relPrefix(doc);
      const element = `<${sheets.prefix}sheet name="${escapeAttr(name)}" sheetId="${sheetId}" ${rPrefix ? `${rPrefix}:id` : `xmlns:tw="${REL_NS}" tw:id`}="${relId}"/>`;
      this.workbookXml = appendChild(this.workbookXml, sheets, element);
      this.changedWorkbook = true;
      this.addContentTypes([{ part, type: WORKSHEET_CT }]);
      this.sheets.push({ name, part, relId, type: 'worksheet', state: 'visible' });
    }
    this.ownSheets.set(name, new OwnSheet(rows));
    this.extents.delete(name);
  }

  /** A native line chart on Tariefwijzer's own sheet (a DrawingML chart part in a drawing of that sheet). */
  async writeChart(spec: ChartSpec): Promise<void> {
    if (!this.ownSheets.has(spec.sheet)) throw new Error(`Een grafiek kan alleen op een eigen blad van Tariefwijzer ("${spec.sheet}" is dat niet).`);
    const i = this.charts.findIndex((c) => c.sheet === spec.sheet && c.name === spec.name);
    if (i >= 0) this.charts[i] = spec;
    else this.charts.push(spec);
  }

  private addWorkbookRel(type: string, target: string): string {
    const part = this.relsOf(this.workbookPart);
    const ids = new Set(parseRels(this.workbookRels, part).map((r) => r.id));
    let n = 1;
    while (ids.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    const element = `<Relationship Id="${id}" Type="${type}" Target="${escapeAttr(target)}"/>`;
    this.workbookRels = this.workbookRels.trim()
      ? appendChild(this.workbookRels, rootElement(parseXml(this.workbookRels, part)), element)
      : `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${element}</Relationships>`;
    this.changedWorkbook = true;
    return id;
  }

  /** Overrides for new parts, Defaults for new extensions; nothing existing is changed. */
  private addContentTypes(items: Array<{ part?: string; extension?: string; type: string }>): void {
    for (const item of items) {
      const types = rootElement(parseXml(this.contentTypes, '[Content_Types].xml'));
      if (item.part) {
        if (overrideOf(types, item.part)) continue;
        this.insertContentType(types, `<Override PartName="/${escapeAttr(item.part)}" ContentType="${item.type}"/>`);
      } else if (item.extension) {
        const ext = item.extension.toLowerCase();
        if (childrenNamed(types, 'Default').some((e) => attr(e.tag, 'Extension')?.toLowerCase() === ext)) continue;
        this.insertContentType(types, `<Default Extension="${item.extension}" ContentType="${item.type}"/>`);
      }
    }
  }

  private insertContentType(types: XmlDocument['root'], element: string): void {
    const p = types.prefix;
    this.contentTypes = appendChild(this.contentTypes, types, p ? element.replace(/^<(\w+)/, `<${p}$1`) : element);
    this.editedText.set('[Content_Types].xml', this.contentTypes);
  }

  private async finishOwnParts(): Promise<Map<string, DeflatedPart>> {
    const out = new Map<string, DeflatedPart>();
    for (const [name, own] of this.ownSheets) {
      const info = this.info(name);
      const charts = this.charts.filter((c) => c.sheet === name);
      let drawingRel: string | undefined;
      if (charts.length) {
        const built = buildChart(info.part, charts);
        for (const [part, text] of built.parts) this.editedText.set(part, text);
        this.editedText.set(this.relsOf(info.part), built.sheetRels);
        this.addContentTypes(built.contentTypes);
        drawingRel = built.drawingRelId;
      } else if (this.zip.get(this.relsOf(info.part))) {
        // an earlier run's chart: the sheet keeps no drawing; its old rels would point at nothing of use
        this.editedText.set(
          this.relsOf(info.part),
          '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>',
        );
      }
      const part = new DeflatedPart();
      await own.writeTo(part, drawingRel, this.strict);
      out.set(info.part, await part.end());
    }
    return out;
  }

  /**
   * A template's main part declared a workbook's: what is written is a workbook (.xlsx, .xlsm), as Excel makes a new
   * workbook from a template, and Excel refuses a file whose extension and content type disagree.
   */
  private templateToWorkbook(): void {
    if (!this.contentTypes) return;
    const override = overrideOf(rootElement(parseXml(this.contentTypes, '[Content_Types].xml')), this.workbookPart);
    const workbook = override && WORKBOOK_OF_TEMPLATE[attr(override.tag, 'ContentType')?.trim() ?? ''];
    if (!override || !workbook) return;
    this.contentTypes = splice(this.contentTypes, [{ from: override.start, to: override.openEnd, insert: setAttr(override.tag, 'ContentType', workbook) }]);
    this.editedText.set('[Content_Types].xml', this.contentTypes);
  }

  private async write(sink: ZipSink): Promise<void> {
    for (const sheet of [...this.cursors.keys()]) this.resume(sheet, -1);
    this.templateToWorkbook();
    const own = await this.finishOwnParts();
    const styles = this.stylesObj;
    if (styles?.changed && this.stylesPart) this.editedText.set(this.stylesPart, styles.toXml());
    if (this.changedWorkbook) {
      this.editedText.set(this.workbookPart, this.workbookXml);
      this.editedText.set(this.relsOf(this.workbookPart), this.workbookRels);
    }
    const writer = new ZipWriter(sink);
    const done = new Set<string>();
    const replacement = async (name: string): Promise<DeflatedPart | undefined> => {
      const text = this.editedText.get(name);
      return own.get(name) ?? this.edited.get(name) ?? (text !== undefined ? DeflatedPart.of(conform(text, this.strict)) : undefined);
    };
    for (const entry of this.zip.entries) {
      const part = await replacement(entry.name);
      if (part) writer.deflated(entry.name, part, entry);
      else writer.copy(this.zip, entry);
      done.add(entry.name);
    }
    const added = [...own.keys(), ...this.edited.keys(), ...this.editedText.keys()];
    for (const name of added) {
      if (done.has(name)) continue;
      done.add(name);
      writer.deflated(name, (await replacement(name))!);
    }
    await writer.checked();
    writer.finish();
  }

  async toBuffer(): Promise<Buffer> {
    const chunks: Buffer[] = [];
    await this.write({ write: (b) => chunks.push(b) });
    return Buffer.concat(chunks);
  }

  /**
   * Writes the package to `path`. Saving over the file this workbook reads (its entries are read by offset as they are
   * copied) goes through a file beside it that replaces the original only once complete.
   */
  async save(path: string): Promise<void> {
    const source = this.zip.source;
    const inPlace = source instanceof FileSource && source.isFile(path);
    const target = inPlace ? `${path}.tariefwijzer-opslaan.tmp` : path;
    const fd = fs.openSync(target, 'w');
    try {
      // every byte of a chunk is written before write returns (writeSync may write fewer than asked): see ZipSink.writesNow
      const write = (b: Buffer) => {
        for (let done = 0; done < b.length;) done += fs.writeSync(fd, b, done, b.length - done);
      };
      await this.write({ write, writesNow: true });
      fs.fsyncSync(fd);
    } catch (e) {
      if (inPlace) fs.rmSync(target, { force: true });
      throw e;
    } finally {
      fs.closeSync(fd);
    }
    if (inPlace) fs.renameSync(target, path);
  }
}

interface Cursor {
  pieces: Pieces;
  /** The first row not yet read. */
  next: Extract<SheetPiece, { kind: 'row' }>;
  /** Values of merged areas' first cells seen so far (row × 16,384 + column), for areas that reach into later reads. */
  anchors: Map<number, CellValue>;
}

/** The first cells of merged areas (row × 16,384 + column) and their rows. */
function anchorCells(extent: Extent): { cells: Set<number>; rows: Set<number> } {
  return { cells: new Set(extent.merges.map((m) => m.r0 * 16_384 + m.c0)), rows: new Set(extent.merges.map((m) => m.r0)) };
}

/** An .xlsx package Tariefwijzer cannot use as it is; the message is Dutch and says why. */
export class PackageError extends Error {}

/** Merged areas from the top-level children of <worksheet> after its cells. */
function mergeAreas(top: XmlDocument['root'][]): Extent['merges'] {
  const out: Extent['merges'] = [];
  for (const cell of top.filter((e) => e.local === 'mergeCells').flatMap((e) => childrenNamed(e, 'mergeCell'))) {
    const m = /^\$?([A-Za-z]+)\$?(\d+):\$?([A-Za-z]+)\$?(\d+)$/.exec(attr(cell.tag, 'ref')?.trim() ?? '');
    if (m) out.push({ c0: columnIndexOf(m[1]), r0: Number(m[2]) - 1, c1: columnIndexOf(m[3]), r1: Number(m[4]) - 1 });
  }
  return out;
}

/** The prefix the root element binds to the relationships namespace (not one declared on a child, as openpyxl does). */
function relPrefix(doc: XmlDocument): string | undefined {
  const root = rootElement(doc);
  for (const [name, value] of Object.entries(attributesOf(root.tag))) if (name.startsWith('xmlns:') && REL_NAMESPACES.includes(value)) return name.slice(6);
  return undefined;
}

async function* inflateChunks(part: DeflatedPart): AsyncGenerator<Buffer> {
  const inflate = zlib.createInflateRaw(ZLIB_STREAM);
  const feed = (async () => {
    for (const c of part.compressed()) if (!inflate.write(c)) await new Promise((r) => inflate.once('drain', r));
    inflate.end();
  })();
  try {
    for await (const chunk of inflate as AsyncIterable<Buffer>) yield chunk;
  } finally {
    inflate.destroy();
    await feed.catch(() => undefined);
  }
}

/**
 * Columns up to a row's last cell with a value, from its last cell alone (0: the row has no value), or undefined
 * when that is not enough to tell (the last cell is empty or has no reference): then every cell is looked at.
 * Most rows end in a filled cell with a reference, so the extent of a sheet costs a search from the end per row.
 */
function rowWidth(xml: string): number | undefined {
  if (!HAS_VALUE.test(xml)) return 0;
  if (xml.includes('extLst')) return undefined;
  // the cell prefix is the row's ("<x:row" → "<x:c")
  const start = lastCellStart(xml, xml.slice(1, xml.indexOf('row')));
  if (start < 0) return undefined;
  const column = cellColumnAt(xml, start);
  if (column === undefined || !HAS_VALUE.test(xml.slice(start))) return undefined;
  return column + 1;
}

/**
 * A text cut from the sheet's XML as a string of its own. V8 cuts a substring of 13 characters or more as a view
 * on the string it came from (a "sliced string"), and that keeps the whole chunk of the part's text (32 KB) alive:
 * a window of rows with inline texts (a rerun's record column) held ≈ 150 MB of chunks at 100k rows. Prepending a
 * character makes a rope that slice() first copies flat; what the result points at is that copy alone.
 */
function ownText(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** A cached value that needs decoding: a reference, a CR, or bytes of a UTF-8 sequence (byte text). */
const NEEDS_DECODING = /[&\r\u0080-\u00ff]/;

/** A formula, and an inline string, in a cell's content (any prefix, see PREFIX). */
const FORMULA_TAG = new RegExp(`<${PREFIX}f[\\s>/]`);
const INLINE_TAG = new RegExp(`<${PREFIX}is[\\s>]`);

/** The value of a cell of a worksheet part read as byte text (see byteTextChunks). */
function cellValue(cell: Pick<RawCell, 'type' | 'style'>, inner: string, strings: string[], styles: Styles, date1904: boolean): CellValue {
  const t = cell.type ?? 'n';
  if (t === 'inlineStr') {
    const text = stringItemText(fromByteText(inner));
    return text === '' ? null : ownText(text);
  }
  const raw = cachedText(inner);
  // decoded once, before anything else: `&#49;` is a digit, and a text decoded twice would change
  const v = raw !== undefined && NEEDS_DECODING.test(raw) ? decodeText(fromByteText(raw)) : raw;
  if (v === undefined) {
    if (FORMULA_TAG.test(inner)) return { error: 'formule zonder berekende waarde' };
    if (INLINE_TAG.test(inner)) return ownText(stringItemText(fromByteText(inner))) || null;
    return null;
  }
  switch (t) {
    case 's': {
      const s = strings[Number(v)];
      // an index that is no shared string: a damaged or badly written part (Excel repairs it, openpyxl stops)
      if (s === undefined || !isIndex(v.trim())) return { error: `verwijzing naar gedeelde tekst ${v.trim()}, die niet bestaat` };
      return s === '' ? null : s;
    }
    case 'str': {
      const s = decodeOoxml(v);
      return s === '' ? null : ownText(s);
    }
    case 'b': {
      // xsd:boolean; anything else is no truth value, and reading it as one would be a guess
      const b = v.trim();
      if (b === '1' || b === 'true') return true;
      return b === '0' || b === 'false' ? false : { error: `ongeldige waarheidswaarde "${b}"` };
    }
    case 'e':
      return { error: v.trim() };
    case 'd': {
      const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v.trim()}Z`);
      return Number.isNaN(d.getTime()) ? v : d;
    }
    default: {
      const n = Number(v);
      if (!Number.isFinite(n)) return v;
      const s = cell.style;
      if (s && styles.isDate(Number(s))) return serialToDate(n, date1904);
      return n;
    }
  }
}

/** The content types' Override for `part` (a part name without its leading `/`), its name compared as OPC does (partKey). */
function overrideOf(types: XmlDocument['root'], part: string): XmlDocument['root'] | undefined {
  const name = partKey(`/${part}`);
  return childrenNamed(types, 'Override').find((e) => partKey(attr(e.tag, 'PartName') ?? '') === name);
}

/** The content type of a template's main part → a workbook's (ECMA-376 Part 1, §12.3.23 Workbook Part; [MS-OFFMACRO]). */
const WORKBOOK_OF_TEMPLATE: Record<string, string> = {
  'application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
  'application/vnd.ms-excel.template.macroEnabled.main+xml': 'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
};

/** The value of a cell that is in its row twice (holdsColumn). */
const TWICE = { error: 'de cel staat twee keer in het blad' };

/** Whether a cell with content before `end` in a row's XML is in column `column`. */
function holdsColumn(xml: string, end: number, column: number): boolean {
  for (const cell = new CellScan().row(xml); cell.next() && cell.start < end;) if (cell.innerStart >= 0 && cell.column === column) return true;
  return false;
}

/** Digits alone (a shared string's index as Excel writes it): `Number` also reads "1e1", "0x1" and "". */
function isIndex(v: string): boolean {
  if (!v) return false;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function valueStyle(styles: Styles, block: OutputBlock, v: OutputValue, column: number): number | undefined {
  const fmt = block.numberFormats[column];
  if (fmt && typeof v === 'number') return styles.xf({ numFmt: fmt });
  if (typeof v === 'string' && v.includes('\n')) return styles.xf({ wrap: true });
  return undefined;
}
