/**
 * The checks the pane makes when it is used again (row-check.ts), on the simulated Excel: a row's cells show the
 * session's result until they are changed; the run record on the sheet is the shown run until an undo brings back
 * the one before.
 */
import { FakeExcel, fakeContext } from '../../src/demo-host/fake-excel';
import { demoWorkbook } from '../../src/demo-host/workbooks';
import { getPack } from '../../src/policies';
import { affectsRun, reviewOnly, rowShows, sameRun } from '../../src/taskpane/row-check';
import { annotateWorkbook, readRowExplanation } from '../../src/workbook/jobs/annotate';
import { META_SHEET } from '../../src/workbook/names';
import { readLastRun } from '../../src/workbook/jobs/last-run';
import { OfficeWorkbook } from '../../src/workbook/office/adapter';
import { dec } from '../../src/domain/money';

const pack = getPack('zk-ggz-2025')!;

async function run(fake: FakeExcel, richttarief: string) {
  return fake.excelRun({ mergeUndoGroup: true }, async (context) => {
    const port = new OfficeWorkbook(context as unknown as Excel.RequestContext);
    const outcome = await annotateWorkbook(port, pack, { richttarief: dec(richttarief) });
    await port.flush();
    return outcome;
  });
}
const port = (fake: FakeExcel) => new OfficeWorkbook(fakeContext(fake));

test("a row's cells show the run's result until the user (or an undo) changes them", async () => {
  const fake = FakeExcel.from(demoWorkbook());
  const outcome = await run(fake, '97.3');
  const row4 = outcome.run.results.find((r) => r.ref === 'Aanbieders!4')!;
  expect(row4.tarief?.toString()).toBe('297.9');
  expect(rowShows(row4, await readRowExplanation(port(fake), 'Aanbieders', 3))).toBe(true);
  // every row of the run, also those without a tariff
  for (const r of outcome.run.results) {
    const row = Number(r.ref.split('!')[1]) - 1;
    expect([r.ref, rowShows(r, await readRowExplanation(port(fake), 'Aanbieders', row))]).toEqual([r.ref, true]);
  }
  fake.edit('Aanbieders', 3, 7, 290);
  expect(rowShows(row4, await readRowExplanation(port(fake), 'Aanbieders', 3))).toBe(false);
});

test('after an undo of the second run the sheet records the first: not the run shown, and row 4 no longer shows it', async () => {
  const fake = FakeExcel.from(demoWorkbook());
  await run(fake, '97.3');
  const first = (await readLastRun(port(fake)))!;
  const outcome = await run(fake, '96');
  const second = (await readLastRun(port(fake)))!;
  expect(sameRun(await readLastRun(port(fake)), second)).toBe(true);
  expect(sameRun(first, second)).toBe(false);
  fake.undo();
  expect(sameRun(await readLastRun(port(fake)), second)).toBe(false);
  expect(sameRun(await readLastRun(port(fake)), first)).toBe(true);
  const row4 = outcome.run.results.find((r) => r.ref === 'Aanbieders!4')!;
  expect(rowShows(row4, await readRowExplanation(port(fake), 'Aanbieders', 3))).toBe(false);
  fake.undo();
  expect(sameRun(await readLastRun(port(fake)), first)).toBe(false); // no record at all
});

test("the sheets whose changes can outdate a run: its own, the run record, a tariff sheet; another sheet's cannot", () => {
  expect(affectsRun('Aanbieders', 'Aanbieders')).toBe(true);
  expect(affectsRun(META_SHEET.toLowerCase(), 'Aanbieders')).toBe(true);
  expect(affectsRun(undefined, 'Aanbieders')).toBe(true);
  expect(affectsRun('NZa-tarieven 2025', 'Aanbieders')).toBe(true);
  expect(affectsRun('Kader', 'Aanbieders')).toBe(false);
});

test('a verdict typed in the review cells the run wrote outdates nothing; any other change on the sheet does', async () => {
  const { columnName } = await import('../../src/workbook/port');
  const { OUTPUT_HEADERS, REVIEW_CELLS } = await import('../../src/workbook/headers');
  const fake = FakeExcel.from(demoWorkbook());
  const outcome = await run(fake, '97.3');
  // the review columns the run reports are the ones under the review headers on the sheet
  const header = fake.sheet('Aanbieders')!;
  expect(outcome.reviewColumns.map((c) => header.cell(outcome.headerRow, c)?.value)).toEqual(REVIEW_CELLS.map((k) => OUTPUT_HEADERS[k]));
  const columns = outcome.reviewColumns;
  const [first, last] = [columnName(columns[0]), columnName(columns[columns.length - 1])];
  const on = (address: string, sheet: string | undefined = 'Aanbieders') => reviewOnly({ sheet, address }, 'Aanbieders', columns);
  expect(on(`${first}4`)).toBe(true);
  expect(on(`${first}4:${last}9`)).toBe(true);
  expect(on(`$${first}$4:$${last}$9,${last}12`)).toBe(true);
  expect(on(`${first}:${last}`)).toBe(true);
  expect(on(`${first.toLowerCase()}4`, 'aanbieders')).toBe(true);
  // one cell beyond them, a whole row, another sheet, no known review columns: the input may have changed
  expect(on(`${columnName(columns[0] - 1)}4:${first}4`)).toBe(false);
  expect(on(`${first}4,${columnName(columns[0] - 1)}4`)).toBe(false);
  expect(on('4:9')).toBe(false);
  expect(on(`${first}4`, 'Kader')).toBe(false);
  expect(reviewOnly({ sheet: undefined, address: `${first}4` }, 'Aanbieders', columns)).toBe(false);
  expect(reviewOnly({ sheet: 'Aanbieders', address: `${first}4` }, 'Aanbieders', [])).toBe(false);
});
