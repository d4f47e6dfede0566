/**
 * A rerun of annotate on a sheet that carries Tariefwijzer's columns: where the previous output is, which row of
 * it belongs to which row now, and what each previous row held. Rows are matched where they stand when the
 * record's key is the row's own key (the user sorted the whole table, or nothing); only rows whose key no longer
 * matches (inserted, cleared, or sorted without Tariefwijzer's columns) are held and matched by key, so memory
 * grows with those rows only.
 */
import { isEmptyCell, type CellValue } from '../../domain/parse';
import type { ParameterValues, PolicyPack } from '../../domain/policy/types';
import { InputError } from '../errors';
import { OUT, OUTPUT_HEADERS, ownBlock, REVIEW_CELLS, type OutputOrder } from '../headers';
import { columnName } from '../port';
import { goneRow, runCauses, type Cause, type PreviousRow, type RowChange } from './changes';
import type { LastRun } from './last-run';
import { decodeRecord, holdsRecordOf, recordKey, rowKeyParts, withOtherNumbers, type RowRecord } from './row-record';

export type PreviousMode = 'record' | 'older';

/**
 * Rows per read window on a rerun by the CLI (ScanOptions.rerunWindow). Its lines also carry the previous record
 * (≈ 230 characters a row) and review, and each pass holds a window of lines while it works through them. A window
 * that lives through several of V8's young-generation collections is copied and then moved to the old space, where
 * it is garbage until a full collection: measured at 100k rows, a rerun with nothing changed 371 MB with 65,536 rows
 * and 223 MB with 16,384 (the heap growing by default); with it growing in small steps (src/cli/heap.ts) 144 MB with
 * 4,096 against 162 with 8,192. Since the reads no longer pay for the rows above a window, 512 against 4,096
 * (alternated, ninth session): a changed rerun at 300k rows 12 % less CPU and 150–152 against 156–162 MB, an
 * unchanged one 5–9 % less CPU and 10–15 MB less at 100k and 300k; 1,024 and 2,048 lay between. `vergelijk` keeps
 * its own (COMPARE_WINDOW in compare.ts).
 */
export const RERUN_WINDOW = 512;

export interface Previous {
  mode: PreviousMode;
  /** The order the previous run wrote its columns in (headers.ts OUTPUT_ORDERS): a rerun writes the current one. */
  order: OutputOrder;
  /** First column of the previous block. */
  first: number;
  /** Sheet column of each OUTPUT_HEADERS entry in the previous block; undefined where an older block had none. */
  columns: ReadonlyArray<number | undefined>;
  global: Cause[];
  comparedWith: string;
  lastRows?: number;
}

/** The previous output on the sheet, if a run left all its columns (or all four of an older version). */
export function findPrevious(outputColumns: readonly number[], pack: PolicyPack, params: ParameterValues, last: LastRun | undefined): Previous | undefined {
  const block = ownBlock(outputColumns);
  if (!block) return undefined;
  const global = last ? runCauses(pack, params, last) : [];
  const comparedWith = last?.time ? `de berekening van ${last.time} (${last.packId} ${last.version})` : 'de vorige uitvoer in het blad';
  const mode = block.order === 'results' ? 'older' : 'record';
  return { mode, order: block.order, first: block.first, columns: block.columns, global, comparedWith, lastRows: last?.rows };
}

interface Unmatched {
  row: number;
  key: string;
}

/** Matches previous rows to rows now; fed by annotate's first pass, asked by its second. */
export class RerunMatcher {
  private readonly orphans = new Map<string, PreviousRow[]>();
  private readonly unmatched: Unmatched[] = [];
  private readonly moved = new Map<number, PreviousRow>();
  private readonly fresh = new Set<number>();
  private present = 0;
  readonly notes: string[] = [];
  readonly gone: RowChange[] = [];

  constructor(
    readonly previous: Previous,
    private readonly sheet: string,
  ) {}

  /**
   * Sheet columns the passes must read besides the inputs: the previous percentage, tariff, record and review (for
   * an older block: the room it grows into). Not the signals and explanations: long texts a rerun does not need.
   */
  columns(): number[] {
    const { columns, mode } = this.previous;
    // an older block: its signals tell a row it wrote without numbers from a row it never saw
    if (mode === 'older') return [columns[OUT.percentage]!, columns[OUT.tariff]!, columns[OUT.signals]!, ...this.room()];
    return [OUT.percentage, OUT.tariff, OUT.record, ...REVIEW_CELLS].map((k) => columns[k]!);
  }

  /** The cell of one own column (an OUTPUT_HEADERS index) where the previous block had it, else empty. */
  private cell(line: readonly CellValue[], k: number): CellValue {
    const c = this.previous.columns[k];
    return c === undefined ? null : (line[c] ?? null);
  }

  private previousRow(line: readonly CellValue[], record: RowRecord | undefined): PreviousRow {
    const review = REVIEW_CELLS.map((k) => this.cell(line, k));
    return { record, percentage: this.cell(line, OUT.percentage), tariff: this.cell(line, OUT.tariff), review };
  }

  /** The sheet columns an older block grows into, right of its own. */
  private room(): number[] {
    const width = this.previous.columns.filter((c) => c !== undefined).length;
    return Array.from({ length: OUTPUT_HEADERS.length - width }, (_, i) => this.previous.first + width + i);
  }

  /** First pass, a row with data. */
  scanRow(cells: Record<string, CellValue>, line: readonly CellValue[], row: number): void {
    if (this.previous.mode === 'older') return this.checkRoom(line, row);
    const parts = rowKeyParts(cells);
    const cell = this.cell(line, OUT.record);
    // most rows stand where they stood, their record as written: known without decoding it
    if (holdsRecordOf(cell, parts)) {
      this.present++;
      return;
    }
    const record = decodeRecord(cell);
    const key = recordKey(parts);
    if (record) this.present++;
    if (record && recordKey(record) === key) return;
    if (record) this.orphan(this.previousRow(line, record));
    this.unmatched.push({ row, key });
  }

  /** First pass, a row without input (cleared, or below the data). */
  scanEmpty(line: readonly CellValue[], row: number): void {
    if (this.previous.mode === 'older') return this.checkRoom(line, row);
    const record = decodeRecord(this.cell(line, OUT.record));
    if (!record) return;
    this.present++;
    this.orphan(this.previousRow(line, record));
  }

  private orphan(p: PreviousRow): void {
    const key = recordKey(p.record!);
    const list = this.orphans.get(key);
    if (list) list.push(p);
    else this.orphans.set(key, [p]);
  }

  /** An older block grows by four columns to its right: they must be empty. */
  private checkRoom(line: readonly CellValue[], row: number): void {
    for (const c of this.room())
      if (!isEmptyCell(line[c] ?? null))
        throw new InputError(
          `Blad "${this.sheet}": Tariefwijzer heeft nu ook kolommen voor de beoordeling en de vastgelegde invoer, rechts van zijn vier kolommen, maar cel ${columnName(c)}${row + 1} is niet leeg. Maak de vier kolommen rechts van "Tariefwijzer toelichting" vrij en start opnieuw; er is niets gewijzigd.`,
        );
  }

  /** After the first pass: pair rows that moved, and find the new and the gone ones. */
  resolve(): void {
    const doubled = new Set<string>();
    for (const { row, key } of this.unmatched) {
      const list = this.orphans.get(key);
      if (list && list.length > 1) doubled.add(key);
      const p = list?.shift();
      if (p) this.moved.set(row, p);
      else this.fresh.add(row);
    }
    for (const list of this.orphans.values()) for (const p of list) this.gone.push(goneRow(p as PreviousRow & { record: RowRecord }));
    this.unmatched.length = 0;
    this.orphans.clear();
    if (doubled.size)
      this.notes.push(
        `${doubled.size} ${doubled.size === 1 ? 'sleutel' : 'sleutels'} (AGB-code, prestatiecode, inkoopjaar, zorgkantoor) ${doubled.size === 1 ? 'komt' : 'komen'} meer dan eens voor bij verplaatste rijen; die rijen zijn op volgorde aan de vorige gekoppeld.`,
      );
    const deleted = (this.previous.lastRows ?? 0) - this.present;
    if (this.previous.mode === 'record' && deleted > 0)
      this.notes.push(
        `${deleted} ${deleted === 1 ? 'rij' : 'rijen'} van de vorige berekening ${deleted === 1 ? 'is' : 'zijn'} uit het blad verwijderd; ${deleted === 1 ? 'haar' : 'hun'} gegevens zijn met de rij verdwenen. Vergelijk een kopie van de vorige werkmap met deze (tariefwijzer vergelijk) om ze te zien.`,
      );
    if (this.previous.mode === 'older')
      this.notes.push(
        'De vorige berekening is door een oudere versie van Tariefwijzer gemaakt. Vergeleken zijn percentage en tarief per rij op dezelfde plaats, en de parameters en het beleid. Niet te vergelijken: de oorzaak per rij (NZa-maximumtarief, invoerkolommen), met de hand gewijzigde cellen, en verplaatste, nieuwe of verwijderde rijen.',
      );
  }

  /**
   * Second pass, before previousFor: the review cells of a row that stands where it stood and whose record and
   * numbers are what this run writes (a record cell holds only what encodeRecord made), so nothing moved and
   * nothing was edited by hand, without decoding the record; undefined when that is not so (then previousFor).
   */
  reviewIfSame(line: readonly CellValue[], row: number, record: string, percentage: CellValue, tariff: CellValue): CellValue[] | undefined {
    if (this.previous.mode !== 'record' || this.moved.has(row) || this.fresh.has(row)) return undefined;
    if (this.cell(line, OUT.record) !== record || this.cell(line, OUT.percentage) !== percentage || this.cell(line, OUT.tariff) !== tariff) return undefined;
    return REVIEW_CELLS.map((k) => this.cell(line, k));
  }

  /**
   * Second pass: what the previous run left for this row; undefined for a new row. The row's record now (`now`, its
   * text `text`) tells one that differs only in its numbers without decoding it.
   */
  previousFor(line: readonly CellValue[], row: number, now: RowRecord, text: string): PreviousRow | undefined {
    if (this.previous.mode === 'older') {
      const p = this.previousRow(line, undefined);
      return isEmptyCell(p.percentage) && isEmptyCell(p.tariff) && isEmptyCell(this.cell(line, OUT.signals)) ? undefined : { ...p, review: [] };
    }
    const moved = this.moved.get(row);
    if (moved) return moved;
    if (this.fresh.has(row)) return undefined;
    const cell = this.cell(line, OUT.record);
    return this.previousRow(line, withOtherNumbers(cell, now, text) ?? decodeRecord(cell));
  }
}
