/** Entry of the task pane: find out where we run (Excel, other Office host, plain browser), then render. */
import { createRoot } from 'react-dom/client';
import { FluentProvider, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import type { Environment } from './App';
import { Shell } from './Shell';
import { createOfficeHost } from './office-port';

/** Office.onReady fires outside Office too (host null); this only guards against a script that never settles. */
const OFFICE_READY_TIMEOUT_MS = 5000;

function detectEnvironment(): Promise<Environment> {
  if (typeof Office === 'undefined' || typeof Office.onReady !== 'function') return Promise.resolve({ kind: 'browser' });
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ kind: 'browser' }), OFFICE_READY_TIMEOUT_MS);
    void Office.onReady((info) => {
      clearTimeout(timer);
      if (!info.host) return resolve({ kind: 'browser' });
      if (info.host !== Office.HostType.Excel) return resolve({ kind: 'unavailable', reason: 'Excel niet beschikbaar: Tariefwijzer werkt alleen in Excel.' });
      const office = createOfficeHost();
      resolve(office.ok ? { kind: 'office', host: office.host } : { kind: 'unavailable', reason: office.reason });
    });
  });
}

const container = document.getElementById('root');
if (container) {
  const root = createRoot(container);
  void detectEnvironment().then((environment) => {
    const dark = environment.kind === 'office' && environment.host.dark;
    root.render(
      <FluentProvider theme={dark ? webDarkTheme : webLightTheme} style={{ minHeight: '100%' }}>
        <Shell environment={environment} />
      </FluentProvider>,
    );
  });
}
