/**
 * Any workbook job in the pane: read, compute, write through the Office adapter, in slices so that the pane keeps
 * painting (see slicer.ts), with progress in each phase and cancelling until writing starts. The tabs start it
 * through their job hook (useJob.ts): `runJob(runner, (port, options) => someJob(port, …, options), callbacks)`.
 */
import { RunCancelled, type JobOptions, type RunPhase } from '../../workbook/jobs/job';
import type { WorkbookPort } from '../../workbook/port';
import type { PortRunner } from '../office-port';
import { createPause } from './slicer';

/** Where a job is: its phase, and rows done of the phase's total (0 of 0 when not known yet). */
export interface JobProgress {
  phase: RunPhase;
  done: number;
  total: number;
}

/** What the pane hears from a running job, and how it cancels it. */
export interface JobCallbacks {
  signal?: AbortSignal;
  onProgress?: (progress: JobProgress) => void;
  onPhase?: (phase: RunPhase) => void;
}

/** A job as the pane runs it: the port, and the options to hand on to the workbook job (src/workbook/jobs). */
export type PaneJob<T> = (port: WorkbookPort, options: JobOptions) => Promise<T>;

/** Progress reports within a phase at most this often. */
const PROGRESS_INTERVAL_MS = 250;

export async function runJob<T>(runner: PortRunner, work: PaneJob<T>, job: JobCallbacks): Promise<T> {
  let phase: RunPhase = 'lezen';
  // The pane redraws on every report: at most a few per second (a phase change at once), not one per slice.
  let reported: { phase: RunPhase; at: number } = { phase, at: -Infinity };
  const report = (p: JobProgress) => {
    const at = typeof performance === 'undefined' ? Date.now() : performance.now();
    if (p.phase === reported.phase && p.done !== p.total && at - reported.at < PROGRESS_INTERVAL_MS) return;
    reported = { phase: p.phase, at };
    job.onProgress?.(p);
  };
  const slice = createPause();
  // Cancelling takes effect at the next slice while reading or computing (also inside the adapter's reads);
  // once writing has started the run completes, so that the workbook is never left half written by a cancel.
  const pause = async () => {
    await slice();
    if (job.signal?.aborted && phase !== 'schrijven') throw new RunCancelled();
  };
  const options: JobOptions = {
    signal: job.signal,
    pause,
    onPhase: (next) => {
      phase = next;
      job.onPhase?.(next);
      report({ phase: next, done: 0, total: 0 });
    },
    // rows computed; a job that computes as it writes (the herschikking streams its rows to the writer) stays in 'schrijven'
    onProgress: (done, total) => report({ phase: phase === 'schrijven' ? 'schrijven' : 'rekenen', done, total }),
  };
  return runner((port) => work(port, options), {
    pause,
    // rows read and written by the adapter, reported in the phase they belong to
    onRows: (kind, done, total) => {
      if ((kind === 'lezen' && phase === 'lezen') || (kind === 'schrijven' && phase === 'schrijven')) report({ phase, done, total });
    },
  });
}
