/**
 * The "Beoordeel aanvraag" view renders on its own (server-side render, no DOM): title, the procedures that
 * have rules, every parameter with its default, and a disabled button without a workbook.
 */
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { AssessView } from '../../src/taskpane/views/AssessView';
import { listProcedures } from '../../src/domain/assessments';

function render(props: Parameters<typeof AssessView>[0]): string {
  return renderToString(createElement(FluentProvider, { theme: webLightTheme }, createElement(AssessView, props)));
}

test('renders the procedures, the parameters with defaults and a disabled button without a workbook', () => {
  const html = render({ runner: undefined });
  expect(html).toContain('Beoordeel aanvraag');
  expect(html).toContain('Geen werkmap');
  for (const p of listProcedures()) expect(html).toContain(`value="${p.id}"`);
  expect(html).toContain('name="publicatiedatum_richttarief"');
  expect(html).toContain('value="5-9-2024"');
  expect(html).toContain('value="20"');
  expect(html).toMatch(/<button[^>]*disabled[^>]*>Beoordeel aanvraag<\/button>/);
});

test('with a workbook the button is enabled', () => {
  const html = render({ runner: async (work) => work(undefined as never) });
  expect(html).not.toContain('Geen werkmap');
  expect(html).not.toMatch(/<button[^>]*disabled[^>]*>Beoordeel aanvraag<\/button>/);
});
