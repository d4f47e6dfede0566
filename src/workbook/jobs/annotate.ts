/**
 * The annotate job: workbook → rows → engine → results → workbook. Adapter-agnostic: works on any WorkbookPort.
 * Writes only the Tariefwijzer columns and the Tariefwijzer sheet; re-running replaces them.
 */
import { formatCount } from '../../domain/count';
import { packTitles, type RowResult, type RunResult } from '../../domain/engine';
import { flagFormatter, flagName, type Flag } from '../../domain/flags';
import { dec, formatEuro, formatPercentage } from '../../domain/money';
import { cellToText, isEmptyCell, type CellValue } from '../../domain/parse';
import type { ParameterValues, PolicyPack } from '../../domain/policy/types';
import { countRow, emptyCounts, type TariffCounts } from '../../domain/tariff-verdict';
import { detectHeader, HEADER_SCAN_ROWS, OUT, OUTPUT_HEADERS, ownBlock, REVIEW_CELLS, type OwnBlock } from '../headers';
import {
  META_SHEET,
  META_TITLE,
  OUTPUT_END_LABEL,
  formatLocalDateTime,
  parameterText,
  PERCENTAGE_FORMAT,
  STATUS_COMPLETE,
  STATUS_COMPLETE_NOTE,
  STATUS_INCOMPLETE,
  STATUS_INCOMPLETE_NOTE,
  STATUS_LABEL,
  REVIEW_DATE_FORMAT,
  REVIEW_OPEN,
  REVIEW_VERDICTS,
  TARIFF_FORMAT,
} from '../names';
import { placeOutput } from '../output-columns';
import type { CellNote, OutputValue, RowSource, WorkbookPort } from '../port';
import { RowComputer, scanRows, type Scan } from './compute-rows';
import { type JobOptions } from './job';
import { type ColumnMapping, type InputLayout } from './layout';
import { ChangeLog, writeChanges } from './change-sheet';
import { compareRow, type RowChange } from './changes';
import type { RerunMatcher } from './previous-run';
import { readRows, readWindow } from './read-rows';
import { encodeRecord, makeRecord } from './row-record';

/** Rows with a flag of severity fout (red) or waarschuwing (yellow), in the output columns only. */
/** At most this many notes per run: notes are for finding the rows that need a look, not a second report. */
export const MAX_NOTES = 500;
export const HIGHLIGHTS = [
  { column: OUT.signals, contains: '[waarschuwing]', color: '#FFEB9C' },
  { column: OUT.signals, contains: '[fout]', color: '#FFC7CE' },
];

export interface AnnotateOptions extends JobOptions {
  sheet?: string;
  /** Corrections to the detected columns (from the task pane's column preview). */
  mapping?: ColumnMapping;
  /** Sheets that are never data (e.g. a policy sheet under another name than "Tariefwijzer beleid"). */
  skipSheets?: string[];
  /**
   * Compute in slices of this many rows and give the event loop a turn between them (the task pane stays
   * responsive and can cancel); without it the rows are computed in one go. A big sheet is read and computed in
   * windows of rows (READ_WINDOW), so the phases 'lezen' and 'rekenen' may alternate before 'schrijven'.
   */
  slice?: number;
  /** Repeat the flags of rows with a fout or waarschuwing as a note on their signal cell (default: yes). */
  notes?: boolean;
  /**
   * Keep every row's result in the outcome's run.results (default: yes; the task pane shows them). Without,
   * run.results is empty and a run's memory does not grow with its rows (the CLI unless it prints JSON).
   */
  keepResults?: boolean;
  /** Rows per read window (READ_WINDOW); tests set fewer to run over several windows. */
  window?: number;
  /** Rows per read window on a rerun, at most (ScanOptions.rerunWindow). */
  rerunWindow?: number;
  /**
   * Compare with the previous run's columns (default: yes). Without, a rerun writes over them as a first run would:
   * no change sheet, every review open. Only the benchmark's floor of a rerun asks for that (bench/rerun-floor.ts).
   */
  compare?: boolean;
}

export interface AnnotateOutcome {
  sheet: string;
  headerRow: number;
  run: RunResult;
  /** Rows that held data (empty rows are skipped). */
  dataRows: number;
  tariffsSet: number;
  fingerprint: string;
  warnings: string[];
  /** Flag code → its name (flagName), for every code in run.flagCounts. */
  flagNames: Record<string, string>;
  /** What the verdict needs (domain/tariff-verdict.ts), counted as the rows were computed: also without run.results. */
  counts: TariffCounts;
  /** The sheet columns (0-based) of the review cells the run wrote: verdict, by whom, when. */
  reviewColumns: number[];
  /**
   * On a rerun over Tariefwijzer's columns: the rows that changed (also written to the sheet Tariefwijzer
   * wijzigingen), the summary per provider and what could not be compared; undefined on a first run. The listed
   * changes (up to MAX_LISTED_CHANGES) stay packed: `firstListed(n)` makes the first n as objects, as a pane shows them.
   */
  changes?: {
    total: number;
    listedCount: number;
    firstListed(n: number): RowChange[];
    perProvider: ReturnType<ChangeLog['summary']>;
    notes: string[];
  };
}

/**
 * The second pass computes and hands the writer this many rows at a time (at most a read window): when every row's
 * output differs, a window's results and output texts are ≈ 2 KB a row, and a small window lets them die young
 * (in V8's new space) instead of piling up in the old space until a full collection.
 */
const COMPUTE_WINDOW = 1_024;

/** What the second pass adds up while it computes, for the metadata sheet and the outcome. */
interface Tally {
  results: RowResult[];
  counts: TariffCounts;
  flagCounts: Record<string, number>;
  /** Flag code → its name, in the order the codes first occur. */
  names: Map<string, string>;
  notes: CellNote[];
  flagged: number;
  /** On a rerun: the changes found as the rows are computed. */
  log?: ChangeLog;
}

/**
 * The second pass as the block's rows: each call reads the next window, computes its rows (with the repeated
 * lines of the first pass) and gives their output; the writer pulls it just before it writes those rows. A run
 * holds one window of input and output rows, whatever the data.
 */
function rowSource(
  port: WorkbookPort,
  pack: PolicyPack,
  params: ParameterValues,
  layout: InputLayout,
  scan: Scan,
  count: number,
  tally: Tally,
  options: AnnotateOptions,
): RowSource {
  const { sheet, match } = layout;
  // a sheet read in one window by the first pass is not read again
  const size = scan.held.reads ? scan.window : readWindow(scan.window, port.windowWhileWriting);
  const step = Math.min(size, COMPUTE_WINDOW);
  const formatFlag = flagFormatter(packTitles(pack));
  const empty: OutputValue[] = OUTPUT_HEADERS.map(() => null);
  const computer = new RowComputer(pack, params, sheet, scan.repeated);
  // Equal rows share their result's flags (ResultMemo), and so one output row: one array and one signal text
  // for every row of a window with the same outcome. The port only reads the rows it is given.
  let shared = new Map<readonly unknown[], { of: RowResult; line: OutputValue[] }>();
  let lines: OutputValue[][] = [];
  let base = 0;
  const until = () => match.row + 1 + base + lines.length;
  // no cancel from here: once writing has started, the run completes (AnnotateOptions.signal)
  const read = { pause: options.pause, slice: options.slice, window: size, reuse: scan.held, quiet: true, until, extra: scan.matcher?.columns() };
  const reader = readRows(port, pack, layout, read, (row, r, cellsLine) => {
    const res = computer.compute(row, r);
    tallyRow(tally, res, r - match.row - 1, formatFlag, options.notes !== false, options.keepResults !== false);
    const known = shared.get(res.flags);
    let values: OutputValue[];
    if (known && known.of.percentage === res.percentage && known.of.tarief === res.tarief && known.of.explanation === res.explanation) values = known.line;
    else {
      // rows with their own tariff may share flags and percentage with an earlier row (ResultMemo): not their texts again
      values = [
        known && known.of.percentage === res.percentage ? known.line[0] : res.percentage ? res.percentage.dividedBy(100).toNumber() : null,
        res.tarief ? res.tarief.toNumber() : null,
        known ? known.line[2] : res.flags.map(formatFlag).join('\n') || null,
        res.explanation || null,
      ];
      shared.set(res.flags, { of: res, line: values });
    }
    lines[r - match.row - 1 - base] = rowRecordAndReview(pack, row.cells, values, r, cellsLine, scan.matcher, tally.log);
  });
  let reading = true;
  let produced = 0;
  return {
    count,
    async next() {
      base = produced;
      lines = new Array<OutputValue[]>(Math.min(step, count - produced)).fill(empty);
      // results of rows long written are let go: output rows are shared within a window, the memo up to a size
      computer.trim();
      shared = new Map();
      if (reading) reading = !(await reader.next()).done;
      produced += lines.length;
      return lines;
    },
  };
}

/** The results' columns, in the order rowSource makes them: percentage, tarief, signalen, toelichting. */
const RESULT_COLUMNS = [OUT.percentage, OUT.tariff, OUT.signals, OUT.explanation] as const;

/** A row's output in OUTPUT_HEADERS order: its four results, its review (three cells) and its record. */
function outputLine(results: readonly OutputValue[], review: readonly OutputValue[], record: string): OutputValue[] {
  const line = new Array<OutputValue>(OUTPUT_HEADERS.length);
  RESULT_COLUMNS.forEach((k, i) => (line[k] = results[i]));
  REVIEW_CELLS.forEach((k, i) => (line[k] = review[i]));
  line[OUT.record] = record;
  return line;
}

const OPEN_REVIEW: readonly OutputValue[] = [REVIEW_OPEN, null, null];

/**
 * The row's output line with its record and review: kept where the previous run's numbers stand, 'open' where they
 * moved, the row is new or a Tariefwijzer cell was edited by hand. A change goes into the log with the review it had.
 */
function rowRecordAndReview(
  pack: PolicyPack,
  cells: Record<string, CellValue>,
  values: readonly OutputValue[],
  r: number,
  line: readonly CellValue[],
  matcher: RerunMatcher | undefined,
  log: ChangeLog | undefined,
): OutputValue[] {
  const record = makeRecord(cells, values[0] as number | null, values[1] as number | null);
  const text = encodeRecord(record);
  if (!matcher || !log) return outputLine(values, OPEN_REVIEW, text);
  const same = matcher.reviewIfSame(line, r, text, values[0], values[1]);
  if (same) return outputLine(values, keptReview(same), text);
  const previous = matcher.previousFor(line, r, record, text);
  const change = compareRow(pack, previous, record, matcher.previous.global, log.listing);
  if (!change) return outputLine(values, previous ? keptReview(previous.review) : OPEN_REVIEW, text);
  const volume = cells.volume ?? undefined;
  if (log.listing) log.add({ ...change, row: r, volume });
  else log.count({ agb: change.agb, provider: change.provider, old: change.old, new: change.new, volume });
  return outputLine(values, OPEN_REVIEW, text);
}

/** The review cells as they were (a date as Excel's serial number, shown in REVIEW_DATE_FORMAT). */
function keptReview(review: readonly CellValue[]): OutputValue[] {
  const out = [0, 1, 2].map((i): OutputValue => {
    const v = review[i] ?? null;
    if (v instanceof Date) return excelSerial(v);
    return typeof v === 'string' || typeof v === 'number' || v === null ? v : cellToText(v);
  });
  if (isEmptyCell(out[0])) out[0] = REVIEW_OPEN;
  return out;
}

/** Excel's serial date number of a date read from a cell (days since 30 December 1899, UTC). */
function excelSerial(d: Date): number {
  return (d.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000;
}

/** Counts, notes and (if kept) the result of one row, in row order. */
function tallyRow(tally: Tally, res: RowResult, row: number, formatFlag: (f: Flag) => string, notes: boolean, keep: boolean): void {
  if (keep) tally.results.push(res);
  countRow(tally.counts, res);
  for (const f of res.flags) if (!tally.names.has(f.code)) tally.names.set(f.code, flagName(f));
  for (const code of new Set(res.flags.map((f) => f.code))) tally.flagCounts[code] = (tally.flagCounts[code] ?? 0) + 1;
  if (!notes || !res.flags.some((f) => f.severity === 'fout' || f.severity === 'waarschuwing')) return;
  if (++tally.flagged <= MAX_NOTES) tally.notes.push({ row, column: OUT.signals, text: `Tariefwijzer:\n${res.flags.map(formatFlag).join('\n')}` });
}

export async function annotateWorkbook(port: WorkbookPort, pack: PolicyPack, params: ParameterValues, options: AnnotateOptions = {}): Promise<AnnotateOutcome> {
  const { layout, scan } = await scanRows(port, pack, params, { ...options, previousRun: options.compare !== false });
  const { sheet, match, rowCount, columnCount, tariffSheet, warnings, lastOutputRow } = layout;
  const print = scan.fingerprint;
  options.onPhase?.('schrijven');

  // The block covers the data rows and, over earlier output, the rows that output may still occupy: as far
  // as the recorded run wrote, or (no usable record) the whole used range. Not a used range made tall by a
  // stray cell far below the data: that would be millions of empty cells written for nothing.
  const previous = scan.matcher?.previous;
  // An earlier block is written over in the current order: an older Tariefwijzer's four columns grow in place by
  // the new ones (RerunMatcher checked they are empty), a block with the record fifth gets it last. A block left
  // by a run that was broken off is written over too, but only when all its columns are there.
  const own = previous ?? full(ownBlock(match.outputColumns));
  const complete = own !== undefined;
  const lastDataRow = scan.lastDataRow;
  const lastRow = !complete ? lastDataRow : lastOutputRow !== undefined ? Math.max(lastDataRow, lastOutputRow) : rowCount - 1;
  const place = await placeOutput(port, {
    sheet,
    headerRow: match.row,
    lastRow,
    width: OUTPUT_HEADERS.length,
    after: columnCount,
    existing: own ? OUTPUT_HEADERS.map((_, i) => own.first + i) : match.outputColumns,
    headerLine: layout.head[match.row] ?? [],
    noun: 'Tariefwijzer-kolommen',
    ownHidden: [OUT.record],
  });
  const firstColumn = place.firstColumn;
  warnings.push(...place.warnings);
  const log = scan.matcher && new ChangeLog(match.columns.volume !== undefined);
  const tally: Tally = { results: [], counts: emptyCounts(), flagCounts: {}, names: new Map(), notes: [], flagged: 0, log };
  const info = {
    sheet,
    headerRow: match.row,
    lastRow,
    tariffSheet: tariffSheet?.name,
    rows: scan.dataRows,
    fingerprint: print,
    now: options.now ?? new Date(),
    warnings,
  };
  // The metadata sheet first, saying "onvolledig" (its counts follow once the rows are written); the output
  // block (one or more requests); the metadata sheet with its counts; "voltooid" last.
  await port.replaceSheet(META_SHEET, metadataRows(params, tally, pack, info));
  await port.writeBlock({
    sheet,
    headerRow: match.row,
    firstColumn,
    headers: [...OUTPUT_HEADERS],
    values: [],
    rows: rowSource(port, pack, params, layout, scan, lastRow - match.row, tally, options),
    numberFormats: NUMBER_FORMATS,
    validations: [{ column: OUT.review, values: REVIEW_VERDICTS, moved: movedFrom(own, OUT.review) }],
    // the record is for the next run: hidden where it is placed; a rerun over it leaves it as the user has it
    hiddenColumns: own?.order === 'current' ? [] : [OUT.record],
    highlights: HIGHLIGHTS,
    notes: tally.notes,
  });
  if (tally.flagged > MAX_NOTES)
    warnings.push(
      `${formatCount(tally.flagged)} rijen hebben een fout of waarschuwing; alleen de eerste ${formatCount(MAX_NOTES)} kregen een notitie. De kolom Tariefwijzer signalen heeft ze allemaal.`,
    );
  const meta = metadataRows(params, tally, pack, info);
  await port.replaceSheet(META_SHEET, meta);
  if (scan.matcher && log) await writeChanges(port, scan.matcher, log);
  // The status cells as a one-row block on the own sheet: the port's way to change cells it wrote.
  const statusRow = meta.findIndex((line) => line[0] === STATUS_LABEL);
  await port.writeBlock({
    sheet: META_SHEET,
    headerRow: statusRow,
    firstColumn: 1,
    headers: [STATUS_COMPLETE, STATUS_COMPLETE_NOTE],
    values: [],
    numberFormats: [undefined, undefined],
  });
  await port.flush();
  const run: RunResult = {
    pack: { id: pack.id, version: pack.version, title: pack.title },
    parameters: params,
    results: tally.results,
    flagCounts: tally.flagCounts,
  };
  return {
    sheet,
    headerRow: match.row,
    run,
    dataRows: scan.dataRows,
    tariffsSet: tally.counts.tariffsSet,
    counts: tally.counts,
    reviewColumns: REVIEW_CELLS.map((k) => firstColumn + k),
    fingerprint: print,
    warnings,
    flagNames: Object.fromEntries(tally.names),
    changes: log && {
      total: log.total,
      listedCount: log.listedCount,
      firstListed: (n: number) => log.firstListed(n),
      perProvider: log.summary(),
      notes: log.notes,
    },
  };
}

/** The number format of each own column (undefined: General). */
const NUMBER_FORMATS = OUTPUT_HEADERS.map((_, k) =>
  k === OUT.percentage ? PERCENTAGE_FORMAT : k === OUT.tariff ? TARIFF_FORMAT : k === OUT.reviewed ? REVIEW_DATE_FORMAT : undefined,
);

/** Where an earlier block in another order had own column `k` (a block column), when it is not where it goes now. */
function movedFrom(own: { first: number; columns: ReadonlyArray<number | undefined> } | undefined, k: number): number[] {
  const c = own?.columns[k];
  return c === undefined || c - own!.first === k ? [] : [c - own!.first];
}

/** An earlier block that has all the own columns (in any order a run wrote them), not an older one of four. */
function full(block: OwnBlock | undefined): OwnBlock | undefined {
  return block && block.order !== 'results' ? block : undefined;
}

function metadataRows(
  parameters: ParameterValues,
  tally: Pick<Tally, 'flagCounts' | 'names' | 'counts'>,
  pack: PolicyPack,
  info: {
    sheet: string;
    headerRow: number;
    lastRow: number;
    tariffSheet?: string;
    rows: number;
    fingerprint: string;
    now: Date;
    warnings: string[];
  },
): OutputValue[][] {
  const out: OutputValue[][] = [
    [META_TITLE],
    [],
    ['Beleid', pack.id],
    ['Titel', pack.title],
    ['Versie', pack.version],
    ['Zorgkantoor', pack.zorgkantoor],
    ['Inkoopjaar', pack.inkoopjaar],
    ['Blad', info.sheet],
    ['Tarieventabel', info.tariffSheet ?? '(geen; maximumtarief uit de rijen)'],
    ['Tijdstip', formatLocalDateTime(info.now)],
    ['Vingerafdruk invoer', info.fingerprint],
    ['Rijen', info.rows],
    ['Tarieven berekend', tally.counts.tariffsSet],
    [STATUS_LABEL, STATUS_INCOMPLETE, STATUS_INCOMPLETE_NOTE],
    ['Kopregel op rij', info.headerRow + 1],
    [OUTPUT_END_LABEL, info.lastRow + 1, 'de volgende berekening maakt de uitvoerkolommen tot en met deze rij opnieuw'],
    [],
    ['Parameter', 'Waarde'],
  ];
  // The parameter's Dutch label (readLastRun maps it back to the parameter through the pack).
  for (const [name, def] of Object.entries(pack.parameters)) out.push([def.label, parameterText(parameters[name])]);
  out.push([], ['Signaal', 'Aantal rijen']);
  const names = tally.names;
  for (const [code, n] of Object.entries(tally.flagCounts).sort(([a], [b]) => (names.get(a) ?? a).localeCompare(names.get(b) ?? b, 'nl')))
    out.push([names.get(code) ?? flagName({ code }), n]);
  if (info.warnings.length) {
    out.push([], ['Opmerkingen']);
    for (const w of info.warnings) out.push([w]);
  }
  return out;
}

/** What Tariefwijzer wrote for one row, read back from its output columns (a shared workbook). */
export interface RowExplanation {
  sheet: string;
  /** 0-based row. */
  row: number;
  percentage?: string;
  tarief?: string;
  signalen?: string;
  toelichting?: string;
}

/**
 * The output cells of one row, found by the output headers in the sheet's first rows: one read (two parts,
 * one round trip). Undefined when the row is not below Tariefwijzer's header or has no output.
 */
export async function readRowExplanation(port: WorkbookPort, sheet: string, row: number): Promise<RowExplanation | undefined> {
  const [head, line] = await port.readSheets([
    { sheet, rows: HEADER_SCAN_ROWS },
    { sheet, firstRow: row, rows: 1 },
  ]);
  const match = detectHeader(head.cells).match;
  const cols = match?.outputColumns ?? [];
  if (!match || row <= match.row || cols[OUT.explanation] === undefined) return undefined;
  const cells = line.cells[row] ?? [];
  const text = (c: number | undefined) => (c === undefined || isEmptyCell(cells[c]) ? undefined : cellToText(cells[c]));
  const number = (c: number | undefined, format: (v: number) => string) => {
    const v = c === undefined ? undefined : cells[c];
    return typeof v === 'number' ? format(v) : text(c);
  };
  const out: RowExplanation = {
    sheet,
    row,
    percentage: number(cols[OUT.percentage], (v) => formatPercentage(dec(v).times(100))),
    tarief: number(cols[OUT.tariff], (v) => formatEuro(dec(v))),
    signalen: text(cols[OUT.signals]),
    toelichting: text(cols[OUT.explanation]),
  };
  return out.percentage || out.tarief || out.signalen || out.toelichting ? out : undefined;
}
