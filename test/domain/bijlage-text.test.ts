/** The closing text of a bijlage quotes its sources: each quote is in the cited document, at the cited lines. */
import fs from 'node:fs';
import path from 'node:path';
import { closingLine, closingSentences } from '../../src/domain/bijlage-text';
import { getPack, listPacks } from '../../src/policies';

const SEEDS = path.join(__dirname, '../../../shared/seeds');
const flat = (s: string) => s.replace(/\s+/g, ' ');

const packs = listPacks().map((p) => getPack(p.id)!);
const sentences = [...new Map(packs.flatMap((p) => closingSentences(p)).map((s) => [s.text, s])).values()];

test.each(sentences.map((s) => [s.source.paragraaf, s]))('%s: the quote is at the cited lines', (_, s) => {
  const lines = fs.readFileSync(path.join(SEEDS, s.source.document), 'utf8').split('\n');
  const [from, to] = s.source.regels.replace(/L/g, '').split('-').map(Number);
  expect(flat(lines.slice(from - 1, to).join(' '))).toContain(flat(s.source.citaat));
});

test('a pack citing the Zilveren Kruis GGZ policy gets its own closing text; the others the national one', () => {
  const own = packs.filter((p) => p.sources.some((s) => s.document === '004_984eca5123cbd441.txt'));
  expect(own.length).toBeGreaterThan(0);
  for (const p of packs) {
    const text = closingSentences(p)
      .map((s) => closingLine(s, p))
      .join(' ');
    expect(text.includes('VECOZO')).toBe(own.includes(p));
    // title and paragraph, never the file name or lines
    expect(text).not.toMatch(/\.txt|L\d{2,}/);
  }
});
