/**
 * The herschikking's first pass: the production sheet and its columns, then every row read window by window for
 * what must be known before the first row is written (the period, the number of rows, the sheet's width, the
 * fingerprint), the toezeggingen and the contracteerruimte. It keeps a few numbers, not the rows.
 */
import { CORE_FIELDS, normalizeHeader, type FieldDef } from '../../domain/fields';
import { D, type Dec } from '../../domain/money';
import { cellToText, isEmptyCell, parseMoney, parseText, type CellValue } from '../../domain/parse';
import { normalizeSector } from '../../domain/prestaties';
import type { PolicyPack } from '../../domain/policy/types';
import { PRODUCTION_FIELDS, TOEZEGGING_FIELDS } from '../../domain/production/fields';
import { PeriodScan, type Toezegging } from '../../domain/production/herschik';
import type { Sector } from '../../domain/types';
import { InputError } from '../errors';
import { Fingerprint } from '../fingerprint';
import { columnLetter, detectHeader, HEADER_SCAN_ROWS, isHidden, visibleFirst, type HeaderMatch } from '../headers';
import { isTariffSheet, META_SHEET, normalizeCodeKey } from '../names';
import { filledWidth, type SheetRead, type WorkbookPort } from '../port';
import { readTariffTable } from './layout';
import { RunCancelled, type JobOptions } from './job';
import { PAUSE_EVERY, READ_WINDOW } from './read-rows';
import { HERSCHIK_SHEET } from './herschik-sheet';

/** Tariefwijzer's own columns on the production sheet, in order. */
export const HERSCHIK_HEADERS = [
  'Tariefwijzer tarief (herschikking)',
  'Tariefwijzer omzet',
  'Tariefwijzer meegeteld',
  'Tariefwijzer signalen (herschikking)',
  'Tariefwijzer toelichting (herschikking)',
] as const;

export type ContracteerruimteCells = Partial<Record<Sector, { value: Dec; where: string }>>;

/** Where the production rows are and what the first pass found; the second pass reads the rows again from here. */
export interface HerschikInputs {
  sheet: string;
  /** Rows of the production sheet from A1 (the used range), and the columns up to its last filled cell. */
  rowCount: number;
  width: number;
  headerRow: number;
  outputColumns: number[];
  /** The header row's cells. */
  headerLine: CellValue[];
  /** Field → column, without Tariefwijzer's own columns. */
  entries: Array<[string, number]>;
  /** Rows that are an Excel table's totals row: not data. */
  totals: Set<number>;
  /** Prestatiecode → maximumtarief from a tariff sheet, for rows without one. */
  tariffs: Map<string, CellValue>;
  /** Rows with data. */
  dataRows: number;
  period: PeriodScan;
  hasApprovalColumn: boolean;
  toezeggingen: Toezegging[];
  toezeggingenSheet?: string;
  contracteerruimteCells: ContracteerruimteCells;
  fingerprint: string;
  warnings: string[];
  /** The production sheet when one window read it whole: the second pass takes it instead of reading again. */
  held?: SheetRead;
  /** Rows per read window. */
  window: number;
}

function isToezeggingSheet(name: string): boolean {
  const n = normalizeHeader(name);
  return n.includes('toezegging') || n.includes('afspraken');
}

export function isOwnSheet(name: string): boolean {
  return name === META_SHEET || name === HERSCHIK_SHEET;
}

function productionFields(packs: PolicyPack[]): Record<string, FieldDef> {
  return Object.assign({}, ...packs.map((p) => p.fields ?? {}), PRODUCTION_FIELDS) as Record<string, FieldDef>;
}

/** The production sheet: the one asked for, else the first visible sheet whose first rows have a production header. */
async function findProductionSheet(
  port: WorkbookPort,
  names: string[],
  packs: PolicyPack[],
  wanted: string | undefined,
): Promise<{ sheet: string; head: SheetRead; match: HeaderMatch; warnings: string[] }> {
  const fields = productionFields(packs);
  const isProduction = (grid: CellValue[][]) => {
    const { match } = detectHeader(grid, fields);
    return match && match.columns.maand !== undefined && match.columns.volume !== undefined ? match : undefined;
  };
  if (wanted !== undefined && !names.includes(wanted)) throw new InputError(`Blad "${wanted}" bestaat niet. Bladen in dit bestand: ${names.join(', ')}.`);
  const candidates = wanted !== undefined ? [wanted] : names.filter((n) => !isOwnSheet(n) && !isTariffSheet(n));
  // The first rows tell which sheets are hidden and where a table's totals row is (one round trip for all).
  const heads = candidates.length ? await port.readSheets(candidates.map((n) => ({ sheet: n, rows: HEADER_SCAN_ROWS }))) : [];
  // the header is in the first rows: the sheets are not read whole to find it
  const chosen = visibleFirst(heads).find((i) => wanted !== undefined || isProduction(heads[i].cells));
  if (chosen === undefined)
    throw new InputError(
      `Geen blad met productiegegevens gevonden: een kopregel met Prestatiecode, Maand (of Periode/Declaratiemaand) en Aantal (of Volume/Eenheden). Bladen: ${names.join(', ')}.`,
    );
  const sheet = candidates[chosen];
  const head = heads[chosen];
  const match = isProduction(head.cells);
  if (!match)
    throw new InputError(
      `Blad "${sheet}": geen kopregel met Prestatiecode, Maand (of Periode/Declaratiemaand) en Aantal (of Volume/Eenheden) in de eerste ${HEADER_SCAN_ROWS} rijen.`,
    );
  const warnings = [...match.warnings];
  if (wanted === undefined && isHidden(head)) warnings.push(`Blad "${sheet}" is verborgen; het is gebruikt omdat geen zichtbaar blad productiegegevens heeft.`);
  return { sheet, head, match, warnings };
}

/** Tariefwijzer's own columns of an earlier run, found by their headers; the fields read from the other columns. */
function productionColumns(match: HeaderMatch, headerLine: CellValue[]): { outputColumns: number[]; entries: Array<[string, number]> } {
  const own = HERSCHIK_HEADERS.map(normalizeHeader);
  const outputColumns: number[] = [];
  headerLine.forEach((cell, c) => {
    const i = own.indexOf(normalizeHeader(cellToText(cell)));
    if (i >= 0) outputColumns[i] = c;
  });
  const ownColumns = new Set(outputColumns.filter((c) => c !== undefined));
  return { outputColumns, entries: Object.entries(match.columns).filter(([, c]) => !ownColumns.has(c)) };
}

/** A data row's cells by field, with the maximumtarief from the tariff table when the row has none; undefined for an empty row. */
export function productionCells(line: readonly CellValue[], inputs: Pick<HerschikInputs, 'entries' | 'tariffs'>): Record<string, CellValue> | undefined {
  const { entries, tariffs } = inputs;
  if (entries.every(([, c]) => isEmptyCell(line[c]))) return undefined;
  const cells: Record<string, CellValue> = {};
  for (const [f, c] of entries) cells[f] = line[c];
  if (isEmptyCell(cells.maximumtarief) && tariffs.size) {
    const t = tariffs.get(normalizeCodeKey(cells.prestatiecode));
    if (t !== undefined) cells.maximumtarief = t;
  }
  return cells;
}

/** What the first pass may be told: the sheet, rows per read window, and the pane's turn and cancel (JobOptions). */
export interface ReadInputsOptions extends Pick<JobOptions, 'pause' | 'signal'> {
  sheet?: string;
  window?: number;
}

/** What the scan of the production sheet gives besides the inputs' layout. */
interface SheetScan {
  width: number;
  dataRows: number;
  period: PeriodScan;
  hits: ContracteerruimteHit[];
  held?: SheetRead;
}

/**
 * Every row of the production sheet, window by window with all its columns (a contracteerruimte may be labelled
 * anywhere in it): its width, the data rows for the period and the fingerprint, and the labelled cells.
 */
async function scanProduction(
  port: WorkbookPort,
  inputs: Pick<HerschikInputs, 'sheet' | 'rowCount' | 'headerRow' | 'entries' | 'tariffs' | 'totals' | 'window'>,
  print: Fingerprint,
  options: ReadInputsOptions,
): Promise<SheetScan> {
  const { sheet, rowCount, headerRow, totals, window } = inputs;
  const out: SheetScan = { width: 0, dataRows: 0, period: new PeriodScan(), hits: [] };
  for (let start = 0; start < rowCount; start += window) {
    const [read] = await port.readSheets([{ sheet, firstRow: start, rows: window }]);
    const grid = read.cells;
    const end = Math.min(grid.length, start + window);
    out.width = Math.max(out.width, filledWidth(grid));
    out.hits.push(...contracteerruimteHits(grid, sheet, start, end));
    for (let r = Math.max(start, headerRow + 1); r < end; r++) {
      if (options.pause && (r - headerRow - 1) % PAUSE_EVERY === 0) {
        await options.pause();
        if (options.signal?.aborted) throw new RunCancelled();
      }
      if (totals.has(r)) continue;
      const cells = productionCells(grid[r] ?? [], inputs);
      if (!cells) continue;
      for (const [f] of inputs.entries) {
        print.add(f);
        print.add(cells[f]);
      }
      print.add('maximumtarief');
      print.add(cells.maximumtarief);
      out.period.add(cells);
      out.dataRows++;
    }
    if (start === 0 && end >= rowCount) out.held = read;
  }
  return out;
}

/** The sheet's toezeggingen: the first sheet named for them that has such a table. */
async function findToezeggingen(
  names: string[],
  sheet: string,
  read: (name: string) => Promise<CellValue[][]>,
  print: Fingerprint,
  warnings: string[],
): Promise<{ toezeggingen: Toezegging[]; toezeggingenSheet?: string }> {
  for (const n of names) {
    if (n === sheet || isOwnSheet(n) || !isToezeggingSheet(n)) continue;
    const found = readToezeggingen(await read(n), n, warnings);
    if (found) {
      for (const t of found) for (const v of [t.ref, t.agb, t.sector ?? '', t.bedrag.toString(), t.tussentijdseAfspraak?.toString() ?? '']) print.add(v);
      return { toezeggingen: found, toezeggingenSheet: n };
    }
  }
  return { toezeggingen: [] };
}

/** The contracteerruimte per sector from labelled cells on any sheet (the production sheet's from its scan), first one wins. */
async function findContracteerruimteCells(
  names: string[],
  production: { sheet: string; hits: ContracteerruimteHit[] },
  read: (name: string) => Promise<CellValue[][]>,
  print: Fingerprint,
  warnings: string[],
): Promise<ContracteerruimteCells> {
  const cells: ContracteerruimteCells = {};
  for (const n of names) {
    if (isOwnSheet(n)) continue;
    useContracteerruimte(n === production.sheet ? production.hits : contracteerruimteHits(await read(n), n), cells, warnings);
  }
  for (const [s, v] of Object.entries(cells)) {
    print.add(s);
    print.add(v.value.toString());
  }
  return cells;
}

/**
 * The first pass: the production sheet, its columns and tariff table, every row scanned (not kept), the
 * toezeggingen and the contracteerruimte; the fingerprint of it all, in that order.
 */
export async function readInputs(port: WorkbookPort, packs: PolicyPack[], options: ReadInputsOptions = {}): Promise<HerschikInputs> {
  const { sheet: wanted, window = READ_WINDOW } = options;
  const names = await port.sheetNames();
  if (!names.length) throw new InputError('De werkmap heeft geen bladen.');
  const { sheet, head, match, warnings } = await findProductionSheet(port, names, packs, wanted);
  const totals = new Set((head.totalsRows ?? []).filter((r) => r > match.row));
  if (totals.size)
    warnings.push(`Blad "${sheet}": de totaalrij van een Excel-tabel (rij ${[...totals].map((r) => r + 1).join(', ')}) is niet als gegevens gelezen.`);
  const tariffs = (await readTariffTable(port, names, sheet, warnings)).table;
  const headerLine = head.cells[match.row] ?? [];
  const { outputColumns, entries } = productionColumns(match, headerLine);
  const print = new Fingerprint();
  for (const p of packs) {
    print.add(p.id);
    print.add(p.version);
  }
  const layout = { sheet, rowCount: head.rowCount, headerRow: match.row, entries, tariffs, totals, window };
  const scan = await scanProduction(port, layout, print, options);
  // other sheets are read whole once (a toezeggingen sheet is also searched for a contracteerruimte), one at a time
  const grids = new Map<string, CellValue[][]>();
  const read = async (n: string) => grids.get(n) ?? (grids.set(n, await port.readSheet(n)), grids.get(n)!);
  const found = await findToezeggingen(names, sheet, read, print, warnings);
  const readOnce = async (n: string) => {
    const grid = await read(n);
    grids.delete(n);
    return grid;
  };
  const contracteerruimteCells = await findContracteerruimteCells(names, { sheet, hits: scan.hits }, readOnce, print, warnings);
  return {
    ...layout,
    width: scan.width,
    outputColumns,
    headerLine,
    dataRows: scan.dataRows,
    period: scan.period,
    hasApprovalColumn: match.columns.goedgekeurd !== undefined,
    ...found,
    contracteerruimteCells,
    fingerprint: print.value(),
    warnings,
    held: scan.held,
  };
}

function aliasIndex(fields: Record<string, FieldDef>): Map<string, string> {
  const index = new Map<string, string>();
  for (const [name, def] of Object.entries(fields))
    for (const a of [def.label, name, ...def.aliases]) if (!index.has(normalizeHeader(a))) index.set(normalizeHeader(a), name);
  return index;
}

/** A table with AGB-code and Toezegging (and/or Tussentijdse afspraak) columns; undefined when the sheet has none. */
export function readToezeggingen(grid: CellValue[][], sheet: string, warnings: string[]): Toezegging[] | undefined {
  const index = aliasIndex({ agb: CORE_FIELDS.agb, zorgaanbieder: CORE_FIELDS.zorgaanbieder, sector: CORE_FIELDS.sector, ...TOEZEGGING_FIELDS });
  for (let r = 0; r < Math.min(grid.length, HEADER_SCAN_ROWS); r++) {
    const columns: Record<string, number> = {};
    (grid[r] ?? []).forEach((cell, c) => {
      const f = index.get(normalizeHeader(cellToText(cell)));
      if (f && columns[f] === undefined) columns[f] = c;
    });
    if (columns.agb === undefined || (columns.toezegging === undefined && columns.tussentijdseAfspraak === undefined)) continue;
    const out: Toezegging[] = [];
    for (let i = r + 1; i < grid.length; i++) {
      const t = toezegging(grid[i] ?? [], `${sheet}!${i + 1}`, columns, warnings);
      if (t) out.push(t);
    }
    return out;
  }
  return undefined;
}

/** One row of a toezeggingen table; undefined without an AGB-code or without an amount. */
function toezegging(line: CellValue[], ref: string, columns: Record<string, number>, warnings: string[]): Toezegging | undefined {
  const agb = parseText(line[columns.agb]);
  if (!agb.ok) return undefined;
  const money = (f: string) => {
    if (columns[f] === undefined || isEmptyCell(line[columns[f]])) return undefined;
    const p = parseMoney(line[columns[f]]);
    if (!p.ok) warnings.push(`${ref}: ${TOEZEGGING_FIELDS[f].label} "${cellToText(line[columns[f]])}" is geen bedrag; niet meegenomen.`);
    return p.ok ? p.value : undefined;
  };
  const sectorText = columns.sector !== undefined ? cellToText(line[columns.sector]).trim() : '';
  const sector = sectorText ? normalizeSector(sectorText) : undefined;
  if (sectorText && !sector) warnings.push(`${ref}: sector "${sectorText}" is onbekend; de sector wordt afgeleid.`);
  const bedrag = money('toezegging');
  const tussentijds = money('tussentijdseAfspraak');
  if (bedrag === undefined && tussentijds === undefined) return undefined;
  const naam = columns.zorgaanbieder !== undefined ? cellToText(line[columns.zorgaanbieder]).trim() : '';
  const toel = columns.toelichtingToezegging !== undefined ? cellToText(line[columns.toelichtingToezegging]).trim() : '';
  return {
    ref,
    agb: agb.value,
    zorgaanbieder: naam || undefined,
    sector,
    bedrag: bedrag ?? new D(0),
    tussentijdseAfspraak: tussentijds,
    toelichting: toel || undefined,
  };
}

const SECTOR_LABELS: Record<Sector, string> = { VV: 'V&V', GZ: 'GZ', GGZ: 'GGZ' };

/** A cell labelled "Contracteerruimte GGZ" and the next filled cell to its right. */
interface ContracteerruimteHit {
  sector: Sector;
  label: string;
  value: CellValue;
  where: string;
}

/** The labelled cells in rows `from` up to `to` of a grid, in reading order (row by row, left to right). */
function contracteerruimteHits(grid: CellValue[][], sheet: string, from = 0, to = grid.length): ContracteerruimteHit[] {
  const hits: ContracteerruimteHit[] = [];
  for (let r = from; r < to; r++) {
    const line = grid[r];
    (line ?? []).forEach((cell, c) => {
      if (typeof cell !== 'string') return;
      const m = /^contracteerruimte\s*(?:wlz\s*)?(?:sector\s*)?(v\s*&\s*v|vv|verpleging en verzorging|ggz|gz|gehandicaptenzorg)\b/i.exec(cell.trim());
      if (!m) return;
      const sector = normalizeSector(m[1]);
      if (!sector) return;
      const at = line.findIndex((v, k) => k > c && !isEmptyCell(v));
      if (at < 0) return;
      hits.push({ sector, label: cell.trim(), value: line[at], where: `${sheet}!${columnLetter(at)}${r + 1}` });
    });
  }
  return hits;
}

/** Labelled amounts into `out`: the first per sector is used; a second one, or a label beside no amount, is said. */
function useContracteerruimte(hits: readonly ContracteerruimteHit[], out: ContracteerruimteCells, warnings: string[]): void {
  for (const { sector, label, value, where } of hits) {
    const p = parseMoney(value);
    if (!p.ok) {
      warnings.push(`${where}: "${cellToText(value)}" naast "${label}" is geen bedrag; niet gebruikt.`);
      continue;
    }
    if (out[sector]) {
      warnings.push(`Contracteerruimte ${SECTOR_LABELS[sector]} staat ook in ${where}; ${out[sector].where} is gebruikt.`);
      continue;
    }
    out[sector] = { value: p.value, where };
  }
}

/** Cells labelled "Contracteerruimte GGZ" (any sheet) with an amount in the next filled cell to the right. */
export function findContracteerruimte(grid: CellValue[][], sheet: string, out: ContracteerruimteCells, warnings: string[]): void {
  useContracteerruimte(contracteerruimteHits(grid, sheet), out, warnings);
}
