/** From percentage to tariff: the row's NZa-maximumtarief, checked, times the percentage, rounded to cents. */
import { flag } from './flags';
import { applyPercentage, D, type Dec, formatEuro, formatEuroExact, formatPercentage, isRoundingMode, ROUNDING_LABELS, type RoundingMode } from './money';
import { shortCell } from './parse';
import type { ParameterValues } from './policy/types';
import type { RowContext } from './row-context';
import type { RowResult } from './row-result';

/** From here a tariff in cents has more than Excel's 15 significant digits (10^13 euro = 10^15 cents). */
const MAX_WRITABLE_TARIFF = new D('1e13');
/** Far above any Wlz tariff per day, hour or week (the highest are a few hundred euro). */
const HIGH_TARIFF = new D(100_000);

/**
 * The row's NZa-maximumtarief when it can price the row: missing, unreadable, not positive or too large for Excel
 * to hold in cents gives none (flagged); an unusually high one is used and flagged. Its own flags say more than the
 * generic "unreadable value".
 */
export function readMaximumtarief(ctx: RowContext): Dec | undefined {
  const max = ctx.field('maximumtarief', false);
  if (max.state === 'missing') {
    ctx.addFlag(flag('MAXIMUMTARIEF_ONTBREEKT', 'Geen NZa-maximumtarief in de rij of de tarieventabel; het percentage is berekend, het tarief niet.'));
    return undefined;
  }
  if (max.state === 'invalid') {
    ctx.addFlag(flag('MAXIMUMTARIEF_ONLEESBAAR', `NZa-maximumtarief is onleesbaar (${max.reason}); het tarief is niet berekend.`));
    return undefined;
  }
  if (typeof max.value !== 'object') return undefined;
  if (max.value.lessThanOrEqualTo(0)) {
    ctx.addFlag(flag('MAXIMUMTARIEF_ONGELDIG', `NZa-maximumtarief ${formatEuro(max.value)} is niet positief; het tarief is niet berekend.`));
    return undefined;
  }
  if (max.value.greaterThanOrEqualTo(MAX_WRITABLE_TARIFF)) {
    ctx.addFlag(
      flag(
        'MAXIMUMTARIEF_TE_GROOT',
        `NZa-maximumtarief ${shortCell(max.value.toFixed())} is te groot: Excel bewaart 15 cijfers, dus een tarief in centen vanaf € 10.000.000.000.000 kan niet juist geschreven worden. Het tarief is niet berekend; controleer het bedrag.`,
      ),
    );
    return undefined;
  }
  if (max.value.greaterThan(HIGH_TARIFF)) {
    ctx.addFlag(
      flag(
        'MAXIMUMTARIEF_HOOG',
        `NZa-maximumtarief ${formatEuro(max.value)} is ongewoon hoog: Wlz-tarieven per dag, uur of week liggen ver onder ${formatEuro(HIGH_TARIFF)}. Het tarief is berekend; controleer het bedrag.`,
      ),
    );
  }
  return max.value;
}

/**
 * The tariff: maximumtarief × percentage rounded to cents as the parameters say; a tariff of € 0,00 from a non-zero
 * percentage is refused, and a contracted tariff that differs from the computed one is flagged.
 */
export function priceRow(ctx: RowContext, result: RowResult, maximumtarief: Dec, percentage: Dec): void {
  const mode = roundingMode(ctx.params);
  const { rounded } = applyPercentage(maximumtarief, percentage, mode);
  if (rounded.isZero() && !percentage.isZero()) {
    // e.g. a maximumtarief of 0,0000001: a tariff of € 0,00 is never what the row meant.
    ctx.addFlag(
      flag(
        'TARIEF_NUL',
        `Het tarief komt op ${formatEuro(rounded)} uit (${formatEuroExact(maximumtarief)} × ${formatPercentage(percentage)}, afgerond op centen): het NZa-maximumtarief is te klein. Er is geen tarief geschreven; controleer het bedrag.`,
      ),
    );
  } else {
    result.tarief = rounded;
    result.steps.push({
      kind: 'tarief',
      value: rounded,
      text: `Tarief = ${formatEuroExact(maximumtarief)} × ${formatPercentage(percentage)} = ${formatEuro(rounded)} (${ROUNDING_LABELS[mode]} op centen)`,
    });
  }
  const contracted = ctx.field('gecontracteerdTarief');
  if (result.tarief && contracted.state === 'value' && typeof contracted.value === 'object' && !contracted.value.equals(rounded)) {
    const diff = contracted.value.minus(rounded);
    ctx.addFlag(
      flag(
        'GECONTRACTEERD_WIJKT_AF',
        `Gecontracteerd tarief ${formatEuro(contracted.value)} wijkt ${diff.isPositive() ? '+' : ''}${formatEuro(diff)} af van het berekende tarief ${formatEuro(rounded)}.`,
      ),
    );
  }
}

function roundingMode(params: ParameterValues): RoundingMode {
  const v = params.afronding;
  return isRoundingMode(v) ? v : 'rekenkundig';
}
