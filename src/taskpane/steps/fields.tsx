/**
 * Parameter fields as every tab shows them: the Dutch label, the first sentence of the description as the
 * hint and the rest behind "Meer" (so a field takes two lines, not six), a select for choices.
 */
import { useState } from 'react';
import { Button, Field, Input, Select } from '@fluentui/react-components';
import type { ParameterDef } from '../../domain/policy/types';
import { keepTogether, useStyles } from '../styles';

export function choicesOf(def: ParameterDef): string[] | undefined {
  if (def.type === 'boolean') return ['ja', 'nee'];
  if (def.type === 'rounding') return ['rekenkundig', 'bankiers', 'naar-beneden', 'naar-boven'];
  if (def.type === 'choice') return def.choices ?? [];
  return undefined;
}

/** "Het basispercentage voor zorg. Het beleid noemt…" → ["Het basispercentage voor zorg.", "Het beleid noemt…"] */
export function splitHint(text: string | undefined): [string, string] {
  if (!text) return ['', ''];
  const m = /^(.{20,160}?[.;:])\s+(?=\S)/.exec(text);
  return m ? [m[1], text.slice(m[0].length)] : [text, ''];
}

export function ParamField({
  name,
  def,
  value,
  error,
  onChange,
  disabled,
}: {
  name: string;
  def: ParameterDef;
  value: string;
  error?: string;
  onChange(v: string): void;
  disabled?: boolean;
}) {
  const styles = useStyles();
  const choices = choicesOf(def);
  const [hint, more] = splitHint(def.description);
  const [open, setOpen] = useState(false);
  return (
    <Field
      label={def.label}
      hint={
        hint ? (
          <>
            {keepTogether(hint)}
            {more && (
              <>
                {' '}
                {open && <span>{keepTogether(more)} </span>}
                <Button
                  appearance="transparent"
                  size="small"
                  className={styles.inlineButton}
                  aria-expanded={open}
                  aria-label={open ? `Minder over ${def.label}` : `Meer over ${def.label}`}
                  onClick={() => setOpen(!open)}
                >
                  {open ? 'minder' : 'meer'}
                </Button>
              </>
            )}
          </>
        ) : undefined
      }
      validationState={error ? 'error' : 'none'}
      validationMessage={error}
    >
      {choices ? (
        <Select className={styles.select} name={name} value={value} disabled={disabled} onChange={(_, d) => onChange(d.value)}>
          <option value="">(niet ingesteld)</option>
          {choices.map((c) => (
            <option key={c} value={c}>
              {c.replace(/_/g, ' ')}
            </option>
          ))}
        </Select>
      ) : (
        <Input name={name} value={value} placeholder="niet ingesteld" disabled={disabled} onChange={(_, d) => onChange(d.value)} />
      )}
    </Field>
  );
}
