/** Where a job reads its rows: the data sheet, its header, the column of each field and the NZa tariff sheet. */
import type { CellValue } from '../../domain/parse';
import { cellToText, isEmptyCell } from '../../domain/parse';
import type { PolicyPack } from '../../domain/policy/types';
import { InputError } from '../errors';
import { detectHeader, HEADER_SCAN_ROWS, isHidden, isPolicySheet, visibleFirst, type HeaderMatch } from '../headers';
import { isOwnSheet, isTariffSheet, META_SHEET, META_TITLE, metaTakenMessage, normalizeCodeKey, OUTPUT_END_LABEL, protectedSheetMessage } from '../names';
import type { WorkbookPort } from '../port';

/** Code → maximumtarief from the rows of a sheet like "NZa tarieven" (header found by detectHeader). */
export function buildTariffTable(cells: CellValue[][], match: HeaderMatch, name: string, warnings: string[]): Map<string, CellValue> {
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
  /**
   * The first rows of the Tariefwijzer sheet, read with the layout ([] when the workbook has none; undefined when a
   * sheet's name differs from it in case only): often its whole run record (last-run.ts holdsLastRun).
   */
  metaRows?: CellValue[][];
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
    metaRows: !meta || metaName === META_SHEET ? record : undefined,
  };
}

/** Rows of the metadata sheet read with the layout: the labels up to the parameters. */
const META_SCAN_ROWS = 30;

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

function applyMapping(match: HeaderMatch, mapping: ColumnMapping): void {
  for (const [field, column] of Object.entries(mapping)) {
    if (column === null) delete match.columns[field];
    else match.columns[field] = column;
  }
  if (match.columns.prestatiecode === undefined) throw new InputError('Zonder kolom voor de prestatiecode kan Tariefwijzer niet rekenen; kies er een.');
}
