/**
 * The tariff engine: (row, policy pack, parameters) → percentage, tariff, flags and the steps that
 * explain them. Pure and deterministic; rows arrive as raw cells keyed by canonical field name.
 */
import { fnv1a } from './hash';
import { documentTitle, titlesOf, type DocumentTitles } from './documents';
import { flag, formatCitation, type Flag } from './flags';
import { type Dec, formatEuro, formatPercentage } from './money';
import { type CellValue, isEmptyCell, parseInteger, parseText } from './parse';
import { checkPercentage, computePercentage } from './percentage';
import type { ParameterValues, PolicyPack } from './policy/types';
import { coveredYears, rowYear, viewForYear, yearsText, type RowYear } from './policy/years';
import { classifyPrestatie, normalizeSector, type ClassificationIssue } from './prestaties';
import { priceRow, readMaximumtarief } from './price';
import { type Lookup, RowContext } from './row-context';
import type { InputRow, RowResult, Step } from './row-result';
import type { Citation, Prestatie, Sector } from './types';

export { rowRef, type InputRow, type RowResult, type Step, type StepKind } from './row-result';

const ISSUE_FLAGS: Record<ClassificationIssue['kind'], Parameters<typeof flag>[0]> = {
  'no-code': 'GEEN_PRESTATIECODE',
  'code-was-number': 'CODE_ALS_GETAL',
  'code-error-value': 'PRESTATIECODE_FOUTWAARDE',
  'implausible-code': 'PRESTATIECODE_ONGELDIG',
  'invisible-characters': 'CODE_ONZICHTBARE_TEKENS',
  'unknown-code': 'ONBEKENDE_PRESTATIECODE',
  'code-not-in-list': 'PRESTATIE_UIT_KOLOMMEN',
  'unreadable-sector': 'ONLEESBARE_WAARDE',
  'unreadable-zorgprofiel': 'ONLEESBARE_WAARDE',
  'unreadable-leveringsvorm': 'ONLEESBARE_WAARDE',
  'column-overrides-catalog': 'KOLOM_WIJKT_AF_VAN_CATALOGUS',
};

function text(v: CellValue): string | undefined {
  if (isEmptyCell(v)) return undefined;
  const p = parseText(v);
  return p.ok ? p.value : undefined;
}

/**
 * What the row's Inkoopjaar adds to its evaluation: a flag (put where the year is checked), a sentence at the end of
 * the explanation, and whether the row gets no percentage at all.
 */
interface YearNote {
  flag?: Flag;
  note?: string;
  unpriced?: boolean;
}

/**
 * Evaluate one row under a pack with resolved parameters. A pack for several inkoopjaren is narrowed to the row's
 * own year (policy/years.ts); a row whose year is not one of the pack's is never priced with a year it does not
 * name: outside the years, the nearest year of the pack is used and named; without a year (empty or unreadable
 * cell) the row is priced only when every year of the pack gives the same outcome.
 */
export function evaluateRow(row: InputRow, pack: PolicyPack, params: ParameterValues): RowResult {
  const place = rowYear(pack, row.cells);
  const at = yearOf(place, pack);
  const inYear = (year: number, note: YearNote = {}) => {
    const view = viewForYear(pack, params, year);
    return finishRow(prepareInYear(row, view.pack, view.params, note), row);
  };
  if (at) return inYear(at.year, at.note);
  return withoutYear(pack, place.kind === 'unknown' ? place.shown : undefined, inYear);
}

/**
 * The year a row (at `place`) is evaluated in, and what that adds (YearNote); undefined for a row of a multi-year
 * pack without a readable Inkoopjaar in a sheet that has the column (withoutYear evaluates it in every year).
 */
function yearOf(place: RowYear, pack: PolicyPack): { year: number; note: YearNote } | undefined {
  if (place.kind === 'covered') return { year: place.year, note: {} };
  const years = yearsText(pack);
  if (place.kind === 'outside') {
    const nearest = place.nearest;
    const multi = coveredYears(pack).length > 1;
    return {
      year: nearest,
      note: {
        flag: flag(
          'INKOOPJAAR_WIJKT_AF',
          `Inkoopjaar ${place.year} in de rij valt buiten het beleid (${years}); berekend met de waarden van ${nearest}${multi ? ', het dichtstbijzijnde jaar van het beleid' : ''}.`,
        ),
        note: `Berekend met de waarden van ${nearest}: het beleid geldt voor ${years}, de rij is van ${place.year}.`,
      },
    };
  }
  const main = pack.inkoopjaar;
  if (coveredYears(pack).length < 2) return { year: main, note: {} };
  if (!place.column) return { year: main, note: { note: `Berekend met het beleid voor ${main} (het hoofdjaar): het blad heeft geen kolom Inkoopjaar.` } };
  return undefined;
}

/** A row of a multi-year pack without a readable Inkoopjaar: priced only when the year makes no difference. */
function withoutYear(pack: PolicyPack, shown: string | undefined, inYear: (year: number, note?: YearNote) => RowResult): RowResult {
  const main = pack.inkoopjaar;
  const years = yearsText(pack);
  const per = coveredYears(pack).map((year) => ({ year, result: inYear(year) }));
  const what = shown === undefined ? 'Inkoopjaar is leeg' : `Inkoopjaar "${shown}" is geen jaar`;
  if (per.every((p) => sameOutcome(p.result, per[0].result))) {
    return inYear(main, {
      flag: flag('INKOOPJAAR_LEEG_GELIJK', `${what}; in elk jaar van het beleid (${years}) is de uitkomst gelijk, dus berekend met het beleid voor ${main}.`),
      note: `Inkoopjaar onbekend: in elk jaar van het beleid (${years}) dezelfde uitkomst.`,
    });
  }
  const outcomes = per.map((p) => `${p.year}: ${outcomeText(p.result)}`).join('; ');
  return inYear(main, {
    flag: flag(
      'INKOOPJAAR_ONTBREEKT',
      `${what}, en het beleid (${years}) geeft per jaar een andere uitkomst: ${outcomes}. Er is geen tarief berekend; vul het inkoopjaar in.`,
    ),
    note: `Geen tarief: het inkoopjaar ontbreekt en het beleid (${years}) rekent per jaar anders.`,
    unpriced: true,
  });
}

function sameOutcome(a: RowResult, b: RowResult): boolean {
  const same = (x: Dec | undefined, y: Dec | undefined) => (x === undefined ? y === undefined : y !== undefined && x.equals(y));
  return a.excluded === b.excluded && same(a.percentage, b.percentage) && same(a.tarief, b.tarief);
}

/** "97,3% (€ 194,60)", "geen percentage" or "uitgesloten", for a message. */
function outcomeText(r: RowResult): string {
  if (r.excluded) return 'uitgesloten';
  if (r.percentage === undefined) return 'geen percentage';
  return `${formatPercentage(r.percentage)}${r.tarief ? ` (${formatEuro(r.tarief)})` : ''}`;
}

type Classified = ReturnType<typeof classifyPrestatie>;

/**
 * Classifications by the pack's own prestaties (the catalog's are the same for every pack) and the four cells they
 * depend on: a sheet has few distinct combinations, and a row whose result cannot be reused (its own maximumtarief)
 * still needs no second classification. Frozen, as they are shared. Every one of the four cells is read, as the
 * classification itself reads them, so ResultMemo records the same fields.
 */
const CLASSIFIED = new WeakMap<object, Map<string, Classified>>();
const NO_PRESTATIES = {};
const CLASSIFIED_LIMIT = 10_000;

function classifyCells(cells: Record<string, CellValue>, pack: PolicyPack): Classified {
  const input = { code: cells.prestatiecode, sector: text(cells.sector), zorgprofiel: text(cells.zorgprofiel), leveringsvorm: text(cells.leveringsvorm) };
  const owner = pack.prestaties ?? NO_PRESTATIES;
  let known = CLASSIFIED.get(owner);
  if (!known) CLASSIFIED.set(owner, (known = new Map<string, Classified>()));
  const key = `${cellKey(input.code)}${cellKey(input.sector)}${cellKey(input.zorgprofiel)}${cellKey(input.leveringsvorm)}`;
  let out = known.get(key);
  if (out) return out;
  out = classifyPrestatie(input, pack.prestaties);
  if (out.prestatie) Object.freeze(out.prestatie);
  Object.freeze(out.issues);
  if (known.size >= CLASSIFIED_LIMIT) known.clear();
  known.set(key, out);
  return out;
}

/** A cell's value as part of a key, one to one: typed, and a text's length first so no two cells run together. */
function cellKey(v: CellValue): string {
  if (v === null || v === undefined) return `${v}|`;
  if (typeof v === 'string') return `s${v.length}:${v}`;
  if (v instanceof Date) return `d${v.getTime()}|`;
  if (typeof v === 'object') return `e${v.error.length}:${v.error}`;
  return `${typeof v}${v}|`;
}

/** The year whose values evaluateRow uses for these cells: the row's own, the nearest of the pack, or the main year. */
function evaluationYear(pack: PolicyPack, cells: Record<string, CellValue>): number {
  const place = rowYear(pack, cells);
  return place.kind === 'covered' ? place.year : place.kind === 'outside' ? place.nearest : pack.inkoopjaar;
}

/** The code of the prestatie evaluateRow finds for these cells (the same classification), without evaluating the row. */
export function rowPrestatieCode(cells: Record<string, CellValue>, pack: PolicyPack, params: ParameterValues): string | undefined {
  return classifyCells(cells, viewForYear(pack, params, evaluationYear(pack, cells)).pack).prestatie?.code;
}

/**
 * A row's evaluation in one year up to its price: everything that does not depend on the NZa-maximumtarief, so that
 * rows which differ only in it (and in the cells the price reads) share it (ResultMemo). finishRow gives the result.
 */
export interface Prepared {
  /** The pack and parameters of the year. */
  pack: PolicyPack;
  params: ParameterValues;
  prestatie?: Prestatie;
  hoofdsector?: Sector;
  year: YearNote;
  /** The flags raised before the maximumtarief is read, in order. */
  before: readonly Flag[];
  /** Every flag the percentage's part raised, in order, also those RowContext dropped as raised before. */
  after: readonly Flag[];
  /** The row's flags when the price raises none: shared (frozen) by the rows finished with these flags. */
  plain: readonly Flag[];
  /** The fields parsed, except a maximumtarief first read for the price (finishRow reads it again). */
  parsed: ReadonlyMap<string, Lookup>;
  steps: readonly Step[];
  percentage?: Dec;
  excluded: boolean;
  /** The percentage's part asked for the maximumtarief (a rule on it): then it is not the same for another one. */
  readsMaximum: boolean;
  /** explain's trail of `steps` (none without steps): rows with a tariff of their own add only its sentence. */
  trail?: Trail;
}

/** Told when the evaluation reads the maximumtarief for the price, and when it is done with it (ResultMemo). */
export type PriceWatch = (pricing: boolean) => void;

/**
 * The row prepared in its year; undefined for a row evaluated in every year of the pack (withoutYear: its outcome
 * compares tariffs).
 */
export function prepareRow(row: InputRow, pack: PolicyPack, params: ParameterValues, watch?: PriceWatch): Prepared | undefined {
  const at = yearOf(rowYear(pack, row.cells), pack);
  if (!at) return undefined;
  const view = viewForYear(pack, params, at.year);
  return prepareInYear(row, view.pack, view.params, at.note, watch);
}

/**
 * Everything up to the price, in the order evaluation has always had: the classification and year (flags
 * `before`), the maximumtarief (its flags come between, but depend on it only), the percentage with its steps and
 * flags (`after`), the check of the percentage.
 */
function prepareInYear(row: InputRow, pack: PolicyPack, params: ParameterValues, year: YearNote, watch?: PriceWatch): Prepared {
  const classified = classifyCells(row.cells, pack);
  const hoofdsectorText = text(row.cells.hoofdsector);
  const hoofdsector = (hoofdsectorText ? normalizeSector(hoofdsectorText) : undefined) ?? (pack.sector === 'alle' ? undefined : pack.sector);
  const ctx = new RowContext(row, pack, params, classified.prestatie, hoofdsector);
  for (const issue of classified.issues) ctx.addFlag(flag(ISSUE_FLAGS[issue.kind], issue.detail));
  if (hoofdsectorText && !normalizeSector(hoofdsectorText)) {
    ctx.addFlag(flag('ONLEESBARE_WAARDE', `Hoofdsector: "${hoofdsectorText}" is geen sector (V&V, GZ of GGZ); de sector van het beleid is gebruikt.`));
  }

  ctx.field('inkoopjaar'); // an unreadable year is reported
  if (year.flag) ctx.addFlag(year.flag);
  const before = ctx.flags.slice();

  // read for its flags here (finishRow reads it again); parsed before (a maximumtarief the year or the
  // classification would read), it stays parsed
  const early = ctx.hasParsed('maximumtarief');
  watch?.(true);
  readMaximumtarief(ctx);
  watch?.(false);
  const after: Flag[] = [];
  const part = { steps: [] as Step[], excluded: false };
  let percentage: Dec | undefined;
  let readsMaximum = early;
  if (classified.prestatie && !year.unpriced) {
    ctx.onFlag = (f) => after.push(f);
    ctx.onField = (name) => (readsMaximum ||= name === 'maximumtarief');
    percentage = computePercentage(ctx, part);
    if (percentage !== undefined && !part.excluded) checkPercentage(ctx, percentage);
  }
  const plain = new RowContext(row, pack, params, classified.prestatie, hoofdsector, undefined, before);
  for (const f of after) plain.addFlag(f);
  return {
    pack,
    params,
    prestatie: classified.prestatie,
    hoofdsector,
    year,
    before,
    after,
    plain: Object.freeze(plain.flags),
    parsed: ctx.parsedFields(early ? undefined : 'maximumtarief'),
    steps: part.steps,
    percentage,
    excluded: part.excluded,
    readsMaximum,
    trail: part.steps.length ? trail(part.steps, packTitles(pack)) : undefined,
  };
}

/** The row's result from its prepared part: the maximumtarief, the tariff and the explanation, as evaluateRow gives them. */
export function finishRow(prepared: Prepared, row: InputRow): RowResult {
  const result = priceFrom(prepared, row);
  // the same flags as the prepared row's without a price flag: one array for all (annotate writes its text once)
  const flags = result.flags;
  const plain = prepared.plain;
  if (flags.length === plain.length && flags.every((f, i) => f === plain[i])) result.flags = plain as Flag[];
  return result;
}

function priceFrom(prepared: Prepared, row: InputRow): RowResult {
  const { pack, prestatie, year } = prepared;
  const ctx = new RowContext(row, pack, prepared.params, prestatie, prepared.hoofdsector, prepared.parsed, prepared.before);
  const maximumtarief = readMaximumtarief(ctx);
  const result: RowResult = { ref: row.ref, prestatie, maximumtarief, flags: ctx.flags, steps: [], explanation: '', excluded: false };
  if (!prestatie) {
    result.explanation = 'Geen tarief: de prestatie is niet te bepalen.';
    return result;
  }
  if (year.unpriced) {
    result.explanation = year.note ?? '';
    return result;
  }
  for (const f of prepared.after) ctx.addFlag(f);
  result.steps = prepared.steps.slice();
  result.excluded = prepared.excluded;
  const percentage = prepared.percentage;
  if (percentage !== undefined && !result.excluded) {
    result.percentage = percentage;
    if (maximumtarief) priceRow(ctx, result, maximumtarief, percentage);
  }
  result.explanation = result.excluded ? 'Geen tarief: uitgesloten door het beleid (zie signalen).' : explainFinished(prepared, result);
  if (year.note) result.explanation += ` ${year.note}`;
  return result;
}

const TITLES = new WeakMap<PolicyPack, DocumentTitles>();
/** The short titles of the documents a pack cites (once per pack). */
export function packTitles(pack: PolicyPack): DocumentTitles {
  let t = TITLES.get(pack);
  if (!t) TITLES.set(pack, (t = titlesOf(pack.sources)));
  return t;
}

/**
 * The trail as Dutch sentences, each with its source. The document most steps cite is named once at the end
 * ("Bron: Zilveren Kruis, Inkoopbeleid GGZ 2024–2026."), its steps carry only their paragraph ("[§2.3.1]"); a
 * step from another document carries its full citation. Short enough to repeat on every row of a big sheet.
 */
export function explain(steps: readonly Step[], result: Pick<RowResult, 'percentage' | 'tarief'>, titles?: DocumentTitles): string {
  if (!steps.length) return result.percentage === undefined ? 'Geen percentage: zie de signalen.' : '';
  return closeTrail(trail(steps, titles), result);
}

/** explain's sentences of the steps, joined, and its closing "Bron: …" (empty without a main document). */
interface Trail {
  sentences: string;
  bron: string;
}

function trail(steps: readonly Step[], titles?: DocumentTitles): Trail {
  const counts = new Map<string, number>();
  for (const s of steps) if (s.citation?.paragraaf) counts.set(s.citation.document, (counts.get(s.citation.document) ?? 0) + 1);
  const main = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  const cite = (c: Citation) => (c.document === main && c.paragraaf ? c.paragraaf : formatCitation(c, titles));
  const parts = steps.map((s) => `${s.text}${s.citation ? ` [${cite(s.citation)}]` : ''}`);
  return { sentences: parts.join('; '), bron: main ? ` Bron: ${documentTitle(main, titles)}.` : '' };
}

function closeTrail(t: Trail, result: Pick<RowResult, 'percentage' | 'tarief'>): string {
  let out = t.sentences;
  if (result.percentage !== undefined && result.tarief === undefined)
    out += `; percentage ${formatPercentage(result.percentage)}, tarief niet berekend (zie signalen)`;
  return `${out}.${t.bron}`;
}

/**
 * explain for a finished row: from the prepared steps' trail when the price added one step without a citation (the
 * tariff), which changes neither the main document nor how the other steps are cited; else explain itself.
 */
function explainFinished(prepared: Prepared, result: RowResult): string {
  const steps = result.steps;
  const t = prepared.trail;
  const added = steps[steps.length - 1];
  if (!t || steps.length !== prepared.steps.length + 1 || added.citation) return explain(steps, result, packTitles(prepared.pack));
  return closeTrail({ sentences: `${t.sentences}; ${added.text}`, bron: t.bron }, result);
}

export interface RunResult {
  pack: { id: string; version: string; title: string };
  parameters: ParameterValues;
  results: RowResult[];
  /** Number of rows per flag code. */
  flagCounts: Record<string, number>;
}

const PROGRESS_STEP = 10_000;

/**
 * Reuses what was computed for earlier rows: a row's Prepared (prepareRow: all but the price) for a later row equal
 * in every field it read, and the result of the last row finished from it for a row equal in the price's fields too.
 *
 * evaluateRow is a pure function of the pack, the parameters (both fixed during a run) and the cells it reads, and
 * which cells it reads depends only on the values of the cells read before. The same holds for each of its parts:
 * prepareRow, and finishRow given a Prepared. The reads are recorded through a Proxy on `cells` (only for rows that
 * miss), those of the maximumtarief for its flags apart (PriceWatch): that read only decides flags that finishRow
 * raises again (any other cell read there stays in the key). So a row equal to a prepared one in every other field prepareRow read (and in the maximumtarief
 * when the percentage's rules asked for it: Prepared.readsMaximum) has the same Prepared; and a row equal to the
 * last one finished from it in every field finishRow read has the same result. In a contract round most rows share
 * their code, maximumtarief and criteria with other rows of other providers, and the engine then evaluates each
 * distinct combination once; where every row has its own maximumtarief (and so tariff and explanation), only the
 * price is computed per row. Reused results share their flags and steps arrays (frozen), so a run of 300,000 rows
 * holds one small object per row, not three.
 */
export class ResultMemo {
  /** One entry per distinct list of fields read; few in practice (the rules branch little). */
  private readonly shapes: Array<{ fields: string[]; id: string; entries: Map<string, MemoEntry> }> = [];
  private static readonly MAX_SHAPES = 32;
  private held = 0;

  /** Rows held for reuse (a Prepared or a result each). */
  get size(): number {
    return this.held;
  }

  evaluate(row: InputRow, pack: PolicyPack, params: ParameterValues): RowResult {
    for (const shape of this.shapes) {
      const entry = shape.entries.get(memoKey(row.cells, shape.fields));
      if (entry) return finishFrom(entry, row);
    }
    const reads = new Reads();
    const recorded: InputRow = { ref: row.ref, cells: new Proxy(row.cells, reads) };
    const prepared = prepareRow(recorded, pack, params, (pricing) => (reads.pricing = pricing));
    if (!prepared) {
      const result = frozen(evaluateRow(recorded, pack, params));
      if (!reads.enumerated) this.store(reads.fields, row.cells, { last: { fields: [], cells: [], result } });
      return result;
    }
    const entry: MemoEntry = { prepared };
    const result = finishFrom(entry, row);
    // the maximumtarief's own read is left out of the key; any other read there (none now) is kept in it
    const fields = reads.fields.concat(reads.priced.filter((f) => (f !== 'maximumtarief' || prepared.readsMaximum) && !reads.fields.includes(f)));
    if (!reads.enumerated) this.store(fields, row.cells, entry);
    return result;
  }

  private store(fields: string[], cells: Record<string, CellValue>, entry: MemoEntry): void {
    const id = fields.join('\u0000');
    let shape = this.shapes.find((s) => s.id === id);
    if (!shape) {
      if (this.shapes.length >= ResultMemo.MAX_SHAPES) return;
      shape = { fields, id, entries: new Map() };
      this.shapes.push(shape);
    }
    shape.entries.set(memoKey(cells, fields), entry);
    this.held++;
  }
}

/** A row's Prepared (none for a result of withoutYear), and the last result with the fields finishRow read for it. */
interface MemoEntry {
  prepared?: Prepared;
  last?: { fields: string[]; cells: Array<CellValue | typeof ABSENT>; result: RowResult };
}

const ABSENT = Symbol('absent');

/** The row's result from an entry: the last one's when the price's cells are equal, else finishRow (recorded). */
function finishFrom(entry: MemoEntry, row: InputRow): RowResult {
  const last = entry.last;
  if (last && sameCells(last.fields, last.cells, row.cells)) return reuse(last.result, row.ref);
  if (!entry.prepared) throw new Error('ResultMemo: an entry without Prepared holds its result');
  const reads = new Reads();
  const result = frozen(finishRow(entry.prepared, { ref: row.ref, cells: new Proxy(row.cells, reads) }));
  const fields = reads.fields;
  if (!reads.enumerated) entry.last = { fields, cells: fields.map((f) => (f in row.cells ? row.cells[f] : ABSENT)), result };
  return result;
}

/** Whether `cells` has in each of `fields` the value held (as memoKey tells them apart, or finer). */
function sameCells(fields: string[], held: ReadonlyArray<CellValue | typeof ABSENT>, cells: Record<string, CellValue>): boolean {
  for (let i = 0; i < fields.length; i++) {
    const was = held[i];
    if (!(fields[i] in cells)) {
      if (was !== ABSENT) return false;
    } else if (was === ABSENT || !sameCell(was, cells[fields[i]])) return false;
  }
  return true;
}

function sameCell(a: CellValue, b: CellValue): boolean {
  if (a === null || a === undefined) return b === null || b === undefined;
  if (a instanceof Date) return b instanceof Date && a.getTime() === b.getTime();
  if (typeof a === 'object') return typeof b === 'object' && b !== null && !(b instanceof Date) && a.error === b.error;
  return Object.is(a, b);
}

/** Shared with every later row it is reused for: read-only from here (completeRun copies before adding). */
function frozen(result: RowResult): RowResult {
  Object.freeze(result.flags);
  Object.freeze(result.steps);
  return result;
}

/**
 * The fields read through a Proxy on a row's cells, in order: "is there such a column" is a read of that field too
 * (memoKey tells an absent key from an empty cell); while `pricing`, the reads go to `priced` (PriceWatch).
 */
class Reads implements ProxyHandler<Record<string, CellValue>> {
  readonly fields: string[] = [];
  readonly priced: string[] = [];
  pricing = false;
  enumerated = false;

  get(target: Record<string, CellValue>, name: string | symbol): CellValue {
    this.read(name);
    return target[name as string];
  }

  has(target: Record<string, CellValue>, name: string | symbol): boolean {
    this.read(name);
    return name in target;
  }

  ownKeys(target: Record<string, CellValue>): ArrayLike<string | symbol> {
    this.enumerated = true;
    return Reflect.ownKeys(target);
  }

  private read(name: string | symbol): void {
    const list = this.pricing ? this.priced : this.fields;
    if (typeof name === 'string' && !list.includes(name)) list.push(name);
  }
}

/** A reused result for another row: every field listed, so all results share one compact object shape. */
function reuse(hit: RowResult, ref: string): RowResult {
  return {
    ref,
    prestatie: hit.prestatie,
    percentage: hit.percentage,
    tarief: hit.tarief,
    maximumtarief: hit.maximumtarief,
    flags: hit.flags,
    steps: hit.steps,
    explanation: hit.explanation,
    excluded: hit.excluded,
  };
}

/** The values of `fields`, typed, so 1 and "1" or a Date and its text differ, and a missing column from an empty cell. */
function memoKey(cells: Record<string, CellValue>, fields: string[]): string {
  let key = '';
  for (const f of fields) {
    const v = cells[f];
    if (v === null || v === undefined) key += f in cells ? '\u0001' : '\u0002';
    else if (typeof v === 'object') key += v instanceof Date ? `d${v.getTime()}\u0001` : `e${v.error}\u0001`;
    else key += `${typeof v === 'string' ? 's' : typeof v === 'number' ? 'n' : 'b'}${v}\u0001`;
  }
  return key;
}

/** Evaluate all rows and add what only the batch can see (duplicate AGB + prestatie). */
export function runPolicy(rows: readonly InputRow[], pack: PolicyPack, params: ParameterValues, onProgress?: (done: number, total: number) => void): RunResult {
  const memo = new ResultMemo();
  const results = rows.map((r, i) => {
    if (onProgress && i > 0 && i % PROGRESS_STEP === 0) onProgress(i, rows.length);
    return memo.evaluate(r, pack, params);
  });
  return completeRun((i) => rows[i].cells, results, pack, params);
}

/** FNV-1a of a string's UTF-16 code units, as a non-negative 31-bit integer (a small integer in V8). */
export function hash31(s: string): number {
  return fnv1a(s) >>> 1;
}

/**
 * What the batch checks read of a row (completeRun asks for them by row number): the cells that make two rows the
 * same line besides the prestatie. A caller that does not keep its input rows (annotate reads big sheets in
 * windows) keeps only these.
 */
export interface BatchCells {
  agb?: CellValue;
  zorgkantoor?: CellValue;
  inkoopjaar?: CellValue;
}

/** The inkoopjaar as a line key part and for the message: "2025" for 2025, "2025" and " 2025 "; the text otherwise. */
export function lineYear(cell: CellValue): string {
  const p = parseInteger(cell);
  return p.ok ? String(p.value) : (text(cell) ?? '');
}

/**
 * What makes two rows the same line: AGB-code, prestatiecode, zorgkantoor and inkoopjaar (a workbook with the same
 * line in 2024, 2025 and 2026 holds three lines, not a duplicate).
 */
export function lineKeyText(agb: string, code: string, zorgkantoor: string, inkoopjaar: string): string {
  return [agb, code, zorgkantoor, inkoopjaar].join('\u0000');
}

/** The line of a row for the duplicate check (lineKeyText); undefined without AGB-code or prestatie. */
export function batchLineKey(cells: BatchCells, prestatieCode: string | undefined): string | undefined {
  const agb = text(cells.agb);
  return agb && prestatieCode ? lineKeyText(agb, prestatieCode, text(cells.zorgkantoor) ?? '', lineYear(cells.inkoopjaar)) : undefined;
}

/**
 * The result with DUBBELE_REGEL added, naming the other rows of its line (`refs`: every row of the line, its own
 * included) and its inkoopjaar, if the row has one.
 */
export function withRepeatedLine(result: RowResult, refs: readonly string[], year = ''): RowResult {
  // "Aanbieders!9" → "9": the rows are on the same sheet, and the user reads row numbers
  const rowOf = (ref: string) => ref.slice(ref.lastIndexOf('!') + 1);
  const others = refs.filter((r) => r !== result.ref).map(rowOf);
  const message = `Dezelfde AGB-code en prestatie komen${year ? ` in ${year}` : ''} ook voor in ${others.length === 1 ? 'rij' : 'rijen'} ${others.join(', ')}.`;
  // a new flags array: the row's own may be shared with equal rows (ResultMemo)
  return { ...result, flags: [...result.flags, flag('DUBBELE_REGEL', message)] };
}

/**
 * The run from each row's own result (evaluateRow, in row order): flags rows that repeat an AGB-code and
 * prestatie, and counts the flags. For callers that evaluate in slices (the task pane, to stay responsive).
 */
export function completeRun(cellsOf: (row: number) => BatchCells, results: RowResult[], pack: PolicyPack, params: ParameterValues): RunResult {
  const steps = completeRunSteps(cellsOf, results, pack, params);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * completeRun in steps: it yields every few thousand rows, so that a caller on a page's main thread can let the
 * page paint between them (the task pane's job runner); the result is the same.
 */
export function* completeRunSteps(
  cellsOf: (row: number) => BatchCells,
  results: RowResult[],
  pack: PolicyPack,
  params: ParameterValues,
): Generator<void, RunResult> {
  const STEP = 2048;
  // The same line: AGB-code, prestatie, zorgkantoor and inkoopjaar (lineKeyText). The first row of each line is kept under a 31-bit hash of
  // it (a small integer: no string or heap number per row, ≈ 30 bytes a row instead of ≈ 150 for a map of keys);
  // a hash two lines share is told apart by their keys, so a collision never makes a false duplicate.
  const lineKey = (i: number): string | undefined => batchLineKey(cellsOf(i), results[i].prestatie?.code);
  const firstByHash = new Map<number, number>();
  const firstOfCollided = new Map<string, number>();
  const repeated = new Map<string, number[]>();
  for (let i = 0; i < results.length; i++) {
    if (i % STEP === STEP - 1) yield;
    const key = lineKey(i);
    if (key === undefined) continue;
    const hash = hash31(key);
    const earlier = firstByHash.get(hash);
    if (earlier === undefined) {
      firstByHash.set(hash, i);
      continue;
    }
    const same = repeated.get(key);
    if (same) same.push(i);
    else if (lineKey(earlier) === key) repeated.set(key, [earlier, i]);
    else {
      const first = firstOfCollided.get(key);
      if (first === undefined) firstOfCollided.set(key, i);
      else repeated.set(key, [first, i]);
    }
  }
  firstByHash.clear();
  for (const [key, indices] of repeated) {
    const refs = indices.map((i) => results[i].ref);
    for (const i of indices) results[i] = withRepeatedLine(results[i], refs, key.slice(key.lastIndexOf('\u0000') + 1));
  }
  yield;
  const flagCounts: Record<string, number> = {};
  for (let i = 0; i < results.length; i++) {
    if (i % STEP === STEP - 1) yield;
    for (const code of new Set(results[i].flags.map((f) => f.code))) flagCounts[code] = (flagCounts[code] ?? 0) + 1;
  }
  return { pack: { id: pack.id, version: pack.version, title: pack.title }, parameters: params, results, flagCounts };
}
