/** The Tarieven tab's job: annotate the sheet, then read back the run it recorded (loaded with the workbench). */
import type { ParameterValues, PolicyPack } from '../../domain/policy/types';
import { annotateWorkbook, type AnnotateOutcome } from '../../workbook/jobs/annotate';
import { readLastRun, type LastRun } from '../../workbook/jobs/last-run';
import type { JobOptions } from '../../workbook/jobs/job';
import { type ColumnMapping } from '../../workbook/jobs/layout';
import type { WorkbookPort } from '../../workbook/port';

export interface CalculationInput {
  pack: PolicyPack;
  params: ParameterValues;
  mapping: ColumnMapping;
}

/** A recorded run as the Tarieven tab keeps it: changed since, and where its review cells are. */
export type LastRunState = { run: LastRun; changed: boolean; reviewColumns: number[] };

export interface CalculationResult {
  outcome: AnnotateOutcome;
  /** The run just recorded on the Tariefwijzer sheet (read back without re-reading the inputs). */
  last: LastRunState | undefined;
}

export async function calculate(port: WorkbookPort, input: CalculationInput, options: JobOptions): Promise<CalculationResult> {
  const outcome = await annotateWorkbook(port, input.pack, input.params, { ...options, mapping: input.mapping });
  const run = await readLastRun(port);
  return { outcome, last: run && { run, changed: false, reviewColumns: outcome.reviewColumns } };
}
