/** Steps 1 and 2 of the Aanvragen tab: the procedure, and its parameters (folded while they are valid). */
import { Accordion, Field, Select } from '@fluentui/react-components';
import type { Procedure } from '../../../domain/assessments';
import { ParameterStep } from '../../steps/ParameterStep';
import { count, useStyles } from '../../styles';
import type { AssessParameters } from './useAssessParameters';

export function ProcedureStep({ procedures, params }: { procedures: Procedure[]; params: AssessParameters }) {
  const styles = useStyles();
  const { proc, errors } = params;
  const errorCount = Object.keys(errors).length;
  return (
    <>
      <h3 className={styles.step}>1. Procedure</h3>
      <Field label="Beleid en procedure" hint="Alleen beleid met regels voor herberekening of hardheidsclausule.">
        <Select className={styles.select} value={params.procId} onChange={(_, d) => params.choose(d.value)}>
          {procedures.map((p) => (
            <option key={p.id} value={p.id}>
              {p.title}
            </option>
          ))}
        </Select>
      </Field>
      {proc && (
        <Accordion
          collapsible
          openItems={params.open || errorCount ? ['parameters'] : []}
          onToggle={(_, d) => params.setOpen(d.openItems.includes('parameters'))}
        >
          <ParameterStep
            value="parameters"
            heading="2. Parameters"
            summary={errorCount ? count(errorCount, 'fout', 'fouten') : count(Object.keys(proc.parameters).length, 'parameter', 'parameters')}
            defs={proc.parameters}
            values={params.texts}
            message={(name) => errors[name]}
            onChange={params.set}
          />
        </Accordion>
      )}
    </>
  );
}
