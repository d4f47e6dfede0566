/**
 * Result actions on a rerun: what changed since the previous run (per provider, the notes, each listed row with a
 * button to it) and the four-eyes review counts with a button that steps through the open rows. Changes ask for a
 * look, so they are informative or attention, never green.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { AnnotateOutcome } from '../../../workbook/jobs/annotate';
import type { ReviewCounts as Counts } from '../../../workbook/jobs/review';
import { createPause } from '../../jobs/slicer';
import { loadWorkbench } from '../../lazy';
import type { PortRunner } from '../../office-port';
import { count, keepTogether, useStyles } from '../../styles';
import {
  causesText,
  changeLine,
  changesTitle,
  moreChangesText,
  moreProvidersText,
  nextOpenRow,
  PANE_CHANGES,
  PANE_PROVIDERS,
  reviewEntries,
} from './changes-text';

/** How a row selected from the changes or the review steps is marked: its explanation opens under them. */
export const VIA = 'wijzigingen';
/** Each on its own line in the actions row (a row of buttons otherwise). */
const FULL = { flexBasis: '100%' } as const;

export interface ChangesSummaryProps {
  outcome: AnnotateOutcome;
  onSelectRow: ((sheet: string, row: number, via: string) => void) | undefined;
}

export function ChangesSummary({ outcome, onSelectRow }: ChangesSummaryProps) {
  const styles = useStyles();
  const changes = outcome.changes;
  const title = changesTitle(changes);
  if (!changes || !title) return null;
  const shown = changes.firstListed(PANE_CHANGES);
  const moreChanges = moreChangesText(changes, shown.length);
  const moreProviders = moreProvidersText(changes, PANE_PROVIDERS);
  return (
    <MessageBar intent={changes.total ? 'warning' : 'info'} layout="multiline" style={FULL} data-testid="wijzigingen">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {changes.perProvider.slice(0, PANE_PROVIDERS).map((p) => (
          <div key={p.agb} className={styles.small}>
            {p.provider || `AGB ${p.agb}`}: {count(p.count, 'rij', 'rijen')}
          </div>
        ))}
        {moreProviders && <div className={styles.small}>{keepTogether(moreProviders)}</div>}
        {changes.notes.map((n, i) => (
          <div key={i} className={styles.small}>
            Let op: {keepTogether(n)}
          </div>
        ))}
        {moreChanges && <div className={styles.small}>{keepTogether(moreChanges)}</div>}
        {shown.map((c, i) => (
          <div key={i} className={styles.small} data-testid="wijziging">
            {c.row !== undefined ? (
              <Button
                size="small"
                disabled={!onSelectRow}
                onClick={() => onSelectRow?.(outcome.sheet, c.row!, VIA)}
                aria-label={`Rij ${c.row + 1}: toon in het blad`}
              >
                Rij {c.row + 1}
              </Button>
            ) : (
              <span>Verdwenen rij</span>
            )}{' '}
            {keepTogether(changeLine(c))}
            {c.causes.length > 0 && <div>{keepTogether(causesText(c))}</div>}
          </div>
        ))}
      </MessageBarBody>
    </MessageBar>
  );
}

export interface ReviewStepsProps {
  outcome: AnnotateOutcome;
  runner: PortRunner | undefined;
  /**
   * Changes on the sheet the add-in did not make, counted (Excel's changed events, through the tab's stale watch): a
   * verdict typed here or by a co-author updates the counts.
   */
  sheetChanges?: number;
  onSelectRow: ((sheet: string, row: number, via: string) => void) | undefined;
}

/** After a change on the sheet, the counts are read again once the typing has paused this long. */
const REVIEW_REREAD_MS = 600;

/**
 * The review counts as the sheet has them now: read after the run, again after changes on the sheet (a verdict typed
 * here or by a co-author), and on "Volgende open rij", so colleagues' verdicts count.
 */
export function ReviewSteps({ outcome, runner, sheetChanges, onSelectRow }: ReviewStepsProps) {
  const styles = useStyles();
  const [review, setReview] = useState<Counts | undefined>();
  const last = useRef<number | undefined>(undefined);
  const read = useCallback(async () => {
    if (!runner) return undefined;
    const w = await loadWorkbench();
    // a long sheet is read and counted in slices, so the pane stays responsive (the adapter's loops pause too)
    const pause = createPause();
    return runner((port) => w.readReviewCounts(port, undefined, pause), { pause });
  }, [runner]);
  useEffect(() => {
    let live = true;
    last.current = undefined;
    read().then(
      (r) => live && setReview(r),
      () => live && setReview(undefined),
    );
    return () => {
      live = false;
    };
  }, [read, outcome]);
  const seen = useRef(sheetChanges);
  useEffect(() => {
    if (sheetChanges === seen.current) return;
    seen.current = sheetChanges;
    let live = true;
    // read once the typing has paused: the next change starts the wait again
    const timer = setTimeout(() => {
      read().then(
        (r) => live && setReview(r),
        () => undefined,
      );
    }, REVIEW_REREAD_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [sheetChanges, read]);
  if (!review) return null;
  const step = () => {
    read()
      .then((r) => {
        setReview(r);
        const row = r && nextOpenRow(r.openRows, last.current);
        if (r && row !== undefined) {
          last.current = row;
          onSelectRow?.(r.sheet, row, VIA);
        }
      })
      .catch(() => undefined);
  };
  return (
    <div className={styles.small} style={FULL} data-testid="beoordeling">
      <span>
        Beoordeling:{' '}
        {reviewEntries(review)
          .map(([v, n]) => `${v} ${n}`)
          .join(' · ')}
      </span>{' '}
      <Button size="small" disabled={!onSelectRow || review.openRows.length === 0} onClick={step}>
        Volgende open rij
      </Button>
    </div>
  );
}
