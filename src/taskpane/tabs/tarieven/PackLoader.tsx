/**
 * Load an own policy pack in the task pane: from a JSON or YAML file (read in the browser, no network) or
 * from a sheet of the open workbook (format: docs/beleidspakket.md). Shows the same Dutch errors, with file and line
 * or sheet and cell, as `tariefwijzer policy check`. Self-contained: the parent decides what a loaded pack does.
 *
 * The parser (yaml) and the sheet reader are loaded on first use, in their own chunk, so the pane's first
 * load stays small.
 */
import { useRef, useState } from 'react';
import { DocumentArrowUp20Regular } from '@fluentui/react-icons';
import { Button, Field, MessageBar, MessageBarBody, MessageBarTitle, Select, makeStyles, tokens } from '@fluentui/react-components';
import { formatProblem, type PackProblem } from '../../../domain/policy/problems';
import { resolveParameters } from '../../../domain/policy/load';
import { missingBaseParameters, type MissingValue } from '../../../domain/policy/required';
import type { PolicyPack } from '../../../domain/policy/types';
import type { PortRunner } from '../../office-port';
import { failureText, type FailedStep } from '../../failure';

export interface PackLoaderProps {
  /** Runs a job on the open workbook; undefined outside Excel (then only files can be loaded). */
  runner: PortRunner | undefined;
  onLoaded(pack: PolicyPack): void;
}

type Status =
  | { kind: 'idle' }
  | { kind: 'busy'; text: string }
  | { kind: 'loaded'; pack: PolicyPack; from: string; bases: string[]; needs: MissingValue[] }
  | { kind: 'problems'; from: string; problems: PackProblem[] };

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'end', flexWrap: 'wrap' },
  select: { minWidth: 0, flexGrow: 1, '& select': { minWidth: 0, maxWidth: '100%' } },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, overflowWrap: 'anywhere' },
  muted: { margin: 0, color: tokens.colorNeutralForeground3 },
});

/** The loading modules, once, in their own chunk. */
function loaders() {
  return Promise.all([
    import(/* webpackChunkName: "pack-loader" */ '../../../domain/policy/source'),
    import(/* webpackChunkName: "pack-loader" */ '../../../workbook/policy-sheet'),
    import(/* webpackChunkName: "pack-loader" */ '../../../policies'),
  ]).then(([source, sheet, policies]) => ({ source, sheet, resolver: policies.SHIPPED_RESOLVER }));
}

export function PackLoader({ runner, onLoaded }: PackLoaderProps) {
  const styles = useStyles();
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [sheets, setSheets] = useState<string[] | undefined>(undefined);
  const [sheet, setSheet] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);

  const finish = (from: string, result: { pack?: PolicyPack; problems: PackProblem[]; bases: string[] }) => {
    if (result.pack) {
      // valid, but without a value it cannot run (a richttarief still to be published): loaded, and it asks for that value
      const needs = missingBaseParameters(result.pack, resolveParameters(result.pack).values);
      setStatus({ kind: 'loaded', pack: result.pack, from, bases: result.bases, needs });
      onLoaded(result.pack);
    } else setStatus({ kind: 'problems', from, problems: result.problems });
  };

  const fail = (from: string, e: unknown, step: FailedStep, button: string) =>
    setStatus({ kind: 'problems', from, problems: [{ source: from, message: failureText(e, { phase: step, button, own: () => false }) }] });

  async function loadFile(file: File | undefined) {
    if (!file) return;
    if (/\.xlsx$/i.test(file.name)) {
      setStatus({
        kind: 'problems',
        from: file.name,
        problems: [{ source: file.name, message: 'een werkmap laadt u hier niet als bestand: open hem in Excel en kies hieronder het blad met het beleid' }],
      });
      return;
    }
    setStatus({ kind: 'busy', text: `${file.name} lezen…` });
    try {
      const [{ source, resolver }, text] = await Promise.all([loaders(), file.text()]);
      finish(file.name, source.loadPack(source.parsePackText(text, file.name), resolver));
    } catch (e) {
      fail(file.name, e, 'bestand', 'Bestand kiezen');
    }
  }

  async function listSheets() {
    if (!runner) return;
    setStatus({ kind: 'busy', text: 'Bladen ophalen…' });
    try {
      const [{ sheet: sheetModule }, names] = await Promise.all([loaders(), runner((port) => port.sheetNames())]);
      setSheets(names);
      setSheet(names.find(sheetModule.isPolicySheet) ?? names[0] ?? '');
      setStatus({ kind: 'idle' });
    } catch (e) {
      fail('werkmap', e, 'lezen', 'Uit een blad van deze werkmap');
    }
  }

  async function loadSheet() {
    if (!runner || !sheet) return;
    setStatus({ kind: 'busy', text: `Blad ${sheet} lezen…` });
    try {
      const { sheet: sheetModule, resolver } = await loaders();
      const result = await runner((port) => sheetModule.loadPackFromSheet(port, sheet, resolver));
      finish(`blad ${sheet}`, result);
    } catch (e) {
      fail(`blad ${sheet}`, e, 'lezen', 'Laden uit blad');
    }
  }

  const busy = status.kind === 'busy';
  return (
    <section className={styles.root} aria-label="Eigen beleid laden">
      <Field label="Uit een bestand" hint="Een beleidspakket in YAML of JSON (zie de handleiding Eigen beleid). Het bestand blijft op uw computer.">
        {/* the browser's own file input speaks the browser's language; a Fluent button in Dutch opens it */}
        <input
          ref={fileInput}
          type="file"
          accept=".yaml,.yml,.json"
          hidden
          tabIndex={-1}
          aria-hidden="true"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = ''; // the same file again (after an edit) must load again
            void loadFile(file);
          }}
        />
        <Button icon={<DocumentArrowUp20Regular />} disabled={busy} onClick={() => fileInput.current?.click()}>
          Bestand kiezen…
        </Button>
      </Field>
      {runner ? (
        <SheetChoice sheets={sheets} sheet={sheet} busy={busy} onList={() => void listSheets()} onChoose={setSheet} onLoad={() => void loadSheet()} />
      ) : (
        <p className={styles.muted}>Een beleid uit een blad van de werkmap laden kan alleen in Excel.</p>
      )}
      <PackStatus status={status} />
    </section>
  );
}

interface SheetChoiceProps {
  sheets: string[] | undefined;
  sheet: string;
  busy: boolean;
  onList(): void;
  onChoose(sheet: string): void;
  onLoad(): void;
}

/** A policy from a sheet of the open workbook: first the sheets are listed, then one is chosen and loaded. */
function SheetChoice({ sheets, sheet, busy, onList, onChoose, onLoad }: SheetChoiceProps) {
  const styles = useStyles();
  return (
    <div className={styles.row}>
      {sheets === undefined ? (
        <Button onClick={onList} disabled={busy}>
          Uit een blad van deze werkmap…
        </Button>
      ) : (
        <>
          <Field label="Blad met het beleid" className={styles.select}>
            <Select name="beleidsblad" value={sheet} onChange={(_, data) => onChoose(data.value)}>
              {sheets.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </Select>
          </Field>
          <Button onClick={onLoad} disabled={busy || !sheet}>
            Laden uit blad
          </Button>
        </>
      )}
    </div>
  );
}

/** What loading did: busy, loaded (attention while a value it needs is empty), or the problems found. */
function PackStatus({ status }: { status: Status }) {
  const styles = useStyles();
  return (
    <>
      {status.kind === 'busy' && <p className={styles.muted}>{status.text}</p>}
      {status.kind === 'loaded' && (
        <MessageBar intent={status.needs.length ? 'warning' : 'success'} layout="multiline" data-testid="beleid-geladen">
          <MessageBarBody>
            <MessageBarTitle>{status.needs.length ? 'Beleid geladen, maar nog niet compleet' : 'Beleid geladen'}</MessageBarTitle>
            {status.pack.title} ({status.pack.id} {status.pack.version}) uit {status.from}: {status.pack.rules.length} regels
            {status.bases.length ? `, breidt uit: ${status.bases.join(' → ')}` : ''}.
            {status.needs.length > 0 && ` Vul bij de parameters eerst in: ${status.needs.map((m) => `"${m.label}"`).join(', ')}.`}
          </MessageBarBody>
        </MessageBar>
      )}
      {status.kind === 'problems' && (
        <MessageBar intent="error" layout="multiline" role="alert">
          <MessageBarBody>
            <MessageBarTitle>
              Beleid in {status.from} niet geladen: {status.problems.length} {status.problems.length === 1 ? 'fout' : 'fouten'}
            </MessageBarTitle>
            <ul className={styles.list}>
              {status.problems.map((p, i) => (
                <li key={i}>{formatProblem(p)}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}
