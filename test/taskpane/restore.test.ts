/** Opening a workbook: the recorded run and its pack, also when that pack is the workbook's own policy sheet. */
import path from 'node:path';
import { resolveParameters } from '../../src/domain/policy/load';
import { listPacks, SHIPPED_RESOLVER } from '../../src/policies';
import { restoreLastRun } from '../../src/taskpane/restore';
import { annotateWorkbook } from '../../src/workbook/jobs/annotate';
import { loadPackFromSheet } from '../../src/workbook/policy-sheet';
import { BridgedXlsx as XlsxWorkbook } from '../workbook/xlsx-bridge';

const EXAMPLE = path.join(__dirname, '../../examples/beleid-in-werkmap.xlsx');

test('a run with the workbook policy sheet is restored with that pack; an input change shows as changed', async () => {
  const wb = await XlsxWorkbook.fromFile(EXAMPLE);
  const loaded = await loadPackFromSheet(wb, 'Tariefwijzer beleid', SHIPPED_RESOLVER);
  const pack = loaded.pack!;
  expect(listPacks().some((p) => p.id === pack.id)).toBe(false);
  const outcome = await annotateWorkbook(wb, pack, resolveParameters(pack, {}).values);

  const restored = await restoreLastRun(wb, listPacks());
  expect(restored).toMatchObject({ own: true, changed: false, run: { packId: pack.id, complete: true } });
  // where the run's review cells are, read from the sheet's header: the columns the run wrote them in
  expect(restored!.reviewColumns).toEqual(outcome.reviewColumns);
  expect(restored!.reviewColumns).toHaveLength(3);
  expect(restored!.pack.rules.map((r) => r.id)).toEqual(pack.rules.map((r) => r.id));

  // the first data row's maximumtarief changes: the same pack, now with changed inputs
  const ws = wb.workbook.getWorksheet('Aanbieders GGZ')!;
  const header = ws.getRow(3).values as unknown[]; // the header is on row 3, data from row 4
  const column = header.findIndex((v) => typeof v === 'string' && /maximumtarief/i.test(v));
  expect(column).toBeGreaterThan(0);
  ws.getCell(4, column).value = 1234.56;
  expect(await restoreLastRun(wb, listPacks())).toMatchObject({ own: true, changed: true });
});

test('a recorded pack that is neither shipped nor in the workbook is not guessed', async () => {
  const wb = await XlsxWorkbook.fromFile(EXAMPLE);
  const pack = (await loadPackFromSheet(wb, 'Tariefwijzer beleid', SHIPPED_RESOLVER)).pack!;
  await annotateWorkbook(wb, pack, resolveParameters(pack, {}).values);
  wb.workbook.removeWorksheet(wb.workbook.getWorksheet('Tariefwijzer beleid')!.id);
  expect(await restoreLastRun(wb, listPacks())).toBeUndefined();
});
