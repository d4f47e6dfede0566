/**
 * The Tarieven tab: 1. choose a policy, 2. its parameters, 3. the columns, then Bereken (in the footer, always
 * in view) and 4. the result. Parameters and columns stay folded while they are complete and valid and open
 * at the first problem, so the first screen is short at 320 × 800.
 */
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { Button, Field, Link, MessageBar, MessageBarBody, MessageBarTitle, Select } from '@fluentui/react-components';
import { titlesOf } from '../domain/documents';
import type { PolicyPack } from '../domain/policy/types';
import type { AnnotateOutcome } from '../workbook/jobs/annotate';
import type { ColumnMapping, InputLayout } from '../workbook/jobs/layout';
import type { LastRun } from '../workbook/jobs/last-run';
import type { RunPhase } from '../workbook/jobs/job';
import { loadWorkbench, type Workbench } from './lazy';
import type { Host } from './office-port';
import type { SelectedRow } from './Result';
import { useStaleWatch } from './stale';
import { count, useStyles } from './styles';
import { useFocusBack } from './focus';
import { packShortLabel } from './pack-label';
import { formatCount } from '../domain/count';
import { fieldMessage, neededSummary, parametersBlock, WhyNot } from './required';

/** Where the pane runs: inside Excel (or the demo host), in a plain browser, or in Office without usable Excel. */
export type Environment = { kind: 'office'; host: Host } | { kind: 'browser' } | { kind: 'unavailable'; reason: string };

export interface AppProps {
  environment: Environment;
}

// what only a chosen pack or a finished run needs: their own chunks
const disclosure = () => import(/* webpackChunkName: "kolommen" */ './views/disclosure');
const Accordion = lazy(() => disclosure().then((m) => ({ default: m.Accordion })));
const AccordionItem = lazy(() => disclosure().then((m) => ({ default: m.AccordionItem })));
const AccordionHeader = lazy(() => disclosure().then((m) => ({ default: m.AccordionHeader })));
const AccordionPanel = lazy(() => disclosure().then((m) => ({ default: m.AccordionPanel })));
const ParamField = lazy(() => disclosure().then((m) => ({ default: m.ParamField })));
const Columns = lazy(() => import(/* webpackChunkName: "kolommen" */ './views/Columns'));
const Result = lazy(() => import(/* webpackChunkName: "resultaat" */ './Result').then((m) => ({ default: m.Result })));
const RowCard = lazy(() => import(/* webpackChunkName: "resultaat" */ './Result').then((m) => ({ default: m.RowCard })));
// shown only after a run or while one runs: not part of the first screen
const StaleBar = lazy(() => import(/* webpackChunkName: "na-berekening" */ './StaleBar').then((m) => ({ default: m.StaleBar })));
const RunProgress = lazy(() => import(/* webpackChunkName: "na-berekening" */ './RunProgress').then((m) => ({ default: m.RunProgress })));
const PackLoader = lazy(() => import(/* webpackChunkName: "eigen-beleid" */ './views/PackLoader').then((m) => ({ default: m.PackLoader })));

/** The packs to choose from: the user's own first; one with a shipped pack's id takes its place. */
function withOwn(own: PolicyPack[], shipped: PolicyPack[]): PolicyPack[] {
  return [...own, ...shipped.filter((p) => !own.some((o) => o.id === p.id))];
}

/**
 * The Dutch text for a failed step of the Tarieven tab (see failure.ts, loaded with the workbench: every step that
 * can fail runs after it).
 */
function message(e: unknown, phase: RunPhase, wb: Workbench | undefined): string {
  if (!wb) return e instanceof Error ? e.message : String(e);
  return wb.failureText(e, { phase, button: 'Bereken', own: (x) => x instanceof wb.InputError || x instanceof wb.RunCancelled });
}

const PHASE_TEXT: Record<RunPhase, string> = { lezen: 'Werkmap lezen…', rekenen: 'Tarieven berekenen…', schrijven: 'Uitkomsten schrijven…' };

/** "Tarieven berekenen… 2.000 van 20.000 rijen", or only the phase while the total is not known. */
function progressText(p: { phase: RunPhase; done: number; total: number }): string {
  return p.total ? `${PHASE_TEXT[p.phase]} ${formatCount(p.done)} van ${formatCount(p.total)} rijen` : PHASE_TEXT[p.phase];
}

type Section = 'parameters' | 'kolommen';

export function App({ environment }: AppProps) {
  const styles = useStyles();
  const host = environment.kind === 'office' ? environment.host : undefined;
  const runner = host?.runner;
  // packs, parameter checks, engine and workbook jobs: their own chunk, loaded right away
  const [wb, setWb] = useState<Workbench | undefined>();
  useEffect(() => {
    let live = true;
    loadWorkbench().then(
      (m) => live && setWb(m),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  // shipped packs, and the ones the user loaded from a file or a sheet in this session
  const [ownPacks, setOwnPacks] = useState<PolicyPack[]>([]);
  const [ownOpen, setOwnOpen] = useState(false);
  const packs = useMemo(() => withOwn(ownPacks, wb?.listPacks() ?? []), [ownPacks, wb]);
  const [packId, setPackId] = useState('');
  const pack = packs.find((p) => p.id === packId);
  const titles = useMemo(() => titlesOf(pack?.sources), [pack]);
  const [values, setValues] = useState<Record<string, string>>({});
  const [layout, setLayout] = useState<InputLayout | undefined>();
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [progress, setProgress] = useState<{ phase: RunPhase; done: number; total: number } | undefined>();
  const abort = useRef<AbortController | undefined>(undefined);
  const [outcome, setOutcome] = useState<AnnotateOutcome | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const [selected, setSelected] = useState<SelectedRow | undefined>();
  const [announce, setAnnounce] = useState('');
  const busy = progress !== undefined;
  const primary = useRef<HTMLButtonElement>(null);
  useFocusBack(busy, primary);

  const resolved = useMemo(() => (pack && wb ? wb.resolveParameters(pack, values) : undefined), [pack, values, wb]);
  const errorsByName = useMemo(() => {
    const out: Record<string, string> = {};
    for (const e of resolved?.errors ?? []) out[e.pointer.replace('/parameters/', '')] = e.message;
    return out;
  }, [resolved]);
  const unset = pack ? Object.keys(pack.parameters).filter((n) => !(values[n] ?? '').trim()) : [];
  // a value the run cannot do without (the richttarief), as in the Herschikking tab: the run waits for it
  const missing = useMemo(() => (pack && wb && resolved ? wb.missingBaseParameters(pack, resolved.values) : []), [pack, wb, resolved]);

  // What was applied last time (a colleague's run in a shared workbook) and whether the inputs changed since.
  const [lastRun, setLastRun] = useState<{ run: LastRun; changed: boolean } | undefined>();
  useEffect(() => {
    if (!runner || !wb) return;
    let live = true;
    runner((port) => wb.restoreLastRun(port, packs))
      .then((found) => {
        if (!live) return;
        setLastRun(found && { run: found.run, changed: found.changed });
        if (found?.own) setOwnPacks((old) => [...old.filter((p) => p.id !== found.pack.id), found.pack]);
        if (found && !packId) {
          setPackId(found.pack.id);
          setValues({ ...wb.defaults(found.pack), ...wb.recordedParameters(found.pack, found.run) });
        }
      })
      .catch(() => live && setLastRun(undefined));
    return () => {
      live = false;
    };
    // packId is read only to avoid overwriting a choice the user already made, not to rerun on it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [runner, wb]);

  // After a run (or a restored one that was current) the pane watches the workbook: a change the add-in did not
  // make to the run's sheet, its record or a tariff sheet, or a record that no longer matches when the pane is used
  // again (an undo), makes the result outdated.
  const {
    stale,
    markStale,
    reset: resetStale,
    check: checkStale,
  } = useStaleWatch(host, {
    watching: !busy && !!(outcome || (lastRun?.run.complete && !lastRun.changed)),
    relevant: (change) => !wb || !lastRun || wb.affectsRun(change.sheet, lastRun.run.sheet),
    verify: async () => !runner || !wb || !lastRun || wb.sameRun(await runner(wb.readLastRun), lastRun.run),
    sheets: lastRun,
  });

  // The detected columns of the chosen pack, for the user to check and correct.
  useEffect(() => {
    if (!runner || !pack || !wb) return;
    let live = true;
    // the columns of the previous pack are void the moment another is chosen, before the new ones are read
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setLayout(undefined);
    setMapping({});
    runner((port) => wb.detectLayout(port, pack))
      .then((found) => live && setLayout(found))
      .catch((e) => live && setFailure(message(e, 'lezen', wb)));
    return () => {
      live = false;
    };
  }, [runner, pack, wb]);

  // The explanation of the selected row: from this session's run, else from the output columns in the sheet.
  const outcomeRef = useRef(outcome);
  useEffect(() => {
    outcomeRef.current = outcome;
  }, [outcome]);
  const viaRef = useRef<{ sheet: string; row: number; via: string } | undefined>(undefined);
  // A row is explained by what its cells show now: this session's result only while the cells still hold it.
  const explainRow = useRef<(sheet: string, row: number, via?: string) => void>(() => undefined);
  useEffect(() => {
    if (!host) return;
    let unsubscribe: (() => Promise<void>) | undefined;
    let live = true;
    explainRow.current = (sheet, row, via) => {
      loadWorkbench()
        .then(async (w) => {
          const read = await host.runner((port) => w.readRowExplanation(port, sheet, row));
          if (!live) return;
          const result = outcomeRef.current?.run.results.find((r) => r.ref === `${sheet}!${row + 1}`);
          if (result && !w.rowShows(result, read)) {
            markStale();
            return setSelected({ sheet, row, read, via, differs: true });
          }
          setSelected(result ? { sheet, row, result, via } : read ? { sheet, row, read, via } : undefined);
        })
        .catch(() => live && setSelected(undefined));
    };
    host
      .onSelection(({ sheet, row }) => {
        const clicked = viaRef.current;
        explainRow.current(sheet, row, clicked && clicked.sheet === sheet && clicked.row === row ? clicked.via : undefined);
        checkStale();
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
  }, [host, markStale, checkStale]);

  const choosePack = (id: string, from: PolicyPack[] = packs) => {
    setPackId(id);
    setValues(wb ? wb.defaults(from.find((p) => p.id === id)) : {});
    setOutcome(undefined);
    setFailure(undefined);
  };

  const calculate = async () => {
    if (!pack || !resolved || resolved.errors.length || missing.length || !runner || !wb) return;
    const controller = new AbortController();
    abort.current = controller;
    setProgress({ phase: 'lezen', done: 0, total: 0 });
    setAnnounce(PHASE_TEXT.lezen);
    setFailure(undefined);
    setOutcome(undefined);
    setSelected(undefined);
    resetStale();
    let reached = 'lezen' as RunPhase;
    try {
      const result = await wb.runCalculation(
        runner,
        { pack, params: resolved.values, mapping },
        {
          signal: controller.signal,
          onPhase: (phase) => {
            reached = phase;
            setAnnounce(PHASE_TEXT[phase]);
          },
          onProgress: setProgress,
        },
      );
      setOutcome(result.outcome);
      setLastRun(result.last);
      resetStale();
      const missing = result.outcome.dataRows - result.outcome.tariffsSet;
      setAnnounce(
        `Klaar: ${count(result.outcome.tariffsSet, 'tarief', 'tarieven')} berekend${missing ? `, ${count(missing, 'rij', 'rijen')} zonder tarief` : ''}.`,
      );
    } catch (e) {
      setFailure(message(e, reached, wb));
      setAnnounce('');
      // A run broken off while writing leaves its record "onvolledig": show that, as on opening the pane.
      if (reached === 'schrijven') {
        runner(wb.readLastRun)
          .then((run) => run && setLastRun({ run, changed: !run.complete }))
          .catch(() => undefined);
      }
    } finally {
      abort.current = undefined;
      setProgress(undefined);
    }
  };

  // Parameters and columns: folded while complete and valid, open at a problem. Decided when the pack is chosen
  // or the columns are found (not while the user types: a section must not fold under the cursor); errors
  // always open the parameters. The fields that needed attention stay first, the others behind a button.
  const columnsOk = layout ? columnsComplete(layout, mapping, pack) : false;
  const [toggled, setToggled] = useState<Partial<Record<Section, boolean>>>({});
  const [attention, setAttention] = useState<string[]>([]);
  const [allParams, setAllParams] = useState(false);
  const isOpen = (s: Section) => (s === 'parameters' && !!resolved?.errors.length) || (toggled[s] ?? (s === 'kolommen' && !!layout && !columnsOk));
  const openItems = (['parameters', 'kolommen'] as Section[]).filter(isOpen);
  useEffect(() => {
    if (!pack || !wb) return;
    const empty = Object.entries(wb.defaults(pack))
      .filter(([n, v]) => !(values[n] ?? v).trim())
      .map(([n]) => n);
    // what to open is decided once per chosen pack, from the values at that moment (never while the user types)
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setAttention(empty);
    setAllParams(false);
    setToggled((t) => ({ ...t, parameters: empty.length > 0, kolommen: undefined }));
    // only when another pack is chosen (values are read as they are at that moment)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pack, wb]);
  const canCalculate = !!pack && !!runner && !!wb && !busy && !resolved?.errors.length && !missing.length;
  const why = !runner
    ? 'Open Tariefwijzer in Excel om te berekenen.'
    : !pack
      ? 'Kies eerst een beleid.'
      : parametersBlock(missing, resolved?.errors.length ?? 0);
  // the fields that need attention: empty when the pack was chosen, unreadable, or required and empty now
  const needs = (name: string) => attention.includes(name) || name in errorsByName || missing.some((m) => m.name === name);
  const paramSummary = resolved?.errors.length
    ? `${count(resolved.errors.length, 'fout', 'fouten')}`
    : (neededSummary(missing) ??
      (unset.length ? `${unset.length} niet ingesteld` : `${count(Object.keys(pack?.parameters ?? {}).length, 'parameter', 'parameters')}, alle ingevuld`));

  return (
    <main className={styles.root} aria-labelledby="tarieven-kop">
      <h2 id="tarieven-kop" className={styles.heading}>
        Tarieven berekenen
      </h2>
      <div role="status" aria-live="polite" className={styles.visuallyHidden} data-testid="aankondiging">
        {announce}
      </div>

      {environment.kind === 'browser' && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Buiten Excel</MessageBarTitle>
            Tariefwijzer werkt in Excel op uw eigen werkmap. Probeer het hier met een gesimuleerde werkmap: <Link href="demo.html">open de demonstratie</Link>.
          </MessageBarBody>
        </MessageBar>
      )}
      {environment.kind === 'unavailable' && (
        <MessageBar intent="error" layout="multiline" role="alert">
          <MessageBarBody>
            <MessageBarTitle>Excel niet beschikbaar</MessageBarTitle>
            {environment.reason}
          </MessageBarBody>
        </MessageBar>
      )}

      {stale && (
        <Suspense fallback={null}>
          <StaleBar run="berekening" action="Bereken opnieuw" onRerun={() => void calculate()} disabled={!canCalculate} />
        </Suspense>
      )}
      {/* while a run is busy, the record it is about to replace is not shown as current */}
      {lastRun && !stale && !busy && (
        <MessageBar intent={lastRun.changed ? 'warning' : 'success'} layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>
              {!lastRun.run.complete
                ? 'Laatste berekening is niet afgerond'
                : lastRun.changed
                  ? 'Invoer gewijzigd sinds de laatste berekening'
                  : 'Laatste berekening is actueel'}
            </MessageBarTitle>
            {packs.find((p) => p.id === lastRun.run.packId)?.title ?? lastRun.run.packId}, blad {lastRun.run.sheet}.
            {!lastRun.run.complete
              ? ' De uitkomstkolommen kunnen deels oud of leeg zijn: kies Bereken.'
              : lastRun.changed
                ? ' Kies Bereken om de uitkomsten bij te werken.'
                : ''}
          </MessageBarBody>
        </MessageBar>
      )}

      {selected && !selected.via && (
        <Suspense fallback={null}>
          <RowCard selected={selected} titles={titles} />
        </Suspense>
      )}

      <section className={styles.section} aria-labelledby="stap-beleid">
        <h3 id="stap-beleid" className={styles.step}>
          1. Beleid
        </h3>
        <Field label="Inkoopbeleid" hint={pack ? pack.description.split(/(?<=[.:])\s/)[0] : 'Zorgkantoor, sector en inkoopjaar bepalen de regels.'}>
          <Select className={styles.select} name="beleid" value={packId} title={pack?.title} onChange={(_, data) => choosePack(data.value)}>
            <option value="">{wb ? '— kies een beleid —' : 'beleid laden…'}</option>
            {packs.map((p) => (
              <option key={p.id} value={p.id} title={p.title}>
                {packShortLabel(p)}
              </option>
            ))}
          </Select>
        </Field>
        <div>
          <Button
            appearance="subtle"
            size="small"
            icon={<span aria-hidden="true">{ownOpen ? '▾' : '▸'}</span>}
            aria-expanded={ownOpen}
            aria-controls="eigen-beleid"
            onClick={() => setOwnOpen(!ownOpen)}
          >
            Eigen beleid laden
          </Button>
        </div>
        {ownOpen && (
          <div id="eigen-beleid">
            <Suspense fallback={<p className={styles.muted}>Laden…</p>}>
              <PackLoader
                runner={runner}
                onLoaded={(loaded) => {
                  const next = [...ownPacks.filter((p) => p.id !== loaded.id), loaded];
                  setOwnPacks(next);
                  choosePack(loaded.id, withOwn(next, wb?.listPacks() ?? []));
                }}
              />
            </Suspense>
          </div>
        )}
      </section>

      {pack && (
        <Suspense fallback={<p className={styles.muted}>Laden…</p>}>
          <Accordion
            multiple
            collapsible
            openItems={openItems}
            onToggle={(_, d) => setToggled({ parameters: d.openItems.includes('parameters'), kolommen: d.openItems.includes('kolommen') })}
          >
            <AccordionItem value="parameters">
              <AccordionHeader as="h3" expandIconPosition="end">
                <span>
                  2. Parameters <span className={styles.summary}>· {paramSummary}</span>
                </span>
              </AccordionHeader>
              <AccordionPanel className={styles.accordionPanel}>
                <p className={styles.muted}>Leeg laten betekent: niet ingesteld.</p>
                {/* the fields that need attention first; the others on request */}
                {Object.entries(pack.parameters)
                  .filter(([name]) => allParams || needs(name))
                  .sort(([a], [b]) => Number(!needs(a)) - Number(!needs(b)))
                  .map(([name, def]) => (
                    <ParamField
                      key={name}
                      name={name}
                      def={def}
                      value={values[name] ?? ''}
                      error={fieldMessage(missing, name, errorsByName[name])}
                      disabled={busy}
                      onChange={(v) => setValues((old) => ({ ...old, [name]: v }))}
                    />
                  ))}
                {!allParams && Object.keys(pack.parameters).some((n) => !needs(n)) && (
                  <div>
                    <Button size="small" onClick={() => setAllParams(true)}>
                      Alle {count(Object.keys(pack.parameters).length, 'parameter', 'parameters')} tonen
                    </Button>
                  </div>
                )}
              </AccordionPanel>
            </AccordionItem>
            {layout && (
              <AccordionItem value="kolommen">
                <AccordionHeader as="h3" expandIconPosition="end">
                  <span>
                    3. Kolommen{' '}
                    <span className={styles.summary}>
                      · Blad "{layout.sheet}", kopregel op rij {layout.match.row + 1}
                      {columnsOk ? '' : ' · controleer'}
                    </span>
                  </span>
                </AccordionHeader>
                <AccordionPanel className={styles.accordionPanel}>
                  <Suspense fallback={<p className={styles.muted}>Laden…</p>}>
                    <Columns pack={pack} layout={layout} mapping={mapping} onChange={setMapping} disabled={busy} />
                  </Suspense>
                </AccordionPanel>
              </AccordionItem>
            )}
          </Accordion>
        </Suspense>
      )}

      {host?.undoNote && <p className={`${styles.muted} ${styles.small}`}>{host.undoNote}</p>}

      {failure && (
        <MessageBar intent={failure.startsWith('Berekening afgebroken') ? 'warning' : 'error'} layout="multiline" role="alert">
          <MessageBarBody>
            <MessageBarTitle>Niet berekend</MessageBarTitle>
            {failure}
          </MessageBarBody>
        </MessageBar>
      )}

      {outcome && (
        <Suspense fallback={<p className={styles.muted}>Laden…</p>}>
          <Result
            outcome={outcome}
            titles={titles}
            selected={selected}
            stale={stale}
            onSelectRow={
              host
                ? (sheet, row, via) => {
                    viaRef.current = { sheet, row, via };
                    explainRow.current(sheet, row, via);
                    void host.selectRow(sheet, row);
                  }
                : undefined
            }
          />
        </Suspense>
      )}

      <footer className={styles.footer} aria-label="Berekenen">
        <div className={styles.footerButtons}>
          <Button ref={primary} appearance="primary" onClick={() => void calculate()} disabled={!canCalculate} data-testid="primaire-actie">
            {busy ? 'Bezig…' : 'Bereken'}
          </Button>
          {busy && (
            <Button onClick={() => abort.current?.abort()} disabled={progress?.phase === 'schrijven'}>
              Annuleren
            </Button>
          )}
        </div>
        {progress && (
          <Suspense fallback={<p className={`${styles.muted} ${styles.small}`}>{progressText(progress)}</p>}>
            <RunProgress
              label={PHASE_TEXT[progress.phase]}
              text={progressText(progress)}
              fraction={progress.total ? progress.done / progress.total : undefined}
            />
          </Suspense>
        )}
        {!busy && why && <WhyNot text={why} />}
      </footer>
    </main>
  );
}

/** Complete: a prestatiecode column and a maximumtarief (a column or a tariff sheet), and nothing to warn about. */
function columnsComplete(layout: InputLayout, mapping: ColumnMapping, pack: PolicyPack | undefined): boolean {
  const has = (field: string) => (field in mapping ? mapping[field] !== null && mapping[field] !== undefined : layout.match.columns[field] !== undefined);
  return !!pack && has('prestatiecode') && (has('maximumtarief') || !!layout.tariffSheet) && layout.warnings.length === 0;
}
