/**
 * `vergelijk`: the changes between two workbooks annotated by Tariefwijzer, keyed by AGB-code + prestatiecode +
 * inkoopjaar; when each holds one inkoopjaar and they differ (last year against this year), per AGB-code +
 * prestatiecode. Causes come from what each run recorded (the metadata sheets, each row's record), as on a rerun.
 * OUD is read first and held compactly (compare-old.ts), NIEUW is read window by window and compared row by row,
 * and the listed changes get both rows' records (and OUD's review) from a second read of both, side by side, as far as
 * they reach: what is held while reading is OUD's rows in compact form, and the row numbers of the changes to list.
 */
import { cellToText, type CellValue } from '../../domain/parse';
import { InputError } from '../errors';
import { detectHeader, HEADER_SCAN_ROWS, OUT, OUTPUT_HEADERS, REVIEW_CELLS } from '../headers';
import { isOwnSheet } from '../names';
import type { WorkbookPort } from '../port';
import { ChangeLog, heldText, MAX_LISTED_CHANGES } from './change-sheet';
import { handText, moneyText, percentText, recordedNumbers, sameNumbers, tariffText, verdictText, type Cause, type Numbers, type RowChange } from './changes';
import { readLastRun, type LastRun } from './last-run';
import { OldRows } from './compare-old';
import { changedInputs, decodeRecord, rowKeyParts, type RowRecord } from './row-record';

/** One annotated row as a workbook holds it. */
interface Side {
  agb: string;
  code: string;
  year: string;
  provider: string;
  record?: RowRecord;
  /** The record cell as the sheet holds it. */
  recordCell: CellValue;
  /** The percentage and tariff cells. */
  pct: CellValue;
  tar: CellValue;
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
  /** Rows read at a time. */
  window: number;
}

export interface Comparison {
  log: ChangeLog;
  /** The two inkoopjaren when rows were compared across them (per AGB-code + prestatiecode). */
  acrossYears?: { old: string; new: string };
  comparedWith: string;
}

const FIELDS = ['agb', 'prestatiecode', 'inkoopjaar', 'zorgkantoor', 'zorgaanbieder', 'volume', 'maximumtarief'];
/** The columns read: the fields, the numbers, the record and the review; not the long signal and explanation texts. */
const REVIEW = REVIEW_CELLS.map((k) => OUTPUT_HEADERS[k]);
const READ = [...FIELDS, ...[OUT.percentage, OUT.tariff, OUT.record].map((k) => OUTPUT_HEADERS[k]), ...REVIEW];

/** The sheet Tariefwijzer annotated in this workbook, and where its columns are. */
async function annotatedSheet(port: WorkbookPort, file: string, window: number): Promise<Annotated> {
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
    return { port, sheet: order[i], last, rowCount: heads[i].rowCount, headerRow: match.row, columns, labels, window };
  }
  throw new InputError(`${file}: geen blad met de kolommen van Tariefwijzer (Tariefwijzer percentage en tarief). Bereken de werkmap eerst met annotate.`);
}

/**
 * Every annotated row of the sheet, window by window (a rerun's window: the lines carry the records), a window's rows
 * at a time. `decode`: which rows (counted from 0) get their record decoded (default: all).
 */
async function* sides(a: Annotated, decode?: (i: number) => boolean): AsyncGenerator<Side[]> {
  const col = a.columns;
  const wanted = READ.filter((f) => col[f] !== undefined).map((f) => col[f]);
  const column = (key: string) => col[key] ?? -1;
  const [fields, review] = [FIELDS.map(column), REVIEW.map(column)];
  const [percentage, tariff, recordAt] = [OUT.percentage, OUT.tariff, OUT.record].map((k) => column(OUTPUT_HEADERS[k]));
  const at = (line: readonly CellValue[], c: number) => (c < 0 ? null : (line[c] ?? null));
  let i = 0;
  // a function of its own, so that the window's cells are not held while its rows are used (nor beside the next window)
  const rows = async (start: number) => {
    const [read] = await a.port.readSheets([{ sheet: a.sheet, firstRow: start, rows: a.window, fromFirstRow: true, columns: wanted }]);
    const out: Side[] = [];
    // the window's rows from its first (cells[0] is sheet row `start`)
    for (let k = 0; k < Math.min(read.cells.length, a.window); k++) {
      const line = read.cells[k] ?? [];
      const cells: Record<string, CellValue> = {};
      for (let f = 0; f < FIELDS.length; f++) cells[FIELDS[f]] = at(line, fields[f]);
      const parts = rowKeyParts(cells);
      if (!parts.agb && !parts.code) continue;
      const recordCell = at(line, recordAt);
      const record = decode && !decode(i) ? undefined : decodeRecord(recordCell);
      i++;
      // each property named (spread from `parts` and added to, the object took ≈ 3 µs a row to make)
      out.push({
        agb: parts.agb,
        code: parts.code,
        year: parts.year || a.last?.year || '',
        provider: parts.provider,
        record,
        recordCell,
        pct: at(line, percentage),
        tar: at(line, tariff),
        review: review.map((c) => at(line, c)),
        volume: cells.volume ?? undefined,
      });
    }
    return out;
  };
  for (let start = a.headerRow + 1; start < a.rowCount; start += a.window) yield await rows(start);
}

function numbersOf(s: Pick<Side, 'pct' | 'tar'>): Numbers {
  return { percentage: percentText(s.pct), tarief: tariffText(s.tar) };
}

/** A cell holds what a record says was written: the same number (or both none), without decimal arithmetic. */
function asRecorded(cell: CellValue, recorded: string): boolean {
  return (cell === null && recorded === '') || (typeof cell === 'number' && String(cell) === recorded);
}

/** A Tariefwijzer cell of the row was edited by hand (its numbers are not what its record says was written). */
function handEdited(s: Side): boolean {
  if (!s.record) return false;
  if (asRecorded(s.pct, s.record.percentage) && asRecorded(s.tar, s.record.tariff)) return false;
  return !sameNumbers(numbersOf(s), recordedNumbers(s.record));
}

/** Two rows' numbers are the same (equal cells without decimal arithmetic). */
function sameCells(a: Pick<Side, 'pct' | 'tar'>, b: Pick<Side, 'pct' | 'tar'>): boolean {
  const eq = (x: CellValue, y: CellValue) => x === y && (x === null || typeof x === 'number');
  return (eq(a.pct, b.pct) && eq(a.tar, b.tar)) || sameNumbers(numbersOf(a), numbersOf(b));
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
    if (side.record && handEdited(side)) causes.push({ kind: 'hand', text: `${handText(numbersOf(side), recordedNumbers(side.record))} (in ${where})` });
  causes.push(...global);
  if (!old.record || !now.record) {
    causes.push({
      kind: 'onbekend',
      text: 'Een van beide werkmappen is door een oudere versie van Tariefwijzer berekend: de invoer per rij is niet vastgelegd',
    });
    return causes;
  }
  if (old.record.maximum !== now.record.maximum)
    causes.push({ kind: 'maximumtarief', text: `NZa-maximumtarief gewijzigd: ${moneyText(old.record.maximum)} → ${moneyText(now.record.maximum)}` });
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
    old: old && numbersOf(old),
    new: now && numbersOf(now),
    causes,
    verdict: old && verdictText(old.review),
    volume: now?.volume,
  };
}

const NEW: Cause[] = [{ kind: 'nieuw', text: 'Rij is nieuw' }];
const GONE: Cause[] = [{ kind: 'verdwenen', text: 'Rij is verdwenen' }];

/** OUD's rows, compactly. */
async function readOld(a: Annotated): Promise<OldRows> {
  const rows = new OldRows();
  for await (const window of sides(a))
    for (const s of window) rows.add({ agb: s.agb, code: s.code, year: s.year, provider: s.provider, pct: s.pct, tar: s.tar, hand: handEdited(s) });
  return rows;
}

/** A changed or new row of NIEUW to list: its row (counted from 0, as `sides` counts) and OUD's row (none: new). */
interface Pending {
  now: number;
  old?: number;
}

/**
 * A row as held until the other row of its change is read: its record as its cell holds it (decoded again when the
 * other comes), one byte a character where it can be.
 */
function held(s: Side): Side {
  const recordCell = typeof s.recordCell === 'string' ? heldText(s.recordCell) : s.recordCell;
  return { agb: s.agb, code: s.code, year: s.year, provider: s.provider, recordCell, pct: s.pct, tar: s.tar, review: s.review, volume: s.volume };
}

function withRecord(s: Side): Side {
  return { ...s, record: decodeRecord(s.recordCell) };
}

/**
 * Reads a sheet's rows again a window per call, up to the last row in `at` (row counted from 0 → what it is for),
 * and hands each of those rows to `take`. Answers whether there is more to read.
 */
function rereader(a: Annotated, at: ReadonlyMap<number, number>, take: (s: Side, k: number) => void): () => Promise<boolean> {
  let last = -1;
  for (const i of at.keys()) last = Math.max(last, i);
  const windows = sides(a, (n) => at.has(n));
  let i = 0;
  return async () => {
    const next = i > last ? undefined : await windows.next();
    if (next && !next.done) {
      for (const s of next.value) {
        const k = at.get(i);
        if (k !== undefined) take(s, k);
        if (++i > last) break;
      }
      if (i <= last) return true;
    }
    await windows.return(undefined);
    return false;
  };
}

/**
 * The listed changes, in order: the pending rows of NIEUW, then the gone rows of OUD that still fit. NIEUW and OUD
 * are read again side by side, a window of each in turn, each as far as its last listed row; a change is made as
 * soon as its rows have passed. The row of a pair read first is held until the other comes: at most one row a change,
 * and about a window's worth when the two sheets are in the same order (the rows were held until OUD was read,
 * 20,000 records: ≈ 12 MB of peak RSS at 300k rows).
 */
async function listChanges(
  a: Annotated,
  b: Annotated,
  pending: readonly Pending[],
  gone: readonly number[],
  global: readonly Cause[],
  labels: Record<string, string>,
  log: ChangeLog,
) {
  // each change as the log keeps it (one string), not as an object, while the others are made
  const listed = new Array<string>(pending.length + gone.length);
  const [oldAt, newAt] = [new Map<number, number>(), new Map<number, number>()];
  pending.forEach((p, k) => {
    newAt.set(p.now, k);
    if (p.old !== undefined) oldAt.set(p.old, k);
  });
  gone.forEach((i, k) => oldAt.set(i, pending.length + k));
  const waiting = new Map<number, Side>();
  const pair = (k: number, side: Side, make: (other: Side) => string) => {
    const other = waiting.get(k);
    if (other === undefined) return void waiting.set(k, held(side));
    waiting.delete(k);
    listed[k] = make(withRecord(other));
  };
  const changed = (o: Side, now: Side) => log.pack(change(now, causesOf(o, now, global, labels), o, now));
  const onNew = (now: Side, k: number) => {
    if (pending[k].old === undefined) listed[k] = log.pack(change(now, NEW, undefined, now));
    else pair(k, { ...now, review: [] }, (o) => changed(o, now));
  };
  const onOld = (o: Side, k: number) => {
    if (k >= pending.length) listed[k] = log.pack(change(o, GONE, o));
    else pair(k, o, (now) => changed(o, now));
  };
  for (let steps = [rereader(b, newAt, onNew), rereader(a, oldAt, onOld)]; steps.length;) {
    const more = [];
    for (const step of steps) if (await step()) more.push(step);
    steps = more;
  }
  return listed;
}

/**
 * NIEUW row by row against OUD: every change counted now, the first ones kept to be listed. `oldYear`: OUD's one
 * inkoopjaar, when it has one (its rows are then indexed by AGB-code + prestatiecode). `mayCross`: NIEUW's rows may
 * be of another inkoopjaar, compared across the years while every row is of the first row's year; undefined when a
 * row of another year follows (then NIEUW is not of one other year: compared again with `mayCross` false).
 */
async function compareRows(b: Annotated, old: OldRows, oldYear: string | undefined, mayCross: boolean, log: ChangeLog) {
  const pending: Pending[] = [];
  let rows = 0;
  let newYear: string | undefined;
  for await (const window of sides(b))
    for (const s of window) {
      const now = rows++;
      newYear ??= s.year;
      const across = mayCross && newYear !== oldYear;
      if (across && s.year !== newYear) return undefined;
      const i = oldYear === undefined ? old.take(yearKey(s.agb, s.code, s.year)) : across || s.year === oldYear ? old.take(codeKey(s.agb, s.code)) : undefined;
      if (i !== undefined && sameCells({ pct: old.pct(i), tar: old.tar(i) }, s) && !old.handEdited(i) && !handEdited(s)) continue;
      log.count({ agb: s.agb, provider: s.provider, old: i === undefined ? undefined : old.numbersOf(i), new: numbersOf(s), volume: s.volume });
      if (pending.length < MAX_LISTED_CHANGES) pending.push({ now, old: i });
    }
  return { pending, across: rows > 0 && mayCross && newYear !== oldYear ? newYear : undefined };
}

/** A row's key: AGB-code, prestatiecode and inkoopjaar; or the first two, where one side has one inkoopjaar. */
const yearKey = (agb: string, code: string, year: string) => `${agb}\u0001${code}\u0001${year}`;
const codeKey = (agb: string, code: string) => `${agb}\u0001${code}`;

/**
 * OUD read and held, NIEUW compared with it, OUD's rows never taken counted as gone: every change counted, the first
 * ones to list named by row (`gone`: OUD's rows, as far as they fit). OUD's rows are let go on return, before the
 * changes are listed (≈ 17 MB at 300k rows).
 */
async function compareAll(a: Annotated, b: Annotated) {
  const old = await readOld(a);
  // OUD of one inkoopjaar: its rows by AGB-code + prestatiecode, which is the same key (every row has that year), and
  // compared across the years if NIEUW's rows are all of one other year; known only once NIEUW is read, so taken to be
  // so until a row of another year says otherwise, and then compared again (a sheet of one year is read once)
  const years = old.years();
  const oldYear = years.size === 1 ? [...years][0] : undefined;
  const compare = async (mayCross: boolean) => {
    old.index(oldYear === undefined ? yearKey : codeKey);
    const log = new ChangeLog(b.columns.volume !== undefined);
    const rows = await compareRows(b, old, oldYear, mayCross, log);
    return rows && { ...rows, log };
  };
  const { pending, log, across: newYear } = (await compare(oldYear !== undefined)) ?? (await compare(false))!;
  const gone: number[] = [];
  for (const i of old.left()) {
    log.count({ agb: old.agb(i), provider: old.provider(i), old: old.numbersOf(i), volume: undefined });
    if (pending.length + gone.length < MAX_LISTED_CHANGES) gone.push(i);
  }
  const across = newYear === undefined ? undefined : { old: oldYear!, new: newYear };
  return { pending, log, across, gone, doubled: old.doubled };
}

/**
 * Rows `vergelijk` reads at a time. More than a rerun's (RERUN_WINDOW): with 512, 3–14 % less CPU time but up to 4 MB
 * more peak RSS at 300k rows (alternated, ninth session), where `vergelijk` is well within annotate's time and at its
 * memory.
 */
export const COMPARE_WINDOW = 4_096;

/**
 * Compare two annotated workbooks. `files` name them in messages; `window`: rows read at a time (the tests read a few
 * to cross many windows).
 */
export async function compareWorkbooks(
  oldPort: WorkbookPort,
  newPort: WorkbookPort,
  files: { old: string; new: string },
  window = COMPARE_WINDOW,
): Promise<Comparison> {
  const [a, b] = [await annotatedSheet(oldPort, files.old, window), await annotatedSheet(newPort, files.new, window)];
  const { pending, log, across, gone, doubled } = await compareAll(a, b);
  const global = runDifferences(a.last, b.last);
  for (const text of await listChanges(a, b, pending, gone, global, b.labels, log)) log.listPacked(text);
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
