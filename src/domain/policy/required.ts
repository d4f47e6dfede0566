/**
 * The values a run cannot do without: the parameters an unconditional `set` rule takes (the base percentage of
 * every row no other rule sets, such as the richttarief). Without one, no such row gets a tariff; a run that
 * needs tariffs for every row (the herschikking) is blocked until it is filled in.
 */
import type { ParameterValues, PolicyPack, ValueRef } from './types';
import { coveredYears, isMultiYear, YEAR_SEPARATOR } from './years';

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

/**
 * The base parameters without a value in `values` (resolved parameters; null = not set). In a multi-year pack a
 * value for one inkoopjaar ("richttarief@2026") stands in for the general one in that year: a parameter is missing
 * only for the years that have neither, and the reason names them when it is not all of them.
 */
export function missingBaseParameters(pack: PolicyPack, values: ParameterValues): MissingValue[] {
  const years = isMultiYear(pack) ? coveredYears(pack) : [];
  const unset = (v: ParameterValues[string] | undefined) => v === null || v === undefined;
  const out: MissingValue[] = [];
  for (const name of baseParameters(pack)) {
    const label = pack.parameters[name].label;
    const yearKey = (y: number) => `${name}${YEAR_SEPARATOR}${y}`;
    const lacking = years.length
      ? years.filter((y) => unset(Object.prototype.hasOwnProperty.call(values, yearKey(y)) ? values[yearKey(y)] : values[name]))
      : unset(values[name])
        ? [undefined]
        : [];
    if (!lacking.length) continue;
    const some = years.length > 0 && lacking.length < years.length;
    const where = some ? ` voor ${lacking.join(' en ')}` : '';
    out.push({
      name,
      label,
      reason: `"${label}" is niet ingevuld${where}: zonder dit basispercentage krijgen de meeste productieregels${some ? ' van dat jaar' : ''} geen tarief en tellen ze niet mee.`,
    });
  }
  return out;
}
