/**
 * vergelijk's compact store of OUD's rows (compare-old.ts): duplicate keys are taken in sheet order, the rows never
 * taken come back by key in the order keys first occur (as a map of lists would give them), and the cells come back
 * as they were read.
 */
import { OldRows, type OldRow } from '../../src/workbook/jobs/compare-old';

const row = (agb: string, code: string, pct: OldRow['pct'] = 0.955, tar: OldRow['tar'] = 100): OldRow => ({
  agb,
  code,
  year: '2024',
  provider: `Aanbieder ${agb}`,
  pct,
  tar,
  hand: false,
});
const key = (agb: string, code: string, year: string) => `${agb}|${code}|${year}`;

test('duplicate keys are taken in sheet order; the rest come back by first occurrence of their key', () => {
  const rows = new OldRows();
  const sheet = [row('1', 'A'), row('2', 'B'), row('1', 'A'), row('3', 'C'), row('2', 'B'), row('1', 'A')];
  sheet.forEach((r) => rows.add(r));
  rows.index(key);
  // rows whose key an earlier row had: the second and third '1|A', the second '2|B'
  expect(rows.doubled).toBe(3);
  expect(rows.take(key('1', 'A', '2024'))).toBe(0);
  expect(rows.take(key('1', 'A', '2024'))).toBe(2);
  expect(rows.take(key('3', 'C', '2024'))).toBe(3);
  expect(rows.take(key('3', 'C', '2024'))).toBeUndefined();
  expect(rows.take(key('9', 'Z', '2024'))).toBeUndefined();
  // what a Map of lists with shift() leaves: 1|A → [5], 2|B → [1, 4], in the order the keys first occurred
  const lists = new Map<string, number[]>();
  sheet.forEach((r, i) => lists.set(key(r.agb, r.code, r.year), [...(lists.get(key(r.agb, r.code, r.year)) ?? []), i]));
  for (const taken of [0, 2, 3]) for (const list of lists.values()) if (list[0] === taken) list.shift();
  expect([...rows.left()]).toEqual([...lists.values()].flat());
});

test('cells come back as read: numbers, empty cells and text', () => {
  const rows = new OldRows();
  const cells: Array<[OldRow['pct'], OldRow['tar']]> = [
    [0.973, 297.9],
    [null, null],
    ['handmatig', 0],
    [1, 'n.v.t.'],
  ];
  cells.forEach(([p, t], i) => rows.add({ ...row(String(i), 'X', p, t), hand: i === 2 }));
  cells.forEach(([p, t], i) => {
    expect(rows.pct(i)).toBe(p);
    expect(rows.tar(i)).toBe(t);
    expect(rows.handEdited(i)).toBe(i === 2);
  });
  expect(rows.numbersOf(0)).toEqual({ percentage: '97.3', tarief: '297.9' });
  expect(rows.numbersOf(1)).toEqual({ percentage: null, tarief: null });
});

test('thousands of rows (the store grows): every row comes back as added, and every key is found', () => {
  const rows = new OldRows();
  const n = 5_000;
  for (let i = 0; i < n; i++) rows.add({ ...row(String(i % 1_700), `Z${i % 7}`, i / 1000, i % 11 ? i : 'n.v.t.'), hand: i % 13 === 0 });
  expect(rows.size).toBe(n);
  expect(rows.years()).toEqual(new Set(['2024']));
  for (let i = 0; i < n; i += 499) {
    expect([rows.agb(i), rows.code(i), rows.provider(i)]).toEqual([String(i % 1_700), `Z${i % 7}`, `Aanbieder ${i % 1_700}`]);
    expect([rows.pct(i), rows.tar(i), rows.handEdited(i)]).toEqual([i / 1000, i % 11 ? i : 'n.v.t.', i % 13 === 0]);
  }
  rows.index(key);
  // the first row of each key in sheet order, then none
  for (let i = 0; i < n; i++) expect(rows.take(key(rows.agb(i), rows.code(i), rows.year(i)))).toBe(i);
  expect([...rows.left()]).toEqual([]);
});
