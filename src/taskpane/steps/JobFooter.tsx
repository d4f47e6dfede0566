/**
 * The action of every tab, in the footer that stays in view: the primary button, Annuleren while the job reads or
 * computes (a cancel is no longer possible once it writes), the progress of the job, and why the button waits.
 */
import { lazy, Suspense, type Ref } from 'react';
import { Button } from '@fluentui/react-components';
import { formatCount } from '../../domain/count';
import type { Job, JobWords } from '../jobs/useJob';
import type { JobProgress } from '../jobs/run-job';
import { WhyNot } from '../required';
import { useStyles } from '../styles';

// shown only while a job runs: not part of the first screen
const RunProgress = lazy(() => import(/* webpackChunkName: "na-berekening" */ '../RunProgress').then((m) => ({ default: m.RunProgress })));

/** "Tarieven berekenen… 2.000 van 20.000 rijen", or only the phase while the total is not known. */
export function progressText(p: JobProgress, words: JobWords): string {
  const [one, many] = (p.phase === 'rekenen' && words.computed) || ['rij', 'rijen'];
  return p.total ? `${words.phases[p.phase]} ${formatCount(p.done)} van ${formatCount(p.total)} ${p.total === 1 ? one : many}` : words.phases[p.phase];
}

export interface JobFooterProps {
  /** The footer's name for screen readers: "Berekenen". */
  label: string;
  job: Job;
  words: JobWords;
  onRun: () => void;
  canRun: boolean;
  /** The button's text while the job runs (default "Bezig…"). */
  busyLabel?: string;
  /** Why the button waits, when it does. */
  why?: string;
  buttonRef?: Ref<HTMLButtonElement>;
}

export function JobFooter({ label, job, words, onRun, canRun, busyLabel, why, buttonRef }: JobFooterProps) {
  const styles = useStyles();
  const { busy, progress } = job;
  return (
    <footer className={styles.footer} aria-label={label}>
      <div className={styles.footerButtons}>
        <Button ref={buttonRef} appearance="primary" onClick={onRun} disabled={!canRun} data-testid="primaire-actie">
          {busy ? (busyLabel ?? 'Bezig…') : words.button}
        </Button>
        {busy && (
          <Button onClick={job.cancel} disabled={progress?.phase === 'schrijven'}>
            Annuleren
          </Button>
        )}
      </div>
      {progress && (
        <Suspense fallback={<p className={`${styles.muted} ${styles.small}`}>{progressText(progress, words)}</p>}>
          <RunProgress
            label={words.phases[progress.phase]}
            text={progressText(progress, words)}
            fraction={progress.total ? progress.done / progress.total : undefined}
          />
        </Suspense>
      )}
      {!busy && why && <WhyNot text={why} />}
    </footer>
  );
}
