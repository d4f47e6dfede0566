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
import { missingBaseParameters } from '../../domain/policy/required';
import { count, keepTogether, useStyles as useShared } from '../styles';
import { INTENT } from '../outcome';
import { packShortLabel } from '../pack-label';
import { ParamField } from './fields';
import { SeverityIcon } from './signals';
import { formatEuro, type Dec } from '../../domain/money';
import { resolveParameters } from '../../domain/policy/load';
import type { ParameterDef, PolicyPack } from '../../domain/policy/types';
import {
  formatPct,
  HERSCHIK_PARAMETERS,
  herschikVerdict,
  monthLabel,
  resolveHerschikParameters,
  scenarioLabel,
  type SectorResult,
} from '../../domain/production';
import { listPacks } from '../../policies';
import { InputError } from '../../workbook/errors';
import { herschikWorkbook, HERSCHIK_SHEET, type HerschikOutcome, type Scenario } from '../../workbook/jobs/herschik';
import type { Host, PortRunner } from '../office-port';
import { failureText } from '../failure';
import { useStaleWatch } from '../stale';
import { StaleBar, STALE_NOTE } from '../StaleBar';
import { affectsHerschikking, readSheetRecord } from '../run-record';
import { fieldMessage, neededSummary, parametersBlock, WhyNot } from '../required';

/** The primary button's label (also named in messages that say to run again). */
const BUTTON = 'Herschik';

export interface HerschikkingViewProps {
  runner: PortRunner | undefined;
  /** For noticing changes to the workbook after a run (see stale.ts). */
  host?: Host;
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
  // result rows stacked (label and figure on one line, the details under it): no sideways scrolling at 320 px
  rows: { display: 'flex', flexDirection: 'column', margin: 0, padding: 0, listStyle: 'none', fontSize: tokens.fontSizeBase200 },
  row: { padding: `${tokens.spacingVerticalXXS} 0`, borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, overflowWrap: 'anywhere' },
  rowHead: { display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', gap: `0 ${tokens.spacingHorizontalS}`, fontWeight: tokens.fontWeightSemibold },
  reasons: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
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

export function HerschikkingView({ runner, host }: HerschikkingViewProps) {
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
  /** The herschikking sheet as the run left it (run-record.ts). */
  const [record, setRecord] = useState<string | undefined>();
  // After a run: a change the add-in did not make to a sheet it read or wrote, or its sheet no longer holding what
  // it wrote when the pane is used again (an undo), makes the result outdated.
  const { stale, reset: resetStale } = useStaleWatch(host, {
    watching: !busy && !!outcome,
    relevant: affectsHerschikking,
    verify: async () => !runner || (await runner((port) => readSheetRecord(port, HERSCHIK_SHEET))) === record,
    sheets: outcome,
    checkOnSelection: true,
  });

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
    const label = scenarioLabel(pack, other, parsed.values);
    return { scenario: { pack: other, packParams: p.values, params: h.values, label } };
  }, [pack, packs, packValues, values, vergelijkPack, vergelijkSet]);

  const errors = [...(packResolved?.errors ?? []), ...resolved.errors];
  // a value the herschikking cannot do without (the base percentage): its step opens and the run waits for it
  const missing = useMemo(() => (pack && packResolved ? missingBaseParameters(pack, packResolved.values) : []), [pack, packResolved]);
  const canRun = !!pack && !!runner && !busy && !errors.length && !missing.length && !scenario.error;
  const blocked = parametersBlock(missing, errors.length + (scenario.error ? 1 : 0));

  const [open, setOpen] = useState<string[]>([]);
  const choosePack = (id: string) => {
    setPackId(id);
    const p = packs.find((x) => x.id === id);
    const initial = p ? Object.fromEntries(Object.entries(p.parameters).map(([n, d]) => [n, text(d)])) : {};
    setPackValues(initial);
    setOutcome(undefined);
    // a required value that is empty opens its step, once, when the policy is chosen (it does not fold while the user types)
    if (p && missingBaseParameters(p, resolveParameters(p, initial).values).length) setOpen((o) => [...new Set([...o, 'beleid'])]);
  };

  const run = async () => {
    if (!canRun || !pack || !packResolved || !runner) return;
    setBusy(true);
    setFailure(undefined);
    setOutcome(undefined);
    resetStale();
    try {
      const done = await runner((port) => herschikWorkbook(port, pack, packResolved.values, resolved.values, { vergelijk: scenario.scenario }));
      // unread, the record matches nothing: the next check marks the result outdated rather than current
      setRecord(await runner((port) => readSheetRecord(port, HERSCHIK_SHEET)).catch(() => undefined));
      setOutcome(done);
      resetStale();
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
        <Select className={styles.select} name="herschik-beleid" value={packId} title={pack?.title} onChange={(_, d) => choosePack(d.value)}>
          <option value="">— kies een beleid —</option>
          {packs.map((p) => (
            <option key={p.id} value={p.id} title={p.title}>
              {packShortLabel(p)}
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
                  ·{' '}
                  {packErrors
                    ? count(packErrors, 'fout', 'fouten')
                    : (neededSummary(missing) ?? count(Object.keys(pack.parameters).length, 'parameter', 'parameters'))}
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
                  error={fieldMessage(missing, n, errorOf(packResolved?.errors ?? [], n))}
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
                · {resolved.errors.length ? count(resolved.errors.length, 'fout', 'fouten') : `peildatum ${values.peildatum || 'laatste maand'}`}
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
              <Select
                className={styles.select}
                name="vergelijk-beleid"
                value={vergelijkPack}
                title={packs.find((p) => p.id === vergelijkPack)?.title}
                onChange={(_, d) => setVergelijkPack(d.value)}
              >
                <option value="">(hetzelfde beleid)</option>
                {packs.map((p) => (
                  <option key={p.id} value={p.id} title={p.title}>
                    {packShortLabel(p)}
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
      {stale && <StaleBar run="herschikking" action="Herschik opnieuw" onRerun={() => void run()} disabled={!canRun} />}
      {outcome && <HerschikResultView ref={resultRef} outcome={outcome} marge={resolved.values.marge_onzekerheid as Dec | null} stale={stale} />}
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
        ) : !busy && blocked ? (
          <WhyNot text={blocked} />
        ) : null}
      </footer>
    </section>
  );
}

/** `stale`: the workbook changed after this run (stale.ts), so the result is never shown as good news. */
const HerschikResultView = forwardRef<HTMLDivElement, { outcome: HerschikOutcome; marge: Dec | null; stale: boolean }>(function HerschikResultView(
  { outcome, marge, stale },
  ref,
) {
  const styles = useStyles();
  const r = outcome.result;
  const verdict = useMemo(() => herschikVerdict(r, outcome.dataRows), [r, outcome.dataRows]);
  const where = `Blad "${outcome.sheet}", t/m ${r.lastMonth ? monthLabel(r.lastMonth, r.year) : '—'}. Alles staat op het blad "${HERSCHIK_SHEET}"${outcome.chartWritten ? ', met een grafiek.' : '.'}`;
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
      {[...r.notes, ...outcome.warnings].length > 0 && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{keepTogether([...r.notes, ...outcome.warnings].join(' '))}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
});

/** The figures of a herschikking that counted something: chart, sectors, signals, afspraken and the comparison. */
function HerschikFigures({ outcome, marge }: { outcome: HerschikOutcome; marge: Dec | null }) {
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
      {outcome.comparison && (
        <>
          <h4 className={styles.step}>Vergelijking: {outcome.comparison.label}</h4>
          <ul className={styles.list}>
            {outcome.comparison.sectors.map((s) => (
              <li key={s.sector}>
                {s.sector}: productie <span className={styles.number}>{signed(s.extrapolatedDiff)}</span>, afspraken{' '}
                <span className={styles.number}>{signed(s.afsprakenDiff)}</span>
              </li>
            ))}
            {outcome.comparison.providers
              .filter((p) => !p.extrapolatedDiff.isZero())
              .map((p) => (
                <li key={`${p.sector}${p.agb}`} className={styles.small}>
                  {p.naam || p.agb} ({p.sector}): <span className={styles.number}>{signed(p.extrapolatedDiff)}</span>
                </li>
              ))}
          </ul>
        </>
      )}
    </>
  );
}

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
