/**
 * The values a run cannot do without: the parameters an unconditional `set` rule takes (the base percentage of
 * every row no other rule sets, such as the richttarief). Without one, no such row gets a tariff; a run that
 * needs tariffs for every row (the herschikking) is blocked until it is filled in.
 */
import type { ParameterValues, PolicyPack, ValueRef } from './types';

function paramOf(ref: ValueRef): string | undefined {
  return typeof ref === 'object' && 'param' in ref ? ref.param : undefined;
}

export function baseParameters(pack: PolicyPack): string[] {
  const names = pack.rules.flatMap((r) => ('set' in r.effect && !r.when && !r.jaren ? [paramOf(r.effect.set)] : []));
  return [...new Set(names.filter((n): n is string => !!n && n in pack.parameters))];
}

export interface MissingValue {
  name: string;
  label: string;
  /** Dutch: why the run needs it. */
  reason: string;
}

/** The base parameters without a value in `values` (resolved parameters; null = not set). */
export function missingBaseParameters(pack: PolicyPack, values: ParameterValues): MissingValue[] {
  return baseParameters(pack)
    .filter((n) => values[n] === null || values[n] === undefined)
    .map((name) => ({
      name,
      label: pack.parameters[name].label,
      reason: `"${pack.parameters[name].label}" is niet ingevuld: zonder dit basispercentage krijgen de meeste productieregels geen tarief en tellen ze niet mee.`,
    }));
}
