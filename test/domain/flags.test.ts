/** Every engine flag has a Dutch name and meaning (FLAG_INFO) and a line in the README's signal table. */
import fs from 'node:fs';
import path from 'node:path';
import { FLAG_CODES, FLAG_INFO } from '../../src/domain/flags';

const README = fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
const table = README.slice(README.indexOf('## Signalen'), README.indexOf('## Beleidspakketten'));

test.each(Object.keys(FLAG_CODES))('%s: Dutch name and meaning, and in the README', (code) => {
  const info = FLAG_INFO[code as keyof typeof FLAG_CODES];
  expect(info.name.length).toBeGreaterThan(3);
  expect(info.name).not.toMatch(/_/);
  expect(info.meaning).toMatch(/^[A-Z"].*\.$/);
  expect(info.meaning).not.toContain('\n');
  expect(table).toContain(`\`${code}\``);
});

test('FLAG_INFO has no entries for codes that do not exist', () => {
  expect(Object.keys(FLAG_INFO).sort()).toEqual(Object.keys(FLAG_CODES).sort());
});
