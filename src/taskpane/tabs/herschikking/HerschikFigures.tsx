/** The figures of a herschikking: chart, uitnutting per sector with its signals, afspraken per provider, the comparison. */
import { flagName } from '../../../domain/flags';
import { formatEuro, type Dec } from '../../../domain/money';
import { formatPct } from '../../../domain/production';
import type { HerschikOutcome } from '../../../workbook/jobs/herschik';
import { SeverityIcon } from '../../signals';
import { keepTogether } from '../../styles';
import { useStyles } from './styles';
import { UitnuttingChart } from './UitnuttingChart';

/** The figures of a herschikking that counted something: chart, sectors, signals, afspraken and the comparison. */
export function HerschikFigures({ outcome, marge }: { outcome: HerschikOutcome; marge: Dec | null }) {
  const styles = useStyles();
  const r = outcome.result;
  return (
    <>
      <UitnuttingChart sectors={r.sectors} lastMonth={r.lastMonth} marge={marge ? marge.toNumber() : 1} />
      <h4 id="herschikking-sectoren" className={styles.step}>
        Uitnutting per sector
      </h4>
      <ul className={styles.rows} aria-labelledby="herschikking-sectoren">
        {r.sectors.map((s) => (
          <li key={s.sector} className={styles.row}>
            <div className={styles.rowHead}>
              <span>{s.sector}</span>
              <span className={styles.number}>uitnutting {formatPct(s.uitnutting, 1)}</span>
            </div>
            <div>
              ruimte <span className={styles.number}>{s.contracteerruimte ? formatEuro(s.contracteerruimte) : '—'}</span> · verwacht{' '}
              <span className={styles.number}>{formatEuro(s.verwacht)}</span>
              {s.kortingPercentage ? (
                <>
                  {' '}
                  · korting <span className={styles.number}>{formatPct(s.kortingPercentage, 2)}</span>
                </>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
      {r.sectors.flatMap((s) =>
        s.flags
          .filter((f) => f.severity !== 'info' || f.code === 'KORTING')
          .map((f) => (
            <div key={`${s.sector}${f.code}`} className={`${styles.small} ${styles.signalTitle}`}>
              <SeverityIcon severity={f.code === 'KORTING' ? 'waarschuwing' : f.severity} />
              <span>
                {s.sector}, {flagName(f)}: <span style={{ fontWeight: 'normal' }}>{keepTogether(f.message)}</span>
              </span>
            </div>
          )),
      )}
      <h4 id="herschikking-aanbieders" className={styles.step}>
        Afspraken per aanbieder
      </h4>
      <ul className={styles.rows} aria-labelledby="herschikking-aanbieders">
        {r.providers.map((p) => (
          <li key={`${p.sector}${p.agb}`} className={styles.row}>
            <div className={styles.rowHead}>
              <span>
                {p.naam || p.agb} ({p.sector})
                {p.flags.some((f) => f.severity !== 'info') && (
                  <span role="img" aria-label="met signaal">
                    {' '}
                    ⚠
                  </span>
                )}
              </span>
              <span className={styles.number}>{p.afspraak ? formatEuro(p.afspraak) : p.nieuw ? 'maatwerk' : '—'}</span>
            </div>
            <div>
              geëxtrapoleerd <span className={styles.number}>{formatEuro(p.extrapolated)}</span>
            </div>
          </li>
        ))}
      </ul>
      {outcome.comparison && <ComparisonList comparison={outcome.comparison} />}
    </>
  );
}

/** Vergelijken: the € difference per sector, and per provider where its production differs. */
function ComparisonList({ comparison }: { comparison: NonNullable<HerschikOutcome['comparison']> }) {
  const styles = useStyles();
  return (
    <>
      <h4 className={styles.step}>Vergelijking: {comparison.label}</h4>
      <ul className={styles.list}>
        {comparison.sectors.map((s) => (
          <li key={s.sector}>
            {s.sector}: productie <span className={styles.number}>{signed(s.extrapolatedDiff)}</span>, afspraken{' '}
            <span className={styles.number}>{signed(s.afsprakenDiff)}</span>
          </li>
        ))}
        {comparison.providers
          .filter((p) => !p.extrapolatedDiff.isZero())
          .map((p) => (
            <li key={`${p.sector}${p.agb}`} className={styles.small}>
              {p.naam || p.agb} ({p.sector}): <span className={styles.number}>{signed(p.extrapolatedDiff)}</span>
            </li>
          ))}
      </ul>
    </>
  );
}

function signed(v: Dec): string {
  return `${v.isNegative() || v.isZero() ? '' : '+'}${formatEuro(v)}`;
}
