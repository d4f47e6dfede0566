/** Each sector in a herschikking: contracteerruimte, uitnutting, uncertainty, and the korting that sets the afspraken. */
import { readableRef, type Flag } from '../flags';
import { D, type Dec, formatEuro, ROUNDING_MODES } from '../money';
import type { Sector } from '../types';
import { cite, dec, formatPct, pct, pflag, project, sum, ZERO } from './figures';
import { monthLabel } from './months';
import { HERSCHIK_PARAMETERS, RULES } from './rules';
import type { HerschikInput, Line, MonthPoint, ProviderResult, Run, SectorResult } from './types';

export interface SectorContext extends Run {
  lines: Line[];
}

/**
 * One sector: its contracteerruimte, the expected production (extrapolated + toezeggingen) month by month, the
 * uitnutting and uncertainty, and the korting that brings the afspraken onto the contracteerruimte.
 */
export function sectorResult(sector: Sector, ps: ProviderResult[], ctx: SectorContext): SectorResult {
  const { input, lastMonth, year } = ctx;
  const params = input.params;
  const flags: Flag[] = [];
  const { cr, crBron } = contracteerruimte(sector, input);
  const realised = sum(ps.map((p) => p.realised));
  const extrapolated = sum(ps.map((p) => p.extrapolated));
  const toezeggingen = sum(ps.map((p) => p.toezegging));
  const verwacht = extrapolated.plus(toezeggingen);
  const maatwerk = ps.filter((p) => p.nieuw);
  const reserve = params.reservering_nieuwe_aanbieders !== 'nul';
  // Set aside for new providers: their toezeggingen (kept whole like anyone's) and, by default, their production.
  const reservering = sum(maatwerk.map((p) => (reserve ? p.extrapolated.plus(p.toezegging) : p.toezegging)));
  const trail: string[] = [
    `Geëxtrapoleerde goedgekeurde productie ${formatEuro(extrapolated)} (gerealiseerd ${formatEuro(realised)} t/m ${lastMonth ? monthLabel(lastMonth, year) : '—'})`,
    `toezeggingen ${formatEuro(toezeggingen)}`,
    `verwacht ${formatEuro(verwacht)}${cite(RULES.uitnuttingPerSector)}`,
  ];
  const result: SectorResult = {
    sector,
    contracteerruimte: cr,
    contracteerruimteBron: crBron,
    realised,
    extrapolated,
    toezeggingen,
    reservering,
    verwacht,
    tekort: ZERO,
    afsprakenTotaal: ZERO,
    months: monthPoints(ps, ctx, toezeggingen, cr),
    flags,
    explanation: '',
  };
  for (const p of maatwerk) {
    p.afspraak = null;
    p.explanation += `; afspraak: maatwerk${cite(RULES.maatwerk)}${reserve ? `, ${formatEuro(p.extrapolated)} productie gereserveerd (parameter “${HERSCHIK_PARAMETERS.reservering_nieuwe_aanbieders.label}”)` : ''}${p.toezegging.greaterThan(0) ? `, toezegging ${formatEuro(p.toezegging)} gereserveerd` : ''}`;
  }
  const regular = ps.filter((p) => !p.nieuw);
  if (!cr) {
    flags.push(
      pflag(
        'CONTRACTEERRUIMTE_ONTBREEKT',
        `Geen contracteerruimte voor ${sector}: geen uitnutting, korting of afspraak. Stel "contracteerruimte.${sector}" in of zet een cel "Contracteerruimte ${sector}" met het bedrag ernaast.`,
        RULES.definitiefKader,
      ),
    );
    for (const p of regular) p.explanation += '; geen afspraak: contracteerruimte ontbreekt';
    result.explanation = trail.join('; ') + '.';
    return result;
  }
  trail.push(`contracteerruimte ${formatEuro(cr)} (${crBron})`);
  result.uitnutting = cr.greaterThan(0) ? pct(verwacht, cr) : undefined;
  result.tekort = D.max(ZERO, verwacht.minus(cr));
  result.onzekerheid = extrapolated.greaterThan(0) ? pct(result.tekort, extrapolated) : ZERO;
  trail.push(
    `uitnutting ${formatPct(result.uitnutting)}`,
    `tekort ${formatEuro(result.tekort)}`,
    `onzekerheid ${formatPct(result.onzekerheid)} van de geëxtrapoleerde productie`,
  );
  flagUncertainty(sector, result.onzekerheid ?? ZERO, ctx, flags);
  const choice = applyKorting(regular, cr, reservering, ctx, result);
  result.afsprakenTotaal = sum(regular.map((p) => p.afspraak ?? ZERO));
  const landed = result.afsprakenTotaal.plus(reservering);
  if (choice === 'vast-percentage' && !landed.equals(cr) && verwacht.greaterThan(cr)) {
    flags.push(
      pflag(
        'NIET_OP_CONTRACTEERRUIMTE',
        `Met het vaste kortingspercentage komen de afspraken (${formatEuro(landed)}) niet precies op de contracteerruimte ${formatEuro(cr)} uit (verschil ${formatEuro(landed.minus(cr))}).`,
        RULES.korting,
      ),
    );
  }
  trail.push(
    `afspraken ${formatEuro(result.afsprakenTotaal)}${reservering.greaterThan(0) ? ` + reservering nieuwe aanbieders ${formatEuro(reservering)}` : ''}${result.kortingPercentage ? ` na korting ${formatPct(result.kortingPercentage, 4)}` : ''}`,
  );
  result.explanation = trail.join('; ') + '.';
  return result;
}

/** The sector's contracteerruimte and where it comes from: a parameter goes before a labelled cell. */
function contracteerruimte(sector: Sector, input: HerschikInput): { cr?: Dec; crBron?: string } {
  const fromParam = dec(input.params[`contracteerruimte.${sector}`]);
  const fromCell = input.contracteerruimteCells?.[sector];
  const cr = fromParam ?? fromCell?.value;
  const crBron = fromParam
    ? `parameter “${HERSCHIK_PARAMETERS[`contracteerruimte.${sector}`]?.label ?? `contracteerruimte ${sector}`}”`
    : fromCell
      ? readableRef(fromCell.where)
      : undefined;
  return { cr, crBron };
}

/** Month by month: the year prognosis as it looked with each month as the last one, and its uitnutting. */
function monthPoints(ps: ProviderResult[], ctx: SectorContext, toezeggingen: Dec, cr: Dec | undefined): MonthPoint[] {
  const months: MonthPoint[] = [];
  let cumulatief = ZERO;
  for (let m = 1; m <= ctx.lastMonth; m++) {
    const omzet = sum(ps.map((p) => p.months[m - 1]));
    cumulatief = cumulatief.plus(omzet);
    const proj = sum(ctx.lines.map((l) => project(l, m, ctx.method, ctx.nMonths, ctx.mode).omzet));
    const prognose = cumulatief.plus(proj).plus(toezeggingen);
    months.push({ month: m, omzet, cumulatief, prognose, uitnutting: cr && cr.greaterThan(0) ? pct(prognose, cr) : undefined });
  }
  return months;
}

/**
 * Uncertainty beyond the margin makes a tussentijdse herschikking the starting point (with great reserve when
 * measured before the cut-off month); within it, geld-volgt-klant stays.
 */
function flagUncertainty(sector: Sector, onz: Dec, ctx: SectorContext, flags: Flag[]): void {
  const { params } = ctx.input;
  const { lastMonth, year } = ctx;
  const marge = dec(params.marge_onzekerheid) ?? new D(1);
  if (onz.greaterThan(marge)) {
    flags.push(
      pflag(
        'TUSSENTIJDSE_HERSCHIKKING',
        `Onzekerheid ${formatPct(onz)} is groter dan de marge van ${formatPct(marge)}: een tussentijdse herschikking (vaste productieafspraken voor de sector ${sector}) is het uitgangspunt.`,
        RULES.tussentijds,
      ),
    );
  } else if (onz.greaterThan(0)) {
    flags.push(
      pflag('BINNEN_MARGE', `Onzekerheid ${formatPct(onz)} blijft binnen de marge van ${formatPct(marge)}: het geld-volgt-klant model blijft.`, RULES.marge),
    );
  }
  const cutoffMonth = dec(params.terughoudend_tot_maand)?.toNumber() ?? 6;
  const measured = ctx.peildatum ?? (lastMonth ? `${year}-${String(lastMonth).padStart(2, '0')}-28` : `${year}-01-01`);
  const cutoff = `${year}-${String(cutoffMonth).padStart(2, '0')}-01`;
  if (measured < cutoff && onz.greaterThan(marge)) {
    flags.push(
      pflag(
        'TERUGHOUDEND_VOOR_1_JUNI',
        `Peildatum ${ctx.peildatum ?? `(laatste maand ${monthLabel(lastMonth)})`} ligt vóór ${cutoff.split('-').reverse().join('-')}: het zorgkantoor is dan zeer terughoudend met omzetten, ook bij een tekort boven de marge.`,
        RULES.voor1Juni,
      ),
    );
  }
}

/**
 * Korting: toezeggingen whole, the reservation for maatwerk aside, the rest over the extrapolated production of the
 * regular providers, as the parameter chooses (none, a fixed percentage, or one percentage that lands exactly on
 * the contracteerruimte). Sets each provider's afspraak; returns the choice.
 */
function applyKorting(regular: ProviderResult[], cr: Dec, reservering: Dec, ctx: SectorContext, result: SectorResult): string {
  const { params } = ctx.input;
  const flags = result.flags;
  const P = sum(regular.map((p) => p.extrapolated));
  const regularToezeggingen = sum(regular.map((p) => p.toezegging));
  const available = cr.minus(regularToezeggingen).minus(reservering);
  const choice = String(params.korting ?? 'gelijk-percentage');
  if (available.isNegative()) {
    flags.push(
      pflag(
        'TOEZEGGINGEN_BOVEN_RUIMTE',
        `Toezeggingen (${formatEuro(regularToezeggingen)})${reservering.greaterThan(0) ? ` en de reservering voor nieuwe aanbieders (${formatEuro(reservering)})` : ''} zijn samen meer dan de contracteerruimte ${formatEuro(cr)}: er is geen ruimte voor productie; de productieafspraken zijn € 0.`,
        RULES.toezeggingen,
      ),
    );
    for (const p of regular) setProduction(p, ZERO, 'geen ruimte na toezeggingen');
    result.kortingPercentage = P.greaterThan(0) ? new D(100) : undefined;
  } else if (P.lessThanOrEqualTo(available) || choice === 'geen') {
    for (const p of regular) setProduction(p, p.extrapolated, 'geen korting');
    if (P.greaterThan(available))
      flags.push(
        pflag(
          'TEKORT_ZONDER_KORTING',
          `Tekort ${formatEuro(P.minus(available))} en korting = geen: de afspraken passen niet binnen de contracteerruimte.`,
          RULES.korting,
        ),
      );
  } else if (choice === 'vast-percentage') {
    const k = dec(params.korting_percentage) ?? ZERO;
    const factor = new D(100).minus(k).dividedBy(100);
    for (const p of regular)
      setProduction(
        p,
        p.extrapolated.times(factor).toDecimalPlaces(2, ROUNDING_MODES[ctx.mode]),
        `korting ${formatPct(k, 4)} (vast percentage)${cite(RULES.korting)}`,
      );
    result.kortingPercentage = k;
  } else {
    result.kortingPercentage = equalKorting(regular, available, P, cr, flags);
  }
  return choice;
}

/** One korting percentage for the whole sector, the afspraken rounded to cents by largest remainder so they land on what is available. */
function equalKorting(regular: ProviderResult[], available: Dec, P: Dec, cr: Dec, flags: Flag[]): Dec {
  const shares = distribute(
    regular.map((p) => ({ key: p.agb, amount: p.extrapolated })),
    available,
  );
  const k = new D(1).minus(available.dividedBy(P)).times(100);
  regular.forEach((p, i) =>
    setProduction(
      p,
      shares[i],
      `korting ${formatPct(k, 4)} over de geëxtrapoleerde productie ${formatEuro(p.extrapolated)} (één percentage voor de sector, afgerond op centen met de grootste-restmethode)${cite(RULES.korting)}`,
    ),
  );
  flags.push(
    pflag(
      'KORTING',
      `Middelen niet toereikend: korting ${formatPct(k, 4)} over de geëxtrapoleerde productie, zodat de sector op de contracteerruimte ${formatEuro(cr)} uitkomt.`,
      RULES.korting,
    ),
  );
  return k;
}

/** A provider's afspraak: its production after korting plus its toezegging, and the korting in €. */
function setProduction(p: ProviderResult, production: Dec, why: string): void {
  p.korting = p.extrapolated.minus(production);
  p.afspraak = production.plus(p.toezegging);
  p.explanation += `; ${why}; afspraak ${formatEuro(production)} + toezegging ${formatEuro(p.toezegging)} = ${formatEuro(p.afspraak)}`;
}

/**
 * Split `total` (cents) over the amounts in proportion, exactly: everyone gets the floor of their share in
 * cents, and the cents left go one each to the largest remainders, ties by key (AGB-code) ascending. The parts
 * add up to `total`, and no part exceeds its amount when total ≤ the sum of the amounts.
 */
export function distribute(items: ReadonlyArray<{ key: string; amount: Dec }>, total: Dec): Dec[] {
  const cents = items.map((x) => x.amount.times(100).toDecimalPlaces(0));
  const whole = cents.reduce((a, b) => a.plus(b), ZERO);
  const target = total.times(100).toDecimalPlaces(0);
  if (whole.isZero()) return items.map(() => ZERO);
  const floors = cents.map((c) => c.times(target).dividedToIntegerBy(whole));
  const rests = cents.map((c, i) => c.times(target).minus(floors[i].times(whole)));
  let left = target.minus(floors.reduce((a, b) => a.plus(b), ZERO)).toNumber();
  const order = items.map((_, i) => i).sort((a, b) => rests[b].comparedTo(rests[a]) || items[a].key.localeCompare(items[b].key) || a - b);
  for (const i of order) {
    if (left <= 0) break;
    floors[i] = floors[i].plus(1);
    left--;
  }
  return floors.map((c) => c.dividedBy(100));
}
