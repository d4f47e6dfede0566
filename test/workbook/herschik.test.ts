/** herschikWorkbook through the port: reading aliases, toezeggingen and a labelled contracteerruimte; text stays text; the optional chart. */
import { resolveParameters } from '../../src/domain/policy/load';
import { resolveHerschikParameters } from '../../src/domain/production';
import { getPack } from '../../src/policies';
import { MemoryWorkbook } from '../../src/taskpane/demo-port';
import { herschikWorkbook, HERSCHIK_SHEET } from '../../src/workbook/herschik';
import type { ChartSpec } from '../../src/workbook/port';
import { workbookFrom } from './helpers';

const pack = getPack('zk-ggz-2025')!;
const packParams = resolveParameters(pack, { richttarief: '100' }).values;

function sheets() {
  const rows: unknown[][] = [['Agb code', 'Naam aanbieder', 'Productcode', 'Zorgprofiel', 'Leveringsvorm', 'NZa tarief', 'Periode', 'Eenheden', 'Declaratiebedrag']];
  for (let m = 1; m <= 6; m++) {
    rows.push(['30000001', '=Zorg BV', 'Z1103', 'GGZ-W3', 'Verblijf', 100, `${['jan', 'feb', 'mrt', 'apr', 'mei', 'jun'][m - 1]} 2025`, 10, '€ 1.000,00']);
    rows.push(['30000002', '@Thuis', 'Z1103', 'GGZ-W3', 'Verblijf', 200, new Date(Date.UTC(2025, m - 1, 1)), 5, 999]);
  }
  return {
    Declaraties: rows,
    'Toezeggingen 2025': [['Toezeggingen'], [], ['AGB', 'Sector', 'Bedrag toezegging', 'Reden'], ['30000001', 'GGZ', '1.000', 'complexe casuïstiek']],
    Kader: [['Contracteerruimte GGZ', null, '€ 20.000,00']],
  };
}

test('aliases, toezeggingen, labelled contracteerruimte; names like formulas are written as text', async () => {
  const port = new MemoryWorkbook(sheets() as never);
  const params = resolveHerschikParameters({ peildatum: '30-6-2025' }).values;
  const out = await herschikWorkbook(port, pack, packParams, params, { now: new Date('2025-07-01T00:00:00Z') });
  expect(out.sheet).toBe('Declaraties');
  expect(out.toezeggingenSheet).toBe('Toezeggingen 2025');
  expect(out.chartWritten).toBe(false);
  const s = out.result.sectors[0];
  expect(s.contracteerruimte!.toString()).toBe('20000');
  expect(s.extrapolated.toString()).toBe('24000');
  expect(s.afsprakenTotaal.toString()).toBe('20000');
  expect(out.result.rows.filter((r) => r.flags.some((f) => f.code === 'BEDRAG_WIJKT_AF')).length).toBe(6); // 999 ≠ 5 × € 200
  expect(out.result.notes.join(' ')).toContain('Geen kolom "Goedgekeurd"');
  const grid = port.sheets.get('Declaraties')!;
  expect(grid[0].slice(9)).toEqual(['Tariefwijzer tarief (herschikking)', 'Tariefwijzer omzet', 'Tariefwijzer meegeteld', 'Tariefwijzer signalen (herschikking)', 'Tariefwijzer toelichting (herschikking)']);
  expect(grid[1][10]).toBe(1000);
  const sheet = port.sheets.get(HERSCHIK_SHEET)!;
  const names = sheet.flat().filter((v) => typeof v === 'string' && /^[=@]/.test(v));
  expect(names).toEqual(expect.arrayContaining(['=Zorg BV', '@Thuis']));
});

test('an adapter that can draw charts gets a line chart over the month table', async () => {
  const port = new MemoryWorkbook(sheets() as never) as MemoryWorkbook & { writeChart?: (c: ChartSpec) => Promise<void> };
  const charts: ChartSpec[] = [];
  port.writeChart = async (c) => {
    charts.push(c);
  };
  const params = resolveHerschikParameters({ peildatum: '2025-06-30' }).values;
  const out = await herschikWorkbook(port, pack, packParams, params);
  expect(out.chartWritten).toBe(true);
  expect(charts).toHaveLength(1);
  const c = charts[0];
  expect(c.sheet).toBe(HERSCHIK_SHEET);
  expect(c.lastRow - c.firstRow + 1).toBe(6);
  const grid = port.sheets.get(HERSCHIK_SHEET)!;
  expect(grid[c.headerRow][c.categoryColumn]).toBe('Maand');
  expect(c.seriesColumns.map((i) => grid[c.headerRow][i])).toEqual(['GGZ uitnutting', 'Contracteerruimte']);
});

test('the exceljs adapter: the same run writes the same figures', async () => {
  const wb = workbookFrom(sheets());
  const params = resolveHerschikParameters({ peildatum: '2025-06-30' }).values;
  const out = await herschikWorkbook(wb, pack, packParams, params);
  expect(out.result.sectors[0].afsprakenTotaal.toString()).toBe('20000');
  expect(wb.workbook.getWorksheet('Declaraties')!.getCell('K2').value).toBe(1000);
  expect(wb.workbook.getWorksheet('Declaraties')!.getCell('K2').numFmt).toBe('"€" #,##0.00');
});
