/**
 * The Tarieven tab: 1. choose a policy, 2. its parameters, 3. the columns, then Bereken (in the footer, always in
 * view) and 4. the result. Parameters and columns stay folded while they are complete and valid and open at the
 * first problem, so the first screen is short at 320 × 800.
 */
import { lazy, Suspense, useRef } from 'react';
import type { PolicyPack } from '../../../domain/policy/types';
import type { Environment } from '../../environment';
import { useFocusBack } from '../../focus';
import { useJob, type JobWords } from '../../jobs/useJob';
import { parametersBlock } from '../../required';
import { FailureBar } from '../../steps/FailureBar';
import { JobFooter } from '../../steps/JobFooter';
import { useStyles } from '../../styles';
import { EnvironmentNote } from './Notices';
import { PolicyStep } from './PolicyStep';
import { useCalculation } from './useCalculation';
import { useColumns } from './useColumns';
import { usePolicy } from './usePolicy';
import { useSections } from './useSections';
import { useWorkbench } from './useWorkbench';

// what only a chosen pack or a finished run needs: their own chunks
const Settings = lazy(() => import(/* webpackChunkName: "kolommen" */ './Settings'));
const TarievenResult = lazy(() => import(/* webpackChunkName: "resultaat" */ './TarievenResult'));
const RowCard = lazy(() => import(/* webpackChunkName: "resultaat" */ './Result').then((m) => ({ default: m.RowCard })));
const LastRunBar = lazy(() => import(/* webpackChunkName: "na-berekening" */ './LastRunBar').then((m) => ({ default: m.LastRunBar })));
const StaleBar = lazy(() => import(/* webpackChunkName: "na-berekening" */ '../../StaleBar').then((m) => ({ default: m.StaleBar })));

export const WORDS: JobWords = {
  button: 'Bereken',
  phases: { lezen: 'Werkmap lezen…', rekenen: 'Tarieven berekenen…', schrijven: 'Uitkomsten schrijven…' },
};

export function TarievenTab({ environment }: { environment: Environment }) {
  const styles = useStyles();
  const host = environment.kind === 'office' ? environment.host : undefined;
  const runner = host?.runner;
  const wb = useWorkbench();
  const job = useJob(runner, WORDS);
  const policy = usePolicy(wb);
  const columns = useColumns(runner, wb, policy.pack, job.fail);
  const sections = useSections(wb, policy, columns);
  const calc = useCalculation(host, wb, policy, columns, job);
  const primary = useRef<HTMLButtonElement>(null);
  useFocusBack(job.busy, primary);
  const { pack, resolved, missing } = policy;
  const { lastRun, outcome, explanation } = calc;
  const choose = (id: string) => {
    policy.choose(id);
    calc.clear();
    job.clearFailure();
  };
  const adopt = (loaded: PolicyPack) => {
    policy.addOwn(loaded, true);
    calc.clear();
    job.clearFailure();
  };
  const why = !runner
    ? 'Open Tariefwijzer in Excel om te berekenen.'
    : !pack
      ? 'Kies eerst een beleid.'
      : parametersBlock(missing, resolved?.errors.length ?? 0);
  const loading = <p className={styles.muted}>Laden…</p>;

  return (
    <main className={styles.root} aria-labelledby="tarieven-kop">
      <h2 id="tarieven-kop" className={styles.heading}>
        Tarieven berekenen
      </h2>
      <div role="status" aria-live="polite" className={styles.visuallyHidden} data-testid="aankondiging">
        {job.announce}
      </div>
      <EnvironmentNote environment={environment} />
      {calc.stale && (
        <Suspense fallback={null}>
          <StaleBar run="berekening" action="Bereken opnieuw" onRerun={() => void calc.calculate()} disabled={!calc.canCalculate} />
        </Suspense>
      )}
      {/* while a run is busy, the record it is about to replace is not shown as current */}
      {lastRun && !calc.stale && !job.busy && (
        <Suspense fallback={null}>
          <LastRunBar lastRun={lastRun} packs={policy.packs} />
        </Suspense>
      )}
      {explanation.selected && !explanation.selected.via && (
        <Suspense fallback={null}>
          <RowCard selected={explanation.selected} titles={policy.titles} />
        </Suspense>
      )}
      <PolicyStep policy={policy} ready={!!wb} runner={runner} onChoose={choose} onLoaded={adopt} />
      {pack && (
        <Suspense fallback={loading}>
          <Settings policy={policy} columns={columns} sections={sections} busy={job.busy} />
        </Suspense>
      )}
      {host?.undoNote && <p className={`${styles.muted} ${styles.small}`}>{host.undoNote}</p>}
      <FailureBar failure={job.failure} title="Niet berekend" />
      {outcome && (
        <Suspense fallback={loading}>
          <TarievenResult
            outcome={outcome}
            titles={policy.titles}
            selected={explanation.selected}
            stale={calc.stale}
            onSelectRow={explanation.select}
            bijlage={host && pack ? { host, pack, run: outcome.run, fields: resolved?.values, stale: calc.stale } : undefined}
            runner={runner}
            sheetChanges={calc.sheetChanges}
          />
        </Suspense>
      )}
      <JobFooter label="Berekenen" job={job} words={WORDS} onRun={() => void calc.calculate()} canRun={calc.canCalculate} why={why} buttonRef={primary} />
    </main>
  );
}
