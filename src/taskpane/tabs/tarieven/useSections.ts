/**
 * Parameters and columns: folded while complete and valid, open at a problem. Decided when a pack is chosen or its
 * columns are found (not while the user types: a section must not fold under the cursor); errors always open the
 * parameters. The fields that needed attention when the pack was chosen stay first, the others behind a button.
 */
import { useState } from 'react';
import type { PolicyPack } from '../../../domain/policy/types';
import type { Workbench } from '../../lazy';
import type { Columns } from './useColumns';
import type { Policy } from './usePolicy';

export type Section = 'parameters' | 'kolommen';

export interface Sections {
  openItems: Section[];
  toggle(open: readonly unknown[]): void;
  /** The field needs attention: empty when the pack was chosen, unreadable, or required and empty now. */
  needs(name: string): boolean;
  allParams: boolean;
  showAllParams(): void;
}

export function useSections(wb: Workbench | undefined, policy: Policy, columns: Columns): Sections {
  const { pack, values, resolved, errorsByName, missing } = policy;
  const [toggled, setToggled] = useState<Partial<Record<Section, boolean>>>({});
  const [attention, setAttention] = useState<string[]>([]);
  const [allParams, setAllParams] = useState(false);
  // once per chosen pack, from the values at that moment (adjusting state while rendering, as React's docs advise
  // for state that follows a prop: https://react.dev/learn/you-might-not-need-an-effect)
  const [decidedFor, setDecidedFor] = useState<PolicyPack | undefined>();
  if (pack && wb && pack !== decidedFor) {
    const empty = Object.entries(wb.defaults(pack))
      .filter(([n, v]) => !(values[n] ?? v).trim())
      .map(([n]) => n);
    setDecidedFor(pack);
    setAttention(empty);
    setAllParams(false);
    setToggled((t) => ({ ...t, parameters: empty.length > 0, kolommen: undefined }));
  }
  const isOpen = (s: Section) =>
    (s === 'parameters' && !!resolved?.errors.length) || (toggled[s] ?? (s === 'kolommen' && !!columns.layout && !columns.complete));
  return {
    openItems: (['parameters', 'kolommen'] as Section[]).filter(isOpen),
    toggle: (open) => setToggled({ parameters: open.includes('parameters'), kolommen: open.includes('kolommen') }),
    needs: (name) => attention.includes(name) || name in errorsByName || missing.some((m) => m.name === name),
    allParams,
    showAllParams: () => setAllParams(true),
  };
}
