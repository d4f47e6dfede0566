/**
 * The Tarieven tab's run: Bereken through the job hook, its outcome, the recorded last run, and whether the result
 * is still what the workbook holds. After a run (or a restored one that was current) the pane watches the
 * workbook: a change the add-in did not make to the run's sheet, its record or a tariff sheet, or a record that no
 * longer matches when the pane is used again (an undo), makes the result outdated.
 */
import { useState } from 'react';
import type { AnnotateOutcome } from '../../../workbook/jobs/annotate';
import type { Job } from '../../jobs/useJob';
import type { Workbench } from '../../lazy';
import type { Host } from '../../office-port';
import { useStaleWatch } from '../../stale';
import { count } from '../../styles';
import type { Columns } from './useColumns';
import { useLastRun } from './useLastRun';
import type { Policy } from './usePolicy';
import { useRowExplanation } from './useRowExplanation';

/** "Klaar: 4 tarieven berekend, 2 rijen zonder tarief." */
function doneText(outcome: AnnotateOutcome): string {
  const without = outcome.dataRows - outcome.tariffsSet;
  return `Klaar: ${count(outcome.tariffsSet, 'tarief', 'tarieven')} berekend${without ? `, ${count(without, 'rij', 'rijen')} zonder tarief` : ''}.`;
}

export function useCalculation(host: Host | undefined, wb: Workbench | undefined, policy: Policy, columns: Columns, job: Job) {
  const runner = host?.runner;
  const [outcome, setOutcome] = useState<AnnotateOutcome | undefined>();
  const { lastRun, setLastRun, reread } = useLastRun(runner, wb, policy);
  // changes on the run's sheet that the add-in did not make: the review counts are read again after them
  const [sheetChanges, setSheetChanges] = useState(0);
  const runSheet = outcome?.sheet.toLowerCase();
  const watch = useStaleWatch(host, {
    watching: !job.busy && !!(outcome || (lastRun?.run.complete && !lastRun.changed)),
    // a verdict typed in the review cells (here or by a co-author) is the review at work, not a changed input
    relevant: (change) =>
      !wb || !lastRun || (wb.affectsRun(change.sheet, lastRun.run.sheet) && !wb.reviewOnly(change, lastRun.run.sheet, lastRun.reviewColumns)),
    verify: async () => !runner || !wb || !lastRun || wb.sameRun(await runner(wb.readLastRun), lastRun.run),
    sheets: lastRun,
    onChange: (change) => runSheet !== undefined && (change.sheet ?? runSheet).toLowerCase() === runSheet && setSheetChanges((n) => n + 1),
  });
  const explanation = useRowExplanation(host, outcome, watch);
  const { pack, resolved, missing } = policy;
  const canCalculate = !!pack && !!runner && !!wb && !job.busy && !resolved?.errors.length && !missing.length;

  const calculate = async () => {
    if (!canCalculate || !pack || !resolved || !wb) return;
    setOutcome(undefined);
    explanation.clear();
    watch.reset();
    const input = { pack, params: resolved.values, mapping: columns.mapping };
    const end = await job.start((port, options) => wb.calculate(port, input, options));
    if (!end.ok) {
      // A run broken off while writing leaves its record "onvolledig": show that, as on opening the pane.
      if (end.reached === 'schrijven') reread();
      return;
    }
    setOutcome(end.result.outcome);
    setLastRun(end.result.last);
    watch.reset();
    job.setAnnounce(doneText(end.result.outcome));
  };
  return { outcome, clear: () => setOutcome(undefined), lastRun, stale: watch.stale, sheetChanges, explanation, canCalculate, calculate };
}
