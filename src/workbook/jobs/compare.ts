/**
 * `vergelijk`: the changes between two workbooks annotated by Tariefwijzer, keyed by AGB-code + prestatiecode +
 * inkoopjaar; when each holds one inkoopjaar and they differ (last year against this year), per AGB-code +
 * prestatiecode. Causes come from what each run recorded (the metadata sheets, each row's record), as on a rerun.
 * The old workbook's rows are held by key while the new one is read window by window.
 */
import { cellToText, type CellValue } from '../../domain/parse';
import { InputError } from '../errors';
import { detectHeader, HEADER_SCAN_ROWS, OUT, OUTPUT_HEADERS, REVIEW_CELLS } from '../headers';
import { isOwnSheet } from '../names';
import type { WorkbookPort } from '../port';
import { ChangeLog } from './change-sheet';
import { handText, percentText, recordedNumbers, sameNumbers, tariffText, verdictText, type Cause, type Numbers, type RowChange } from './changes';
import { readLastRun, type LastRun } from './last-run';
import { READ_WINDOW } from './read-rows';
import { changedInputs, decodeRecord, rowKeyParts, type RowRecord } from './row-record';

/** One annotated row as a workbook holds it. */
interface Side {
  agb: string;
  code: string;
  year: string;
  provider: string;
  record?: RowRecord;
  numbers: Numbers;
  review: CellValue[];
  volume?: CellValue;
}

interface Annotated {
  port: WorkbookPort;
  sheet: string;
  last?: LastRun;
  rowCount: number;
  headerRow: number;
  /** Field or output header → sheet column. */
  columns: Record<string, number>;
  /** Field name → its header as the user wrote it. */
  labels: Record<string, string>;
}

export interface Comparison {
  log: ChangeLog;
  /** The two inkoopjaren when rows were compared across them (per AGB-code + prestatiecode). */
  acrossYears?: { old: string; new: string };
  comparedWith: string;
}

const FIELDS = ['agb', 'prestatiecode', 'inkoopjaar', 'zorgkantoor', 'zorgaanbieder', 'volume', 'maximumtarief'];

/** The sheet Tariefwijzer annotated in this workbook, and where its columns are. */
async function annotatedSheet(port: WorkbookPort, file: string): Promise<Annotated> {
  const last = await readLastRun(port);
  const names = (await port.sheetNames()).filter((n) => !isOwnSheet(n));
  const order = last && names.includes(last.sheet) ? [last.sheet, ...names.filter((n) => n !== last.sheet)] : names;
  const heads = await port.readSheets(order.map((sheet) => ({ sheet, rows: HEADER_SCAN_ROWS })));
  for (let i = 0; i < order.length; i++) {
    const { match } = detectHeader(heads[i].cells);
    if (!match || match.outputColumns[OUT.percentage] === undefined || match.outputColumns[OUT.tariff] === undefined) continue;
    const columns: Record<string, number> = {};
    const labels: Record<string, string> = {};
    for (const [name, c] of Object.entries(match.columns)) {
      columns[name] = c;
      labels[name] = cellToText(heads[i].cells[match.row]?.[c]) || name;
    }
    OUTPUT_HEADERS.forEach((h, k) => {
      if (match.outputColumns[k] !== undefined) columns[h] = match.outputColumns[k];
    });
    return { port, sheet: order[i], last, rowCount: heads[i].rowCount, headerRow: match.row, columns, labels };
  }
  throw new InputError(`${file}: geen blad met de kolommen van Tariefwijzer (Tariefwijzer percentage en tarief). Bereken de werkmap eerst met annotate.`);
}

/** Every annotated row of the sheet, window by window. */
async function* sides(a: Annotated): AsyncGenerator<Side> {
  const col = a.columns;
  const wanted = Object.values(col);
  const at = (line: readonly CellValue[], key: string) => (col[key] === undefined ? null : (line[col[key]] ?? null));
  for (let start = a.headerRow + 1; start < a.rowCount; start += READ_WINDOW) {
    const [read] = await a.port.readSheets([{ sheet: a.sheet, firstRow: start, rows: READ_WINDOW, columns: wanted }]);
    for (let r = start; r < Math.min(read.cells.length, start + READ_WINDOW); r++) {
      const line = read.cells[r] ?? [];
      const cells: Record<string, CellValue> = {};
      for (const f of FIELDS) cells[f] = at(line, f);
      const parts = rowKeyParts(cells);
      if (!parts.agb && !parts.code) continue;
      const numbers = { percentage: percentText(at(line, OUTPUT_HEADERS[OUT.percentage])), tarief: tariffText(at(line, OUTPUT_HEADERS[OUT.tariff])) };
      const review = REVIEW_CELLS.map((k) => at(line, OUTPUT_HEADERS[k]));
      const record = decodeRecord(at(line, OUTPUT_HEADERS[OUT.record]));
      yield { ...parts, year: parts.year || a.last?.year || '', record, numbers, review, volume: cells.volume ?? undefined };
    }
  }
}

/** The inkoopjaren of a sheet's rows. */
async function yearsOf(a: Annotated): Promise<Set<string>> {
  const years = new Set<string>();
  for await (const s of sides(a)) years.add(s.year);
  return years;
}

/** Rows by key, in sheet order. */
function byKey(rows: Iterable<Side>, keyOf: (s: Side) => string): { held: Map<string, Side[]>; doubled: number } {
  const held = new Map<string, Side[]>();
  let doubled = 0;
  for (const s of rows) {
    const list = held.get(keyOf(s));
    if (!list) held.set(keyOf(s), [s]);
    else {
      list.push(s);
      doubled++;
    }
  }
  return { held, doubled };
}

/** Causes that hold for every row: the policy, its version or a parameter differ between the two records. */
function runDifferences(a?: LastRun, b?: LastRun): Cause[] {
  if (!a || !b) return [];
  const causes: Cause[] = [];
  if (a.packId !== b.packId || a.version !== b.version)
    causes.push({ kind: 'beleid', text: `Beleid of versie gewijzigd: ${a.packId} ${a.version} → ${b.packId} ${b.version}` });
  for (const label of new Set([...Object.keys(a.parameters), ...Object.keys(b.parameters)])) {
    const [x, y] = [a.parameters[label], b.parameters[label]];
    if (x !== y) causes.push({ kind: 'parameter', text: `Parameter ${label} gewijzigd: ${x ?? '(niet ingesteld)'} → ${y ?? '(niet ingesteld)'}` });
  }
  return causes;
}

function causesOf(old: Side, now: Side, global: readonly Cause[], labels: Record<string, string>): Cause[] {
  const causes: Cause[] = [];
  for (const [side, where] of [
    [old, 'OUD'],
    [now, 'NIEUW'],
  ] as const)
    if (side.record && !sameNumbers(side.numbers, recordedNumbers(side.record)))
      causes.push({ kind: 'hand', text: `${handText(side.numbers, recordedNumbers(side.record))} (in ${where})` });
  causes.push(...global);
  if (!old.record || !now.record) {
    causes.push({
      kind: 'onbekend',
      text: 'Een van beide werkmappen is door een oudere versie van Tariefwijzer berekend: de invoer per rij is niet vastgelegd',
    });
    return causes;
  }
  if (old.record.maximum !== now.record.maximum)
    causes.push({ kind: 'maximumtarief', text: `NZa-maximumtarief gewijzigd: ${old.record.maximum || '(geen)'} → ${now.record.maximum || '(geen)'}` });
  const inputs = changedInputs(old.record, now.record);
  if (inputs.length) causes.push({ kind: 'invoer', text: `Invoerkolom gewijzigd: ${inputs.map((n) => labels[n] ?? n).join(', ')}` });
  if (!causes.length) causes.push({ kind: 'onbekend', text: 'Geen vastgelegde oorzaak: de invoer, de parameters en het beleid zijn gelijk' });
  return causes;
}

function change(side: Side, causes: Cause[], old?: Side, now?: Side): RowChange {
  return {
    agb: side.agb,
    provider: side.provider,
    code: side.code,
    year: side.year,
    old: old?.numbers,
    new: now?.numbers,
    causes,
    verdict: old && verdictText(old.review),
    volume: now?.volume,
  };
}

/** Compare two annotated workbooks. `files` name them in messages. */
export async function compareWorkbooks(oldPort: WorkbookPort, newPort: WorkbookPort, files: { old: string; new: string }): Promise<Comparison> {
  const [a, b] = [await annotatedSheet(oldPort, files.old), await annotatedSheet(newPort, files.new)];
  const rows: Side[] = [];
  for await (const s of sides(a)) rows.push(s);
  const ya = new Set(rows.map((s) => s.year));
  const yb = await yearsOf(b);
  const across = ya.size === 1 && yb.size === 1 && [...ya][0] !== [...yb][0] ? { old: [...ya][0], new: [...yb][0] } : undefined;
  const keyOf = (s: Side) => (across ? `${s.agb}\u0001${s.code}` : `${s.agb}\u0001${s.code}\u0001${s.year}`);
  const { held, doubled } = byKey(rows, keyOf);
  rows.length = 0;
  const log = new ChangeLog(b.columns.volume !== undefined);
  const global = runDifferences(a.last, b.last);
  for await (const s of sides(b)) {
    const old = held.get(keyOf(s))?.shift();
    if (!old) log.add(change(s, [{ kind: 'nieuw', text: 'Rij is nieuw' }], undefined, s));
    else if (!sameNumbers(old.numbers, s.numbers) || causesOf(old, s, [], b.labels).some((c) => c.kind === 'hand'))
      log.add(change(s, causesOf(old, s, global, b.labels), old, s));
  }
  for (const list of held.values()) for (const old of list) log.add(change(old, [{ kind: 'verdwenen', text: 'Rij is verdwenen' }], old));
  if (across)
    log.notes.push(
      `Vergeleken over twee inkoopjaren: ${across.old} (OUD) met ${across.new} (NIEUW), per AGB-code en prestatiecode. Verschillen in beleid en parameters tussen de jaren staan bij elke gewijzigde rij.`,
    );
  if (doubled)
    log.notes.push(
      `${doubled} ${doubled === 1 ? 'rij' : 'rijen'} in OUD ${doubled === 1 ? 'heeft' : 'hebben'} dezelfde sleutel als een andere; zulke rijen zijn op volgorde gekoppeld.`,
    );
  return { log, acrossYears: across, comparedWith: `${files.old}${a.last?.time ? ` (berekend ${a.last.time})` : ''}` };
}
