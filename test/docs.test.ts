/** docs/beleidspakket.md covers every condition and effect of the schema, and its YAML examples are valid YAML. */
import fs from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import schema from '../src/domain/policy/schema.json';

const DOC = fs.readFileSync(path.join(__dirname, '../docs/beleidspakket.md'), 'utf8');

test('every condition and effect key of the schema is documented with an example', () => {
  const defs = schema.definitions as Record<string, { oneOf?: Array<{ properties?: Record<string, unknown> }> }>;
  const keys = (name: string) => [...new Set(defs[name].oneOf!.flatMap((alt) => Object.keys(alt.properties ?? {})))];
  const conditionKeys = keys('condition');
  const effectKeys = keys('effect');
  expect(conditionKeys).toEqual(expect.arrayContaining(['all', 'any', 'not', 'param', 'field', 'in', 'is', 'present', 'lt', 'lte', 'gt', 'gte']));
  expect(effectKeys).toEqual(expect.arrayContaining(['set', 'final', 'add', 'min', 'max', 'maxResult', 'group', 'cap', 'floor', 'flag', 'exclude']));
  for (const key of [...conditionKeys, ...effectKeys]) {
    // documented in a table or heading (`key`) and used in an example (key: ...)
    expect({ key, documented: DOC.includes(`\`${key}\``) }).toEqual({ key, documented: true });
    expect({ key, example: new RegExp(`[{ ,]${key}:[ \n]`).test(DOC) }).toEqual({ key, example: true });
  }
});

test('every YAML example in the documentation parses', () => {
  const blocks = [...DOC.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);
  expect(blocks.length).toBeGreaterThan(10);
  for (const block of blocks) {
    const text = block.replace(/\{ \.\.\. \}|\[ \.\.\. \]/g, '{}');
    const errors = parseDocument(text).errors.map((e) => e.message);
    expect({ block, errors }).toEqual({ block, errors: [] });
  }
});
