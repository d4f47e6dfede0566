/** The Aanvragen tab's procedure and its parameter texts, read as the procedure's values. */
import { useMemo, useState } from 'react';
import { resolveProcedureParameters, type Procedure } from '../../../domain/assessments';
import type { ParameterValues } from '../../../domain/policy/types';
import { procedureDefaults } from './procedure-texts';

export interface AssessParameters {
  procId: string;
  proc: Procedure | undefined;
  texts: Record<string, string>;
  /** The values to run with, when every text reads. */
  values: ParameterValues | undefined;
  /** Per parameter, why its text does not read. */
  errors: Record<string, string>;
  open: boolean;
  setOpen(open: boolean): void;
  choose(id: string): void;
  set(name: string, text: string): void;
}

export function useAssessParameters(procedures: Procedure[], onChoose: () => void): AssessParameters {
  const [procId, setProcId] = useState(procedures[0]?.id ?? '');
  const proc = procedures.find((p) => p.id === procId);
  const [texts, setTexts] = useState<Record<string, string>>(() => procedureDefaults(proc));
  const [open, setOpen] = useState(false);
  const resolved = useMemo(() => (proc ? resolveProcedureParameters(proc, texts) : undefined), [proc, texts]);
  const errors = Object.fromEntries((resolved?.errors ?? []).map((e) => [e.name, e.message]));
  return {
    procId,
    proc,
    texts,
    values: resolved && !resolved.errors.length ? resolved.values : undefined,
    errors,
    open,
    setOpen,
    choose: (id) => {
      setProcId(id);
      setTexts(procedureDefaults(procedures.find((p) => p.id === id)));
      onChoose();
    },
    set: (name, text) => setTexts((t) => ({ ...t, [name]: text })),
  };
}
