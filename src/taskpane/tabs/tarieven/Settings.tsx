/**
 * Steps 2 and 3 of the Tarieven tab: the parameters (the ones that need attention first, the others on request)
 * and the detected columns. Its own chunk: only a chosen pack needs it.
 */
import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Button } from '@fluentui/react-components';
import { fieldMessage, neededSummary } from '../../required';
import { ParameterStep } from '../../steps/ParameterStep';
import { count, useStyles } from '../../styles';
import Columns from './Columns';
import type { Columns as ColumnState } from './useColumns';
import type { Policy } from './usePolicy';
import type { Sections } from './useSections';

export interface SettingsProps {
  policy: Policy;
  columns: ColumnState;
  sections: Sections;
  busy: boolean;
}

function parameterSummary({ pack, values, resolved, missing }: Policy): string {
  const names = Object.keys(pack?.parameters ?? {});
  if (resolved?.errors.length) return count(resolved.errors.length, 'fout', 'fouten');
  const unset = names.filter((n) => !(values[n] ?? '').trim());
  return neededSummary(missing) ?? (unset.length ? `${unset.length} niet ingesteld` : `${count(names.length, 'parameter', 'parameters')}, alle ingevuld`);
}

export default function Settings({ policy, columns, sections, busy }: SettingsProps) {
  const styles = useStyles();
  const { pack, errorsByName, missing } = policy;
  const { layout } = columns;
  if (!pack) return null;
  const { needs, allParams } = sections;
  const names = Object.keys(pack.parameters)
    .filter((name) => allParams || needs(name))
    .sort((a, b) => Number(!needs(a)) - Number(!needs(b)));
  return (
    <Accordion multiple collapsible openItems={sections.openItems} onToggle={(_, d) => sections.toggle(d.openItems)}>
      <ParameterStep
        value="parameters"
        heading="2. Parameters"
        summary={parameterSummary(policy)}
        defs={pack.parameters}
        names={names}
        values={policy.values}
        message={(name) => fieldMessage(missing, name, errorsByName[name])}
        onChange={policy.setValue}
        disabled={busy}
        intro={<p className={styles.muted}>Leeg laten betekent: niet ingesteld.</p>}
      >
        {!allParams && names.length < Object.keys(pack.parameters).length && (
          <div>
            <Button size="small" onClick={sections.showAllParams}>
              Alle {count(Object.keys(pack.parameters).length, 'parameter', 'parameters')} tonen
            </Button>
          </div>
        )}
      </ParameterStep>
      {layout && (
        <AccordionItem value="kolommen">
          <AccordionHeader as="h3" expandIconPosition="end">
            <span>
              3. Kolommen{' '}
              <span className={styles.summary}>
                · Blad "{layout.sheet}", kopregel op rij {layout.match.row + 1}
                {columns.complete ? '' : ' · controleer'}
              </span>
            </span>
          </AccordionHeader>
          <AccordionPanel className={styles.accordionPanel}>
            <Columns pack={pack} layout={layout} mapping={columns.mapping} onChange={columns.setMapping} disabled={busy} />
          </AccordionPanel>
        </AccordionItem>
      )}
    </Accordion>
  );
}
