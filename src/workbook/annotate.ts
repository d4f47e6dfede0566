/**
 * workbook → rows → engine → results → workbook. Adapter-agnostic: works on any WorkbookPort.
 * Writes only the Tariefwijzer columns and the Tariefwijzer sheet; re-running replaces them.
 */
import {
  batchLineKey,
  lineYear,
  packTitles,
  PRESTATIE_FIELDS,
  ResultMemo,
  rowPrestatieCode,
  rowRef,
  withRepeatedLine,
  type InputRow,
  type RowResult,
  type RunResult,
} from '../domain/engine';
import { normalizeHeader } from '../domain/fields';
import { flagFormatter, flagName, type Flag } from '../domain/flags';
import { dec, formatEuro, formatNumber, formatPercentage } from '../domain/money';
import { cellToText, isEmptyCell, type CellValue } from '../domain/parse';
import { normalizeCode } from '../domain/prestaties';
import type { ParameterValues, PolicyPack } from '../domain/policy/types';
import { detectHeader, HEADER_SCAN_ROWS, isHidden, isPolicySheet, OUTPUT_HEADERS, visibleFirst, type HeaderMatch } from './headers';
import { InputError } from './errors';
import { Fingerprint } from './fingerprint';
import { RepeatedLines } from './lines';
import { existingBlock, placeOutput } from './output-columns';
import type { CellNote, OutputValue, ReadRequest, RowSource, SheetRead, WorkbookPort } from './port';
import { countRow, emptyCounts, type TariffCounts } from '../domain/tariff-verdict';

export const META_SHEET = 'Tariefwijzer';
/**
 * The run's status on the metadata sheet. A run writes the sheet with "onvolledig" in its first request and
 * sets "voltooid" in its last one, so a run broken off halfway (a lost connection, a host error) leaves a
 * workbook that says so: readLastRun reports it, the task pane asks to calculate again, and a re-run
 * replaces every output cell.
 */
export const STATUS_LABEL = 'Status';
export const STATUS_INCOMPLETE = 'onvolledig';
export const STATUS_COMPLETE = 'voltooid';
const STATUS_INCOMPLETE_NOTE = 'de berekening is niet afgerond; de uitvoerkolommen kunnen deels oud of leeg zijn. Kies opnieuw Bereken.';
const STATUS_COMPLETE_NOTE = 'alle uitvoer is geschreven';
export const PERCENTAGE_FORMAT = '0.00%';
export const TARIFF_FORMAT = '"€" #,##0.00';
/** Rows with a flag of severity fout (red) or waarschuwing (yellow), in the output columns only. */
/** At most this many notes per run: notes are for finding the rows that need a look, not a second report. */
export const MAX_NOTES = 500;
export const HIGHLIGHTS = [
  { column: 2, contains: '[waarschuwing]', color: '#FFEB9C' },
  { column: 2, contains: '[fout]', color: '#FFC7CE' },
];

export interface AnnotateOptions {
  sheet?: string;
  /** Corrections to the detected columns (from the task pane's column preview). */
  mapping?: ColumnMapping;
  /** Sheets that are never data (e.g. a policy sheet under another name than "Tariefwijzer beleid"). */
  skipSheets?: string[];
  now?: Date;
  /** Called with (rows done, rows total) while computing. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Called when a run starts reading, computing or writing. A big sheet is read and computed in windows of rows
   * (READ_WINDOW), so reading and computing may alternate before writing starts.
   */
  onPhase?: (phase: RunPhase) => void;
  /**
   * Compute in slices of this many rows and give the event loop a turn between them (the task pane stays
   * responsive and can cancel); without it the rows are computed in one go.
   */
  slice?: number;
  /** Repeat the flags of rows with a fout or waarschuwing as a note on their signal cell (default: yes). */
  notes?: boolean;
  /** Cancels the run while it reads or computes; once writing has started, the run completes. */
  signal?: AbortSignal;
  /**
   * Called often in every long loop (reading rows, fingerprinting, computing, preparing the output); it gives
   * the page a turn when a slice is used up (src/taskpane/jobs/slicer.ts). Reading and computing also check
   * for a cancel there.
   */
  pause?: () => Promise<void>;
  /**
   * Keep every row's result in the outcome's run.results (default: yes; the task pane shows them). Without,
   * run.results is empty and a run's memory does not grow with its rows (the CLI unless it prints JSON).
   */
  keepResults?: boolean;
  /** Rows per read window (READ_WINDOW); tests set fewer to run over several windows. */
  window?: number;
}

/** Loops call `pause` once every this many rows (it is cheap, and yields only when a slice is used up). */
const PAUSE_EVERY = 256;

export type RunPhase = 'lezen' | 'rekenen' | 'schrijven';

/** The user cancelled before anything was written. */
export class RunCancelled extends Error {
  constructor() {
    super('Berekening afgebroken; er is niets in de werkmap geschreven.');
  }
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
}

export function isTariffSheet(name: string): boolean {
  const n = normalizeHeader(name);
  return n.includes('nzatarie') || n === 'tarieven' || n.includes('maximumtarie');
}

/** The code as the engine reads it (prestaties.normalizeCode), so table lookups match the rows. */
export function normalizeCodeKey(v: CellValue): string {
  return normalizeCode(typeof v === 'number' ? v : cellToText(v)).code ?? '';
}

/** Code → maximumtarief from the rows of a sheet like "NZa tarieven" (header found by detectHeader). */
function buildTariffTable(cells: CellValue[][], match: HeaderMatch, name: string, warnings: string[]): Map<string, CellValue> {
  const table = new Map<string, CellValue>();
  for (let r = match.row + 1; r < cells.length; r++) {
    const code = normalizeCodeKey(cells[r]?.[match.columns.prestatiecode]);
    if (!code) continue;
    if (table.has(code)) warnings.push(`Tarieventabel "${name}": code ${code} staat er meer dan eens in; de eerste is gebruikt.`);
    else table.set(code, cells[r]?.[match.columns.maximumtarief]);
  }
  return table;
}

/** Code → maximumtarief from a sheet like "NZa tarieven", if the workbook has one besides `dataSheet`. */
export async function readTariffTable(
  port: WorkbookPort,
  names: string[],
  dataSheet: string,
  warnings: string[],
): Promise<{ table: Map<string, CellValue>; sheet?: string }> {
  const name = names.find((n) => n !== dataSheet && isTariffSheet(n));
  if (!name) return { table: new Map() };
  const [head] = await port.readSheets([{ sheet: name, rows: HEADER_SCAN_ROWS }]);
  const { match } = detectHeader(head.cells);
  if (!match || match.columns.maximumtarief === undefined) {
    warnings.push(`Blad "${name}" lijkt een tarieventabel, maar heeft geen kolommen Prestatiecode en NZa maximumtarief; niet gebruikt.`);
    return { table: new Map() };
  }
  const [data] = await port.readSheets([{ sheet: name, columns: [match.columns.prestatiecode, match.columns.maximumtarief] }]);
  return { table: buildTariffTable(data.cells, match, name, warnings), sheet: name };
}

/** Where a run reads its rows: the data sheet, its header and the column of each field. */
export interface InputLayout {
  sheet: string;
  match: HeaderMatch;
  /** Extent of the data sheet's used range from A1 (1-based last row and column). */
  rowCount: number;
  columnCount: number;
  /** The first rows of the data sheet, for a preview. */
  head: CellValue[][];
  tariffSheet?: { name: string; match: HeaderMatch };
  warnings: string[];
  /** The data sheet is protected: a run would be refused (see protectedSheetMessage). */
  protected?: boolean;
  /** The last row (0-based) that the recorded run's output block covered on this sheet, if known. */
  lastOutputRow?: number;
  /** A sheet named "Tariefwijzer" holds something else than a run record: a run would be refused. */
  metaTaken?: boolean;
  /** 0-based rows of the data sheet that are an Excel table's totals row: not read as data. */
  totalsRows?: number[];
}

/** A user's correction of the detected columns: field → 0-based column, or null for "not in this sheet". */
export type ColumnMapping = Record<string, number | null>;

/**
 * Find the data sheet and its header from the first rows of every candidate sheet (read together), and the
 * NZa tariff sheet if there is one. `mapping` overrides the detected columns.
 */
export async function detectLayout(
  port: WorkbookPort,
  pack: PolicyPack,
  options: { sheet?: string; mapping?: ColumnMapping; skipSheets?: string[] } = {},
): Promise<InputLayout> {
  const names = await port.sheetNames();
  if (!names.length) throw new InputError('De werkmap heeft geen bladen.');
  if (options.sheet !== undefined && !names.includes(options.sheet))
    throw new InputError(`Blad "${options.sheet}" bestaat niet. Bladen in dit bestand: ${names.join(', ')}.`);
  const candidates =
    options.sheet !== undefined
      ? [options.sheet]
      : names.filter((n) => !isOwnSheet(n) && !isTariffSheet(n) && !isPolicySheet(n) && !options.skipSheets?.includes(n));
  const tariffName = names.find((n) => !candidates.includes(n) && isTariffSheet(n));
  const wanted = [...candidates, ...(tariffName ? [tariffName] : [])];
  // The metadata sheet's first rows come along (same round trip): where the recorded run wrote its output.
  // Excel's sheet names are case-insensitive: a user's "tariefwijzer" is the sheet a run would rewrite, so it
  // is checked like "Tariefwijzer" (metaTaken below).
  const metaName = names.find((n) => n.toLowerCase() === META_SHEET.toLowerCase());
  const meta = metaName !== undefined;
  const reads = await port.readSheets(
    [...wanted, ...(metaName !== undefined ? [metaName] : [])].map((sheet) => ({ sheet, rows: sheet === metaName ? META_SCAN_ROWS : HEADER_SCAN_ROWS })),
  );
  const heads = reads.slice(0, wanted.length);
  const record = meta ? reads[wanted.length].cells : [];
  let found: { index: number; match: HeaderMatch } | undefined;
  let reason: string | undefined;
  const hiddenWithHeader: number[] = [];
  // Visible sheets first: a hidden old copy with the same header is not the data the user sees.
  for (const i of visibleFirst(candidates.map((_, i) => heads[i]))) {
    const detected = detectHeader(heads[i].cells, pack.fields);
    if (!detected.match) reason ??= detected.reason;
    else if (!found) found = { index: i, match: detected.match };
    else if (isHidden(heads[i])) hiddenWithHeader.push(i);
  }
  if (!found) {
    if (options.sheet !== undefined) throw new InputError(`Blad "${options.sheet}": ${reason}`);
    throw new InputError(
      `Geen blad met een kopregel gevonden (een rij met "Prestatiecode" en minstens één andere bekende kolom). Bladen: ${names.join(', ')}.`,
    );
  }
  const { match } = found;
  const warnings = [...match.warnings];
  const chosen = candidates[found.index];
  if (isHidden(heads[found.index]) && options.sheet === undefined) {
    warnings.push(
      `Blad "${chosen}" is verborgen; het is gebruikt omdat geen zichtbaar blad een kopregel met "Prestatiecode" heeft. Is dit het goede blad? Maak het zichtbaar (Start > Opmaak > Verbergen en zichtbaar maken) of kies een blad.`,
    );
  }
  if (hiddenWithHeader.length) {
    warnings.push(
      `Verborgen ${hiddenWithHeader.length === 1 ? 'blad' : 'bladen'} ${hiddenWithHeader.map((i) => `"${candidates[i]}"`).join(', ')} ${hiddenWithHeader.length === 1 ? 'heeft' : 'hebben'} ook een kopregel; het zichtbare blad "${chosen}" is gebruikt.`,
    );
  }
  if (options.mapping) applyMapping(match, options.mapping);
  const head = heads[found.index];
  let tariffSheet: InputLayout['tariffSheet'];
  if (tariffName) {
    const t = detectHeader(heads[wanted.length - 1].cells).match;
    if (!t || t.columns.maximumtarief === undefined)
      warnings.push(`Blad "${tariffName}" lijkt een tarieventabel, maar heeft geen kolommen Prestatiecode en NZa maximumtarief; niet gebruikt.`);
    else tariffSheet = { name: tariffName, match: t };
  }
  const sheet = candidates[found.index];
  if (head.protected) warnings.push(protectedSheetMessage(sheet));
  const lastOutputRow = recordedOutputEnd(record, sheet, match.row);
  // A sheet of the user's own that happens to be called "Tariefwijzer": a run would replace it.
  const metaTaken = record.some((row) => row?.some((v) => !isEmptyCell(v))) && cellToText(record[0]?.[0]) !== META_TITLE;
  if (metaTaken) warnings.push(metaTakenMessage());
  const totalsRows = (head.totalsRows ?? []).filter((r) => r > match.row);
  if (totalsRows.length)
    warnings.push(
      `Blad "${sheet}": ${totalsRows.length === 1 ? `rij ${totalsRows[0] + 1} is de totaalrij` : `rijen ${totalsRows.map((r) => r + 1).join(', ')} zijn totaalrijen`} van een Excel-tabel en ${totalsRows.length === 1 ? 'is' : 'zijn'} niet als gegevens gelezen.`,
    );
  return {
    sheet,
    match,
    rowCount: head.rowCount,
    columnCount: head.columnCount,
    head: head.cells,
    tariffSheet,
    warnings,
    protected: head.protected,
    lastOutputRow,
    metaTaken,
    totalsRows,
  };
}

/** Rows of the metadata sheet read with the layout: the labels up to the parameters. */
const META_SCAN_ROWS = 30;
const OUTPUT_END_LABEL = 'Uitvoer t/m rij';

/**
 * The last sheet row (0-based) the recorded run's output block covered on this sheet with this header
 * row; undefined when the record is of another sheet or layout, or has no such row (then the whole used
 * range is taken, as before).
 */
function recordedOutputEnd(record: CellValue[][], sheet: string, headerRow: number): number | undefined {
  const value = (label: string) => record.find((row) => cellToText(row?.[0]) === label)?.[1];
  if (cellToText(value('Blad')) !== sheet || cellToText(value('Kopregel op rij')) !== String(headerRow + 1)) return undefined;
  const end = value(OUTPUT_END_LABEL);
  return typeof end === 'number' && Number.isInteger(end) && end > headerRow ? end - 1 : undefined;
}

const META_TITLE = 'Tariefwijzer — gegevens van de laatste berekening';

function metaTakenMessage(): string {
  return `Er is al een blad "${META_SHEET}" dat niet door Tariefwijzer is gemaakt; een berekening zou het vervangen. Geef dat blad een andere naam en start de berekening opnieuw; er is niets gewijzigd.`;
}

export function protectedSheetMessage(sheet: string): string {
  return `Blad "${sheet}" is beveiligd, dus Tariefwijzer kan er geen kolommen in schrijven. Hef de beveiliging op (Controleren > Beveiliging blad opheffen) en start de berekening opnieuw; er is niets gewijzigd.`;
}

/** Tariefwijzer's own sheets ("Tariefwijzer", "Tariefwijzer beoordelingen", ...) never hold input rows. */
function isOwnSheet(name: string): boolean {
  return name === META_SHEET || name.startsWith(`${META_SHEET} `);
}

function applyMapping(match: HeaderMatch, mapping: ColumnMapping): void {
  for (const [field, column] of Object.entries(mapping)) {
    if (column === null) delete match.columns[field];
    else match.columns[field] = column;
  }
  if (match.columns.prestatiecode === undefined) throw new InputError('Zonder kolom voor de prestatiecode kan Tariefwijzer niet rekenen; kies er een.');
}

/**
 * Rows are read and computed in windows of this many: a run holds one window of input rows at a time, not the
 * whole sheet (a 300,000-row run would otherwise hold every row's cells while it computes). The .xlsx adapter goes
 * on reading where the last window stopped; with Office.js a window is one or a few round trips.
 */
export const READ_WINDOW = 65_536;
/**
 * The second pass computes and hands the writer this many rows at a time (at most a read window): when every row's
 * output differs, a window's results and output texts are ≈ 2 KB a row, and a small window lets them die young
 * (in V8's new space) instead of piling up in the old space until a full collection.
 */
const COMPUTE_WINDOW = 1_024;
/** Results the second pass keeps for reuse (ResultMemo) before it starts a new memo: distinct rows do not pile up. */
const MEMO_LIMIT = 4_096;

/** What readRows may be told besides AnnotateOptions. */
interface ReadOptions {
  pause?: () => Promise<void>;
  signal?: AbortSignal;
  slice?: number;
  onPhase?: (phase: RunPhase) => void;
  /** Rows per window (READ_WINDOW; tests use fewer). */
  window?: number;
  /** A sheet read in one window: keep that read here (`hold`) for the next pass, or take it from here (`reuse`). */
  hold?: { reads?: SheetRead[] };
  reuse?: { reads?: SheetRead[] };
  /** Tell nothing about the tariff table and skip the fingerprint: the first pass did both. */
  quiet?: boolean;
  /** Yield before a row at or after this one (0-based sheet row), until the caller moves it on. */
  until?: () => number;
}

/**
 * Every input row of the layout's sheet, read window by window; returns the fingerprint of the inputs. With
 * `until` it yields when it reaches that row, so a caller can take the rows in smaller steps than it reads them.
 */
async function* readRows(
  port: WorkbookPort,
  pack: PolicyPack,
  layout: InputLayout,
  options: ReadOptions,
  onRow: (row: InputRow, sheetRow: number) => void,
): AsyncGenerator<void, string> {
  const { sheet, match, tariffSheet, warnings } = layout;
  const totals = new Set(layout.totalsRows ?? []);
  const names = Object.keys(match.columns);
  // Only the columns the engine needs; never the (possibly large) output columns of an earlier run.
  const columns = names.map((n) => match.columns[n]);
  let table = new Map<string, CellValue>();
  const print = new Fingerprint();
  print.add(pack.id);
  print.add(pack.version);
  let done = 0;
  const size = options.window ?? READ_WINDOW;
  for (let start = match.row + 1; start < layout.rowCount; start += size) {
    while (options.until && start >= options.until()) yield;
    const requests: ReadRequest[] = [{ sheet, firstRow: start, rows: size, columns }];
    // the tariff sheet comes with the first window (the same round trip)
    if (tariffSheet && start === match.row + 1)
      requests.push({ sheet: tariffSheet.name, columns: [tariffSheet.match.columns.prestatiecode, tariffSheet.match.columns.maximumtarief] });
    // the phase says what the run waits for: reading a window, then computing its rows
    options.onPhase?.('lezen');
    const single = start === match.row + 1 && start + size >= layout.rowCount;
    const held = single ? options.reuse?.reads : undefined;
    if (options.reuse) options.reuse.reads = undefined;
    const [data, tariffs] = held ?? (await port.readSheets(requests));
    if (single && options.hold) options.hold.reads = tariffs ? [data, tariffs] : [data];
    options.onPhase?.('rekenen');
    if (tariffs) table = buildTariffTable(tariffs.cells, tariffSheet!.match, tariffSheet!.name, options.quiet ? [] : warnings);
    const grid = data.cells;
    const end = Math.min(grid.length, start + size);
    for (let r = start; r < end; r++) {
      while (options.until && r >= options.until()) yield;
      if (options.pause && r % PAUSE_EVERY === 0) {
        await options.pause();
        if (options.signal?.aborted) throw new RunCancelled();
      }
      if (totals.has(r)) continue;
      const line = grid[r] ?? NO_CELLS;
      let empty = true;
      for (const c of columns) if (!isEmptyCell(line[c])) empty = false;
      if (empty) continue;
      const cells: Record<string, CellValue> = {};
      for (let f = 0; f < names.length; f++) cells[names[f]] = line[columns[f]];
      if (isEmptyCell(cells.maximumtarief) && table.size) {
        const fromTable = table.get(normalizeCodeKey(cells.prestatiecode));
        if (fromTable !== undefined) cells.maximumtarief = fromTable;
      }
      if (!options.quiet) {
        for (const name of names) {
          print.add(name);
          print.add(cells[name]);
        }
        print.add('maximumtarief');
        print.add(cells.maximumtarief);
      }
      onRow({ ref: rowRef(sheet, r), cells }, r);
      if (options.slice && ++done % options.slice === 0) {
        // AnnotateOptions.slice: give the event loop a turn
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (options.signal?.aborted) throw new RunCancelled();
      }
    }
  }
  return print.value();
}

/** Runs a readRows to its end; its fingerprint. */
async function readAll(rows: AsyncGenerator<void, string>): Promise<string> {
  for (;;) {
    const step = await rows.next();
    if (step.done) return step.value;
  }
}

const NO_CELLS: CellValue[] = [];

export interface LastRun {
  packId: string;
  version: string;
  sheet: string;
  fingerprint: string;
  /** Parameter label (older workbooks: parameter name) → value as written on the metadata sheet; see recordedParameters. */
  parameters: Record<string, string>;
  /** False when the run was broken off before all output was written (status "onvolledig"). */
  complete: boolean;
}

/** The run recorded on the Tariefwijzer sheet, so a colleague sees what was applied; undefined if none. */
export async function readLastRun(port: WorkbookPort): Promise<LastRun | undefined> {
  if (!(await port.sheetNames()).includes(META_SHEET)) return undefined;
  const grid = await port.readSheet(META_SHEET);
  const value = (label: string) => cellToText(grid.find((row) => cellToText(row?.[0]) === label)?.[1]);
  const parameters: Record<string, string> = {};
  const start = grid.findIndex((row) => cellToText(row?.[0]) === 'Parameter');
  for (let r = start + 1; start >= 0 && r < grid.length && cellToText(grid[r]?.[0]); r++) parameters[cellToText(grid[r][0])] = cellToText(grid[r][1]);
  // Runs from before the status row have none: they were written in one go.
  const status = value(STATUS_LABEL);
  const run = {
    packId: value('Beleid'),
    version: value('Versie'),
    sheet: value('Blad'),
    fingerprint: value('Vingerafdruk invoer'),
    parameters,
    complete: status !== STATUS_INCOMPLETE,
  };
  return run.packId && run.fingerprint ? run : undefined;
}

/**
 * The recorded parameter values by parameter name, as the user types them ('' = niet ingesteld): the sheet
 * names each parameter by its label (older workbooks by its name).
 */
export function recordedParameters(pack: PolicyPack, last: LastRun): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, def] of Object.entries(pack.parameters)) {
    const v = last.parameters[def.label] ?? last.parameters[name];
    if (v === undefined) continue;
    out[name] = v === PARAMETER_NOT_SET ? '' : (def.choices?.find((c) => c.replace(/_/g, ' ') === v) ?? v);
  }
  return out;
}

/** Have the inputs changed since the recorded run, or did it not finish? (The pack must be the one that run used.) */
export async function inputsChanged(port: WorkbookPort, pack: PolicyPack, last: LastRun): Promise<boolean> {
  if (!last.complete) return true;
  const layout = await detectLayout(port, pack, { sheet: last.sheet });
  const fingerprint = await readAll(readRows(port, pack, layout, {}, () => undefined));
  return fingerprint !== last.fingerprint || pack.version !== last.version;
}

/** What the first pass over the rows finds: enough to write the block and each row's DUBBELE_REGEL as it goes. */
interface Scan {
  dataRows: number;
  /** The last row with data (0-based), or the header's row. */
  lastDataRow: number;
  fingerprint: string;
  /** Sheet row → every sheet row of its line, for rows whose AGB-code + prestatie + zorgkantoor repeat. */
  repeated: Map<number, readonly number[]>;
  /** A sheet read in one window, kept for the second pass. */
  held: { reads?: SheetRead[] };
}

/**
 * The first pass: the layout, then every row read window by window for what must be known before the first row
 * is written (where the data ends, repeated lines, the fingerprint). It classifies each row's prestatie (for its
 * line) but evaluates nothing; the second pass (rowSource) computes and writes. A sheet of one window is read
 * once: the second pass gets this read.
 */
async function scanRows(port: WorkbookPort, pack: PolicyPack, params: ParameterValues, options: AnnotateOptions): Promise<{ layout: InputLayout; scan: Scan }> {
  const cancelled = () => {
    if (options.signal?.aborted) throw new RunCancelled();
  };
  let current: RunPhase | undefined;
  const phase = (next: RunPhase) => {
    if (next !== current) options.onPhase?.((current = next));
  };
  phase('lezen');
  const layout = await detectLayout(port, pack, options);
  if (layout.protected) throw new InputError(protectedSheetMessage(layout.sheet));
  if (layout.metaTaken) throw new InputError(metaTakenMessage());
  cancelled();
  const { match } = layout;
  // progress counts the rows below the header (empty ones are passed over quickly)
  const below = Math.max(0, layout.rowCount - match.row - 1);
  options.onProgress?.(0, below);
  const lines = new RepeatedLines(match.row + 1, below);
  // the prestatie of a row depends on a few cells only: classified once per combination (bounded, for odd data)
  const codes = new Map<string, string | undefined>();
  const codeOf = (cells: Record<string, CellValue>): string | undefined => {
    let key = '';
    for (const f of PRESTATIE_FIELDS) {
      const v = cells[f];
      key += `${typeof v}:${v instanceof Date ? v.getTime() : (JSON.stringify(v) ?? '')}\u0001`;
    }
    if (codes.has(key)) return codes.get(key);
    if (codes.size >= 50_000) codes.clear();
    const code = rowPrestatieCode(cells, pack, params);
    codes.set(key, code);
    return code;
  };
  const held: Scan['held'] = {};
  let dataRows = 0;
  let lastDataRow = match.row;
  const progressEvery = options.pause ? PAUSE_EVERY : (options.slice ?? PROGRESS_EVERY);
  const fingerprint = await readAll(
    readRows(port, pack, layout, { ...options, onPhase: phase, hold: held }, (row, r) => {
      dataRows++;
      lastDataRow = r;
      const key = batchLineKey(row.cells, codeOf(row.cells));
      if (key !== undefined) lines.add(r, key);
      if (dataRows % progressEvery === 0 && r - match.row < below) options.onProgress?.(r - match.row, below);
    }),
  );
  options.onProgress?.(dataRows, dataRows);
  cancelled();
  return { layout, scan: { dataRows, lastDataRow, fingerprint, repeated: lines.repeated(), held } };
}

/** Progress is reported every this many rows (with `pause` or `slice`: more often, for the task pane's bar). */
const PROGRESS_EVERY = 10_000;

/** What the second pass adds up while it computes, for the metadata sheet and the outcome. */
interface Tally {
  results: RowResult[];
  counts: TariffCounts;
  flagCounts: Record<string, number>;
  /** Flag code → its name, in the order the codes first occur. */
  names: Map<string, string>;
  notes: CellNote[];
  flagged: number;
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
  const size = options.window ?? READ_WINDOW;
  const step = Math.min(size, COMPUTE_WINDOW);
  const formatFlag = flagFormatter(packTitles(pack));
  const empty: OutputValue[] = [null, null, null, null];
  let memo = new ResultMemo();
  // Equal rows share their result's flags (ResultMemo), and so one output row: one array and one signal text
  // for every row of a window with the same outcome. The port only reads the rows it is given.
  let shared = new Map<readonly unknown[], { of: RowResult; line: OutputValue[] }>();
  let lines: OutputValue[][] = [];
  let base = 0;
  const until = () => match.row + 1 + base + lines.length;
  // no cancel from here: once writing has started, the run completes (AnnotateOptions.signal)
  const read = { pause: options.pause, slice: options.slice, window: size, reuse: scan.held, quiet: true, until };
  const reader = readRows(port, pack, layout, read, (row, r) => {
    let res = memo.evaluate(row, pack, params);
    const line = scan.repeated.get(r);
    if (line)
      res = withRepeatedLine(
        res,
        line.map((x) => rowRef(sheet, x)),
        lineYear(row.cells.inkoopjaar),
      );
    tallyRow(tally, res, r - match.row - 1, formatFlag, options.notes !== false, options.keepResults !== false);
    const known = shared.get(res.flags);
    let values: OutputValue[];
    if (known && known.of.percentage === res.percentage && known.of.tarief === res.tarief && known.of.explanation === res.explanation) values = known.line;
    else {
      values = [
        res.percentage ? res.percentage.dividedBy(100).toNumber() : null,
        res.tarief ? res.tarief.toNumber() : null,
        res.flags.map(formatFlag).join('\n') || null,
        res.explanation || null,
      ];
      shared.set(res.flags, { of: res, line: values });
    }
    lines[r - match.row - 1 - base] = values;
  });
  let reading = true;
  let produced = 0;
  return {
    count,
    async next() {
      base = produced;
      lines = new Array<OutputValue[]>(Math.min(step, count - produced)).fill(empty);
      // results of rows long written are let go: output rows are shared within a window, the memo up to a size
      if (memo.size > MEMO_LIMIT) memo = new ResultMemo();
      shared = new Map();
      if (reading) reading = !(await reader.next()).done;
      produced += lines.length;
      return lines;
    },
  };
}

/** Counts, notes and (if kept) the result of one row, in row order. */
function tallyRow(tally: Tally, res: RowResult, row: number, formatFlag: (f: Flag) => string, notes: boolean, keep: boolean): void {
  if (keep) tally.results.push(res);
  countRow(tally.counts, res);
  for (const f of res.flags) if (!tally.names.has(f.code)) tally.names.set(f.code, flagName(f));
  for (const code of new Set(res.flags.map((f) => f.code))) tally.flagCounts[code] = (tally.flagCounts[code] ?? 0) + 1;
  if (!notes || !res.flags.some((f) => f.severity === 'fout' || f.severity === 'waarschuwing')) return;
  if (++tally.flagged <= MAX_NOTES) tally.notes.push({ row, column: 2, text: `Tariefwijzer:\n${res.flags.map(formatFlag).join('\n')}` });
}

export async function annotateWorkbook(port: WorkbookPort, pack: PolicyPack, params: ParameterValues, options: AnnotateOptions = {}): Promise<AnnotateOutcome> {
  const { layout, scan } = await scanRows(port, pack, params, options);
  const { sheet, match, rowCount, columnCount, tariffSheet, warnings, lastOutputRow } = layout;
  const print = scan.fingerprint;
  options.onPhase?.('schrijven');

  // The block covers the data rows and, over earlier output, the rows that output may still occupy: as far
  // as the recorded run wrote, or (no usable record) the whole used range. Not a used range made tall by a
  // stray cell far below the data: that would be millions of empty cells written for nothing.
  const complete = existingBlock(match.outputColumns, OUTPUT_HEADERS.length) !== undefined;
  const lastDataRow = scan.lastDataRow;
  const lastRow = !complete ? lastDataRow : lastOutputRow !== undefined ? Math.max(lastDataRow, lastOutputRow) : rowCount - 1;
  const place = await placeOutput(port, {
    sheet,
    headerRow: match.row,
    lastRow,
    width: OUTPUT_HEADERS.length,
    after: columnCount,
    existing: match.outputColumns,
    headerLine: layout.head[match.row] ?? [],
    noun: 'Tariefwijzer-kolommen',
  });
  const firstColumn = place.firstColumn;
  warnings.push(...place.warnings);
  const tally: Tally = { results: [], counts: emptyCounts(), flagCounts: {}, names: new Map(), notes: [], flagged: 0 };
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
    numberFormats: [PERCENTAGE_FORMAT, TARIFF_FORMAT, undefined, undefined],
    highlights: HIGHLIGHTS,
    notes: tally.notes,
  });
  if (tally.flagged > MAX_NOTES)
    warnings.push(
      `${tally.flagged} rijen hebben een fout of waarschuwing; alleen de eerste ${MAX_NOTES} kregen een notitie. De kolom Tariefwijzer signalen heeft ze allemaal.`,
    );
  const meta = metadataRows(params, tally, pack, info);
  await port.replaceSheet(META_SHEET, meta);
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
    fingerprint: print,
    warnings,
    flagNames: Object.fromEntries(tally.names),
  };
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

/** A parameter's value as the user typed it: "97,3", "ja"/"nee", "(niet ingesteld)". */
export function parameterText(v: ParameterValues[string] | undefined): string {
  if (v === null || v === undefined) return PARAMETER_NOT_SET;
  if (typeof v === 'boolean') return v ? 'ja' : 'nee';
  // a choice such as "tariefpercentage_2023" reads as "tariefpercentage 2023" (recordedParameters maps it back)
  return typeof v === 'object' ? formatNumber(v, 0, 4) : String(v).replace(/_/g, ' ');
}
export const PARAMETER_NOT_SET = '(niet ingesteld)';

/** "6-12-2026 14:05" in the machine's own time zone (the time the user saw on the clock). */
export function formatLocalDateTime(d: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getDate()}-${d.getMonth() + 1}-${d.getFullYear()} ${two(d.getHours())}:${two(d.getMinutes())}`;
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
  if (!match || row <= match.row || cols[3] === undefined) return undefined;
  const cells = line.cells[row] ?? [];
  const text = (c: number | undefined) => (c === undefined || isEmptyCell(cells[c]) ? undefined : cellToText(cells[c]));
  const number = (c: number | undefined, format: (v: number) => string) => {
    const v = c === undefined ? undefined : cells[c];
    return typeof v === 'number' ? format(v) : text(c);
  };
  const out: RowExplanation = {
    sheet,
    row,
    percentage: number(cols[0], (v) => formatPercentage(dec(v).times(100))),
    tarief: number(cols[1], (v) => formatEuro(dec(v))),
    signalen: text(cols[2]),
    toelichting: text(cols[3]),
  };
  return out.percentage || out.tarief || out.signalen || out.toelichting ? out : undefined;
}
