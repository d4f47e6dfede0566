/**
 * Reading cell values the way Dutch users type them: "95,5%", 0,955, "€ 1.234,56", "ja"/"x",
 * numbers stored as text, dates as dates or Dutch text. Pure; the workbook adapters pass raw cells.
 */
import { D, Dec } from './money';

/** A raw cell as an adapter hands it over. Excel errors arrive as `{ error: '#N/A' }`. */
export type CellValue = string | number | boolean | Date | null | undefined | { error: string };

export type Parsed<T> =
  /** `note` says how an input that reads two ways was read; `ambiguous` marks a reading that may be a factor 1,000 off. */
  { ok: true; value: T; note?: string; ambiguous?: true } | { ok: false; empty: true } | { ok: false; empty?: false; reason: string };

const EMPTY = { ok: false, empty: true } as const;

function fail(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}

export function isEmptyCell(v: CellValue): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

export function cellToText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') return v.error;
  return String(v);
}

/** A cell's text for a message, at most 24 characters (a cell of 40,000 characters is not repeated in full). */
export function shortCell(v: CellValue): string {
  const t = cellToText(v);
  const chars = [...t];
  return chars.length <= 24 ? t : `${chars.slice(0, 20).join('')}… (${chars.length.toLocaleString('nl-NL')} tekens)`;
}

/**
 * What is wrong with a cell that holds an error, after "cel": an Excel error value (`#N/A`), or what the workbook
 * reader found wrong with the cell (a formula without its result, a reference to a shared text that does not exist).
 */
export function errorPhrase(error: string): string {
  return error.startsWith('#') ? `bevat de foutwaarde ${error}` : `is onleesbaar (${error})`;
}

function errorReason(v: { error: string }): string {
  return `cel ${errorPhrase(v.error)}`;
}

/**
 * How a number with one separator followed by exactly three digits ("1.234", "254,675") is read: it is a decimal
 * or a thousands separator, and only the field can tell.
 * - `amount` (bedragen, aantallen): the Dutch way, a point groups thousands and a comma is the decimal sign, with a
 *   note and `ambiguous` (the other reading differs by a factor 1,000);
 * - `decimal` (percentages): always a decimal sign, since no percentage has a thousands group (97.125% is 97,125%);
 * - `whole` (jaren, aantallen cliënten): always a thousands separator, with a note (the value must be whole).
 */
export type Grouping = 'amount' | 'decimal' | 'whole';

/**
 * Parse a number typed in Dutch or English notation. Returns the value and, where the notation was
 * ambiguous ("1.234": duizendtal of decimaal?), a note saying how it was read (see Grouping).
 */
export function parseNumberText(text: string, grouping: Grouping = 'amount'): Parsed<Dec> {
  let s = text
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(/^€|^eur(o)?/i, '')
    .replace(/€$|eur(o)?$/i, '');
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1);
  }
  if (s.startsWith('-') || s.startsWith('−')) {
    negative = !negative;
    s = s.slice(1);
  } else if (s.startsWith('+')) {
    s = s.slice(1);
  }
  s = s.replace(/^€/, '');
  if (!/^[0-9.,]+$/.test(s) || !/[0-9]/.test(s)) return fail(`"${shortCell(text)}" is geen getal`);
  let note: string | undefined;
  let ambiguous = false;
  const dots = (s.match(/\./g) ?? []).length;
  const commas = (s.match(/,/g) ?? []).length;
  let normalized: string;
  if (dots > 0 && commas > 0) {
    const decimalSep = s.lastIndexOf(',') > s.lastIndexOf('.') ? ',' : '.';
    const thousandSep = decimalSep === ',' ? '.' : ',';
    if (s.split(decimalSep).length - 1 > 1) return fail(`"${shortCell(text)}" is geen getal`);
    const [intPart, frac] = s.split(decimalSep);
    if (!validGrouping(intPart, thousandSep)) return fail(`"${shortCell(text)}" heeft een onduidelijke duizendtalnotatie`);
    normalized = intPart.split(thousandSep).join('') + '.' + frac;
  } else if (commas > 0) {
    if (commas > 1) {
      if (!validGrouping(s, ',')) return fail(`"${shortCell(text)}" is geen getal`);
      normalized = s.split(',').join('');
    } else {
      const [intPart, frac] = s.split(',');
      if (twoWays(intPart, frac) && grouping === 'whole') {
        normalized = intPart + frac;
        note = `"${text}" gelezen als ${intPart}${frac} (komma als duizendtalscheiding; de waarde is een geheel getal)`;
      } else {
        normalized = s.replace(',', '.');
        if (twoWays(intPart, frac) && grouping === 'amount') {
          // "254,675": in Dutch notation a decimal comma. Read it so, and say so: in English it is 254675.
          note = `"${text}" gelezen als ${intPart},${frac} (komma als decimaalteken); bedoelde u ${intPart}${frac}, typ het dan zonder komma`;
          ambiguous = true;
        }
      }
    }
  } else if (dots > 0) {
    if (dots > 1) {
      if (!validGrouping(s, '.')) return fail(`"${shortCell(text)}" is geen getal`);
      normalized = s.split('.').join('');
    } else {
      const [intPart, frac] = s.split('.');
      if (twoWays(intPart, frac) && grouping !== 'decimal') {
        // "1.234": in Dutch notation a thousands separator. Read it so, and say so.
        normalized = intPart + frac;
        note = `"${text}" gelezen als ${intPart}${frac} (punt als duizendtalscheiding); bedoelde u ${intPart},${frac}, typ dan een komma`;
        ambiguous = grouping === 'amount';
      } else {
        normalized = s;
      }
    }
  } else {
    normalized = s;
  }
  if (normalized.startsWith('.')) normalized = '0' + normalized;
  if (normalized.endsWith('.')) normalized = normalized.slice(0, -1);
  const value = new D(normalized);
  return { ok: true, value: negative ? value.negated() : value, ...(note ? { note } : {}), ...(ambiguous ? { ambiguous: true as const } : {}) };
}

/** One separator with exactly three digits after it and a non-zero integer part: "1.234", "254,675" (not "0,125"). */
function twoWays(intPart: string, frac: string): boolean {
  return frac.length === 3 && intPart.length >= 1 && intPart.length <= 3 && /[1-9]/.test(intPart);
}

function validGrouping(intPart: string, sep: string): boolean {
  const groups = intPart.split(sep);
  return groups.length === 1 || (groups[0].length >= 1 && groups[0].length <= 3 && groups.slice(1).every((g) => g.length === 3));
}

function numberFromCell(v: CellValue, grouping: Grouping = 'amount'): Parsed<Dec> {
  if (isEmptyCell(v)) return EMPTY;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return fail('cel bevat geen eindig getal');
    return { ok: true, value: new D(v) };
  }
  if (typeof v === 'boolean') return fail(`"${v ? 'WAAR' : 'ONWAAR'}" is geen getal`);
  if (v instanceof Date) return fail('cel bevat een datum in plaats van een getal');
  if (typeof v === 'object' && v !== null) return fail(errorReason(v));
  return parseNumberText(String(v), grouping);
}

/** A money amount: "€ 1.234,56", "1234.56", 1234.56. */
export function parseMoney(v: CellValue): Parsed<Dec> {
  if (typeof v === 'string' && v.includes('%')) return fail(`"${shortCell(v)}" is een percentage, geen bedrag`);
  return numberFromCell(v);
}

/** A plain number (volume, count). */
export function parseNumber(v: CellValue): Parsed<Dec> {
  return numberFromCell(v);
}

/** Above this a bare number is read as percentage points (95,5), at or below as a fraction (0,955). */
const FRACTION_LIMIT = new D('1.5');

/**
 * A tariefpercentage in percentage points. "95,5%", "95.5 %", 95.5 → 95,5. A bare number at or below
 * 1,5 (0,955 — what Excel stores for a cell formatted as percentage) is read as a fraction, with a note.
 */
export function parsePercentage(v: CellValue): Parsed<Dec> {
  if (typeof v === 'string' && v.includes('%')) {
    const p = parseNumberText(v.replace('%', ''), 'decimal');
    return p;
  }
  const p = numberFromCell(v, 'decimal');
  if (!p.ok) return p;
  const abs = p.value.abs();
  if (abs.greaterThan(0) && abs.lessThanOrEqualTo(FRACTION_LIMIT)) {
    const points = p.value.times(100);
    return {
      ok: true,
      value: points,
      note: `${cellToText(v)} gelezen als ${points.toString().replace('.', ',')}% (getal zonder %-teken als fractie opgevat)`,
    };
  }
  return p;
}

const TRUE_WORDS = new Set(['ja', 'j', 'x', 'yes', 'y', 'true', 'waar', '1', 'v', '✓', '✔', 'wel']);
const FALSE_WORDS = new Set(['nee', 'n', 'no', 'false', 'onwaar', '0', '-', 'niet', 'geen']);

/** ja/nee/x/WAAR/1; an empty cell is "not given" (not false). */
export function parseBoolean(v: CellValue): Parsed<boolean> {
  if (isEmptyCell(v)) return EMPTY;
  if (typeof v === 'boolean') return { ok: true, value: v };
  if (typeof v === 'number') {
    if (v === 1) return { ok: true, value: true };
    if (v === 0) return { ok: true, value: false };
    return fail(`${v} is geen ja/nee-waarde`);
  }
  if (v instanceof Date) return fail('cel bevat een datum in plaats van ja/nee');
  if (typeof v === 'object' && v !== null) return fail(errorReason(v));
  const t = String(v).trim().toLowerCase();
  if (TRUE_WORDS.has(t)) return { ok: true, value: true };
  if (FALSE_WORDS.has(t)) return { ok: true, value: false };
  return fail(`"${shortCell(v)}" is geen ja/nee-waarde (gebruik ja, nee of x)`);
}

/** A whole number such as an inkoopjaar or a number of clients. */
export function parseInteger(v: CellValue): Parsed<number> {
  const p = numberFromCell(v, 'whole');
  if (!p.ok) return p;
  if (!p.value.isInteger()) return fail(`${shortCell(v)} is geen geheel getal`);
  if (!Number.isSafeInteger(p.value.toNumber())) return fail(`${shortCell(v)} is te groot`);
  return { ok: true, value: p.value.toNumber(), ...(p.note ? { note: p.note } : {}) };
}

const MONTHS: Record<string, number> = {
  januari: 1,
  jan: 1,
  februari: 2,
  feb: 2,
  maart: 3,
  mrt: 3,
  april: 4,
  apr: 4,
  mei: 5,
  juni: 6,
  jun: 6,
  juli: 7,
  jul: 7,
  augustus: 8,
  aug: 8,
  september: 9,
  sep: 9,
  sept: 9,
  oktober: 10,
  okt: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};

/** A calendar date as "YYYY-MM-DD" (dates are days, not instants). */
export function parseDate(v: CellValue): Parsed<string> {
  if (isEmptyCell(v)) return EMPTY;
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return fail('ongeldige datum');
    return { ok: true, value: isoDate(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate()) };
  }
  if (typeof v === 'object' && v !== null) return fail(errorReason(v));
  if (typeof v !== 'string') return fail(`${shortCell(v)} is geen datum`);
  const t = v.trim().toLowerCase();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) return checkedDate(+m[1], +m[2], +m[3], v);
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(t);
  if (m) return checkedDate(+m[3], +m[2], +m[1], v);
  m = /^(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})$/.exec(t);
  if (m && MONTHS[m[2]]) return checkedDate(+m[3], MONTHS[m[2]], +m[1], v);
  return fail(`"${shortCell(v)}" is geen datum (gebruik bijvoorbeeld 25-9-2024)`);
}

function checkedDate(y: number, mo: number, d: number, raw: string): Parsed<string> {
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) {
    return fail(`"${raw}" is geen bestaande datum`);
  }
  return { ok: true, value: isoDate(y, mo, d) };
}

export function isoDate(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Free text; Excel errors are reported, numbers become their text. */
export function parseText(v: CellValue): Parsed<string> {
  if (isEmptyCell(v)) return EMPTY;
  if (typeof v === 'object' && v !== null && !(v instanceof Date)) return fail(errorReason(v));
  return { ok: true, value: cellToText(v).trim() };
}
