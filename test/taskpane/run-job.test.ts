/** The pane's job runner (jobs/run-job.ts): phases and progress as the pane sees them; a cancel counts until writing starts. */
import { runJob, type JobProgress, type PaneJob } from '../../src/taskpane/jobs/run-job';
import type { PortRunner } from '../../src/taskpane/office-port';
import { RunCancelled } from '../../src/workbook/jobs/job';
import type { WorkbookPort } from '../../src/workbook/port';

/** A runner without Excel: the job gets no port (these jobs do not use it), the adapter's hooks are recorded. */
function runner(): PortRunner {
  return ((work: (port: WorkbookPort) => Promise<unknown>) => work(undefined as never)) as PortRunner;
}

/** A job that reads, computes `rows` rows and writes, calling `during` at the start of each phase. */
function job(rows: number, during: (phase: string) => void = () => undefined): PaneJob<string> {
  return async (_port, options) => {
    for (const phase of ['lezen', 'rekenen', 'schrijven'] as const) {
      options.onPhase?.(phase);
      during(phase);
      if (phase === 'rekenen')
        for (let r = 1; r <= rows; r++) {
          await options.pause?.();
          options.onProgress?.(r, rows);
        }
      await options.pause?.();
    }
    return 'geschreven';
  };
}

test('phases and the last row of the computing phase reach the pane', async () => {
  const phases: string[] = [];
  const progress: JobProgress[] = [];
  const done = await runJob(runner(), job(3), { onPhase: (p) => phases.push(p), onProgress: (p) => progress.push(p) });
  expect(done).toBe('geschreven');
  expect(phases).toEqual(['lezen', 'rekenen', 'schrijven']);
  // each phase at once; within a phase at most a few reports a second, but always the last row
  expect(progress.map((p) => p.phase)).toEqual(expect.arrayContaining(['lezen', 'rekenen', 'schrijven']));
  expect(progress).toContainEqual({ phase: 'rekenen', done: 3, total: 3 });
});

test.each(['lezen', 'rekenen'])('a cancel while %s stops the job before it writes', async (at) => {
  const controller = new AbortController();
  const phases: string[] = [];
  const run = runJob(
    runner(),
    job(3, (p) => p === at && controller.abort()),
    { signal: controller.signal, onPhase: (p) => phases.push(p) },
  );
  await expect(run).rejects.toThrow(RunCancelled);
  expect(phases).not.toContain('schrijven');
});

test('a cancel once writing started is too late: the job completes', async () => {
  const controller = new AbortController();
  const run = runJob(
    runner(),
    job(3, (p) => p === 'schrijven' && controller.abort()),
    { signal: controller.signal },
  );
  await expect(run).resolves.toBe('geschreven');
});
