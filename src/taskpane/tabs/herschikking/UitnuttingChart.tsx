/** The uitnutting per sector by month as a small inline SVG chart (no chart library), in the theme's colours. */
import { tokens } from '@fluentui/react-components';
import { formatPct, type SectorResult } from '../../../domain/production';

const SHORT_MONTHS = ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];
/** Series colours from the theme (light, dark and high contrast each have their own). */
const SERIES_COLORS = [tokens.colorPaletteBlueForeground2, tokens.colorPaletteRedForeground1, tokens.colorPaletteGreenForeground1];

/** Uitnutting per sector by month as % of the contracteerruimte, with lines at 100% and 100% + marge. Inline SVG. */
export function UitnuttingChart({ sectors, lastMonth, marge }: { sectors: SectorResult[]; lastMonth: number; marge: number }) {
  const W = 320;
  const H = 170;
  const pad = { left: 36, right: 8, top: 10, bottom: 34 };
  const shown = sectors.filter((s) => s.months.some((m) => m.uitnutting));
  if (!shown.length || !lastMonth) return null;
  const values = shown.flatMap((s) => s.months.map((m) => m.uitnutting?.toNumber() ?? 100));
  const lo = Math.floor(Math.min(90, ...values) / 10) * 10;
  const hi = Math.ceil(Math.max(110, 100 + marge, ...values) / 10) * 10;
  const x = (month: number) => pad.left + ((month - 1) / 11) * (W - pad.left - pad.right);
  const y = (v: number) => pad.top + ((hi - v) / (hi - lo)) * (H - pad.top - pad.bottom);
  const ticks = [lo, 100, hi];
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      width="100%"
      role="img"
      aria-label={`Verwachte uitnutting van de contracteerruimte per maand, ${shown.map((s) => `${s.sector} ${formatPct(s.uitnutting, 1)}`).join(', ')}`}
      data-testid="uitnutting-grafiek"
    >
      <rect
        x={pad.left}
        y={pad.top}
        width={W - pad.left - pad.right}
        height={H - pad.top - pad.bottom}
        fill="none"
        style={{ stroke: tokens.colorNeutralStroke1 }}
      />
      {ticks.map((t) => (
        <text key={t} x={pad.left - 4} y={y(t) + 3} fontSize="9" textAnchor="end" style={{ fill: tokens.colorNeutralForeground2 }}>
          {t}%
        </text>
      ))}
      <line x1={pad.left} x2={W - pad.right} y1={y(100)} y2={y(100)} style={{ stroke: tokens.colorNeutralForeground1 }} strokeDasharray="4 3" />
      <line
        x1={pad.left}
        x2={W - pad.right}
        y1={y(100 + marge)}
        y2={y(100 + marge)}
        style={{ stroke: tokens.colorPaletteDarkOrangeForeground1 }}
        strokeDasharray="1 3"
      />
      {[1, 3, 6, 9, 12].map((m) => (
        <text key={m} x={x(m)} y={H - pad.bottom + 11} fontSize="9" textAnchor="middle" style={{ fill: tokens.colorNeutralForeground2 }}>
          {SHORT_MONTHS[m - 1]}
        </text>
      ))}
      {shown.map((s, i) => {
        const pts = s.months
          .filter((m) => m.uitnutting)
          .map((m) => `${x(m.month).toFixed(1)},${y(m.uitnutting!.toNumber()).toFixed(1)}`)
          .join(' ');
        return <polyline key={s.sector} points={pts} fill="none" style={{ stroke: SERIES_COLORS[i % SERIES_COLORS.length] }} strokeWidth="2" />;
      })}
      {shown.map((s, i) => (
        <text key={s.sector} x={pad.left + i * 70} y={H - 6} fontSize="10" style={{ fill: SERIES_COLORS[i % SERIES_COLORS.length] }}>
          ■ {s.sector} {formatPct(s.uitnutting, 1)}
        </text>
      ))}
      <text x={W - pad.right} y={H - 6} fontSize="9" textAnchor="end" style={{ fill: tokens.colorNeutralForeground2 }}>
        - - 100% · marge
      </text>
    </svg>
  );
}
