/**
 * The Herschikking tab: choose a policy and the herschikking parameters, run on the open workbook, see the
 * uitnutting per sector (with a small inline chart), the afspraken per provider and, with Vergelijken, the €
 * difference of another policy or other values. Steps, the action in the footer, then the result.
 */
import type { Dec } from '../../../domain/money';
import { herschikWorkbook, HERSCHIK_SHEET, type HerschikOutcome } from '../../../workbook/jobs/herschik';
import { useJob, type JobWords } from '../../jobs/useJob';
import { useSheetRun } from '../../jobs/useSheetRun';
import type { Host, PortRunner } from '../../office-port';
import { parametersBlock } from '../../required';
import { affectsHerschikking } from '../../run-record';
import { StaleBar } from '../../StaleBar';
import { FailureBar } from '../../steps/FailureBar';
import { JobFooter } from '../../steps/JobFooter';
import { useStyles } from '../../styles';
import { HerschikResult } from './HerschikResult';
import { HerschikSteps } from './HerschikSteps';
import { useHerschikParameters } from './useHerschikParameters';
import { useScenario } from './useScenario';

export const WORDS: JobWords = {
  button: 'Herschik',
  phases: { lezen: 'Werkmap lezen…', rekenen: 'Herschikking berekenen…', schrijven: 'Herschikking schrijven…' },
};

export interface HerschikkingTabProps {
  runner: PortRunner | undefined;
  /** For noticing changes to the workbook after a run (see stale.ts). */
  host?: Host;
}

export function HerschikkingTab({ runner, host }: HerschikkingTabProps) {
  const styles = useStyles();
  const job = useJob(runner, WORDS);
  const result = useSheetRun<HerschikOutcome>(host, job, { sheet: HERSCHIK_SHEET, relevant: affectsHerschikking, done: () => 'Herschikking klaar.' });
  const params = useHerschikParameters(() => result.clear());
  const choice = useScenario(params);
  const { pack, packResolved, resolved, missing } = params;
  const errors = (packResolved?.errors.length ?? 0) + resolved.errors.length + (choice.error ? 1 : 0);
  const canRun = !!pack && !!runner && !job.busy && !errors && !missing.length;
  const run = () =>
    void (
      pack &&
      packResolved &&
      canRun &&
      result.run((port, options) => herschikWorkbook(port, pack, packResolved.values, resolved.values, { ...options, vergelijk: choice.scenario }))
    );
  const why = !runner ? 'Open Tariefwijzer in Excel om te herschikken.' : !pack ? 'Kies eerst een beleid.' : parametersBlock(missing, errors);

  return (
    <section className={styles.root} aria-labelledby="herschikking-kop">
      <h2 id="herschikking-kop" className={styles.heading}>
        Productie en herschikking
      </h2>
      <p className={styles.muted}>Omzet, uitnutting per sector en een voorstel voor de herschikkingsafspraken.</p>
      <div role="status" aria-live="polite" className={styles.visuallyHidden}>
        {job.announce}
      </div>
      <HerschikSteps params={params} choice={choice} />
      <FailureBar failure={job.failure} title="Niet berekend" />
      {result.stale && <StaleBar run="herschikking" action="Herschik opnieuw" onRerun={run} disabled={!canRun} />}
      {result.outcome && <HerschikResult outcome={result.outcome} marge={resolved.values.marge_onzekerheid as Dec | null} stale={result.stale} />}
      <JobFooter label="Herschikken" job={job} words={WORDS} onRun={run} canRun={canRun} busyLabel="Bezig met herschikken…" why={why} />
    </section>
  );
}

export default HerschikkingTab;
