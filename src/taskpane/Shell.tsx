/**
 * The pane's views as tabs: tariffs (the main job), assessing requests and the herschikking. The other views
 * load on first use (their own chunks, so the pane opens fast) and keep their state when hidden.
 */
import { lazy, Suspense, useState } from 'react';
import { Spinner, Tab, TabList } from '@fluentui/react-components';
import { App, type Environment } from './App';

const AssessView = lazy(() => import(/* webpackChunkName: "beoordelen" */ './views/AssessView').then((m) => ({ default: m.AssessView })));
const HerschikkingView = lazy(() => import(/* webpackChunkName: "herschikking" */ './views/HerschikkingView').then((m) => ({ default: m.HerschikkingView })));

const VIEWS = [
  { id: 'tarieven', label: 'Tarieven' },
  { id: 'beoordelen', label: 'Aanvragen' },
  { id: 'herschikking', label: 'Herschikking' },
] as const;

type ViewId = (typeof VIEWS)[number]['id'];

export function Shell({ environment }: { environment: Environment }) {
  const [view, setView] = useState<ViewId>('tarieven');
  const [opened, setOpened] = useState<Set<ViewId>>(new Set(['tarieven']));
  const runner = environment.kind === 'office' ? environment.host.runner : undefined;
  const open = (id: ViewId) => {
    setView(id);
    setOpened((old) => new Set(old).add(id));
  };
  const loading = <Spinner size="small" label="Laden…" />;
  return (
    <>
      <TabList selectedValue={view} onTabSelect={(_, data) => open(data.value as ViewId)} size="small" aria-label="Onderdelen" style={{ flexWrap: 'wrap' }}>
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
            <AssessView runner={runner} />
          </Suspense>
        </div>
      )}
      {opened.has('herschikking') && (
        <div hidden={view !== 'herschikking'}>
          <Suspense fallback={loading}>
            <HerschikkingView runner={runner} />
          </Suspense>
        </div>
      )}
    </>
  );
}
