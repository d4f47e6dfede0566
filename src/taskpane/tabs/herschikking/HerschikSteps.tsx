/** Steps 1–4 of the Herschikking tab: the policy, its parameters, the herschikking's parameters and Vergelijken. */
import { Accordion, Field } from '@fluentui/react-components';
import { HERSCHIK_PARAMETERS } from '../../../domain/production';
import { fieldMessage, neededSummary } from '../../required';
import { ParameterStep } from '../../steps/ParameterStep';
import { count, useStyles } from '../../styles';
import { PolicySelect } from './PolicySelect';
import { errorOf, SHOWN, type HerschikParameters } from './useHerschikParameters';
import type { ScenarioChoice } from './useScenario';
import { VergelijkStep } from './VergelijkStep';

export function HerschikSteps({ params, choice }: { params: HerschikParameters; choice: ScenarioChoice }) {
  const styles = useStyles();
  const { pack, packResolved, resolved, missing } = params;
  const packErrors = packResolved?.errors ?? [];
  const openItems = [
    ...new Set([
      ...params.open,
      ...(packErrors.length ? ['beleid'] : []),
      ...(resolved.errors.length ? ['herschikking'] : []),
      ...(choice.error ? ['vergelijk'] : []),
    ]),
  ];
  const n = pack ? 3 : 2;
  return (
    <>
      <h3 className={styles.step}>1. Beleid</h3>
      <Field label="Inkoopbeleid (voor de tarieven)">
        <PolicySelect name="herschik-beleid" packs={params.packs} value={params.packId} empty="— kies een beleid —" onChange={params.choosePack} />
      </Field>
      <Accordion multiple collapsible openItems={openItems} onToggle={(_, d) => params.setOpen(d.openItems as string[])}>
        {pack && (
          <ParameterStep
            value="beleid"
            heading="2. Parameters van het beleid"
            summary={
              packErrors.length
                ? count(packErrors.length, 'fout', 'fouten')
                : (neededSummary(missing) ?? count(Object.keys(pack.parameters).length, 'parameter', 'parameters'))
            }
            defs={pack.parameters}
            values={params.packValues}
            message={(n) => fieldMessage(missing, n, errorOf(packErrors, n))}
            onChange={params.setPackValue}
          />
        )}
        <ParameterStep
          value="herschikking"
          heading={`${n}. Herschikking`}
          summary={resolved.errors.length ? count(resolved.errors.length, 'fout', 'fouten') : `peildatum ${params.values.peildatum || 'laatste maand'}`}
          defs={HERSCHIK_PARAMETERS}
          names={SHOWN}
          values={params.values}
          message={(n) => errorOf(resolved.errors, n)}
          onChange={params.setValue}
        />
        <VergelijkStep number={n + 1} packs={params.packs} choice={choice} />
      </Accordion>
    </>
  );
}
