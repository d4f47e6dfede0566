/**
 * The herschikking in the task pane: choose a policy and the herschikking parameters, run on the open workbook,
 * see the uitnutting per sector (with a small inline SVG chart, no chart library), the afspraken per provider
 * and, with "Vergelijk", the € difference of another policy or other values. Self-contained: the lead wires it
 * into App.tsx; it talks to the workbook only through the PortRunner.
 */
import { forwardRef, useEffect, useMemo, useRef, useState } from 'react';
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { flagName } from '../../domain/flags';
import { keepTogether, useStyles as useShared } from '../styles';
import { ParamField } from './fields';
import { SeverityIcon } from './signals';
import { formatEuro, type Dec } from '../../domain/money';
import { resolveParameters } from '../../domain/policy/load';
import type { ParameterDef, PolicyPack } from '../../domain/policy/types';
import { formatPct, HERSCHIK_PARAMETERS, monthLabel, resolveHerschikParameters, type SectorResult } from '../../domain/production';
import { listPacks } from '../../policies';
import { InputError } from '../../workbook/annotate';
import { herschikWorkbook, HERSCHIK_SHEET, type HerschikOutcome, type Scenario } from '../../workbook/herschik';
import type { PortRunner } from '../office-port';
import { failureText } from '../failure';

/** The primary button's label (also named in messages that say to run again). */
const BUTTON = 'Herschik';

export interface HerschikkingViewProps {
  runner: PortRunner | undefined;
}

const useLocal = makeStyles({
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: `0 ${tokens.spacingHorizontalM}`,
    fontSize: tokens.fontSizeBase200,
    margin: 0,
    padding: 0,
    listStyle: 'none',
  },
});

function useStyles() {
  return { ...useShared(), ...useLocal() };
}
/** The herschikking parameters shown in the pane (the others keep their defaults and are on the sheet). */
const SHOWN = [
  'peildatum',
  'contracteerruimte.VV',
  'contracteerruimte.GZ',
  'contracteerruimte.GGZ',
  'extrapolatie',
  'korting',
  'marge_onzekerheid',
  'crisis_bezetting',
];
const SHORT_MONTHS = ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];
/** Series colours from the theme (light, dark and high contrast each have their own). */
const SERIES_COLORS = [tokens.colorPaletteBlueForeground2, tokens.colorPaletteRedForeground1, tokens.colorPaletteGreenForeground1];

function text(def: ParameterDef): string {
  if (def.default === null || def.default === undefined) return '';
  return typeof def.default === 'boolean' ? (def.default ? 'ja' : 'nee') : String(def.default).replace('.', ',');
}

/** "richttarief=97,3; afronding=bankiers" → { richttarief: '97,3', afronding: 'bankiers' } */
export function parseAssignments(input: string): { values: Record<string, string>; error?: string } {
  const values: Record<string, string> = {};
  for (const part of input
    .split(/[;\n]/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const i = part.indexOf('=');
    if (i <= 0) return { values, error: `"${part}" is geen naam=waarde` };
    values[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return { values };
}

function split(values: Record<string, string>, pack: PolicyPack): { pack: Record<string, string>; herschik: Record<string, string> } {
  const out = { pack: {} as Record<string, string>, herschik: {} as Record<string, string> };
  for (const [k, v] of Object.entries(values)) (k in pack.parameters ? out.pack : out.herschik)[k] = v;
  return out;
}

export function HerschikkingView({ runner }: HerschikkingViewProps) {
  const styles = useStyles();
  const packs = useMemo(() => listPacks(), []);
  const [packId, setPackId] = useState('');
  const pack = packs.find((p) => p.id === packId);
  const [packValues, setPackValues] = useState<Record<string, string>>({});
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(SHOWN.map((n) => [n, text(HERSCHIK_PARAMETERS[n])])));
  const [vergelijkPack, setVergelijkPack] = useState('');
  const [vergelijkSet, setVergelijkSet] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<HerschikOutcome | undefined>();
  const [failure, setFailure] = useState<string | undefined>();

  const packResolved = useMemo(() => (pack ? resolveParameters(pack, packValues) : undefined), [pack, packValues]);
  const resolved = useMemo(() => resolveHerschikParameters(values), [values]);
  const scenario = useMemo((): { scenario?: Scenario; error?: string } => {
    if (!pack || (!vergelijkPack && !vergelijkSet.trim())) return {};
    const other = packs.find((p) => p.id === vergelijkPack) ?? pack;
    const parsed = parseAssignments(vergelijkSet);
    if (parsed.error) return { error: parsed.error };
    const extra = split(parsed.values, other);
    const carried = Object.fromEntries(Object.entries(packValues).filter(([k]) => k in other.parameters));
    const p = resolveParameters(other, { ...carried, ...extra.pack });
    const h = resolveHerschikParameters({ ...values, ...extra.herschik });
    const errors = [...p.errors, ...h.errors];
    if (errors.length) return { error: errors.map((e) => `${e.place}: ${e.message}`).join('; ') };
    const label = [other === pack ? pack.id : `beleid ${other.id}`, ...Object.entries(parsed.values).map(([k, v]) => `${k}=${v}`)].join(' met ');
    return { scenario: { pack: other, packParams: p.values, params: h.values, label } };
  }, [pack, packs, packValues, values, vergelijkPack, vergelijkSet]);

  const errors = [...(packResolved?.errors ?? []), ...resolved.errors];
  const canRun = !!pack && !!runner && !busy && !errors.length && !scenario.error;

  const choosePack = (id: string) => {
    setPackId(id);
    const p = packs.find((x) => x.id === id);
    setPackValues(p ? Object.fromEntries(Object.entries(p.parameters).map(([n, d]) => [n, text(d)])) : {});
    setOutcome(undefined);
  };

  const run = async () => {
    if (!canRun || !pack || !packResolved || !runner) return;
    setBusy(true);
    setFailure(undefined);
    setOutcome(undefined);
    try {
      setOutcome(await runner((port) => herschikWorkbook(port, pack, packResolved.values, resolved.values, { vergelijk: scenario.scenario })));
    } catch (e) {
      setFailure(failureText(e, { button: BUTTON, own: (x) => x instanceof InputError }));
    } finally {
      setBusy(false);
    }
  };

  const errorOf = (list: typeof errors, name: string) => list.find((e) => e.pointer === `/parameters/${name}`)?.message;
  const packErrors = (packResolved?.errors ?? []).length;
  const resultRef = useRef<HTMLDivElement>(null);
  // after a run the result takes the focus and the view
  useEffect(() => {
    if (!outcome || !resultRef.current) return;
    resultRef.current.scrollIntoView?.({ block: 'start' });
    resultRef.current.focus({ preventScroll: true });
  }, [outcome]);
  const [open, setOpen] = useState<string[]>([]);
  const openItems = [
    ...new Set([...open, ...(packErrors ? ['beleid'] : []), ...(resolved.errors.length ? ['herschikking'] : []), ...(scenario.error ? ['vergelijk'] : [])]),
  ];

  return (
    <section className={styles.root} aria-labelledby="herschikking-kop">
      <h2 id="herschikking-kop" className={styles.heading}>
        Productie en herschikking
      </h2>
      <p className={styles.muted}>Omzet, uitnutting per sector en een voorstel voor de herschikkingsafspraken.</p>
      <div role="status" aria-live="polite" className={styles.visuallyHidden}>
        {busy ? 'Bezig met herschikken…' : outcome ? 'Herschikking klaar.' : ''}
      </div>
      <h3 className={styles.step}>1. Beleid</h3>
      <Field label="Inkoopbeleid (voor de tarieven)">
        <Select className={styles.select} name="herschik-beleid" value={packId} onChange={(_, d) => choosePack(d.value)}>
          <option value="">— kies een beleid —</option>
          {packs.map((p) => (
            <option key={p.id} value={p.id}>
              {p.title}
            </option>
          ))}
        </Select>
      </Field>
      <Accordion multiple collapsible openItems={openItems} onToggle={(_, d) => setOpen(d.openItems as string[])}>
        {pack && (
          <AccordionItem value="beleid">
            <AccordionHeader as="h3" expandIconPosition="end">
              <span>
                2. Parameters van het beleid{' '}
                <span className={styles.summary}>
                  · {packErrors ? `${packErrors} ${packErrors === 1 ? 'fout' : 'fouten'}` : `${Object.keys(pack.parameters).length}`}
                </span>
              </span>
            </AccordionHeader>
            <AccordionPanel className={styles.accordionPanel}>
              {Object.entries(pack.parameters).map(([n, d]) => (
                <ParamField
                  key={n}
                  name={n}
                  def={d}
                  value={packValues[n] ?? ''}
                  error={errorOf(packResolved?.errors ?? [], n)}
                  onChange={(v) => setPackValues((o) => ({ ...o, [n]: v }))}
                />
              ))}
            </AccordionPanel>
          </AccordionItem>
        )}
        <AccordionItem value="herschikking">
          <AccordionHeader as="h3" expandIconPosition="end">
            <span>
              {pack ? '3' : '2'}. Herschikking{' '}
              <span className={styles.summary}>
                ·{' '}
                {resolved.errors.length
                  ? `${resolved.errors.length} ${resolved.errors.length === 1 ? 'fout' : 'fouten'}`
                  : `peildatum ${values.peildatum || 'laatste maand'}`}
              </span>
            </span>
          </AccordionHeader>
          <AccordionPanel className={styles.accordionPanel}>
            {SHOWN.map((n) => (
              <ParamField
                key={n}
                name={n}
                def={HERSCHIK_PARAMETERS[n]}
                value={values[n] ?? ''}
                error={errorOf(resolved.errors, n)}
                onChange={(v) => setValues((o) => ({ ...o, [n]: v }))}
              />
            ))}
          </AccordionPanel>
        </AccordionItem>
        <AccordionItem value="vergelijk">
          <AccordionHeader as="h3" expandIconPosition="end">
            <span>
              {pack ? '4' : '3'}. Vergelijken <span className={styles.summary}>· {scenario.scenario ? 'aan' : 'niet'}</span>
            </span>
          </AccordionHeader>
          <AccordionPanel className={styles.accordionPanel}>
            <Field label="Ander beleid" hint="Leeg: hetzelfde beleid.">
              <Select className={styles.select} name="vergelijk-beleid" value={vergelijkPack} onChange={(_, d) => setVergelijkPack(d.value)}>
                <option value="">(hetzelfde beleid)</option>
                {packs.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.title}
                  </option>
                ))}
              </Select>
            </Field>
            <Field
              label="Andere waarden"
              hint="Bijvoorbeeld: richttarief=96; peildatum=2025-06-30"
              validationState={scenario.error ? 'error' : 'none'}
              validationMessage={scenario.error}
            >
              <Input name="vergelijk-set" value={vergelijkSet} placeholder="naam=waarde; naam=waarde" onChange={(_, d) => setVergelijkSet(d.value)} />
            </Field>
          </AccordionPanel>
        </AccordionItem>
      </Accordion>

      {failure && (
        <MessageBar intent="error" role="alert" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Niet berekend</MessageBarTitle>
            {failure}
          </MessageBarBody>
        </MessageBar>
      )}
      {outcome && <HerschikResultView ref={resultRef} outcome={outcome} marge={resolved.values.marge_onzekerheid as Dec | null} />}
      <footer className={styles.footer} aria-label="Herschikken">
        <div className={styles.footerButtons}>
          <Button appearance="primary" onClick={() => void run()} disabled={!canRun} data-testid="primaire-actie">
            {busy ? 'Bezig met herschikken…' : BUTTON}
          </Button>
        </div>
        {!runner ? (
          <p className={`${styles.muted} ${styles.small}`}>Open Tariefwijzer in Excel om te herschikken.</p>
        ) : !pack ? (
          <p className={`${styles.muted} ${styles.small}`}>Kies eerst een beleid.</p>
        ) : null}
      </footer>
    </section>
  );
}

const HerschikResultView = forwardRef<HTMLDivElement, { outcome: HerschikOutcome; marge: Dec | null }>(function HerschikResultView({ outcome, marge }, ref) {
  const styles = useStyles();
  const r = outcome.result;
  return (
    <div ref={ref} tabIndex={-1} className={styles.section} data-testid="herschikking-resultaat" aria-labelledby="herschikking-resultaat-kop">
      <h3 id="herschikking-resultaat-kop" className={styles.step}>
        Resultaat
      </h3>
      <MessageBar intent="success" layout="multiline">
        <MessageBarBody>
          Blad "{outcome.sheet}": {outcome.dataRows} regels, {r.rows.filter((x) => x.counted).length} meegeteld t/m{' '}
          {r.lastMonth ? monthLabel(r.lastMonth, r.year) : '—'}. Alles staat op het blad "{HERSCHIK_SHEET}"{outcome.chartWritten ? ', met een grafiek.' : '.'}
        </MessageBarBody>
      </MessageBar>
      <UitnuttingChart sectors={r.sectors} lastMonth={r.lastMonth} marge={marge ? marge.toNumber() : 1} />
      <div className={styles.scroll} tabIndex={0} role="region" aria-label="Uitnutting per sector (schuift horizontaal)">
        <table className={styles.table}>
          <thead>
            <tr>
              <th>Sector</th>
              <th>Ruimte</th>
              <th>Verwacht</th>
              <th>Uitnutting</th>
              <th>Korting</th>
            </tr>
          </thead>
          <tbody>
            {r.sectors.map((s) => (
              <tr key={s.sector}>
                <td>{s.sector}</td>
                <td>{s.contracteerruimte ? formatEuro(s.contracteerruimte) : '—'}</td>
                <td>{formatEuro(s.verwacht)}</td>
                <td>{formatPct(s.uitnutting, 1)}</td>
                <td>{s.kortingPercentage ? formatPct(s.kortingPercentage, 2) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {r.sectors.flatMap((s) =>
        s.flags
          .filter((f) => f.severity !== 'info' || f.code === 'KORTING')
          .map((f) => (
            <div key={`${s.sector}${f.code}`} className={`${styles.small} ${styles.signalTitle}`}>
              <SeverityIcon severity={f.severity} />
              <span>
                {s.sector}, {flagName(f)}: <span style={{ fontWeight: 'normal' }}>{keepTogether(f.message)}</span>
              </span>
            </div>
          )),
      )}
      <h3 className={styles.step}>Afspraken per aanbieder</h3>
      <div className={styles.scroll} tabIndex={0} role="region" aria-label="Afspraken per aanbieder (schuift horizontaal)">
        <table className={styles.table}>
          <thead>
            <tr>
              <th>Aanbieder</th>
              <th>Geëxtrapoleerd</th>
              <th>Afspraak</th>
            </tr>
          </thead>
          <tbody>
            {r.providers.map((p) => (
              <tr key={`${p.sector}${p.agb}`}>
                <td>
                  {p.naam || p.agb} ({p.sector})
                  {p.flags.some((f) => f.severity !== 'info') ? (
                    <span role="img" aria-label="met signaal">
                      {' '}
                      ⚠
                    </span>
                  ) : (
                    ''
                  )}
                </td>
                <td>{formatEuro(p.extrapolated)}</td>
                <td>{p.afspraak ? formatEuro(p.afspraak) : p.nieuw ? 'maatwerk' : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {outcome.comparison && (
        <>
          <h3 className={styles.step}>Vergelijking: {outcome.comparison.label}</h3>
          <ul className={styles.list}>
            {outcome.comparison.sectors.map((s) => (
              <li key={s.sector}>
                {s.sector}: productie {signed(s.extrapolatedDiff)}, afspraken {signed(s.afsprakenDiff)}
              </li>
            ))}
            {outcome.comparison.providers
              .filter((p) => !p.extrapolatedDiff.isZero())
              .map((p) => (
                <li key={`${p.sector}${p.agb}`} className={styles.small}>
                  {p.naam || p.agb} ({p.sector}): {signed(p.extrapolatedDiff)}
                </li>
              ))}
          </ul>
        </>
      )}
      {[...r.notes, ...outcome.warnings].length > 0 && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{keepTogether([...r.notes, ...outcome.warnings].join(' '))}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
});

function signed(v: Dec): string {
  return `${v.isNegative() || v.isZero() ? '' : '+'}${formatEuro(v)}`;
}

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
