/** Counts a user reads have a thousands separator (nl-NL), from one helper. */
import { formatCount } from '../../src/domain/count';
import { count } from '../../src/taskpane/styles';

test('formatCount groups thousands with a dot, as nl-NL does', () => {
  for (const n of [0, 7, 999, 1000, 20000, 100002, 1234567, -4500]) expect(formatCount(n)).toBe(new Intl.NumberFormat('nl-NL').format(n));
  expect(count(20000, 'rij', 'rijen')).toBe('20.000 rijen');
  expect(count(1, 'rij', 'rijen')).toBe('1 rij');
});
