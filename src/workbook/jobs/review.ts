/**
 * The four-eyes review as it stands in the workbook: how many rows are open, akkoord or afwijking, and which rows
 * are still open (for the pane to step through). Read from the cells (Tariefwijzer beoordeling), so it shows what
 * colleagues typed while co-authoring too.
 */
import { cellToText, type CellValue } from '../../domain/parse';
import { detectHeader, HEADER_SCAN_ROWS, OUT } from '../headers';
import { REVIEW_OPEN } from '../names';
import type { WorkbookPort } from '../port';
import { readLastRun } from './last-run';
import { READ_WINDOW, PAUSE_EVERY } from './read-rows';

export interface ReviewCounts {
  sheet: string;
  /** Verdict ("open", "akkoord", "afwijking", or what a person typed) → rows. */
  counts: Record<string, number>;
  /** 0-based sheet rows still open, in order (at most `limit`). */
  openRows: number[];
}

/** The review counts of the sheet the recorded run annotated; undefined when it has no review column. */
export async function readReviewCounts(port: WorkbookPort, limit = 10_000, pause?: () => Promise<void>): Promise<ReviewCounts | undefined> {
  const last = await readLastRun(port);
  if (!last || !(await port.sheetNames()).includes(last.sheet)) return undefined;
  const [head] = await port.readSheets([{ sheet: last.sheet, rows: HEADER_SCAN_ROWS }]);
  const match = detectHeader(head.cells).match;
  const review = match?.outputColumns[OUT.review];
  const record = match?.outputColumns[OUT.record];
  if (!match || review === undefined || record === undefined) return undefined;
  const counts: Record<string, number> = {};
  const openRows: number[] = [];
  for (let start = match.row + 1; start < head.rowCount; start += READ_WINDOW) {
    const [read] = await port.readSheets([{ sheet: last.sheet, firstRow: start, rows: READ_WINDOW, columns: [review] }]);
    const end = Math.min(read.cells.length, start + READ_WINDOW);
    const cleared = await clearedRows(port, last.sheet, record, read.cells, start, end, review);
    for (let r = start; r < end; r++) {
      // the pane's page gets a turn in a long sheet (src/taskpane/jobs/slicer.ts)
      if (pause && r % PAUSE_EVERY === 0) await pause();
      const verdict = cellToText(read.cells[r]?.[review]).trim().toLowerCase() || (cleared.has(r) ? REVIEW_OPEN : '');
      if (!verdict) continue;
      counts[verdict] = (counts[verdict] ?? 0) + 1;
      if (verdict === REVIEW_OPEN && openRows.length < limit) openRows.push(r);
    }
  }
  return { sheet: last.sheet, counts, openRows };
}

/**
 * Rows of a window whose verdict is empty but that Tariefwijzer computed (they have a record): a person cleared the
 * verdict, so the row is open. Every row a run computes starts with a verdict, so the long record texts are read
 * only for the rows without one (usually none, or the empty rows at the end of the block), not for every row.
 */
async function clearedRows(
  port: WorkbookPort,
  sheet: string,
  record: number,
  cells: readonly CellValue[][],
  start: number,
  end: number,
  review: number,
): Promise<Set<number>> {
  const empty: number[] = [];
  for (let r = start; r < end; r++) if (!cellToText(cells[r]?.[review]).trim()) empty.push(r);
  if (!empty.length) return new Set();
  const first = empty[0];
  const [read] = await port.readSheets([{ sheet, firstRow: first, rows: empty[empty.length - 1] - first + 1, columns: [record] }]);
  return new Set(empty.filter((r) => cellToText(read.cells[r]?.[record])));
}
