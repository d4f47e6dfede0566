/**
 * workbook → rows → engine → results → workbook. Adapter-agnostic: works on any WorkbookPort.
 * Writes only the Tariefwijzer columns and the Tariefwijzer sheet; re-running replaces them.
 */
import { runPolicy, type InputRow, type RunResult } from '../domain/engine';
import { normalizeHeader } from '../domain/fields';
import { formatFlag } from '../domain/flags';
import { formatNumber } from '../domain/money';
import { cellToText, isEmptyCell, type CellValue } from '../domain/parse';
import { normalizeCode } from '../domain/prestaties';
import type { ParameterValues, PolicyPack } from '../domain/policy/types';
import { columnLetter, detectHeader, OUTPUT_HEADERS, type HeaderMatch } from './headers';
import { Fingerprint } from './fingerprint';
import type { OutputValue, WorkbookPort } from './port';

export const META_SHEET = 'Tariefwijzer';
export const PERCENTAGE_FORMAT = '0.00%';
export const TARIFF_FORMAT = '"€" #,##0.00';
/** Rows with a flag of severity fout (red) or waarschuwing (yellow), in the output columns only. */
export const HIGHLIGHTS = [
  { column: 2, contains: '[waarschuwing]', color: '#FFEB9C' },
  { column: 2, contains: '[fout]', color: '#FFC7CE' },
];

export interface AnnotateOptions {
  sheet?: string;
  now?: Date;
  /** Called with (rows done, rows total) while computing. */
  onProgress?: (done: number, total: number) => void;
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

/** An input problem the user must fix: reported in Dutch, nothing is written. */
export class InputError extends Error {}

function isTariffSheet(name: string): boolean {
  const n = normalizeHeader(name);
  return n.includes('nzatarie') || n === 'tarieven' || n.includes('maximumtarie');
}

/** The code as the engine reads it (prestaties.normalizeCode), so table lookups match the rows. */
export function normalizeCodeKey(v: CellValue): string {
  return normalizeCode(typeof v === 'number' ? v : cellToText(v)).code ?? '';
}

/** Code → maximumtarief from a sheet like "NZa tarieven". */
async function readTariffTable(port: WorkbookPort, names: string[], dataSheet: string, warnings: string[]): Promise<{ table: Map<string, CellValue>; sheet?: string }> {
  const table = new Map<string, CellValue>();
  const name = names.find((n) => n !== dataSheet && isTariffSheet(n));
  if (!name) return { table };
  const grid = await port.readSheet(name);
  const { match } = detectHeader(grid);
  if (!match || match.columns.maximumtarief === undefined) {
    warnings.push(`Blad "${name}" lijkt een tarieventabel, maar heeft geen kolommen Prestatiecode en NZa maximumtarief; niet gebruikt.`);
    return { table };
  }
  for (let r = match.row + 1; r < grid.length; r++) {
    const code = normalizeCodeKey(grid[r]?.[match.columns.prestatiecode]);
    if (!code) continue;
    if (table.has(code)) warnings.push(`Tarieventabel "${name}": code ${code} staat er meer dan eens in; de eerste is gebruikt.`);
    else table.set(code, grid[r]?.[match.columns.maximumtarief]);
  }
  return { table, sheet: name };
}

/** The sheet to work on and its cells, read once. */
async function chooseSheet(port: WorkbookPort, names: string[], pack: PolicyPack, wanted?: string): Promise<{ sheet: string; grid: CellValue[][] }> {
  if (wanted !== undefined) {
    if (!names.includes(wanted)) throw new InputError(`Blad "${wanted}" bestaat niet. Bladen in dit bestand: ${names.join(', ')}.`);
    return { sheet: wanted, grid: await port.readSheet(wanted) };
  }
  for (const n of names) {
    if (n === META_SHEET || isTariffSheet(n)) continue;
    const grid = await port.readSheet(n);
    if (detectHeader(grid, pack.fields).match) return { sheet: n, grid };
  }
  throw new InputError(`Geen blad met een kopregel gevonden (een rij met "Prestatiecode" en minstens één andere bekende kolom). Bladen: ${names.join(', ')}.`);
}

/** What a run reads: the data sheet, its header, the rows for the engine and a fingerprint of them. */
interface Inputs {
  sheet: string;
  grid: CellValue[][];
  match: HeaderMatch;
  rows: InputRow[];
  /** 0-based sheet row of each input row. */
  rowIndex: number[];
  tariffSheet?: string;
  fingerprint: string;
  warnings: string[];
}

async function readInputs(port: WorkbookPort, pack: PolicyPack, wantedSheet?: string): Promise<Inputs> {
  const names = await port.sheetNames();
  if (!names.length) throw new InputError('De werkmap heeft geen bladen.');
  const { sheet, grid } = await chooseSheet(port, names, pack, wantedSheet);
  const { match, reason } = detectHeader(grid, pack.fields);
  if (!match) throw new InputError(`Blad "${sheet}": ${reason}`);
  const warnings = [...match.warnings];
  const tariffs = await readTariffTable(port, names, sheet, warnings);

  const fields = Object.entries(match.columns);
  const rows: InputRow[] = [];
  const rowIndex: number[] = [];
  const print = new Fingerprint();
  print.add(pack.id);
  print.add(pack.version);
  for (let r = match.row + 1; r < grid.length; r++) {
    const line = grid[r] ?? [];
    const cells: Record<string, CellValue> = {};
    for (const [field, c] of fields) cells[field] = line[c];
    if (fields.every(([, c]) => isEmptyCell(line[c]))) continue;
    if (isEmptyCell(cells.maximumtarief) && tariffs.table.size) {
      const fromTable = tariffs.table.get(normalizeCodeKey(cells.prestatiecode));
      if (fromTable !== undefined) cells.maximumtarief = fromTable;
    }
    for (const [field] of fields) {
      print.add(field);
      print.add(cells[field]);
    }
    print.add('maximumtarief');
    print.add(cells.maximumtarief);
    rows.push({ ref: `${sheet}!${r + 1}`, cells });
    rowIndex.push(r);
  }
  return { sheet, grid, match, rows, rowIndex, tariffSheet: tariffs.sheet, fingerprint: print.value(), warnings };
}

export interface LastRun {
  packId: string;
  version: string;
  sheet: string;
  fingerprint: string;
  /** Parameter name → value as written on the metadata sheet. */
  parameters: Record<string, string>;
}

/** The run recorded on the Tariefwijzer sheet, so a colleague sees what was applied; undefined if none. */
export async function readLastRun(port: WorkbookPort): Promise<LastRun | undefined> {
  if (!(await port.sheetNames()).includes(META_SHEET)) return undefined;
  const grid = await port.readSheet(META_SHEET);
  const value = (label: string) => cellToText(grid.find((row) => cellToText(row?.[0]) === label)?.[1]);
  const parameters: Record<string, string> = {};
  const start = grid.findIndex((row) => cellToText(row?.[0]) === 'Parameter');
  for (let r = start + 1; start >= 0 && r < grid.length && cellToText(grid[r]?.[0]); r++) parameters[cellToText(grid[r][0])] = cellToText(grid[r][1]);
  const run = { packId: value('Beleid'), version: value('Versie'), sheet: value('Blad'), fingerprint: value('Vingerafdruk invoer'), parameters };
  return run.packId && run.fingerprint ? run : undefined;
}

/** Have the inputs changed since the recorded run? (The pack must be the one that run used.) */
export async function inputsChanged(port: WorkbookPort, pack: PolicyPack, last: LastRun): Promise<boolean> {
  const now = await readInputs(port, pack, last.sheet);
  return now.fingerprint !== last.fingerprint || pack.version !== last.version;
}

export async function annotateWorkbook(port: WorkbookPort, pack: PolicyPack, params: ParameterValues, options: AnnotateOptions = {}): Promise<AnnotateOutcome> {
  const { sheet, grid, match, rows, rowIndex, tariffSheet, fingerprint: print, warnings } = await readInputs(port, pack, options.sheet);
  options.onProgress?.(0, rows.length);
  const run = runPolicy(rows, pack, params, options.onProgress);
  options.onProgress?.(rows.length, rows.length);

  const existing = match.outputColumns;
  const complete = OUTPUT_HEADERS.every((_, i) => existing[i] !== undefined && existing[i] === existing[0] + i);
  const width = sheetWidth(grid);
  const firstColumn = complete ? existing[0] : width;
  if (!complete && existing.some((c) => c !== undefined)) {
    warnings.push(`Losse Tariefwijzer-kolommen gevonden (${existing.filter((c) => c !== undefined).map(columnLetter).join(', ')}); de uitvoer komt in nieuwe kolommen vanaf ${columnLetter(firstColumn)}.`);
  }
  const values: OutputValue[][] = [];
  const lastRow = grid.length - 1;
  for (let r = match.row + 1; r <= lastRow; r++) values.push([null, null, null, null]);
  run.results.forEach((res, i) => {
    values[rowIndex[i] - match.row - 1] = [
      res.percentage ? res.percentage.dividedBy(100).toNumber() : null,
      res.tarief ? res.tarief.toNumber() : null,
      res.flags.map(formatFlag).join('\n') || null,
      res.explanation || null,
    ];
  });
  await port.writeBlock({ sheet, headerRow: match.row, firstColumn, headers: [...OUTPUT_HEADERS], values, numberFormats: [PERCENTAGE_FORMAT, TARIFF_FORMAT, undefined, undefined], highlights: HIGHLIGHTS });

  const tariffsSet = run.results.filter((r) => r.tarief).length;
  await port.replaceSheet(META_SHEET, metadataRows(run, pack, { sheet, tariffSheet, rows: rows.length, tariffsSet, fingerprint: print, now: options.now ?? new Date(), warnings }));
  return { sheet, headerRow: match.row, run, dataRows: rows.length, tariffsSet, fingerprint: print, warnings };
}

/** Columns up to the last filled cell of any row. A loop, not Math.max(...rows): 300k arguments overflow the stack. */
export function sheetWidth(grid: CellValue[][]): number {
  let width = 0;
  for (const row of grid) width = Math.max(width, lastFilled(row) + 1);
  return width;
}

function lastFilled(row: CellValue[] | undefined): number {
  if (!row) return -1;
  for (let c = row.length - 1; c >= 0; c--) if (!isEmptyCell(row[c])) return c;
  return -1;
}

function metadataRows(
  run: RunResult,
  pack: PolicyPack,
  info: { sheet: string; tariffSheet?: string; rows: number; tariffsSet: number; fingerprint: string; now: Date; warnings: string[] },
): OutputValue[][] {
  const out: OutputValue[][] = [
    ['Tariefwijzer — gegevens van de laatste berekening'],
    [],
    ['Beleid', pack.id],
    ['Titel', pack.title],
    ['Versie', pack.version],
    ['Zorgkantoor', pack.zorgkantoor],
    ['Inkoopjaar', pack.inkoopjaar],
    ['Blad', info.sheet],
    ['Tarieventabel', info.tariffSheet ?? '(geen; maximumtarief uit de rijen)'],
    ['Tijdstip', info.now.toISOString()],
    ['Vingerafdruk invoer', info.fingerprint],
    ['Rijen', info.rows],
    ['Tarieven berekend', info.tariffsSet],
    [],
    ['Parameter', 'Waarde', 'Omschrijving'],
  ];
  for (const [name, def] of Object.entries(pack.parameters)) {
    const v = run.parameters[name];
    const shown = v === null || v === undefined ? '(niet ingesteld)' : typeof v === 'object' ? formatNumber(v, 0, 4) : String(v);
    out.push([name, shown, def.label]);
  }
  out.push([], ['Signaal', 'Aantal rijen']);
  for (const [code, n] of Object.entries(run.flagCounts).sort()) out.push([code, n]);
  if (info.warnings.length) {
    out.push([], ['Opmerkingen']);
    for (const w of info.warnings) out.push([w]);
  }
  return out;
}
