/** Resolving the herschikking parameters (defaults + overrides), with the same parser and Dutch errors as pack parameters. */
import { parseParameterValue, type PackError } from '../policy/load';
import { formatEuro, formatNumber, formatPercentage, formatPoints } from '../money';
import type { ParameterDef, ParameterValues, PolicyPack } from '../policy/types';
import { normalizeSector } from '../prestaties';
import { HERSCHIK_PARAMETERS } from './rules';

/** "contracteerruimte.ggz", "contracteerruimte.V&V" → "contracteerruimte.GGZ", "contracteerruimte.VV"; other names unchanged. */
export function canonicalParameterName(name: string): string {
  const m = /^contracteerruimte[._ ](.+)$/i.exec(name.trim());
  if (!m) return name.trim();
  const s = normalizeSector(m[1]);
  return s ? `contracteerruimte.${s}` : name.trim();
}

export function isHerschikName(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(HERSCHIK_PARAMETERS, canonicalParameterName(name)) || /^contracteerruimte[._ ]/i.test(name.trim());
}

export function resolveHerschikParameters(overrides: Record<string, unknown> = {}): { values: ParameterValues; errors: PackError[] } {
  const values: ParameterValues = {};
  const errors: PackError[] = [];
  for (const [name, def] of Object.entries(HERSCHIK_PARAMETERS)) {
    const parsed = parseParameterValue(def, def.default);
    values[name] = parsed.ok ? parsed.value : null;
  }
  for (const [raw, v] of Object.entries(overrides)) {
    const name = canonicalParameterName(raw);
    const def = HERSCHIK_PARAMETERS[name];
    if (!def) {
      errors.push({
        pointer: `/parameters/${raw}`,
        place: `parameter ${raw}`,
        message: `onbekende herschikkingsparameter; bekend zijn: ${Object.keys(HERSCHIK_PARAMETERS).join(', ')}`,
      });
      continue;
    }
    const parsed = parseParameterValue(def, v);
    if (parsed.ok) values[name] = parsed.value;
    else errors.push({ pointer: `/parameters/${name}`, place: `parameter ${name}`, message: parsed.reason });
  }
  return { values, errors };
}

/** "96%", "€ 10.100.000,00", "30-06-2025": a parameter value as a user reads it. */
export function formatParameterValue(def: ParameterDef, raw: string): string {
  const parsed = parseParameterValue(def, raw);
  if (!parsed.ok || parsed.value === null) return raw;
  const v = parsed.value;
  if (typeof v === 'boolean') return v ? 'ja' : 'nee';
  if (typeof v === 'string') return def.type === 'date' ? v.split('-').reverse().join('-') : v.replace(/_/g, ' ');
  if (def.type === 'percentage') return formatPercentage(v);
  if (def.type === 'points') return formatPoints(v);
  return def.label.includes('(€)') ? formatEuro(v) : formatNumber(v);
}

/**
 * A scenario in the user's words: the other policy by its title (or "hetzelfde beleid") and each changed value
 * by its label: "hetzelfde beleid, met Richttarief 96%".
 */
export function scenarioLabel(base: PolicyPack, other: PolicyPack, assignments: Record<string, string>): string {
  const changed = Object.entries(assignments).map(([raw, value]) => {
    const name = canonicalParameterName(raw);
    const def = other.parameters[raw] ?? HERSCHIK_PARAMETERS[name];
    return def ? `${def.label} ${formatParameterValue(def, value)}` : `${raw} ${value}`;
  });
  const policy = other === base || other.id === base.id ? 'hetzelfde beleid' : other.title;
  return changed.length ? `${policy}, met ${changed.join(', ')}` : policy;
}
