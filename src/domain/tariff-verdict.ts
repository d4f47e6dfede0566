/** A Tarieven run's outcome (domain/outcome.ts) with its reasons, in Dutch: for the pane's summary and the CLI. */
import type { RowResult } from './engine';
import { flagName, SEVERITY_ORDER } from './flags';
import { formatCount } from './count';
import { outcomeOf, type Verdict } from './outcome';

const rijen = (n: number) => `${formatCount(n)} ${n === 1 ? 'rij' : 'rijen'}`;

/** Why rows got no tariff: the name of each row's worst signal, counted ("Maximumtarief ontbreekt", 2). */
export function missingReasons(results: readonly RowResult[]): Array<[string, number]> {
  const reasons = new Map<string, number>();
  for (const r of results) {
    if (r.tarief) continue;
    const worst = [...r.flags].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity])[0];
    const name = worst ? flagName(worst) : 'geen reden bekend';
    reasons.set(name, (reasons.get(name) ?? 0) + 1);
  }
  return [...reasons].sort((a, b) => b[1] - a[1]);
}

/** Rows that got a tariff but carry a signal that asks for a check (anything more than information). */
export function rowsToCheck(results: readonly RowResult[]): RowResult[] {
  return results.filter((r) => r.tarief && r.flags.some((f) => f.severity !== 'info'));
}

export interface TariffRun {
  results: readonly RowResult[];
  dataRows: number;
  tariffsSet: number;
}

/**
 * No rows or no tariff at all is 'fout' (with why); rows without a tariff, or rows whose tariff comes with a
 * signal that asks for a check, is 'aandacht'; only every row priced without such a signal is 'goed'.
 */
export function tariffVerdict(run: TariffRun): Verdict {
  const missing = run.dataRows - run.tariffsSet;
  const checks = rowsToCheck(run.results);
  const outcome = outcomeOf({ total: run.dataRows, usable: run.tariffsSet, asksAction: checks.length > 0 });
  const why = missingReasons(run.results)
    .map(([name, n]) => `${name} (${rijen(n)})`)
    .join(', ');
  if (run.dataRows === 0) return { outcome, title: 'Geen rijen gevonden', reasons: ['Het blad heeft onder de kopregel geen rijen met gegevens.'] };
  if (outcome === 'fout') return { outcome, title: `Geen tarief berekend voor ${rijen(run.dataRows)}`, reasons: [`Geen tarief: ${why}.`] };
  const reasons: string[] = [];
  if (missing) reasons.push(`Geen tarief: ${why}.`);
  if (checks.length) {
    const names = [...new Set(checks.flatMap((r) => r.flags.filter((f) => f.severity !== 'info').map(flagName)))];
    reasons.push(`${rijen(checks.length)} met een tarief en een signaal dat om controle vraagt: ${names.join(', ')}.`);
  }
  const title = missing
    ? `${rijen(missing)} zonder tarief, ${formatCount(run.tariffsSet)} ${run.tariffsSet === 1 ? 'tarief' : 'tarieven'} berekend`
    : `Alle ${rijen(run.dataRows)} hebben een tarief${checks.length ? `, ${rijen(checks.length)} ${checks.length === 1 ? 'vraagt' : 'vragen'} om controle` : ''}`;
  return { outcome, title, reasons };
}
