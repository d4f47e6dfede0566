/** Reading a declaration month the way people write it: 2025-03, maart 2025, mrt-25, 3-2025, 202503, a date, or 1–12. */
import { cellToText, isEmptyCell, type CellValue } from '../parse';

export interface YearMonth {
  year: number;
  /** 1–12 */
  month: number;
}

export type MonthParse = { ok: true; value: YearMonth | { month: number; year?: undefined } } | { ok: false; reason: string } | { ok: false; empty: true };

export const MONTH_NAMES = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
const SHORT: Record<string, number> = {
  jan: 1,
  feb: 2,
  mrt: 3,
  mar: 3,
  apr: 4,
  mei: 5,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  okt: 10,
  oct: 10,
  nov: 11,
  dec: 12,
};

function monthWord(w: string): number | undefined {
  const i = MONTH_NAMES.indexOf(w);
  if (i >= 0) return i + 1;
  return SHORT[w];
}

function ok(year: number | undefined, month: number): MonthParse {
  if (month < 1 || month > 12) return { ok: false, reason: `maand ${month} bestaat niet` };
  if (year !== undefined && (year < 1990 || year > 2100)) return { ok: false, reason: `jaar ${year} is onwaarschijnlijk` };
  return { ok: true, value: year === undefined ? { month } : { year, month } };
}

export function parseMonth(v: CellValue): MonthParse {
  if (isEmptyCell(v)) return { ok: false, empty: true };
  if (v instanceof Date) return ok(v.getUTCFullYear(), v.getUTCMonth() + 1);
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= 1 && v <= 12) return ok(undefined, v);
    if (Number.isInteger(v) && v >= 199001 && v <= 210012) return ok(Math.floor(v / 100), v % 100);
    return { ok: false, reason: `${v} is geen maand` };
  }
  if (typeof v === 'boolean' || typeof v === 'object') return { ok: false, reason: `"${cellToText(v)}" is geen maand` };
  const t = String(v).trim().toLowerCase().replace(/\s+/g, ' ');
  let m: RegExpExecArray | null;
  if ((m = /^(\d{1,2})$/.exec(t))) return ok(undefined, +m[1]);
  if ((m = /^(\d{4})(\d{2})$/.exec(t))) return ok(+m[1], +m[2]);
  if ((m = /^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?$/.exec(t))) return ok(+m[1], +m[2]);
  if ((m = /^(?:(\d{1,2})[-/.])?(\d{1,2})[-/.](\d{4})$/.exec(t))) return ok(+m[3], +m[2]);
  if ((m = /^(?:\d{1,2} )?([a-z]+)\.?[ -]?('?\d{2}|\d{4})?$/.exec(t))) {
    const mo = monthWord(m[1]);
    if (mo) {
      if (!m[2]) return ok(undefined, mo);
      const y = m[2].replace("'", '');
      return ok(y.length === 2 ? 2000 + +y : +y, mo);
    }
  }
  return { ok: false, reason: `"${String(v)}" is geen maand (gebruik bijvoorbeeld 2025-03 of maart 2025)` };
}

export function monthLabel(month: number, year?: number): string {
  return `${MONTH_NAMES[month - 1]}${year ? ` ${year}` : ''}`;
}

export function daysInYear(year: number): number {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 366 : 365;
}

/** The last month that is complete on the peildatum (YYYY-MM-DD): its own month when it is the month's last day. */
export function lastMonthOn(peildatum: string): YearMonth {
  const [y, mo, d] = peildatum.split('-').map(Number);
  const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d === last) return { year: y, month: mo };
  return mo === 1 ? { year: y - 1, month: 12 } : { year: y, month: mo - 1 };
}
