/**
 * The Herschikking tab's inputs: the policy (for the tariffs) with its parameters, the herschikking's own
 * parameters (the ones shown; the others keep their defaults and are on the sheet), and what they read as.
 */
import { useMemo, useState } from 'react';
import { missingBaseParameters, type MissingValue } from '../../../domain/policy/required';
import { resolveParameters } from '../../../domain/policy/load';
import type { ParameterDef, PolicyPack } from '../../../domain/policy/types';
import { HERSCHIK_PARAMETERS, resolveHerschikParameters } from '../../../domain/production';
import { listPacks } from '../../../policies';

/** The herschikking parameters shown in the pane. */
export const SHOWN = [
  'peildatum',
  'contracteerruimte.VV',
  'contracteerruimte.GZ',
  'contracteerruimte.GGZ',
  'extrapolatie',
  'korting',
  'marge_onzekerheid',
  'crisis_bezetting',
];

function text(def: ParameterDef): string {
  if (def.default === null || def.default === undefined) return '';
  return typeof def.default === 'boolean' ? (def.default ? 'ja' : 'nee') : String(def.default).replace('.', ',');
}

const textsOf = (defs: Readonly<Record<string, ParameterDef>>, names = Object.keys(defs)) => Object.fromEntries(names.map((n) => [n, text(defs[n])]));

/** A parameter's error in a list of parameter errors. */
export const errorOf = (list: ReadonlyArray<{ pointer: string; message: string }>, name: string) =>
  list.find((e) => e.pointer === `/parameters/${name}`)?.message;

export interface HerschikParameters {
  packs: PolicyPack[];
  packId: string;
  pack: PolicyPack | undefined;
  packValues: Record<string, string>;
  setPackValue(name: string, text: string): void;
  values: Record<string, string>;
  setValue(name: string, text: string): void;
  packResolved: ReturnType<typeof resolveParameters> | undefined;
  resolved: ReturnType<typeof resolveHerschikParameters>;
  /** Values the herschikking cannot do without (the base percentage). */
  missing: MissingValue[];
  choosePack(id: string): void;
  /** The steps the user opened (a step with an error opens by itself). */
  open: string[];
  setOpen(open: string[]): void;
}

export function useHerschikParameters(onChoose: () => void): HerschikParameters {
  const packs = useMemo(() => listPacks(), []);
  const [packId, setPackId] = useState('');
  const pack = packs.find((p) => p.id === packId);
  const [packValues, setPackValues] = useState<Record<string, string>>({});
  const [values, setValues] = useState<Record<string, string>>(() => textsOf(HERSCHIK_PARAMETERS, SHOWN));
  const [open, setOpen] = useState<string[]>([]);
  const packResolved = useMemo(() => (pack ? resolveParameters(pack, packValues) : undefined), [pack, packValues]);
  const resolved = useMemo(() => resolveHerschikParameters(values), [values]);
  const missing = useMemo(() => (pack && packResolved ? missingBaseParameters(pack, packResolved.values) : []), [pack, packResolved]);

  const choosePack = (id: string) => {
    setPackId(id);
    const p = packs.find((x) => x.id === id);
    const initial = p ? textsOf(p.parameters) : {};
    setPackValues(initial);
    onChoose();
    // a required value that is empty opens its step, once, when the policy is chosen (it does not fold while the user types)
    if (p && missingBaseParameters(p, resolveParameters(p, initial).values).length) setOpen((o) => [...new Set([...o, 'beleid'])]);
  };
  return {
    packs,
    packId,
    pack,
    packValues,
    setPackValue: (n, v) => setPackValues((o) => ({ ...o, [n]: v })),
    values,
    setValue: (n, v) => setValues((o) => ({ ...o, [n]: v })),
    packResolved,
    resolved,
    missing,
    choosePack,
    open,
    setOpen,
  };
}
