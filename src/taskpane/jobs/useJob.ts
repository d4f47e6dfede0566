/**
 * One job hook for every tab: start a workbook job (runJob: slices, progress per phase, cancel until writing
 * starts), follow its progress, cancel it (an AbortController whose signal goes to the job's JobOptions), and
 * say in Dutch why it failed (failure.ts, with the phase it reached). The tab decides what a result means.
 */
import { useCallback, useRef, useState } from 'react';
import type { RunPhase } from '../../workbook/jobs/job';
import { loadWorkbench } from '../lazy';
import type { PortRunner } from '../office-port';
import type { JobProgress, PaneJob } from './run-job';

/** The words of a tab's job: the button that runs it (named again in failure texts) and each phase's progress label. */
export interface JobWords {
  button: string;
  phases: Record<RunPhase, string>;
  /** What the computing phase counts, when not rows: ['aanvraag', 'aanvragen']. */
  computed?: readonly [string, string];
}

/** Why the last run did not finish; `cancelled`: the user broke it off (attention, not an error). */
export interface JobFailure {
  text: string;
  cancelled: boolean;
}

/** How a run ended: its result, or the phase it reached when it failed. */
export type JobEnd<T> = { ok: true; result: T } | { ok: false; reached: RunPhase };

export interface Job {
  busy: boolean;
  progress: JobProgress | undefined;
  failure: JobFailure | undefined;
  /** For a screen reader: the phase while running; the tab sets what a finished run says. */
  announce: string;
  setAnnounce(text: string): void;
  /** Runs `work` on the workbook; resolves when it ended, whichever way (a failure is in `failure`). */
  start<T>(work: PaneJob<T>): Promise<JobEnd<T>>;
  cancel(): void;
  /** Shows the failure of a step outside a run (reading the columns) with the same words. */
  fail(e: unknown, phase: RunPhase): void;
  clearFailure(): void;
}

/** The Dutch text for a failed step (failure.ts loads with the workbench, which every job needs anyway). */
async function describe(e: unknown, phase: RunPhase, button: string): Promise<JobFailure> {
  const wb = await loadWorkbench();
  const text = wb.failureText(e, { phase, button, own: (x) => x instanceof wb.InputError || x instanceof wb.RunCancelled });
  return { text, cancelled: e instanceof wb.RunCancelled };
}

export function useJob(runner: PortRunner | undefined, words: JobWords): Job {
  const [progress, setProgress] = useState<JobProgress | undefined>();
  const [failure, setFailure] = useState<JobFailure | undefined>();
  const [announce, setAnnounce] = useState('');
  const abort = useRef<AbortController | undefined>(undefined);
  const { button, phases } = words;

  const fail = useCallback((e: unknown, phase: RunPhase) => void describe(e, phase, button).then(setFailure), [button]);

  const start = useCallback(
    async <T>(work: PaneJob<T>): Promise<JobEnd<T>> => {
      if (!runner) return { ok: false, reached: 'lezen' };
      const controller = new AbortController();
      abort.current = controller;
      setProgress({ phase: 'lezen', done: 0, total: 0 });
      setAnnounce(phases.lezen);
      setFailure(undefined);
      let reached: RunPhase = 'lezen';
      const onPhase = (phase: RunPhase) => {
        reached = phase;
        setAnnounce(phases[phase]);
      };
      try {
        // the runner with its slices loads with the workbench (already there: the pane loads it when it opens)
        const wb = await loadWorkbench();
        return { ok: true, result: await wb.runJob(runner, work, { signal: controller.signal, onPhase, onProgress: setProgress }) };
      } catch (e) {
        setFailure(await describe(e, reached, button));
        setAnnounce('');
        return { ok: false, reached };
      } finally {
        abort.current = undefined;
        setProgress(undefined);
      }
    },
    [runner, phases, button],
  );

  return {
    busy: progress !== undefined,
    progress,
    failure,
    announce,
    setAnnounce,
    start,
    cancel: () => abort.current?.abort(),
    fail,
    clearFailure: () => setFailure(undefined),
  };
}
