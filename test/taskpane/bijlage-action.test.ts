/** The Bijlage action's pane-independent parts on the simulated host: the same job code, a new sheet, text stays text. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FakeExcel, fakeContext } from '../../src/demo-host/fake-excel';
import { resolveParameters } from '../../src/domain/policy/load';
import { getPack } from '../../src/policies';
import { bijlageGrid, bijlageGrids, bijlageSheetName, writeBijlageSheet } from '../../src/taskpane/bijlage-action';
import { collectBijlagen } from '../../src/workbook/jobs/bijlagen';
import { providerOfRow } from '../../src/workbook/jobs/row-provider';
import { XlsxWorkbook } from '../../src/workbook/xlsx/adapter';
import { ROWS, writeBijlagenWorkbook } from '../fixtures/bijlagen-workbook';

const pack = getPack('zk-ggz-2025')!;
const { values: params } = resolveParameters(pack, { richttarief: '96', richttarief_vv: '95,5' });
const datum = { year: 2025, month: 10, day: 25 };

let file: string;
beforeAll(async () => {
  file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tw-bijlage-action-')), 'aanbieders.xlsx');
  await writeBijlagenWorkbook(file);
});

test('a provider in two regions: a sheet per region, with the tariffs of the job', async () => {
  const agb = '74120005';
  const grids = await bijlageGrids(await XlsxWorkbook.fromFile(file), pack, params, agb, datum, ['Aanbieders']);
  expect(grids.map((g) => g.name)).toEqual(ROWS.filter((r) => r[0] === agb).map((r) => `Bijlage ${agb} ${r[2]}`));
  const expected = (await collectBijlagen(await XlsxWorkbook.fromFile(file), pack, params, { agb: [agb] })).bijlagen.map((b) =>
    b.lines.map((l) => l.result.tarief!.toNumber()),
  );
  const fake = new FakeExcel();
  for (const g of grids) await writeBijlageSheet(fakeContext(fake), g);
  grids.forEach((g, i) => {
    const sheet = fake.sheet(g.name)!;
    const header = g.values.findIndex((row) => row.includes('Tarief'));
    const column = g.values[header].indexOf('Tarief');
    const tariffs = g.values.slice(header + 1).flatMap((_, r) => {
      const cell = sheet.cell(header + 1 + r, column);
      return typeof cell?.value === 'number' ? [cell.value] : [];
    });
    expect(tariffs).toEqual(expected[i]);
    expect(sheet.cell(header + 1, column)!.numberFormat).toBe('"€" #,##0.00');
    expect(sheet.cell(header, column)!.bold).toBe(true);
  });
});

test('text that looks like a formula lands as text', async () => {
  const grid = bijlageGrid(
    { name: 'x', rows: [[{ value: '=SOM(A1)' }, { value: 12.5, style: 'euro' }]], widths: [10, 10], pageHeader: { left: '', right: '' }, pageFooter: '' },
    'Bijlage 1',
  );
  const fake = new FakeExcel();
  await writeBijlageSheet(fakeContext(fake), grid);
  const cell = fake.sheet('Bijlage 1')!.cell(0, 0)!;
  expect([cell.value, cell.type, cell.formula]).toEqual(['=SOM(A1)', 'String', undefined]);
});

test('sheet names: unique, at most 31 characters, without forbidden characters', () => {
  expect(bijlageSheetName('74120005', undefined, ['bijlage 74120005'])).toBe('Bijlage 74120005 (2)');
  const long = bijlageSheetName('74120005', 'Zorgkantoor Amsterdam/Zaanstreek', []);
  expect(long.length).toBeLessThanOrEqual(31);
  expect(long).not.toMatch(/[[\]:*?/\\]/);
});

test("the selected row's provider: AGB-code and name from its cells; the header row and a row without AGB-code have none", async () => {
  const withBlank = path.join(path.dirname(file), 'zonder-agb.xlsx');
  const blank = ['', ...ROWS[0].slice(1)];
  await writeBijlagenWorkbook(withBlank, [...ROWS, blank]);
  const port = await XlsxWorkbook.fromFile(withBlank);
  // the header is row 0; data row i is sheet row i + 1
  for (const i of [0, 3, ROWS.length - 1])
    expect(await providerOfRow(port, pack, 'Aanbieders', i + 1)).toEqual({ kind: 'provider', agb: ROWS[i][0], naam: ROWS[i][1] });
  expect((await providerOfRow(port, pack, 'Aanbieders', 0)).kind).toBe('none');
  expect(await providerOfRow(port, pack, 'Aanbieders', ROWS.length + 1)).toMatchObject({ kind: 'none', reason: expect.stringContaining('geen AGB-code') });
});
