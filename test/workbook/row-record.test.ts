/**
 * A rerun's first pass knows a row's record is its own without decoding it (holdsRecordOf): it may say so only where
 * decodeRecord gives a record with the row's key, and should say so for every record as Tariefwijzer writes it.
 */
import fc from 'fast-check';
import { decodeRecord, encodeRecord, holdsRecordOf, recordKey, withOtherNumbers, type RowRecord } from '../../src/workbook/jobs/row-record';

const text = fc.oneof(
  fc.constantFrom('', '73730001', '1', 'Z001', '2025', 'Zilveren Kruis', 'Zorg "Noord"', 'a\\b', 'é€', 'tab\there', '\u0000', '\ud800'),
  fc.string({ maxLength: 12 }),
);
const record: fc.Arbitrary<RowRecord> = fc.record({
  agb: text,
  code: text,
  year: text,
  zorgkantoor: text,
  provider: text,
  maximum: text,
  percentage: text,
  tariff: text,
  inputs: fc.dictionary(fc.constantFrom('zorgprofiel', 'omschrijving', 'nieuweAanbieder'), fc.constantFrom('1a2b3c4d', 'ffffffff', '')),
});

test('every record as Tariefwijzer writes it is known as its own row’s without decoding', () => {
  fc.assert(
    fc.property(record, (r) => {
      expect(holdsRecordOf(encodeRecord(r), r)).toBe(true);
    }),
    { numRuns: 2000, seed: 3 },
  );
});

test('it says a record is the row’s own only where decodeRecord says so', () => {
  // a record as written, then edited: into other valid JSON (white space, escapes, other types), or broken
  const edit = fc.constantFrom(
    (s: string) => s,
    (s: string) => s.replace(',', ', '),
    (s: string) => s.replace(/[A-Z]/, (c) => `\\u00${c.charCodeAt(0).toString(16)}`),
    (s: string) => s.replace('"tw1"', '"tw2"'),
    (s: string) => s.replace(/\}\]$/, '}, 1]'),
    (s: string) => s.replace(/\{.*\}/, '[]'),
    (s: string) => s.replace(/\{.*\}/, '{"a":1}'),
    (s: string) => s.replace(/\{.*\}/, 'null'),
    (s: string) => s.slice(0, -1),
    (s: string) => s.replace(/"[^"]*"(?=\])?$/, '3'),
    (s: string) => ` ${s}`,
  );
  let own = 0;
  fc.assert(
    fc.property(record, record, edit, fc.boolean(), (r, other, change, same) => {
      const key = same ? r : other;
      const cell = change(encodeRecord(r));
      const decoded = decodeRecord(cell);
      const known = holdsRecordOf(cell, key);
      if (known) own++;
      if (known) expect(decoded && recordKey(decoded)).toBe(recordKey(key));
      else expect(known).toBeUndefined();
    }),
    { numRuns: 3000, seed: 4 },
  );
  expect(own).toBeGreaterThan(200);
  // what is not a record string at all
  for (const cell of [null, 3, true, '', '["tw1"]']) expect(holdsRecordOf(cell, { agb: '', code: '', year: '', zorgkantoor: '' })).toBeUndefined();
});

test('a record that differs only in its numbers is read without decoding, as decodeRecord reads it', () => {
  // the previous record: this row's with other numbers (a changed richttarief), or another row's; maybe edited
  const numbers = fc.oneof(text, fc.constantFrom('', '0.973', '0.95', '234.86', '1e-7', '-0.5'));
  const edits = [
    (s: string) => s,
    (s: string) => s.replace(',', ', '),
    (s: string) => s.replace('","', '",\n"'),
    (s: string) => s.replace(/\}\]$/, '}, 1]'),
    (s: string) => s.slice(0, -1),
  ];
  let read = 0;
  fc.assert(
    fc.property(record, record, numbers, numbers, fc.boolean(), fc.nat(edits.length - 1), (now, other, percentage, tariff, same, e) => {
      const before = same ? { ...now, percentage, tariff } : other;
      const cell = edits[e](encodeRecord(before));
      const fast = withOtherNumbers(cell, now, encodeRecord(now));
      if (fast) {
        read++;
        expect(fast).toEqual(decodeRecord(cell));
      }
      // every record as written whose numbers need no escape is read so
      const plain = [percentage, tariff].every((x) => JSON.stringify(x) === `"${x}"`);
      if (same && e === 0 && plain) expect(fast).toBeDefined();
    }),
    { numRuns: 3000, seed: 6 },
  );
  expect(read).toBeGreaterThan(150);
  const now: RowRecord = { agb: '1', code: 'Z001', year: '', zorgkantoor: '', provider: '', maximum: '', percentage: '', tariff: '', inputs: {} };
  for (const cell of [null, 3, '', '["tw1"]']) expect(withOtherNumbers(cell, now, encodeRecord(now))).toBeUndefined();
});
