/**
 * The pane's words for a rerun, from a real rerun of the GGZ example with one NZa maximumtarief changed: the
 * title counts the change, the line names the row's AGB, code and both tariffs, and "Volgende open rij" steps
 * through the rows the review column leaves open (issue 25).
 */
import { dec, formatEuro } from '../../src/domain/money';
import { resolveParameters } from '../../src/domain/policy/load';
import { getPack } from '../../src/policies';
import {
  causesText,
  changeLine,
  changesTitle,
  moreChangesText,
  moreProvidersText,
  nextOpenRow,
  PANE_CHANGES,
  PANE_PROVIDERS,
  reviewEntries,
} from '../../src/taskpane/tabs/tarieven/changes-text';
import { annotateWorkbook, type AnnotateOutcome } from '../../src/workbook/jobs/annotate';
import { readReviewCounts } from '../../src/workbook/jobs/review';
import { BridgedXlsx } from '../workbook/xlsx-bridge';

const pack = getPack('zk-ggz-2025')!;
const params = resolveParameters(pack, { richttarief: '97,3' }).values;
const SHEET = 'Aanbieders GGZ';
const now = new Date('2026-12-01T10:00:00Z');
jest.setTimeout(20_000);

test('first run: no summary; a rerun with one maximumtarief changed: one change, its row, and the review steps', async () => {
  const wb = await BridgedXlsx.fromFile('examples/ggz-2025-zilveren-kruis.xlsx');
  const first = await annotateWorkbook(wb, pack, params, { now });
  expect(changesTitle(first.changes)).toBeUndefined();

  const ws = wb.workbook.getWorksheet(SHEET)!;
  let review = 0;
  ws.getRow(3).eachCell((cell, c) => {
    if (cell.value === 'Tariefwijzer beoordeling') review = c;
  });
  expect(review).toBeGreaterThan(0);
  const agb = String(ws.getCell(4, 1).value);
  const code = String(ws.getCell(4, 4).value);
  ws.getCell(4, 8).value = 240; // NZa maximumtarief of the first data row (sheet row 4, 0-based 3)
  ws.getCell(6, review).value = 'akkoord';
  const second = await annotateWorkbook(wb, pack, params, { now });

  expect(changesTitle(second.changes)).toBe('1 rij gewijzigd sinds de vorige berekening');
  const [change] = second.changes!.firstListed(1);
  expect(change.row).toBe(3);
  const result = second.run.results.find((r) => r.ref === `${SHEET}!4`)!;
  expect(changeLine(change)).toBe(`AGB ${agb} · ${code} · ${formatEuro(dec(change.old!.tarief!))} → ${formatEuro(result.tarief!)}`);
  expect(change.old!.tarief).not.toBe(change.new!.tarief);
  expect(causesText(change)).toContain('NZa-maximumtarief gewijzigd');

  const counts = (await readReviewCounts(wb))!;
  const computed = second.run.results.length;
  const entries = Object.fromEntries(reviewEntries(counts));
  expect(entries.akkoord).toBe(1);
  expect(entries.afwijking).toBe(0);
  expect(entries.open).toBe(computed - 1);
  expect(counts.openRows).not.toContain(5);
  // stepping: from nothing to the first open row, past the akkoord row, and round again after the last
  expect(nextOpenRow(counts.openRows, undefined)).toBe(3);
  expect(nextOpenRow(counts.openRows, 4)).toBe(counts.openRows.find((r) => r > 5));
  expect(nextOpenRow(counts.openRows, counts.openRows[counts.openRows.length - 1])).toBe(3);
  expect(nextOpenRow([], undefined)).toBeUndefined();
});

test('a tariff cell typed over by hand with a text or a tenth of a cent more: the line and its cause show what is there, never an error', async () => {
  const wb = await BridgedXlsx.fromFile('examples/ggz-2025-zilveren-kruis.xlsx');
  await annotateWorkbook(wb, pack, params, { now });
  const ws = wb.workbook.getWorksheet(SHEET)!;
  let tariff = 0;
  ws.getRow(3).eachCell((cell, c) => {
    if (cell.value === 'Tariefwijzer tarief') tariff = c;
  });
  expect(tariff).toBeGreaterThan(0);
  const written = Number(ws.getCell(4, tariff).value);
  ws.getCell(4, tariff).value = 'n.v.t.';
  ws.getCell(5, tariff).value = Number((Number(ws.getCell(5, tariff).value) + 0.001).toFixed(3));
  const second = await annotateWorkbook(wb, pack, params, { now });
  const [text, subCent] = second.changes!.firstListed(2);
  expect(changeLine(text)).toBe(`AGB ${text.agb} · ${text.code} · n.v.t. → ${formatEuro(dec(written))}`);
  expect(causesText(text)).toBe(`Tariefwijzer-cel met de hand gewijzigd: tarief n.v.t. ingevuld, berekend was ${formatEuro(dec(written))}`);
  // the amount typed keeps its third decimal: it is not shown as the amount that was computed
  expect(causesText(subCent)).toMatch(/^Tariefwijzer-cel met de hand gewijzigd: tarief € \d+,\d{3} ingevuld, berekend was € \d+,\d{2}$/);
  expect(changeLine(subCent)).toMatch(/ · € \d+,\d{3} → € \d+,\d{2}$/);
});

/** Every change a rerun listed. */
const all = (outcome: AnnotateOutcome) => outcome.changes!.firstListed(outcome.changes!.listedCount);

test('a row without a tariff on either side is named by its percentages, not by "— → —"', async () => {
  const wb = await BridgedXlsx.fromFile('examples/ggz-2025-zilveren-kruis.xlsx');
  wb.workbook.getWorksheet(SHEET)!.getCell(4, 8).value = 'onbekend'; // the NZa maximumtarief of the first data row
  await annotateWorkbook(wb, pack, params, { now });
  const second = await annotateWorkbook(wb, pack, resolveParameters(pack, { richttarief: '96' }).values, { now });
  const without = all(second).filter((c) => !c.old?.tarief && !c.new?.tarief);
  expect(without.map((c) => c.row)).toEqual([3]);
  expect(changeLine(without[0])).toBe(`AGB ${without[0].agb} · ${without[0].code} · 97,3% → 96%`);
  const withTariff = all(second).find((c) => c.old?.tarief)!;
  expect(changeLine(withTariff)).toMatch(/ · € \d+,\d\d → € \d+,\d\d$/);
});

test('more changes than the pane shows: it says how many, and what the sheet has', () => {
  const perProvider = (n: number) => Array.from({ length: n }, (_, i) => ({ agb: String(i), provider: `Aanbieder ${i}`, count: 1 }));
  const changes = (total: number, onSheet: number, providers: number) => ({
    total,
    listedCount: onSheet,
    firstListed: () => [],
    perProvider: perProvider(providers),
    notes: [],
  });
  expect(moreChangesText(changes(PANE_CHANGES, PANE_CHANGES, 1), PANE_CHANGES)).toBeUndefined();
  expect(moreChangesText(changes(1234, 1234, 1), PANE_CHANGES)).toBe(
    `Hieronder de eerste ${PANE_CHANGES} van 1.234; het blad "Tariefwijzer wijzigingen" noemt ze allemaal.`,
  );
  expect(moreChangesText(changes(30000, 20000, 1), PANE_CHANGES)).toBe(
    `Hieronder de eerste ${PANE_CHANGES} van 30.000; het blad "Tariefwijzer wijzigingen" noemt de eerste 20.000 en telt ze allemaal.`,
  );
  expect(moreProvidersText(changes(1, 1, PANE_PROVIDERS), PANE_PROVIDERS)).toBeUndefined();
  expect(moreProvidersText(changes(1, 1, PANE_PROVIDERS + 1), PANE_PROVIDERS)).toBe('… en 1 andere zorgaanbieder (op het blad "Tariefwijzer wijzigingen")');
  expect(moreProvidersText(changes(1, 1, PANE_PROVIDERS + 1200), PANE_PROVIDERS)).toBe(
    '… en 1.200 andere zorgaanbieders (op het blad "Tariefwijzer wijzigingen")',
  );
});
