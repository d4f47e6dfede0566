/**
 * The four-eyes review as it stands in the workbook: how many rows are open, akkoord or afwijking, and which rows
 * are still open (for the pane to step through). Read from the cells (Tariefwijzer beoordeling), so it shows what
 * colleagues typed while co-authoring too.
 */
import { cellToText } from '../../domain/parse';
import { detectHeader, HEADER_SCAN_ROWS, OUTPUT_HEADERS } from '../headers';
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

const REVIEW = OUTPUT_HEADERS.indexOf('Tariefwijzer beoordeling');
const RECORD = OUTPUT_HEADERS.indexOf('Tariefwijzer invoer');

/** The review counts of the sheet the recorded run annotated; undefined when it has no review column. */
export async function readReviewCounts(port: WorkbookPort, limit = 10_000, pause?: () => Promise<void>): Promise<ReviewCounts | undefined> {
  const last = await readLastRun(port);
  if (!last || !(await port.sheetNames()).includes(last.sheet)) return undefined;
  const [head] = await port.readSheets([{ sheet: last.sheet, rows: HEADER_SCAN_ROWS }]);
  const match = detectHeader(head.cells).match;
  const review = match?.outputColumns[REVIEW];
  const record = match?.outputColumns[RECORD];
  if (!match || review === undefined || record === undefined) return undefined;
  const counts: Record<string, number> = {};
  const openRows: number[] = [];
  for (let start = match.row + 1; start < head.rowCount; start += READ_WINDOW) {
    const [read] = await port.readSheets([{ sheet: last.sheet, firstRow: start, rows: READ_WINDOW, columns: [review, record] }]);
    for (let r = start; r < Math.min(read.cells.length, start + READ_WINDOW); r++) {
      // the pane's page gets a turn in a long sheet (src/taskpane/jobs/slicer.ts)
      if (pause && r % PAUSE_EVERY === 0) await pause();
      // a row Tariefwijzer computed has a record; its review may be empty when a person cleared it: open
      if (!cellToText(read.cells[r]?.[record])) continue;
      const verdict = cellToText(read.cells[r]?.[review]).trim().toLowerCase() || REVIEW_OPEN;
      counts[verdict] = (counts[verdict] ?? 0) + 1;
      if (verdict === REVIEW_OPEN && openRows.length < limit) openRows.push(r);
    }
  }
  return { sheet: last.sheet, counts, openRows };
}
