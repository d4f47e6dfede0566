/**
 * runPolicy reuses a result for rows that agree in every cell the evaluation read (ResultMemo in engine.ts). That
 * must never change a result: on random rows for every shipped pack, runPolicy gives exactly what evaluating
 * each row on its own gives. Values come from small pools so that rows often agree, and differ in a field now
 * and then, also in type (1 vs "1", Date vs text, an error cell).
 */
import fc from 'fast-check';
import catalog from '../../src/domain/catalog/prestaties.json';
import { evaluateRow, runPolicy, type InputRow } from '../../src/domain/engine';
import { CORE_FIELDS, type FieldDef } from '../../src/domain/fields';
import type { CellValue } from '../../src/domain/parse';
import { resolveParameters } from '../../src/domain/policy/load';
import { listPacks } from '../../src/policies';

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
