/** The state of the last recorded run, shown once the workbench has read it (its own chunk: not the first screen). */
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { PolicyPack } from '../../../domain/policy/types';
import type { LastRunState } from './useLastRun';

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
