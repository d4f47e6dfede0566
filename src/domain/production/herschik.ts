/**
 * Omzet, extrapolation, uitnutting and herschikking: production rows → tariffs (the same engine as annotate)
 * → omzet per row → extrapolated production per provider and sector → uitnutting, signals, korting and
 * herschikkingsafspraken. Pure and deterministic: reads nothing, writes nothing; every figure has its trail.
 */
import { ResultMemo } from '../engine';
import type { Flag } from '../flags';
import { isEmptyCell } from '../parse';
import { dec, pflag, roundingOf, sum, ZERO } from './figures';
import { lastMonthOn, monthLabel, parseMonth, type YearMonth } from './months';
import { addToezeggingen, flagBelowInterim, providerResults } from './providers';
import { addToLine, rowOutcome } from './rows';
import { RULES } from './rules';
import { sectorResult } from './sectors';
import type { HerschikInput, HerschikResult, Line, ProviderResult, RowOutcome, Run, SectorResult } from './types';

export { formatPct } from './figures';
export { distribute } from './sectors';
export type { HerschikInput, HerschikResult, MonthPoint, ProviderResult, RowOutcome, SectorResult, Toezegging } from './types';

function decideYear(input: HerschikInput, months: Array<YearMonth | { month: number; year?: undefined } | undefined>): number {
  const peil = input.params.peildatum;
  if (typeof peil === 'string') return Number(peil.slice(0, 4));
  const counts = new Map<number, number>();
  for (const m of months) if (m?.year) counts.set(m.year, (counts.get(m.year) ?? 0) + 1);
  if (!counts.size) return input.pack.inkoopjaar;
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0][0];
}

/**
 * Herschikking of a year's production: every row priced and counted (or not, with its reasons), lines per provider,
 * sector and prestatie, each provider's extrapolated production, the toezeggingen, then per sector the uitnutting,
 * the korting and the proposed afspraken.
 */
export function herschik(input: HerschikInput): HerschikResult {
  const run = runSettings(input);
  const notes: string[] = [];
  const memo = new ResultMemo();
  const lines = new Map<string, Line>();
  const rows = input.rows.map((row) => {
    const { outcome, volume, month } = rowOutcome(row, memo, run);
    if (outcome.counted && outcome.omzet && outcome.agb && outcome.sector && month) addToLine(lines, row, outcome, volume!, month);
    return outcome;
  });
  if (input.hasApprovalColumn === false) notes.push('Geen kolom "Goedgekeurd": alle regels zijn als goedgekeurd meegeteld.');

  const providers = providerResults(lines, run);
  addToezeggingen(input, providers, notes);
  const sectorNames = [...new Set([...providers.values()].map((p) => p.sector))].sort();
  const sectors: SectorResult[] = sectorNames.map((sector) =>
    sectorResult(
      sector,
      [...providers.values()].filter((p) => p.sector === sector),
      { ...run, lines: [...lines.values()].filter((l) => l.sector === sector) },
    ),
  );
  const ordered = [...providers.values()].sort((a, b) => a.sector.localeCompare(b.sector) || a.agb.localeCompare(b.agb));
  for (const p of ordered) flagBelowInterim(p);
  const flagCounts = countFlags(rows, ordered, sectors);
  if (run.peilFlags.length) {
    for (const s of sectors) s.flags.unshift(...run.peilFlags);
    flagCounts.PEILDATUM_AFGELEID = sectors.length;
  }
  return {
    year: run.year,
    peildatum: run.peildatum,
    lastMonth: run.lastMonth,
    method: run.method,
    rows,
    providers: ordered,
    sectors,
    totals: {
      contracteerruimte: sum(sectors.map((s) => s.contracteerruimte ?? ZERO)),
      realised: sum(sectors.map((s) => s.realised)),
      extrapolated: sum(sectors.map((s) => s.extrapolated)),
      toezeggingen: sum(sectors.map((s) => s.toezeggingen)),
      afspraken: sum(sectors.map((s) => s.afsprakenTotaal)),
    },
    flagCounts,
    notes,
  };
}

/** The year (from the peildatum, else the most frequent in the data) and the last month: the peildatum's, or the last with data (said so). */
function runSettings(input: HerschikInput): Run {
  const { packParams, params } = input;
  const parsedMonths = input.rows.map((r) => {
    const p = parseMonth(r.cells.maand);
    return p.ok ? p.value : undefined;
  });
  const year = decideYear(input, parsedMonths);
  let last: YearMonth;
  const peildatum = typeof params.peildatum === 'string' ? params.peildatum : null;
  const peilFlags: Flag[] = [];
  if (peildatum) last = lastMonthOn(peildatum);
  else {
    const ms = parsedMonths.filter((m, i) => m && (m.year ?? year) === year && !isEmptyCell(input.rows[i].cells.volume)).map((m) => m!.month);
    last = { year, month: ms.length ? Math.max(...ms) : 0 };
    peilFlags.push(
      pflag(
        'PEILDATUM_AFGELEID',
        `Geen peildatum ingesteld: de laatste maand in de gegevens (${last.month ? monthLabel(last.month, year) : 'geen'}) is als laatste gedeclareerde maand gebruikt. Stel "peildatum" in voor een vaste meting.`,
        RULES.extrapolatie,
      ),
    );
  }
  return {
    input,
    year,
    peildatum,
    lastMonth: last.year < year ? 0 : last.year > year ? 12 : last.month,
    peilFlags,
    method: String(params.extrapolatie ?? 'laatste-maand'),
    nMonths: dec(params.extrapolatie_maanden)?.toNumber() ?? 3,
    mode: roundingOf(packParams),
  };
}

/** How many rows, providers and sectors carry each signal (each counted once per row, provider or sector). */
function countFlags(rows: RowOutcome[], providers: ProviderResult[], sectors: SectorResult[]): Record<string, number> {
  const flagCounts: Record<string, number> = {};
  for (const r of rows) for (const code of new Set(r.flags.map((f) => f.code))) flagCounts[code] = (flagCounts[code] ?? 0) + 1;
  for (const x of [...providers, ...sectors]) for (const code of new Set(x.flags.map((f) => f.code))) flagCounts[code] = (flagCounts[code] ?? 0) + 1;
  return flagCounts;
}
