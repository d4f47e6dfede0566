/** RepeatedLines (src/workbook/lines.ts) against the plain answer: rows grouped by their whole line. */
import { RepeatedLines } from '../../src/workbook/lines';

/** A deterministic stream of numbers (a linear congruential generator), so a failure can be replayed. */
function numbers(seed: number): () => number {
  let x = seed;
  return () => (x = (Math.imul(x, 1_103_515_245) + 12_345) >>> 0);
}

test.each([
  [1, 200, 50],
  [2, 5_000, 800],
  [3, 20_000, 20_000],
])('seed %i: %i rows over about %i lines give exactly the rows of each repeated line', (seed, rows, kinds) => {
  const next = numbers(seed);
  const firstRow = 3;
  const lines = new RepeatedLines(firstRow, rows);
  const expected = new Map<string, number[]>();
  for (let i = 0; i < rows; i++) {
    if (next() % 13 === 0) continue; // rows without a line (empty rows) are skipped
    const n = next() % kinds;
    const key = `${10_000_000 + (n % 97)}\u0000Z${n}\u00002025`;
    lines.add(firstRow + i, key);
    expected.set(key, [...(expected.get(key) ?? []), firstRow + i]);
  }
  const want = new Map<number, number[]>();
  for (const group of expected.values()) if (group.length > 1) for (const r of group) want.set(r, group);
  const got = lines.repeated();
  expect(got.size).toBe(want.size);
  for (const [r, group] of want) expect(got.get(r)).toEqual(group);
});
