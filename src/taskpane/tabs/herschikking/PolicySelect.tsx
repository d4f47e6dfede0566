/** A choice of policy pack by its short label (the full title on hover), for step 1 and for Vergelijken. */
import { Select } from '@fluentui/react-components';
import type { PolicyPack } from '../../../domain/policy/types';
import { packShortLabel } from '../../pack-label';
import { useStyles } from '../../styles';

export function PolicySelect(props: { name: string; packs: PolicyPack[]; value: string; empty: string; onChange: (id: string) => void }) {
  const styles = useStyles();
  const { name, packs, value, empty, onChange } = props;
  return (
    <Select className={styles.select} name={name} value={value} title={packs.find((p) => p.id === value)?.title} onChange={(_, d) => onChange(d.value)}>
      <option value="">{empty}</option>
      {packs.map((p) => (
        <option key={p.id} value={p.id} title={p.title}>
          {packShortLabel(p)}
        </option>
      ))}
    </Select>
  );
}
