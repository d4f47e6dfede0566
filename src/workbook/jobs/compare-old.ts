/**
 * The OUD workbook's rows for `vergelijk`, held compactly while NIEUW is read: per row its key parts and provider
 * (strings the workbook's shared-string table holds anyway), percentage and tariff as numbers and whether a
 * Tariefwijzer cell was edited by hand; not its record or review. The changed rows that are listed get those from a
 * second read of OUD, so what is held grows by ≈ 100 bytes a row, not by a decoded row (≈ 1.5 KB).
 */
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
  /** Key → first row not yet taken; `next` chains the rows of a key in sheet order (-1: none). */
  private readonly head = new Map<string, number>();
  private next = new Int32Array(0);
  /** Rows whose key an earlier row already had. */
  doubled = 0;

  get size(): number {
    return this.agb.length;
  }

  add(r: OldRow): void {
    const i = this.agb.length;
    this.agb.push(r.agb);
    this.code.push(r.code);
    this.year.push(r.year);
    this.provider.push(r.provider);
    this.hand.push(r.hand ? 1 : 0);
    this.store(2 * i, r.pct);
    this.store(2 * i + 1, r.tar);
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
    this.next = new Int32Array(this.size).fill(-1);
    const last = new Map<string, number>();
    for (let i = 0; i < this.size; i++) {
      const key = keyOf(this.agb[i], this.code[i], this.year[i]);
      const before = last.get(key);
      if (before === undefined) this.head.set(key, i);
      else {
        this.next[before] = i;
        this.doubled++;
      }
      last.set(key, i);
    }
  }

  /** The first row of a key not yet taken, in sheet order; undefined when there is none. */
  take(key: string): number | undefined {
    const i = this.head.get(key);
    if (i === undefined) return undefined;
    if (this.next[i] >= 0) this.head.set(key, this.next[i]);
    else this.head.delete(key);
    return i;
  }

  /** The rows never taken: by key in the order keys first occur, then in sheet order. */
  *left(): Generator<number> {
    for (const first of this.head.values()) for (let i = first; i >= 0; i = this.next[i]) yield i;
  }
}
