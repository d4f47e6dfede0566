/**
 * What a run's result means for the user, decided once for every tab and command: good news, something that
 * asks for action, or nothing usable. The pane shows it as the colour of its summary (green only for 'goed'),
 * the CLI as its exit code (cli/exit-codes.ts) and its first summary line.
 */
export type Outcome = 'goed' | 'aandacht' | 'fout';

export interface Verdict {
  outcome: Outcome;
  /** One Dutch line: the answer ("12 regels meegeteld, vraagt actie: …"). */
  title: string;
  /** Why, one Dutch sentence per reason; empty for 'goed'. */
  reasons: string[];
}

/**
 * The one rule: nothing usable (no rows, or none of them got a result) is 'fout'; a partial result or one with
 * points that ask for action is 'aandacht'; only a complete result without such points is 'goed'.
 */
export function outcomeOf(facts: { total: number; usable: number; asksAction: boolean }): Outcome {
  if (facts.total === 0 || facts.usable === 0) return 'fout';
  return facts.usable < facts.total || facts.asksAction ? 'aandacht' : 'goed';
}

/** The worst of several outcomes (a run with several parts). */
export function worstOutcome(outcomes: readonly Outcome[]): Outcome {
  return outcomes.includes('fout') ? 'fout' : outcomes.includes('aandacht') ? 'aandacht' : 'goed';
}
