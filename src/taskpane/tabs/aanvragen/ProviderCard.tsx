/** One assessed provider: route, deadline, the outcome per route with its findings and their sources. */
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { flagName } from '../../../domain/flags';
import {
  ROUTE_STATUS_LABELS,
  ROUTE_STATUS_TONE,
  routeLabel,
  type Finding,
  type ProviderAssessment,
  type RouteResult,
  type Tone,
} from '../../../domain/assessments';
import { formatPercentage } from '../../../domain/money';
import { count, keepTogether, useStyles as useShared } from '../../styles';
import { SeverityIcon, CitationLine } from '../../signals';

const useLocal = makeStyles({
  provider: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    paddingTop: tokens.spacingVerticalS,
    overflowWrap: 'anywhere',
  },
  status: { margin: 0, fontWeight: tokens.fontWeightSemibold },
  finding: { listStyle: 'none', display: 'flex', flexDirection: 'column', gap: '2px' },
  findings: { margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
});

function useStyles() {
  return { ...useShared(), ...useLocal() };
}

/** One finding: severity icon, Dutch name, message, and its source with the quote on demand. */
function FindingItem({ f }: { f: Finding }) {
  const styles = useStyles();
  return (
    <li className={`${styles.finding} ${styles.small}`}>
      <span className={styles.signalTitle}>
        <SeverityIcon severity={f.severity} />
        <span>
          {flagName(f)}: <span style={{ fontWeight: 'normal' }}>{keepTogether(f.message)}</span>
        </span>
      </span>
      {f.citation && <CitationLine citation={f.citation} />}
    </li>
  );
}

function Findings({ list }: { list: Finding[] }) {
  const styles = useStyles();
  return (
    <ul className={styles.findings}>
      {list.map((f, i) => (
        <FindingItem key={i} f={f} />
      ))}
    </ul>
  );
}

/** The pane's colours follow the domain's reading of each outcome; green only for good news. */
const INTENT: Record<Tone, 'success' | 'warning' | 'error' | 'info'> = {
  goed: 'success',
  aandacht: 'warning',
  negatief: 'error',
  neutraal: 'info',
};

/** `stale`: the workbook changed after the run (stale.ts): no outcome is shown as good news. */
function Route({ title, r, stale }: { title: string; r: RouteResult; stale: boolean }) {
  if (!r.aangevraagd) return null;
  const intent = INTENT[ROUTE_STATUS_TONE[r.status]];
  return (
    <MessageBar intent={stale && intent === 'success' ? 'warning' : intent} layout="multiline" data-status={r.status}>
      <MessageBarBody>
        <MessageBarTitle>
          {title}: {ROUTE_STATUS_LABELS[r.status]}
          {r.voorgesteldPercentage ? ` (${formatPercentage(r.voorgesteldPercentage)})` : ''}
        </MessageBarTitle>
        <span>{keepTogether(r.uitkomst)}</span>
        {r.findings.length > 0 && <Findings list={r.findings} />}
      </MessageBarBody>
    </MessageBar>
  );
}

function IdentityUnsure({ a }: { a: ProviderAssessment }) {
  if (a.identiteit.zeker) return null;
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="identiteit-onzeker">
      <MessageBarBody>
        <MessageBarTitle>{ROUTE_STATUS_LABELS['identiteit-onzeker']}</MessageBarTitle>
        <span>{keepTogether(`${a.identiteit.redenen.join('; ')}.`)}</span>
      </MessageBarBody>
    </MessageBar>
  );
}

export function ProviderCard({ a, stale }: { a: ProviderAssessment; stale: boolean }) {
  const styles = useStyles();
  const form = a.formulier.filter((f) => f.severity !== 'info');
  return (
    <li className={styles.provider} data-agb={a.agb}>
      <p className={styles.status}>
        {a.agb || '(geen AGB-code)'} {a.naam} — route: {routeLabel(a)}
      </p>
      <p className={`${styles.muted} ${styles.small}`}>Bron: {a.bron}</p>
      <IdentityUnsure a={a} />
      <p className={`${styles.muted} ${styles.small}`}>Termijn: {keepTogether(a.termijn.samenvatting)}</p>
      <Route title="Herberekening" r={a.herberekening} stale={stale} />
      <Route title="Hardheidsclausule" r={a.hardheidsclausule} stale={stale} />
      {form.length > 0 && (
        <Accordion collapsible>
          <AccordionItem value="formulier">
            <AccordionHeader size="small">Formulier en gegevens: {count(form.length, 'signaal', 'signalen')}</AccordionHeader>
            <AccordionPanel>
              <Findings list={form} />
            </AccordionPanel>
          </AccordionItem>
        </Accordion>
      )}
    </li>
  );
}
