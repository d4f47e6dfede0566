/** Every herschikking rule and parameter cites its seed; a citaat must stand verbatim in the cited lines. */
import fs from 'node:fs';
import path from 'node:path';
import { HERSCHIK_PARAMETERS, HERSCHIK_RULES } from '../../src/domain/production';
import type { Citation } from '../../src/domain/types';

const SEEDS = path.join(__dirname, '../../../shared/seeds');

/** As in test/policies/citations.test.ts: whitespace, quote styles, dashes and tags do not count. */
function normalize(s: string): string {
  return s
    .replace(/<[^>]+>/g, ' ')
    .replace(/[‘’´`]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[–—−]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

function span(regels: string): [number, number] {
  const nums = [...regels.replace(/^[A-Z]-/, '').matchAll(/\d+/g)].map((m) => Number(m[0]));
  return [Math.min(...nums), Math.max(...nums)];
}

const citations: Array<[string, Citation]> = [
  ...Object.values(HERSCHIK_RULES).map((r) => [`regel ${r.id}`, r.source] as [string, Citation]),
  ...Object.entries(HERSCHIK_PARAMETERS)
    .filter(([, p]) => p.source)
    .map(([n, p]) => [`parameter ${n}`, p.source!] as [string, Citation]),
];

test.each(citations)('%s', (_where, c) => {
  const file = path.join(SEEDS, c.document);
  expect(fs.existsSync(file)).toBe(true);
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const [from, to] = span(c.regels);
  expect(from).toBeGreaterThanOrEqual(1);
  expect(to).toBeLessThanOrEqual(lines.length);
  expect(c.citaat).toBeTruthy();
  expect(normalize(lines.slice(from - 1, to).join(' '))).toContain(normalize(c.citaat!));
});

test('every rule of the issue is there', () => {
  const ids = Object.values(HERSCHIK_RULES).map((r) => r.id);
  for (const id of [
    'marge-1-procent',
    'tussentijdse-herschikking',
    'terughoudend-voor-1-juni',
    'toezeggingen-eerst',
    'crisis-onder-70',
    'extrapolatie-laatste-maand',
    'trend',
    'procentuele-korting',
    'nieuwe-aanbieder-maatwerk',
  ]) {
    expect(ids).toContain(id);
  }
});
