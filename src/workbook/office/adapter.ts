/**
 * WorkbookPort on the open workbook through Office.js (the add-in). `Excel` is a global there; this module
 * only uses its types, so it can be tested against a fake host (src/demo-host/fake-excel.ts).
 *
 * Requests are batched: every `context.sync()` is a round trip, and Excel on the web refuses a request or a
 * response over 5 MB. Reads and writes therefore go in blocks of at most BLOCK_ROWS rows, and as many blocks
 * as fit in PAYLOAD_BUDGET share one sync.
 * - Reads: the first rows of several sheets come in one sync with the sheets' used-range sizes; longer reads
 *   load only the requested columns, sized by the bytes per cell seen in those first rows (with a margin).
 *   Should Excel still refuse the size (ResponsePayloadSizeLimitExceeded for an answer, RequestPayloadSizeLimit-
 *   Exceeded for a request: both "only in Office on the web",
 *   https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling), the same
 *   rows are read again with a doubled size estimate. No range read has more than READ_CELL_LIMIT cells: "On
 *   all platforms, a range is limited to five million cells for get operations"
 *   (https://learn.microsoft.com/office/dev/add-ins/excel/performance#payload-size-limit-best-practices).
 * - Writes: the payload is known before sending (JSON of the values and formats), so blocks are cut and
 *   grouped exactly; they are queued and sent with the next sync or `flush()`, so the last block of output
 *   and the metadata sheet share one request.
 */
import type { CellValue } from '../../domain/parse';
import { GENERAL_FORMAT, isDateFormat, serialToDate, TEXT_FORMAT } from '../number-format';
import type { ExcelFeatures } from './requirements';
import {
  BlockRows,
  blockRowCount,
  columnIndexOf,
  highlightFormula,
  overlaps,
  listSource,
  ROW_ABOVE,
  safeBlock,
  safeRows,
  type CellArea,
  type ChartSpec,
  type ColumnFacts,
  type ColumnsRequest,
  type OutputBlock,
  type OutputValue,
  type ReadRequest,
  type SheetRead,
  type WorkbookPort,
} from '../port';

/** At most this many rows per range in one request (Office guidance: 5k–20k rows per block). */
export const BLOCK_ROWS = 10_000;
/** Stay well under Excel on the web's 5 MB per request/response. */
export const PAYLOAD_BUDGET = 4_000_000;
/** Cells one range read may have (Excel's limit is 5,000,000 for get operations). */
export const READ_CELL_LIMIT = 4_000_000;
/** Per-cell guess for the first read block: values + valueTypes + numberFormat of a fairly long text cell. */
const GUESSED_CELL_BYTES = 80;
/** Floor for a per-cell size seen in a sheet's first rows (they may be mostly empty). */
const MIN_CELL_BYTES = 24;
/** Margin on the measured bytes per row: later rows may hold longer text than the first block. */
const MEASURE_MARGIN = 1.25;

type Grid = CellValue[][];

/** The used range (values only) of a sheet; null when the sheet is empty. */
interface Extent {
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
}

/** Requests of at most this many rows are read together with the used range's size, in one sync. */
const HEAD_ROWS = 1_000;
/** Excel's last column (XFD), to intersect the used range with "the first n rows". */
const MAX_COLUMNS = 16_384;

/** One request with a known extent, read in row pieces: one range per contiguous run of columns. */
interface ReadJob {
  index: number;
  sheet: string;
  extent: Extent;
  /** Rows of the used range to skip (before firstRow), and the end of the rows to read. */
  skip: number;
  total: number;
  runs: Array<{ column: number; width: number }>;
  /** Width of the lines handed back: all columns from A, or up to the last requested one. */
  width: number;
  next: number;
  bytesPerRow: number;
  measured: boolean;
  lines: Grid;
}

interface Piece {
  job: ReadJob;
  start: number;
  rows: number;
  ranges: Excel.Range[];
}

/** What the pane hands a job's port: a way to give the page a turn, and rows read / written so far. */
export interface JobHooks {
  /** Called often in long loops; yields to the page when a slice is used up (src/taskpane/jobs/slicer.ts). */
  pause?: () => Promise<void>;
  /** Rows of the current read ('lezen') or write ('schrijven') done, of total. */
  onRows?: (kind: 'lezen' | 'schrijven', done: number, total: number) => void;
}

/** Long loops call `pause` once every this many rows. */
const PAUSE_EVERY = 512;

export class OfficeWorkbook implements WorkbookPort {
  /** Sheet names and used ranges as last seen in this job (a port lives inside one Excel.run). */
  private names?: string[];
  private readonly extents = new Map<string, Extent | null>();
  /** Bytes per cell seen in a sheet's first rows: sizes the first block of a longer read of that sheet. */
  private readonly cellBytes = new Map<string, number>();
  /** Bytes of writes queued since the last sync; writes are sent with the next sync or `flush`. */
  private queued = 0;
  private dirty = false;
  /** This job queued a write at some point (the changed events Excel raises for it are the add-in's own). */
  wrote = false;
  /** Sheets this adapter wrote whole (replaceSheet), with the rows and columns it wrote. */
  private readonly replaced = new Map<string, { rows: number; width: number }>();

  /**
   * @param features what the host supports beyond the manifest's floor (EXCEL_API_FLOOR; check with
   *   Office.context.requirements.isSetSupported at the versions in OPTIONAL_FEATURES): conditional formats
   *   need ExcelApi 1.6, notes 1.18. Without them rows are not highlighted, or flags not repeated as notes.
   */
  constructor(
    readonly context: Excel.RequestContext,
    readonly features: ExcelFeatures = {},
    readonly hooks: JobHooks = {},
  ) {
    if (features.charts) this.writeChart = (spec) => this.addChart(spec);
  }

  /** Present only where the host can draw charts (ExcelApi 1.7), so callers can say when none was drawn. */
  readonly writeChart?: (spec: ChartSpec) => Promise<void>;

  /** A line chart over columns of a table: replaces the chart of that name; one sync to look it up. */
  private async addChart(spec: ChartSpec): Promise<void> {
    if (!this.features.charts) return;
    const ws = this.context.workbook.worksheets.getItem(spec.sheet);
    const old = ws.charts.getItemOrNullObject(spec.name);
    old.load('isNullObject');
    await this.sync();
    if (!old.isNullObject) old.delete();
    const rows = spec.lastRow - spec.firstRow + 1;
    const column = (c: number) => ws.getRangeByIndexes(spec.firstRow, c, rows, 1);
    const categories = column(spec.categoryColumn);
    const chart = ws.charts.add('Line' as Excel.ChartType, column(spec.seriesColumns[0]), 'Columns' as Excel.ChartSeriesBy);
    chart.name = spec.name;
    chart.title.text = spec.title;
    spec.seriesColumns.forEach((c, i) => {
      const series = i === 0 ? chart.series.getItemAt(0) : chart.series.add(spec.seriesNames[i]);
      if (i > 0) series.setValues(column(c));
      series.name = spec.seriesNames[i];
      series.setXAxisValues(categories);
    });
    if (spec.valueAxisTitle) chart.axes.valueAxis.title.text = spec.valueAxisTitle;
    chart.setPosition(
      ws.getRangeByIndexes(spec.anchor.row, spec.anchor.column, 1, 1),
      ws.getRangeByIndexes(spec.anchor.row + spec.size.rows - 1, spec.anchor.column + spec.size.columns - 1, 1, 1),
    );
    this.dirty = this.wrote = true;
  }

  private async sync(): Promise<void> {
    this.queued = 0;
    this.dirty = false;
    await this.context.sync();
  }

  async sheetNames(): Promise<string[]> {
    if (!this.names) {
      const sheets = this.context.workbook.worksheets;
      sheets.load('items/name');
      await this.sync();
      this.names = sheets.items.map((s) => s.name);
    }
    return [...this.names];
  }

  async readSheet(name: string): Promise<CellValue[][]> {
    return (await this.readSheets([{ sheet: name }]))[0].cells;
  }

  /**
   * Short reads (the first rows, e.g. to find a header) are loaded together with the used range's size in
   * one sync. Longer reads need that size first (one sync for all of them, unless already known), then go
   * in blocks of at most BLOCK_ROWS, as many per sync as fit PAYLOAD_BUDGET: the first block of each read
   * is sized by a conservative per-cell guess, later ones by the bytes per row measured (with a margin).
   * Only the requested columns are loaded. Excel errors become `{ error }`, empty cells null, date-formatted
   * numbers Dates (as the .xlsx adapter gives them).
   */
  async readSheets(requests: readonly ReadRequest[]): Promise<SheetRead[]> {
    const results = new Array<SheetRead>(requests.length);
    const heads: Array<{ index: number; used: Excel.Range; head: Excel.Range; protection: Excel.WorksheetProtection; sheet: SheetFacts }> = [];
    const sized: Array<{ sheet: string; used: Excel.Range }> = [];
    requests.forEach((req, index) => {
      const ws = this.context.workbook.worksheets.getItem(req.sheet);
      if (req.rows !== undefined && req.rows <= HEAD_ROWS) {
        const used = ws.getUsedRangeOrNullObject(true);
        used.load('rowIndex,columnIndex,rowCount,columnCount');
        const head = used.getIntersectionOrNullObject(ws.getRangeByIndexes(req.firstRow ?? 0, 0, Math.max(1, req.rows), MAX_COLUMNS));
        head.load('rowIndex,columnIndex,values,valueTypes,numberFormat');
        // protection (ExcelApi 1.2) comes with the first rows: a protected sheet is refused before any write
        const protection = ws.protection;
        protection.load('protected');
        heads.push({ index, used, head, protection, sheet: loadSheetFacts(ws) });
      } else if (!this.extents.has(req.sheet) && !sized.some((s) => s.sheet === req.sheet)) {
        const used = ws.getUsedRangeOrNullObject(true);
        used.load('rowIndex,columnIndex,rowCount,columnCount');
        sized.push({ sheet: req.sheet, used });
      }
    });
    if (heads.length || sized.length) await this.sync();
    for (const { sheet, used } of sized) this.extents.set(sheet, extentOf(used));
    const totals = await this.totalsRows(heads.map((h) => h.sheet));
    for (const [i, { index, used, head, protection, sheet }] of heads.entries()) {
      const req = requests[index];
      const extent = extentOf(used);
      this.extents.set(req.sheet, extent);
      const cells: Grid = [];
      if (extent && !head.isNullObject) {
        const bytes = JSON.stringify(head.values).length + JSON.stringify(head.valueTypes).length + JSON.stringify(head.numberFormat).length;
        this.cellBytes.set(req.sheet, bytes / Math.max(1, head.values.length * (head.values[0]?.length ?? 1)));
        for (let r = req.fromFirstRow ? (req.firstRow ?? 0) : 0; r < head.rowIndex; r++) cells.push([]);
        head.values.forEach((row, r) => cells.push(pick(toLine(head.columnIndex, row, head.valueTypes[r], head.numberFormat[r] as string[]), req.columns)));
      }
      results[index] = {
        cells,
        ...size(extent),
        protected: protection.protected,
        totalsRows: totals[i],
        visibility: VISIBILITY[sheet.worksheet.visibility] ?? 'visible',
      };
    }

    const jobs: ReadJob[] = [];
    requests.forEach((req, index) => {
      if (results[index]) return;
      const extent = this.extents.get(req.sheet) ?? null;
      // rows of the used range to read: from firstRow, at most `rows`
      const skip = extent ? Math.max(0, (req.firstRow ?? 0) - extent.rowIndex) : 0;
      const end = extent ? Math.min(extent.rowIndex + extent.rowCount, (req.firstRow ?? 0) + (req.rows ?? Infinity)) : 0;
      const total = extent ? Math.max(0, end - extent.rowIndex - skip) : 0;
      const runs = extent ? columnRuns(extent, req.columns) : [];
      if (!extent || !total || !runs.length) {
        results[index] = { cells: [], ...size(extent) };
        return;
      }
      const cellsPerRow = runs.reduce((n, r) => n + r.width, 0);
      const width = req.columns ? Math.max(...req.columns) + 1 : extent.columnIndex + extent.columnCount;
      const seen = this.cellBytes.get(req.sheet);
      const bytesPerRow = cellsPerRow * (seen === undefined ? GUESSED_CELL_BYTES : Math.max(seen, MIN_CELL_BYTES) * MEASURE_MARGIN);
      jobs.push({ index, sheet: req.sheet, extent, skip, total: skip + total, runs, width, next: skip, bytesPerRow, measured: seen !== undefined, lines: [] });
    });
    await this.readJobs(jobs);
    for (const job of jobs) {
      const req = requests[job.index];
      // the sheet rows of the first line read, of cells[0] (A1's, or the request's first) and of the request's first
      const top = job.extent.rowIndex + job.skip;
      const from = req.fromFirstRow ? (req.firstRow ?? 0) : 0;
      const above = Math.min(req.firstRow ?? 0, top) - from;
      // rows above the request: one shared empty row; rows above the used range the request asked for: empty rows
      const cells: Grid = new Array<CellValue[]>(top - from + job.lines.length).fill(ROW_ABOVE, 0, Math.max(0, above));
      for (let r = Math.max(0, above); r < top - from; r++) cells[r] = [];
      job.lines.forEach((line, i) => (cells[top - from + i] = line));
      results[job.index] = { cells, ...size(job.extent) };
    }
    return results;
  }

  /**
   * The totals rows of the tables with `showTotals`, one more sync only when a sheet read has one (most have none):
   * a table's range is a method (getTotalRowRange), not a property the first sync could load with the collection.
   */
  private async totalsRows(sheets: SheetFacts[]): Promise<number[][]> {
    const ranges = sheets.map((s) =>
      s.tables.items
        .filter((t) => t.showTotals)
        .map((t) => {
          const range = t.getTotalRowRange();
          range.load('rowIndex');
          return range;
        }),
    );
    if (!ranges.some((r) => r.length)) return sheets.map(() => []);
    await this.sync();
    return ranges.map((list) => list.map((r) => r.rowIndex));
  }

  /** Load the jobs' rows in pieces of at most BLOCK_ROWS, as many per sync as fit the budget. */
  private async readJobs(jobs: ReadJob[]): Promise<void> {
    for (;;) {
      const batch: Piece[] = [];
      let budget = PAYLOAD_BUDGET;
      for (const job of jobs) {
        // a job's first piece is read alone, to measure its rows before sizing the others
        while (job.next < job.total && !(batch.some((p) => p.job === job) && !job.measured)) {
          const fit = Math.floor(budget / Math.max(1, job.bytesPerRow));
          if (fit < 1 && batch.length) break;
          const width = job.runs.reduce((n, r) => Math.max(n, r.width), 1);
          const rows = Math.min(BLOCK_ROWS, job.total - job.next, Math.max(1, fit), Math.max(1, Math.floor(READ_CELL_LIMIT / width)));
          batch.push(this.queuePiece(job, job.next, rows));
          job.next += rows;
          budget -= rows * job.bytesPerRow;
        }
        if (budget <= 0) break;
      }
      if (!batch.length) return;
      try {
        await this.sync();
      } catch (e) {
        if (!isPayloadTooLarge(e) || (batch.length === 1 && batch[0].rows === 1)) throw e;
        // Excel refused the size: read the same rows again, at most half as many per sync.
        for (const job of new Set(batch.map((p) => p.job))) {
          const pieces = batch.filter((p) => p.job === job);
          const rows = pieces.reduce((n, p) => n + p.rows, 0);
          job.next = pieces[0].start;
          job.bytesPerRow = Math.max(job.bytesPerRow * 2, (2 * PAYLOAD_BUDGET) / Math.max(1, rows));
          job.measured = false;
        }
        continue;
      }
      for (const piece of batch) {
        const { job } = piece;
        let bytes = 0;
        const lines: Grid = [];
        for (let r = 0; r < piece.rows; r++) lines.push(new Array<CellValue>(job.width).fill(null));
        for (let i = 0; i < piece.ranges.length; i++) {
          const range = piece.ranges[i];
          const values = range.values;
          const types = range.valueTypes;
          const formats = range.numberFormat;
          const column = job.runs[i].column;
          for (let r = 0; r < values.length; r++) {
            if (this.hooks.pause && r % PAUSE_EVERY === 0) await this.hooks.pause();
            // the size of the answer, as Excel counts it (JSON), row by row: one stringify of 10,000 rows is a long task
            bytes += JSON.stringify(values[r]).length + JSON.stringify(types[r]).length + JSON.stringify(formats[r]).length + 6;
            for (let c = 0; c < values[r].length; c++) lines[r][column + c] = toCellValue(values[r][c], types[r][c], formats[r][c] as string | undefined);
          }
        }
        for (const line of lines) job.lines.push(line);
        const measured = (bytes / piece.rows) * MEASURE_MARGIN;
        job.bytesPerRow = job.measured ? Math.max(job.bytesPerRow, measured) : measured;
        job.measured = true;
      }
      const done = jobs.reduce((n, j) => n + j.lines.length, 0);
      this.hooks.onRows?.(
        'lezen',
        done,
        jobs.reduce((n, j) => n + j.total - j.skip, 0),
      );
    }
  }

  private queuePiece(job: ReadJob, start: number, rows: number): Piece {
    const ws = this.context.workbook.worksheets.getItem(job.sheet);
    const ranges = job.runs.map((run) => {
      const range = ws.getRangeByIndexes(job.extent.rowIndex + start, run.column, rows, run.width);
      range.load('values,valueTypes,numberFormat');
      return range;
    });
    return { job, start, rows, ranges };
  }

  /**
   * Range.columnHidden (ExcelApi 1.2) of each requested column and, where the host has ExcelApi 1.13, the merged
   * areas (Range.getMergedAreasOrNullObject), in one sync. That method reports only the areas whose top-left cell
   * lies in the range (https://github.com/OfficeDev/office-js/issues/3611), so it is asked of the range from A1
   * to the last requested cell: an area that reaches into the columns from the left or from above is found too.
   * It fails with more than 512 areas in the range (@types/office-js, Range.getMergedAreasOrNullObject); then
   * only the requested columns are asked (the areas that start in them), and failing that none.
   */
  async columnFacts(request: ColumnsRequest): Promise<ColumnFacts> {
    const ws = this.context.workbook.worksheets.getItem(request.sheet);
    const lastColumn = request.firstColumn + request.columns - 1;
    const scopes = this.features.mergedAreas
      ? [ws.getRangeByIndexes(0, 0, request.lastRow + 1, lastColumn + 1), ws.getRangeByIndexes(0, request.firstColumn, request.lastRow + 1, request.columns)]
      : [];
    for (let attempt = 0; ; attempt++) {
      const columns: Excel.Range[] = [];
      for (let c = request.firstColumn; c <= lastColumn; c++) {
        const column = ws.getRangeByIndexes(request.firstRow, c, 1, 1);
        column.load('columnHidden');
        columns.push(column);
      }
      const areas = attempt < scopes.length ? this.mergedAreas(scopes[attempt]) : undefined;
      try {
        await this.sync();
      } catch (e) {
        if (!areas) throw e;
        continue;
      }
      const hidden = columns.flatMap((column, i) => (column.columnHidden ? [request.firstColumn + i] : []));
      if (this.features.mergedAreas && areas)
        return { hidden, merged: areas.isNullObject ? [] : parseAreas(areas.address).filter((a) => overlaps(a, request)) };
      return { hidden };
    }
  }

  /** Queue the read of a range's merged areas (ExcelApi 1.13); only where the host has it. */
  private mergedAreas(range: Excel.Range): Excel.RangeAreas | undefined {
    if (!this.features.mergedAreas) return undefined;
    const areas = range.getMergedAreasOrNullObject();
    areas.load('address');
    return areas;
  }

  /**
   * Header row, then the values in blocks. Number formats are set before the values, in the same request:
   * a column without numbers is text ('@'), so '=…', '+…', '-…', '@…' land as text, exactly as given;
   * a numeric column gets its one format (a stray string in it gets '@' for its own cell).
   */
  async writeBlock(unsafe: OutputBlock): Promise<void> {
    const block = safeBlock(unsafe);
    // a sheet written whole and then changed (bold status cells) is cleared when it is replaced again
    this.replaced.delete(block.sheet);
    const ws = this.context.workbook.worksheets.getItem(block.sheet);
    const width = block.headers.length;
    const columnFormats = block.headers.map((_, c) => columnFormat(block, c));
    const header = ws.getRangeByIndexes(block.headerRow, block.firstColumn, 1, width);
    header.numberFormat = [block.headers.map(() => TEXT_FORMAT)];
    header.values = [block.headers.slice()];
    header.format.font.bold = true;
    // Range.columnHidden is read/write (ExcelApi 1.2, https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-columnhidden-member),
    // set on the whole column (Range.getEntireColumn, ExcelApi 1.1) as Excel hides columns
    for (const c of block.hiddenColumns ?? []) ws.getRangeByIndexes(block.headerRow, block.firstColumn + c, 1, 1).getEntireColumn().columnHidden = true;
    const count = blockRowCount(block);
    const line = (values: OutputValue[]) => {
      const out = { values: [] as Array<string | number>, formats: [] as string[] };
      for (let c = 0; c < width; c++) {
        const v = values[c] ?? null;
        out.values.push(toExcelValue(v));
        out.formats.push(typeof v === 'string' ? TEXT_FORMAT : typeof v === 'number' ? (block.numberFormats[c] ?? GENERAL_FORMAT) : columnFormats[c]);
      }
      return out;
    };
    if (this.features.conditionalFormats && count) {
      // Replaces earlier rules on the output area only (Tariefwijzer's own columns).
      const area = ws.getRangeByIndexes(block.headerRow + 1, block.firstColumn, count, width);
      area.conditionalFormats.clearAll();
      for (const h of block.highlights ?? []) {
        const cf = area.conditionalFormats.add('Custom' as Excel.ConditionalFormatType);
        cf.custom.rule.formula = `=${highlightFormula(h, block)}`;
        cf.custom.format.fill.color = h.color;
      }
    }
    if (this.features.dataValidation && count) {
      // An existing rule is cleared first: DataValidation.clear "Clears the data validation from the current
      // range", and a list is then set as the docs' sample does (rule = { list: { inCellDropDown, source } },
      // https://learn.microsoft.com/javascript/api/excel/excel.listdatavalidation, ExcelApi 1.8).
      for (const v of block.validations ?? []) {
        for (const c of v.moved ?? []) ws.getRangeByIndexes(block.headerRow + 1, block.firstColumn + c, count, 1).dataValidation.clear();
        const cells = ws.getRangeByIndexes(block.headerRow + 1, block.firstColumn + v.column, count, 1);
        cells.dataValidation.clear();
        cells.dataValidation.rule = { list: { inCellDropDown: true, source: listSource(v) } };
      }
    }
    // a block with a RowSource has its notes only after its last window: its notes go after its rows
    if (this.features.notes && count && !block.rows) await this.replaceNotes(ws, block);
    this.extents.delete(block.sheet);
    this.dirty = this.wrote = true;
    this.queued += JSON.stringify(block.headers).length * 2 + 256 * (block.highlights?.length ?? 0);
    const rows = new BlockRows(block);
    for (let start = 0; start < count;) {
      await rows.load(start);
      const lines: Array<{ values: Array<string | number>; formats: string[] }> = [];
      for (let r = start; r < count && rows.get(r); r++) {
        if (this.hooks.pause && r % PAUSE_EVERY === 0) await this.hooks.pause();
        lines.push(line(rows.get(r)!));
      }
      await this.writeRows(ws, block.headerRow + 1 + start, block.firstColumn, width, lines, { before: start, total: count });
      start += lines.length;
    }
    if (this.features.notes && count && block.rows) await this.replaceNotes(ws, block);
  }

  /** Delete the notes in the block's value area (ours), add the block's: one sync, two if there were notes. */
  private async replaceNotes(ws: Excel.Worksheet, block: OutputBlock): Promise<void> {
    if (!this.features.notes) return;
    const notes = ws.notes;
    notes.load('items');
    await this.sync();
    if (notes.items.length) {
      const locations = notes.items.map((note) => {
        const at = note.getLocation();
        at.load('rowIndex,columnIndex');
        return at;
      });
      await this.sync();
      const top = block.headerRow + 1;
      notes.items.forEach((note, i) => {
        const { rowIndex, columnIndex } = locations[i];
        if (
          rowIndex >= top &&
          rowIndex < top + blockRowCount(block) &&
          columnIndex >= block.firstColumn &&
          columnIndex < block.firstColumn + block.headers.length
        )
          note.delete();
      });
    }
    for (const n of block.notes ?? []) {
      notes.add(ws.getRangeByIndexes(block.headerRow + 1 + n.row, block.firstColumn + n.column, 1, 1), n.text);
      this.queued += n.text.length + 64;
    }
  }

  /** Delete the sheet if it exists, add it anew (at the end), write the rows; strings as text. */
  async replaceSheet(name: string, unsafe: OutputValue[][]): Promise<void> {
    const rows = safeRows(unsafe);
    const names = await this.sheetNames();
    const sheets = this.context.workbook.worksheets;
    const existing = names.find((n) => n.toLowerCase() === name.toLowerCase());
    let ws: Excel.Worksheet;
    const width = Math.max(1, ...rows.map((r) => r.length));
    const before = existing !== undefined ? this.replaced.get(existing) : undefined;
    if (existing !== undefined) {
      ws = sheets.getItem(existing);
      // Writing again what this run wrote, over all of it (annotate's metadata sheet gets its counts after the
      // rows): every cell is overwritten, so no clear first, and a request broken off halfway never leaves the
      // sheet empty (it keeps "onvolledig" until the last request says "voltooid").
      if (!before || before.rows > rows.length || before.width > width) ws.getRange().clear('All' as Excel.ClearApplyTo);
    } else {
      ws = sheets.add(name);
      this.names = [...names, name];
    }
    this.extents.delete(existing ?? name);
    this.replaced.set(existing ?? name, { rows: rows.length, width });
    this.dirty = this.wrote = true;
    const lines = rows.map((line) => {
      const values: Array<string | number> = [];
      const formats: string[] = [];
      for (let c = 0; c < width; c++) {
        const v = line[c] ?? null;
        values.push(toExcelValue(v));
        formats.push(typeof v === 'string' ? TEXT_FORMAT : GENERAL_FORMAT);
      }
      return { values, formats };
    });
    await this.writeRows(ws, 0, 0, width, lines);
  }

  /** Send what is queued: the end of a job, or before the user is told it is done. */
  async flush(): Promise<void> {
    if (this.dirty) await this.sync();
  }

  /**
   * Queue rows in blocks of at most BLOCK_ROWS (formats, then values), syncing only when the request would
   * pass PAYLOAD_BUDGET; the rest goes with the next sync or `flush`.
   */
  private async writeRows(
    ws: Excel.Worksheet,
    firstRow: number,
    firstColumn: number,
    width: number,
    rows: Array<{ values: Array<string | number>; formats: string[] }>,
    progress = { before: 0, total: rows.length },
  ): Promise<void> {
    let start = 0;
    while (start < rows.length) {
      let end = start;
      let bytes = 0;
      while (end < rows.length && end - start < BLOCK_ROWS) {
        if (this.hooks.pause && end % PAUSE_EVERY === 0) await this.hooks.pause();
        const rowBytes = JSON.stringify(rows[end].values).length + JSON.stringify(rows[end].formats).length + 2;
        if (this.queued + bytes + rowBytes > PAYLOAD_BUDGET && (end > start || this.queued > 0)) break;
        bytes += rowBytes;
        end++;
      }
      if (end === start) {
        // the request so far is full: send it, then start this block afresh
        await this.sync();
        continue;
      }
      const range = ws.getRangeByIndexes(firstRow + start, firstColumn, end - start, width);
      const slice = rows.slice(start, end);
      range.numberFormat = slice.map((r) => r.formats);
      range.values = slice.map((r) => r.values);
      this.queued += bytes;
      this.dirty = this.wrote = true;
      start = end;
      if (progress.total > BLOCK_ROWS) this.hooks.onRows?.('schrijven', progress.before + start, progress.total);
    }
  }
}

/**
 * The areas of a RangeAreas address, "Blad1!K5:N5, 'Mijn blad'!A20:N20" (RangeAreas.address: "the worksheet name
 * for each rectangular block of cells"). A quoted sheet name may hold commas and "!", so each area is read as
 * a sheet reference followed by its cells.
 */
export function parseAreas(address: string): CellArea[] {
  const out: CellArea[] = [];
  const area = /(?:'(?:[^']|'')*'|[^'!,\s][^'!,]*)!\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?/g;
  for (const m of address.matchAll(area)) {
    const [c0, r0] = [columnIndexOf(m[1]), Number(m[2]) - 1];
    const [c1, r1] = m[3] ? [columnIndexOf(m[3]), Number(m[4]) - 1] : [c0, r0];
    out.push({ firstRow: Math.min(r0, r1), lastRow: Math.max(r0, r1), firstColumn: Math.min(c0, c1), lastColumn: Math.max(c0, c1) });
  }
  return out;
}

/** What a read of a sheet's first rows also loads about the sheet, in the same sync. */
interface SheetFacts {
  worksheet: Excel.Worksheet;
  tables: Excel.TableCollection;
}

/**
 * Worksheet.visibility and the tables' showTotals (both ExcelApi 1.1, under the manifest's floor):
 * https://learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-visibility-member and
 * https://learn.microsoft.com/javascript/api/excel/excel.table#excel-excel-table-showtotals-member.
 */
function loadSheetFacts(worksheet: Excel.Worksheet): SheetFacts {
  worksheet.load('visibility');
  const tables = worksheet.tables;
  tables.load('items/showTotals');
  return { worksheet, tables };
}

const VISIBILITY: Record<string, 'visible' | 'hidden' | 'veryHidden'> = { Visible: 'visible', Hidden: 'hidden', VeryHidden: 'veryHidden' };

function extentOf(used: Excel.Range): Extent | null {
  return used.isNullObject ? null : { rowIndex: used.rowIndex, columnIndex: used.columnIndex, rowCount: used.rowCount, columnCount: used.columnCount };
}

function size(extent: Extent | null): { rowCount: number; columnCount: number } {
  return extent ? { rowCount: extent.rowIndex + extent.rowCount, columnCount: extent.columnIndex + extent.columnCount } : { rowCount: 0, columnCount: 0 };
}

/** A loaded row as cells from column A. */
function toLine(columnIndex: number, values: unknown[], types: string[], formats: string[]): CellValue[] {
  const line = new Array<CellValue>(columnIndex).fill(null);
  for (let c = 0; c < values.length; c++) line.push(toCellValue(values[c], types[c], formats[c]));
  return line;
}

/** Only the requested columns of a line (the others null), or the whole line. */
function pick(line: CellValue[], columns: readonly number[] | undefined): CellValue[] {
  if (!columns) return line;
  const out = new Array<CellValue>(Math.max(-1, ...columns) + 1).fill(null);
  for (const c of columns) out[c] = line[c] ?? null;
  return out;
}

/** The requested columns inside the used range, as contiguous runs (one range each). */
function columnRuns(extent: Extent, columns: readonly number[] | undefined): Array<{ column: number; width: number }> {
  const first = extent.columnIndex;
  const last = extent.columnIndex + extent.columnCount - 1;
  if (!columns) return [{ column: first, width: extent.columnCount }];
  const wanted = [...new Set(columns)].filter((c) => c >= first && c <= last).sort((a, b) => a - b);
  const runs: Array<{ column: number; width: number }> = [];
  for (const c of wanted) {
    const run = runs[runs.length - 1];
    if (run && run.column + run.width === c) run.width++;
    else runs.push({ column: c, width: 1 });
  }
  return runs;
}

/**
 * The format of an output column: its own number format when it holds numbers, text otherwise. With a RowSource
 * the rows are not known yet: a column without a number format is text, and a number in it gets General.
 */
function columnFormat(block: OutputBlock, c: number): string {
  const hasNumber = !block.rows && block.values.some((line) => typeof line[c] === 'number');
  if (hasNumber || block.numberFormats[c]) return block.numberFormats[c] ?? GENERAL_FORMAT;
  return TEXT_FORMAT;
}

/** Office.js ignores null in a values array (the cell keeps its value); an empty string clears it. */
function toExcelValue(v: OutputValue): string | number {
  return v === null ? '' : v;
}

/** Excel refused the size of a request or of its answer (Excel on the web); a smaller read may pass. */
function isPayloadTooLarge(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'RequestPayloadSizeLimitExceeded' || code === 'ResponsePayloadSizeLimitExceeded' || code === 'PayloadTooLarge';
}

export function toCellValue(value: unknown, type: string, format: string | undefined): CellValue {
  switch (type) {
    case 'Empty':
      return null;
    case 'Error':
      return { error: String(value) };
    case 'Boolean':
      return Boolean(value);
    case 'Integer':
    case 'Double':
      if (typeof value === 'number' && format && isDateFormat(format)) return serialToDate(value);
      return typeof value === 'number' ? value : Number(value);
    case 'String':
      return value === '' ? null : String(value);
    default:
      if (value === '' || value === null || value === undefined) return null;
      return typeof value === 'number' || typeof value === 'boolean' ? value : typeof value === 'string' ? value : JSON.stringify(value);
  }
}
