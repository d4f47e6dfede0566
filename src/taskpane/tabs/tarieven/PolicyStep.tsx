/** Step 1 of the Tarieven tab: the policy, from the shipped ones or the user's own (from a file or a sheet). */
import { lazy, Suspense, useState } from 'react';
import { Button, Field, Select } from '@fluentui/react-components';
import type { PolicyPack } from '../../../domain/policy/types';
import type { PortRunner } from '../../office-port';
import { packShortLabel } from '../../pack-label';
import { useStyles } from '../../styles';
import type { Policy } from './usePolicy';

const PackLoader = lazy(() => import(/* webpackChunkName: "eigen-beleid" */ './PackLoader').then((m) => ({ default: m.PackLoader })));

export interface PolicyStepProps {
  policy: Policy;
  /** The workbench is there (the packs are listed). */
  ready: boolean;
  runner: PortRunner | undefined;
  onChoose(id: string): void;
  onLoaded(pack: PolicyPack): void;
}

export function PolicyStep({ policy, ready, runner, onChoose, onLoaded }: PolicyStepProps) {
  const styles = useStyles();
  const [ownOpen, setOwnOpen] = useState(false);
  const { pack } = policy;
  return (
    <section className={styles.section} aria-labelledby="stap-beleid">
      <h3 id="stap-beleid" className={styles.step}>
        1. Beleid
      </h3>
      <Field label="Inkoopbeleid" hint={pack ? pack.description.split(/(?<=[.:])\s/)[0] : 'Zorgkantoor, sector en inkoopjaar bepalen de regels.'}>
        <Select className={styles.select} name="beleid" value={policy.packId} title={pack?.title} onChange={(_, data) => onChoose(data.value)}>
          <option value="">{ready ? '— kies een beleid —' : 'beleid laden…'}</option>
          {policy.packs.map((p) => (
            <option key={p.id} value={p.id} title={p.title}>
              {packShortLabel(p)}
            </option>
          ))}
        </Select>
      </Field>
      <div>
        <Button
          appearance="subtle"
          size="small"
          icon={<span aria-hidden="true">{ownOpen ? '▾' : '▸'}</span>}
          aria-expanded={ownOpen}
          aria-controls="eigen-beleid"
          onClick={() => setOwnOpen(!ownOpen)}
        >
          Eigen beleid laden
        </Button>
      </div>
      {ownOpen && (
        <div id="eigen-beleid">
          <Suspense fallback={<p className={styles.muted}>Laden…</p>}>
            <PackLoader runner={runner} onLoaded={onLoaded} />
          </Suspense>
        </div>
      )}
    </section>
  );
}
