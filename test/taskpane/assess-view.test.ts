/**
 * The Aanvragen tab renders on its own (server-side render, no DOM): title, the procedures that
 * have rules, every parameter with its default, and a disabled button without a workbook.
 */
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { AanvragenTab } from '../../src/taskpane/tabs/aanvragen/AanvragenTab';
import { listProcedures } from '../../src/domain/assessments';

function render(props: Parameters<typeof AanvragenTab>[0]): string {
  return renderToString(createElement(FluentProvider, { theme: webLightTheme }, createElement(AanvragenTab, props)));
}

test('renders the procedures, the parameters with defaults and a disabled button without a workbook', () => {
  const html = render({ runner: undefined });
  expect(html).toContain('Aanvragen beoordelen');
  expect(html).toContain('Geen werkmap');
  for (const p of listProcedures()) expect(html).toContain(`value="${p.id}"`);
  // the parameters are valid with their defaults, so their section is folded, saying how many there are
  const first = listProcedures()[0];
  expect(html).toMatch(new RegExp(`aria-expanded="false"[^>]*>.*2\\. Parameters.*${Object.keys(first.parameters).length} parameters`));
  expect(html).not.toContain('name="publicatiedatum_richttarief"');
  expect(html).toMatch(/<button[^>]*disabled[^>]*>Beoordeel aanvragen<\/button>/);
});

test('with a workbook the button is enabled', () => {
  const html = render({ runner: async (work) => work(undefined as never) });
  expect(html).not.toContain('Geen werkmap');
  expect(html).toContain('>Beoordeel aanvragen</button>');
  expect(html).not.toMatch(/<button[^>]*disabled[^>]*>Beoordeel aanvragen<\/button>/);
});
