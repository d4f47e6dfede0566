/** A herschikking's outcome (domain/outcome.ts) with its reasons, in Dutch, for the pane's summary and the CLI. */
import { flagName, type Flag } from '../flags';
import { formatCount } from '../money';
import { outcomeOf, type Verdict } from '../outcome';
import { formatPct, type HerschikResult } from './herschik';

const asksAction = (f: Flag) => f.severity !== 'info';
const regels = (n: number) => `${formatCount(n)} ${n === 1 ? 'regel' : 'regels'}`;

/** "Parameter ontbreekt (12 regels), Geen AGB-code (1 regel)": rows that do not count, by reason (RowCounts). */
function notCountedReasons(reasons: ReadonlyMap<string, number>): string {
  return [...reasons]
    .sort((a, b) => b[1] - a[1])
    .map(([name, n]) => `${name} (${regels(n)})`)
    .join(', ');
}

/** What in a sector asks for action: over the contracteerruimte, a korting, or a signal that is not only information. */
function sectorReasons(r: HerschikResult): string[] {
  const out: string[] = [];
  for (const s of r.sectors) {
    const parts: string[] = [];
    if (s.uitnutting?.greaterThan(100)) parts.push(`uitnutting ${formatPct(s.uitnutting, 1)} van de contracteerruimte`);
    if (s.kortingPercentage?.greaterThan(0)) parts.push(`korting ${formatPct(s.kortingPercentage, 2)}`);
    for (const f of s.flags.filter(asksAction)) parts.push(flagName(f).toLowerCase());
    if (parts.length) out.push(`${s.sector}: ${parts.join(', ')}.`);
  }
  const providers = r.providers.filter((p) => p.flags.some(asksAction));
  if (providers.length)
    out.push(
      `${formatCount(providers.length)} ${providers.length === 1 ? 'aanbieder' : 'aanbieders'} met een signaal: ${[...new Set(providers.flatMap((p) => p.flags.filter(asksAction).map(flagName)))].join(', ')}.`,
    );
  return out;
}

/**
 * Nothing counted is 'fout' (with why); over the contracteerruimte, a korting, rows left out by an error or a
 * signal that asks for action is 'aandacht'; else 'goed'. Rows after the peildatum are left out by design.
 */
export function herschikVerdict(r: HerschikResult, dataRows: number): Verdict {
  const { counted, leftOut: all, leftOutByError } = r.rowCounts;
  let leftOut = 0;
  for (const n of leftOutByError.values()) leftOut += n;
  const reasons = sectorReasons(r);
  if (leftOut) reasons.push(`${regels(leftOut)} niet meegeteld door een fout: ${notCountedReasons(leftOutByError)}.`);
  const outcome = outcomeOf({ total: dataRows, usable: counted, asksAction: reasons.length > 0 });
  if (outcome === 'fout') {
    const why = dataRows ? notCountedReasons(all) : '';
    return {
      outcome,
      title: dataRows ? `Geen regel meegeteld van de ${regels(dataRows)}` : 'Geen productieregels gevonden',
      reasons: dataRows ? [`Niet meegeteld: ${why}.`] : ['Het blad heeft onder de kopregel geen regels met gegevens.'],
    };
  }
  return {
    outcome,
    title: `${regels(counted)} meegeteld van de ${formatCount(dataRows)}${outcome === 'aandacht' ? ', vraagt actie' : ', binnen de contracteerruimte'}`,
    reasons: outcome === 'aandacht' ? reasons : [],
  };
}
