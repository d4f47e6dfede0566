/**
 * The Herschikking and Beoordelen tabs' checks (run-record.ts) on the simulated Excel: the record of a run's own
 * sheet holds until an undo brings back the run before or the user edits it; which changes can outdate a result.
 */
import { FakeExcel, fakeContext } from '../../src/demo-host/fake-excel';
import { demoWorkbook } from '../../src/demo-host/workbooks';
import { dec } from '../../src/domain/money';
import { listProcedures, resolveProcedureParameters } from '../../src/domain/assessments';
import { resolveHerschikParameters } from '../../src/domain/production';
import { getPack } from '../../src/policies';
import { affectsAssessment, affectsHerschikking, readSheetRecord } from '../../src/taskpane/run-record';
import { META_SHEET } from '../../src/workbook/names';
import { ASSESS_SHEET, assessWorkbook } from '../../src/workbook/jobs/assess';
import { herschikWorkbook, HERSCHIK_SHEET } from '../../src/workbook/jobs/herschik';
import { OfficeWorkbook } from '../../src/workbook/office/adapter';

const pack = getPack('zk-ggz-2025')!;
const port = (fake: FakeExcel) => new OfficeWorkbook(fakeContext(fake));
const NOW = new Date(2025, 6, 1, 12, 0);

function herschik(fake: FakeExcel, richttarief: string) {
  return fake.excelRun({ mergeUndoGroup: true }, async (context) => {
    const p = new OfficeWorkbook(context as unknown as Excel.RequestContext);
    return herschikWorkbook(p, pack, { richttarief: dec(richttarief) }, resolveHerschikParameters().values, { now: NOW });
  });
}

test('the herschikking sheet keeps its record until an undo brings back the run before, or the user edits it', async () => {
  const fake = FakeExcel.from(demoWorkbook());
  expect(await readSheetRecord(port(fake), HERSCHIK_SHEET)).toBeUndefined();
  await herschik(fake, '97.3');
  const first = await readSheetRecord(port(fake), HERSCHIK_SHEET);
  await herschik(fake, '96');
  const second = await readSheetRecord(port(fake), HERSCHIK_SHEET);
  // the same time on both: the record differs by what the run wrote, not by its clock
  expect(second).toBeDefined();
  expect(second).not.toBe(first);
  expect(await readSheetRecord(port(fake), HERSCHIK_SHEET)).toBe(second);
  fake.undo();
  expect(await readSheetRecord(port(fake), HERSCHIK_SHEET)).toBe(first);
  fake.edit(HERSCHIK_SHEET, 0, 0, 'eigen titel');
  expect(await readSheetRecord(port(fake), HERSCHIK_SHEET)).not.toBe(first);
});

test('the summary sheet of an assessment: a re-run with other parameters gives another record, its undo the first again', async () => {
  const fake = FakeExcel.from(demoWorkbook());
  const proc = listProcedures().find((p) => p.policies.includes(pack.id))!;
  const assess = (texts: Record<string, string>) =>
    fake.excelRun({ mergeUndoGroup: true }, async (context) => {
      const p = new OfficeWorkbook(context as unknown as Excel.RequestContext);
      return assessWorkbook(p, proc, resolveProcedureParameters(proc, texts).values, { now: NOW });
    });
  const outcome = await assess({});
  expect(outcome.mode).toBe('lijst');
  const first = await readSheetRecord(port(fake), ASSESS_SHEET);
  const [name, def] = Object.entries(proc.parameters).find(([, d]) => d.type === 'number' || d.type === 'percentage')!;
  await assess({ [name]: String(Number(def.default ?? 0) + 1) });
  expect(await readSheetRecord(port(fake), ASSESS_SHEET)).not.toBe(first);
  fake.undo();
  expect(await readSheetRecord(port(fake), ASSESS_SHEET)).toBe(first);
});

test('the changes that can outdate a herschikking or an assessment', () => {
  const change = (sheet: string | undefined) => ({ sheet, address: 'A1', remote: false });
  // a herschikking reads every sheet (a contracteerruimte can be on any) but the tariff run's record
  expect(affectsHerschikking(change('Kader'))).toBe(true);
  expect(affectsHerschikking(change(HERSCHIK_SHEET))).toBe(true);
  expect(affectsHerschikking(change(undefined))).toBe(true);
  expect(affectsHerschikking(change(META_SHEET.toUpperCase()))).toBe(false);
  // an assessment: the sheets it read, its own, a sheet added since; not another
  const read = ['Aanvraagformulier', 'Beoordeling zorgkantoor'];
  expect(affectsAssessment(change('beoordeling zorgkantoor'), read, ASSESS_SHEET)).toBe(true);
  expect(affectsAssessment(change(ASSESS_SHEET), read, ASSESS_SHEET)).toBe(true);
  expect(affectsAssessment(change(undefined), read, ASSESS_SHEET)).toBe(true);
  expect(affectsAssessment(change('Declaraties 2025'), read, ASSESS_SHEET)).toBe(false);
});
