/**
 * The floor of a rerun: `node build-bench/bench/rerun-floor.js IN.xlsx OUT.xlsx PACK RICHTTARIEF`. Annotate over a
 * workbook that already carries Tariefwijzer's columns, as the CLI does (same heap, windows and save), but without
 * comparing with them (AnnotateOptions.compare false): what reading and rewriting that larger workbook costs before
 * any comparison. A rerun's time against this is the comparison's own cost; against annotate's first run it is that
 * and the larger workbook together.
 */
import { configureHeap } from '../src/cli/heap';
import { openWorkbook, saveSafely } from '../src/cli/common';
import { resolveParameters } from '../src/domain/policy/load';
import { getPack } from '../src/policies';
import { annotateWorkbook } from '../src/workbook/jobs/annotate';
import { RERUN_WINDOW } from '../src/workbook/jobs/previous-run';

async function main(): Promise<void> {
  configureHeap();
  const [input, output, packId, richttarief] = process.argv.slice(2);
  const pack = getPack(packId);
  if (!pack) throw new Error(`onbekend beleid ${packId}`);
  const params = resolveParameters(pack, { richttarief }).values;
  const workbook = await openWorkbook(input);
  await annotateWorkbook(workbook, pack, params, { window: RERUN_WINDOW, rerunWindow: RERUN_WINDOW, keepResults: false, compare: false });
  await saveSafely(workbook, output);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
