/** The task-pane view's pure parts: the inline SVG chart and the "Vergelijk" assignments. */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { parseAssignments } from '../../src/taskpane/tabs/herschikking/assignments';
import { UitnuttingChart } from '../../src/taskpane/tabs/herschikking/UitnuttingChart';
import { run } from './helpers';

test('the chart draws one line per sector over the months, and the 100% and margin lines', () => {
  const result = run({
    params: { peildatum: '2025-06-30', 'contracteerruimte.GGZ': '20000' },
    lines: [{ agb: '11110001', maximumtarief: 100, volumes: [10, 10, 10, 10, 10, 20] }],
  });
  const svg = renderToStaticMarkup(createElement(UitnuttingChart, { sectors: result.sectors, lastMonth: result.lastMonth, marge: 1 }));
  expect(svg).toMatch(/^<svg/);
  expect(svg).toContain('role="img"');
  expect((svg.match(/<polyline/g) ?? []).length).toBe(1);
  const points = /points="([^"]+)"/.exec(svg)![1].split(' ');
  expect(points).toHaveLength(6);
  // realised 5 × € 1.000 + € 2.000 = € 7.000, plus june € 2.000 × 6 = € 19.000 of € 20.000 → 95%
  expect(svg).toContain('GGZ 95%');
  expect(svg).toContain('>mrt<');
});

test('parseAssignments reads naam=waarde separated by ; or newlines', () => {
  expect(parseAssignments('richttarief=96; peildatum=2025-06-30')).toEqual({ values: { richttarief: '96', peildatum: '2025-06-30' } });
  expect(parseAssignments('richttarief').error).toContain('geen naam=waarde');
});
