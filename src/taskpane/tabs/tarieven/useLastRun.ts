/**
 * What was applied last time (a colleague's run in a shared workbook) and whether the inputs changed since. On
 * opening, a recorded run also chooses its pack and parameters, unless the user already chose one.
 */
import { useEffect, useRef, useState } from 'react';
import type { LastRunState as Recorded } from '../../jobs/calculation';
import type { Workbench } from '../../lazy';
import type { PortRunner } from '../../office-port';
import type { Restored } from '../../restore';
import type { Policy } from './usePolicy';

export type LastRunState = Recorded | undefined;

/** What the tab keeps of a restored run. */
const recorded = ({ run, changed, reviewColumns }: Restored): Recorded => ({ run, changed, reviewColumns });

export function useLastRun(runner: PortRunner | undefined, wb: Workbench | undefined, policy: Policy) {
  const [lastRun, setLastRun] = useState<LastRunState>();
  // read when the restore ends, not a reason to restore again
  const latest = useRef(policy);
  useEffect(() => {
    latest.current = policy;
  });
  useEffect(() => {
    if (!runner || !wb) return;
    let live = true;
    runner((port) => wb.restoreLastRun(port, latest.current.packs))
      .then((found) => {
        if (!live) return;
        setLastRun(found && recorded(found));
        if (found?.own) latest.current.addOwn(found.pack, false);
        if (found && !latest.current.packId)
          latest.current.choose(found.pack.id, { ...wb.defaults(found.pack), ...wb.recordedParameters(found.pack, found.run) });
      })
      .catch(() => live && setLastRun(undefined));
    return () => {
      live = false;
    };
  }, [runner, wb]);

  /**
   * After a run broken off while writing: its record says "onvolledig" (or, when only the answer was lost, "voltooid");
   * show that as on opening the pane, with the run's review columns (a verdict typed there does not outdate it).
   */
  const reread = () => {
    if (!runner || !wb) return;
    runner(async (port) => {
      const found = await wb.restoreLastRun(port, latest.current.packs);
      if (found) return recorded(found);
      // a pack the pane does not have: what the record says, without its columns
      const run = await wb.readLastRun(port);
      return run && { run, changed: !run.complete, reviewColumns: [] };
    })
      .then((state) => state && setLastRun(state))
      .catch(() => undefined);
  };
  return { lastRun, setLastRun, reread };
}
