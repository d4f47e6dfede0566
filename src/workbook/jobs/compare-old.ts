/**
 * The OUD workbook's rows for `vergelijk`, held compactly while NIEUW is read: per row its key parts and provider
 * (each text once), percentage and tariff as numbers and whether a Tariefwijzer cell was edited by hand; not its
 * record or review. The changed rows that are listed get those from a second read of OUD, so what is held grows by
 * ≈ 60 bytes a row, not by a decoded row (≈ 1.5 KB).
 */
import { fnv1a } from '../../domain/hash';
import type { CellValue } from '../../domain/parse';
import { percentText, tariffText, type Numbers } from './changes';

/** What OldRows keeps of a row. */
export interface OldRow {
  agb: string;
  code: string;
  year: string;
  provider: string;
  pct: CellValue;
  tar: CellValue;
  hand: boolean;
}

export class OldRows {
  readonly agb: string[] = [];
  readonly code: string[] = [];
  readonly year: string[] = [];
  readonly provider: string[] = [];
  /** Two per row, percentage and tariff, when the cell holds a number; else NaN and the cell in `odd` (none: empty). */
  private readonly numbers: number[] = [];
  private readonly odd = new Map<number, CellValue>();
  private readonly hand: number[] = [];
  /** Each text once (a contract round repeats its codes, providers and years on many rows). */
  private readonly texts = new Map<string, string>();
  /**
   * The key index: an open-addressing table of key hashes (hash → slot; a slot holds the first row of its key not
   * yet taken, -1 when all are taken), the slots in the order their keys first occur, and `next` chaining the rows
   * of a key in sheet order (-1: none). Typed arrays, ≈ 20 bytes a row, instead of a Map of key strings.
   */
  private keyOf: (agb: string, code: string, year: string) => string = () => '';
  private slots = new Int32Array(0);
  private heads = new Int32Array(0);
  private order: number[] = [];
  private next = new Int32Array(0);
  /** Rows whose key an earlier row already had. */
  doubled = 0;

  get size(): number {
    return this.agb.length;
  }

  add(r: OldRow): void {
    const i = this.agb.length;
    this.agb.push(this.text(r.agb));
    this.code.push(this.text(r.code));
    this.year.push(this.text(r.year));
    this.provider.push(this.text(r.provider));
    this.hand.push(r.hand ? 1 : 0);
    this.store(2 * i, r.pct);
    this.store(2 * i + 1, r.tar);
  }

  private text(s: string): string {
    const known = this.texts.get(s);
    if (known !== undefined) return known;
    if (this.texts.size < 1_000_000) this.texts.set(s, s);
    return s;
  }

  private store(at: number, v: CellValue): void {
    if (typeof v === 'number') return void this.numbers.push(v);
    this.numbers.push(NaN);
    if (v !== null) this.odd.set(at, v);
  }

  private cell(at: number): CellValue {
    const n = this.numbers[at];
    return Number.isNaN(n) ? (this.odd.get(at) ?? null) : n;
  }

  pct(i: number): CellValue {
    return this.cell(2 * i);
  }

  tar(i: number): CellValue {
    return this.cell(2 * i + 1);
  }

  handEdited(i: number): boolean {
    return this.hand[i] === 1;
  }

  numbersOf(i: number): Numbers {
    return { percentage: percentText(this.pct(i)), tarief: tariffText(this.tar(i)) };
  }

  /** Index the rows by key (once the key is known: it depends on both workbooks' inkoopjaren). */
  index(keyOf: (agb: string, code: string, year: string) => string): void {
    this.keyOf = keyOf;
    let size = 1024;
    while (size < 2 * this.size) size *= 2;
    this.slots = new Int32Array(size).fill(-1);
    this.heads = new Int32Array(size).fill(-1);
    this.next = new Int32Array(this.size).fill(-1);
    const last = new Int32Array(size);
    for (let i = 0; i < this.size; i++) {
      const key = keyOf(this.agb[i], this.code[i], this.year[i]);
      const slot = this.slot(key);
      if (this.slots[slot] < 0) {
        this.slots[slot] = i;
        this.heads[slot] = i;
        this.order.push(slot);
      } else {
        this.next[last[slot]] = i;
        this.doubled++;
      }
      last[slot] = i;
    }
  }

  /** The table slot of a key: where its first row is, or the free slot where it would go. */
  private slot(key: string): number {
    const mask = this.slots.length - 1;
    for (let at = hash(key) & mask; ; at = (at + 1) & mask) {
      const first = this.slots[at];
      if (first < 0 || this.keyOf(this.agb[first], this.code[first], this.year[first]) === key) return at;
    }
  }

  /** The first row of a key not yet taken, in sheet order; undefined when there is none. */
  take(key: string): number | undefined {
    if (!this.slots.length) return undefined;
    const slot = this.slot(key);
    const i = this.heads[slot];
    if (i < 0) return undefined;
    this.heads[slot] = this.next[i];
    return i;
  }

  /** The rows never taken: by key in the order keys first occur, then in sheet order. */
  *left(): Generator<number> {
    for (const slot of this.order) for (let i = this.heads[slot]; i >= 0; i = this.next[i]) yield i;
  }
}

/** FNV-1a over the key's UTF-16 code units. */
function hash(key: string): number {
  return fnv1a(key) >>> 0;
}
