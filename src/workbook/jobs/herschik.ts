/**
 * workbook → production rows → engine + herschikking → workbook, through WorkbookPort only. Writes Tariefwijzer's
 * own columns next to the production data and the sheet "Tariefwijzer herschikking"; re-running replaces both
 * and touches no user cell.
 */
import { rowRef, type InputRow } from '../../domain/engine';
import { CORE_FIELDS, normalizeHeader, type FieldDef } from '../../domain/fields';
import { formatFlag, type Flag } from '../../domain/flags';
import { D, type Dec, formatNumber } from '../../domain/money';
import { cellToText, isEmptyCell, parseMoney, parseText, type CellValue } from '../../domain/parse';
import { normalizeSector } from '../../domain/prestaties';
import type { ParameterValues, PolicyPack } from '../../domain/policy/types';
import { compareHerschikking, type Comparison } from '../../domain/production/compare';
import { PRODUCTION_FIELDS, TOEZEGGING_FIELDS } from '../../domain/production/fields';
import { formatPct, herschik, type HerschikResult, type Toezegging } from '../../domain/production/herschik';
import { monthLabel, MONTH_NAMES } from '../../domain/production/months';
import { HERSCHIK_PARAMETERS } from '../../domain/production/rules';
import type { Sector } from '../../domain/types';
import { formatLocalDateTime, isTariffSheet, META_SHEET, parameterText, PERCENTAGE_FORMAT, TARIFF_FORMAT, normalizeCodeKey } from '../names';
import { RunCancelled, type JobOptions } from './job';
import { readTariffTable } from './layout';
import { InputError } from '../errors';
import { Fingerprint } from '../fingerprint';
import { placeOutput } from '../output-columns';
import { columnLetter, detectHeader, HEADER_SCAN_ROWS, isHidden, visibleFirst } from '../headers';
import { filledWidth, type ChartSpec, type OutputValue, type WorkbookPort } from '../port';

export const HERSCHIK_SHEET = 'Tariefwijzer herschikking';
/** Tariefwijzer's own columns on the production sheet, in order. */
export const HERSCHIK_HEADERS = [
  'Tariefwijzer tarief (herschikking)',
  'Tariefwijzer omzet',
  'Tariefwijzer meegeteld',
  'Tariefwijzer signalen (herschikking)',
  'Tariefwijzer toelichting (herschikking)',
] as const;
export const PERCENTAGE_4_FORMAT = '0.0000%';
export const CHART_NAME = 'Tariefwijzer uitnutting';

const HIGHLIGHTS = [
  { column: 3, contains: '[waarschuwing]', color: '#FFEB9C' },
  { column: 3, contains: '[fout]', color: '#FFC7CE' },
];

export interface Scenario {
  pack: PolicyPack;
  packParams: ParameterValues;
  params: ParameterValues;
  /** Dutch, e.g. "zk-ggz-2025 met richttarief=96". */
  label: string;
}

/** The job's options; progress, phases and cancel as every job (JobOptions). */
export interface HerschikOptions extends JobOptions {
  sheet?: string;
  vergelijk?: Scenario;
}

export interface HerschikOutcome {
  sheet: string;
  headerRow: number;
  result: HerschikResult;
  comparison?: Comparison;
  fingerprint: string;
  warnings: string[];
  chartWritten: boolean;
  dataRows: number;
  toezeggingenSheet?: string;
}

function isToezeggingSheet(name: string): boolean {
  const n = normalizeHeader(name);
  return n.includes('toezegging') || n.includes('afspraken');
}

function isOwnSheet(name: string): boolean {
  return name === META_SHEET || name === HERSCHIK_SHEET;
}

function productionFields(packs: PolicyPack[]): Record<string, FieldDef> {
  return Object.assign({}, ...packs.map((p) => p.fields ?? {}), PRODUCTION_FIELDS) as Record<string, FieldDef>;
}

interface Inputs {
  sheet: string;
  /** Rows of the production sheet from A1 (the used range), and the columns up to its last filled cell. */
  rowCount: number;
  width: number;
  headerRow: number;
  outputColumns: number[];
  /** The header row's cells. */
  headerLine: CellValue[];
  rows: InputRow[];
  rowIndex: number[];
  hasApprovalColumn: boolean;
  toezeggingen: Toezegging[];
  toezeggingenSheet?: string;
  contracteerruimteCells: Partial<Record<Sector, { value: Dec; where: string }>>;
  fingerprint: string;
  warnings: string[];
}

async function readInputs(port: WorkbookPort, packs: PolicyPack[], wanted?: string): Promise<Inputs> {
  const names = await port.sheetNames();
  if (!names.length) throw new InputError('De werkmap heeft geen bladen.');
  const fields = productionFields(packs);
  const grids = new Map<string, CellValue[][]>();
  const read = async (n: string) => {
    if (!grids.has(n)) grids.set(n, await port.readSheet(n));
    return grids.get(n)!;
  };
  const isProduction = (grid: CellValue[][]) => {
    const { match } = detectHeader(grid, fields);
    return match && match.columns.maand !== undefined && match.columns.volume !== undefined ? match : undefined;
  };
  let sheet: string | undefined;
  if (wanted !== undefined && !names.includes(wanted)) throw new InputError(`Blad "${wanted}" bestaat niet. Bladen in dit bestand: ${names.join(', ')}.`);
  const candidates = wanted !== undefined ? [wanted] : names.filter((n) => !isOwnSheet(n) && !isTariffSheet(n));
  // The first rows tell which sheets are hidden and where a table's totals row is (one round trip for all).
  const heads = candidates.length ? await port.readSheets(candidates.map((n) => ({ sheet: n, rows: HEADER_SCAN_ROWS }))) : [];
  let chosen = -1;
  for (const i of visibleFirst(heads)) {
    // the header is in the first rows: the sheets are not read whole to find it
    if (wanted !== undefined || isProduction(heads[i].cells)) {
      chosen = i;
      sheet = candidates[i];
      break;
    }
  }
  if (!sheet)
    throw new InputError(
      `Geen blad met productiegegevens gevonden: een kopregel met Prestatiecode, Maand (of Periode/Declaratiemaand) en Aantal (of Volume/Eenheden). Bladen: ${names.join(', ')}.`,
    );
  const match = isProduction(heads[chosen].cells);
  if (!match)
    throw new InputError(
      `Blad "${sheet}": geen kopregel met Prestatiecode, Maand (of Periode/Declaratiemaand) en Aantal (of Volume/Eenheden) in de eerste ${HEADER_SCAN_ROWS} rijen.`,
    );
  const warnings = [...match.warnings];
  if (wanted === undefined && isHidden(heads[chosen]))
    warnings.push(`Blad "${sheet}" is verborgen; het is gebruikt omdat geen zichtbaar blad productiegegevens heeft.`);
  const totals = new Set((heads[chosen]?.totalsRows ?? []).filter((r) => r > match.row));
  if (totals.size)
    warnings.push(`Blad "${sheet}": de totaalrij van een Excel-tabel (rij ${[...totals].map((r) => r + 1).join(', ')}) is niet als gegevens gelezen.`);
  const tariffs = await readTariffTable(port, names, sheet, warnings);

  const own = HERSCHIK_HEADERS.map(normalizeHeader);
  const headerLine = heads[chosen].cells[match.row] ?? [];
  const outputColumns: number[] = [];
  headerLine.forEach((cell, c) => {
    const i = own.indexOf(normalizeHeader(cellToText(cell)));
    if (i >= 0) outputColumns[i] = c;
  });
  const ownColumns = new Set(outputColumns.filter((c) => c !== undefined));
  const entries = Object.entries(match.columns).filter(([, c]) => !ownColumns.has(c));
  const rows: InputRow[] = [];
  const rowIndex: number[] = [];
  // the whole sheet: a contracteerruimte may be labelled anywhere in it (read once, and let go below)
  let grid: CellValue[][] | undefined = await read(sheet);
  const rowCount = grid.length;
  const width = filledWidth(grid);
  const print = new Fingerprint();
  for (const p of packs) {
    print.add(p.id);
    print.add(p.version);
  }
  for (let r = match.row + 1; r < grid.length; r++) {
    if (totals.has(r)) continue;
    const line = grid[r] ?? [];
    if (entries.every(([, c]) => isEmptyCell(line[c]))) continue;
    const cells: Record<string, CellValue> = {};
    for (const [f, c] of entries) cells[f] = line[c];
    if (isEmptyCell(cells.maximumtarief) && tariffs.table.size) {
      const t = tariffs.table.get(normalizeCodeKey(cells.prestatiecode));
      if (t !== undefined) cells.maximumtarief = t;
    }
    for (const [f] of entries) {
      print.add(f);
      print.add(cells[f]);
    }
    print.add('maximumtarief');
    print.add(cells.maximumtarief);
    rows.push({ ref: rowRef(sheet, r), cells });
    rowIndex.push(r);
  }

  let toezeggingen: Toezegging[] = [];
  let toezeggingenSheet: string | undefined;
  for (const n of names) {
    if (n === sheet || isOwnSheet(n) || !isToezeggingSheet(n)) continue;
    const found = readToezeggingen(await read(n), n, warnings);
    if (found) {
      toezeggingen = found;
      toezeggingenSheet = n;
      for (const t of found) for (const v of [t.ref, t.agb, t.sector ?? '', t.bedrag.toString(), t.tussentijdseAfspraak?.toString() ?? '']) print.add(v);
      break;
    }
  }

  const contracteerruimteCells: Inputs['contracteerruimteCells'] = {};
  for (const n of names) {
    if (isOwnSheet(n)) continue;
    findContracteerruimte(await read(n), n, contracteerruimteCells, warnings);
  }
  grid = undefined;
  grids.clear();
  for (const [s, v] of Object.entries(contracteerruimteCells)) {
    print.add(s);
    print.add(v.value.toString());
  }

  return {
    sheet,
    rowCount,
    width,
    headerRow: match.row,
    outputColumns,
    headerLine,
    rows,
    rowIndex,
    hasApprovalColumn: match.columns.goedgekeurd !== undefined,
    toezeggingen,
    toezeggingenSheet,
    contracteerruimteCells,
    fingerprint: print.value(),
    warnings,
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
      const line = grid[i] ?? [];
      const agb = parseText(line[columns.agb]);
      if (!agb.ok) continue;
      const ref = `${sheet}!${i + 1}`;
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
      if (bedrag === undefined && tussentijds === undefined) continue;
      const naam = columns.zorgaanbieder !== undefined ? cellToText(line[columns.zorgaanbieder]).trim() : '';
      const toel = columns.toelichtingToezegging !== undefined ? cellToText(line[columns.toelichtingToezegging]).trim() : '';
      out.push({
        ref,
        agb: agb.value,
        zorgaanbieder: naam || undefined,
        sector,
        bedrag: bedrag ?? new D(0),
        tussentijdseAfspraak: tussentijds,
        toelichting: toel || undefined,
      });
    }
    return out;
  }
  return undefined;
}

const SECTOR_LABELS: Record<Sector, string> = { VV: 'V&V', GZ: 'GZ', GGZ: 'GGZ' };

/** Cells labelled "Contracteerruimte GGZ" (any sheet) with an amount in the next filled cell to the right. */
export function findContracteerruimte(
  grid: CellValue[][],
  sheet: string,
  out: Partial<Record<Sector, { value: Dec; where: string }>>,
  warnings: string[],
): void {
  grid.forEach((line, r) =>
    (line ?? []).forEach((cell, c) => {
      if (typeof cell !== 'string') return;
      const m = /^contracteerruimte\s*(?:wlz\s*)?(?:sector\s*)?(v\s*&\s*v|vv|verpleging en verzorging|ggz|gz|gehandicaptenzorg)\b/i.exec(cell.trim());
      if (!m) return;
      const sector = normalizeSector(m[1]);
      if (!sector) return;
      let v: CellValue;
      let at = -1;
      for (let k = c + 1; k < (line?.length ?? 0); k++)
        if (!isEmptyCell(line[k])) {
          v = line[k];
          at = k;
          break;
        }
      if (at < 0) return;
      const p = parseMoney(v);
      const where = `${sheet}!${columnLetter(at)}${r + 1}`;
      if (!p.ok) {
        warnings.push(`${where}: "${cellToText(v)}" naast "${cell.trim()}" is geen bedrag; niet gebruikt.`);
        return;
      }
      if (out[sector]) {
        warnings.push(`Contracteerruimte ${SECTOR_LABELS[sector]} staat ook in ${where}; ${out[sector].where} is gebruikt.`);
        return;
      }
      out[sector] = { value: p.value, where };
    }),
  );
}

function compute(inputs: Inputs, pack: PolicyPack, packParams: ParameterValues, params: ParameterValues): HerschikResult {
  return herschik({
    rows: inputs.rows,
    pack,
    packParams,
    params,
    contracteerruimteCells: inputs.contracteerruimteCells,
    toezeggingen: inputs.toezeggingen,
    hasApprovalColumn: inputs.hasApprovalColumn,
  });
}

/** Read, compute (and the scenario), and write the columns and the sheet. */
export async function herschikWorkbook(
  port: WorkbookPort,
  pack: PolicyPack,
  packParams: ParameterValues,
  params: ParameterValues,
  options: HerschikOptions = {},
): Promise<HerschikOutcome> {
  const packs = options.vergelijk ? [pack, options.vergelijk.pack] : [pack];
  options.onPhase?.('lezen');
  const inputs = await readInputs(port, packs, options.sheet);
  options.onPhase?.('rekenen');
  options.onProgress?.(0, inputs.rows.length);
  await options.pause?.();
  const result = compute(inputs, pack, packParams, params);
  await options.pause?.();
  const comparison = options.vergelijk
    ? compareHerschikking(result, compute(inputs, options.vergelijk.pack, options.vergelijk.packParams, options.vergelijk.params), options.vergelijk.label)
    : undefined;
  options.onProgress?.(inputs.rows.length, inputs.rows.length);
  // a cancel counts until writing starts; from here the job completes (JobOptions.signal)
  if (options.signal?.aborted) throw new RunCancelled();
  options.onPhase?.('schrijven');

  // Own columns next to the production data.
  const { rowCount, width, headerRow, outputColumns } = inputs;
  const warnings = [...inputs.warnings];
  const place = await placeOutput(port, {
    sheet: inputs.sheet,
    headerRow,
    lastRow: Math.max(headerRow, rowCount - 1),
    width: HERSCHIK_HEADERS.length,
    after: width,
    existing: outputColumns,
    headerLine: inputs.headerLine,
    noun: 'herschikkingskolommen',
  });
  const firstColumn = place.firstColumn;
  warnings.push(...place.warnings);
  const values: OutputValue[][] = [];
  for (let r = headerRow + 1; r < rowCount; r++) values.push(NO_OUTPUT);
  // most rows share their signals (those of the tariff): one string for all of them, not one a row
  const signalTexts = new Map<string, string>();
  const shared = (text: string) => signalTexts.get(text) ?? (signalTexts.set(text, text), text);
  result.rows.forEach((res, i) => {
    values[inputs.rowIndex[i] - headerRow - 1] = [
      res.tarief ? res.tarief.toNumber() : null,
      res.omzet ? res.omzet.toNumber() : null,
      res.counted ? 'ja' : 'nee',
      res.flags.length ? shared(res.flags.map(formatFlag).join('\n')) : null,
      res.explanation || null,
    ];
  });
  await port.writeBlock({
    sheet: inputs.sheet,
    headerRow,
    firstColumn,
    headers: [...HERSCHIK_HEADERS],
    values,
    numberFormats: [TARIFF_FORMAT, TARIFF_FORMAT, undefined, undefined, undefined],
    highlights: HIGHLIGHTS,
  });

  const layout = sheetLayout(result, pack, packParams, params, comparison, {
    sheet: inputs.sheet,
    toezeggingenSheet: inputs.toezeggingenSheet,
    fingerprint: inputs.fingerprint,
    now: options.now ?? new Date(),
    warnings,
    chart: !!port.writeChart,
    rows: inputs.rows.length,
  });
  await port.replaceSheet(HERSCHIK_SHEET, layout.rows);
  for (const block of layout.blocks) await port.writeBlock({ sheet: HERSCHIK_SHEET, ...block });
  let chartWritten = false;
  if (port.writeChart && layout.chart) {
    await port.writeChart(layout.chart);
    chartWritten = true;
  }
  await port.flush();
  return {
    sheet: inputs.sheet,
    headerRow,
    result,
    comparison,
    fingerprint: inputs.fingerprint,
    warnings,
    chartWritten,
    dataRows: inputs.rows.length,
    toezeggingenSheet: inputs.toezeggingenSheet,
  };
}

const NO_OUTPUT: OutputValue[] = [null, null, null, null, null];
const num = (v: Dec | undefined | null): OutputValue => (v === undefined || v === null ? null : v.toNumber());
const frac = (v: Dec | undefined): OutputValue => (v === undefined ? null : v.dividedBy(100).toNumber());
const flagsText = (flags: readonly Flag[]): OutputValue => flags.map(formatFlag).join('\n') || null;

/** A bar of text for at-a-glance reading where no chart can be drawn: █ up to the contracteerruimte, ▒ above it. */
export function textBar(percentage: Dec | undefined, scale = 5): string | null {
  if (percentage === undefined) return null;
  const p = percentage.toNumber();
  const within = Math.max(0, Math.round(Math.min(p, 100) / scale));
  const above = p > 100 ? Math.ceil((Math.min(p, 160) - 100) / scale) : 0;
  return `${'█'.repeat(within)}${'▒'.repeat(above)} ${formatPct(percentage, 1)}`;
}

interface BlockSpec {
  headerRow: number;
  firstColumn: number;
  headers: string[];
  values: OutputValue[][];
  numberFormats: Array<string | undefined>;
}

type LayoutInfo = { sheet: string; toezeggingenSheet?: string; fingerprint: string; now: Date; warnings: string[]; chart: boolean; rows: number };

/** The herschikking sheet as it fills up from the top: lines of text, and tables written as blocks. */
class SheetLayout {
  readonly rows: OutputValue[][] = [];
  readonly blocks: BlockSpec[] = [];
  private cursor = 0;

  line(values: OutputValue[]): void {
    while (this.rows.length <= this.cursor) this.rows.push([]);
    this.rows[this.cursor++] = values;
  }

  gap(): void {
    this.cursor++;
  }

  /** A table at the next row, then one empty row; returns its header row. */
  table(headers: string[], values: OutputValue[][], numberFormats: Array<string | undefined>): number {
    const headerRow = this.cursor;
    this.blocks.push({ headerRow, firstColumn: 0, headers, values, numberFormats });
    this.cursor += values.length + 2;
    return headerRow;
  }
}

function sheetLayout(
  result: HerschikResult,
  pack: PolicyPack,
  packParams: ParameterValues,
  params: ParameterValues,
  comparison: Comparison | undefined,
  info: LayoutInfo,
): { rows: OutputValue[][]; blocks: BlockSpec[]; chart?: ChartSpec } {
  const layout = new SheetLayout();
  layout.line([`Tariefwijzer — productie, uitnutting en herschikking ${result.year}`]);
  layout.gap();
  for (const m of runFacts(result, pack, params, info)) layout.line(m);
  layout.gap();
  layout.line(['Per sector']);
  sectorTable(layout, result);
  layout.line(['Per zorgaanbieder en sector']);
  providerTable(layout, result);
  layout.line(['Uitnutting per maand (verwachte jaaruitnutting zoals die er met elke maand als laatste maand uitzag)']);
  const chart = monthTable(layout, result);
  if (comparison) {
    layout.line([`Vergelijking: ${comparison.label} (verschil = vergelijking − basis)`]);
    comparisonTables(layout, comparison);
  }
  layout.line(['Parameters']);
  layout.line(['Parameter', 'Waarde']);
  for (const [name, def] of Object.entries(HERSCHIK_PARAMETERS)) layout.line([def.label, parameterText(params[name])]);
  for (const [name, def] of Object.entries(pack.parameters)) layout.line([`${pack.title}: ${def.label}`, parameterText(packParams[name])]);
  const notes = [...result.notes, ...info.warnings];
  if (notes.length) {
    layout.gap();
    layout.line(['Opmerkingen']);
    for (const n of notes) layout.line([n]);
  }
  return { rows: layout.rows, blocks: layout.blocks, chart };
}

/** The run's facts at the top: pack, sheets, year, peildatum, method, time, fingerprint, and whether a chart was drawn. */
function runFacts(result: HerschikResult, pack: PolicyPack, params: ParameterValues, info: LayoutInfo): OutputValue[][] {
  return [
    ['Beleid', pack.id],
    ['Titel', pack.title],
    ['Versie', pack.version],
    ['Blad', info.sheet],
    ['Toezeggingen', info.toezeggingenSheet ?? '(geen tabel gevonden)'],
    ['Herschikkingsjaar', result.year],
    ['Peildatum', result.peildatum ?? '(niet ingesteld: laatste maand in de gegevens)'],
    ['Laatste gedeclareerde maand', result.lastMonth ? monthLabel(result.lastMonth, result.year) : '(geen)'],
    [
      'Extrapolatie',
      result.method === 'laatste-maand'
        ? 'laatste maand × resterende maanden'
        : `gemiddelde van de laatste ${formatNumber(params.extrapolatie_maanden as Dec)} maanden × resterende maanden`,
    ],
    ['Rijen', info.rows],
    ['Tijdstip', formatLocalDateTime(info.now)],
    ['Vingerafdruk invoer', info.fingerprint],
    [
      'Grafiek',
      info.chart
        ? `lijndiagram "${CHART_NAME}" naast de maandtabel`
        : 'niet getekend: deze Excel-versie kan hier geen grafiek maken; zie de balken in de maandtabel, of voeg in Excel een lijndiagram in op de kolommen "… uitnutting"',
    ],
  ];
}

/** Per sector, with a totals row: contracteerruimte, realised and expected production, uitnutting, korting. */
function sectorTable(layout: SheetLayout, result: HerschikResult): void {
  const E = TARIFF_FORMAT;
  const P = PERCENTAGE_FORMAT;
  const sectorHeaders = [
    'Sector',
    'Contracteerruimte',
    'Bron contracteerruimte',
    'Gerealiseerd',
    'Geëxtrapoleerde productie',
    'Toezeggingen',
    'Verwacht (productie + toezeggingen)',
    'Uitnutting',
    'Uitnutting (balk)',
    'Tekort',
    'Onzekerheid',
    'Korting',
    'Reservering nieuwe aanbieders',
    'Afspraken',
    'Signalen',
    'Toelichting',
  ];
  const sectorValues: OutputValue[][] = result.sectors.map((s) => [
    SECTOR_LABELS[s.sector],
    num(s.contracteerruimte),
    s.contracteerruimteBron ?? 'ontbreekt',
    num(s.realised),
    num(s.extrapolated),
    num(s.toezeggingen),
    num(s.verwacht),
    frac(s.uitnutting),
    textBar(s.uitnutting),
    num(s.tekort),
    frac(s.onzekerheid),
    frac(s.kortingPercentage),
    num(s.reservering),
    num(s.afsprakenTotaal),
    flagsText(s.flags),
    s.explanation,
  ]);
  const t = result.totals;
  sectorValues.push([
    'Totaal',
    num(t.contracteerruimte),
    null,
    num(t.realised),
    num(t.extrapolated),
    num(t.toezeggingen),
    num(t.extrapolated.plus(t.toezeggingen)),
    null,
    null,
    null,
    null,
    null,
    null,
    num(t.afspraken),
    null,
    'Som van de sectoren (contracteerruimte alleen waar bekend).',
  ]);
  layout.table(sectorHeaders, sectorValues, [undefined, E, undefined, E, E, E, E, P, undefined, E, P, PERCENTAGE_4_FORMAT, E, E, undefined, undefined]);
}

/** Per provider and sector: production, toezegging, korting and the herschikkingsafspraak. */
function providerTable(layout: SheetLayout, result: HerschikResult): void {
  const E = TARIFF_FORMAT;
  const providerHeaders = [
    'AGB-code',
    'Zorgaanbieder',
    'Sector',
    'Gerealiseerd',
    'Geëxtrapoleerde productie',
    'Toezegging',
    'Korting',
    'Herschikkingsafspraak',
    'Tussentijdse afspraak',
    'Signalen',
    'Toelichting',
  ];
  const providerValues: OutputValue[][] = result.providers.map((p) => [
    p.agb,
    p.naam,
    SECTOR_LABELS[p.sector],
    num(p.realised),
    num(p.extrapolated),
    num(p.toezegging),
    num(p.korting),
    p.afspraak ? p.afspraak.toNumber() : p.nieuw ? 'maatwerk' : 'geen (contracteerruimte ontbreekt)',
    num(p.tussentijdseAfspraak),
    flagsText(p.flags),
    p.explanation,
  ]);
  layout.table(providerHeaders, providerValues, [undefined, undefined, undefined, E, E, E, E, E, E, undefined, undefined]);
}

/** Month by month per sector, and the line chart over its uitnutting columns (none without months). */
function monthTable(layout: SheetLayout, result: HerschikResult): ChartSpec | undefined {
  const E = TARIFF_FORMAT;
  const P = PERCENTAGE_FORMAT;
  const monthHeaders = ['Maand'];
  const monthFormats: Array<string | undefined> = [undefined];
  const seriesColumns: number[] = [];
  for (const s of result.sectors) {
    const l = SECTOR_LABELS[s.sector];
    monthHeaders.push(`${l} omzet`, `${l} cumulatief`, `${l} prognose jaar`, `${l} uitnutting`, `${l} balk`);
    monthFormats.push(E, E, E, P, undefined);
    seriesColumns.push(monthHeaders.length - 2);
  }
  monthHeaders.push('Contracteerruimte');
  monthFormats.push(P);
  seriesColumns.push(monthHeaders.length - 1);
  const monthValues: OutputValue[][] = [];
  for (let m = 1; m <= result.lastMonth; m++) {
    const line: OutputValue[] = [MONTH_NAMES[m - 1]];
    for (const s of result.sectors) {
      const pt = s.months[m - 1];
      line.push(num(pt?.omzet), num(pt?.cumulatief), num(pt?.prognose), frac(pt?.uitnutting), textBar(pt?.uitnutting));
    }
    line.push(1);
    monthValues.push(line);
  }
  const monthHeaderRow = layout.table(monthHeaders, monthValues, monthFormats);
  return monthValues.length
    ? {
        sheet: HERSCHIK_SHEET,
        name: CHART_NAME,
        title: `Verwachte uitnutting van de contracteerruimte per sector, ${result.year}`,
        kind: 'line',
        headerRow: monthHeaderRow,
        firstRow: monthHeaderRow + 1,
        lastRow: monthHeaderRow + monthValues.length,
        categoryColumn: 0,
        seriesColumns,
        seriesNames: seriesColumns.map((c) => monthHeaders[c]),
        anchor: { row: monthHeaderRow, column: monthHeaders.length + 1 },
        size: { columns: 8, rows: 16 },
        valueAxisTitle: 'uitnutting (% van de contracteerruimte)',
      }
    : undefined;
}

/** The comparison with another scenario: per sector, then per provider (difference = comparison − base). */
function comparisonTables(layout: SheetLayout, comparison: Comparison): void {
  const E = TARIFF_FORMAT;
  const P = PERCENTAGE_FORMAT;
  const cmpSectorHeaders = [
    'Sector',
    'Geëxtrapoleerd (basis)',
    'Geëxtrapoleerd (vergelijking)',
    'Verschil productie',
    'Verschil verwacht',
    'Verschil afspraken',
    'Uitnutting (basis)',
    'Uitnutting (vergelijking)',
    'Korting (basis)',
    'Korting (vergelijking)',
  ];
  const cmpSectorValues: OutputValue[][] = comparison.sectors.map((s) => [
    SECTOR_LABELS[s.sector],
    num(s.extrapolatedBase),
    num(s.extrapolatedAlt),
    num(s.extrapolatedDiff),
    num(s.verwachtDiff),
    num(s.afsprakenDiff),
    frac(s.uitnuttingBase),
    frac(s.uitnuttingAlt),
    frac(s.kortingBase),
    frac(s.kortingAlt),
  ]);
  cmpSectorValues.push(['Totaal', null, null, num(comparison.total.extrapolatedDiff), null, num(comparison.total.afsprakenDiff), null, null, null, null]);
  layout.table(cmpSectorHeaders, cmpSectorValues, [undefined, E, E, E, E, E, P, P, PERCENTAGE_4_FORMAT, PERCENTAGE_4_FORMAT]);
  const cmpHeaders = [
    'AGB-code',
    'Zorgaanbieder',
    'Sector',
    'Geëxtrapoleerd (basis)',
    'Geëxtrapoleerd (vergelijking)',
    'Verschil productie',
    'Afspraak (basis)',
    'Afspraak (vergelijking)',
    'Verschil afspraak',
  ];
  const cmpValues: OutputValue[][] = comparison.providers.map((p) => [
    p.agb,
    p.naam,
    SECTOR_LABELS[p.sector],
    num(p.extrapolatedBase),
    num(p.extrapolatedAlt),
    num(p.extrapolatedDiff),
    num(p.afspraakBase),
    num(p.afspraakAlt),
    num(p.afspraakDiff),
  ]);
  layout.table(cmpHeaders, cmpValues, [undefined, undefined, undefined, E, E, E, E, E, E]);
}
