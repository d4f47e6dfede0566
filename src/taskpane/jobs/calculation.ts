/**
 * The pane's calculation job: read, compute, write through the Office adapter, in slices so that the pane keeps
 * painting (see slicer.ts), with progress in each phase and cancelling until writing starts. The pane (App.tsx)
 * only wires it up: `runCalculation(runner, input, { onProgress, signal })`.
 */
import type { ParameterValues, PolicyPack } from '../../domain/policy/types';
import { annotateWorkbook, type AnnotateOutcome } from '../../workbook/jobs/annotate';
import { readLastRun, type LastRun } from '../../workbook/jobs/last-run';
import { RunCancelled, type RunPhase } from '../../workbook/jobs/job';
import { type ColumnMapping } from '../../workbook/jobs/layout';
import type { PortRunner } from '../office-port';
import { createPause } from './slicer';

/** Where a job is: its phase, and rows done of the phase's total (0 of 0 when not known yet). */
export interface JobProgress {
  phase: RunPhase;
  done: number;
  total: number;
}

export interface CalculationInput {
  pack: PolicyPack;
  params: ParameterValues;
  mapping: ColumnMapping;
}

export interface CalculationResult {
  outcome: AnnotateOutcome;
  /** The run just recorded on the Tariefwijzer sheet (read back without re-reading the inputs). */
  last: { run: LastRun; changed: boolean } | undefined;
}

/** Progress reports within a phase at most this often. */
const PROGRESS_INTERVAL_MS = 250;

export async function runCalculation(
  runner: PortRunner,
  input: CalculationInput,
  job: { signal?: AbortSignal; onProgress?: (progress: JobProgress) => void; onPhase?: (phase: RunPhase) => void },
): Promise<CalculationResult> {
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
  return runner(
    async (port) => {
      const outcome = await annotateWorkbook(port, input.pack, input.params, {
        mapping: input.mapping,
        signal: job.signal,
        pause,
        onPhase: (next) => {
          phase = next;
          job.onPhase?.(next);
          report({ phase: next, done: 0, total: 0 });
        },
        onProgress: (done, total) => report({ phase: 'rekenen', done, total }),
      });
      const run = await readLastRun(port);
      return { outcome, last: run && { run, changed: false } };
    },
    {
      pause,
      // rows read and written by the adapter, reported in the phase they belong to
      onRows: (kind, done, total) => {
        if ((kind === 'lezen' && phase === 'lezen') || (kind === 'schrijven' && phase === 'schrijven')) report({ phase, done, total });
      },
    },
  );
}
