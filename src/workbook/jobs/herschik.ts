/**
 * workbook → production rows → engine + herschikking → workbook, through WorkbookPort only. Writes Tariefwijzer's
 * own columns next to the production data and the sheet "Tariefwijzer herschikking"; re-running replaces both
 * and touches no user cell. Like every job: read (a first pass for what must be known of all rows), then compute
 * and write window by window (the rows stream to the writer), so memory does not grow with the rows; only the
 * sums per provider, sector and prestatie are kept.
 */
import { rowRef } from '../../domain/engine';
import { formatFlag } from '../../domain/flags';
import type { ParameterValues, PolicyPack } from '../../domain/policy/types';
import { compareHerschikking, type Comparison } from '../../domain/production/compare';
import { Herschikking, type HerschikResult, type RowOutcome } from '../../domain/production/herschik';
import { TARIFF_FORMAT } from '../names';
import { placeOutput } from '../output-columns';
import type { OutputValue, RowSource, SheetRead, WorkbookPort } from '../port';
import { RunCancelled, type JobOptions } from './job';
import { PAUSE_EVERY, readWindow } from './read-rows';
import { HERSCHIK_HEADERS, productionCells, readInputs, type HerschikInputs } from './herschik-read';
import { HERSCHIK_SHEET, sheetLayout } from './herschik-sheet';
import { writeLayout } from './sheet-layout';

export { HERSCHIK_HEADERS, findContracteerruimte, readToezeggingen } from './herschik-read';
export { CHART_NAME, HERSCHIK_SHEET, PERCENTAGE_4_FORMAT, textBar } from './herschik-sheet';

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
  /** Rows per read window (READ_WINDOW); tests set fewer to run over several windows. */
  window?: number;
}

export interface HerschikOutcome {
  sheet: string;
  headerRow: number;
  /** The herschikking; its rows are counted (result.rowCounts), not kept: they are in the sheet's own columns. */
  result: HerschikResult;
  comparison?: Comparison;
  fingerprint: string;
  warnings: string[];
  chartWritten: boolean;
  dataRows: number;
  toezeggingenSheet?: string;
}

/**
 * The second pass computes and hands the writer this many rows at a time: a window's outcomes and output texts
 * die young (in V8's new space) instead of piling up until a full collection (see annotate's COMPUTE_WINDOW).
 */
const COMPUTE_WINDOW = 1_024;
const NO_OUTPUT: OutputValue[] = [null, null, null, null, null];

/** A herschikking per scenario (the base, and the comparison's), each with the period of its own parameters. */
function herschikkingen(inputs: HerschikInputs, pack: PolicyPack, packParams: ParameterValues, params: ParameterValues, vergelijk?: Scenario): Herschikking[] {
  const one = (p: PolicyPack, pp: ParameterValues, hp: ParameterValues) =>
    new Herschikking({ pack: p, packParams: pp, params: hp, hasApprovalColumn: inputs.hasApprovalColumn }, inputs.period.period(p, hp));
  const base = one(pack, packParams, params);
  return vergelijk ? [base, one(vergelijk.pack, vergelijk.packParams, vergelijk.params)] : [base];
}

/** A row's own columns: tarief, omzet, meegeteld, signalen (one string for all rows that share them), toelichting. */
function outputRow(res: RowOutcome, shared: (text: string) => string): OutputValue[] {
  return [
    res.tarief ? res.tarief.toNumber() : null,
    res.omzet ? res.omzet.toNumber() : null,
    res.counted ? 'ja' : 'nee',
    res.flags.length ? shared(res.flags.map(formatFlag).join('\n')) : null,
    res.explanation || null,
  ];
}

/**
 * The second pass as the block's rows: each call computes the next rows (reading the sheet's needed columns a
 * window at a time, or taking the first pass's read of a small sheet) and gives their output; every scenario
 * adds the rows to its sums. Rows without data, and a table's totals row, get empty cells.
 */
function rowSource(port: WorkbookPort, inputs: HerschikInputs, runs: Herschikking[], options: HerschikOptions): RowSource {
  const { sheet, headerRow, rowCount, totals } = inputs;
  const window = readWindow(inputs.window, port.windowWhileWriting);
  const count = Math.max(0, rowCount - headerRow - 1);
  const columns = inputs.entries.map(([, c]) => c);
  let read: SheetRead | undefined = inputs.held;
  let readEnd = read ? rowCount : 0;
  let produced = 0;
  const cellsOf = async (r: number) => {
    if (r >= readEnd) {
      [read] = await port.readSheets([{ sheet, firstRow: r, rows: window, columns }]);
      readEnd = r + window;
    }
    return productionCells(read!.cells[r] ?? [], inputs);
  };
  return {
    count,
    async next() {
      const lines: OutputValue[][] = [];
      // most rows share their signals (those of the tariff): one string for all of them in a window, not one a row
      const texts = new Map<string, string>();
      const shared = (text: string) => texts.get(text) ?? (texts.set(text, text), text);
      for (const end = Math.min(count, produced + COMPUTE_WINDOW); produced < end; produced++) {
        const r = headerRow + 1 + produced;
        const cells = totals.has(r) ? undefined : await cellsOf(r);
        if (!cells) {
          lines.push(NO_OUTPUT);
          continue;
        }
        const row = { ref: rowRef(sheet, r), cells };
        // the scenario's herschikking only adds the row to its sums; the columns show the base
        const res = runs[0].add(row);
        for (let i = 1; i < runs.length; i++) runs[i].add(row);
        lines.push(outputRow(res, shared));
        // the pane gets a turn now and then (no cancel here: once writing has started, the run completes)
        if (options.pause && produced % PAUSE_EVERY === 0) await options.pause();
      }
      // progress of the computing, once per window of rows (the place for the job hook's progress bar)
      options.onProgress?.(produced, count);
      if (produced >= count) read = undefined;
      return lines;
    },
  };
}

/** Read, then compute and write the own columns window by window, then the herschikking sheet (and the scenario). */
export async function herschikWorkbook(
  port: WorkbookPort,
  pack: PolicyPack,
  packParams: ParameterValues,
  params: ParameterValues,
  options: HerschikOptions = {},
): Promise<HerschikOutcome> {
  const packs = options.vergelijk ? [pack, options.vergelijk.pack] : [pack];
  options.onPhase?.('lezen');
  const inputs = await readInputs(port, packs, options);
  options.onPhase?.('rekenen');
  options.onProgress?.(0, inputs.dataRows);
  const runs = herschikkingen(inputs, pack, packParams, params, options.vergelijk);
  // a cancel counts until writing starts; from here the job completes (JobOptions.signal). The rows are computed as
  // they are written (the block's RowSource), so the pane shows 'schrijven' with the progress of both.
  if (options.signal?.aborted) throw new RunCancelled();
  options.onPhase?.('schrijven');
  const warnings = [...inputs.warnings];
  await writeColumns(port, inputs, runs, warnings, options);
  const [result, alt] = runs.map((run) => run.finish(inputs));
  const comparison = options.vergelijk && alt ? compareHerschikking(result, alt, options.vergelijk.label) : undefined;
  const chartWritten = await writeSheet(port, inputs, result, comparison, warnings, { pack, packParams, params, now: options.now ?? new Date() });
  await port.flush();
  return {
    sheet: inputs.sheet,
    headerRow: inputs.headerRow,
    result,
    comparison,
    fingerprint: inputs.fingerprint,
    warnings,
    chartWritten,
    dataRows: inputs.dataRows,
    toezeggingenSheet: inputs.toezeggingenSheet,
  };
}

/** The own columns next to the production data, where placeOutput finds room; the rows computed as they are written. */
async function writeColumns(port: WorkbookPort, inputs: HerschikInputs, runs: Herschikking[], warnings: string[], options: HerschikOptions): Promise<void> {
  const { rowCount, width, headerRow, outputColumns } = inputs;
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
  warnings.push(...place.warnings);
  await port.writeBlock({
    sheet: inputs.sheet,
    headerRow,
    firstColumn: place.firstColumn,
    headers: [...HERSCHIK_HEADERS],
    values: [],
    rows: rowSource(port, inputs, runs, options),
    numberFormats: [TARIFF_FORMAT, TARIFF_FORMAT, undefined, undefined, undefined],
    highlights: HIGHLIGHTS,
  });
}

/** The sheet "Tariefwijzer herschikking", its tables and (where the adapter can) the chart; whether a chart was drawn. */
async function writeSheet(
  port: WorkbookPort,
  inputs: HerschikInputs,
  result: HerschikResult,
  comparison: Comparison | undefined,
  warnings: string[],
  run: { pack: PolicyPack; packParams: ParameterValues; params: ParameterValues; now: Date },
): Promise<boolean> {
  const layout = sheetLayout(result, run.pack, run.packParams, run.params, comparison, {
    sheet: inputs.sheet,
    toezeggingenSheet: inputs.toezeggingenSheet,
    fingerprint: inputs.fingerprint,
    now: run.now,
    warnings,
    chart: !!port.writeChart,
    rows: inputs.dataRows,
  });
  await writeLayout(port, HERSCHIK_SHEET, layout);
  if (!port.writeChart || !layout.chart) return false;
  await port.writeChart(layout.chart);
  return true;
}
