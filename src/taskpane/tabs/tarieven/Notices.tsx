/** What the Tarieven tab says before any step outside Excel: that it runs outside Excel, or why Excel cannot be used. */
import { Link, MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { Environment } from '../../environment';

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
