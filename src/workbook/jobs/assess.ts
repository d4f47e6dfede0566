/**
 * Assessments in a workbook, through the WorkbookPort only. Two kinds of input:
 *  - a provider list (a header row with AGB-code and at least one request column): the assessment goes in
 *    three own columns next to the data, one provider per AGB-code (rows of the same provider get the same text);
 *  - an aanvraagformulier (label/value cells): read by label.
 * Both get the summary sheet "Tariefwijzer beoordelingen". Re-running replaces the own columns and the sheet.
 */
import {
  assessProvider,
  assessmentFields,
  FINDING_HEADERS,
  IDENTITY_FIELDS,
  findingRows,
  formatDate,
  ANCHOR_FIELDS,
  describeScores,
  findForms,
  MIN_FORM_FIELDS,
  routeCell,
  sheetList,
  routeLabel,
  SUMMARY_HEADERS,
  summaryRow,
  termijnCell,
  type Finding,
  type FormReading,
  type Procedure,
  type ProviderAssessment,
  type ProviderInput,
  type SheetScore,
} from '../../domain/assessments';
import { normalizeHeader } from '../../domain/fields';
import { formatNumber, formatPercentage } from '../../domain/money';
import { cellToText, isEmptyCell, parsePercentage, type CellValue } from '../../domain/parse';
import type { ParameterValues } from '../../domain/policy/types';
import { formatLocalDateTime, META_SHEET } from '../names';
import { InputError } from '../errors';
import { HEADER_SCAN_ROWS, isHidden, visibleFirst } from '../headers';
import { placeOutput } from '../output-columns';
import { filledWidth, columnName, type OutputValue, type WorkbookPort } from '../port';
import { RunCancelled, type JobOptions } from './job';

export const ASSESS_HEADERS = ['Tariefwijzer herberekening', 'Tariefwijzer hardheidsclausule', 'Tariefwijzer termijn'] as const;
export const ASSESS_SHEET = 'Tariefwijzer beoordelingen';
/** The columns that make a header row a provider list for assessments (besides AGB-code). */
const REQUEST_FIELDS = ['verzoekHerberekening', 'beroepHardheidsclausule', 'datumOntvangst', 'datumOntvangstHerberekening', 'datumOntvangstHardheidsclausule'];

export interface ListHeader {
  row: number;
  columns: Record<string, number>;
  /** Existing own columns from an earlier run, by ASSESS_HEADERS index. */
  outputColumns: number[];
}

/** The header row of a provider list: AGB-code plus at least one request column, in the first rows. */
export function detectListHeader(grid: CellValue[][], proc: Procedure): ListHeader | undefined {
  const index = new Map<string, string>();
  for (const [name, def] of Object.entries(assessmentFields(proc))) {
    for (const a of [def.label, name, ...def.aliases]) if (!index.has(normalizeHeader(a))) index.set(normalizeHeader(a), name);
  }
  const own = ASSESS_HEADERS.map(normalizeHeader);
  let best: ListHeader | undefined;
  for (let r = 0; r < Math.min(grid.length, HEADER_SCAN_ROWS); r++) {
    const columns: Record<string, number> = {};
    const outputColumns: number[] = [];
    (grid[r] ?? []).forEach((cell, c) => {
      const key = normalizeHeader(cellToText(cell));
      if (!key) return;
      if (own.includes(key)) outputColumns[own.indexOf(key)] = c;
      else if (index.has(key) && columns[index.get(key)!] === undefined) columns[index.get(key)!] = c;
    });
    if (columns.agb === undefined || !REQUEST_FIELDS.some((f) => columns[f] !== undefined)) continue;
    if (!best || Object.keys(columns).length > Object.keys(best.columns).length) best = { row: r, columns, outputColumns };
  }
  return best;
}

/** AGB-code as a key: text trimmed, a number padded to 8 digits (a lost leading zero). */
function agbKey(v: CellValue): string {
  if (typeof v === 'number') return String(v).padStart(8, '0');
  return cellToText(v).trim();
}

export interface ProviderRows {
  input: ProviderInput;
  /** 0-based sheet rows of this provider. */
  rows: number[];
}

/** Group the list's rows by AGB-code; the first filled value of each field counts, a different later one is reported. */
export function providersFromList(
  sheet: string,
  grid: CellValue[][],
  header: ListHeader,
  proc: Procedure,
  skipRows: ReadonlySet<number> = new Set(),
): ProviderRows[] {
  const fields = assessmentFields(proc);
  const byAgb = new Map<string, ProviderRows>();
  const order: ProviderRows[] = [];
  for (let r = header.row + 1; r < grid.length; r++) {
    if (skipRows.has(r)) continue; // an Excel table's totals row is not a provider
    const line = grid[r] ?? [];
    if (Object.values(header.columns).every((c) => isEmptyCell(line[c]))) continue;
    const key = agbKey(line[header.columns.agb]);
    let p = key ? byAgb.get(key) : undefined;
    if (!p) {
      p = { input: { bron: '', cells: {}, refs: {}, formFindings: [], bladen: [sheet] }, rows: [] };
      if (key) byAgb.set(key, p);
      order.push(p);
    }
    p.rows.push(r);
    for (const [field, c] of Object.entries(header.columns)) {
      const v = line[c];
      if (isEmptyCell(v)) continue;
      const ref = `${sheet}!${columnName(c)}${r + 1}`;
      if (p.input.cells[field] === undefined) {
        p.input.cells[field] = v;
        p.input.refs![field] = ref;
      } else if (cellToText(p.input.cells[field]) !== cellToText(v)) {
        const f: Finding = {
          onderdeel: 'formulier',
          code: 'WAARDEN_VERSCHILLEN',
          severity: 'waarschuwing',
          message: `${fields[field]?.label ?? field}: "${cellToText(v)}" in ${ref} verschilt van "${cellToText(p.input.cells[field])}" in ${p.input.refs![field]}; de eerste is gebruikt.`,
        };
        p.input.formFindings!.push(f);
        if ((IDENTITY_FIELDS as readonly string[]).includes(field))
          p.input.unclear = { [field]: f.message.replace(/; de eerste is gebruikt\.$/, ''), ...p.input.unclear };
      }
    }
  }
  for (const p of order) p.input.bron = `blad ${sheet}, ${p.rows.length === 1 ? 'rij' : 'rijen'} ${p.rows.map((r) => r + 1).join(', ')}`;
  return order;
}

/** The job's options; progress, phases and cancel as every job (JobOptions). */
export interface AssessOptions extends JobOptions {
  sheet?: string;
  /** The policy pack id the user chose (for the summary sheet). */
  policyId?: string;
}

export interface AssessOutcome {
  mode: 'lijst' | 'formulier';
  /** The provider list's sheet, or the first form's sheet. */
  sheet?: string;
  /** Forms: per form the sheets it was read from (the request sheet first), in workbook order. */
  forms?: string[][];
  headerRow?: number;
  firstColumn?: number;
  assessments: ProviderAssessment[];
  warnings: string[];
}

/** Write the three own columns for a list whose provider rows are known. */
export async function writeAssessmentColumns(
  port: WorkbookPort,
  sheet: string,
  grid: CellValue[][],
  header: ListHeader,
  providers: Array<{ rows: number[]; assessment: ProviderAssessment }>,
  warnings: string[],
): Promise<number> {
  const place = await placeOutput(port, {
    sheet,
    headerRow: header.row,
    lastRow: Math.max(header.row, grid.length - 1),
    width: ASSESS_HEADERS.length,
    after: filledWidth(grid),
    existing: header.outputColumns,
    headerLine: grid[header.row] ?? [],
    noun: 'beoordelingskolommen',
  });
  const firstColumn = place.firstColumn;
  warnings.push(...place.warnings);
  const values: OutputValue[][] = [];
  for (let r = header.row + 1; r < grid.length; r++) values.push([null, null, null]);
  for (const p of providers) {
    const cells = [routeCell(p.assessment.herberekening), routeCell(p.assessment.hardheidsclausule), termijnCell(p.assessment.termijn)];
    for (const r of p.rows) values[r - header.row - 1] = cells;
  }
  await port.writeBlock({ sheet, headerRow: header.row, firstColumn, headers: [...ASSESS_HEADERS], values, numberFormats: [undefined, undefined, undefined] });
  return firstColumn;
}

/** What a workbook holds to assess: a provider list, or one or more forms. */
export type AssessInput =
  | { mode: 'lijst'; sheet: string; grid: CellValue[][]; header: ListHeader; providers: ProviderRows[]; warnings: string[] }
  | { mode: 'formulier'; forms: FormReading[]; warnings: string[] };

/**
 * Find what to assess through the port: a provider list if a sheet has one (visible sheets first), otherwise the
 * sheets that are aanvraagformulieren, each read on its own. `prefix` goes before the sheet in each `bron`
 * (the file name on the command line). Throws InputError, saying what was looked for, when there is neither.
 */
export async function findAssessInput(port: WorkbookPort, proc: Procedure, options: { sheet?: string; prefix?: string } = {}): Promise<AssessInput> {
  const names = (await port.sheetNames()).filter((n) => n !== ASSESS_SHEET && n !== META_SHEET);
  if (options.sheet !== undefined && !names.includes(options.sheet)) throw new InputError(`Blad "${options.sheet}" bestaat niet. Bladen: ${names.join(', ')}.`);
  const wanted = options.sheet ? [options.sheet] : names;
  // The first rows tell which sheets are hidden and where a table's totals row is; the whole sheets come after.
  const heads = await port.readSheets(wanted.map((sheet) => ({ sheet, rows: HEADER_SCAN_ROWS })));
  const reads = await port.readSheets(wanted.map((sheet) => ({ sheet })));
  const warnings: string[] = [];
  // Visible sheets first: a hidden old list with the same header is not the one the user works in.
  for (const i of visibleFirst(heads)) {
    const sheet = wanted[i];
    const grid = reads[i].cells;
    const header = detectListHeader(grid, proc);
    if (!header) continue;
    if (isHidden(heads[i]) && !options.sheet)
      warnings.push(`Blad "${sheet}" is verborgen; het is gebruikt omdat geen zichtbaar blad een aanbiederslijst heeft.`);
    const providers = providersFromList(sheet, grid, header, proc, new Set(heads[i].totalsRows ?? []));
    if (options.prefix) for (const p of providers) p.input.bron = `${options.prefix}, ${p.input.bron}`;
    return { mode: 'lijst', sheet, grid, header, providers, warnings };
  }
  const sheets = wanted.map((name, i) => ({ name, grid: reads[i].cells, hidden: isHidden(heads[i]) }));
  const found = findForms(sheets, proc, options.prefix);
  if (!found.forms.length) throw new InputError(noFormMessage(found.scores, proc, options.prefix));
  return { mode: 'formulier', forms: found.forms, warnings: [...warnings, ...found.warnings] };
}

function noFormMessage(scores: SheetScore[], proc: Procedure, prefix: string | undefined): string {
  const fields = assessmentFields(proc);
  const anchors = ANCHOR_FIELDS.map((f) => `"${fields[f].label}"`);
  return (
    `${prefix ? `${prefix}: geen` : 'Geen'} aanvraagformulier en geen aanbiederslijst gevonden. Gezocht naar een blad met minstens ${MIN_FORM_FIELDS} labels van het ` +
    `aanvraagformulier, elk met de waarde rechts ernaast (waaronder ${anchors.slice(0, -1).join(', ')} of ${anchors[anchors.length - 1]}; ` +
    `kolomkoppen van een tabel tellen niet), en naar een aanbiederslijst (kopregel met "AGB-code" en "Verzoek herberekening tariefpercentage", ` +
    `"Beroep op hardheidsclausule" of "Datum ontvangst"). Per blad: ${describeScores(scores, proc) || 'geen bladen'}.`
  );
}

/**
 * Assess the open workbook: a provider list if one is found (own columns + summary sheet), otherwise every
 * aanvraagformulier in it (summary sheet only, one row per form). Throws InputError when neither is there.
 */
export async function assessWorkbook(port: WorkbookPort, proc: Procedure, params: ParameterValues, options: AssessOptions = {}): Promise<AssessOutcome> {
  options.onPhase?.('lezen');
  const found = await findAssessInput(port, proc, { sheet: options.sheet });
  const { warnings } = found;
  options.onPhase?.('rekenen');
  const inputs = found.mode === 'lijst' ? found.providers.map((p) => p.input) : found.forms.map((f) => f.input);
  const assessments: ProviderAssessment[] = [];
  for (const input of inputs) {
    await options.pause?.();
    assessments.push(assessProvider(input, proc, params));
    options.onProgress?.(assessments.length, inputs.length);
  }
  // a cancel counts until writing starts; from here the job completes (JobOptions.signal)
  if (options.signal?.aborted) throw new RunCancelled();
  options.onPhase?.('schrijven');
  if (found.mode === 'lijst') {
    const { sheet, grid, header, providers } = found;
    const assessed = providers.map((p, i) => ({ rows: p.rows, assessment: assessments[i] }));
    const firstColumn = await writeAssessmentColumns(port, sheet, grid, header, assessed, warnings);
    await port.replaceSheet(ASSESS_SHEET, summarySheet(assessments, proc, params, { ...options, source: `blad ${sheet}`, warnings }));
    await port.flush();
    return { mode: 'lijst', sheet, headerRow: header.row, firstColumn, assessments, warnings };
  }
  const forms = found.forms.map((f) => f.sheets);
  const source = `${forms.length === 1 ? 'aanvraagformulier' : `${forms.length} aanvraagformulieren`}: ${forms.map(sheetList).join('; ')}`;
  await port.replaceSheet(ASSESS_SHEET, summarySheet(assessments, proc, params, { ...options, source, warnings }));
  await port.flush();
  return { mode: 'formulier', sheet: forms[0][0], forms, assessments, warnings };
}

function shownParameter(v: ParameterValues[string]): string {
  if (v === null || v === undefined) return '(niet ingesteld)';
  if (typeof v === 'boolean') return v ? 'ja' : 'nee';
  if (typeof v === 'object') return formatNumber(v, 0, 4);
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return formatDate(v);
  return String(v);
}

/** The summary sheet: run data, one row per provider, then one row per finding with its citation. */
export function summarySheet(
  assessments: ProviderAssessment[],
  proc: Procedure,
  params: ParameterValues,
  info: AssessOptions & { source: string; warnings: string[] },
): OutputValue[][] {
  const rows: OutputValue[][] = [
    ['Tariefwijzer — beoordeling herberekening en hardheidsclausule'],
    [],
    ['Procedure', proc.id],
    ['Titel', proc.title],
    ['Beleid', info.policyId ?? proc.policies.join(', ')],
    ['Bron', info.source],
    ['Tijdstip', formatLocalDateTime(info.now ?? new Date())],
    ['Aanbieders', assessments.length],
    [],
    ['Parameter', 'Waarde'],
    ...Object.entries(proc.parameters).map(([name, def]) => [def.label, shownParameter(params[name])]),
    [],
    ['Per aanbieder'],
    [...SUMMARY_HEADERS],
    ...assessments.map(summaryRow),
    [],
    ['Redenen en signalen per aanbieder'],
    [...FINDING_HEADERS],
    ...assessments.flatMap(findingRows),
  ];
  if (info.warnings.length) rows.push([], ['Opmerkingen'], ...info.warnings.map((w) => [w]));
  return rows;
}

/** A short overview row for the "Aanvragen" sheet the CLI writes from forms. */
export const OVERVIEW_HEADERS = [
  'Bestand',
  'Blad',
  'AGB-code',
  'Zorgaanbieder',
  'Route',
  'Datum ontvangst herberekening',
  'Datum ontvangst hardheidsclausule',
  'Lager tariefpercentage',
  'Tariefpercentage sector',
  'Wlz-omzet huidig tariefpercentage',
] as const;

export function overviewRow(file: string, input: ProviderInput, a: ProviderAssessment): OutputValue[] {
  const pct = (v: CellValue) => {
    const p = parsePercentage(v);
    return p.ok ? formatPercentage(p.value) : null;
  };
  const text = (v: CellValue) => (isEmptyCell(v) ? null : cellToText(v));
  return [
    file,
    a.bladen.join(', ') || null,
    a.agb || null,
    a.naam || null,
    routeLabel(a),
    a.termijn.ontvangen.herberekening ? formatDate(a.termijn.ontvangen.herberekening) : null,
    a.termijn.ontvangen.hardheidsclausule ? formatDate(a.termijn.ontvangen.hardheidsclausule) : null,
    pct(input.cells.tariefpercentageVorigJaar),
    pct(input.cells.plafondPercentage),
    text(input.cells.omzet),
  ];
}
