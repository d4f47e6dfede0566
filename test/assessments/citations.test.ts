/**
 * Every rule and parameter of the herberekening/hardheidsclausule procedures cites its seed; the citaat
 * must stand verbatim (whitespace, quotes and dashes aside) in the cited lines. Same check as the packs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { listProcedures, procedureCitations } from '../../src/domain/assessments';
import { getPack } from '../../src/policies';

const SEEDS = path.join(__dirname, '../../../shared/seeds');

function normalizeQuoteText(s: string): string {
  return s
    .replace(/<[^>]+>/g, ' ')
    .replace(/[‘’´`]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[–—−]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}
function lineSpan(regels: string): [number, number] | undefined {
  const nums = [...regels.replace(/^[A-Z]-/, '').matchAll(/\d+/g)].map((m) => Number(m[0]));
  return nums.length ? [Math.min(...nums), Math.max(...nums)] : undefined;
}
const cache = new Map<string, string[]>();
function lines(document: string): string[] | undefined {
  if (!cache.has(document)) {
    const file = path.join(SEEDS, document);
    if (!fs.existsSync(file)) return undefined;
    cache.set(document, fs.readFileSync(file, 'utf8').split('\n'));
  }
  return cache.get(document);
}

describe.each(listProcedures().map((p) => [p.id, p] as const))('bronnen van procedure %s', (_id, proc) => {
  test.each(procedureCitations(proc))('%s', (_where, c) => {
    const text = lines(c.document);
    expect(text).toBeDefined();
    const span = lineSpan(c.regels);
    expect(span).toBeDefined();
    const [from, to] = span!;
    expect(to).toBeLessThanOrEqual(text!.length);
    expect(c.citaat).toBeTruthy();
    expect(normalizeQuoteText(text!.slice(from - 1, to).join(' '))).toContain(normalizeQuoteText(c.citaat!));
  });

  test('every document and criterion names an existing rule; every policy exists', () => {
    for (const route of [proc.herberekening, proc.hardheidsclausule]) {
      for (const item of [...(route?.documents ?? []), ...(route?.criteria ?? [])]) expect(Object.keys(proc.rules)).toContain(item.rule);
    }
    for (const id of proc.policies) expect(getPack(id)).toBeDefined();
  });
});

test('the rule ids used in the code exist in the procedures that have the route', () => {
  // the assessment is split into modules (one per route and per shared step): read them all
  const dir = path.join(__dirname, '../../src/domain/assessments');
  const src = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
    .join('\n');
  const used = new Set([...src.matchAll(/'((?:HB|HHC|BEIDE|NIEUW|KG)-[a-z0-9-]+)'/g)].map((m) => m[1]));
  const known = new Set(listProcedures().flatMap((p) => Object.keys(p.rules)));
  for (const id of used) expect(known).toContain(id);
});

test('docs/beoordelen.md lists every rule and parameter of every procedure', () => {
  const doc = fs.readFileSync(path.join(__dirname, '../../docs/beoordelen.md'), 'utf8');
  for (const p of listProcedures()) {
    for (const id of [...Object.keys(p.rules), ...Object.keys(p.parameters)]) expect([p.id, id, doc.includes(`\`${id}\``)]).toEqual([p.id, id, true]);
  }
});
