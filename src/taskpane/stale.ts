/**
 * Whether a tab's result is still what the workbook holds. Marked outdated by a change the add-in did not make
 * (Host.onChange, Excel's changed events) or by a check when the pane is used again (`verify`: on the pane's
 * window getting the focus, and whenever the tab calls `check()`, e.g. on a selection): Excel does not document
 * that Ctrl+Z raises a changed event, so the check is what catches an undo. Every tab uses it: Tarieven (useCalculation),
 * Herschikking and Aanvragen (jobs/useSheetRun.ts, with run-record.ts), each with its own `relevant` and `verify`.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Host } from './office-port';
import type { WorkbookChange } from './workbook-changes';

export interface StaleOptions {
  /** There is a result to keep current (nothing is marked before the first result, nor while a run is busy). */
  watching: boolean;
  /** The change can affect the result (default: every change). */
  relevant?: (change: WorkbookChange) => boolean;
  /** Is the result still current? Asked when the pane is used again; false marks it outdated. */
  verify?: () => Promise<boolean>;
  /** Below ExcelApi 1.9 changes are watched per sheet: a new value subscribes again (a run may have added a sheet). */
  sheets?: unknown;
  /** Also run `verify` when the user selects other cells (Tarieven does so in its own selection handler). */
  checkOnSelection?: boolean;
  /** Told of every change the add-in did not make, relevant or not (Tarieven re-reads its review counts). */
  onChange?: (change: WorkbookChange) => void;
}

export interface StaleWatch {
  stale: boolean;
  markStale(): void;
  /** A new result (or a run starting): current, and checks started before it no longer count. */
  reset(): void;
  /** Run `verify` now. */
  check(): void;
}

export function useStaleWatch(host: Host | undefined, options: StaleOptions): StaleWatch {
  const [stale, setStale] = useState(false);
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });
  const generation = useRef(0);
  const perSheet = host && !host.features.workbookChanges ? options.sheets : undefined;

  useEffect(() => {
    if (!host) return;
    return subscribe(
      host.onChange((change) => {
        const o = latest.current;
        o.onChange?.(change);
        if (o.watching && (o.relevant?.(change) ?? true)) setStale(true);
      }),
    );
  }, [host, perSheet]);

  const check = useCallback(() => {
    const o = latest.current;
    if (!o.watching || !o.verify) return;
    const asked = generation.current;
    o.verify().then(
      (current) => !current && asked === generation.current && latest.current.watching && setStale(true),
      () => undefined,
    );
  }, []);

  useEffect(() => {
    if (!host) return;
    window.addEventListener('focus', check);
    return () => window.removeEventListener('focus', check);
  }, [host, check]);

  const onSelection = !!options.checkOnSelection;
  useEffect(() => {
    if (host && onSelection) return subscribe(host.onSelection(check));
  }, [host, onSelection, check]);

  const markStale = useCallback(() => setStale(true), []);
  const reset = useCallback(() => {
    generation.current++;
    setStale(false);
  }, []);
  return { stale, markStale, reset, check };
}

/** Keep a host subscription until the effect is cleaned up (also when that happens before it was made). */
function subscribe(made: Promise<() => Promise<void>>): () => void {
  let off: (() => Promise<void>) | undefined;
  let live = true;
  made
    .then((unsubscribe) => {
      off = unsubscribe;
      if (!live) void unsubscribe();
    })
    .catch(() => undefined);
  return () => {
    live = false;
    void off?.();
  };
}
