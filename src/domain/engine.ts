/**
 * The tariff engine: (row, policy pack, parameters) → percentage, tariff, flags and the steps that
 * explain them. Pure and deterministic; rows arrive as raw cells keyed by canonical field name.
 */
import { CORE_FIELDS, type FieldDef } from './fields';
import { documentTitle, titlesOf, type DocumentTitles } from './documents';
import { flag, formatCitation, type Flag } from './flags';
import {
  applyPercentage,
  D,
  type Dec,
  formatEuro,
  formatEuroExact,
  formatPercentage,
  formatPoints,
  isRoundingMode,
  ROUNDING_LABELS,
  type RoundingMode,
} from './money';
import {
  type CellValue,
  isEmptyCell,
  shortCell,
  parseBoolean,
  parseDate,
  parseInteger,
  parseMoney,
  parseNumber,
  parsePercentage,
  parseText,
  type Parsed,
} from './parse';
import { classifyPrestatie, normalizeSector, type ClassificationIssue } from './prestaties';
import type { Condition, FieldCondition, ParameterValues, PolicyPack, Rule, ValueRef } from './policy/types';
import { coveredYears, rowYear, viewForYear, yearsText } from './policy/years';
import type { Citation, Prestatie, Sector } from './types';

/**
 * "Blad!12" for 0-based row 11, as one flat string: a template literal makes a rope of three (≈ 90 bytes instead
 * of ≈ 40), which adds up over the hundreds of thousands of rows a run holds.
 */
export function rowRef(sheet: string, row: number): string {
  return [sheet, '!', row + 1].join('');
}

export interface InputRow {
  /** Where the row came from, for messages: "Blad1!12" or a row number. */
  ref: string;
  /** Raw cells keyed by canonical field name (see fields.ts and the pack's own fields). */
  cells: Record<string, CellValue>;
}

export type StepKind = 'basis' | 'opslag' | 'afslag' | 'niet-gestapeld' | 'grens' | 'bodem' | 'tarief';

export interface Step {
  kind: StepKind;
  text: string;
  /** Points for opslag/afslag, percentage for basis/grens/bodem, amount for tarief. */
  value?: Dec;
  /** The percentage after this step. */
  result?: Dec;
  ruleId?: string;
  citation?: Citation;
}

export interface RowResult {
  ref: string;
  prestatie?: Prestatie;
  percentage?: Dec;
  tarief?: Dec;
  maximumtarief?: Dec;
  /** Read-only: equal rows of a run share this array (see ResultMemo); copy it to add a flag. */
  flags: Flag[];
  /** Read-only, like flags. */
  steps: Step[];
  /** The steps as Dutch sentences. */
  explanation: string;
  excluded: boolean;
}

/** From here a tariff in cents has more than Excel's 15 significant digits (10^13 euro = 10^15 cents). */
const MAX_WRITABLE_TARIFF = new D('1e13');
/** Far above any Wlz tariff per day, hour or week (the highest are a few hundred euro). */
const HIGH_TARIFF = new D(100_000);

type FieldValue = string | boolean | number | Dec;
type Lookup = { state: 'value'; value: FieldValue } | { state: 'missing' } | { state: 'invalid'; reason: string };
type Tri = boolean | 'unknown';

/** Evaluation context for one row. */
class RowContext {
  readonly flags: Flag[] = [];
  private readonly parsed = new Map<string, Lookup>();
  private readonly reported = new Set<string>();

  constructor(
    readonly row: InputRow,
    readonly pack: PolicyPack,
    readonly params: ParameterValues,
    readonly prestatie: Prestatie | undefined,
    readonly hoofdsector: Sector | undefined,
  ) {}

  fieldDef(name: string): FieldDef | undefined {
    return this.pack.fields?.[name] ?? CORE_FIELDS[name];
  }

  field(name: string, reportInvalid = true): Lookup {
    const prestatieValue = this.prestatieField(name);
    if (prestatieValue !== null) return prestatieValue;
    const cached = this.parsed.get(name);
    if (cached) return cached;
    const def = this.fieldDef(name);
    const raw = this.row.cells[name];
    let result: Lookup;
    if (!def || isEmptyCell(raw)) result = { state: 'missing' };
    else {
      const p = parseByType(def, raw);
      if (p.ok) {
        result = { state: 'value', value: p.value };
        // An amount that reads two ways a factor 1,000 apart is a warning; other readings are information.
        if (p.note) this.addFlag(flag(p.ambiguous && def.type === 'money' ? 'BEDRAG_TWEEDUIDIG' : 'WAARDE_GEINTERPRETEERD', `${def.label}: ${p.note}.`));
      } else if ('empty' in p && p.empty) result = { state: 'missing' };
      else {
        const reason = (p as { reason: string }).reason;
        result = { state: 'invalid', reason };
        if (reportInvalid) this.addFlag(flag('ONLEESBARE_WAARDE', `${def.label}: ${reason}; regels die deze waarde nodig hebben zijn niet toegepast.`));
      }
    }
    this.parsed.set(name, result);
    return result;
  }

  private prestatieField(name: string): Lookup | null {
    const p = this.prestatie;
    const wrap = (v: FieldValue | undefined): Lookup => (v === undefined ? { state: 'missing' } : { state: 'value', value: v });
    switch (name) {
      case 'prestatiecode':
        return wrap(p?.code);
      case 'sector':
        return wrap(p?.sector);
      case 'profielgroep':
        return wrap(p?.profielgroep);
      case 'zorgprofiel':
        return wrap(p?.zorgprofiel);
      case 'leveringsvorm':
        return wrap(p?.leveringsvorm);
      case 'component':
        return wrap(p?.component);
      case 'behandeling':
        return wrap(p?.behandeling);
      case 'sectorvreemd': {
        if (!p?.sector || !this.hoofdsector) return { state: 'value', value: false };
        return { state: 'value', value: p.sector !== this.hoofdsector };
      }
      case 'hoofdsector':
        return wrap(this.hoofdsector);
      default:
        return null;
    }
  }

  label(name: string): string {
    return this.fieldDef(name)?.label ?? name;
  }

  addFlag(f: Flag): void {
    const key = `${f.code}|${f.message}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.flags.push(f);
  }

  /** A number from the pack, a parameter or the row; undefined (with a flag) when it has no value. */
  value(ref: ValueRef, rule: Rule): Dec | undefined {
    if (typeof ref === 'number') return new D(ref);
    if (typeof ref === 'string') return new D(ref.replace(',', '.'));
    if ('param' in ref) {
      const v = this.params[ref.param];
      if (v === null || v === undefined) {
        const def = this.pack.parameters[ref.param];
        this.addFlag(
          flag(
            'PARAMETER_ONTBREEKT',
            `Parameter "${def?.label ?? ref.param}" heeft geen waarde; regel "${rule.description}" kan niet worden toegepast. Stel de waarde in en reken opnieuw.`,
            { ruleId: rule.id, citation: def?.source ?? rule.source },
          ),
        );
        return undefined;
      }
      return typeof v === 'object' ? v : undefined;
    }
    const f = this.field(ref.field);
    const n = f.state === 'value' ? asDecimal(f.value) : undefined;
    if (n) return n;
    if (f.state === 'missing') {
      this.addFlag(
        flag('KENMERK_ONTBREEKT', `Kolom "${this.label(ref.field)}" is leeg of ontbreekt; regel "${rule.description}" heeft deze waarde nodig.`, {
          ruleId: rule.id,
          citation: rule.source,
        }),
      );
    }
    return undefined;
  }

  condition(c: Condition | undefined, rule: Rule): Tri {
    if (!c) return true;
    if ('all' in c) {
      let result: Tri = true;
      for (const x of c.all) {
        const v = this.condition(x, rule);
        if (v === false) return false;
        if (v === 'unknown') result = 'unknown';
      }
      return result;
    }
    if ('any' in c) {
      let result: Tri = false;
      for (const x of c.any) {
        const v = this.condition(x, rule);
        if (v === true) return true;
        if (v === 'unknown') result = 'unknown';
      }
      return result;
    }
    if ('not' in c) {
      const v = this.condition(c.not, rule);
      return v === 'unknown' ? v : !v;
    }
    if ('param' in c) {
      const v = this.params[c.param];
      if (v === null || v === undefined) {
        this.value({ param: c.param }, rule);
        return 'unknown';
      }
      return v === c.is;
    }
    return this.fieldCondition(c, rule);
  }

  private fieldCondition(c: FieldCondition, rule: Rule): Tri {
    const f = this.field(c.field);
    if (c.present !== undefined) {
      if (f.state === 'invalid') return 'unknown';
      return (f.state === 'value') === c.present;
    }
    if (f.state === 'invalid') return 'unknown';
    // A blank cell means "not given": it does not match a value, and is not smaller than one.
    if (f.state === 'missing') return false;
    const v = f.value;
    if (c.in !== undefined && !c.in.some((x) => sameValue(v, x))) return false;
    if (c.is !== undefined && !sameValue(v, c.is)) return false;
    const comparisons: Array<[ValueRef | undefined, (cmp: number) => boolean]> = [
      [c.lt, (x) => x < 0],
      [c.lte, (x) => x <= 0],
      [c.gt, (x) => x > 0],
      [c.gte, (x) => x >= 0],
    ];
    for (const [ref, ok] of comparisons) {
      if (ref === undefined) continue;
      const n = asDecimal(v);
      if (!n) return false;
      const other = this.value(ref, rule);
      if (other === undefined) return 'unknown';
      if (!ok(n.comparedTo(other))) return false;
    }
    return true;
  }
}

function asDecimal(v: FieldValue): Dec | undefined {
  if (typeof v === 'number') return new D(v);
  return typeof v === 'object' ? v : undefined;
}

function sameValue(v: FieldValue, x: string | number | boolean): boolean {
  const n = asDecimal(v);
  if (n) return typeof x !== 'boolean' && !Number.isNaN(Number(String(x).replace(',', '.'))) && n.equals(new D(String(x).replace(',', '.')));
  if (typeof v === 'string' && typeof x === 'string') return v.toLowerCase() === x.toLowerCase();
  return v === x;
}

function parseByType(def: FieldDef, raw: CellValue): Parsed<FieldValue> {
  switch (def.type) {
    case 'money':
      return parseMoney(raw);
    case 'percentage':
      return parsePercentage(raw);
    case 'points':
    case 'number':
      return parseNumber(raw);
    case 'integer':
      return parseInteger(raw);
    case 'boolean':
      return parseBoolean(raw);
    case 'date':
      return parseDate(raw);
    case 'text':
    case 'code':
      return parseText(raw);
  }
}

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
  const inYear = (year: number, note: YearNote = {}) => {
    const view = viewForYear(pack, params, year);
    return evaluateInYear(row, view.pack, view.params, note);
  };
  const years = yearsText(pack);
  if (place.kind === 'covered') return inYear(place.year);
  if (place.kind === 'outside') {
    const nearest = place.nearest;
    const multi = coveredYears(pack).length > 1;
    return inYear(nearest, {
      flag: flag(
        'INKOOPJAAR_WIJKT_AF',
        `Inkoopjaar ${place.year} in de rij valt buiten het beleid (${years}); berekend met de waarden van ${nearest}${multi ? ', het dichtstbijzijnde jaar van het beleid' : ''}.`,
      ),
      note: `Berekend met de waarden van ${nearest}: het beleid geldt voor ${years}, de rij is van ${place.year}.`,
    });
  }
  const main = pack.inkoopjaar;
  if (coveredYears(pack).length < 2) return inYear(main);
  if (!place.column) return inYear(main, { note: `Berekend met het beleid voor ${main} (het hoofdjaar): het blad heeft geen kolom Inkoopjaar.` });
  return withoutYear(pack, place.shown, inYear);
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

function classifyCells(cells: Record<string, CellValue>, pack: PolicyPack): ReturnType<typeof classifyPrestatie> {
  return classifyPrestatie(
    { code: cells.prestatiecode, sector: text(cells.sector), zorgprofiel: text(cells.zorgprofiel), leveringsvorm: text(cells.leveringsvorm) },
    pack.prestaties,
  );
}

/** The fields classifyCells reads, and the inkoopjaar that chooses the year's pack. */
export const PRESTATIE_FIELDS = ['prestatiecode', 'sector', 'zorgprofiel', 'leveringsvorm', 'inkoopjaar'] as const;

/** The year whose values evaluateRow uses for these cells: the row's own, the nearest of the pack, or the main year. */
function evaluationYear(pack: PolicyPack, cells: Record<string, CellValue>): number {
  const place = rowYear(pack, cells);
  return place.kind === 'covered' ? place.year : place.kind === 'outside' ? place.nearest : pack.inkoopjaar;
}

/** The code of the prestatie evaluateRow finds for these cells (the same classification), without evaluating the row. */
export function rowPrestatieCode(cells: Record<string, CellValue>, pack: PolicyPack, params: ParameterValues): string | undefined {
  return classifyCells(cells, viewForYear(pack, params, evaluationYear(pack, cells)).pack).prestatie?.code;
}

/** Evaluate one row under a pack (for one year) with its parameter values. */
function evaluateInYear(row: InputRow, pack: PolicyPack, params: ParameterValues, year: YearNote): RowResult {
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

  const maximumtarief = readMaximumtarief(ctx);
  const result: RowResult = { ref: row.ref, prestatie: classified.prestatie, maximumtarief, flags: ctx.flags, steps: [], explanation: '', excluded: false };
  if (!classified.prestatie) {
    result.explanation = 'Geen tarief: de prestatie is niet te bepalen.';
    return result;
  }
  if (year.unpriced) {
    result.explanation = year.note ?? '';
    return result;
  }

  const percentage = computePercentage(ctx, result);
  if (percentage !== undefined && !result.excluded) {
    result.percentage = percentage;
    checkPercentage(ctx, percentage);
    if (maximumtarief) priceRow(ctx, result, maximumtarief, percentage);
  }
  result.explanation = result.excluded ? 'Geen tarief: uitgesloten door het beleid (zie signalen).' : explain(result.steps, result, packTitles(pack));
  if (year.note) result.explanation += ` ${year.note}`;
  return result;
}

/**
 * The row's NZa-maximumtarief when it can price the row: missing, unreadable, not positive or too large for Excel
 * to hold in cents gives none (flagged); an unusually high one is used and flagged. Its own flags say more than the
 * generic "unreadable value".
 */
function readMaximumtarief(ctx: RowContext): Dec | undefined {
  const max = ctx.field('maximumtarief', false);
  if (max.state === 'missing') {
    ctx.addFlag(flag('MAXIMUMTARIEF_ONTBREEKT', 'Geen NZa-maximumtarief in de rij of de tarieventabel; het percentage is berekend, het tarief niet.'));
    return undefined;
  }
  if (max.state === 'invalid') {
    ctx.addFlag(flag('MAXIMUMTARIEF_ONLEESBAAR', `NZa-maximumtarief is onleesbaar (${max.reason}); het tarief is niet berekend.`));
    return undefined;
  }
  if (typeof max.value !== 'object') return undefined;
  if (max.value.lessThanOrEqualTo(0)) {
    ctx.addFlag(flag('MAXIMUMTARIEF_ONGELDIG', `NZa-maximumtarief ${formatEuro(max.value)} is niet positief; het tarief is niet berekend.`));
    return undefined;
  }
  if (max.value.greaterThanOrEqualTo(MAX_WRITABLE_TARIFF)) {
    ctx.addFlag(
      flag(
        'MAXIMUMTARIEF_TE_GROOT',
        `NZa-maximumtarief ${shortCell(max.value.toFixed())} is te groot: Excel bewaart 15 cijfers, dus een tarief in centen vanaf € 10.000.000.000.000 kan niet juist geschreven worden. Het tarief is niet berekend; controleer het bedrag.`,
      ),
    );
    return undefined;
  }
  if (max.value.greaterThan(HIGH_TARIFF)) {
    ctx.addFlag(
      flag(
        'MAXIMUMTARIEF_HOOG',
        `NZa-maximumtarief ${formatEuro(max.value)} is ongewoon hoog: Wlz-tarieven per dag, uur of week liggen ver onder ${formatEuro(HIGH_TARIFF)}. Het tarief is berekend; controleer het bedrag.`,
      ),
    );
  }
  return max.value;
}

/**
 * The tariff: maximumtarief × percentage rounded to cents as the parameters say; a tariff of € 0,00 from a non-zero
 * percentage is refused, and a contracted tariff that differs from the computed one is flagged.
 */
function priceRow(ctx: RowContext, result: RowResult, maximumtarief: Dec, percentage: Dec): void {
  const mode = roundingMode(ctx.params);
  const { rounded } = applyPercentage(maximumtarief, percentage, mode);
  if (rounded.isZero() && !percentage.isZero()) {
    // e.g. a maximumtarief of 0,0000001: a tariff of € 0,00 is never what the row meant.
    ctx.addFlag(
      flag(
        'TARIEF_NUL',
        `Het tarief komt op ${formatEuro(rounded)} uit (${formatEuroExact(maximumtarief)} × ${formatPercentage(percentage)}, afgerond op centen): het NZa-maximumtarief is te klein. Er is geen tarief geschreven; controleer het bedrag.`,
      ),
    );
  } else {
    result.tarief = rounded;
    result.steps.push({
      kind: 'tarief',
      value: rounded,
      text: `Tarief = ${formatEuroExact(maximumtarief)} × ${formatPercentage(percentage)} = ${formatEuro(rounded)} (${ROUNDING_LABELS[mode]} op centen)`,
    });
  }
  const contracted = ctx.field('gecontracteerdTarief');
  if (result.tarief && contracted.state === 'value' && typeof contracted.value === 'object' && !contracted.value.equals(rounded)) {
    const diff = contracted.value.minus(rounded);
    ctx.addFlag(
      flag(
        'GECONTRACTEERD_WIJKT_AF',
        `Gecontracteerd tarief ${formatEuro(contracted.value)} wijkt ${diff.isPositive() ? '+' : ''}${formatEuro(diff)} af van het berekende tarief ${formatEuro(rounded)}.`,
      ),
    );
  }
}

function roundingMode(params: ParameterValues): RoundingMode {
  const v = params.afronding;
  return isRoundingMode(v) ? v : 'rekenkundig';
}

function checkPercentage(ctx: RowContext, percentage: Dec): void {
  if (percentage.greaterThan(100)) {
    ctx.addFlag(
      flag(
        'TARIEF_BOVEN_MAXIMUM',
        `Percentage ${formatPercentage(percentage)} ligt boven 100%: het tarief komt boven het NZa-maximumtarief, en de NZa-tarieven zijn maximumtarieven.`,
      ),
    );
  }
  if (percentage.isNegative()) ctx.addFlag(flag('PERCENTAGE_BUITEN_BEREIK', `Berekend percentage ${formatPercentage(percentage)} is negatief.`));
  const range = ctx.pack.range;
  if (!range || ctx.prestatie?.component !== 'zorg') return;
  const pseudoRule: Rule = { id: 'bereik', description: 'bereik van het beleid', effect: { cap: 100 }, source: range.source };
  const min = range.min !== undefined ? ctx.value(range.min, pseudoRule) : undefined;
  const max = range.max !== undefined ? ctx.value(range.max, pseudoRule) : undefined;
  if ((min && percentage.lessThan(min)) || (max && percentage.greaterThan(max))) {
    const bounds = `${min ? formatPercentage(min) : '…'} – ${max ? formatPercentage(max) : '…'}`;
    ctx.addFlag(
      flag('PERCENTAGE_BUITEN_BEREIK', `Percentage ${formatPercentage(percentage)} valt buiten het bereik van dit beleid (${bounds}).`, {
        citation: range.source,
      }),
    );
  }
}

interface PendingAdd {
  rule: Rule;
  points: Dec;
  min?: Dec;
  max?: Dec;
  maxResult?: Dec;
  group?: string;
  ref: ValueRef;
}

/**
 * Whose words a step is: the rule's, unless its value is a parameter with a source of its own in another
 * document (a pack that extends another and sets the value from its own policy text): then that parameter
 * and its source, so a value is never shown next to a document that does not say it.
 */
function cited(ctx: RowContext, ref: ValueRef, rule: Rule): { citation: Citation; description: string } {
  if (typeof ref === 'object' && 'param' in ref && Object.prototype.hasOwnProperty.call(ctx.pack.parameters, ref.param)) {
    const def = ctx.pack.parameters[ref.param];
    if (def.source && def.source.document !== rule.source.document) return { citation: def.source, description: def.label };
  }
  return { citation: rule.source, description: rule.description };
}

interface Base {
  value: Dec;
  rule: Rule;
  final: boolean;
  ref: ValueRef;
}

interface Limit {
  rule: Rule;
  value: Dec;
}

/** The op-/afslagen, caps and floors that apply to a row once its base is known. */
interface Adjustments {
  adds: PendingAdd[];
  caps: Limit[];
  floors: Limit[];
}

/** Base → op-/afslagen → floors and caps. Undefined when a needed value is missing (flagged). */
function computePercentage(ctx: RowContext, result: RowResult): Dec | undefined {
  if (applyFlagsAndExclusions(ctx, result)) return undefined;
  const base = findBase(ctx);
  if (!base) return undefined;
  const adjustments = collectAdjustments(ctx, base);
  if (!adjustments) return undefined;
  const steps = result.steps;
  let pct = baseStep(ctx, base, steps);
  for (const add of selectStacked(ctx, adjustments.adds, steps)) pct = applyAdd(ctx, add, pct, steps);
  pct = applyFloor(adjustments.floors, pct, steps);
  return applyCap(ctx, adjustments.caps, pct, steps);
}

/** Flags and exclusions apply whatever the percentage; true when the row is excluded (it then gets no percentage). */
function applyFlagsAndExclusions(ctx: RowContext, result: RowResult): boolean {
  for (const rule of ctx.pack.rules) {
    const e = rule.effect;
    if (!('flag' in e) && !('exclude' in e)) continue;
    if (ctx.condition(rule.when, rule) !== true) continue;
    if ('flag' in e) ctx.addFlag({ ...e.flag, ruleId: rule.id, citation: rule.source });
    else {
      result.excluded = true;
      ctx.addFlag({
        code: e.exclude.code ?? 'UITGESLOTEN',
        severity: 'fout',
        message: e.exclude.message,
        ruleId: rule.id,
        citation: rule.source,
        ...(e.exclude.name && e.exclude.code ? { name: e.exclude.name } : {}),
      });
    }
  }
  return result.excluded;
}

/**
 * The first matching `set` rule gives the base; an undecidable one before it (or a missing value) leaves the base
 * unknown. No matching rule at all is flagged; an unknown base was flagged where the value was missing.
 */
function findBase(ctx: RowContext): Base | undefined {
  for (const rule of ctx.pack.rules) {
    const e = rule.effect;
    if (!('set' in e)) continue;
    const a = ctx.condition(rule.when, rule);
    if (a === 'unknown') return undefined;
    if (!a) continue;
    const v = ctx.value(e.set, rule);
    return v === undefined ? undefined : { value: v, rule, final: e.final === true, ref: e.set };
  }
  ctx.addFlag(flag('GEEN_BASISPERCENTAGE', `Geen regel van beleid ${ctx.pack.id} bepaalt een basispercentage voor deze rij.`));
  return undefined;
}

/** The op-/afslagen (none on a final base), caps and floors whose rules match; undefined when one cannot be decided. */
function collectAdjustments(ctx: RowContext, base: Base): Adjustments | undefined {
  const found: Adjustments = { adds: [], caps: [], floors: [] };
  let missing = false;
  for (const rule of ctx.pack.rules) {
    const e = rule.effect;
    if (!('add' in e) && !('cap' in e) && !('floor' in e)) continue;
    if ('add' in e && base.final) continue;
    const a = ctx.condition(rule.when, rule);
    if (a === 'unknown') {
      missing = true;
      continue;
    }
    if (!a) continue;
    if ('add' in e) {
      const points = ctx.value(e.add, rule);
      if (points === undefined) {
        missing = true;
        continue;
      }
      const opt = (r: ValueRef | undefined) => (r === undefined ? undefined : ctx.value(r, rule));
      found.adds.push({ rule, points, min: opt(e.min), max: opt(e.max), maxResult: opt(e.maxResult), group: e.group, ref: e.add });
    } else {
      const v = ctx.value('cap' in e ? e.cap : e.floor, rule);
      if (v === undefined) missing = true;
      else ('cap' in e ? found.caps : found.floors).push({ rule, value: v });
    }
  }
  return missing ? undefined : found;
}

/** The trail's first step: the base percentage and whose words it is. */
function baseStep(ctx: RowContext, base: Base, steps: Step[]): Dec {
  const baseCited = cited(ctx, base.ref, base.rule);
  steps.push({
    kind: 'basis',
    value: base.value,
    result: base.value,
    ruleId: base.rule.id,
    citation: baseCited.citation,
    text: `${formatPercentage(base.value)}: ${baseCited.description}${base.final ? ' (vast percentage, geen op- of afslagen)' : ''}`,
  });
  return base.value;
}

/** One op-/afslag: its points held within the rule's min and max, the result within its maxResult. */
function applyAdd(ctx: RowContext, add: PendingAdd, pct: Dec, steps: Step[]): Dec {
  if (add.points.isZero()) return pct;
  const points = boundedPoints(ctx, add);
  let after = pct.plus(points);
  let capNote = '';
  if (add.maxResult && points.isPositive() && after.greaterThan(add.maxResult)) {
    after = pct.greaterThan(add.maxResult) ? pct : add.maxResult;
    capNote = `, tot een maximum van ${formatPercentage(add.maxResult)}`;
    ctx.addFlag(
      flag('BEGRENSD', `${add.rule.description}: begrensd op ${formatPercentage(add.maxResult)}.`, { ruleId: add.rule.id, citation: add.rule.source }),
    );
  }
  const addCited = cited(ctx, add.ref, add.rule);
  steps.push({
    kind: points.isNegative() ? 'afslag' : 'opslag',
    value: points,
    result: after,
    ruleId: add.rule.id,
    citation: addCited.citation,
    text: `${formatPoints(points)}: ${addCited.description}${capNote} → ${formatPercentage(after)}`,
  });
  return after;
}

/** An op-/afslag's points, lowered to its maximum or raised to its minimum (flagged when either applies). */
function boundedPoints(ctx: RowContext, add: PendingAdd): Dec {
  let points = add.points;
  const where = { ruleId: add.rule.id, citation: add.rule.source };
  if (add.max && points.greaterThan(add.max)) {
    ctx.addFlag(flag('BEGRENSD', `${add.rule.description}: ${formatPoints(points)} is meer dan het maximum ${formatPoints(add.max)}; afgetopt.`, where));
    points = add.max;
  }
  if (add.min && points.lessThan(add.min)) {
    ctx.addFlag(
      flag(
        'BEGRENSD',
        `${add.rule.description}: ${formatPoints(points)} is minder dan het minimum ${formatPoints(add.min)}; opgehoogd tot het minimum.`,
        where,
      ),
    );
    points = add.min;
  }
  return points;
}

/** The highest floor that applies lifts a percentage below it. */
function applyFloor(floors: Limit[], pct: Dec, steps: Step[]): Dec {
  const floor = floors.reduce<Limit | undefined>((m, f) => (!m || f.value.greaterThan(m.value) ? f : m), undefined);
  if (!floor || !pct.lessThan(floor.value)) return pct;
  steps.push({
    kind: 'bodem',
    value: floor.value,
    result: floor.value,
    ruleId: floor.rule.id,
    citation: floor.rule.source,
    text: `Ondergrens ${formatPercentage(floor.value)}: ${floor.rule.description} → ${formatPercentage(floor.value)}`,
  });
  return floor.value;
}

/** The lowest cap that applies brings a percentage above it down (flagged). */
function applyCap(ctx: RowContext, caps: Limit[], pct: Dec, steps: Step[]): Dec {
  const cap = caps.reduce<Limit | undefined>((m, c) => (!m || c.value.lessThan(m.value) ? c : m), undefined);
  if (!cap || !pct.greaterThan(cap.value)) return pct;
  ctx.addFlag(
    flag('BEGRENSD', `Percentage ${formatPercentage(pct)} begrensd op ${formatPercentage(cap.value)}: ${cap.rule.description}.`, {
      ruleId: cap.rule.id,
      citation: cap.rule.source,
    }),
  );
  steps.push({
    kind: 'grens',
    value: cap.value,
    result: cap.value,
    ruleId: cap.rule.id,
    citation: cap.rule.source,
    text: `Maximum ${formatPercentage(cap.value)}: ${cap.rule.description} → ${formatPercentage(cap.value)}`,
  });
  return cap.value;
}

/** In a group that does not stack, only the largest op-/afslag applies; the others are named in the trail. */
function selectStacked(ctx: RowContext, adds: PendingAdd[], steps: Step[]): PendingAdd[] {
  const groups = ctx.pack.groups ?? {};
  const chosen = new Set<PendingAdd>(adds);
  const byGroup = new Map<string, PendingAdd[]>();
  for (const a of adds) if (a.group) byGroup.set(a.group, [...(byGroup.get(a.group) ?? []), a]);
  for (const [name, members] of byGroup) {
    if (members.length < 2) continue;
    const g = groups[name];
    const stack = typeof g.stack === 'boolean' ? g.stack : ctx.params[g.stack.param] === true;
    if (stack) continue;
    const best = members.reduce((m, a) => (a.points.greaterThan(m.points) ? a : m));
    for (const a of members) {
      if (a === best) continue;
      chosen.delete(a);
      steps.push({
        kind: 'niet-gestapeld',
        value: a.points,
        ruleId: a.rule.id,
        citation: a.rule.source,
        text: `${formatPoints(a.points)}: ${a.rule.description} — niet gestapeld met "${best.rule.description}" (${g.description})`,
      });
      ctx.addFlag(
        flag('NIET_GESTAPELD', `"${a.rule.description}" niet opgeteld bij "${best.rule.description}": ${g.description}.`, {
          ruleId: a.rule.id,
          citation: a.rule.source,
        }),
      );
    }
  }
  return adds.filter((a) => chosen.has(a));
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
  const counts = new Map<string, number>();
  for (const s of steps) if (s.citation?.paragraaf) counts.set(s.citation.document, (counts.get(s.citation.document) ?? 0) + 1);
  const main = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  const cite = (c: Citation) => (c.document === main && c.paragraaf ? c.paragraaf : formatCitation(c, titles));
  const parts = steps.map((s) => `${s.text}${s.citation ? ` [${cite(s.citation)}]` : ''}`);
  let out = parts.join('; ');
  if (result.percentage !== undefined && result.tarief === undefined)
    out += `; percentage ${formatPercentage(result.percentage)}, tarief niet berekend (zie signalen)`;
  return `${out}.${main ? ` Bron: ${documentTitle(main, titles)}.` : ''}`;
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
 * Reuses a row's result for a later row whose cells are equal in every field the evaluation read.
 *
 * evaluateRow is a pure function of the pack, the parameters (both fixed during a run) and the cells it reads, and
 * which cells it reads depends only on the values of the cells read before. So a row that has the same values as
 * an evaluated row in all the fields that evaluation read, would read exactly those fields and get the same
 * result. The reads are recorded through a Proxy on `cells` (only for rows that miss). In a contract round most
 * rows share their code, maximumtarief and criteria with other rows of other providers, and the engine then
 * evaluates each distinct combination once. The rows it is reused for share its flags and steps arrays (frozen),
 * so a run of 300,000 rows holds one small object per row, not three.
 */
export class ResultMemo {
  /** One entry per distinct list of fields read; few in practice (the rules branch little). */
  private readonly shapes: Array<{ fields: string[]; results: Map<string, RowResult> }> = [];
  private static readonly MAX_SHAPES = 32;

  /** Results held for reuse. */
  get size(): number {
    let n = 0;
    for (const shape of this.shapes) n += shape.results.size;
    return n;
  }

  evaluate(row: InputRow, pack: PolicyPack, params: ParameterValues): RowResult {
    for (const shape of this.shapes) {
      const hit = shape.results.get(memoKey(row.cells, shape.fields));
      if (hit) return reuse(hit, row.ref);
    }
    const read = new Set<string>();
    let enumerated = false;
    const cells = new Proxy(row.cells, {
      get(target, name) {
        if (typeof name === 'string') read.add(name);
        return target[name as string];
      },
      has(target, name) {
        // "is there such a column" is a read of that field: memoKey tells an absent key from an empty cell
        if (typeof name === 'string') read.add(name);
        return name in target;
      },
      ownKeys(target) {
        enumerated = true;
        return Reflect.ownKeys(target);
      },
    });
    const result = evaluateRow({ ref: row.ref, cells }, pack, params);
    // shared with every later row it is reused for: read-only from here (completeRun copies before adding)
    Object.freeze(result.flags);
    Object.freeze(result.steps);
    if (!enumerated) this.store([...read], row.cells, result);
    return result;
  }

  private store(fields: string[], cells: Record<string, CellValue>, result: RowResult): void {
    const id = fields.join('\u0000');
    let shape = this.shapes.find((s) => s.fields.join('\u0000') === id);
    if (!shape) {
      if (this.shapes.length >= ResultMemo.MAX_SHAPES) return;
      shape = { fields, results: new Map() };
      this.shapes.push(shape);
    }
    shape.results.set(memoKey(cells, fields), result);
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

/**
 * The run from each row's own result (evaluateRow, in row order): flags rows that repeat an AGB-code and
 * prestatie, and counts the flags. For callers that evaluate in slices (the task pane, to stay responsive).
 */
/** FNV-1a of a string's UTF-16 code units, as a non-negative 31-bit integer (a small integer in V8). */
export function hash31(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 1;
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
