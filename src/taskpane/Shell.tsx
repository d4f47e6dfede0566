/** The pane's views as tabs: tariffs (the main job), assessing requests and the herschikking. Views keep their state when hidden. */
import { useState } from 'react';
import { Tab, TabList } from '@fluentui/react-components';
import { App, type Environment } from './App';
import { AssessView } from './views/AssessView';
import { HerschikkingView } from './views/HerschikkingView';

const VIEWS = [
  { id: 'tarieven', label: 'Tarieven' },
  { id: 'beoordelen', label: 'Beoordeel aanvraag' },
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
  return (
    <>
      <TabList selectedValue={view} onTabSelect={(_, data) => open(data.value as ViewId)} size="small" aria-label="Onderdelen">
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
          <AssessView runner={runner} />
        </div>
      )}
      {opened.has('herschikking') && (
        <div hidden={view !== 'herschikking'}>
          <HerschikkingView runner={runner} />
        </div>
      )}
    </>
  );
}
