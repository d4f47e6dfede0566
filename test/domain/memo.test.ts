/**
 * runPolicy reuses a result for rows that agree in every cell the evaluation read (ResultMemo in engine.ts). That
 * must never change a result: on random rows for every shipped pack, runPolicy gives exactly what evaluating
 * each row on its own gives. Values come from small pools so that rows often agree, and differ in a field now
 * and then, also in type (1 vs "1", Date vs text, an error cell).
 */
import fc from 'fast-check';
import catalog from '../../src/domain/catalog/prestaties.json';
import { evaluateRow, explain, packTitles, ResultMemo, runPolicy, type InputRow } from '../../src/domain/engine';
import { CORE_FIELDS, type FieldDef } from '../../src/domain/fields';
import type { CellValue } from '../../src/domain/parse';
import { resolveParameters } from '../../src/domain/policy/load';
import { getPack, listPacks } from '../../src/policies';
import type { PolicyPack, Rule } from '../../src/domain/policy/types';
import { classifyPrestatie } from '../../src/domain/prestaties';

const codes = (catalog.entries as Array<{ code: string }>).filter((_, i) => i % 160 === 0).map((e) => e.code);

function pool(name: string, def: FieldDef): CellValue[] {
  if (name === 'prestatiecode') return [...codes, 'Z043', 'H126', 'X183', 'ONBEKEND', 43, '43', null, ''];
  if (name === 'zorgprofiel') return ['4VV', '5VV', 'VG 7', 'GGZ-5W', 'onzin', null];
  if (name === 'leveringsvorm') return ['ZZP', 'VPT', 'MPT', 'NHC', 'Dagbesteding', 'vreemd', null];
  if (name === 'sector' || name === 'hoofdsector') return ['V&V', 'GZ', 'GGZ', 'xx', null];
  switch (def.type) {
    case 'money':
      return [241.38, '€ 1.234,56', 0, -5, 'veel', null, { error: '#N/A' }];
    case 'percentage':
      return [0.955, 96.5, '97,5%', '1,1', 'hoog', null];
    case 'points':
    case 'number':
      return [1, -0.5, '0,3', 2, 'x', null];
    case 'integer':
      return [2024, 2023, '2024', 12, 3.5, null];
    case 'boolean':
      return ['ja', 'nee', 'x', true, false, 'misschien', null];
    case 'date':
      return [new Date(Date.UTC(2024, 0, 1)), '1-1-2024', 45292, null];
    default:
      return ['tekst', '', 1, null];
  }
}

function retype(v: CellValue): CellValue {
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString();
  return v;
}

test('runPolicy with reuse gives the same results as evaluateRow per row, for every pack', () => {
  for (const pack of listPacks()) {
    const { values: params } = resolveParameters(pack);
    const fields = Object.entries({ ...CORE_FIELDS, ...(pack.fields ?? {}) }).filter(([name]) => name !== 'agb');
    const cell = fc.record(Object.fromEntries(fields.map(([name, def]) => [name, fc.constantFrom(...pool(name, def))])));
    const names = fields.map(([name]) => name);
    // a few base rows, and rows that copy one of them with zero, one or two cells changed
    const change = fc.tuple(fc.constantFrom(...names), fc.nat());
    const derived = fc.tuple(fc.nat(), fc.array(change, { maxLength: 2 }));
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 4 }), fc.array(derived, { minLength: 1, maxLength: 60 }), (bases, rowsSpec) => {
        const rows: InputRow[] = rowsSpec.map(([b, changes], i) => {
          const cells: Record<string, CellValue> = { ...bases[b % bases.length] };
          for (const [name, n] of changes) {
            const values = pool(name, fields.find(([f]) => f === name)![1]);
            // one choice in three: the same value with another type (43 ↔ "43", a Date ↔ its text)
            cells[name] = n % 3 === 0 ? retype(cells[name]) : values[n % values.length];
          }
          // distinct AGB per row: duplicates (a batch-level flag) are tested in engine.test.ts
          return { ref: `Blad!${i + 2}`, cells: { ...cells, agb: String(10_000_000 + i) } };
        });
        expect(runPolicy(rows, pack, params).results).toEqual(rows.map((r) => evaluateRow(r, pack, params)));
      }),
      { numRuns: 80, seed: 9 },
    );
  }
});

test('rows that differ only in the type of a cell are evaluated each on their own', () => {
  const pack = listPacks().find((p) => p.id === 'zk-vv-2024')!;
  const { values: params } = resolveParameters(pack);
  const rows: InputRow[] = [43, '43', 43].map((code, i) => ({ ref: `Blad!${i + 2}`, cells: { prestatiecode: code, maximumtarief: 10 } }));
  const codes = runPolicy(rows, pack, params).results.map((r) => r.flags.map((f) => f.code).join(','));
  // A number is never a Wlz code (they start with letters): reported as such, besides the lost-zeros warning.
  expect(codes).toEqual(['CODE_ALS_GETAL,PRESTATIECODE_ONGELDIG', 'PRESTATIECODE_ONGELDIG', 'CODE_ALS_GETAL,PRESTATIECODE_ONGELDIG']);
});

/*
 * ResultMemo keeps a row's evaluation up to the price (prepareRow) for rows that differ only in their maximumtarief
 * (and the other cells of the price): each must still get exactly what evaluateRow gives it.
 */

/** Maximumtarieven of every kind the price tells apart: plain, with more decimals, text, ambiguous, high, too small, too large, not positive, unreadable, missing. */
const MAXIMA: CellValue[] = [241.38, 254.675, 99.99, '€ 1.234,56', '1.234', 150_000, 0.0000001, 1e14, 0, -5, 'veel', { error: '#N/A' }, null, ''];
const CONTRACTED: CellValue[] = [undefined, 230.5, 'x'];

function memoRun(rows: InputRow[], pack: PolicyPack): { results: ReturnType<typeof evaluateRow>[]; memo: ResultMemo } {
  const { values: params } = resolveParameters(pack);
  const memo = new ResultMemo();
  return { results: rows.map((r) => memo.evaluate(r, pack, params)), memo };
}

test('rows that differ only in maximumtarief (and contracted tariff) get evaluateRow’s result each, for every pack', () => {
  for (const pack of listPacks()) {
    const { values: params } = resolveParameters(pack);
    const fields = Object.entries({ ...CORE_FIELDS, ...(pack.fields ?? {}) }).filter(
      ([name]) => !['agb', 'maximumtarief', 'gecontracteerdTarief'].includes(name),
    );
    const cell = fc.record(Object.fromEntries(fields.map(([name, def]) => [name, fc.constantFrom(...pool(name, def))])));
    fc.assert(
      fc.property(cell, fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 2, maxLength: 40 }), (base, prices) => {
        const rows: InputRow[] = prices.map(([m, c], i) => {
          const cells: Record<string, CellValue> = { ...base, maximumtarief: MAXIMA[m % MAXIMA.length], agb: String(10_000_000 + i) };
          if (CONTRACTED[c % CONTRACTED.length] !== undefined) cells.gecontracteerdTarief = CONTRACTED[c % CONTRACTED.length];
          return { ref: `Blad!${i + 2}`, cells };
        });
        expect(memoRun(rows, pack).results).toEqual(rows.map((r) => evaluateRow(r, pack, params)));
      }),
      { numRuns: 40, seed: 27 },
    );
  }
});

test('rows that differ only in maximumtarief share one prepared row: the memo holds one entry, the tariffs differ', () => {
  const pack = getPack('zk-vv-2024')!;
  const code = (catalog.entries as Array<{ code: string; component: string }>).find((e) => e.component === 'zorg')!.code;
  const rows: InputRow[] = [241.38, 254.67, 99.99].map((m, i) => ({ ref: `Blad!${i + 2}`, cells: { prestatiecode: code, maximumtarief: m } }));
  const { results, memo } = memoRun(rows, pack);
  const { values: params } = resolveParameters(pack);
  expect(results).toEqual(rows.map((r) => evaluateRow(r, pack, params)));
  expect(memo.size).toBe(1);
  expect(new Set(results.map((r) => r.tarief?.toString())).size).toBe(rows.length);
});

/**
 * A cell that a rule reads only for some rows: in zk-vv-2024 the first rule that sets a base (for NHC/NIC) is final,
 * so the pack's own fields named by later base rules are read only for the other prestaties. A row that differs in
 * such a field shares the prepared row where the field is not read, and gets its own where it is.
 */
test('a cell read conditionally: shared where not read, never where read', () => {
  const pack = getPack('zk-vv-2024')!;
  const { values: params } = resolveParameters(pack);
  const sets = pack.rules.filter((r) => 'set' in r.effect);
  const first = sets[0];
  expect(first.when && 'field' in first.when && first.when.field).toBe('component');
  const components = (first.when as { in: string[] }).in;
  // a later base rule on a yes/no field of the pack itself
  const later = sets.slice(1).find((r) => r.when && 'field' in r.when && pack.fields?.[r.when.field]?.type === 'boolean' && r.when.is === true)!;
  const field = (later.when as { field: string }).field;
  const codeOf = (match: (c: string) => boolean) =>
    (catalog.entries as Array<{ code: string }>)
      .map((e) => e.code)
      .find((c) => match(classifyPrestatie({ code: c }, pack.prestaties).prestatie?.component ?? ''))!;
  const capital = codeOf((c) => components.includes(c));
  const care = codeOf((c) => c === 'zorg');
  const row = (code: string, value: string, i: number): InputRow => ({
    ref: `Blad!${i}`,
    cells: { prestatiecode: code, maximumtarief: 200 + i, [field]: value },
  });
  const memo = new ResultMemo();
  const run = (rows: InputRow[]) => rows.map((r) => memo.evaluate(r, pack, params));

  const capitalRows = [row(capital, 'ja', 2), row(capital, 'nee', 3)];
  expect(run(capitalRows)).toEqual(capitalRows.map((r) => evaluateRow(r, pack, params)));
  expect(memo.size).toBe(1);

  const careRows = [row(care, 'ja', 4), row(care, 'nee', 5), row(care, 'ja', 6)];
  const care3 = run(careRows);
  expect(care3).toEqual(careRows.map((r) => evaluateRow(r, pack, params)));
  expect(memo.size).toBe(3);
  expect(care3[0].percentage!.equals(care3[1].percentage!)).toBe(false);
  expect(care3[1].steps.find((s) => s.ruleId === later.id)).toBeUndefined();
  expect(care3[2].steps.find((s) => s.ruleId === later.id)).toBeDefined();
});

/** zk-vv-2024 with one rule put first (no shipped pack reads the maximumtarief in a rule or repeats an engine flag). */
function withRule(rule: Omit<Rule, 'source'>): PolicyPack {
  const pack = getPack('zk-vv-2024')!;
  return { ...pack, rules: [{ ...rule, source: pack.rules[0].source }, ...pack.rules] };
}

test('a rule that reads the maximumtarief: its rows are not shared across maxima', () => {
  const pack = withRule({
    id: 'hoog-maximum',
    description: 'hoog maximumtarief',
    when: { field: 'maximumtarief', gt: 250 },
    effect: { flag: { code: 'HOOG_MAXIMUM', severity: 'info', message: 'Maximumtarief boven € 250.' } },
  });
  const { values: params } = resolveParameters(pack);
  const code = (catalog.entries as Array<{ code: string; component: string }>).find((e) => e.component === 'zorg')!.code;
  const rows: InputRow[] = [200, 300, 'veel', 210, 310, 'veel'].map((m, i) => ({ ref: `Blad!${i + 2}`, cells: { prestatiecode: code, maximumtarief: m } }));
  const { results, memo } = memoRun(rows, pack);
  expect(results).toEqual(rows.map((r) => evaluateRow(r, pack, params)));
  expect(results.map((r) => r.flags.some((f) => f.code === 'HOOG_MAXIMUM'))).toEqual([false, true, false, false, true, false]);
  expect(memo.size).toBe(5);
});

test('a rule flag equal to a flag of the price is dropped as the engine drops it, row by row', () => {
  const pack = getPack('zk-vv-2024')!;
  const { values: params } = resolveParameters(pack);
  const code = (catalog.entries as Array<{ code: string; component: string }>).find((e) => e.component === 'zorg')!.code;
  const missing = evaluateRow({ ref: 'Blad!2', cells: { prestatiecode: code } }, pack, params).flags.find((f) => f.code === 'MAXIMUMTARIEF_ONTBREEKT')!;
  const echo = withRule({ id: 'echo', description: 'echo', effect: { flag: { code: missing.code, severity: missing.severity, message: missing.message } } });
  const { values: echoParams } = resolveParameters(echo);
  const rows: InputRow[] = [null, 241.38, null, 199.5].map((m, i) => ({ ref: `Blad!${i + 2}`, cells: { prestatiecode: code, maximumtarief: m } }));
  const { results } = memoRun(rows, echo);
  expect(results).toEqual(rows.map((r) => evaluateRow(r, echo, echoParams)));
  // once each: the engine's own where the maximumtarief is missing (it comes first), the rule's where it is not
  expect(results.map((r) => r.flags.filter((f) => f.code === missing.code).map((f) => f.ruleId ?? 'engine'))).toEqual([
    ['engine'],
    ['echo'],
    ['engine'],
    ['echo'],
  ]);
});

test('the explanation of a priced row is explain() of its steps (finishRow adds the tariff to the prepared trail)', () => {
  for (const pack of listPacks()) {
    const { values: params } = resolveParameters(pack);
    const fields = Object.entries({ ...CORE_FIELDS, ...(pack.fields ?? {}) }).filter(([name]) => name !== 'inkoopjaar');
    const cell = fc.record(Object.fromEntries(fields.map(([name, def]) => [name, fc.constantFrom(...pool(name, def))])));
    let priced = 0;
    fc.assert(
      fc.property(cell, (cells) => {
        const r = evaluateRow({ ref: 'Blad!2', cells }, pack, params);
        if (!r.prestatie || r.excluded) return;
        priced += r.tarief ? 1 : 0;
        // a pack of several years adds that the sheet has no Inkoopjaar column
        expect(r.explanation.startsWith(explain(r.steps, r, packTitles(pack)))).toBe(true);
        if (!pack.inkoopjaren) expect(r.explanation).toBe(explain(r.steps, r, packTitles(pack)));
      }),
      { numRuns: 150, seed: 27 },
    );
    expect(priced).toBeGreaterThan(0);
  }
});
