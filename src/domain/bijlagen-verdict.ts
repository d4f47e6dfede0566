/** The outcome of making bijlagen (domain/outcome.ts), in Dutch: for the CLI's exit code and first lines. */
import { formatCount } from './count';
import { outcomeOf, type Verdict } from './outcome';

export interface BijlagenFacts {
  /** Rows of the chosen providers (and rows without an AGB-code). */
  rows: number;
  /** Rows priced into a bijlage. */
  included: number;
  bijlagen: number;
  /** Rows of a provider not in its bijlage (a fout, no tariff). */
  leftOut: number;
  /** Rows without an AGB-code. */
  unassigned: number;
  /** Providers whose bijlage was not made (an AGB-code with two names), and their rows. */
  refused: number;
  refusedRows: number;
  /** Included rows whose tariff comes with a signal that asks for a check, and those signals' names. */
  checks: number;
  checkNames: readonly string[];
}

const rijen = (n: number) => `${formatCount(n)} ${n === 1 ? 'rij' : 'rijen'}`;

/**
 * No priced row at all is 'fout' (nothing is written); rows left out, rows without a provider or priced rows that ask
 * for a check are 'aandacht'; every row in a bijlage without such a signal is 'goed'.
 */
export function bijlagenVerdict(f: BijlagenFacts): Verdict {
  const outcome = outcomeOf({ total: f.rows, usable: f.included, asksAction: f.checks > 0 || f.unassigned > 0 || f.refused > 0 });
  if (f.rows === 0)
    return { outcome, title: 'Geen rijen gevonden', reasons: ['Het blad heeft onder de kopregel geen rijen met gegevens voor deze zorgaanbieders.'] };
  if (outcome === 'fout')
    return {
      outcome,
      title: 'Geen enkele rij heeft een tarief',
      reasons: ['Zonder tarief is er geen afspraak om vast te leggen; bekijk de signalen met tariefwijzer annotate.'],
    };
  const reasons: string[] = [];
  if (f.leftOut) reasons.push(`${rijen(f.leftOut)} niet opgenomen (fout of geen tarief): ze staan in de bijlage onder "Niet opgenomen" en in het overzicht.`);
  if (f.refused)
    reasons.push(
      `${formatCount(f.refused)} ${f.refused === 1 ? 'zorgaanbieder kreeg' : 'zorgaanbieders kregen'} geen bijlage (${rijen(f.refusedRows)}): een AGB-code met meer dan één naam; zie het overzicht.`,
    );
  if (f.unassigned) reasons.push(`${rijen(f.unassigned)} zonder AGB-code: in geen bijlage, wel in het overzicht.`);
  if (f.checks) reasons.push(`${rijen(f.checks)} met een tarief en een signaal dat om controle vraagt: ${f.checkNames.join(', ')}.`);
  const made = `${formatCount(f.bijlagen)} ${f.bijlagen === 1 ? 'bijlage' : 'bijlagen'} gemaakt`;
  const title = outcome === 'goed' ? `${made}, alle ${rijen(f.rows)} opgenomen` : `${made}, ${rijen(f.included)} opgenomen; vraagt aandacht`;
  return { outcome, title, reasons };
}
