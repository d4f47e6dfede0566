/** The run recorded on the Tariefwijzer sheet: what was applied, and whether the inputs changed since. */
import { cellToText, type CellValue } from '../../domain/parse';
import type { PolicyPack } from '../../domain/policy/types';
import { reviewColumns } from '../headers';
import { META_SHEET, PARAMETER_NOT_SET, STATUS_INCOMPLETE, STATUS_LABEL } from '../names';
import type { WorkbookPort } from '../port';
import { detectLayout } from './layout';
import { readAll, readRows } from './read-rows';

export interface LastRun {
  packId: string;
  version: string;
  sheet: string;
  fingerprint: string;
  /** Parameter label (older workbooks: parameter name) → value as written on the metadata sheet; see recordedParameters. */
  parameters: Record<string, string>;
  /** Data rows of the run ('Rijen'), and its time as written ('Tijdstip'); missing in very old records. */
  rows?: number;
  time?: string;
  /** The pack's inkoopjaar ('Inkoopjaar'). */
  year?: string;
  /** False when the run was broken off before all output was written (status "onvolledig"). */
  complete: boolean;
}

/** The run recorded on the Tariefwijzer sheet, so a colleague sees what was applied; undefined if none. */
export async function readLastRun(port: WorkbookPort): Promise<LastRun | undefined> {
  if (!(await port.sheetNames()).includes(META_SHEET)) return undefined;
  return lastRunFrom(await port.readSheet(META_SHEET));
}

/**
 * Whether the first rows of the Tariefwijzer sheet hold all that lastRunFrom reads: the labels and the whole list of
 * parameters (it ends with an empty row), so they need not be read again.
 */
export function holdsLastRun(head: readonly CellValue[][]): boolean {
  const start = head.findIndex((row) => cellToText(row?.[0]) === 'Parameter');
  return start >= 0 && head.slice(start + 1).some((row) => !cellToText(row?.[0]));
}

/** The run recorded in the rows of the Tariefwijzer sheet; undefined if they hold none. */
export function lastRunFrom(grid: readonly CellValue[][]): LastRun | undefined {
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
    rows: Number(value('Rijen')) || undefined,
    time: value('Tijdstip') || undefined,
    year: value('Inkoopjaar') || undefined,
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
  return (await checkLastRun(port, pack, last)).changed;
}

/**
 * inputsChanged, and the sheet columns of the run's review cells as the header has them now (a verdict typed there
 * changes no input: the pane does not take it for one).
 */
export async function checkLastRun(port: WorkbookPort, pack: PolicyPack, last: LastRun): Promise<{ changed: boolean; reviewColumns: number[] }> {
  if (!last.complete) return { changed: true, reviewColumns: [] };
  const layout = await detectLayout(port, pack, { sheet: last.sheet });
  const fingerprint = await readAll(readRows(port, pack, layout, {}, () => undefined));
  return { changed: fingerprint !== last.fingerprint || pack.version !== last.version, reviewColumns: reviewColumns(layout.match) };
}
