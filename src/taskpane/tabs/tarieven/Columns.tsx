/** Step 3 of the Tarieven tab: the detected sheet, header row and column per field, each correctable. Its own chunk. */
import { Field, MessageBar, MessageBarBody, Select } from '@fluentui/react-components';
import { CORE_FIELDS } from '../../../domain/fields';
import { cellToText } from '../../../domain/parse';
import type { PolicyPack } from '../../../domain/policy/types';
import type { ColumnMapping, InputLayout } from '../../../workbook/jobs/layout';
import { columnLetter } from '../../../workbook/headers';
import { useStyles } from '../../styles';

export default function Columns({
  pack,
  layout,
  mapping,
  onChange,
  disabled,
}: {
  pack: PolicyPack;
  layout: InputLayout;
  mapping: ColumnMapping;
  onChange(m: ColumnMapping): void;
  disabled: boolean;
}) {
  const styles = useStyles();
  const fields = { ...CORE_FIELDS, ...pack.fields };
  const header = layout.head[layout.match.row] ?? [];
  const sample = layout.head[layout.match.row + 1] ?? [];
  const columns = header
    .map((cell, c) => ({ c, label: `${columnLetter(c)} — ${cellToText(cell) || '(leeg)'}` }))
    .filter((_, c) => !layout.match.outputColumns.includes(c));
  const current = (field: string): number | undefined => (field in mapping ? (mapping[field] ?? undefined) : layout.match.columns[field]);
  const shown = Object.keys(fields).filter((f) => current(f) !== undefined || f === 'prestatiecode' || f === 'maximumtarief' || f in mapping);
  const hidden = Object.keys(fields).filter((f) => !shown.includes(f));
  return (
    <>
      <p className={styles.muted}>
        Blad "{layout.sheet}", kopregel op rij {layout.match.row + 1}
        {layout.tariffSheet ? `; maximumtarieven ook uit blad "${layout.tariffSheet.name}"` : ''}. Klopt een kolom niet, kies dan een andere.
      </p>
      {layout.warnings.map((w) => (
        <MessageBar key={w} intent="warning" layout="multiline">
          <MessageBarBody>{w}</MessageBarBody>
        </MessageBar>
      ))}
      {shown.map((field) => {
        const c = current(field);
        return (
          <Field
            key={field}
            label={fields[field].label}
            hint={c !== undefined && sample[c] !== undefined && sample[c] !== null ? `Eerste rij: ${cellToText(sample[c])}` : undefined}
          >
            <Select
              className={styles.select}
              name={`kolom-${field}`}
              value={c === undefined ? '' : String(c)}
              disabled={disabled}
              onChange={(_, data) => onChange({ ...mapping, [field]: data.value === '' ? null : Number(data.value) })}
            >
              <option value="">(niet in dit blad)</option>
              {columns.map(({ c: col, label }) => (
                <option key={col} value={String(col)}>
                  {label}
                </option>
              ))}
            </Select>
          </Field>
        );
      })}
      {hidden.length > 0 && (
        <Field label="Nog een kolom koppelen">
          <Select
            className={styles.select}
            name="kolom-extra"
            value=""
            disabled={disabled}
            onChange={(_, data) => data.value && onChange({ ...mapping, [data.value]: null })}
          >
            <option value="">— kies een gegeven —</option>
            {hidden.map((f) => (
              <option key={f} value={f}>
                {fields[f].label}
              </option>
            ))}
          </Select>
        </Field>
      )}
    </>
  );
}
