/**
 * Step 4: what a run did. First the answer (did every row get a tariff, and if not, why not), then the
 * signals by severity and count, each in the user's words with its rows. A clicked row is selected in the
 * sheet and its explanation opens right there, under the row's button.
 */
import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import { Button, MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { RowResult } from '../../../domain/engine';
import { flagMeaning, flagName, SEVERITY_LABEL, SEVERITY_ORDER, type Flag } from '../../../domain/flags';
import { formatEuro, formatPercentage } from '../../../domain/money';
import type { AnnotateOutcome, RowExplanation } from '../../../workbook/jobs/annotate';
import { CitationLine, SeverityIcon } from '../../signals';
import { count, keepTogether, useStyles } from '../../styles';
import type { Outcome } from '../../../domain/outcome';
import { missingReasons, tariffVerdict } from '../../../domain/tariff-verdict';
import { INTENT } from '../../outcome';
import { STALE_NOTE } from '../../StaleBar';

/** Rows listed per signal; the highlighted output columns show them all. */
const ROWS_PER_FLAG = 25;

/** "Aanbieders!7" → ["Aanbieders", 6] (0-based row). */
export function parseRef(ref: string): [string, number] {
  const i = ref.lastIndexOf('!');
  return [ref.slice(0, i), Number(ref.slice(i + 1)) - 1];
}

/** A row the user asked about: this session's result for it, or what the sheet's output columns say. */
export interface SelectedRow {
  sheet: string;
  row: number;
  result?: RowResult;
  read?: RowExplanation;
  /** The signal whose row button was clicked (the explanation opens there). */
  via?: string;
  /** The cells no longer show this session's result for the row (`read` is what they show). */
  differs?: boolean;
}

export interface SignalGroup {
  code: string;
  name: string;
  severity: Flag['severity'];
  meaning?: string;
  rows: RowResult[];
  first: Flag;
}

/** Signal kinds of a run, worst severity first, then the most rows. */
export function signalGroups(results: readonly RowResult[]): SignalGroup[] {
  const groups = new Map<string, SignalGroup>();
  for (const r of results) {
    for (const f of r.flags) {
      const g = groups.get(f.code);
      if (!g) groups.set(f.code, { code: f.code, name: flagName(f), severity: f.severity, meaning: flagMeaning(f.code), rows: [r], first: f });
      else if (g.rows[g.rows.length - 1] !== r) g.rows.push(r);
    }
  }
  return [...groups.values()].sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || b.rows.length - a.rows.length || a.name.localeCompare(b.name, 'nl'),
  );
}

/**
 * The result's first line, by the one rule of domain/outcome.ts (domain/tariff-verdict.ts, as the CLI): green only when every row got a tariff and no
 * row has a signal that asks for a check; no tariff at all is an error.
 */
export function summaryText(outcome: AnnotateOutcome): { ok: boolean; outcome: Outcome; title: string; detail: string } {
  const rows = outcome.dataRows;
  const missing = rows - outcome.tariffsSet;
  const checks = outcome.counts.checks;
  const result = tariffVerdict(outcome.counts).outcome;
  if (rows === 0)
    return { ok: false, outcome: result, title: 'Geen rijen gevonden', detail: `Blad "${outcome.sheet}" heeft onder de kopregel geen rijen met gegevens.` };
  if (missing === 0)
    return {
      ok: result === 'goed',
      outcome: result,
      title: `Alle ${count(rows, 'rij', 'rijen')} hebben een tarief`,
      detail: `Blad "${outcome.sheet}": de uitkomsten staan in de Tariefwijzer-kolommen.${checks ? ` ${count(checks, 'rij heeft', 'rijen hebben')} een signaal dat om controle vraagt.` : ''}`,
    };
  const why = missingReasons(outcome.counts)
    .map(([name, n]) => `${name} (${count(n, 'rij', 'rijen')})`)
    .join(', ');
  return {
    ok: false,
    outcome: result,
    title: `${count(missing, 'rij', 'rijen')} zonder tarief`,
    detail: `${count(outcome.tariffsSet, 'tarief', 'tarieven')} berekend voor ${count(rows, 'rij', 'rijen')} op blad "${outcome.sheet}". Geen tarief: ${why}.`,
  };
}

export interface ResultProps {
  outcome: AnnotateOutcome;
  titles?: Readonly<Record<string, string>>;
  selected?: SelectedRow;
  /** The workbook changed after this run (see stale.ts): the result is no longer good news. */
  stale?: boolean;
  onSelectRow?: (sheet: string, row: number, via: string) => void;
  /** What the user can do with this result (under its summary): the tab's result actions. */
  actions?: ReactNode;
}

export function Result({ outcome, titles, selected, stale, onSelectRow, actions }: ResultProps) {
  const styles = useStyles();
  const ref = useRef<HTMLElement>(null);
  // a new result takes the focus and the view (its heading at the top), so keyboard and screen-reader users land on it
  useEffect(() => {
    ref.current?.scrollIntoView?.({ block: 'start' });
    ref.current?.focus({ preventScroll: true });
  }, [outcome]);
  // once per run, not on every render (selecting a row re-renders): at 100k rows each pass is real main-thread work
  const summary = useMemo(() => summaryText(outcome), [outcome]);
  const groups = useMemo(() => signalGroups(outcome.run.results), [outcome]);
  return (
    <section ref={ref} tabIndex={-1} className={styles.section} aria-labelledby="stap-resultaat" data-testid="resultaat">
      <h2 id="stap-resultaat" className={styles.step}>
        4. Resultaat
      </h2>
      <MessageBar intent={INTENT[stale && summary.outcome === 'goed' ? 'aandacht' : summary.outcome]} layout="multiline" data-testid="resultaat-samenvatting">
        <MessageBarBody>
          <MessageBarTitle>{summary.title}</MessageBarTitle>
          {summary.detail}
          {stale && ` ${STALE_NOTE}`}
        </MessageBarBody>
      </MessageBar>
      {actions && (
        <div className={styles.buttons} data-testid="resultaat-acties">
          {actions}
        </div>
      )}
      {outcome.warnings.length > 0 && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Opmerkingen</MessageBarTitle>
            {outcome.warnings.join(' ')}
          </MessageBarBody>
        </MessageBar>
      )}
      <h3 className={styles.step}>Signalen</h3>
      {groups.length === 0 && <p className={styles.muted}>Geen signalen: geen rij vraagt om controle.</p>}
      {groups.map((g) => (
        <div key={g.code} className={styles.signal} data-testid={`signaal-${g.code}`}>
          <div className={styles.signalTitle}>
            <SeverityIcon severity={g.severity} />
            <span>
              {g.name}: {count(g.rows.length, 'rij', 'rijen')}
              <span className={styles.summary}> · {SEVERITY_LABEL[g.severity].toLowerCase()}</span>
            </span>
          </div>
          <div className={styles.small}>{keepTogether(g.meaning ?? g.first.message)}</div>
          {g.first.citation && <CitationLine citation={g.first.citation} titles={titles} />}
          <div className={styles.buttons}>
            {g.rows.slice(0, ROWS_PER_FLAG).map((r) => {
              const [sheet, row] = parseRef(r.ref);
              const open = selected?.via === g.code && selected.sheet === sheet && selected.row === row;
              return (
                <Button
                  key={r.ref}
                  size="small"
                  disabled={!onSelectRow}
                  aria-pressed={open}
                  onClick={() => onSelectRow?.(sheet, row, g.code)}
                  aria-label={`Rij ${row + 1}: ${g.name}, toon in het blad en leg uit`}
                >
                  Rij {row + 1}
                </Button>
              );
            })}
            {g.rows.length > ROWS_PER_FLAG && <span className={styles.small}>en nog {g.rows.length - ROWS_PER_FLAG}</span>}
          </div>
          {selected?.via === g.code && <RowCard selected={selected} titles={titles} />}
        </div>
      ))}
    </section>
  );
}

/** The explanation of one row, scrolled into view where it appears. */
export function RowCard({ selected, titles }: { selected: SelectedRow; titles?: Readonly<Record<string, string>> }) {
  const styles = useStyles();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [selected]);
  const r = selected.result;
  const percentage = r ? (r.percentage ? formatPercentage(r.percentage) : undefined) : selected.read?.percentage;
  const tarief = r ? (r.tarief ? formatEuro(r.tarief) : undefined) : selected.read?.tarief;
  return (
    <div ref={ref} className={styles.card} role="region" aria-labelledby="geselecteerde-rij-kop" data-testid="geselecteerde-rij">
      <h3 id="geselecteerde-rij-kop" className={styles.step}>
        Rij {selected.row + 1} <span className={styles.summary}>blad {selected.sheet}</span>
      </h3>
      <div className={styles.figures}>
        Percentage <span className={styles.number}>{percentage ?? '—'}</span> · tarief{' '}
        <span className={styles.number}>{tarief ? keepTogether(tarief) : '—'}</span>
      </div>
      {selected.differs && (
        <div className={styles.small} data-testid="rij-gewijzigd">
          Deze rij toont niet de uitkomst van de laatste berekening in dit venster: de werkmap is gewijzigd na de berekening. Hierboven staat wat de cellen nu
          tonen; bereken opnieuw voor een toelichting.
        </div>
      )}
      {r ? (
        <>
          {r.flags.map((f, i) => (
            <div key={i} className={styles.small}>
              <div className={styles.signalTitle}>
                <SeverityIcon severity={f.severity} />
                <span>
                  {flagName(f)}: <span style={{ fontWeight: 'normal' }}>{keepTogether(f.message)}</span>
                </span>
              </div>
              {f.citation && <CitationLine citation={f.citation} titles={titles} />}
            </div>
          ))}
          {r.steps.length > 0 && (
            <ol className={`${styles.list} ${styles.small}`} aria-label="Toelichting: zo is gerekend">
              {r.steps.map((s, i) => (
                <li key={i}>
                  {keepTogether(s.text)}
                  {s.citation && <CitationLine citation={s.citation} titles={titles} />}
                </li>
              ))}
            </ol>
          )}
        </>
      ) : (
        <>
          {selected.read?.signalen && <div className={styles.small}>Signalen: {keepTogether(selected.read.signalen)}</div>}
          {selected.read?.toelichting && <div className={styles.small}>Toelichting: {keepTogether(selected.read.toelichting)}</div>}
          {!selected.read && <div className={styles.muted}>Geen uitkomst van Tariefwijzer in deze rij.</div>}
        </>
      )}
    </div>
  );
}
