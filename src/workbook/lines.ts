/**
 * Rows that repeat a line (AGB-code, prestatie, zorgkantoor and inkoopjaar: the engine's batchLineKey), found in one pass
 * before anything is written, so that a run can write each row's DUBBELE_REGEL as it goes. What stays per row is
 * two small integers (the interned AGB-code and the rest of the line), and per line its 31-bit hash; a hash two
 * lines share is told apart by those integers, so a collision never makes a false duplicate (as completeRun).
 */
import { hash31 } from '../domain/engine';

export class RepeatedLines {
  private readonly heads = new Map<string, number>();
  private readonly tails = new Map<string, number>();
  private readonly head: Int32Array;
  private readonly tail: Int32Array;
  /** Each row's line hash, and an open-addressing table of rows (index + 1) by hash: the first row of each hash. */
  private readonly hashes: Int32Array;
  private readonly firstByHash: Int32Array;
  private readonly shift: number;
  private readonly firstOfCollided = new Map<string, number>();
  private readonly groups = new Map<string, number[]>();

  /** For sheet rows `firstRow` up to `firstRow + rows`. */
  constructor(
    private readonly firstRow: number,
    rows: number,
  ) {
    this.head = new Int32Array(Math.max(0, rows));
    this.tail = new Int32Array(Math.max(0, rows));
    this.hashes = new Int32Array(Math.max(0, rows));
    // at most half full: 4 bytes a slot, 8–16 bytes a row, where a Map took ≈ 40 with its growth (a full sheet of
    // distinct lines: ≈ 40 MB)
    const bits = Math.max(4, Math.ceil(Math.log2(Math.max(1, rows) * 2)));
    this.firstByHash = new Int32Array(2 ** bits);
    this.shift = 32 - bits;
  }

  /** The first row added with this hash, or undefined after making `r` that row. */
  private firstWith(hash: number, r: number): number | undefined {
    const table = this.firstByHash;
    const mask = table.length - 1;
    // Fibonacci hashing: the table index from the hash's high bits after a multiply
    let i = Math.imul(hash, 0x9e3779b1) >>> this.shift;
    for (let slot = table[i]; slot; slot = table[i]) {
      if (this.hashes[slot - 1] === hash) return slot - 1 + this.firstRow;
      i = (i + 1) & mask;
    }
    table[i] = r - this.firstRow + 1;
    return undefined;
  }

  /** Sheet row `r` has line `key` (rows in order). */
  add(r: number, key: string): void {
    // split at the first \0: the two parts give the key back, so equal parts mean an equal key
    const cut = key.indexOf('\u0000');
    this.head[r - this.firstRow] = intern(this.heads, key.slice(0, cut));
    this.tail[r - this.firstRow] = intern(this.tails, key.slice(cut));
    const hash = hash31(key);
    this.hashes[r - this.firstRow] = hash;
    const earlier = this.firstWith(hash, r);
    if (earlier === undefined) return;
    const same = this.groups.get(key);
    if (same) same.push(r);
    else if (this.sameLine(earlier, r)) this.groups.set(key, [earlier, r]);
    else {
      const first = this.firstOfCollided.get(key);
      if (first === undefined) this.firstOfCollided.set(key, r);
      else this.groups.set(key, [first, r]);
    }
  }

  private sameLine(a: number, b: number): boolean {
    const i = a - this.firstRow;
    const j = b - this.firstRow;
    return this.head[i] === this.head[j] && this.tail[i] === this.tail[j];
  }

  /** Sheet row → every sheet row of its line, in order (its own included), for the rows whose line repeats. */
  repeated(): Map<number, readonly number[]> {
    const out = new Map<number, readonly number[]>();
    for (const rows of this.groups.values()) for (const r of rows) out.set(r, rows);
    return out;
  }
}

function intern(ids: Map<string, number>, s: string): number {
  let id = ids.get(s);
  if (id === undefined) ids.set(s, (id = ids.size));
  return id;
}
