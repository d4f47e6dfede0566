/** The task pane: choose a policy pack, set its parameters, check the columns, compute, show the result. */
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import {
  Button,
  Field,
  Input,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Select,
} from '@fluentui/react-components';
import { CORE_FIELDS } from '../domain/fields';
import { dec, formatNumber } from '../domain/money';
import { cellToText } from '../domain/parse';
import { resolveParameters } from '../domain/policy/load';
import type { ParameterDef, PolicyPack } from '../domain/policy/types';
import { listPacks } from '../policies';
import {
  annotateWorkbook,
  detectLayout,
  InputError,
  readLastRun,
  readRowExplanation,
  RunCancelled,
  type AnnotateOutcome,
  type ColumnMapping,
  type InputLayout,
  type LastRun,
  type RowExplanation,
  type RunPhase,
} from '../workbook/annotate';
import { columnLetter } from '../workbook/headers';
import type { Host } from './office-port';
import { restoreLastRun } from './restore';
import { Result } from './Result';

import { useStyles } from './styles';

/** Where the pane runs: inside Excel (or the demo host), in a plain browser, or in Office without usable Excel. */
export type Environment = { kind: 'office'; host: Host } | { kind: 'browser' } | { kind: 'unavailable'; reason: string };

export interface AppProps {
  environment: Environment;
}

const PackLoader = lazy(() => import(/* webpackChunkName: "eigen-beleid" */ './views/PackLoader').then((m) => ({ default: m.PackLoader })));

/** Rows computed between two turns of the event loop: the pane stays responsive and can cancel. */
const SLICE_ROWS = 2_000;


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

/** The packs to choose from: the user's own first; one with a shipped pack's id takes its place. */
function withOwn(own: PolicyPack[]): PolicyPack[] {
  return [...own, ...listPacks().filter((p) => !own.some((o) => o.id === p.id))];
}

function choicesOf(def: ParameterDef): string[] | undefined {
  if (def.type === 'boolean') return ['ja', 'nee'];
  if (def.type === 'rounding') return ['rekenkundig', 'bankiers', 'naar-beneden', 'naar-boven'];
  if (def.type === 'choice') return def.choices ?? [];
  return undefined;
}

function message(e: unknown, phase: RunPhase): string {
  if (e instanceof InputError || e instanceof RunCancelled) return e.message;
  const detail = e instanceof Error ? e.message : String(e);
  // Office.js errors carry a code (a lost connection, a request Excel refused)
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    const after = phase === 'schrijven' ? 'De uitkomsten kunnen onvolledig zijn geschreven; kies opnieuw Bereken om ze te herstellen.' : 'Er is niets in de werkmap gewijzigd.';
    return `Excel gaf een fout (${code}) tijdens ${PHASE_TEXT[phase].replace('…', '').toLowerCase()}. ${after}`;
  }
  return `Onverwachte fout: ${detail}`;
}

const PHASE_TEXT: Record<RunPhase, string> = { lezen: 'Werkmap lezen…', rekenen: 'Tarieven berekenen…', schrijven: 'Uitkomsten schrijven…' };

export function App({ environment }: AppProps) {
  const styles = useStyles();
  const host = environment.kind === 'office' ? environment.host : undefined;
  const runner = host?.runner;
  // shipped packs, and the ones the user loaded from a file or a sheet in this session
  const [ownPacks, setOwnPacks] = useState<PolicyPack[]>([]);
  const [ownOpen, setOwnOpen] = useState(false);
  const packs = useMemo(() => withOwn(ownPacks), [ownPacks]);
  const [packId, setPackId] = useState('');
  const pack = packs.find((p) => p.id === packId);
  const [values, setValues] = useState<Record<string, string>>({});
  const [layout, setLayout] = useState<InputLayout | undefined>();
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [progress, setProgress] = useState<{ phase: RunPhase; done: number; total: number } | undefined>();
  const abort = useRef<AbortController | undefined>(undefined);
  const [outcome, setOutcome] = useState<AnnotateOutcome | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const [selected, setSelected] = useState<RowExplanation | undefined>();
  const busy = progress !== undefined;

  const resolved = useMemo(() => (pack ? resolveParameters(pack, values) : undefined), [pack, values]);
  const errorsByName = useMemo(() => {
    const out: Record<string, string> = {};
    for (const e of resolved?.errors ?? []) out[e.pointer.replace('/parameters/', '')] = e.message;
    return out;
  }, [resolved]);

  // What was applied last time (a colleague's run in a shared workbook) and whether the inputs changed since.
  const [lastRun, setLastRun] = useState<{ run: LastRun; changed: boolean } | undefined>();
  useEffect(() => {
    if (!runner) return;
    let live = true;
    runner((port) => restoreLastRun(port, packs))
      .then((found) => {
        if (!live) return;
        setLastRun(found && { run: found.run, changed: found.changed });
        if (found?.own) setOwnPacks((old) => [...old.filter((p) => p.id !== found.pack.id), found.pack]);
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
    // eslint-disable-next-line react-hooks/exhaustive-deps -- packId is read only to avoid overwriting a choice the user already made.
  }, [runner]);

  // The detected columns of the chosen pack, for the user to check and correct.
  useEffect(() => {
    if (!runner || !pack) return;
    let live = true;
    setLayout(undefined);
    setMapping({});
    runner((port) => detectLayout(port, pack))
      .then((found) => live && setLayout(found))
      .catch((e) => live && setFailure(message(e, 'lezen')));
    return () => {
      live = false;
    };
  }, [runner, pack]);

  // The explanation of the selected row: from this session's run, else from the output columns in the sheet.
  const outcomeRef = useRef(outcome);
  outcomeRef.current = outcome;
  useEffect(() => {
    if (!host) return;
    let unsubscribe: (() => Promise<void>) | undefined;
    let live = true;
    host
      .onSelection(({ sheet, row }) => {
        const result = outcomeRef.current?.run.results.find((r) => r.ref === `${sheet}!${row + 1}`);
        if (result) {
          setSelected({ sheet, row, toelichting: result.explanation, signalen: result.flags.map((f) => f.message).join(' ') || undefined });
          return;
        }
        host.runner((port) => readRowExplanation(port, sheet, row)).then((found) => live && setSelected(found), () => live && setSelected(undefined));
      })
      .then((off) => {
        unsubscribe = off;
        if (!live) void off();
      })
      .catch(() => undefined);
    return () => {
      live = false;
      void unsubscribe?.();
    };
  }, [host]);

  const choosePack = (id: string, from: PolicyPack[] = packs) => {
    setPackId(id);
    setValues(defaults(from.find((p) => p.id === id)));
    setOutcome(undefined);
    setFailure(undefined);
  };

  const calculate = async () => {
    if (!pack || !resolved || resolved.errors.length || !runner) return;
    const controller = new AbortController();
    abort.current = controller;
    setProgress({ phase: 'lezen', done: 0, total: 0 });
    setFailure(undefined);
    setOutcome(undefined);
    let reached = 'lezen' as RunPhase;
    try {
      const result = await runner(async (port) => {
        const out = await annotateWorkbook(port, pack, resolved.values, {
          mapping,
          slice: SLICE_ROWS,
          signal: controller.signal,
          onPhase: (phase) => {
            reached = phase;
            setProgress((p) => ({ phase, done: p?.done ?? 0, total: p?.total ?? 0 }));
          },
          onProgress: (done, total) => setProgress({ phase: 'rekenen', done, total }),
        });
        // Just written, so current: read the record back without re-reading the inputs.
        const run = await readLastRun(port);
        return { out, last: run && { run, changed: false } };
      });
      setOutcome(result.out);
      setLastRun(result.last);
    } catch (e) {
      setFailure(message(e, reached));
      // A run broken off while writing leaves its record "onvolledig": show that, as on opening the pane.
      if (reached === 'schrijven') {
        runner(readLastRun)
          .then((run) => run && setLastRun({ run, changed: !run.complete }))
          .catch(() => undefined);
      }
    } finally {
      abort.current = undefined;
      setProgress(undefined);
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
            <MessageBarTitle>Buiten Excel</MessageBarTitle>
            Tariefwijzer werkt in Excel op uw eigen werkmap. Probeer het hier met een gesimuleerde werkmap:{' '}
            <Link href="demo.html">open de demonstratie</Link>.
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
            <MessageBarTitle>
              {!lastRun.run.complete ? 'Laatste berekening is niet afgerond' : lastRun.changed ? 'Invoer gewijzigd sinds de laatste berekening' : 'Laatste berekening is actueel'}
            </MessageBarTitle>
            Beleid {lastRun.run.packId} (versie {lastRun.run.version}) op blad {lastRun.run.sheet}.
            {!lastRun.run.complete
              ? ' De uitkomstkolommen kunnen deels oud of leeg zijn. Kies Bereken om ze opnieuw te schrijven.'
              : lastRun.changed
                ? ' Controleer de parameters en kies Bereken om de uitkomsten bij te werken.'
                : ''}
          </MessageBarBody>
        </MessageBar>
      )}

      {selected && (
        <section className={styles.section} aria-labelledby="geselecteerde-rij" data-testid="geselecteerde-rij">
          <h2 id="geselecteerde-rij" className={styles.step}>
            Geselecteerd: {selected.sheet} rij {selected.row + 1}
          </h2>
          {(selected.percentage || selected.tarief) && (
            <div className={styles.figures}>
              percentage {selected.percentage ?? '—'} · tarief {selected.tarief ?? '—'}
            </div>
          )}
          {selected.toelichting && <div className={styles.small}>Toelichting: {selected.toelichting}</div>}
          {selected.signalen && <div className={styles.small}>Signalen: {selected.signalen}</div>}
        </section>
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
        <details onToggle={(e) => setOwnOpen(e.currentTarget.open)}>
          <summary>Eigen beleid (YAML, JSON of een blad in deze werkmap)</summary>
          {ownOpen && <Suspense fallback={<p className={styles.muted}>Laden…</p>}>
            <PackLoader
              runner={runner}
              onLoaded={(loaded) => {
                const next = [...ownPacks.filter((p) => p.id !== loaded.id), loaded];
                setOwnPacks(next);
                choosePack(loaded.id, withOwn(next));
              }}
            />
          </Suspense>}
        </details>
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

      {pack && layout && <Columns pack={pack} layout={layout} mapping={mapping} onChange={setMapping} disabled={busy} />}

      <section className={styles.section} aria-labelledby="stap-berekenen">
        <h2 id="stap-berekenen" className={styles.step}>4. Berekenen</h2>
        <div className={styles.buttons}>
          <Button appearance="primary" onClick={() => void calculate()} disabled={!canCalculate}>
            {busy ? 'Bezig…' : 'Bereken'}
          </Button>
          {busy && (
            <Button onClick={() => abort.current?.abort()} disabled={progress?.phase === 'schrijven'}>
              Annuleren
            </Button>
          )}
        </div>
        {progress && (
          <Field validationMessage={progress.phase === 'rekenen' && progress.total ? `${progress.done} van ${progress.total} rijen` : PHASE_TEXT[progress.phase]} validationState="none">
            <ProgressBar aria-label={PHASE_TEXT[progress.phase]} value={progress.phase === 'rekenen' && progress.total ? progress.done / progress.total : undefined} />
          </Field>
        )}
        {host && !host.undoGrouping && <p className={styles.muted}>Deze Excel-versie kan een berekening niet als één stap ongedaan maken; Tariefwijzer overschrijft alleen zijn eigen kolommen en blad.</p>}
        {!pack && <p className={styles.muted}>Kies eerst een beleid.</p>}
        {!!resolved?.errors.length && <p className={styles.muted}>Verbeter eerst de parameters.</p>}
      </section>

      {failure && (
        <MessageBar intent={failure.startsWith('Berekening afgebroken') ? 'warning' : 'error'}>
          <MessageBarBody>
            <MessageBarTitle>Niet berekend</MessageBarTitle>
            {failure}
          </MessageBarBody>
        </MessageBar>
      )}

      {outcome && <Result outcome={outcome} onSelectRow={host ? (sheet, row) => void host.selectRow(sheet, row) : undefined} />}

    </main>
  );
}

/** Step 3: the detected sheet, header row and column per field, with a way to correct each. */
function Columns({ pack, layout, mapping, onChange, disabled }: { pack: PolicyPack; layout: InputLayout; mapping: ColumnMapping; onChange(m: ColumnMapping): void; disabled: boolean }) {
  const styles = useStyles();
  const fields = { ...CORE_FIELDS, ...pack.fields };
  const header = layout.head[layout.match.row] ?? [];
  const sample = layout.head[layout.match.row + 1] ?? [];
  const columns = header.map((cell, c) => ({ c, label: `${columnLetter(c)} — ${cellToText(cell) || '(leeg)'}` })).filter((_, c) => !layout.match.outputColumns.includes(c));
  const current = (field: string): number | undefined => (field in mapping ? (mapping[field] ?? undefined) : layout.match.columns[field]);
  const shown = Object.keys(fields).filter((f) => current(f) !== undefined || f === 'prestatiecode' || f === 'maximumtarief' || f in mapping);
  const hidden = Object.keys(fields).filter((f) => !shown.includes(f));
  return (
    <section className={styles.section} aria-labelledby="stap-kolommen">
      <h2 id="stap-kolommen" className={styles.step}>3. Kolommen</h2>
      <p className={styles.muted}>
        Blad "{layout.sheet}", kopregel op rij {layout.match.row + 1}
        {layout.tariffSheet ? `; maximumtarieven ook uit blad "${layout.tariffSheet.name}"` : ''}. Controleer de herkende kolommen en verbeter ze zo nodig.
      </p>
      {layout.warnings.map((w) => (
        <p key={w} className={styles.small}>
          Let op: {w}
        </p>
      ))}
      {shown.map((field) => {
        const c = current(field);
        return (
          <Field key={field} label={fields[field].label} hint={c !== undefined && sample[c] !== undefined && sample[c] !== null ? `Eerste rij: ${cellToText(sample[c])}` : undefined}>
            <Select
              className={styles.select}
              name={`kolom-${field}`}
              value={c === undefined ? '' : String(c)}
              disabled={disabled}
              onChange={(_, data) => onChange({ ...mapping, [field]: data.value === '' ? null : Number(data.value) })}
            >
              <option value="">(niet in dit blad)</option>
              {columns.map(({ c: col, label }) => (
                <option key={col} value={String(col)}>
                  {label}
                </option>
              ))}
            </Select>
          </Field>
        );
      })}
      {hidden.length > 0 && (
        <Field label="Nog een kolom koppelen">
          <Select className={styles.select} name="kolom-extra" value="" disabled={disabled} onChange={(_, data) => data.value && onChange({ ...mapping, [data.value]: null })}>
            <option value="">— kies een gegeven —</option>
            {hidden.map((f) => (
              <option key={f} value={f}>
                {fields[f].label}
              </option>
            ))}
          </Select>
        </Field>
      )}
    </section>
  );
}
