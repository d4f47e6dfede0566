/** What the Tarieven tab says before any step: where the pane runs, and the state of the last recorded run. */
import { Link, MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { PolicyPack } from '../../../domain/policy/types';
import type { Environment } from '../../environment';
import type { LastRunState } from './useLastRun';

export function EnvironmentNote({ environment }: { environment: Environment }) {
  if (environment.kind === 'browser')
    return (
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>Buiten Excel</MessageBarTitle>
          Tariefwijzer werkt in Excel op uw eigen werkmap. Probeer het hier met een gesimuleerde werkmap: <Link href="demo.html">open de demonstratie</Link>.
        </MessageBarBody>
      </MessageBar>
    );
  if (environment.kind === 'unavailable')
    return (
      <MessageBar intent="error" layout="multiline" role="alert">
        <MessageBarBody>
          <MessageBarTitle>Excel niet beschikbaar</MessageBarTitle>
          {environment.reason}
        </MessageBarBody>
      </MessageBar>
    );
  return null;
}

/** The recorded run: current (good news), inputs changed since, or not finished (both ask for Bereken). */
export function LastRunBar({ lastRun, packs }: { lastRun: NonNullable<LastRunState>; packs: PolicyPack[] }) {
  const { run, changed } = lastRun;
  return (
    <MessageBar intent={changed ? 'warning' : 'success'} layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>
          {!run.complete ? 'Laatste berekening is niet afgerond' : changed ? 'Invoer gewijzigd sinds de laatste berekening' : 'Laatste berekening is actueel'}
        </MessageBarTitle>
        {packs.find((p) => p.id === run.packId)?.title ?? run.packId}, blad {run.sheet}.
        {!run.complete ? ' De uitkomstkolommen kunnen deels oud of leeg zijn: kies Bereken.' : changed ? ' Kies Bereken om de uitkomsten bij te werken.' : ''}
      </MessageBarBody>
    </MessageBar>
  );
}
