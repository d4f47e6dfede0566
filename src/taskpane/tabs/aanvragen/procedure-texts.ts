/** A procedure's parameters as the user types them: Dutch decimals and dates, ja/nee, empty for "niet ingesteld". */
import { formatDate, type Procedure } from '../../../domain/assessments';
import { dec, formatNumber } from '../../../domain/money';
import type { ParameterDef } from '../../../domain/policy/types';

function defaultText(def: ParameterDef): string {
  const v = def.default;
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return formatNumber(dec(v), 0, 10);
  if (typeof v === 'boolean') return v ? 'ja' : 'nee';
  if (def.type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return formatDate(v);
  return v;
}

export function procedureDefaults(proc: Procedure | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (proc) for (const [name, def] of Object.entries(proc.parameters)) out[name] = defaultText(def);
  return out;
}
