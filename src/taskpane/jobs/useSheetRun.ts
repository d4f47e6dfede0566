/**
 * A tab whose job writes a sheet of its own (Aanvragen, Herschikking): run it through the job hook, keep its
 * outcome and a record of that sheet as the run left it (run-record.ts), and watch the workbook afterwards: a
 * change the add-in did not make that the run depends on, or its sheet no longer holding what it wrote when the
 * pane is used again (an undo), makes the result outdated (stale.ts).
 */
import { useState } from 'react';
import type { Host } from '../office-port';
import { readSheetRecord } from '../run-record';
import { useStaleWatch } from '../stale';
import type { WorkbookChange } from '../workbook-changes';
import type { PaneJob } from './run-job';
import type { Job } from './useJob';

export interface SheetRunOptions<T> {
  /** The job's own sheet. */
  sheet: string;
  /** Whether a change can affect this outcome. */
  relevant: (change: WorkbookChange, outcome: T) => boolean;
  /** What a screen reader hears when the run is done. */
  done: (outcome: T) => string;
}

export interface SheetRun<T> {
  outcome: T | undefined;
  stale: boolean;
  run(work: PaneJob<T>): Promise<void>;
  clear(): void;
}

export function useSheetRun<T extends object>(host: Host | undefined, job: Job, options: SheetRunOptions<T>): SheetRun<T> {
  const runner = host?.runner;
  const [outcome, setOutcome] = useState<T | undefined>();
  const [record, setRecord] = useState<string | undefined>();
  const watch = useStaleWatch(host, {
    watching: !job.busy && !!outcome,
    relevant: (change) => !!outcome && options.relevant(change, outcome),
    verify: async () => !runner || (await runner((port) => readSheetRecord(port, options.sheet))) === record,
    sheets: outcome,
    checkOnSelection: true,
  });

  const run = async (work: PaneJob<T>) => {
    if (!runner) return;
    setOutcome(undefined);
    watch.reset();
    const end = await job.start(work);
    if (!end.ok) return;
    // unread, the record matches nothing: the next check marks the result outdated rather than current
    setRecord(await runner((port) => readSheetRecord(port, options.sheet)).catch(() => undefined));
    setOutcome(end.result);
    watch.reset();
    job.setAnnounce(options.done(end.result));
  };
  return { outcome, stale: watch.stale, run, clear: () => setOutcome(undefined) };
}
