/** The CLI's exit codes, one place: what scripts can rely on (README, "Uitgangscodes"). */
import type { Outcome } from '../domain/outcome';

export const EXIT = {
  /** Done, and the result is good news. */
  klaar: 0,
  /** A problem with the input, or nothing usable was computed: nothing is written. */
  invoer: 1,
  /** Wrong use of the command line. */
  gebruik: 2,
  /** Computed and written, but the result asks for action (over the contracteerruimte, a korting, rows left out). */
  aandacht: 3,
} as const;

const BY_OUTCOME: Record<Outcome, number> = { goed: EXIT.klaar, aandacht: EXIT.aandacht, fout: EXIT.invoer };

export function exitCodeOf(outcome: Outcome): number {
  return BY_OUTCOME[outcome];
}

export const EXIT_CODES_TEXT =
  'Uitgangscodes: 0 klaar, 1 probleem met de invoer (niets geschreven), 2 verkeerd gebruik, 3 berekend en geschreven, maar de uitkomst vraagt actie.';
