/** Step 3 of the Aanvragen tab: where the run read and wrote, what asks for action, and every provider assessed. */
import { MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import { attentionReasons, type ProviderAssessment } from '../../../domain/assessments';
import { ASSESS_HEADERS, ASSESS_SHEET, type AssessOutcome } from '../../../workbook/jobs/assess';
import { useFocusOnArrival } from '../../focus';
import { STALE_NOTE } from '../../StaleBar';
import { count, keepTogether, useStyles } from '../../styles';
import { ProviderCard } from './ProviderCard';

const useLocal = makeStyles({
  providers: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, margin: 0, padding: 0, listStyle: 'none' },
});

/** "aanvraagformulier op blad A (met B)" or "2 aanvraagformulieren: blad A; blad C". */
function formsRead(forms: string[][]): string {
  const one = (f: string[]) => `blad ${f[0]}${f.length > 1 ? ` (met ${f.slice(1).join(', ')})` : ''}`;
  return forms.length === 1 ? `aanvraagformulier op ${one(forms[0])}` : `${forms.length} aanvraagformulieren: ${forms.map(one).join('; ')}`;
}

/** Above the providers: how many ask for action, so that a long list does not hide them. */
function AttentionBar({ assessments }: { assessments: ProviderAssessment[] }) {
  const open = assessments.filter((a) => attentionReasons(a).length);
  if (!open.length) return null;
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="aanvragen-aandacht">
      <MessageBarBody>
        <MessageBarTitle>
          Aandacht nodig bij {open.length} van {count(assessments.length, 'aanvraag', 'aanvragen')}
        </MessageBarTitle>
        <span>{keepTogether(open.map((a) => `${a.naam || a.agb || a.bron}: ${attentionReasons(a).join('; ')}`).join(' · '))}</span>
      </MessageBarBody>
    </MessageBar>
  );
}

/** `stale`: the workbook changed after this run (stale.ts), so no outcome is shown as good news. */
export function AanvragenResult({ outcome, stale }: { outcome: AssessOutcome; stale: boolean }) {
  const styles = { ...useStyles(), ...useLocal() };
  const ref = useFocusOnArrival<HTMLDivElement>(outcome);
  return (
    <div ref={ref} tabIndex={-1} className={styles.section} data-testid="aanvragen-resultaat" aria-labelledby="aanvragen-resultaat-kop">
      <h3 id="aanvragen-resultaat-kop" className={styles.step}>
        3. {count(outcome.assessments.length, 'aanvraag', 'aanvragen')} beoordeeld
      </h3>
      <p className={`${styles.muted} ${styles.small}`} data-testid="aanvragen-bron">
        {outcome.mode === 'lijst'
          ? `Geschreven in blad ${outcome.sheet} (kolommen ${ASSESS_HEADERS[0]} en verder); samenvatting in blad ${ASSESS_SHEET}.`
          : `Gelezen: ${formsRead(outcome.forms ?? [])}. Samenvatting in blad ${ASSESS_SHEET}.`}
        {stale && ` ${STALE_NOTE}`}
      </p>
      <AttentionBar assessments={outcome.assessments} />
      {outcome.warnings.map((w, i) => (
        <MessageBar key={i} intent="warning" layout="multiline">
          <MessageBarBody>{w}</MessageBarBody>
        </MessageBar>
      ))}
      <ul className={styles.providers}>
        {outcome.assessments.map((a, i) => (
          <ProviderCard key={`${a.agb}-${i}`} a={a} stale={stale} />
        ))}
      </ul>
    </div>
  );
}
