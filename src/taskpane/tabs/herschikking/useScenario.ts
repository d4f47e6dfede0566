/** Vergelijken: another policy or other values, read as a second scenario of the same herschikking. */
import { useMemo, useState } from 'react';
import { resolveParameters } from '../../../domain/policy/load';
import { resolveHerschikParameters, scenarioLabel } from '../../../domain/production';
import type { Scenario } from '../../../workbook/jobs/herschik';
import { parseAssignments, splitAssignments } from './assignments';
import type { HerschikParameters } from './useHerschikParameters';

export interface ScenarioChoice {
  packId: string;
  setPackId(id: string): void;
  assignments: string;
  setAssignments(text: string): void;
  scenario?: Scenario;
  error?: string;
}

export function useScenario({ pack, packs, packValues, values }: HerschikParameters): ScenarioChoice {
  const [packId, setPackId] = useState('');
  const [assignments, setAssignments] = useState('');
  const read = useMemo((): { scenario?: Scenario; error?: string } => {
    if (!pack || (!packId && !assignments.trim())) return {};
    const other = packs.find((p) => p.id === packId) ?? pack;
    const parsed = parseAssignments(assignments);
    if (parsed.error) return { error: parsed.error };
    const extra = splitAssignments(parsed.values, other);
    const carried = Object.fromEntries(Object.entries(packValues).filter(([k]) => k in other.parameters));
    const p = resolveParameters(other, { ...carried, ...extra.pack });
    const h = resolveHerschikParameters({ ...values, ...extra.herschik });
    const errors = [...p.errors, ...h.errors];
    if (errors.length) return { error: errors.map((e) => `${e.place}: ${e.message}`).join('; ') };
    const label = scenarioLabel(pack, other, parsed.values);
    return { scenario: { pack: other, packParams: p.values, params: h.values, label } };
  }, [pack, packs, packValues, values, packId, assignments]);
  return { packId, setPackId, assignments, setAssignments, ...read };
}
