/**
 * The explanation of the selected row: from this session's run while the row's cells still hold it, else from
 * the output columns in the sheet. A row clicked under a signal opens its explanation there (`via`).
 */
import { useEffect, useRef, useState } from 'react';
import type { AnnotateOutcome } from '../../../workbook/jobs/annotate';
import { loadWorkbench } from '../../lazy';
import type { Host } from '../../office-port';
import type { SelectedRow } from './Result';

export interface RowExplanation {
  selected: SelectedRow | undefined;
  clear(): void;
  /** A row button under a signal: select the row in the sheet and explain it there. */
  select: ((sheet: string, row: number, via: string) => void) | undefined;
}

export function useRowExplanation(
  host: Host | undefined,
  outcome: AnnotateOutcome | undefined,
  stale: { markStale: () => void; check: () => void },
): RowExplanation {
  const [selected, setSelected] = useState<SelectedRow | undefined>();
  const outcomeRef = useRef(outcome);
  useEffect(() => {
    outcomeRef.current = outcome;
  }, [outcome]);
  const viaRef = useRef<{ sheet: string; row: number; via: string } | undefined>(undefined);
  const explainRow = useRef<(sheet: string, row: number, via?: string) => void>(() => undefined);
  const { markStale, check } = stale;
  useEffect(() => {
    if (!host) return;
    let unsubscribe: (() => Promise<void>) | undefined;
    let live = true;
    explainRow.current = (sheet, row, via) => {
      loadWorkbench()
        .then(async (w) => {
          const read = await host.runner((port) => w.readRowExplanation(port, sheet, row));
          if (!live) return;
          const result = outcomeRef.current?.run.results.find((r) => r.ref === `${sheet}!${row + 1}`);
          if (result && !w.rowShows(result, read)) {
            markStale();
            return setSelected({ sheet, row, read, via, differs: true });
          }
          setSelected(result ? { sheet, row, result, via } : read ? { sheet, row, read, via } : undefined);
        })
        .catch(() => live && setSelected(undefined));
    };
    host
      .onSelection(({ sheet, row }) => {
        const clicked = viaRef.current;
        explainRow.current(sheet, row, clicked && clicked.sheet === sheet && clicked.row === row ? clicked.via : undefined);
        check();
      })
      .then((off) => {
        unsubscribe = off;
        if (!live) void off();
      })
      .catch(() => undefined);
    return () => {
      live = false;
      void unsubscribe?.();
    };
  }, [host, markStale, check]);

  const select = host
    ? (sheet: string, row: number, via: string) => {
        viaRef.current = { sheet, row, via };
        explainRow.current(sheet, row, via);
        void host.selectRow(sheet, row);
      }
    : undefined;
  return { selected, clear: () => setSelected(undefined), select };
}
