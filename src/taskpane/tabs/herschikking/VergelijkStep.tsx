/** The Vergelijken step: another policy, other values, or both; the € difference shows in the result. */
import { AccordionHeader, AccordionItem, AccordionPanel, Field, Input } from '@fluentui/react-components';
import type { PolicyPack } from '../../../domain/policy/types';
import { useStyles } from '../../styles';
import { PolicySelect } from './PolicySelect';
import type { ScenarioChoice } from './useScenario';

export function VergelijkStep({ number, packs, choice }: { number: number; packs: PolicyPack[]; choice: ScenarioChoice }) {
  const styles = useStyles();
  return (
    <AccordionItem value="vergelijk">
      <AccordionHeader as="h3" expandIconPosition="end">
        <span>
          {number}. Vergelijken <span className={styles.summary}>· {choice.scenario ? 'aan' : 'niet'}</span>
        </span>
      </AccordionHeader>
      <AccordionPanel className={styles.accordionPanel}>
        <Field label="Ander beleid" hint="Leeg: hetzelfde beleid.">
          <PolicySelect name="vergelijk-beleid" packs={packs} value={choice.packId} empty="(hetzelfde beleid)" onChange={choice.setPackId} />
        </Field>
        <Field
          label="Andere waarden"
          hint="Bijvoorbeeld: richttarief=96; peildatum=2025-06-30"
          validationState={choice.error ? 'error' : 'none'}
          validationMessage={choice.error}
        >
          <Input name="vergelijk-set" value={choice.assignments} placeholder="naam=waarde; naam=waarde" onChange={(_, d) => choice.setAssignments(d.value)} />
        </Field>
      </AccordionPanel>
    </AccordionItem>
  );
}
