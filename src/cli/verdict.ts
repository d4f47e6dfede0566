/** How a command says its outcome (domain/outcome.ts): the first summary lines, and the refusals before a run. */
import type { Verdict } from '../domain/outcome';
import { missingBaseParameters } from '../domain/policy/required';
import type { ParameterValues, PolicyPack } from '../domain/policy/types';
import { InputError } from '../workbook/errors';

const PREFIX: Record<Verdict['outcome'], string> = { goed: 'Uitkomst', aandacht: 'Let op', fout: 'Fout' };

/** "Let op: 2 rijen zonder tarief." and one indented line per reason. */
export function verdictLines(verdict: Verdict): string[] {
  return [`${PREFIX[verdict.outcome]}: ${verdict.title}.`, ...verdict.reasons.map((x) => `  - ${x}`)];
}

/** Nothing usable: nothing is written, and the reason is the error (exit code 1). */
export function nothingUsable(verdict: Verdict): InputError {
  return new InputError(`${verdict.title}. ${verdict.reasons.join(' ')} Er is niets geschreven.`);
}

/** The base percentage (the richttarief) must have a value before any row is read: without it most rows get no tariff. */
export function requireBaseParameters(pack: PolicyPack, values: ParameterValues): void {
  const missing = missingBaseParameters(pack, values);
  if (missing.length) throw new InputError(missing.map((m) => `${m.reason} Geef het met --set ${m.name}=…`).join('\n'));
}
