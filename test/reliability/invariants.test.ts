/**
 * Invariants of a run, over both adapters (exceljs, and the Office.js adapter on the fake Excel host):
 * - no user cell changes (value, formula, number format, style as far as the adapter sees it), after one
 *   run and after a second one;
 * - re-running is idempotent: the same output cells both times;
 * - no formula injection: text Tariefwijzer writes lands as text, whatever it starts with;
 * - on generated workbooks (fast-check) all of that holds, and the engine never throws.
 */
import fc from 'fast-check';
import { resolveParameters } from '../../src/domain/policy/load';
import { getPack } from '../../src/policies';
import { annotateWorkbook } from '../../src/workbook/jobs/annotate';
import { META_SHEET, PERCENTAGE_FORMAT, TARIFF_FORMAT } from '../../src/workbook/names';
import { readLastRun } from '../../src/workbook/jobs/last-run';
import { OUTPUT_HEADERS } from '../../src/workbook/headers';
import { workbookArb } from './generators';
import { subjects, type WorkbookSpec } from './workbooks';
import { normalizeGrid } from '../workbook/helpers';

const pack = getPack('zk-ggz-2025')!;
const params = resolveParameters(pack, { richttarief: '97,3' }).values;
const now = new Date('2026-11-24T12:00:00Z');

/** Text that a spreadsheet would take for a formula (or a DDE payload) if it were typed in. */
const RISKY = ['=HYPERLINK("http://x","klik")', '+31 Zorg', '-Min Zorg', '@SUM(A1)', '\t=1+1', '\r=1+1', "=cmd|' /C calc'!A0"];

function scenario(): WorkbookSpec {
  return {
    Aanbieders: {
      rows: [
        ['Contractering GGZ 2025', null, null, 'versie 2'],
        [],
        ['AGB code', 'Naam zorgaanbieder', 'Prestatie-code', 'Zorgprofiel', 'Leveringsvorm', 'NZa maximum-tarief', 'Opmerking inkoper', 'Berekend'],
        ['73730001', RISKY[0], 'Z1105', 'GGZ-W5', 'Verblijf', 300, 'eigen notitie', { formula: 'F4*2', result: 600 }],
        ['73730002', RISKY[1], 'V1101', 'W1', 'VPT', '€ 140,00', RISKY[5], null],
        [],
        ['73730003', RISKY[2], '=Z1007', null, null, null, '=1+1', null],
        ['73730004', RISKY[3], 'Z1105', 'GGZ-W5', 'Verblijf', { error: '#N/A' }, RISKY[4], null],
        ['73730005', RISKY[6], '@Z1105', 'GGZ-W5', 'Verblijf', '1.234,56', null, { formula: 'F8*2', result: 2469.12 }],
      ],
      styles: [
        { row: 2, column: 0, bold: true },
        { row: 3, column: 5, numberFormat: '"€" #,##0.00' },
        { row: 0, column: 3, numberFormat: '@' },
      ],
      hidden: [4],
      merges: ['A1:C1'],
      autoFilter: 'A3:H9',
      conditionalFormats: [{ ref: 'A4:H9', formula: '$F4>500', color: '#C6EFCE' }],
    },
    'NZa tarieven': {
      rows: [
        ['Prestatiecode', 'NZa maximumtarief'],
        ['Z1007', 412.18],
        ['Z1105', 999],
      ],
    },
  };
}

describe('a run changes no user cell, is idempotent and writes no formula, in both adapters', () => {
  for (const s of subjects(scenario())) {
    test(s.name, async () => {
      const before = s.capture();
      const formulas = s.formulas();
      // the fingerprint sees the user's formats, formulas and conditional formats
      expect(before()).toMatch(/C6EFCE/);
      expect(before()).toMatch(/F4\*2/);
      expect(before()).toMatch(/€/);
      await annotateWorkbook(s.port(), pack, params, { now });
      expect(s.userCells()).toBe(before());
      // the second run adds the change sheet (issue 25); from then on a run changes nothing
      await annotateWorkbook(s.port(), pack, params, { now });
      const afterFirst = s.allCells();
      await annotateWorkbook(s.port(), pack, params, { now });
      expect(s.userCells()).toBe(before());
      expect(s.allCells()).toBe(afterFirst);
      // only the user's own formulas; the risky names, codes and messages are text
      expect(s.formulas()).toEqual(formulas);
      // the signals and explanations repeat what the user typed (codes): as text
      const ws = 'Aanbieders';
      expect(s.textAt(ws, 2, 8)).toBe(OUTPUT_HEADERS[0]);
      expect(s.textAt(ws, 6, 10)).toContain('=Z1007');
      expect((await readLastRun(s.port()))?.complete).toBe(true);
    });
  }
});

test('text starting with =, +, -, @, tab or CR is written as text through the port, in both adapters', async () => {
  const texts = [...RISKY, '-', '+', '=', '@', '-5', '+5', '=1', '0012', ' =1'];
  for (const s of subjects(scenario())) {
    const port = s.port();
    await port.writeBlock({
      sheet: 'Aanbieders',
      headerRow: 2,
      firstColumn: 8,
      headers: [...OUTPUT_HEADERS],
      values: texts.map((t) => [t, t, t, t]),
      numberFormats: [PERCENTAGE_FORMAT, TARIFF_FORMAT, undefined, undefined],
    });
    await port.replaceSheet(
      META_SHEET,
      texts.map((t) => [t, t]),
    );
    await port.flush();
    texts.forEach((t, i) => {
      for (let c = 8; c < 12; c++) expect({ adapter: s.name, t, c, cell: s.textAt('Aanbieders', 3 + i, c) }).toEqual({ adapter: s.name, t, c, cell: t });
      expect({ adapter: s.name, meta: s.textAt(META_SHEET, i, 0) }).toEqual({ adapter: s.name, meta: t });
    });
    expect(s.formulas()).toEqual(['Aanbieders!3,7: F4*2', 'Aanbieders!8,7: F8*2']);
  }
});

/**
 * Generated workbooks. Each case builds the workbook on both adapters and runs twice on each, with five
 * fingerprints: about 100 ms a case on the shared 2-core machine (measured: 15 ms per run per adapter), so
 * the default 40 cases take about 4 s. For the thousands the issue asks for, run it on its own:
 * `TW_PROPERTY_RUNS=2000 npx jest test/reliability/invariants` (about 3–4 minutes).
 */
const RUNS = Number(process.env.TW_PROPERTY_RUNS ?? 40);

test(
  `generated workbooks (${RUNS}): never throws, no user cell changes, idempotent, no formulas, adapters agree`,
  async () => {
    await fc.assert(
      fc.asyncProperty(workbookArb, async ({ spec, sheet }) => {
        const outcomes: unknown[] = [];
        for (const s of subjects(spec)) {
          const before = s.capture();
          const formulas = s.formulas();
          const first = await annotateWorkbook(s.port(), pack, params, { now, sheet });
          expect(s.userCells()).toBe(before());
          // the second run adds the change sheet (issue 25); from then on a run changes nothing
          await annotateWorkbook(s.port(), pack, params, { now, sheet });
          const afterFirst = s.allCells();
          await annotateWorkbook(s.port(), pack, params, { now, sheet });
          expect(s.userCells()).toBe(before());
          expect(s.allCells()).toBe(afterFirst);
          expect(s.formulas()).toEqual(formulas);
          outcomes.push(first.run.results.map((r) => [r.ref, r.percentage?.toString(), r.tarief?.toString(), r.flags.map((f) => f.code)]));
        }
        expect(outcomes[1]).toEqual(outcomes[0]);
      }),
      { numRuns: RUNS },
    );
  },
  Math.max(60_000, RUNS * 500),
);

/**
 * Editing the inputs after a run (clearing rows, changing codes) and running again gives the same cells as
 * running once on the edited workbook: old output never lingers. 30 cases, about 3 s.
 */
test(
  'after edits, a re-run gives the same cells as a first run on the edited workbook, in both adapters',
  async () => {
    const edit = fc.array(fc.record({ row: fc.nat(30), clear: fc.boolean(), code: fc.constantFrom('Z1105', 'X9999', null) }), { minLength: 1, maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(workbookArb, edit, async ({ spec, sheet, headerRow }, edits) => {
        const data = spec[sheet];
        const edited: typeof spec = { ...spec, [sheet]: { ...data, rows: data.rows.map((r) => [...r]) } };
        const width = Math.max(0, ...data.rows.map((r) => r.length));
        const changes: Array<{ row: number; column: number; value: SpecValueLike }> = [];
        for (const e of edits) {
          const r = headerRow + 1 + e.row;
          if (r >= data.rows.length) continue;
          for (let c = 0; c < width; c++) {
            if (e.clear) changes.push({ row: r, column: c, value: null });
          }
          if (!e.clear)
            changes.push({
              row: r,
              column: data.rows[headerRow].findIndex(
                (h) => typeof h === 'string' && /^(prestatie ?code|prestatie|code|nza prestatiecode|declaratiecode|productcode)$/i.test(h),
              ),
              value: e.code,
            });
        }
        for (const ch of changes) if (ch.column >= 0) edited[sheet].rows[ch.row][ch.column] = ch.value;
        const fresh = subjects(edited);
        for (const [i, s] of subjects(spec).entries()) {
          await annotateWorkbook(s.port(), pack, params, { now, sheet });
          for (const ch of changes) {
            if (ch.column < 0) continue;
            if (s.xlsx) s.xlsx.workbook.getWorksheet(sheet)!.getCell(ch.row + 1, ch.column + 1).value = ch.value;
            else if (ch.value === null) s.fake!.sheet(sheet)!.cells.delete(`${ch.row},${ch.column}`);
            else Object.assign(s.fake!.sheet(sheet)!.ensure(ch.row, ch.column), { value: ch.value, type: 'String' });
          }
          await annotateWorkbook(s.port(), pack, params, { now, sheet });
          await annotateWorkbook(fresh[i].port(), pack, params, { now, sheet });
          expect({ adapter: s.name, cells: normalizeGrid(await s.port().readSheet(sheet)) }).toEqual({
            adapter: s.name,
            cells: normalizeGrid(await fresh[i].port().readSheet(sheet)),
          });
        }
      }),
      { numRuns: Number(process.env.TW_PROPERTY_RUNS ?? 30) },
    );
  },
  Math.max(60_000, RUNS * 500),
);

type SpecValueLike = string | null;
