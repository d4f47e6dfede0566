/**
 * The OUD workbook's rows for `vergelijk`, held compactly while NIEUW is read: per row its key parts and provider
 * (each text once, by id), percentage and tariff as numbers and whether a Tariefwijzer cell was edited by hand, in
 * typed arrays; not its record or review. The changed rows that are listed get those from a second read of OUD, so
 * what is held grows by ≈ 33 bytes a row and the index's ≈ 20–30, not by a decoded row (≈ 1.5 KB). Measured at 300k
 * rows (a heap snapshot after NIEUW was read): 62 MB live with arrays of values, 44 MB so; peak RSS 219–226 → 186–188 MB.
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

/** The key parts and provider of a row, in this order, as text ids (OldRows.ids). */
const AGB = 0;
const CODE = 1;
const YEAR = 2;
const PROVIDER = 3;
const PARTS = 4;

export class OldRows {
  /** Per row its four texts by id (AGB, CODE, YEAR, PROVIDER) into `textList`. */
  private ids = new Int32Array(PARTS * 1024);
  /** Two per row, percentage and tariff, when the cell holds a number; else NaN and the cell in `odd` (none: empty). */
  private numbers = new Float64Array(2 * 1024);
  private readonly odd = new Map<number, CellValue>();
  private hand = new Uint8Array(1024);
  private count = 0;
  /** Each text once (a contract round repeats its codes, providers and years on many rows), up to TEXTS_KEPT. */
  private readonly textIds = new Map<string, number>();
  private readonly textList: string[] = [];
  /**
   * The key index: an open-addressing table of key hashes (hash → slot; a slot holds the first row of its key not
   * yet taken, -1 when all are taken), the slots in the order their keys first occur, and `next` chaining the rows
   * of a key in sheet order (-1: none). Typed arrays, ≈ 20 bytes a row, instead of a Map of key strings.
   */
  private keyOf: (agb: string, code: string, year: string) => string = () => '';
  private slots = new Int32Array(0);
  private heads = new Int32Array(0);
  private order = new Int32Array(0);
  private keys = 0;
  private next = new Int32Array(0);
  /** Rows whose key an earlier row already had. */
  doubled = 0;

  get size(): number {
    return this.count;
  }

  /** A row of OUD, in sheet order; before `index`. */
  add(r: OldRow): void {
    const i = this.count++;
    if (i >= this.hand.length) this.grow();
    const at = PARTS * i;
    this.ids[at + AGB] = this.text(r.agb);
    this.ids[at + CODE] = this.text(r.code);
    this.ids[at + YEAR] = this.text(r.year);
    this.ids[at + PROVIDER] = this.text(r.provider);
    this.hand[i] = r.hand ? 1 : 0;
    this.store(2 * i, r.pct);
    this.store(2 * i + 1, r.tar);
  }

  /** Room for twice as many rows: typed arrays hold a row in ≈ 33 bytes, where arrays of values took ≈ 60. */
  private grow(): void {
    const bigger = <T extends Int32Array | Float64Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(Math.max(1024, a.length * 2));
      b.set(a);
      return b;
    };
    this.ids = bigger(this.ids, (n) => new Int32Array(n));
    this.numbers = bigger(this.numbers, (n) => new Float64Array(n));
    this.hand = bigger(this.hand, (n) => new Uint8Array(n));
  }

  private text(s: string): number {
    const known = this.textIds.get(s);
    if (known !== undefined) return known;
    const id = this.textList.length;
    this.textList.push(s);
    if (this.textIds.size < TEXTS_KEPT) this.textIds.set(s, id);
    return id;
  }

  private part(i: number, k: number): string {
    return this.textList[this.ids[PARTS * i + k]];
  }

  agb(i: number): string {
    return this.part(i, AGB);
  }

  code(i: number): string {
    return this.part(i, CODE);
  }

  year(i: number): string {
    return this.part(i, YEAR);
  }

  provider(i: number): string {
    return this.part(i, PROVIDER);
  }

  /** The inkoopjaren of the rows. */
  years(): Set<string> {
    const out = new Set<string>();
    for (let i = 0; i < this.count; i++) out.add(this.year(i));
    return out;
  }

  private store(at: number, v: CellValue): void {
    if (typeof v === 'number') return void (this.numbers[at] = v);
    this.numbers[at] = NaN;
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

  /** Index the rows by key, every row not taken; again to start over (a comparison that had to start again). */
  index(keyOf: (agb: string, code: string, year: string) => string): void {
    this.keyOf = keyOf;
    this.keys = 0;
    this.doubled = 0;
    // every row is in: the room left by growing goes (up to half of each array)
    this.ids = this.ids.slice(0, PARTS * this.size);
    this.numbers = this.numbers.slice(0, 2 * this.size);
    this.hand = this.hand.slice(0, this.size);
    // at least 4/3 slots a row: a probe (which makes the key of the row in the slot) seldom passes more than a few
    let size = 1024;
    while (size < (4 * this.size) / 3) size *= 2;
    this.slots = new Int32Array(size).fill(-1);
    this.heads = new Int32Array(size).fill(-1);
    this.order = new Int32Array(this.size);
    this.next = new Int32Array(this.size).fill(-1);
    const last = new Int32Array(size);
    for (let i = 0; i < this.size; i++) {
      const key = keyOf(this.agb(i), this.code(i), this.year(i));
      const slot = this.slot(key);
      if (this.slots[slot] < 0) {
        this.slots[slot] = i;
        this.heads[slot] = i;
        this.order[this.keys++] = slot;
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
      if (first < 0 || this.keyOf(this.agb(first), this.code(first), this.year(first)) === key) return at;
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
    for (let k = 0; k < this.keys; k++) for (let i = this.heads[this.order[k]]; i >= 0; i = this.next[i]) yield i;
  }
}

/** Distinct texts looked up at most (the AGB-codes and providers of a very long sheet where each row has its own). */
const TEXTS_KEPT = 1_000_000;

/** FNV-1a over the key's UTF-16 code units. */
function hash(key: string): number {
  return fnv1a(key) >>> 0;
}
