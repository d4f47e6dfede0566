/**
 * The pane: its title and the tabs, tariffs (the main job), assessing requests and the herschikking; each tab is a
 * folder of its own under tabs/. The other tabs load on first use (their own chunks, so the pane opens fast) and
 * keep their state when hidden.
 */
import { lazy, Suspense, useRef, useState } from 'react';
import { makeStyles, Tab, TabList, tokens } from '@fluentui/react-components';
import type { Environment } from './environment';
import { TarievenTab } from './tabs/tarieven/TarievenTab';
import { useFooterClearance } from './focus';

const AanvragenTab = lazy(() => import(/* webpackChunkName: "beoordelen" */ './tabs/aanvragen/AanvragenTab'));
const HerschikkingTab = lazy(() => import(/* webpackChunkName: "herschikking" */ './tabs/herschikking/HerschikkingTab'));

const VIEWS = [
  { id: 'tarieven', label: 'Tarieven' },
  { id: 'beoordelen', label: 'Aanvragen' },
  { id: 'herschikking', label: 'Herschikking' },
] as const;

type ViewId = (typeof VIEWS)[number]['id'];

const useShellStyles = makeStyles({
  header: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM} 0` },
  title: { margin: 0, fontSize: tokens.fontSizeBase600, lineHeight: tokens.lineHeightBase600, fontWeight: tokens.fontWeightSemibold },
  tagline: { margin: 0, color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  tabs: { padding: `0 ${tokens.spacingHorizontalXS}`, flexWrap: 'wrap' },
  loading: { margin: 0, padding: tokens.spacingHorizontalM, color: tokens.colorNeutralForeground3 },
});

export function App({ environment }: { environment: Environment }) {
  const styles = useShellStyles();
  const pane = useRef<HTMLDivElement>(null);
  useFooterClearance(pane);
  const [view, setView] = useState<ViewId>('tarieven');
  const [opened, setOpened] = useState<Set<ViewId>>(new Set(['tarieven']));
  const host = environment.kind === 'office' ? environment.host : undefined;
  const runner = host?.runner;
  const open = (id: ViewId) => {
    setView(id);
    setOpened((old) => new Set(old).add(id));
  };
  const loading = (
    <p className={styles.loading} role="status">
      Laden…
    </p>
  );
  return (
    <div ref={pane}>
      <header className={styles.header}>
        <h1 className={styles.title}>Tariefwijzer</h1>
        <p className={styles.tagline}>Wlz-tarieven volgens het inkoopbeleid, met bron.</p>
      </header>
      <TabList className={styles.tabs} size="small" selectedValue={view} onTabSelect={(_, data) => open(data.value as ViewId)} aria-label="Onderdelen">
        {VIEWS.map((v) => (
          <Tab key={v.id} value={v.id}>
            {v.label}
          </Tab>
        ))}
      </TabList>
      <div hidden={view !== 'tarieven'}>
        <TarievenTab environment={environment} />
      </div>
      {opened.has('beoordelen') && (
        <div hidden={view !== 'beoordelen'}>
          <Suspense fallback={loading}>
            <AanvragenTab runner={runner} host={host} />
          </Suspense>
        </div>
      )}
      {opened.has('herschikking') && (
        <div hidden={view !== 'herschikking'}>
          <Suspense fallback={loading}>
            <HerschikkingTab runner={runner} host={host} />
          </Suspense>
        </div>
      )}
    </div>
  );
}
