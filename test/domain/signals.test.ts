/**
 * The signal dictionary covers every code the engine, the herschikking and the assessments can emit. The codes
 * come from their own lists (the severity maps and the assessments' typed list) and, so that a code written
 * into a source without being listed is caught too, from the sources themselves.
 */
import fs from 'node:fs';
import path from 'node:path';
import { FLAG_CODES, PRODUCTION_FLAGS } from '../../src/domain/signal-codes';
import { ASSESSMENT_CODES, SIGNALS } from '../../src/domain/signals';
import { internalRefs } from '../helpers/user-text';

const SRC = path.join(__dirname, '../../src');
/** The modules that emit codes: the engine's steps, every module of the herschikking and the assessments, and the jobs. */
const EMITTERS = [
  'domain/engine.ts',
  'domain/row-context.ts',
  'domain/percentage.ts',
  'domain/price.ts',
  ...['domain/production', 'domain/assessments', 'workbook/jobs'].flatMap((dir) =>
    fs
      .readdirSync(path.join(SRC, dir))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => `${dir}/${f}`),
  ),
];

/** Every code a source passes to a flag or finding: flag('X'…), pflag('X'…), add(…'X'…), bad('X'…), code: 'X', and the engine's problem→code table. */
function codesIn(file: string): string[] {
  const text = fs.readFileSync(path.join(SRC, file), 'utf8');
  const patterns = [
    /\b(?:flag|pflag|bad)\(\s*'([A-Z][A-Z0-9_]+)'/g,
    /\badd\(\s*(?:'[a-z]+'|\w+)?,?\s*'([A-Z][A-Z0-9_]+)'/g,
    /\bcode:\s*'([A-Z][A-Z0-9_]+)'/g,
    /'[a-z-]+':\s*'([A-Z][A-Z0-9_]+)'/g,
    /\?\s*'([A-Z][A-Z0-9_]+)'\s*:\s*'([A-Z][A-Z0-9_]+)'/g,
  ];
  const out = new Set<string>();
  for (const re of patterns) for (const m of text.matchAll(re)) for (const c of m.slice(1)) if (c) out.add(c);
  return [...out];
}

const listed = [...Object.keys(FLAG_CODES), ...Object.keys(PRODUCTION_FLAGS), ...ASSESSMENT_CODES];

test('the dictionary has exactly the listed codes: engine, herschikking and assessments', () => {
  expect(Object.keys(SIGNALS).sort()).toEqual([...new Set(listed)].sort());
});

test('every code written in an emitting source is in the dictionary', () => {
  const found = EMITTERS.flatMap((f) => codesIn(f).map((c) => [f, c] as const));
  // the scan finds the codes (not an empty pass): at least the assessments' and the herschikking's
  expect(new Set(found.map(([, c]) => c)).size).toBeGreaterThan(ASSESSMENT_CODES.length);
  expect(found.filter(([, c]) => !(c in SIGNALS))).toEqual([]);
});

test.each(Object.keys(SIGNALS))('%s: a written Dutch name and meaning', (code) => {
  const { name, meaning } = SIGNALS[code as keyof typeof SIGNALS];
  expect(name).toMatch(/^[A-Z"]/);
  expect(name).not.toMatch(/_/);
  expect(name.length).toBeLessThan(40);
  expect(meaning).toMatch(/^[A-Z"].*\.$/);
  expect(meaning).not.toContain('\n');
  expect(internalRefs(`${name}. ${meaning}`)).toEqual([]);
});

test('names are written, not made from the code: accents and abbreviations as in Dutch', () => {
  const names = Object.values(SIGNALS).map((s) => s.name);
  expect(names.filter((n) => /reeel|clienten|\bAgb\b/.test(n))).toEqual([]);
  expect(SIGNALS.LAGER_TARIEF_NIET_REEEL.name).toBe('Lager tarief niet reëel');
});
