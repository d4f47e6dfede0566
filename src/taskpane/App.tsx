/** The task pane: choose a policy pack, set its parameters, compute on the workbook, show the result. */
import { useEffect, useMemo, useState } from 'react';
import {
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
import { formatFlag } from '../domain/flags';
import { dec, formatEuro, formatNumber, formatPercentage } from '../domain/money';
import { resolveParameters } from '../domain/policy/load';
import type { ParameterDef, PolicyPack } from '../domain/policy/types';
import { listPacks } from '../policies';
import { annotateWorkbook, InputError, inputsChanged, readLastRun, type AnnotateOutcome, type LastRun } from '../workbook/annotate';
import type { WorkbookPort } from '../workbook/port';
import type { PortRunner } from './office-port';

/** Where the pane runs: inside Excel, in a plain browser (demonstration), or in Office without usable Excel. */
export type Environment = { kind: 'office'; runner: PortRunner } | { kind: 'browser' } | { kind: 'unavailable'; reason: string };

export interface AppProps {
  environment: Environment;
  /** The in-memory workbook for demonstration mode. */
  createDemoPort?: () => WorkbookPort;
  /** The pack the demonstration rows were made for; chosen when none is chosen yet. */
  demoPackId?: string;
}

/** Rows of the result shown in the pane; the workbook holds them all. */
const SHOWN_ROWS = 10;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, padding: tokens.spacingHorizontalL, maxWidth: '720px', boxSizing: 'border-box' },
  // a native select is as wide as its longest option; keep it inside the (narrow) pane
  select: { width: '100%', minWidth: 0, '& select': { minWidth: 0, maxWidth: '100%', textOverflow: 'ellipsis' } },
  rows: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, margin: 0, padding: 0, listStyle: 'none' },
  row: { borderTop: `1px solid ${tokens.colorNeutralStroke2}`, paddingTop: tokens.spacingVerticalS, overflowWrap: 'anywhere' },
  figures: { fontWeight: tokens.fontWeightSemibold },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase600, fontWeight: tokens.fontWeightSemibold },
  step: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  muted: { margin: 0, color: tokens.colorNeutralForeground3 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  small: { fontSize: tokens.fontSizeBase200 },
});

/** A parameter's default as the user types it: Dutch decimals, ja/nee, empty for "niet ingesteld". */
export function defaultText(def: ParameterDef): string {
  const v = def.default;
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'ja' : 'nee';
  if (typeof v === 'number') return formatNumber(dec(v), 0, 10);
  return v;
}

function defaults(pack: PolicyPack | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (pack) for (const [name, def] of Object.entries(pack.parameters)) out[name] = defaultText(def);
  return out;
}

function choicesOf(def: ParameterDef): string[] | undefined {
  if (def.type === 'boolean') return ['ja', 'nee'];
  if (def.type === 'rounding') return ['rekenkundig', 'bankiers', 'naar-beneden', 'naar-boven'];
  if (def.type === 'choice') return def.choices ?? [];
  return undefined;
}

function message(e: unknown): string {
  if (e instanceof InputError) return e.message;
  return `Onverwachte fout: ${e instanceof Error ? e.message : String(e)}`;
}

export function App({ environment, createDemoPort, demoPackId }: AppProps) {
  const styles = useStyles();
  const packs = useMemo(() => listPacks(), []);
  const [packId, setPackId] = useState('');
  const pack = packs.find((p) => p.id === packId);
  const [values, setValues] = useState<Record<string, string>>({});
  const [demoPort, setDemoPort] = useState<WorkbookPort | undefined>();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<AnnotateOutcome | undefined>();
  const [failure, setFailure] = useState<string | undefined>();

  const resolved = useMemo(() => (pack ? resolveParameters(pack, values) : undefined), [pack, values]);
  const errorsByName = useMemo(() => {
    const out: Record<string, string> = {};
    for (const e of resolved?.errors ?? []) out[e.pointer.replace('/parameters/', '')] = e.message;
    return out;
  }, [resolved]);

  const runner: PortRunner | undefined = useMemo(
    () => (environment.kind === 'office' ? environment.runner : demoPort ? <T,>(work: (port: WorkbookPort) => Promise<T>) => work(demoPort) : undefined),
    [environment, demoPort],
  );

  // What was applied last time (a colleague's run in a shared workbook) and whether the inputs changed since.
  const [lastRun, setLastRun] = useState<{ run: LastRun; changed: boolean } | undefined>();
  useEffect(() => {
    if (!runner) return;
    let live = true;
    runner(async (port) => {
      const run = await readLastRun(port);
      const runPack = run && packs.find((p) => p.id === run.packId);
      if (!run || !runPack) return undefined;
      return { run, changed: await inputsChanged(port, runPack, run), pack: runPack };
    })
      .then((found) => {
        if (!live) return;
        setLastRun(found && { run: found.run, changed: found.changed });
        if (found && !packId) {
          setPackId(found.pack.id);
          const restored = defaults(found.pack);
          for (const [k, v] of Object.entries(found.run.parameters)) if (k in restored) restored[k] = v === '(niet ingesteld)' ? '' : v;
          setValues(restored);
        }
      })
      .catch(() => live && setLastRun(undefined));
    return () => {
      live = false;
    };
    // packId is read only to avoid overwriting a choice the user already made.
  }, [runner]);

  const choosePack = (id: string) => {
    setPackId(id);
    setValues(defaults(packs.find((p) => p.id === id)));
    setOutcome(undefined);
    setFailure(undefined);
  };

  const loadDemo = () => {
    if (!createDemoPort) return;
    setDemoPort(createDemoPort());
    setOutcome(undefined);
    if (!pack && demoPackId && packs.some((p) => p.id === demoPackId)) choosePack(demoPackId);
  };

  const calculate = async () => {
    if (!pack || !resolved || resolved.errors.length || !runner) return;
    setBusy(true);
    setFailure(undefined);
    setOutcome(undefined);
    try {
      const result = await runner(async (port) => {
        const out = await annotateWorkbook(port, pack, resolved.values);
        // Just written, so current: read the record back without re-reading the inputs.
        const run = await readLastRun(port);
        return { out, last: run && { run, changed: false } };
      });
      setOutcome(result.out);
      setLastRun(result.last);
    } catch (e) {
      setFailure(message(e));
    } finally {
      setBusy(false);
    }
  };

  const canCalculate = !!pack && !!runner && !busy && !resolved?.errors.length;

  return (
    <main className={styles.root}>
      <header className={styles.section}>
        <h1 className={styles.heading}>Tariefwijzer</h1>
        <p className={styles.muted}>Tarieven en signalen voor de Wlz-zorginkoop, volgens het gekozen inkoopbeleid.</p>
      </header>

      {environment.kind === 'browser' && (
        <MessageBar intent="info">
          <MessageBarBody>
            <MessageBarTitle>Demonstratiemodus</MessageBarTitle>
            Deze pagina draait buiten Excel. U kunt Tariefwijzer hier uitproberen op voorbeeldgegevens; in Excel werkt het op uw eigen werkmap.
          </MessageBarBody>
        </MessageBar>
      )}
      {environment.kind === 'unavailable' && (
        <MessageBar intent="error">
          <MessageBarBody>
            <MessageBarTitle>Excel niet beschikbaar</MessageBarTitle>
            {environment.reason}
          </MessageBarBody>
        </MessageBar>
      )}

      {lastRun && (
        <MessageBar intent={lastRun.changed ? 'warning' : 'success'}>
          <MessageBarBody>
            <MessageBarTitle>{lastRun.changed ? 'Invoer gewijzigd sinds de laatste berekening' : 'Laatste berekening is actueel'}</MessageBarTitle>
            Beleid {lastRun.run.packId} (versie {lastRun.run.version}) op blad {lastRun.run.sheet}.
            {lastRun.changed ? ' Controleer de parameters en kies Bereken om de uitkomsten bij te werken.' : ''}
          </MessageBarBody>
        </MessageBar>
      )}

      <section className={styles.section} aria-labelledby="stap-beleid">
        <h2 id="stap-beleid" className={styles.step}>1. Kies het beleid</h2>
        <Field label="Inkoopbeleid" hint="Zorgkantoor, sector en inkoopjaar bepalen de regels.">
          <Select className={styles.select} name="beleid" value={packId} onChange={(_, data) => choosePack(data.value)}>
            <option value="">— kies een beleid —</option>
            {packs.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title} ({p.zorgkantoor}, inkoopjaar {p.inkoopjaar})
              </option>
            ))}
          </Select>
        </Field>
        {pack && <p className={styles.muted}>{pack.description}</p>}
      </section>

      {pack && (
        <section className={styles.section} aria-labelledby="stap-parameters">
          <h2 id="stap-parameters" className={styles.step}>2. Parameters</h2>
          <p className={styles.muted}>Leeg laten betekent: niet ingesteld.</p>
          {Object.entries(pack.parameters).map(([name, def]) => {
            const error = errorsByName[name];
            const choices = choicesOf(def);
            const value = values[name] ?? '';
            const set = (v: string) => setValues((old) => ({ ...old, [name]: v }));
            return (
              <Field key={name} label={def.label} hint={def.description} validationState={error ? 'error' : 'none'} validationMessage={error}>
                {choices ? (
                  <Select className={styles.select} name={name} value={value} onChange={(_, data) => set(data.value)}>
                    <option value="">(niet ingesteld)</option>
                    {choices.map((c) => (
                      <option key={c} value={c}>
                        {c}
                      </option>
                    ))}
                  </Select>
                ) : (
                  <Input name={name} value={value} placeholder="niet ingesteld" onChange={(_, data) => set(data.value)} />
                )}
              </Field>
            );
          })}
        </section>
      )}

      <section className={styles.section} aria-labelledby="stap-berekenen">
        <h2 id="stap-berekenen" className={styles.step}>3. Berekenen</h2>
        {environment.kind === 'browser' && (
          <div>
            <Button onClick={loadDemo} disabled={busy}>
              Probeer met voorbeeldgegevens
            </Button>
            {demoPort && <p className={styles.muted}>Voorbeeldgegevens geladen: 5 verzonnen GGZ-rijen op blad "Aanbieders" (bij beleid {demoPackId}).</p>}
          </div>
        )}
        <div>
          <Button appearance="primary" onClick={calculate} disabled={!canCalculate}>
            {busy ? 'Bezig met berekenen…' : 'Bereken'}
          </Button>
        </div>
        {!pack && <p className={styles.muted}>Kies eerst een beleid.</p>}
        {!!resolved?.errors.length && <p className={styles.muted}>Verbeter eerst de parameters.</p>}
      </section>

      {failure && (
        <MessageBar intent="error">
          <MessageBarBody>
            <MessageBarTitle>Niet berekend</MessageBarTitle>
            {failure}
          </MessageBarBody>
        </MessageBar>
      )}

      {outcome && <Result outcome={outcome} />}
    </main>
  );
}

function Result({ outcome }: { outcome: AnnotateOutcome }) {
  const styles = useStyles();
  const counts = Object.entries(outcome.run.flagCounts).sort(([a], [b]) => a.localeCompare(b));
  return (
    <section className={styles.section} aria-labelledby="stap-resultaat" data-testid="resultaat">
      <h2 id="stap-resultaat" className={styles.step}>4. Resultaat</h2>
      <MessageBar intent="success">
        <MessageBarBody>
          Blad "{outcome.sheet}": {outcome.dataRows} rijen, {outcome.tariffsSet} tarieven berekend. De uitkomsten staan in de Tariefwijzer-kolommen en op het blad
          "Tariefwijzer".
        </MessageBarBody>
      </MessageBar>
      <ul className={styles.list}>
        <li>Rijen: {outcome.dataRows}</li>
        <li>Tarieven berekend: {outcome.tariffsSet}</li>
        <li>
          Signalen per code:{' '}
          {counts.length ? (
            <ul className={styles.list}>
              {counts.map(([code, n]) => (
                <li key={code}>
                  {code}: {n} {n === 1 ? 'rij' : 'rijen'}
                </li>
              ))}
            </ul>
          ) : (
            'geen'
          )}
        </li>
      </ul>
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
