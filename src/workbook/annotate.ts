/**
 * workbook → rows → engine → results → workbook. Adapter-agnostic: works on any WorkbookPort.
 * Writes only the Tariefwijzer columns and the Tariefwijzer sheet; re-running replaces them.
 */
import {
  completeRun,
  completeRunSteps,
  packTitles,
  ResultMemo,
  rowRef,
  type BatchCells,
  type InputRow,
  type RowResult,
  type RunResult,
} from '../domain/engine';
import { normalizeHeader } from '../domain/fields';
import { flagFormatter, flagName } from '../domain/flags';
import { dec, formatEuro, formatNumber, formatPercentage } from '../domain/money';
import { cellToText, isEmptyCell, type CellValue } from '../domain/parse';
import { normalizeCode } from '../domain/prestaties';
import type { ParameterValues, PolicyPack } from '../domain/policy/types';
import { detectHeader, HEADER_SCAN_ROWS, isHidden, isPolicySheet, OUTPUT_HEADERS, visibleFirst, type HeaderMatch } from './headers';
import { InputError } from './errors';
import { Fingerprint } from './fingerprint';
import { existingBlock, placeOutput } from './output-columns';
import type { CellNote, OutputValue, ReadRequest, WorkbookPort } from './port';

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

/** Every input row of the layout's sheet, window by window; returns the fingerprint of the inputs. */
async function readRows(
  port: WorkbookPort,
  pack: PolicyPack,
  layout: InputLayout,
  options: { pause?: () => Promise<void>; signal?: AbortSignal; slice?: number; onPhase?: (phase: RunPhase) => void },
  onRow: (row: InputRow, sheetRow: number) => void,
): Promise<string> {
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
  for (let start = match.row + 1; start < layout.rowCount; start += READ_WINDOW) {
    const requests: ReadRequest[] = [{ sheet, firstRow: start, rows: READ_WINDOW, columns }];
    // the tariff sheet comes with the first window (the same round trip)
    if (tariffSheet && start === match.row + 1)
      requests.push({ sheet: tariffSheet.name, columns: [tariffSheet.match.columns.prestatiecode, tariffSheet.match.columns.maximumtarief] });
    // the phase says what the run waits for: reading a window, then computing its rows
    options.onPhase?.('lezen');
    const [data, tariffs] = await port.readSheets(requests);
    options.onPhase?.('rekenen');
    if (tariffs) table = buildTariffTable(tariffs.cells, tariffSheet!.match, tariffSheet!.name, warnings);
    const grid = data.cells;
    const end = Math.min(grid.length, start + READ_WINDOW);
    for (let r = start; r < end; r++) {
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
      for (const name of names) {
        print.add(name);
        print.add(cells[name]);
      }
      print.add('maximumtarief');
      print.add(cells.maximumtarief);
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
  const fingerprint = await readRows(port, pack, layout, {}, () => undefined);
  return fingerprint !== last.fingerprint || pack.version !== last.version;
}

/**
 * Read the rows and compute them, window by window (READ_WINDOW): a row's input cells are let go once its result
 * is made. A function of its own so that nothing of the reading outlives it while the run writes.
 */
async function readAndCompute(
  port: WorkbookPort,
  pack: PolicyPack,
  params: ParameterValues,
  options: AnnotateOptions,
): Promise<InputLayout & { run: RunResult; dataRows: number; rowIndex: number[]; fingerprint: string }> {
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
  // progress counts the rows below the header (empty ones are passed over quickly)
  const below = Math.max(0, layout.rowCount - layout.match.row - 1);
  options.onProgress?.(0, below);
  const memo = new ResultMemo(); // as runPolicy: each distinct combination of the cells read is evaluated once
  const results: RowResult[] = [];
  const rowIndex: number[] = [];
  // what completeRun needs of each row, in flat lists (the cell values themselves, no object per row)
  const agbs: CellValue[] = [];
  const zorgkantoren: CellValue[] = [];
  const inkoopjaren: CellValue[] = [];
  const progressEvery = options.pause ? PAUSE_EVERY : (options.slice ?? PROGRESS_EVERY);
  const fingerprint = await readRows(port, pack, layout, { ...options, onPhase: phase }, (row, r) => {
    results.push(memo.evaluate(row, pack, params));
    rowIndex.push(r);
    agbs.push(row.cells.agb);
    zorgkantoren.push(row.cells.zorgkantoor);
    inkoopjaren.push(row.cells.inkoopjaar);
    if (results.length % progressEvery === 0 && r - layout.match.row < below) options.onProgress?.(r - layout.match.row, below);
  });
  cancelled();
  phase('rekenen');
  let run: RunResult;
  const cellsOf = (i: number): BatchCells => ({ agb: agbs[i], zorgkantoor: zorgkantoren[i], inkoopjaar: inkoopjaren[i] });
  if (!options.pause) run = completeRun(cellsOf, results, pack, params);
  else {
    const steps = completeRunSteps(cellsOf, results, pack, params);
    for (let step = steps.next(); ; step = steps.next()) {
      if (step.done) {
        run = step.value;
        break;
      }
      await options.pause();
    }
  }
  options.onProgress?.(results.length, results.length);
  cancelled();
  return { ...layout, run, dataRows: results.length, rowIndex, fingerprint };
}

/** Progress is reported every this many rows (with `pause` or `slice`: more often, for the task pane's bar). */
const PROGRESS_EVERY = 10_000;

export async function annotateWorkbook(port: WorkbookPort, pack: PolicyPack, params: ParameterValues, options: AnnotateOptions = {}): Promise<AnnotateOutcome> {
  const {
    sheet,
    match,
    rowIndex,
    rowCount,
    columnCount,
    head,
    tariffSheet,
    fingerprint: print,
    warnings,
    lastOutputRow,
    run,
    dataRows,
  } = await readAndCompute(port, pack, params, options);
  options.onPhase?.('schrijven');

  // The block covers the data rows and, over earlier output, the rows that output may still occupy: as far
  // as the recorded run wrote, or (no usable record) the whole used range. Not a used range made tall by a
  // stray cell far below the data: that would be millions of empty cells written for nothing.
  const complete = existingBlock(match.outputColumns, OUTPUT_HEADERS.length) !== undefined;
  const lastDataRow = rowIndex.length ? rowIndex[rowIndex.length - 1] : match.row;
  const lastRow = !complete ? lastDataRow : lastOutputRow !== undefined ? Math.max(lastDataRow, lastOutputRow) : rowCount - 1;
  const place = await placeOutput(port, {
    sheet,
    headerRow: match.row,
    lastRow,
    width: OUTPUT_HEADERS.length,
    after: columnCount,
    existing: match.outputColumns,
    headerLine: head[match.row] ?? [],
    noun: 'Tariefwijzer-kolommen',
  });
  const firstColumn = place.firstColumn;
  warnings.push(...place.warnings);
  const formatFlag = flagFormatter(packTitles(pack));
  const empty: OutputValue[] = [null, null, null, null];
  const values: OutputValue[][] = new Array<OutputValue[]>(lastRow - match.row).fill(empty);
  // Equal rows share their result's flags (ResultMemo), and so one output row: one array and one signal text
  // for every row with the same outcome, instead of one each. The port only reads the rows it is given.
  const shared = new Map<readonly unknown[], { of: RowResult; line: OutputValue[] }>();
  for (let i = 0; i < run.results.length; i++) {
    if (options.pause && i % PAUSE_EVERY === 0) await options.pause();
    const res = run.results[i];
    const known = shared.get(res.flags);
    let line: OutputValue[];
    if (known && known.of.percentage === res.percentage && known.of.tarief === res.tarief && known.of.explanation === res.explanation) line = known.line;
    else {
      line = [
        res.percentage ? res.percentage.dividedBy(100).toNumber() : null,
        res.tarief ? res.tarief.toNumber() : null,
        res.flags.map(formatFlag).join('\n') || null,
        res.explanation || null,
      ];
      shared.set(res.flags, { of: res, line });
    }
    values[rowIndex[i] - match.row - 1] = line;
  }
  const notes: CellNote[] = [];
  let flagged = 0;
  let tariffsSet = 0;
  for (let i = 0; i < run.results.length; i++) {
    if (options.pause && i % PAUSE_EVERY === 0) await options.pause();
    const res = run.results[i];
    if (res.tarief) tariffsSet++;
    if (options.notes === false || !res.flags.some((f) => f.severity === 'fout' || f.severity === 'waarschuwing')) continue;
    if (++flagged <= MAX_NOTES) notes.push({ row: rowIndex[i] - match.row - 1, column: 2, text: `Tariefwijzer:\n${res.flags.map(formatFlag).join('\n')}` });
  }
  if (flagged > MAX_NOTES)
    warnings.push(
      `${flagged} rijen hebben een fout of waarschuwing; alleen de eerste ${MAX_NOTES} kregen een notitie. De kolom Tariefwijzer signalen heeft ze allemaal.`,
    );
  // The metadata sheet first, saying "onvolledig"; the output block (one or more requests); "voltooid" last.
  const meta = metadataRows(run, pack, {
    sheet,
    headerRow: match.row,
    lastRow,
    tariffSheet: tariffSheet?.name,
    rows: dataRows,
    tariffsSet,
    fingerprint: print,
    now: options.now ?? new Date(),
    warnings,
  });
  await port.replaceSheet(META_SHEET, meta);
  await port.writeBlock({
    sheet,
    headerRow: match.row,
    firstColumn,
    headers: [...OUTPUT_HEADERS],
    values,
    numberFormats: [PERCENTAGE_FORMAT, TARIFF_FORMAT, undefined, undefined],
    highlights: HIGHLIGHTS,
    notes,
  });
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
  return { sheet, headerRow: match.row, run, dataRows, tariffsSet, fingerprint: print, warnings };
}

function metadataRows(
  run: RunResult,
  pack: PolicyPack,
  info: {
    sheet: string;
    headerRow: number;
    lastRow: number;
    tariffSheet?: string;
    rows: number;
    tariffsSet: number;
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
    ['Tarieven berekend', info.tariffsSet],
    [STATUS_LABEL, STATUS_INCOMPLETE, STATUS_INCOMPLETE_NOTE],
    ['Kopregel op rij', info.headerRow + 1],
    [OUTPUT_END_LABEL, info.lastRow + 1, 'de volgende berekening maakt de uitvoerkolommen tot en met deze rij opnieuw'],
    [],
    ['Parameter', 'Waarde'],
  ];
  // The parameter's Dutch label (readLastRun maps it back to the parameter through the pack).
  for (const [name, def] of Object.entries(pack.parameters)) out.push([def.label, parameterText(run.parameters[name])]);
  out.push([], ['Signaal', 'Aantal rijen']);
  const names = new Map<string, string>();
  for (const r of run.results) for (const f of r.flags) if (!names.has(f.code)) names.set(f.code, flagName(f));
  for (const [code, n] of Object.entries(run.flagCounts).sort(([a], [b]) => (names.get(a) ?? a).localeCompare(names.get(b) ?? b, 'nl')))
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
