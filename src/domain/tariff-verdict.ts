/** A Tarieven run's outcome (domain/outcome.ts) with its reasons, in Dutch: for the pane's summary and the CLI. */
import type { RowResult } from './engine';
import { flagName, SEVERITY_ORDER } from './flags';
import { formatCount } from './count';
import { outcomeOf, type Verdict } from './outcome';

const rijen = (n: number) => `${formatCount(n)} ${n === 1 ? 'rij' : 'rijen'}`;

/**
 * What the verdict needs of a run, gathered row by row as the rows are computed (a streamed run keeps no rows):
 * counts, why rows got no tariff, and the signals of priced rows that ask for a check.
 */
export interface TariffCounts {
  dataRows: number;
  tariffsSet: number;
  /** Name of the worst signal of each row without a tariff → rows. */
  missing: Map<string, number>;
  /** Rows that got a tariff but carry a signal that asks for a check (anything more than information). */
  checks: number;
  /** The names of those signals, in the order they first occur. */
  checkNames: Set<string>;
}

export function emptyCounts(): TariffCounts {
  return { dataRows: 0, tariffsSet: 0, missing: new Map(), checks: 0, checkNames: new Set() };
}

/** One computed row into the counts. */
export function countRow(c: TariffCounts, r: RowResult): void {
  c.dataRows++;
  if (r.tarief) {
    c.tariffsSet++;
    const asks = r.flags.filter((f) => f.severity !== 'info');
    if (!asks.length) return;
    c.checks++;
    for (const f of asks) c.checkNames.add(flagName(f));
    return;
  }
  const worst = [...r.flags].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity])[0];
  const name = worst ? flagName(worst) : 'geen reden bekend';
  c.missing.set(name, (c.missing.get(name) ?? 0) + 1);
}

/** The counts of rows held in memory (the pane's run keeps its rows). */
export function countResults(results: readonly RowResult[]): TariffCounts {
  const c = emptyCounts();
  for (const r of results) countRow(c, r);
  return c;
}

/** Why rows got no tariff, most rows first ("Maximumtarief ontbreekt", 2). */
export function missingReasons(c: TariffCounts): Array<[string, number]> {
  return [...c.missing].sort((a, b) => b[1] - a[1]);
}

/**
 * No rows or no tariff at all is 'fout' (with why); rows without a tariff, or rows whose tariff comes with a
 * signal that asks for a check, is 'aandacht'; only every row priced without such a signal is 'goed'.
 */
export function tariffVerdict(run: TariffCounts): Verdict {
  const missing = run.dataRows - run.tariffsSet;
  const checks = run.checks;
  const outcome = outcomeOf({ total: run.dataRows, usable: run.tariffsSet, asksAction: checks > 0 });
  const why = missingReasons(run)
    .map(([name, n]) => `${name} (${rijen(n)})`)
    .join(', ');
  if (run.dataRows === 0) return { outcome, title: 'Geen rijen gevonden', reasons: ['Het blad heeft onder de kopregel geen rijen met gegevens.'] };
  if (outcome === 'fout') return { outcome, title: `Geen tarief berekend voor ${rijen(run.dataRows)}`, reasons: [`Geen tarief: ${why}.`] };
  const reasons: string[] = [];
  if (missing) reasons.push(`Geen tarief: ${why}.`);
  if (checks) reasons.push(`${rijen(checks)} met een tarief en een signaal dat om controle vraagt: ${[...run.checkNames].join(', ')}.`);
  const title = missing
    ? `${rijen(missing)} zonder tarief, ${formatCount(run.tariffsSet)} ${run.tariffsSet === 1 ? 'tarief' : 'tarieven'} berekend`
    : `Alle ${rijen(run.dataRows)} hebben een tarief${checks ? `, ${rijen(checks)} ${checks === 1 ? 'vraagt' : 'vragen'} om controle` : ''}`;
  return { outcome, title, reasons };
}
