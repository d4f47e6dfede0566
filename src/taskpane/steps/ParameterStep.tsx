/**
 * The numbered parameter step every tab shows (inside the tab's Accordion): "2. Parameters · 3 parameters" as the
 * heading, a field per parameter with its error or why the run needs it. Which fields to show and in what order
 * is the tab's choice (`names`); what follows the fields (a "show all" button) is its `children`.
 */
import type { ReactNode } from 'react';
import { AccordionHeader, AccordionItem, AccordionPanel } from '@fluentui/react-components';
import type { ParameterDef } from '../../domain/policy/types';
import { useStyles } from '../styles';
import { ParamField } from './fields';

export interface ParameterStepProps {
  /** The Accordion item's value, for the tab's open items. */
  value: string;
  /** "2. Parameters": the heading with its number. */
  heading: string;
  /** After the heading: "3 parameters", "1 fout", "1 waarde nodig". */
  summary: string;
  defs: Readonly<Record<string, ParameterDef>>;
  /** The parameters to show, in order (default: all of `defs`). */
  names?: readonly string[];
  values: Readonly<Record<string, string>>;
  /** The message under a field: its error, or why the run needs it. */
  message: (name: string) => string | undefined;
  onChange: (name: string, value: string) => void;
  disabled?: boolean;
  /** Above the fields (a note). */
  intro?: ReactNode;
  children?: ReactNode;
}

export function ParameterStep({ value, heading, summary, defs, names, values, message, onChange, disabled, intro, children }: ParameterStepProps) {
  const styles = useStyles();
  return (
    <AccordionItem value={value}>
      <AccordionHeader as="h3" expandIconPosition="end">
        <span>
          {heading} <span className={styles.summary}>· {summary}</span>
        </span>
      </AccordionHeader>
      <AccordionPanel className={styles.accordionPanel}>
        {intro}
        {(names ?? Object.keys(defs)).map((name) => (
          <ParamField
            key={name}
            name={name}
            def={defs[name]}
            value={values[name] ?? ''}
            error={message(name)}
            disabled={disabled}
            onChange={(v) => onChange(name, v)}
          />
        ))}
        {children}
      </AccordionPanel>
    </AccordionItem>
  );
}
