/**
 * "Beoordeel aanvraag": assess herberekening and hardheidsclausule requests in the open workbook (a provider
 * list or an aanvraagformulier) against the chosen procedure, and show per provider the outcome, the
 * deadline and the reasons with their citations. Self-contained; talks to the workbook through the runner.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { flagName } from '../../domain/flags';
import { count, keepTogether, useStyles as useShared } from '../styles';
import { ParamField } from './fields';
import { SeverityIcon, CitationLine } from './signals';
import {
  attentionReasons,
  formatDate,
  listProcedures,
  resolveProcedureParameters,
  ROUTE_STATUS_LABELS,
  ROUTE_STATUS_TONE,
  routeLabel,
  type Finding,
  type Procedure,
  type ProviderAssessment,
  type RouteResult,
  type Tone,
} from '../../domain/assessments';
import { dec, formatNumber, formatPercentage } from '../../domain/money';
import type { ParameterDef } from '../../domain/policy/types';
import { InputError } from '../../workbook/errors';
import { ASSESS_HEADERS, ASSESS_SHEET, assessWorkbook, type AssessOutcome } from '../../workbook/jobs/assess';
import type { Host, PortRunner } from '../office-port';
import { failureText } from '../failure';
import { useStaleWatch } from '../stale';
import { StaleBar, STALE_NOTE } from '../StaleBar';
import { affectsAssessment, readSheetRecord } from '../run-record';

/** The primary button's label (also named in messages that say to run again). */
const BUTTON = 'Beoordeel aanvragen';

export interface AssessViewProps {
  /** Runs a job on the open workbook; undefined when no workbook is available. */
  runner: PortRunner | undefined;
  /** For noticing changes to the workbook after a run (see stale.ts). */
  host?: Host;
}

const useLocal = makeStyles({
  providers: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, margin: 0, padding: 0, listStyle: 'none' },
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

function defaultText(def: ParameterDef): string {
  const v = def.default;
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return formatNumber(dec(v), 0, 10);
  if (typeof v === 'boolean') return v ? 'ja' : 'nee';
  if (def.type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return formatDate(v);
  return v;
}

function defaults(proc: Procedure | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (proc) for (const [name, def] of Object.entries(proc.parameters)) out[name] = defaultText(def);
  return out;
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
  const styles = useStyles();
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
        {r.findings.length > 0 && (
          <ul className={styles.findings}>
            {r.findings.map((f, i) => (
              <FindingItem key={i} f={f} />
            ))}
          </ul>
        )}
      </MessageBarBody>
    </MessageBar>
  );
}

function Provider({ a, stale }: { a: ProviderAssessment; stale: boolean }) {
  const styles = useStyles();
  const form = a.formulier.filter((f) => f.severity !== 'info');
  return (
    <li className={styles.provider} data-agb={a.agb}>
      <p className={styles.status}>
        {a.agb || '(geen AGB-code)'} {a.naam} — route: {routeLabel(a)}
      </p>
      <p className={`${styles.muted} ${styles.small}`}>Bron: {a.bron}</p>
      {!a.identiteit.zeker && (
        <MessageBar intent="warning" layout="multiline" data-testid="identiteit-onzeker">
          <MessageBarBody>
            <MessageBarTitle>{ROUTE_STATUS_LABELS['identiteit-onzeker']}</MessageBarTitle>
            <span>{keepTogether(`${a.identiteit.redenen.join('; ')}.`)}</span>
          </MessageBarBody>
        </MessageBar>
      )}
      <p className={`${styles.muted} ${styles.small}`}>Termijn: {keepTogether(a.termijn.samenvatting)}</p>
      <Route title="Herberekening" r={a.herberekening} stale={stale} />
      <Route title="Hardheidsclausule" r={a.hardheidsclausule} stale={stale} />
      {form.length > 0 && (
        <Accordion collapsible>
          <AccordionItem value="formulier">
            <AccordionHeader size="small">Formulier en gegevens: {count(form.length, 'signaal', 'signalen')}</AccordionHeader>
            <AccordionPanel>
              <ul className={styles.findings}>
                {form.map((f, i) => (
                  <FindingItem key={i} f={f} />
                ))}
              </ul>
            </AccordionPanel>
          </AccordionItem>
        </Accordion>
      )}
    </li>
  );
}

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

export function AssessView({ runner, host }: AssessViewProps) {
  const styles = useStyles();
  const procedures = useMemo(() => listProcedures(), []);
  const [procId, setProcId] = useState(procedures[0]?.id ?? '');
  const proc = procedures.find((p) => p.id === procId);
  const [texts, setTexts] = useState<Record<string, string>>(() => defaults(proc));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [outcome, setOutcome] = useState<AssessOutcome | undefined>();
  const [paramsOpen, setParamsOpen] = useState(false);
  /** The summary sheet as the run left it (run-record.ts). */
  const [record, setRecord] = useState<string | undefined>();
  // After a run: a change the add-in did not make to the list or forms it read or to its own sheet, or that sheet
  // no longer holding what it wrote when the pane is used again (an undo), makes the result outdated.
  const read = useMemo(() => (outcome ? (outcome.forms?.flat() ?? (outcome.sheet ? [outcome.sheet] : [])) : []), [outcome]);
  const { stale, reset: resetStale } = useStaleWatch(host, {
    watching: !busy && !!outcome,
    relevant: (change) => affectsAssessment(change, read, ASSESS_SHEET),
    verify: async () => !runner || (await runner((port) => readSheetRecord(port, ASSESS_SHEET))) === record,
    sheets: outcome,
    checkOnSelection: true,
  });
  const resultRef = useRef<HTMLDivElement>(null);
  // after a run the result takes the focus and the view
  useEffect(() => {
    if (!outcome || !resultRef.current) return;
    resultRef.current.scrollIntoView?.({ block: 'start' });
    resultRef.current.focus({ preventScroll: true });
  }, [outcome]);

  const resolved = useMemo(() => (proc ? resolveProcedureParameters(proc, texts) : undefined), [proc, texts]);
  const canRun = !busy && !!runner && !!proc && !resolved?.errors.length;
  const paramErrors = Object.fromEntries((resolved?.errors ?? []).map((e) => [e.name, e.message]));

  const choose = (id: string) => {
    setProcId(id);
    setTexts(defaults(procedures.find((p) => p.id === id)));
    setOutcome(undefined);
    setError(undefined);
  };

  const run = async () => {
    if (!runner || !proc || !resolved || resolved.errors.length) return;
    setBusy(true);
    setError(undefined);
    resetStale();
    try {
      const result = await runner((port) => assessWorkbook(port, proc, resolved.values, { policyId: proc.policies[0] }));
      // unread, the record matches nothing: the next check marks the result outdated rather than current
      setRecord(await runner((port) => readSheetRecord(port, ASSESS_SHEET)).catch(() => undefined));
      setOutcome(result);
      resetStale();
    } catch (e) {
      setOutcome(undefined);
      setError(failureText(e, { button: BUTTON, own: (x) => x instanceof InputError }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className={styles.root} aria-labelledby="aanvragen-kop">
      <h2 id="aanvragen-kop" className={styles.heading}>
        Aanvragen beoordelen
      </h2>
      <p className={styles.muted}>Herberekening en hardheidsclausule, voor een aanvraagformulier of een lijst met aanbieders in de open werkmap.</p>
      <div role="status" aria-live="polite" className={styles.visuallyHidden}>
        {busy ? 'Bezig met beoordelen…' : outcome ? `${count(outcome.assessments.length, 'aanvraag', 'aanvragen')} beoordeeld.` : ''}
      </div>
      {!runner && (
        <MessageBar intent="warning">
          <MessageBarBody>
            <MessageBarTitle>Geen werkmap</MessageBarTitle>
            Open een werkmap in Excel om aanvragen te beoordelen.
          </MessageBarBody>
        </MessageBar>
      )}
      <h3 className={styles.step}>1. Procedure</h3>
      <Field label="Beleid en procedure" hint="Alleen beleid met regels voor herberekening of hardheidsclausule.">
        <Select className={styles.select} value={procId} onChange={(_, d) => choose(d.value)}>
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
          openItems={paramsOpen || Object.keys(paramErrors).length ? ['parameters'] : []}
          onToggle={(_, d) => setParamsOpen(d.openItems.includes('parameters'))}
        >
          <AccordionItem value="parameters">
            <AccordionHeader as="h3" expandIconPosition="end">
              <span>
                2. Parameters{' '}
                <span className={styles.summary}>
                  ·{' '}
                  {Object.keys(paramErrors).length
                    ? count(Object.keys(paramErrors).length, 'fout', 'fouten')
                    : count(Object.keys(proc.parameters).length, 'parameter', 'parameters')}
                </span>
              </span>
            </AccordionHeader>
            <AccordionPanel className={styles.accordionPanel}>
              {Object.entries(proc.parameters).map(([name, def]) => (
                <ParamField
                  key={name}
                  name={name}
                  def={def}
                  value={texts[name] ?? ''}
                  error={paramErrors[name]}
                  onChange={(v) => setTexts((t) => ({ ...t, [name]: v }))}
                />
              ))}
            </AccordionPanel>
          </AccordionItem>
        </Accordion>
      )}
      {error && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>
            <MessageBarTitle>Niet beoordeeld</MessageBarTitle>
            {error}
          </MessageBarBody>
        </MessageBar>
      )}
      {stale && <StaleBar run="beoordeling" action="Beoordeel opnieuw" onRerun={() => void run()} disabled={!canRun} />}
      {outcome && (
        <div ref={resultRef} tabIndex={-1} className={styles.section} data-testid="aanvragen-resultaat" aria-labelledby="aanvragen-resultaat-kop">
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
              <Provider key={`${a.agb}-${i}`} a={a} stale={stale} />
            ))}
          </ul>
        </div>
      )}
      <footer className={styles.footer} aria-label="Beoordelen">
        <div className={styles.footerButtons}>
          <Button appearance="primary" onClick={() => void run()} disabled={!canRun} data-testid="primaire-actie">
            {busy ? 'Bezig…' : BUTTON}
          </Button>
        </div>
        {!runner && <p className={`${styles.muted} ${styles.small}`}>Open Tariefwijzer in Excel om aanvragen te beoordelen.</p>}
      </footer>
    </section>
  );
}

export default AssessView;
