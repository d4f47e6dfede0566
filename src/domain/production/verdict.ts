/** A herschikking's outcome (domain/outcome.ts) with its reasons, in Dutch, for the pane's summary and the CLI. */
import { flagName, type Flag } from '../flags';
import { formatCount } from '../money';
import { outcomeOf, type Verdict } from '../outcome';
import type { ProductionFlagCode } from '../signal-codes';
import { formatPct, type HerschikResult, type RowOutcome } from './herschik';

const asksAction = (f: Flag) => f.severity !== 'info';
const regels = (n: number) => `${formatCount(n)} ${n === 1 ? 'regel' : 'regels'}`;

/** The herschikking's own reasons for leaving a row out (domain/production/herschik.ts), in the order it checks them. */
const LEAVES_OUT: readonly ProductionFlagCode[] = [
  'MAAND_ONLEESBAAR',
  'ANDER_JAAR',
  'NA_PEILDATUM',
  'VOLUME_ONTBREEKT',
  'NIET_GOEDGEKEURD',
  'GOEDKEURING_ONBEKEND',
  'AGB_ONTBREEKT',
  'SECTOR_ONBEKEND',
];

/** Why a row does not count: the herschikking's first reason, else the engine's worst error behind "Geen tarief". */
function notCountedReason(row: RowOutcome): string {
  const own = LEAVES_OUT.map((code) => row.flags.find((f) => f.code === code)).find((f) => f !== undefined);
  if (own) return flagName(own);
  const engine = row.engine?.flags.find((f) => f.severity === 'fout');
  return flagName(engine ?? { code: 'GEEN_TARIEF' });
}

/** "Parameter ontbreekt (12 regels), Geen AGB-code (1 regel)": rows that do not count, by reason. */
export function notCountedReasons(rows: readonly RowOutcome[], only: (r: RowOutcome) => boolean = () => true): string {
  const reasons = new Map<string, number>();
  for (const r of rows) if (!r.counted && only(r)) reasons.set(notCountedReason(r), (reasons.get(notCountedReason(r)) ?? 0) + 1);
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
  const counted = r.rows.filter((x) => x.counted).length;
  const broken = (x: RowOutcome) => x.flags.some((f) => f.severity === 'fout');
  const leftOut = r.rows.filter((x) => !x.counted && broken(x)).length;
  const reasons = sectorReasons(r);
  if (leftOut) reasons.push(`${regels(leftOut)} niet meegeteld door een fout: ${notCountedReasons(r.rows, broken)}.`);
  const outcome = outcomeOf({ total: dataRows, usable: counted, asksAction: reasons.length > 0 });
  if (outcome === 'fout') {
    const why = dataRows ? notCountedReasons(r.rows) : '';
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
