/**
 * The Aanvragen tab: assess herberekening and hardheidsclausule requests in the open workbook (a provider list or
 * an aanvraagformulier) against the chosen procedure, and show per provider the outcome, the deadline and the
 * reasons with their citations. 1. procedure, 2. its parameters, the action in the footer, 3. the result.
 */
import { useMemo } from 'react';
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { listProcedures } from '../../../domain/assessments';
import { ASSESS_SHEET, assessWorkbook, type AssessOutcome } from '../../../workbook/jobs/assess';
import { useJob, type JobWords } from '../../jobs/useJob';
import { useSheetRun } from '../../jobs/useSheetRun';
import type { Host, PortRunner } from '../../office-port';
import { affectsAssessment } from '../../run-record';
import { StaleBar } from '../../StaleBar';
import { FailureBar } from '../../steps/FailureBar';
import { JobFooter } from '../../steps/JobFooter';
import { count, useStyles } from '../../styles';
import { AanvragenResult } from './AanvragenResult';
import { ProcedureStep } from './ProcedureStep';
import { useAssessParameters } from './useAssessParameters';

export const WORDS: JobWords = {
  button: 'Beoordeel aanvragen',
  phases: { lezen: 'Werkmap lezen…', rekenen: 'Aanvragen beoordelen…', schrijven: 'Beoordelingen schrijven…' },
  computed: ['aanvraag', 'aanvragen'],
};

export interface AanvragenTabProps {
  /** Runs a job on the open workbook; undefined when no workbook is available. */
  runner: PortRunner | undefined;
  /** For noticing changes to the workbook after a run (see stale.ts). */
  host?: Host;
}

/** The sheets an assessment read (its list, or its forms): a change there makes it outdated. */
const readSheets = (o: AssessOutcome) => o.forms?.flat() ?? (o.sheet ? [o.sheet] : []);

export function AanvragenTab({ runner, host }: AanvragenTabProps) {
  const styles = useStyles();
  const procedures = useMemo(() => listProcedures(), []);
  const job = useJob(runner, WORDS);
  const result = useSheetRun<AssessOutcome>(host, job, {
    sheet: ASSESS_SHEET,
    relevant: (change, outcome) => affectsAssessment(change, readSheets(outcome), ASSESS_SHEET),
    done: (outcome) => `${count(outcome.assessments.length, 'aanvraag', 'aanvragen')} beoordeeld.`,
  });
  const params = useAssessParameters(procedures, () => {
    result.clear();
    job.clearFailure();
  });
  const { proc, values } = params;
  const canRun = !job.busy && !!runner && !!proc && !!values;
  const run = () => void (proc && values && result.run((port, options) => assessWorkbook(port, proc, values, { ...options, policyId: proc.policies[0] })));

  return (
    <section className={styles.root} aria-labelledby="aanvragen-kop">
      <h2 id="aanvragen-kop" className={styles.heading}>
        Aanvragen beoordelen
      </h2>
      <p className={styles.muted}>Herberekening en hardheidsclausule, voor een aanvraagformulier of een lijst met aanbieders in de open werkmap.</p>
      <div role="status" aria-live="polite" className={styles.visuallyHidden}>
        {job.announce}
      </div>
      {!runner && (
        <MessageBar intent="warning">
          <MessageBarBody>
            <MessageBarTitle>Geen werkmap</MessageBarTitle>
            Open een werkmap in Excel om aanvragen te beoordelen.
          </MessageBarBody>
        </MessageBar>
      )}
      <ProcedureStep procedures={procedures} params={params} />
      <FailureBar failure={job.failure} title="Niet beoordeeld" />
      {result.stale && <StaleBar run="beoordeling" action="Beoordeel opnieuw" onRerun={run} disabled={!canRun} />}
      {result.outcome && <AanvragenResult outcome={result.outcome} stale={result.stale} />}
      <JobFooter
        label="Beoordelen"
        job={job}
        words={WORDS}
        onRun={run}
        canRun={canRun}
        why={runner ? undefined : 'Open Tariefwijzer in Excel om aanvragen te beoordelen.'}
      />
    </section>
  );
}

export default AanvragenTab;
