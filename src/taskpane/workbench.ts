/**
 * What the Tarieven tab needs beyond its first screen: the policy packs, parameter checking, the engine with
 * the prestatie list, and the workbook jobs. One chunk, loaded when the pane opens (in parallel with its first
 * render), so the entry script stays small (budget in test/taskpane/browser.test.ts).
 */
export { listPacks } from '../policies';
export { resolveParameters } from '../domain/policy/load';
export { annotateWorkbook, readRowExplanation } from '../workbook/jobs/annotate';
export { RunCancelled } from '../workbook/jobs/job';
export { detectLayout } from '../workbook/jobs/layout';
export { readLastRun, recordedParameters } from '../workbook/jobs/last-run';
export { readReviewCounts } from '../workbook/jobs/review';
export { InputError } from '../workbook/errors';
export { restoreLastRun } from './restore';
export { calculate } from './jobs/calculation';
export { runJob } from './jobs/run-job';
import { dec, formatNumber } from '../domain/money';
import type { ParameterDef, PolicyPack } from '../domain/policy/types';

/** A parameter's default as the user types it: Dutch decimals, ja/nee, empty for "niet ingesteld". */
export function defaultText(def: ParameterDef): string {
  const v = def.default;
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'ja' : 'nee';
  if (typeof v === 'number') return formatNumber(dec(v), 0, 10);
  return v;
}

export function defaults(pack: PolicyPack | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (pack) for (const [name, def] of Object.entries(pack.parameters)) out[name] = defaultText(def);
  return out;
}
export { affectsRun, reviewOnly, rowShows, sameRun } from './row-check';
export { failureText } from './failure';
export { missingBaseParameters } from '../domain/policy/required';
