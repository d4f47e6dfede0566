/**
 * Procedures for herberekening and hardheidsclausule as data (procedures/*.json), one per policy pack whose
 * seed describes them, each rule with its citation. Where a seed says nothing (no herberekening in 002,
 * no deadline), the procedure leaves it out and the assessment says so.
 */
import type { ParameterDef, ParameterValues } from '../policy/types';
import { parseParameterValue } from '../policy/load';
import type { Citation } from '../types';
import zkGgz2025 from './procedures/zk-ggz-2025.json';
import landelijk2022 from './procedures/landelijk-2022.json';

export interface ProcedureRule {
  description: string;
  source: Citation;
  /** Where the rule rests on a reading of the text: what was read and why. */
  interpretation?: string;
}

export interface DocumentDef {
  id: string;
  label: string;
  aliases: string[];
  /** Required for the request to be complete; optional documents are only reported. */
  required: boolean;
  rule: string;
}

export interface CriterionDef {
  id: string;
  /** Phrased so that "ja" supports the request. */
  label: string;
  aliases: string[];
  /** A core criterion: "nee" means the request fails; the others are weighed. */
  kern: boolean;
  rule: string;
}

export interface RouteDef {
  documents: DocumentDef[];
  criteria: CriterionDef[];
}

export interface Procedure {
  id: string;
  /** Policy packs (ids) this procedure belongs to. */
  policies: string[];
  title: string;
  zorgkantoor: string;
  inkoopjaar: number;
  document: string;
  parameters: Record<string, ParameterDef>;
  rules: Record<string, ProcedureRule>;
  herberekening: RouteDef | null;
  hardheidsclausule: RouteDef | null;
}

const PROCEDURES = [zkGgz2025, landelijk2022] as unknown as Procedure[];

export function listProcedures(): Procedure[] {
  return PROCEDURES;
}

/** The procedure for a policy pack, or undefined when its seed has no rules for these routes. */
export function procedureForPolicy(policyId: string): Procedure | undefined {
  return PROCEDURES.find((p) => p.policies.includes(policyId));
}

/** Every citation of a procedure, labelled, for the citation test and the documentation. */
export function procedureCitations(p: Procedure): Array<[string, Citation]> {
  const out: Array<[string, Citation]> = [];
  for (const [name, def] of Object.entries(p.parameters)) if (def.source) out.push([`parameter ${name}`, def.source]);
  for (const [id, r] of Object.entries(p.rules)) out.push([`regel ${id}`, r.source]);
  return out;
}

export interface ParameterError {
  name: string;
  message: string;
}

/** Defaults with the user's overrides; unknown names and unreadable values are errors. */
export function resolveProcedureParameters(p: Procedure, overrides: Record<string, unknown> = {}): { values: ParameterValues; errors: ParameterError[] } {
  const values: ParameterValues = {};
  const errors: ParameterError[] = [];
  for (const [name, def] of Object.entries(p.parameters)) {
    const parsed = parseParameterValue(def, def.default);
    values[name] = parsed.ok ? parsed.value : null;
  }
  for (const [name, raw] of Object.entries(overrides)) {
    const def = p.parameters[name];
    if (!def) {
      errors.push({ name, message: `onbekende parameter; deze procedure kent: ${Object.keys(p.parameters).join(', ')}` });
      continue;
    }
    const parsed = parseParameterValue(def, raw);
    if (parsed.ok) values[name] = parsed.value;
    else errors.push({ name, message: parsed.reason });
  }
  return { values, errors };
}
