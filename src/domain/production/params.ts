/** Resolving the herschikking parameters (defaults + overrides), with the same parser and Dutch errors as pack parameters. */
import { parseParameterValue, type PackError } from '../policy/load';
import type { ParameterValues } from '../policy/types';
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
