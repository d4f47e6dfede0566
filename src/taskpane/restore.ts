/**
 * What the pane shows on opening a workbook: the recorded run, whether its inputs changed since, and the pack it
 * used — a shipped one, or the workbook's own policy sheet when that holds the recorded pack (a team that keeps
 * policy and data in one workbook). The policy-sheet reader loads on demand (its own chunk, with the YAML parser).
 */
import type { PolicyPack } from '../domain/policy/types';
import { checkLastRun, readLastRun, type LastRun } from '../workbook/jobs/last-run';
import { isPolicySheet } from '../workbook/headers';
import type { WorkbookPort } from '../workbook/port';

export interface Restored {
  run: LastRun;
  changed: boolean;
  /** The sheet columns of the run's review cells (a verdict typed there does not outdate the run). */
  reviewColumns: number[];
  pack: PolicyPack;
  /** The pack came from the workbook's policy sheet, not from the shipped ones. */
  own: boolean;
}

export async function restoreLastRun(port: WorkbookPort, known: readonly PolicyPack[]): Promise<Restored | undefined> {
  const run = await readLastRun(port);
  if (!run) return undefined;
  let pack = known.find((p) => p.id === run.packId);
  let own = false;
  if (!pack) {
    const sheet = (await port.sheetNames()).find(isPolicySheet);
    if (sheet) {
      const [{ loadPackFromSheet }, { SHIPPED_RESOLVER }] = await Promise.all([
        import(/* webpackChunkName: "pack-loader" */ '../workbook/policy-sheet'),
        import(/* webpackChunkName: "pack-loader" */ '../policies'),
      ]);
      const loaded = await loadPackFromSheet(port, sheet, SHIPPED_RESOLVER);
      if (loaded.pack?.id === run.packId) {
        pack = loaded.pack;
        own = true;
      }
    }
  }
  if (!pack) return undefined;
  return { run, ...(await checkLastRun(port, pack, run)), pack, own };
}
