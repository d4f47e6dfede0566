/**
 * The pane's Excel host on the strict simulated Excel: refused below the floor with a Dutch reason; optional
 * features exactly where isSetSupported says so; a run is one undo step on ExcelApi 1.20, and a run Excel will
 * not group (UndoNotSupported, office-js 6255/6491/6711) runs again ungrouped and says why.
 */
import { compareVersions, FakeExcel, FakeOfficeError } from '../../src/demo-host/fake-excel';
import { createOfficeHost, NO_UNDO_GROUPS, undoGroupFailure, type Host } from '../../src/taskpane/office-port';
import { OWN_SETTLE_MS } from '../../src/taskpane/workbook-changes';
import { EXCEL_API_FLOOR, OPTIONAL_FEATURES } from '../../src/workbook/office/requirements';

const g = globalThis as unknown as { Office?: unknown; Excel?: unknown };

function install(fake: FakeExcel): void {
  g.Office = { context: { requirements: { isSetSupported: (name: string, v = '1.1') => name === 'ExcelApi' && compareVersions(v, fake.api) <= 0 } } };
  g.Excel = {
    run: (...args: unknown[]) => {
      const batch = args[args.length - 1] as never;
      return fake.excelRun(args.length > 1 ? (args[0] as { mergeUndoGroup?: boolean }) : undefined, batch);
    },
  };
}

afterEach(() => {
  delete g.Office;
  delete g.Excel;
});

function host(api: string): { fake: FakeExcel; host: Host } {
  const fake = FakeExcel.from({ Blad: [['a']] }, { api });
  install(fake);
  const office = createOfficeHost();
  if (!office.ok) throw new Error(office.reason);
  return { fake, host: office.host };
}

const write = (text: string) => async (port: import('../../src/workbook/port').WorkbookPort) => port.replaceSheet('Tariefwijzer', [[text]]);

test('below the floor: refused, in Dutch, naming the version', () => {
  install(FakeExcel.from({ Blad: [['a']] }, { api: '1.6' }));
  const office = createOfficeHost();
  expect(office.ok).toBe(false);
  expect(!office.ok && office.reason).toContain(`ExcelApi ${EXCEL_API_FLOOR} of nieuwer`);
});

test.each(['1.7', '1.17', '1.18', '1.20'])('on ExcelApi %s each optional feature is on exactly when its version is supported', (api) => {
  const { host: h } = host(api);
  for (const [feature, version] of Object.entries(OPTIONAL_FEATURES))
    expect([feature, h.features[feature as keyof typeof OPTIONAL_FEATURES]]).toEqual([feature, compareVersions(version, api) <= 0]);
  expect(h.undoNote).toBe(compareVersions(api, '1.20') >= 0 ? undefined : NO_UNDO_GROUPS);
});

test('ExcelApi 1.20: two runs in a row are two undo steps, one each', async () => {
  const { fake, host: h } = host('1.20');
  await h.runner(write('eerste'));
  await h.runner(write('tweede'));
  expect(fake.undoStack.map((s) => s.merged)).toEqual([true, true]);
  expect(h.undoNote).toBeUndefined();
  fake.undo();
  expect(fake.sheet('Tariefwijzer')!.cell(0, 0)!.value).toBe('eerste');
});

test("a run Excel will not group is run again ungrouped, and the pane is told why; other errors are the run's own", async () => {
  const { fake, host: h } = host('1.20');
  fake.failSync('writes', 'UndoNotSupported');
  await h.runner(write('eerste'));
  expect(fake.sheet('Tariefwijzer')!.cell(0, 0)!.value).toBe('eerste');
  expect(h.undoNote).toContain('UndoNotSupported');
  expect(h.undoGrouping).toBe(false);

  const second = host('1.20');
  second.fake.failSync('writes', 'ConnectionFailure');
  await expect(second.host.runner(write('x'))).rejects.toMatchObject({ code: 'ConnectionFailure' });
  expect(second.host.undoNote).toBeUndefined();
});

test('undoGroupFailure: the documented and reported codes, in Dutch', () => {
  expect(undoGroupFailure(new FakeOfficeError('GeneralException', 'internal error'))).toContain('GeneralException');
  expect(undoGroupFailure(new FakeOfficeError('AccessDenied', 'protected'))).toBeUndefined();
  expect(undoGroupFailure(new Error('no code'))).toBeUndefined();
});

describe("changes the add-in did not make (Excel's changed events)", () => {
  const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  test.each([
    ['1.20', 'triggerSource (1.14) and WorksheetCollection.onChanged (1.9)'],
    ['1.7', 'neither: Worksheet.onChanged per sheet, own writes told apart by time'],
  ])("ExcelApi %s (%s): the pane's own run is not reported, a user's edit is, with its sheet and cells", async (api) => {
    const { fake, host: h } = host(api);
    fake.sheets.push(...FakeExcel.from({ Tariefwijzer: [['oud']] }).sheets);
    const seen: unknown[] = [];
    const off = await h.onChange((change) => seen.push(change));
    await h.runner(write('eerste'));
    await settle(OWN_SETTLE_MS + 100);
    expect(seen).toEqual([]);
    fake.edit('Blad', 2, 1, 'nieuw');
    await settle(20);
    expect(seen).toEqual([{ sheet: 'Blad', address: 'B3', remote: false }]);
    await off();
    fake.edit('Blad', 2, 1, 'nog eens');
    await settle(20);
    expect(seen).toHaveLength(1);
  });

  test('ExcelApi 1.20: a change during a run that the run did not make is still reported (triggerSource tells them apart)', async () => {
    const { fake, host: h } = host('1.20');
    const seen: unknown[] = [];
    await h.onChange((change) => seen.push(change));
    await h.runner(async (port) => {
      fake.edit('Blad', 0, 0, 'tussendoor');
      await port.replaceSheet('Tariefwijzer', [['x']]);
    });
    await settle(20);
    expect(seen).toEqual([{ sheet: 'Blad', address: 'A1', remote: false }]);
  });

  test('an undo raises no changed event unless Excel does (simulated both ways); the pane then learns of it only by checking', async () => {
    for (const undoRaisesChanged of [false, true]) {
      const fake = FakeExcel.from({ Blad: [['a']] }, { api: '1.20', undoRaisesChanged });
      install(fake);
      const office = createOfficeHost();
      if (!office.ok) throw new Error(office.reason);
      const seen: Array<{ sheet?: string }> = [];
      await office.host.onChange((change) => seen.push(change));
      await office.host.runner(async (port) => port.replaceSheet('Blad', [['uit']]));
      await settle(20);
      fake.undo();
      await settle(20);
      expect([undoRaisesChanged, seen.map((c) => c.sheet)]).toEqual([undoRaisesChanged, undoRaisesChanged ? ['Blad'] : []]);
    }
  });
});
