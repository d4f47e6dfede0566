/**
 * Property (issue 17): for any row whose prestatiecode is not a known or plausible code, no tariff is written and
 * a `fout` is, whatever the other columns say and under every shipped pack.
 *
 * "Known or plausible" is decided here by an oracle of its own, from the catalog file and the packs: a code (after
 * removing whitespace and invisible format characters, upper-cased) that is listed, or that is one to three capital
 * letters of a listed code's prefix followed by two to four digits (or digits with dots). The generators make
 * values that are mostly near that shape (a wrong letter, a Greek letter, a digit too many, two codes in one cell)
 * and everything else a cell can hold; a case the oracle calls plausible is discarded.
 */
import fc from 'fast-check';
import catalog from '../../src/domain/catalog/prestaties.json';
import { evaluateRow } from '../../src/domain/engine';
import type { CellValue } from '../../src/domain/parse';
import { resolveParameters } from '../../src/domain/policy/load';
import { listPacks } from '../../src/policies';
import { annotateWorkbook } from '../../src/workbook/jobs/annotate';
import { subjects, type SpecValue } from '../reliability/workbooks';

const packs = listPacks().map((pack) => ({ pack, params: resolveParameters(pack, { richttarief: '97,3' }).values }));

const SHAPE = /^([A-Z]{1,3})(\d{2,4}|\.?\d{1,2}(?:\.\d{1,2})+)$/;
const listed = new Set<string>([
  ...catalog.entries.map((e) => e.code),
  ...packs.flatMap(({ pack }) => (pack.prestaties ?? []).map((e) => e.code.toUpperCase())),
]);
const prefixes = new Set([...listed].map((c) => SHAPE.exec(c)?.[1]).filter(Boolean));

function knownOrPlausible(v: CellValue): boolean {
  if (typeof v !== 'string' && typeof v !== 'number') return false;
  if (typeof v === 'number') return false; // no Wlz code is a number; a number is never listed
  const code = v.replace(/[\s\p{Cf}]/gu, '').toUpperCase();
  if (listed.has(code)) return true;
  const m = SHAPE.exec(code);
  return !!m && prefixes.has(m[1]);
}

const ERRORS = ['#REF!', '#NAME?', '#NUM!', '#CALC!', '#N/A', '#DIV/0!', '#VALUE!', '#NULL!', '#SPILL!', '#GETTING_DATA', '#BLOCKED!', '#FIELD!'];

const nearCode: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('Q', 'B', 'Z', 'ZZ', 'ZZP', 'H', 'Ζ', 'З', 'Н', 'X', 'IX', 'q', '', 'AB', 'VPT', '€'),
    fc.stringMatching(/^[0-9]{0,7}$/),
    fc.constantFrom('', 'Z043', '-', '/', ' ', '.', 'A', '\u200b', '%', '*'),
  )
  .map(([a, b, c]) => a + b + c);

const codeCell: fc.Arbitrary<CellValue> = fc.oneof(
  nearCode,
  fc.constantFrom<CellValue>(null, undefined, '', '   ', '\u200b', true, false, 'Prestatiecode', '1-1-2024', 'ZZP 4VV', 'n.v.t.', '?'),
  fc.constantFrom(...ERRORS).map((error) => ({ error })),
  fc.constantFrom(...ERRORS),
  fc.date({ min: new Date('1900-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
  fc.oneof(fc.integer(), fc.double({ noNaN: false })),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
);

/** Columns that classify a row well on their own: the temptation to price it anyway. */
const columns = fc.record({
  sector: fc.constantFrom<CellValue>(undefined, 'V&V', 'GZ', 'GGZ'),
  zorgprofiel: fc.constantFrom<CellValue>(undefined, '4VV', '6VV', 'VG 5', 'GGZ-W5', 'W1'),
  leveringsvorm: fc.constantFrom<CellValue>(undefined, 'Verblijf', 'ZZP', 'VPT', 'MPT', 'NHC', 'NIC', 'dagbesteding'),
  maximumtarief: fc.constantFrom<CellValue>(200, '€ 300,00', 12.34, 1000),
  nieuweAanbieder: fc.constantFrom<CellValue>(undefined, 'ja', 'nee'),
  tariefpercentageVorigJaar: fc.constantFrom<CellValue>(undefined, '95,5%', 0.97),
});

test('a row whose code is not known or plausible gets no tariff and a fout, under every pack', () => {
  fc.assert(
    fc.property(fc.constantFrom(...packs), codeCell, columns, ({ pack, params }, code, cols) => {
      fc.pre(!knownOrPlausible(code));
      const r = evaluateRow({ ref: 'Blad1!2', cells: { ...cols, prestatiecode: code } }, pack, params);
      expect(r.tarief).toBeUndefined();
      expect(r.percentage).toBeUndefined();
      expect(r.flags.some((f) => f.severity === 'fout')).toBe(true);
    }),
    { numRuns: 3000, seed: 17 },
  );
});

test('the generators reach every kind: empty, error value, date, number, implausible text', () => {
  const seen = new Set<string>();
  fc.assert(
    fc.property(codeCell, (code) => {
      if (knownOrPlausible(code)) return;
      const r = evaluateRow({ ref: 'x', cells: { prestatiecode: code, leveringsvorm: 'VPT', maximumtarief: 200 } }, packs[0].pack, packs[0].params);
      for (const f of r.flags) if (f.severity === 'fout') seen.add(f.code);
    }),
    { numRuns: 1500, seed: 18 },
  );
  expect([...seen].sort()).toEqual(['GEEN_PRESTATIECODE', 'PRESTATIECODE_FOUTWAARDE', 'PRESTATIECODE_ONGELDIG']);
});

test('in a workbook, on both adapters, such rows get an empty tariff cell and a fout in the signalen column', async () => {
  const pack = packs.find((p) => p.pack.id === 'zk-ggz-2025')!;
  const codes = fc.sample(
    codeCell.filter((c) => !knownOrPlausible(c) && !(c instanceof Date)),
    { numRuns: 40, seed: 19 },
  ) as SpecValue[];
  codes.push('x'.repeat(40_000), { error: '#CALC!' }, 'Ζ073', 'Z043Z043', 'Q123');
  const header = ['AGB-code', 'Prestatiecode', 'Zorgprofiel', 'Leveringsvorm', 'NZa maximumtarief'];
  const rows: SpecValue[][] = codes.map((code, i) => [String(73730000 + i), code, 'GGZ-W5', 'Verblijf', 300]);
  for (const subject of subjects({ Aanbieders: { rows: [header, ...rows] } })) {
    const outcome = await annotateWorkbook(subject.port(), pack.pack, pack.params, { now: new Date('2026-11-24T12:00:00Z') });
    const results = outcome.run.results;
    expect(results).toHaveLength(rows.length);
    expect(outcome.tariffsSet).toBe(0);
    for (let i = 0; i < rows.length; i++) {
      // columns F, G, H: percentage, tarief, signalen
      const tariff = subject.xlsx
        ? subject.xlsx.workbook.getWorksheet('Aanbieders')!.getCell(i + 2, 7).value
        : subject.fake!.sheet('Aanbieders')!.cell(i + 1, 6)?.value;
      expect([null, undefined, '']).toContain(tariff);
      expect(subject.textAt('Aanbieders', i + 1, 7)).toMatch(/\[fout\]/);
    }
  }
});
