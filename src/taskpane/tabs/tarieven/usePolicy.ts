/**
 * The Tarieven tab's policy and its parameter texts: the shipped packs and the ones the user loaded from a file or a
 * sheet in this session (the user's own first; one with a shipped pack's id takes its place), the chosen one, and
 * what its parameters read as (errors per field, values the run cannot do without).
 */
import { useMemo, useState } from 'react';
import { titlesOf } from '../../../domain/documents';
import type { MissingValue } from '../../../domain/policy/required';
import type { PolicyPack } from '../../../domain/policy/types';
import type { Workbench } from '../../lazy';

function withOwn(own: PolicyPack[], shipped: PolicyPack[]): PolicyPack[] {
  return [...own, ...shipped.filter((p) => !own.some((o) => o.id === p.id))];
}

export interface Policy {
  packs: PolicyPack[];
  packId: string;
  pack: PolicyPack | undefined;
  titles: Readonly<Record<string, string>> | undefined;
  values: Record<string, string>;
  setValue(name: string, text: string): void;
  /** Choose a pack with its defaults, or with `values` (as a recorded run had them). */
  choose(id: string, values?: Record<string, string>): void;
  /** A pack the user loaded (or the workbook's own): added, or in place of the one with its id. */
  addOwn(pack: PolicyPack, choose: boolean): void;
  resolved: ReturnType<Workbench['resolveParameters']> | undefined;
  errorsByName: Record<string, string>;
  /** A value the run cannot do without (the richttarief), as in the Herschikking tab: the run waits for it. */
  missing: MissingValue[];
}

export function usePolicy(wb: Workbench | undefined): Policy {
  const [own, setOwn] = useState<PolicyPack[]>([]);
  const packs = useMemo(() => withOwn(own, wb?.listPacks() ?? []), [own, wb]);
  const [packId, setPackId] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const pack = packs.find((p) => p.id === packId);
  const titles = useMemo(() => titlesOf(pack?.sources), [pack]);
  const resolved = useMemo(() => (pack && wb ? wb.resolveParameters(pack, values) : undefined), [pack, values, wb]);
  const errorsByName = useMemo(() => Object.fromEntries((resolved?.errors ?? []).map((e) => [e.pointer.replace('/parameters/', ''), e.message])), [resolved]);
  const missing = useMemo(() => (pack && wb && resolved ? wb.missingBaseParameters(pack, resolved.values) : []), [pack, wb, resolved]);

  const choose = (id: string, chosen?: Record<string, string>) => {
    setPackId(id);
    setValues(chosen ?? (wb ? wb.defaults(packs.find((p) => p.id === id)) : {}));
  };
  const addOwn = (loaded: PolicyPack, andChoose: boolean) => {
    setOwn((old) => [...old.filter((p) => p.id !== loaded.id), loaded]);
    if (andChoose) choose(loaded.id, wb ? wb.defaults(loaded) : {});
  };
  return {
    packs,
    packId,
    pack,
    titles,
    values,
    setValue: (name, text) => setValues((old) => ({ ...old, [name]: text })),
    choose,
    addOwn,
    resolved,
    errorsByName,
    missing,
  };
}
