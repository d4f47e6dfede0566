/** The text `tariefwijzer vergelijk` prints: counts in Dutch notation, and where the rows it leaves out can be read. */
import { comparisonText } from '../../src/cli/commands/vergelijk';
import { ChangeLog, MAX_LISTED_CHANGES } from '../../src/workbook/jobs/change-sheet';
import { formatCount } from '../../src/domain/count';

function logOf(changes: number): ChangeLog {
  const log = new ChangeLog(false);
  for (let i = 0; i < changes; i++)
    log.add({
      agb: '12345678',
      provider: 'Zorg BV',
      code: `Z${String(i).padStart(6, '0')}`,
      year: '2025',
      old: { percentage: '97.3', tarief: '238.88' },
      new: { percentage: '96', tarief: '235.69' },
      causes: [{ kind: 'parameter', text: 'richttarief gewijzigd: 97,3 → 96' }],
    });
  return log;
}

test('a few changes: every one named, no "more" line', () => {
  const text = comparisonText({ log: logOf(3), comparedWith: 'oud.xlsx' });
  expect(text).toContain('Vergeleken met oud.xlsx: 3 gewijzigde rijen.');
  expect(text).toContain('  12345678 Zorg BV: 3');
  expect(text.match(/€ 238,88 → € 235,69/g)).toHaveLength(3);
  expect(text).not.toMatch(/ meer/);
});

test('thousands of changes: counts in Dutch notation, the rest counted and where to read them', () => {
  const total = 1234;
  const text = comparisonText({ log: logOf(total), comparedWith: 'oud.xlsx' });
  expect(text).toContain('Vergeleken met oud.xlsx: 1.234 gewijzigde rijen.');
  expect(text).toContain('  12345678 Zorg BV: 1.234');
  const named = text.split('\n').filter((l) => l.includes('→')).length;
  expect(text).toContain(`… en ${formatCount(total - named)} meer (alle rijen met --json of --out)`);
  expect(comparisonText({ log: logOf(total), comparedWith: 'oud.xlsx' }, 'uit.xlsx')).toMatch(/… en [\d.]+ meer\nGeschreven: uit\.xlsx$/);
});

test('more changes than are listed: --json and --out give the first ones, and the text says so', () => {
  const total = MAX_LISTED_CHANGES + 7;
  const log = logOf(total);
  expect(log.listedCount).toBe(MAX_LISTED_CHANGES);
  expect(comparisonText({ log, comparedWith: 'oud.xlsx' })).toContain(`(de eerste ${formatCount(MAX_LISTED_CHANGES)} met --json of --out)`);
});
