/**
 * The result's "Bijlage maken" action: the bijlage of the selected row's provider, as a new workbook where Excel
 * has Excel.createWorkbook (ExcelApi 1.8), else as a new sheet "Bijlage AGB" in this workbook (one undo step where
 * Excel groups undo; nothing is deleted). The job code and the package writer load on the first click.
 */
import { useEffect, useState } from 'react';
import { Button } from '@fluentui/react-components';
import type { RunResult } from '../../../domain/engine';
import type { ParameterValues, PolicyPack } from '../../../domain/policy/types';
import { parameterText } from '../../../workbook/names';
import type { RowProvider } from '../../../workbook/jobs/row-provider';
import type { Host } from '../../office-port';
import { useStyles } from '../../styles';

export interface BijlageActionProps {
  host: Host;
  /** The policy chosen now: a bijlage is made only when it is the one the run used. */
  pack: PolicyPack;
  /** The run whose tariffs the sheet holds: its parameters make the bijlage, so it has the sheet's numbers. */
  run: Pick<RunResult, 'pack' | 'parameters'>;
  /** The parameter fields as they are now (changed after the run, they count only from the next Bereken). */
  fields: ParameterValues | undefined;
  /** The workbook changed after the run: its tariffs are outdated. */
  stale: boolean;
  selected: { sheet: string; row: number } | undefined;
}

/** Why no bijlage can be made now that matches the sheet's tariffs; undefined when it can. */
function runMismatch({ pack, run, stale }: Pick<BijlageActionProps, 'pack' | 'run' | 'stale'>): string | undefined {
  if (stale) return 'De werkmap is gewijzigd na de berekening. Bereken opnieuw: een bijlage hoort dezelfde tarieven te hebben als het blad.';
  if (pack.id !== run.pack.id || pack.version !== run.pack.version)
    return `U koos na de berekening een ander beleid. Bereken opnieuw, of kies weer ${run.pack.title}.`;
  return undefined;
}

/** Whether two sets of parameter values say the same (as the run records them). */
function sameValues(a: ParameterValues, b: ParameterValues): boolean {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].every((k) => parameterText(a[k]) === parameterText(b[k]));
}

/** The provider of the selected row, read from the sheet; undefined while it is being read (or no row). */
function useRowProvider(host: Host, pack: PolicyPack, selected: BijlageActionProps['selected']): RowProvider | undefined {
  const [found, setFound] = useState<{ key: string; provider: RowProvider }>();
  const { sheet, row } = selected ?? {};
  const key = `${sheet}\u0000${row}`;
  useEffect(() => {
    if (sheet === undefined || row === undefined) return;
    let live = true;
    void (async () => {
      const { providerOfRow } = await import(/* webpackChunkName: "bijlage" */ '../../../workbook/jobs/row-provider');
      const provider = await host
        .runner((port) => providerOfRow(port, pack, sheet, row))
        .catch((): RowProvider => ({ kind: 'none', reason: 'De rij kon niet worden gelezen.' }));
      if (live) setFound({ key: `${sheet}\u0000${row}`, provider });
    })();
    return () => {
      live = false;
    };
  }, [host, pack, sheet, row]);
  return found?.key === key ? found.provider : undefined;
}

function today() {
  const d = new Date();
  return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() };
}

/** Makes the bijlagen (one per zorgkantoor of the provider); the Dutch line that says where they are. */
async function makeBijlage(host: Host, pack: PolicyPack, params: ParameterValues, agb: string): Promise<string> {
  const action = await import(/* webpackChunkName: "bijlage" */ '../../bijlage-action');
  const bijlagen = await host.runner(async (port) => action.providerBijlagen(port, pack, params, agb, today(), await port.sheetNames()));
  if (!bijlagen.length) return `Geen rijen voor AGB-code ${agb}: er is geen bijlage gemaakt.`;
  if (host.features.newWorkbook) {
    for (const b of bijlagen) await action.openBijlageWorkbook(b.doc, host.features);
    return bijlagen.length === 1
      ? 'De bijlage is geopend als nieuwe werkmap.'
      : `${bijlagen.length} bijlagen (één per zorgkantoor) zijn geopend als nieuwe werkmappen.`;
  }
  // one undo step where Excel groups undo (host.runExcel); a new sheet only, nothing deleted or overwritten
  await host.runExcel(async (context) => {
    for (const b of bijlagen) await action.writeBijlageSheet(context, action.bijlageGrid(b.doc, b.sheetName));
  });
  const names = bijlagen.map((b) => `"${b.sheetName}"`).join(' en ');
  return `Deze Excel kan geen nieuwe werkmap openen (ExcelApi 1.8); de bijlage staat op blad ${names} in deze werkmap.`;
}

export function BijlageAction({ host, pack, run, fields, stale, selected }: BijlageActionProps) {
  const styles = useStyles();
  const provider = useRowProvider(host, pack, selected);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string>();
  const reason =
    runMismatch({ pack, run, stale }) ??
    (!selected
      ? 'Kies eerst een rij in het blad: de bijlage is voor de zorgaanbieder van die rij.'
      : !provider
        ? 'Rij lezen…'
        : provider.kind === 'none'
          ? provider.reason
          : undefined);
  const fieldsChanged = !!fields && !sameValues(fields, run.parameters);
  const make = async () => {
    if (provider?.kind !== 'provider') return;
    setBusy(true);
    setDone(undefined);
    try {
      setDone(await makeBijlage(host, pack, run.parameters, provider.agb));
    } catch (e) {
      setDone(`De bijlage is niet gemaakt: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-label="Bijlage" data-testid="bijlage-actie">
      {provider?.kind === 'provider' && (
        <p data-testid="bijlage-aanbieder">
          Bijlage voor {provider.naam || 'zorgaanbieder zonder naam'} (AGB-code {provider.agb})
        </p>
      )}
      <Button appearance="secondary" disabled={!!reason || busy} onClick={() => void make()} aria-describedby="bijlage-waarom">
        Bijlage maken
      </Button>
      {reason && (
        <p id="bijlage-waarom" className={`${styles.muted} ${styles.small}`} data-testid="bijlage-waarom">
          {reason}
        </p>
      )}
      {!reason && fieldsChanged && (
        <p className={`${styles.muted} ${styles.small}`} data-testid="bijlage-parameters">
          De bijlage gebruikt de parameters van de laatste berekening, zoals de tarieven in het blad. Wat u daarna invulde, telt pas na Bereken.
        </p>
      )}
      {done && (
        <p role="status" data-testid="bijlage-klaar">
          {done}
        </p>
      )}
      <p className={`${styles.muted} ${styles.small}`}>
        Bijlagen voor alle zorgaanbieders tegelijk maakt u met de opdrachtregel: <code>tariefwijzer bijlagen WERKMAP --policy {pack.id} --out MAP</code>, met{' '}
        <code>--set naam=waarde</code> voor elke parameter die u hier invulde: één bestand per zorgaanbieder en een overzicht.
      </p>
    </section>
  );
}
