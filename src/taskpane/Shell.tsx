/**
 * The pane's views as tabs: tariffs (the main job), assessing requests and the herschikking, under one title.
 * The other views load on first use (their own chunks, so the pane opens fast) and keep their state when hidden.
 */
import { lazy, Suspense, useRef, useState } from 'react';
import { makeStyles, Tab, TabList, tokens } from '@fluentui/react-components';
import { App, type Environment } from './App';
import { useFooterClearance } from './focus';

const AssessView = lazy(() => import(/* webpackChunkName: "beoordelen" */ './views/AssessView').then((m) => ({ default: m.AssessView })));
const HerschikkingView = lazy(() => import(/* webpackChunkName: "herschikking" */ './views/HerschikkingView').then((m) => ({ default: m.HerschikkingView })));

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

export function Shell({ environment }: { environment: Environment }) {
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
        <App environment={environment} />
      </div>
      {opened.has('beoordelen') && (
        <div hidden={view !== 'beoordelen'}>
          <Suspense fallback={loading}>
            <AssessView runner={runner} host={host} />
          </Suspense>
        </div>
      )}
      {opened.has('herschikking') && (
        <div hidden={view !== 'herschikking'}>
          <Suspense fallback={loading}>
            <HerschikkingView runner={runner} host={host} />
          </Suspense>
        </div>
      )}
    </div>
  );
}
