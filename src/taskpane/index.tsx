/** Entry of the task pane: find out where we run (Excel, other Office host, plain browser), then render. */
import { createRoot } from 'react-dom/client';
import { FluentProvider, teamsHighContrastTheme, webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';
import { App } from './App';
import type { Environment } from './environment';
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

/**
 * Light, dark (Office's theme) or high contrast (Windows contrast themes force colours; the media query
 * says so: https://developer.mozilla.org/docs/Web/CSS/@media/forced-colors).
 */
function chooseTheme(dark: boolean): Theme {
  if (typeof matchMedia === 'function' && matchMedia('(forced-colors: active)').matches) return teamsHighContrastTheme;
  return dark ? webDarkTheme : webLightTheme;
}

/** The whole page takes the theme, not only the rendered part: no white band below the content in a dark pane. */
function paintPage(theme: Theme, dark: boolean): void {
  const root = document.documentElement;
  root.style.colorScheme = dark ? 'dark' : 'light';
  root.style.backgroundColor = theme.colorNeutralBackground1;
  document.body.style.backgroundColor = theme.colorNeutralBackground1;
  document.body.style.color = theme.colorNeutralForeground1;
  document.body.style.margin = '0';
}

const container = document.getElementById('root');
// legacy-webview.js has already told the user that this Office (Internet Explorer / EdgeHTML) cannot run the pane
const legacy = (window as unknown as { tariefwijzerLegacyWebview?: boolean }).tariefwijzerLegacyWebview === true;
if (container && !legacy) {
  const root = createRoot(container);
  void detectEnvironment().then((environment) => {
    const dark = environment.kind === 'office' && environment.host.dark;
    const theme = chooseTheme(dark);
    paintPage(theme, dark);
    root.render(
      <FluentProvider theme={theme} style={{ minHeight: '100vh' }}>
        <App environment={environment} />
      </FluentProvider>,
    );
  });
}
