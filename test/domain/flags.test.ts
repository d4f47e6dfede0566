/** Every engine flag has a line in the README's signal table; a flag's name comes from the dictionary, the pack, or (only for a pack's own code) that code in words. */
import fs from 'node:fs';
import path from 'node:path';
import { flagName } from '../../src/domain/flags';
import { FLAG_CODES } from '../../src/domain/signal-codes';
import { SIGNALS } from '../../src/domain/signals';

const README = fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
const table = README.slice(README.indexOf('## Signalen'), README.indexOf('## Beleidspakketten'));

test.each(Object.keys(FLAG_CODES))('%s: in the README', (code) => {
  expect(table).toContain(`\`${code}\``);
});

test("a flag's name: the dictionary's, else the pack's, else the pack author's own code in words (never for our codes)", () => {
  expect(flagName({ code: 'LAGER_TARIEF_NIET_REEEL' })).toBe(SIGNALS.LAGER_TARIEF_NIET_REEEL.name);
  expect(flagName({ code: 'LAGER_TARIEF_NIET_REEEL' })).toContain('reëel');
  expect(flagName({ code: 'AGB_ONGELDIG' })).toMatch(/^AGB-code/);
  expect(flagName({ code: 'EIGEN_SIGNAAL', name: 'Eigen signaal van het pakket' })).toBe('Eigen signaal van het pakket');
  expect(flagName({ code: 'KWALITEITSPLAN_ONBEKEND' })).toBe('Kwaliteitsplan onbekend');
});
