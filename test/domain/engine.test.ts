/** The engine's mechanisms on a small synthetic pack (the shipped packs have their own cases). */
import { evaluateRow, hash31, lineKeyText, runPolicy } from '../../src/domain/engine';
import { resolveParameters, validatePack } from '../../src/domain/policy/load';
import type { PolicyPack } from '../../src/domain/policy/types';
import type { CellValue } from '../../src/domain/parse';

const src = { document: 'test.txt', regels: 'L1' };

function pack(overrides: Partial<PolicyPack> = {}): PolicyPack {
  const p: PolicyPack = {
    id: 'test-pakket',
    version: '1.0.0',
    title: 'Testbeleid',
    zorgkantoor: 'Test',
    sector: 'VV',
    inkoopjaar: 2024,
    description: 'Synthetisch beleid om de motor te toetsen.',
    sources: [{ document: 'test.txt', title: 'Test' }],
    parameters: {
      richttarief: { type: 'percentage', label: 'Richttarief', description: 'basis', default: 95.5 },
      afronding: { type: 'rounding', label: 'Afronding', description: 'afronding', default: 'rekenkundig' },
      stapelen: { type: 'boolean', label: 'Stapelen', description: 'opslagen optellen', default: false },
      nieuw_pct: { type: 'percentage', label: 'Nieuw', description: 'nieuw', default: null },
    },
    fields: {
      opslagPlan: { type: 'points', label: 'Opslag ontwikkelplan', aliases: [] },
      technologie: { type: 'boolean', label: 'Technologie', aliases: [] },
    },
    groups: { opslagen: { description: 'opslagen stapelen niet', stack: { param: 'stapelen' } } },
    rules: [
      { id: 'nhc', description: 'NHC 100%', when: { field: 'component', in: ['NHC', 'NIC'] }, effect: { set: 100, final: true }, source: src },
      {
        id: 'geen-4vv',
        description: 'geen 4VV intramuraal',
        when: {
          all: [
            { field: 'zorgprofiel', is: '4VV' },
            { field: 'leveringsvorm', is: 'ZZP' },
          ],
        },
        effect: { exclude: { message: 'Geen intramurale 4VV.' } },
        source: src,
      },
      {
        id: 'nieuw',
        description: 'nieuwe aanbieder',
        when: { field: 'nieuweAanbieder', is: true },
        effect: { set: { param: 'nieuw_pct' }, final: true },
        source: src,
      },
      { id: 'basis', description: 'richttarief', effect: { set: { param: 'richttarief' } }, source: src },
      {
        id: 'plan',
        description: 'opslag ontwikkelplan',
        when: { field: 'opslagPlan', present: true },
        effect: { add: { field: 'opslagPlan' }, max: 3, min: 0 },
        source: src,
      },
      {
        id: 'vpt',
        description: 'opslag VPT',
        when: { field: 'leveringsvorm', in: ['VPT'] },
        effect: { add: 2, group: 'opslagen', maxResult: 100 },
        source: src,
      },
      { id: 'tech', description: 'opslag technologie', when: { field: 'technologie', is: true }, effect: { add: '0,5', group: 'opslagen' }, source: src },
      { id: 'bodem', description: 'ondergrens 90%', effect: { floor: 90 }, source: src },
      { id: 'plafond', description: 'maximaal 99%', when: { field: 'component', is: 'zorg' }, effect: { cap: 99 }, source: src },
      {
        id: 'sectorvreemd',
        description: 'sectorvreemd',
        when: { field: 'sectorvreemd', is: true },
        effect: { flag: { code: 'SECTORVREEMD', severity: 'waarschuwing', message: 'Prestatie uit een andere sector.' } },
        source: src,
      },
    ],
    ...overrides,
  };
  const v = validatePack(JSON.parse(JSON.stringify(p)));
  if (!v.pack) throw new Error(JSON.stringify(v.errors));
  return v.pack;
}

function run(cells: Record<string, CellValue>, params: Record<string, unknown> = {}, p = pack()) {
  const { values, errors } = resolveParameters(p, params);
  expect(errors).toEqual([]);
  return evaluateRow({ ref: 'r1', cells }, p, values);
}
const codes = (r: { flags: Array<{ code: string }> }) => r.flags.map((f) => f.code).sort();

test('base, op-/afslag, rounding and an explanation that reads as a sentence', () => {
  const r = run({ prestatiecode: 'Z061', maximumtarief: '200,00', opslagPlan: '1,5' });
  expect(r.percentage?.toString()).toBe('97');
  expect(r.tarief?.toString()).toBe('194');
  expect(r.steps.map((s) => s.kind)).toEqual(['basis', 'opslag', 'tarief']);
  expect(r.explanation).toBe(
    '95,5%: richttarief [Test]; +1,5 procentpunt: opslag ontwikkelplan → 97% [Test]; Tarief = € 200,00 × 97% = € 194,00 (rekenkundig afgerond (half naar boven) op centen).',
  );
  expect(codes(r)).toEqual([]);
});

test('points above the maximum are clamped and flagged; the cap then applies', () => {
  const r = run({ prestatiecode: 'Z061', maximumtarief: 100, opslagPlan: 5 });
  // 95,5 + 3 (clamped from 5) = 98,5 ≤ 99
  expect(r.percentage?.toString()).toBe('98.5');
  expect(codes(r)).toEqual(['BEGRENSD']);
});

test('a group that does not stack applies only the largest op-slag, unless the parameter says so', () => {
  const cells = { prestatiecode: 'V051', maximumtarief: 100, technologie: 'ja' };
  const single = run(cells);
  expect(single.percentage?.toString()).toBe('97.5');
  expect(codes(single)).toEqual(['NIET_GESTAPELD']);
  expect(single.steps.find((s) => s.kind === 'niet-gestapeld')?.ruleId).toBe('tech');
  const stacked = run(cells, { stapelen: 'ja' });
  expect(stacked.percentage?.toString()).toBe('98');
});

test('maxResult caps an opslag at its own ceiling; the pack cap is the lowest cap', () => {
  const r = run({ prestatiecode: 'V051', maximumtarief: 100, opslagPlan: 3 }, { richttarief: '97' });
  // 97 + 3 = 100; + 2 (VPT) capped at 100 → 100; pack cap 99 → 99
  expect(r.percentage?.toString()).toBe('99');
  expect(r.steps.map((s) => s.kind)).toEqual(['basis', 'opslag', 'opslag', 'grens', 'tarief']);
  expect(codes(r)).toEqual(['BEGRENSD', 'BEGRENSD']);
  expect(r.flags.map((f) => f.ruleId)).toEqual(['vpt', 'plafond']);
});

test('a floor lifts, a final base skips op-/afslagen', () => {
  expect(run({ prestatiecode: 'Z061', maximumtarief: 100 }, { richttarief: '80' }).percentage?.toString()).toBe('90');
  const nieuw = run({ prestatiecode: 'V051', maximumtarief: 100, nieuweAanbieder: 'ja', opslagPlan: 2 }, { nieuw_pct: '93,5' });
  expect(nieuw.percentage?.toString()).toBe('93.5');
  expect(nieuw.steps[0].text).toContain('vast percentage');
});

test('a missing parameter gives a flag and no number, not a guess', () => {
  const r = run({ prestatiecode: 'Z061', maximumtarief: 100, nieuweAanbieder: 'ja' });
  expect(r.percentage).toBeUndefined();
  expect(r.tarief).toBeUndefined();
  expect(codes(r)).toEqual(['PARAMETER_ONTBREEKT']);
  expect(r.flags[0].message).toContain('Parameter "Nieuw" heeft geen waarde');
  expect(r.flags[0].message).not.toContain('nieuw_pct');
});

test('an unreadable field value makes a dependent rule undecidable', () => {
  const r = run({ prestatiecode: 'Z061', maximumtarief: 100, nieuweAanbieder: 'misschien' });
  expect(r.percentage).toBeUndefined();
  expect(codes(r)).toEqual(['ONLEESBARE_WAARDE']);
});

test('exclusion: no tariff, a flag with the rule and its citation', () => {
  const r = run({ prestatiecode: 'Z043', maximumtarief: 100 });
  expect(r.excluded).toBe(true);
  expect(r.percentage).toBeUndefined();
  expect(r.flags).toEqual([expect.objectContaining({ code: 'UITGESLOTEN', ruleId: 'geen-4vv', citation: src, message: 'Geen intramurale 4VV.' })]);
});

test('NHC/NIC components are recognised from the catalog', () => {
  const r = run({ prestatiecode: 'X183', maximumtarief: '12,34' });
  expect(r.prestatie?.component).toBe('NHC');
  expect(r.percentage?.toString()).toBe('100');
  expect(r.tarief?.toString()).toBe('12.34');
});

test('maximumtarief: missing, unreadable, not positive', () => {
  expect(codes(run({ prestatiecode: 'Z061' }))).toEqual(['MAXIMUMTARIEF_ONTBREEKT']);
  expect(codes(run({ prestatiecode: 'Z061', maximumtarief: { error: '#N/A' } }))).toEqual(['MAXIMUMTARIEF_ONLEESBAAR']);
  expect(codes(run({ prestatiecode: 'Z061', maximumtarief: 0 }))).toEqual(['MAXIMUMTARIEF_ONGELDIG']);
  expect(run({ prestatiecode: 'Z061', maximumtarief: 'abc' }).percentage?.toString()).toBe('95.5');
});

test('sectorvreemd follows the hoofdsector column and the pack sector', () => {
  expect(codes(run({ prestatiecode: 'Z456', maximumtarief: 100 }))).toEqual(['SECTORVREEMD']);
  expect(codes(run({ prestatiecode: 'Z456', maximumtarief: 100, hoofdsector: 'Gehandicaptenzorg' }))).toEqual([]);
  expect(codes(run({ prestatiecode: 'Z061', maximumtarief: 100, hoofdsector: 'GHZ' }))).toEqual(['SECTORVREEMD']);
});

test('tariff above the maximum, contracted tariff differences and the policy range', () => {
  const noCap = pack({ range: { min: 94, max: 98, source: src } });
  noCap.rules = noCap.rules.filter((r) => r.id !== 'plafond');
  const above = run({ prestatiecode: 'Z061', maximumtarief: 100 }, { richttarief: '101' }, noCap);
  expect(codes(above)).toEqual(['PERCENTAGE_BUITEN_BEREIK', 'TARIEF_BOVEN_MAXIMUM']);
  // also without a maximumtarief: the percentage alone says the tariff would pass the maximum
  expect(codes(run({ prestatiecode: 'Z061' }, { richttarief: '101' }, noCap))).toEqual([
    'MAXIMUMTARIEF_ONTBREEKT',
    'PERCENTAGE_BUITEN_BEREIK',
    'TARIEF_BOVEN_MAXIMUM',
  ]);
  const noFloor = pack();
  noFloor.rules = noFloor.rules.filter((r) => r.id !== 'bodem');
  expect(codes(run({ prestatiecode: 'Z061', maximumtarief: 100 }, { richttarief: '-1' }, noFloor))).toEqual(['PERCENTAGE_BUITEN_BEREIK']);
  const same = run({ prestatiecode: 'Z061', maximumtarief: 100, gecontracteerdTarief: '95,50' });
  expect(codes(same)).toEqual([]);
  const differs = run({ prestatiecode: 'Z061', maximumtarief: 100, gecontracteerdTarief: '€ 96' });
  expect(codes(differs)).toEqual(['GECONTRACTEERD_WIJKT_AF']);
  expect(differs.flags[0].message).toContain('+€ 0,50');
});

test('inkoopjaar in the row differs from the policy', () => {
  expect(codes(run({ prestatiecode: 'Z061', maximumtarief: 100, inkoopjaar: 2023 }))).toEqual(['INKOOPJAAR_WIJKT_AF']);
});

test('runPolicy marks duplicates (same AGB, prestatie, zorgkantoor) and counts flags per row', () => {
  const p = pack();
  const { values } = resolveParameters(p);
  const out = runPolicy(
    [
      { ref: '2', cells: { agb: '123', prestatiecode: 'Z061', maximumtarief: 100 } },
      { ref: '3', cells: { agb: '123', prestatiecode: 'z 061', maximumtarief: 100 } },
      { ref: '4', cells: { agb: '123', prestatiecode: 'Z061', zorgkantoor: 'Anders', maximumtarief: 100 } },
      { ref: '5', cells: { agb: '999', prestatiecode: 'X9999' } },
    ],
    p,
    values,
  );
  expect(out.results[0].flags.map((f) => f.message)).toEqual(['Dezelfde AGB-code en prestatie komen ook voor in rij 3.']);
  expect(codes(out.results[2])).toEqual([]);
  expect(out.flagCounts).toEqual({ DUBBELE_REGEL: 2, ONBEKENDE_PRESTATIECODE: 1, MAXIMUMTARIEF_ONTBREEKT: 1 });
});

test('a line in several inkoopjaren is no duplicate; the same line twice in one year is, and the signal names the year', () => {
  const p = pack();
  const { values } = resolveParameters(p);
  const years: CellValue[] = [2024, 2025, 2026, '2025', null];
  const out = runPolicy(
    years.map((inkoopjaar, i) => ({ ref: `Blad!${i + 2}`, cells: { agb: '123', prestatiecode: 'Z061', maximumtarief: 100, inkoopjaar } })),
    p,
    values,
  );
  const dup = out.results.map((r) => r.flags.find((f) => f.code === 'DUBBELE_REGEL')?.message);
  expect(dup).toEqual([
    undefined,
    'Dezelfde AGB-code en prestatie komen in 2025 ook voor in rij 5.',
    undefined,
    'Dezelfde AGB-code en prestatie komen in 2025 ook voor in rij 3.',
    undefined,
  ]);
  expect(out.flagCounts.DUBBELE_REGEL).toBe(2);
});

test('duplicates are found by line, not by the hash that keeps them: two lines with the same hash are no duplicates', () => {
  const p = pack();
  const { values } = resolveParameters(p);
  // two AGB-codes whose lines hash alike (found by search; 31 bits collide among a few 100,000 lines)
  const seen = new Map<number, string>();
  let pair: [string, string] | undefined;
  for (let n = 10_000_000; !pair; n++) {
    const agb = String(n);
    const h = hash31(lineKeyText(agb, 'Z061', '', ''));
    const other = seen.get(h);
    if (other) pair = [other, agb];
    else seen.set(h, agb);
  }
  const [a, b] = pair;
  const row = (ref: string, agb: string) => ({ ref, cells: { agb, prestatiecode: 'Z061', maximumtarief: 100 } });
  const out = runPolicy([row('2', a), row('3', b), row('4', a), row('5', b), row('6', b)], p, values);
  const dup = out.results.map((r) => r.flags.find((f) => f.code === 'DUBBELE_REGEL')?.message);
  expect(dup).toEqual([
    'Dezelfde AGB-code en prestatie komen ook voor in rij 4.',
    'Dezelfde AGB-code en prestatie komen ook voor in rijen 5, 6.',
    'Dezelfde AGB-code en prestatie komen ook voor in rij 2.',
    'Dezelfde AGB-code en prestatie komen ook voor in rijen 3, 6.',
    'Dezelfde AGB-code en prestatie komen ook voor in rijen 3, 5.',
  ]);
  // and a line that only shares the hash is not marked
  const single = runPolicy([row('2', a), row('3', b)], p, values);
  expect(single.results.map((r) => r.flags.some((f) => f.code === 'DUBBELE_REGEL'))).toEqual([false, false]);
});

test('the engine is deterministic: the same input gives the same output', () => {
  const a = run({ prestatiecode: 'V051', maximumtarief: '321,09', technologie: 'x', opslagPlan: '2' });
  const b = run({ prestatiecode: 'V051', maximumtarief: '321,09', technologie: 'x', opslagPlan: '2' });
  expect(JSON.stringify(a)).toBe(JSON.stringify(b));
});

test('runPolicy reports progress on large batches', () => {
  const p = pack();
  const { values } = resolveParameters(p);
  const rows = Array.from({ length: 25_000 }, (_, i) => ({ ref: String(i), cells: { prestatiecode: 'Z061', maximumtarief: 100 } }));
  const seen: number[] = [];
  const out = runPolicy(rows, p, values, (done) => seen.push(done));
  expect(seen).toEqual([10_000, 20_000]);
  expect(out.results).toHaveLength(25_000);
});
