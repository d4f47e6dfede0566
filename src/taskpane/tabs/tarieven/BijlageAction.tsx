/**
 * The result's "Bijlage maken" action: the bijlage of the selected row's provider, as a new workbook where Excel
 * has Excel.createWorkbook (ExcelApi 1.8), else as a new sheet "Bijlage AGB" in this workbook (one undo step where
 * Excel groups undo; nothing is deleted). The job code and the package writer load on the first click.
 */
import { useEffect, useState } from 'react';
import { Button } from '@fluentui/react-components';
import type { ParameterValues, PolicyPack } from '../../../domain/policy/types';
import type { RowProvider } from '../../../workbook/jobs/row-provider';
import type { Host } from '../../office-port';
import { useStyles } from '../../styles';

export interface BijlageActionProps {
  host: Host;
  pack: PolicyPack;
  params: ParameterValues;
  selected: { sheet: string; row: number } | undefined;
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

export function BijlageAction({ host, pack, params, selected }: BijlageActionProps) {
  const styles = useStyles();
  const provider = useRowProvider(host, pack, selected);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string>();
  const reason = !selected
    ? 'Kies eerst een rij in het blad: de bijlage is voor de zorgaanbieder van die rij.'
    : !provider
      ? 'Rij lezen…'
      : provider.kind === 'none'
        ? provider.reason
        : undefined;
  const make = async () => {
    if (provider?.kind !== 'provider') return;
    setBusy(true);
    setDone(undefined);
    try {
      setDone(await makeBijlage(host, pack, params, provider.agb));
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
