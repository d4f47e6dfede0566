/** A stable fingerprint of the inputs of a run, to see later whether they changed (not a security hash). */
import { FNV_OFFSET, FNV_PRIME, fnv1a } from '../domain/hash';
import { cellToText, isEmptyCell, type CellValue } from '../domain/parse';

const SEPARATOR = '\u241e';
const BLANK = '\u2205\u241e';

/**
 * Two FNV-1a hashes over, per part, `<type>:<text>␞` (or `∅␞` for a blank cell); the second one is re-seeded
 * (xor) at each part. Fed piece by piece, without building the per-part string: a run hashes every input cell,
 * millions at 300k rows. The value is the same as that of the earlier one-string-per-part version, so
 * fingerprints recorded in workbooks stay valid.
 */
export class Fingerprint {
  private a = FNV_OFFSET;
  private b = 0x01234567;

  add(p: CellValue): void {
    this.b = (this.b ^ 0x9e3779b9) >>> 0;
    if (isEmptyCell(p)) return this.feed(BLANK);
    this.feed(p instanceof Date ? 'date' : typeof p);
    this.feed(':');
    this.feed(typeof p === 'string' ? p : cellToText(p));
    this.feed(SEPARATOR);
  }

  /** Both hashes in one walk over the text (fnv1a each, the same values). */
  private feed(text: string): void {
    let a = this.a;
    let b = this.b;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, FNV_PRIME);
      b = Math.imul(b ^ c, FNV_PRIME);
    }
    this.a = a >>> 0;
    this.b = b >>> 0;
  }

  value(): string {
    return (this.a >>> 0).toString(16).padStart(8, '0') + (this.b >>> 0).toString(16).padStart(8, '0');
  }
}

/**
 * The short hash of one non-blank cell: the first half of `fingerprint([v])` (eight hex digits), computed without
 * an object per cell. A run hashes every input cell of every row for its record (jobs/row-record.ts).
 */
export function cellHash(v: Exclude<CellValue, null | undefined>): string {
  let a = fnv1a(v instanceof Date ? 'date' : typeof v);
  a = fnv1a(':', a);
  a = fnv1a(typeof v === 'string' ? v : cellToText(v), a);
  a = fnv1a(SEPARATOR, a) >>> 0;
  return a < 0x10000000 ? a.toString(16).padStart(8, '0') : a.toString(16);
}

export function fingerprint(parts: Iterable<CellValue>): string {
  const f = new Fingerprint();
  for (const p of parts) f.add(p);
  return f.value();
}
