/**
 * A value a run cannot do without (domain/policy/required.ts), shown the same way in every tab: the step with
 * the value opens when the policy is chosen, the field says why it is needed, the step's heading counts what
 * is needed, the run button waits and the footer says why. The tabs compute `missing` (the Tarieven tab through
 * its lazily loaded workbench) and show it with these helpers.
 */
import type { MissingValue } from '../domain/policy/required';
import { count, useStyles } from './styles';

/** The field's message: its own error first (the user typed something unreadable), else why the run needs it. */
export function fieldMessage(missing: readonly MissingValue[], name: string, error?: string): string | undefined {
  return error ?? missing.find((m) => m.name === name)?.reason;
}

/** The step heading's summary while values are missing: "1 waarde nodig". */
export function neededSummary(missing: readonly MissingValue[]): string | undefined {
  return missing.length ? `${count(missing.length, 'waarde', 'waarden')} nodig` : undefined;
}

/** Why the run waits on its parameters: a value that cannot be read first (its field says what), else an empty required one. */
export function parametersBlock(missing: readonly MissingValue[], errors: number): string | undefined {
  if (errors) return 'Verbeter eerst de parameters.';
  return missing.length ? missing.map((m) => m.reason).join(' ') : undefined;
}

/** The footer's line under the run button that says why it is disabled. */
export function WhyNot({ text }: { text: string }) {
  const styles = useStyles();
  return (
    <p className={`${styles.muted} ${styles.small}`} data-testid="waarom-niet">
      {text}
    </p>
  );
}
