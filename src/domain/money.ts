/**
 * Money and percentages: decimal.js only, never floats. A tariefpercentage is held in percentage
 * points (95,5 means 95,5 %). A tariff is the NZa maximumtarief × percentage / 100, rounded once.
 */
import Decimal from 'decimal.js';

export { formatCount } from './count';

/** D's toExpPos: from this exponent its toString writes "1e+40". */
const TO_EXP_POS = 40;

/** A private Decimal constructor so no other module's configuration can change ours. */
export const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -40, toExpPos: TO_EXP_POS });
export type Dec = InstanceType<typeof D>;

/** Rounding modes a pack or user can choose (parameter `afronding`). */
export const ROUNDING_MODES = {
  rekenkundig: Decimal.ROUND_HALF_UP,
  bankiers: Decimal.ROUND_HALF_EVEN,
  'naar-beneden': Decimal.ROUND_DOWN,
  'naar-boven': Decimal.ROUND_UP,
} as const;
export type RoundingMode = keyof typeof ROUNDING_MODES;
export const ROUNDING_LABELS: Record<RoundingMode, string> = {
  rekenkundig: 'rekenkundig afgerond (half naar boven)',
  bankiers: 'bankiersafronding (half naar even)',
  'naar-beneden': 'naar beneden afgerond',
  'naar-boven': 'naar boven afgerond',
};

export function isRoundingMode(v: unknown): v is RoundingMode {
  return typeof v === 'string' && Object.prototype.hasOwnProperty.call(ROUNDING_MODES, v);
}

export function dec(v: Decimal.Value | Dec): Dec {
  return new D(v);
}

/**
 * A plain decimal number ("-012.50": a sign, up to 20 digits, maybe a point and up to 20 more; no exponent, no "+",
 * no blanks) × 10^`shift` as D writes it ("0.955", 2 → "95.5"; "012.50" → "12.5"; "97.3", -2 → "0.973"), worked out
 * on its digits: the same text as `dec(text).times(10 ** shift).toString()` without two Decimals (a rerun turns every
 * row's fraction into percent points and compares numbers written as text; the change sheet turns points back). D's
 * 40 digits hold such a value exactly; undefined for anything else and for zero (D writes "-0" for a negative one):
 * the caller asks decimal.js then. Read by hand: a text already in D's form with no shift (most tariffs) comes back
 * as it is, without the match and the strings a regular expression makes.
 */
export function shiftedDecimal(text: string, shift = 0): string | undefined {
  const n = text.length;
  const from = text.charCodeAt(0) === 45 /* - */ ? 1 : 0;
  let i = from;
  while (i < n && isDigit(text.charCodeAt(i))) i++;
  const intEnd = i;
  if (intEnd === from || intEnd - from > 20) return undefined;
  let fracStart = n;
  if (i < n) {
    if (text.charCodeAt(i) !== 46 /* . */) return undefined;
    fracStart = ++i;
    while (i < n && isDigit(text.charCodeAt(i))) i++;
    if (i < n || i === fracStart || i - fracStart > 20) return undefined;
  }
  const leadingZero = text.charCodeAt(from) === 48 && intEnd - from > 1;
  const trailingZero = fracStart < n && text.charCodeAt(n - 1) === 48;
  if (shift === 0 && !leadingZero && !trailingZero && !(intEnd - from === 1 && text.charCodeAt(from) === 48 && fracStart === n)) return text;
  let digits = text.slice(from, intEnd) + text.slice(fracStart);
  let point = intEnd - from + shift;
  if (point > digits.length) digits += '0'.repeat(point - digits.length);
  if (point < 1) {
    digits = '0'.repeat(1 - point) + digits;
    point = 1;
  }
  let lead = 0;
  while (lead < point - 1 && digits.charCodeAt(lead) === 48) lead++;
  let to = digits.length;
  while (to > point && digits.charCodeAt(to - 1) === 48) to--;
  const whole = digits.slice(lead, point);
  const part = digits.slice(point, to);
  if (whole === '0' && !part) return undefined;
  const sign = from ? '-' : '';
  return part ? `${sign}${whole}.${part}` : sign + whole;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

const HUNDREDTH = new D('0.01');

/** Tariff = maximumtarief × percentage / 100, rounded once to `decimals` (cents by default). */
export function applyPercentage(
  maximumtarief: Dec,
  percentage: Dec,
  mode: RoundingMode = 'rekenkundig',
  decimals = 2,
): {
  exact: Dec;
  rounded: Dec;
} {
  // × 0,01 rather than ÷ 100: the same value (exact either way: the product has at most 40 digits), without a division
  const exact = maximumtarief.times(percentage).times(HUNDREDTH);
  return { exact, rounded: exact.toDecimalPlaces(decimals, ROUNDING_MODES[mode]) };
}

/** Dutch notation: 95,5 → "95,5"; thousands with dots for money. */
export function formatNumber(v: Dec, minDecimals = 0, maxDecimals = 4): string {
  const [int, frac = ''] = v.toDecimalPlaces(maxDecimals, Decimal.ROUND_HALF_UP).toString().split('.');
  const f = frac.replace(/0+$/, '').padEnd(minDecimals, '0');
  return int + (f ? ',' + f : '');
}

/** Percentages formatted, by Dec (immutable): a run formats the same few percentages for every row it prices. */
const PERCENTAGES = new WeakMap<Dec, string>();

export function formatPercentage(v: Dec): string {
  let text = PERCENTAGES.get(v);
  if (text === undefined) PERCENTAGES.set(v, (text = `${formatNumber(v, 0, 4)}%`));
  return text;
}

/** "€ 1.234,56" */
export function formatEuro(v: Dec): string {
  const neg = v.isNegative();
  // an amount in cents (most are) needs no rounding: its own digits, without two new Decimals
  const digits = v.decimalPlaces() <= 2 && v.e < TO_EXP_POS ? unsigned(v.toString()) : v.abs().toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toString();
  const [int, frac = ''] = digits.split('.');
  return `${neg ? '-' : ''}€ ${grouped(int)},${frac.padEnd(2, '0')}`;
}

/** "€ 254,675": like formatEuro, but with every decimal the amount has (an input amount is shown as it was read). */
export function formatEuroExact(v: Dec): string {
  if (v.decimalPlaces() <= 2) return formatEuro(v);
  const [int, frac] = v.abs().toFixed().split('.');
  return `${v.isNegative() ? '-' : ''}€ ${grouped(int)},${frac}`;
}

function unsigned(text: string): string {
  return text.startsWith('-') ? text.slice(1) : text;
}

/** "1234567" → "1.234.567" (most amounts have no thousands: no regular expression for them). */
function grouped(int: string): string {
  return int.length > 3 ? int.replace(/\B(?=(\d{3})+(?!\d))/g, '.') : int;
}

export function formatPoints(v: Dec): string {
  const sign = v.isNegative() ? '−' : '+';
  return `${sign}${formatNumber(v.abs(), 0, 4)} procentpunt`;
}

export function minDec(a: Dec, b: Dec): Dec {
  return a.lessThan(b) ? a : b;
}
