/** Step 5: what a run did — counts, flags by kind with the rows that carry them, the first rows' figures. */
import { Button, MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { formatFlag } from '../domain/flags';
import { formatEuro, formatPercentage } from '../domain/money';
import type { AnnotateOutcome } from '../workbook/annotate';
import { useStyles } from './styles';

/** Rows of the result shown in the pane; the workbook holds them all. */
const SHOWN_ROWS = 10;
/** Rows listed per flag; the highlighted output columns show them all. */
const ROWS_PER_FLAG = 25;

/** "Aanbieders!7" → ["Aanbieders", 6] (0-based row). */
function parseRef(ref: string): [string, number] {
  const i = ref.lastIndexOf('!');
  return [ref.slice(0, i), Number(ref.slice(i + 1)) - 1];
}

export function Result({ outcome, onSelectRow }: { outcome: AnnotateOutcome; onSelectRow?: (sheet: string, row: number) => void }) {
  const styles = useStyles();
  const codes = Object.keys(outcome.run.flagCounts).sort();
  return (
    <section className={styles.section} aria-labelledby="stap-resultaat" data-testid="resultaat">
      <h2 id="stap-resultaat" className={styles.step}>5. Resultaat</h2>
      <MessageBar intent="success">
        <MessageBarBody>
          Blad "{outcome.sheet}": {outcome.dataRows} rijen, {outcome.tariffsSet} tarieven berekend. De uitkomsten staan in de Tariefwijzer-kolommen en op het blad
          "Tariefwijzer".
        </MessageBarBody>
      </MessageBar>
      <ul className={styles.list}>
        <li>Rijen: {outcome.dataRows}</li>
        <li>Tarieven berekend: {outcome.tariffsSet}</li>
        <li>Zonder tarief: {outcome.dataRows - outcome.tariffsSet}</li>
      </ul>
      <h3 className={styles.step}>Signalen</h3>
      {codes.length === 0 && <p className={styles.muted}>Geen signalen.</p>}
      {codes.map((code) => {
        const rows = outcome.run.results.filter((r) => r.flags.some((f) => f.code === code));
        const severity = rows[0]?.flags.find((f) => f.code === code)?.severity;
        return (
          <div key={code} className={styles.section} data-testid={`signaal-${code}`}>
            <div className={styles.figures}>
              {code}
              {severity ? ` [${severity}]` : ''}: {outcome.run.flagCounts[code]} {outcome.run.flagCounts[code] === 1 ? 'rij' : 'rijen'}
            </div>
            <div className={styles.buttons}>
              {rows.slice(0, ROWS_PER_FLAG).map((r) => {
                const [sheet, row] = parseRef(r.ref);
                return (
                  <Button key={r.ref} size="small" disabled={!onSelectRow} onClick={() => onSelectRow?.(sheet, row)} aria-label={`Ga naar rij ${row + 1} (${code})`}>
                    Rij {row + 1}
                  </Button>
                );
              })}
              {rows.length > ROWS_PER_FLAG && <span className={styles.small}>en nog {rows.length - ROWS_PER_FLAG}</span>}
            </div>
          </div>
        );
      })}
      {outcome.warnings.length > 0 && (
        <MessageBar intent="warning">
          <MessageBarBody>
            <MessageBarTitle>Opmerkingen</MessageBarTitle>
            {outcome.warnings.join(' ')}
          </MessageBarBody>
        </MessageBar>
      )}
      <h3 className={styles.step}>Eerste rijen</h3>
      <ol className={styles.rows} aria-label="Eerste rijen van het resultaat">
        {outcome.run.results.slice(0, SHOWN_ROWS).map((r) => (
          <li key={r.ref} className={styles.row}>
            <div className={styles.figures}>
              {r.ref} · {r.prestatie?.code ?? 'geen prestatie'} · percentage {r.percentage ? formatPercentage(r.percentage) : '—'} · tarief {r.tarief ? formatEuro(r.tarief) : '—'}
            </div>
            <div className={styles.small}>Toelichting: {r.explanation}</div>
            {r.flags.map((f, i) => (
              <div key={i} className={styles.small}>
                {formatFlag(f)}
              </div>
            ))}
          </li>
        ))}
      </ol>
      {outcome.run.results.length > SHOWN_ROWS && <p className={styles.muted}>De eerste {SHOWN_ROWS} van {outcome.run.results.length} rijen; de werkmap bevat ze allemaal.</p>}
    </section>
  );
}
