/** The pane's words for the changes since the previous run and for the review counts (pure, so tested apart). */
import { REVIEW_VERDICTS } from '../../../workbook/names';
import type { AnnotateOutcome } from '../../../workbook/jobs/annotate';
import { CHANGES_SHEET } from '../../../workbook/jobs/change-sheet';
import { movedText, type RowChange } from '../../../workbook/jobs/changes';
import type { ReviewCounts } from '../../../workbook/jobs/review';
import { formatCount } from '../../../domain/count';
import { count } from '../../styles';

export type Changes = NonNullable<AnnotateOutcome['changes']>;

/** "12 rijen gewijzigd sinds de vorige berekening"; undefined on a first run (nothing to compare with). */
export function changesTitle(changes: Changes | undefined): string | undefined {
  if (!changes) return undefined;
  if (changes.total === 0) return 'Geen wijzigingen sinds de vorige berekening';
  return `${count(changes.total, 'rij', 'rijen')} gewijzigd sinds de vorige berekening`;
}

/** "AGB 74120005 · 1021 · € 297,90 → € 296,00" for one listed change; "… · 97,3% → 96%" for a row without a tariff. */
export function changeLine(c: RowChange): string {
  return `AGB ${c.agb} · ${c.code} · ${movedText(c, '—')}`;
}

/** The changed rows and providers the pane shows one by one; the change sheet has them all. */
export const PANE_CHANGES = 25;
export const PANE_PROVIDERS = 20;

/**
 * What the pane says below the changes it shows when there are more: a rerun that moves every row lists 20,000 on
 * the change sheet, and a pane of 20,000 lines with a button each is neither usable nor quick to draw.
 */
export function moreChangesText(changes: Changes, shown: number): string | undefined {
  if (changes.total <= shown) return undefined;
  const sheet = changes.listedCount < changes.total ? `noemt de eerste ${formatCount(changes.listedCount)} en telt ze allemaal` : 'noemt ze allemaal';
  return `Hieronder de eerste ${formatCount(shown)} van ${formatCount(changes.total)}; het blad "${CHANGES_SHEET}" ${sheet}.`;
}

/** "… en 12 andere zorgaanbieders (op het blad)" below the providers the pane shows, when there are more. */
export function moreProvidersText(changes: Changes, shown: number): string | undefined {
  const more = changes.perProvider.length - shown;
  return more > 0 ? `… en ${count(more, 'andere zorgaanbieder', 'andere zorgaanbieders')} (op het blad "${CHANGES_SHEET}")` : undefined;
}

export function causesText(c: RowChange): string {
  return c.causes.map((x) => x.text).join('; ');
}

/** The review counts in the fixed order, then anything else a person typed: [["open", 3], ["akkoord", 1], ...]. */
export function reviewEntries(review: ReviewCounts): Array<[string, number]> {
  const fixed: Array<[string, number]> = REVIEW_VERDICTS.map((v) => [v, review.counts[v] ?? 0]);
  const other = Object.entries(review.counts).filter(([v]) => !(REVIEW_VERDICTS as readonly string[]).includes(v));
  return [...fixed, ...other.sort(([a], [b]) => a.localeCompare(b, 'nl'))];
}

/** The open row after `after` (0-based), wrapping to the first; undefined when none is open. */
export function nextOpenRow(openRows: readonly number[], after: number | undefined): number | undefined {
  if (openRows.length === 0) return undefined;
  return openRows.find((r) => after === undefined || r > after) ?? openRows[0];
}
