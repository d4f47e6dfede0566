/** The Herschikking tab's result: the verdict, where everything was written, the figures and the notes. */
import { useMemo } from 'react';
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { Dec } from '../../../domain/money';
import { herschikVerdict, monthLabel } from '../../../domain/production';
import { HERSCHIK_SHEET, type HerschikOutcome } from '../../../workbook/jobs/herschik';
import { useFocusOnArrival } from '../../focus';
import { INTENT } from '../../outcome';
import { STALE_NOTE } from '../../StaleBar';
import { keepTogether } from '../../styles';
import { HerschikFigures } from './HerschikFigures';
import { useStyles } from './styles';

export interface HerschikResultProps {
  outcome: HerschikOutcome;
  marge: Dec | null;
  /** The workbook changed after this run (stale.ts), so the result is never shown as good news. */
  stale: boolean;
}

export function HerschikResult({ outcome, marge, stale }: HerschikResultProps) {
  const styles = useStyles();
  const ref = useFocusOnArrival<HTMLDivElement>(outcome);
  const r = outcome.result;
  const verdict = useMemo(() => herschikVerdict(r, outcome.dataRows), [r, outcome.dataRows]);
  const where = `Blad "${outcome.sheet}", t/m ${r.lastMonth ? monthLabel(r.lastMonth, r.year) : '—'}. Alles staat op het blad "${HERSCHIK_SHEET}"${outcome.chartWritten ? ', met een grafiek.' : '.'}`;
  const notes = [...r.notes, ...outcome.warnings];
  return (
    <div ref={ref} tabIndex={-1} className={styles.section} data-testid="herschikking-resultaat" aria-labelledby="herschikking-resultaat-kop">
      <h3 id="herschikking-resultaat-kop" className={styles.step}>
        Resultaat
      </h3>
      <MessageBar
        intent={stale && verdict.outcome === 'goed' ? 'warning' : INTENT[verdict.outcome]}
        layout="multiline"
        data-testid="herschikking-samenvatting"
        data-uitkomst={verdict.outcome}
      >
        <MessageBarBody>
          <MessageBarTitle>{verdict.title}</MessageBarTitle>
          {verdict.reasons.length > 0 && (
            <ul className={styles.reasons}>
              {verdict.reasons.map((x) => (
                <li key={x}>{keepTogether(x)}</li>
              ))}
            </ul>
          )}
          {verdict.outcome !== 'fout' && where}
          {stale && ` ${STALE_NOTE}`}
        </MessageBarBody>
      </MessageBar>
      {verdict.outcome !== 'fout' && <HerschikFigures outcome={outcome} marge={marge} />}
      {notes.length > 0 && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{keepTogether(notes.join(' '))}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
