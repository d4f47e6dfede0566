/** The progress of a running job in the footer: the phase and rows as text, and a bar (its own chunk: only shown while a job runs). */
import { Field, ProgressBar } from '@fluentui/react-components';

export interface RunProgressProps {
  /** The phase, for screen readers: "Tarieven berekenen…". */
  label: string;
  /** What the user reads under the bar: "Tarieven berekenen… 2.000 van 20.000 rijen". */
  text: string;
  /** 0–1, or undefined while the total is not known (an indeterminate bar). */
  fraction?: number;
}

export function RunProgress({ label, text, fraction }: RunProgressProps) {
  return (
    <Field validationMessage={text} validationState="none">
      <ProgressBar aria-label={label} value={fraction} />
    </Field>
  );
}
