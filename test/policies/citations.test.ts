/**
 * Every rule cites its seed document and lines; where a pack quotes the text (`citaat`), the quote must
 * stand in those lines. Runs against ../shared/seeds (present beside the repo in development and CI).
 */
import fs from 'node:fs';
import path from 'node:path';
import { POLICIES_DIR, loadPackFile } from './case-runner';
import type { Citation } from '../../src/domain/types';

const SEEDS = path.join(__dirname, '../../../shared/seeds');
const packIds = fs
  .readdirSync(POLICIES_DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''));

/** Whitespace, quote styles, dashes and HTML tags do not count when comparing a quote to the seed. */
export function normalizeQuoteText(s: string): string {
  return s
    .replace(/<[^>]+>/g, ' ')
    .replace(/[‘’´`]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[–—−]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/** "L1031-1032", "L1050", "A-L28+L30", "L2283, L2287-2291" → the first and last line mentioned. */
export function lineSpan(regels: string): [number, number] | undefined {
  const nums = [...regels.replace(/^[A-Z]-/, '').matchAll(/\d+/g)].map((m) => Number(m[0]));
  if (!nums.length) return undefined;
  return [Math.min(...nums), Math.max(...nums)];
}

const seedLines = new Map<string, string[]>();
function lines(document: string): string[] | undefined {
  if (!seedLines.has(document)) {
    const file = path.join(SEEDS, document);
    if (!fs.existsSync(file)) return undefined;
    seedLines.set(document, fs.readFileSync(file, 'utf8').split('\n'));
  }
  return seedLines.get(document);
}

function citationsOf(id: string): Array<[string, Citation]> {
  const pack = loadPackFile(id);
  const out: Array<[string, Citation]> = pack.rules.map((r) => [`regel ${r.id}`, r.source]);
  for (const [name, p] of Object.entries(pack.parameters)) if (p.source) out.push([`parameter ${name}`, p.source]);
  if (pack.range) out.push(['bereik', pack.range.source]);
  return out;
}

test('the seed documents are beside the repository', () => {
  expect(fs.existsSync(SEEDS)).toBe(true);
});

describe.each(packIds)('bronnen van %s', (id) => {
  test.each(citationsOf(id))('%s', (_where, c) => {
    const text = lines(c.document);
    expect(text).toBeDefined();
    const span = lineSpan(c.regels);
    expect(span).toBeDefined();
    const [from, to] = span!;
    expect(from).toBeGreaterThanOrEqual(1);
    expect(to).toBeLessThanOrEqual(text!.length);
    if (c.citaat) {
      const inRange = normalizeQuoteText(text!.slice(from - 1, to).join(' '));
      expect(inRange).toContain(normalizeQuoteText(c.citaat));
    }
  });
});

test('normalizeQuoteText and lineSpan read the forms packs use', () => {
  expect(lineSpan('L1031-1032')).toEqual([1031, 1032]);
  expect(lineSpan('A-L28+L30')).toEqual([28, 30]);
  expect(lineSpan('L2283, L2287-2291')).toEqual([2283, 2291]);
  expect(lineSpan('geen')).toBeUndefined();
  expect(normalizeQuoteText('<p>de ‘vreemde’\n  sector</p>')).toBe("de 'vreemde' sector");
});
