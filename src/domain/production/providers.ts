/** Each provider per sector in a herschikking: realised and extrapolated production, its signals, its toezeggingen. */
import { readableRef, type Flag } from '../flags';
import { D, type Dec, formatEuro, formatNumber } from '../money';
import type { Sector } from '../types';
import { cite, dec, formatPct, pflag, project, sum, ZERO } from './figures';
import { daysInYear, monthLabel } from './months';
import { RULES } from './rules';
import type { HerschikInput, Line, ProviderResult, Run } from './types';

/** Each provider per sector, from its lines (sorted by AGB-code and sector): realised, projection, gaps, trend, crisis. */
export function providerResults(lines: Map<string, Line>, run: Run): Map<string, ProviderResult> {
  const providers = new Map<string, ProviderResult>();
  const providerLines = new Map<string, Line[]>();
  for (const line of lines.values()) {
    const key = `${line.agb}\u0000${line.sector}`;
    providerLines.set(key, [...(providerLines.get(key) ?? []), line]);
  }
  for (const [key, ls] of [...providerLines.entries()].sort(([a], [b]) => a.localeCompare(b))) providers.set(key, providerResult(key, ls, run));
  return providers;
}

/** One provider in one sector: realised up to the last month plus the projection to the year end, never below € 0. */
function providerResult(key: string, ls: Line[], run: Run): ProviderResult {
  const { year, lastMonth, method, nMonths, mode } = run;
  const [agb, sector] = key.split('\u0000') as [string, Sector];
  const flags: Flag[] = [];
  const months = Array.from({ length: 12 }, (_, m) => sum(ls.map((l) => l.omzet[m])));
  const realised = sum(months.slice(0, lastMonth));
  const projections = ls.map((l) => project(l, lastMonth, method, nMonths, mode));
  const projection = sum(projections.map((p) => p.omzet));
  let extrapolated = realised.plus(projection);
  const combined = project({ omzet: months, volume: months }, lastMonth, method, nMonths, mode);
  const trail: string[] = [
    `Gerealiseerd (goedgekeurd) t/m ${lastMonth ? monthLabel(lastMonth, year) : '—'}: ${formatEuro(realised)}${cite(RULES.goedgekeurd)}`,
    `extrapolatie ${method === 'laatste-maand' ? 'laatste maand' : 'gemiddelde'}: ${combined.text} = ${formatEuro(projection)}${ls.length > 1 ? ` (som van ${ls.length} prestaties)` : ''}${cite(RULES.extrapolatie)}`,
    `geëxtrapoleerde productie ${year}: ${formatEuro(extrapolated)}`,
  ];
  flagMissingMonths(ls, run, flags);
  flagTrend(months, run, flags);
  const crisis = crisisOccupancy(ls, projections, run, flags, trail);
  if (extrapolated.isNegative()) {
    flags.push(
      pflag(
        'NEGATIEVE_PRODUCTIE',
        `Geëxtrapoleerde productie is negatief (${formatEuro(extrapolated)}, door crediteringen); voor de afspraak is € 0 gebruikt.`,
      ),
    );
    extrapolated = ZERO;
  }
  const nieuw = ls.some((l) => l.nieuw);
  if (nieuw)
    flags.push(
      pflag('NIEUWE_AANBIEDER_MAATWERK', 'Nieuwe zorgaanbieder: de definitieve productieafspraak is maatwerk; Tariefwijzer berekent hem niet.', RULES.maatwerk),
    );
  return {
    agb,
    naam: ls.find((l) => l.naam)?.naam ?? '',
    sector,
    nieuw,
    realised,
    projection,
    extrapolated,
    toezegging: ZERO,
    korting: ZERO,
    afspraak: null,
    months,
    crisis,
    flags,
    explanation: trail.join('; '),
  };
}

/** Months without approved declarations between the provider's first month and the last: the last one weighs most (it is extrapolated). */
function flagMissingMonths(ls: Line[], run: Run, flags: Flag[]): void {
  const { year, lastMonth } = run;
  const active = new Set(ls.flatMap((l) => [...l.months]));
  const first = Math.min(...active);
  const gaps = [];
  for (let m = first; m <= lastMonth; m++) if (!active.has(m)) gaps.push(m);
  if (gaps.includes(lastMonth))
    flags.push(
      pflag(
        'LAATSTE_MAAND_ONTBREEKT',
        `Geen goedgekeurde declaraties in ${monthLabel(lastMonth, year)}, de laatste maand op de peildatum: de extrapolatie rekent met € 0 voor de resterende maanden. Controleer of de declaraties nog komen.`,
        RULES.extrapolatie,
      ),
    );
  const inner = gaps.filter((m) => m !== lastMonth);
  if (inner.length)
    flags.push(
      pflag(
        'MAAND_ONTBREEKT',
        `Geen goedgekeurde declaraties in ${inner.map((m) => monthLabel(m)).join(', ')} (tussen de eerste en de laatste maand); niet aangevuld.`,
      ),
    );
}

/** A change of the last three months' average against the three before beyond the trend threshold asks for another extrapolation. */
function flagTrend(months: Dec[], run: Run, flags: Flag[]): void {
  const { lastMonth } = run;
  const trendLimit = dec(run.input.params.trend_drempel);
  if (!trendLimit || lastMonth < 6) return;
  const recent = sum(months.slice(lastMonth - 3, lastMonth)).dividedBy(3);
  const before = sum(months.slice(lastMonth - 6, lastMonth - 3)).dividedBy(3);
  if (!before.greaterThan(0)) return;
  const change = recent.minus(before).dividedBy(before).times(100);
  if (!change.abs().greaterThan(trendLimit)) return;
  flags.push(
    pflag(
      'TREND',
      `Trend: de gemiddelde maandomzet van ${monthLabel(lastMonth - 2)}–${monthLabel(lastMonth)} (${formatEuro(recent)}) is ${change.isPositive() ? '+' : ''}${formatPct(change, 1)} t.o.v. de drie maanden ervoor (${formatEuro(before)}); overweeg een andere extrapolatie.`,
      RULES.trend,
    ),
  );
}

/** Expected occupancy of each crisis prestatie (days over places × days in the year); below the threshold, in principle a lower afspraak. */
function crisisOccupancy(ls: Line[], projections: Array<{ volume: Dec }>, run: Run, flags: Flag[], trail: string[]): ProviderResult['crisis'] {
  const { year, lastMonth } = run;
  const threshold = dec(run.input.params.crisis_bezetting) ?? new D(70);
  const crisis: ProviderResult['crisis'] = [];
  ls.forEach((l, i) => {
    if (!l.crisis) return;
    if (!l.plaatsen) {
      crisis.push({ prestatiecode: l.prestatiecode });
      flags.push(
        pflag('CRISISPLAATSEN_ONBEKEND', `Crisisprestatie ${l.prestatiecode}: geen aantal crisisplaatsen, dus geen verwachte bezetting.`, RULES.crisis),
      );
      return;
    }
    const days = sum(l.volume.slice(0, lastMonth)).plus(projections[i].volume);
    const bezetting = days.dividedBy(l.plaatsen.times(daysInYear(year))).times(100);
    crisis.push({ prestatiecode: l.prestatiecode, plaatsen: l.plaatsen, bezetting });
    trail.push(
      `crisis ${l.prestatiecode}: verwachte bezetting ${formatNumber(days, 0, 1)} dagen / (${formatNumber(l.plaatsen)} plaatsen × ${daysInYear(year)} dagen) = ${formatPct(bezetting, 1)}`,
    );
    if (bezetting.lessThan(threshold)) {
      flags.push(
        pflag(
          'CRISIS_BEZETTING_LAAG',
          `Crisisplaatsen ${l.prestatiecode}: verwachte bezetting ${formatPct(bezetting, 1)} is minder dan ${formatPct(threshold, 1)}: in principe een lagere afspraak (hoeveel lager bepaalt de inkoper).`,
          RULES.crisis,
        ),
      );
    }
  });
  return crisis;
}

/** Toezeggingen are kept whole and added to their provider (one without production gets a line of its own); earlier tussentijdse afspraken too. */
export function addToezeggingen(input: HerschikInput, providers: Map<string, ProviderResult>, notes: string[]): void {
  const { pack } = input;
  for (const t of input.toezeggingen ?? []) {
    let sector = t.sector ?? (pack.sector === 'alle' ? undefined : pack.sector);
    if (!sector) {
      const own = [...providers.values()].filter((p) => p.agb === t.agb).map((p) => p.sector);
      if (own.length === 1) sector = own[0];
    }
    if (!sector) {
      notes.push(`Toezegging ${t.ref} (AGB ${t.agb}): geen sector en niet af te leiden; niet meegenomen.`);
      continue;
    }
    const key = `${t.agb}\u0000${sector}`;
    let p = providers.get(key);
    if (!p) {
      p = {
        agb: t.agb,
        naam: t.zorgaanbieder ?? '',
        sector,
        nieuw: false,
        realised: ZERO,
        projection: ZERO,
        extrapolated: ZERO,
        toezegging: ZERO,
        korting: ZERO,
        afspraak: null,
        months: Array<Dec>(12).fill(ZERO),
        crisis: [],
        flags: [],
        explanation: 'Geen goedgekeurde productie',
      };
      providers.set(key, p);
    }
    if (!p.naam && t.zorgaanbieder) p.naam = t.zorgaanbieder;
    p.toezegging = p.toezegging.plus(t.bedrag);
    p.explanation += `; toezegging ${formatEuro(t.bedrag)}${t.toelichting ? ` (${t.toelichting})` : ''} uit ${readableRef(t.ref)}, blijft heel${cite(RULES.toezeggingen)}`;
    if (t.tussentijdseAfspraak) p.tussentijdseAfspraak = (p.tussentijdseAfspraak ?? ZERO).plus(t.tussentijdseAfspraak);
  }
}

/** A proposed afspraak below an earlier tussentijdse afspraak is allowed by the policy, and said. */
export function flagBelowInterim(p: ProviderResult): void {
  if (!p.afspraak || !p.tussentijdseAfspraak || !p.afspraak.lessThan(p.tussentijdseAfspraak)) return;
  p.flags.push(
    pflag(
      'LAGER_DAN_TUSSENTIJDS',
      `De voorgestelde afspraak ${formatEuro(p.afspraak)} is lager dan de tussentijdse afspraak ${formatEuro(p.tussentijdseAfspraak)}; dat kan volgens het beleid.`,
      RULES.korting,
    ),
  );
}
