/**
 * "Beoordeel aanvraag": assess herberekening and hardheidsclausule requests in the open workbook (a provider
 * list or an aanvraagformulier) against the chosen procedure, and show per provider the outcome, the
 * deadline and the reasons with their citations. Self-contained; talks to the workbook through the runner.
 */
import { useMemo, useState } from 'react';
import { Button, Field, Input, MessageBar, MessageBarBody, MessageBarTitle, Select, makeStyles, tokens } from '@fluentui/react-components';
import { formatDate, listProcedures, resolveProcedureParameters, ROUTE_STATUS_LABELS, routeLabel, type Procedure, type ProviderAssessment, type RouteResult } from '../../domain/assessments';
import { formatFlag } from '../../domain/flags';
import { dec, formatNumber, formatPercentage } from '../../domain/money';
import type { ParameterDef } from '../../domain/policy/types';
import { InputError } from '../../workbook/annotate';
import { ASSESS_HEADERS, ASSESS_SHEET, assessWorkbook, type AssessOutcome } from '../../workbook/assess';
import type { PortRunner } from '../office-port';

export interface AssessViewProps {
  /** Runs a job on the open workbook; undefined when no workbook is available. */
  runner: PortRunner | undefined;
}

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, padding: tokens.spacingHorizontalL, maxWidth: '720px', boxSizing: 'border-box' },
  select: { width: '100%', minWidth: 0, '& select': { minWidth: 0, maxWidth: '100%', textOverflow: 'ellipsis' } },
  heading: { margin: 0, fontSize: tokens.fontSizeBase600, fontWeight: tokens.fontWeightSemibold },
  step: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  muted: { margin: 0, color: tokens.colorNeutralForeground3 },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  providers: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, margin: 0, padding: 0, listStyle: 'none' },
  provider: { borderTop: `1px solid ${tokens.colorNeutralStroke2}`, paddingTop: tokens.spacingVerticalS, overflowWrap: 'anywhere' },
  status: { fontWeight: tokens.fontWeightSemibold },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  small: { fontSize: tokens.fontSizeBase200 },
});

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

const INTENT: Record<RouteResult['status'], 'success' | 'warning' | 'error' | 'info'> = {
  'niet-aangevraagd': 'info',
  'niet-in-beleid': 'error',
  'niet-ontvankelijk': 'error',
  'niet-in-behandeling': 'error',
  'te-beoordelen': 'warning',
  handhaven: 'success',
  aanpassen: 'success',
  toekennen: 'success',
  afwijzen: 'warning',
};

function Route({ title, r }: { title: string; r: RouteResult }) {
  const styles = useStyles();
  if (!r.aangevraagd) return null;
  return (
    <MessageBar intent={INTENT[r.status]} layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>
          {title}: {ROUTE_STATUS_LABELS[r.status]}
          {r.voorgesteldPercentage ? ` (${formatPercentage(r.voorgesteldPercentage)})` : ''}
        </MessageBarTitle>
        <span>{r.uitkomst}</span>
        {r.findings.length > 0 && (
          <ul className={`${styles.list} ${styles.small}`}>
            {r.findings.map((f, i) => (
              <li key={i}>{formatFlag(f)}</li>
            ))}
          </ul>
        )}
      </MessageBarBody>
    </MessageBar>
  );
}

function Provider({ a }: { a: ProviderAssessment }) {
  const styles = useStyles();
  const form = a.formulier.filter((f) => f.severity !== 'info');
  return (
    <li className={styles.provider} data-agb={a.agb}>
      <p className={styles.status}>
        {a.agb || '(geen AGB-code)'} {a.naam} — route: {routeLabel(a)}
      </p>
      <p className={`${styles.muted} ${styles.small}`}>Bron: {a.bron}</p>
      <p className={styles.small}>Termijn: {a.termijn.samenvatting}</p>
      <Route title="Herberekening" r={a.herberekening} />
      <Route title="Hardheidsclausule" r={a.hardheidsclausule} />
      {form.length > 0 && (
        <details>
          <summary className={styles.small}>Formulier en gegevens: {form.length} signalen</summary>
          <ul className={`${styles.list} ${styles.small}`}>
            {form.map((f, i) => (
              <li key={i}>{formatFlag(f)}</li>
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}

export function AssessView({ runner }: AssessViewProps) {
  const styles = useStyles();
  const procedures = useMemo(() => listProcedures(), []);
  const [procId, setProcId] = useState(procedures[0]?.id ?? '');
  const proc = procedures.find((p) => p.id === procId);
  const [texts, setTexts] = useState<Record<string, string>>(() => defaults(proc));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [outcome, setOutcome] = useState<AssessOutcome | undefined>();

  const resolved = useMemo(() => (proc ? resolveProcedureParameters(proc, texts) : undefined), [proc, texts]);
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
    try {
      const result = await runner((port) => assessWorkbook(port, proc, resolved.values, { policyId: proc.policies[0] }));
      setOutcome(result);
    } catch (e) {
      setOutcome(undefined);
      setError(e instanceof InputError ? e.message : `Onverwachte fout: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className={styles.root} aria-label="Beoordeel aanvraag">
      <h2 className={styles.heading}>Beoordeel aanvraag</h2>
      <p className={styles.muted}>
        Herberekening tariefpercentage en hardheidsclausule, voor een aanvraagformulier of een lijst met aanbieders in de open werkmap.
      </p>
      {!runner && (
        <MessageBar intent="warning">
          <MessageBarBody>
            <MessageBarTitle>Geen werkmap</MessageBarTitle>
            Open een werkmap in Excel om aanvragen te beoordelen.
          </MessageBarBody>
        </MessageBar>
      )}
      <Field label="Beleid en procedure" hint="Alleen beleid waarvan de bron regels voor herberekening of hardheidsclausule heeft.">
        <Select className={styles.select} value={procId} onChange={(_, d) => choose(d.value)}>
          {procedures.map((p) => (
            <option key={p.id} value={p.id}>
              {p.title}
            </option>
          ))}
        </Select>
      </Field>
      {proc && (
        <div className={styles.section}>
          <h3 className={styles.step}>Parameters</h3>
          {Object.entries(proc.parameters).map(([name, def]) => (
            <Field key={name} label={def.label} hint={def.description} validationState={paramErrors[name] ? 'error' : 'none'} validationMessage={paramErrors[name]}>
              <Input name={name} value={texts[name] ?? ''} placeholder="niet ingesteld" onChange={(_, d) => setTexts((t) => ({ ...t, [name]: d.value }))} />
            </Field>
          ))}
        </div>
      )}
      <Button appearance="primary" onClick={() => void run()} disabled={busy || !runner || !proc || Boolean(resolved?.errors.length)}>
        {busy ? 'Bezig…' : 'Beoordeel aanvraag'}
      </Button>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>
            <MessageBarTitle>Niet beoordeeld</MessageBarTitle>
            {error}
          </MessageBarBody>
        </MessageBar>
      )}
      {outcome && (
        <div className={styles.section}>
          <h3 className={styles.step}>
            {outcome.assessments.length} aanvra{outcome.assessments.length === 1 ? 'ag' : 'gen'} beoordeeld
          </h3>
          <p className={`${styles.muted} ${styles.small}`}>
            {outcome.mode === 'lijst'
              ? `Geschreven in blad ${outcome.sheet}: kolommen ${ASSESS_HEADERS.join(', ')}; samenvatting in blad ${ASSESS_SHEET}.`
              : `Samenvatting in blad ${ASSESS_SHEET}.`}
          </p>
          {outcome.warnings.map((w, i) => (
            <p key={i} className={styles.small}>
              Let op: {w}
            </p>
          ))}
          <ul className={styles.providers}>
            {outcome.assessments.map((a, i) => (
              <Provider key={`${a.agb}-${i}`} a={a} />
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

export default AssessView;
