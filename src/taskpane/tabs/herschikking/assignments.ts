/** The "Andere waarden" of Vergelijken: "richttarief=96; peildatum=2025-06-30", split over the pack and the herschikking. */
import type { PolicyPack } from '../../../domain/policy/types';

/** "richttarief=97,3; afronding=bankiers" → { richttarief: '97,3', afronding: 'bankiers' } */
export function parseAssignments(input: string): { values: Record<string, string>; error?: string } {
  const values: Record<string, string> = {};
  for (const part of input
    .split(/[;\n]/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const i = part.indexOf('=');
    if (i <= 0) return { values, error: `"${part}" is geen naam=waarde` };
    values[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return { values };
}

/** The values that are the pack's parameters, and the others (the herschikking's). */
export function splitAssignments(values: Record<string, string>, pack: PolicyPack): { pack: Record<string, string>; herschik: Record<string, string> } {
  const out = { pack: {} as Record<string, string>, herschik: {} as Record<string, string> };
  for (const [k, v] of Object.entries(values)) (k in pack.parameters ? out.pack : out.herschik)[k] = v;
  return out;
}
