/** Fingerprints are written into workbooks and compared on a later run: the values must not change between versions. */
import { Fingerprint, fingerprint } from '../../src/workbook/fingerprint';

const parts = [
  'zk-vv-2024',
  '1.0.0',
  'prestatiecode',
  'Z043',
  'maximumtarief',
  241.38,
  'x',
  null,
  'y',
  undefined,
  'z',
  '  ',
  'd',
  new Date(Date.UTC(2024, 0, 2)),
  'e',
  { error: '#N/A' },
  'b',
  true,
  'n',
  -0.5,
  'u',
  'café ✓ €',
];

test('the same values as the fingerprints recorded by earlier versions', () => {
  expect(fingerprint(parts)).toBe('552db2d286b96588');
  expect(fingerprint([])).toBe('811c9dc501234567');
  expect(fingerprint(parts.slice(0, 5))).toBe('36bbe7a8b44c6937');
});

test('adding parts one by one gives the same as the whole list', () => {
  const f = new Fingerprint();
  for (const p of parts) f.add(p);
  expect(f.value()).toBe(fingerprint(parts));
});
