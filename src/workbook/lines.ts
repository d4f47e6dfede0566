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
  private readonly firstByHash = new Map<number, number>();
  private readonly firstOfCollided = new Map<string, number>();
  private readonly groups = new Map<string, number[]>();

  /** For sheet rows `firstRow` up to `firstRow + rows`. */
  constructor(
    private readonly firstRow: number,
    rows: number,
  ) {
    this.head = new Int32Array(Math.max(0, rows));
    this.tail = new Int32Array(Math.max(0, rows));
  }

  /** Sheet row `r` has line `key` (rows in order). */
  add(r: number, key: string): void {
    // split at the first \0: the two parts give the key back, so equal parts mean an equal key
    const cut = key.indexOf('\u0000');
    this.head[r - this.firstRow] = intern(this.heads, key.slice(0, cut));
    this.tail[r - this.firstRow] = intern(this.tails, key.slice(cut));
    const hash = hash31(key);
    const earlier = this.firstByHash.get(hash);
    if (earlier === undefined) {
      this.firstByHash.set(hash, r);
      return;
    }
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
