/**
 * The simulated Excel host is strict where Excel is: one test per documented rule (the pages are cited in
 * src/demo-host/fake-excel.ts), and the Office adapter against those rules.
 */
import { FakeExcel, fakeContext, FakeOfficeError, PAYLOAD_LIMIT, type FakeContext } from '../../src/demo-host/fake-excel';
import { OfficeWorkbook } from '../../src/workbook/office/adapter';

type Ctx = Excel.RequestContext;
const ctx = (fake: FakeExcel) => fakeContext(fake);

async function code(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (e) {
    return e instanceof FakeOfficeError ? e.code : String(e);
  }
}

describe('requirement sets: a member below the declared API level fails at sync with ApiNotFound', () => {
  test('getRangeByIndexes (ExcelApi 1.7) on an Excel of 1.6; on 1.7 it works', async () => {
    const old = FakeExcel.from({ Blad: [['a']] }, { api: '1.6' });
    const range = ctx(old).workbook.worksheets.getItem('Blad').getRangeByIndexes(0, 0, 1, 1);
    range.load('values');
    expect(await code(ctx(old).sync())).toBe('ApiNotFound');
    const ok = FakeExcel.from({ Blad: [['a']] }, { api: '1.7' });
    const r2 = ctx(ok).workbook.worksheets.getItem('Blad').getRangeByIndexes(0, 0, 1, 1);
    r2.load('values');
    await ctx(ok).sync();
    expect(r2.values).toEqual([['a']]);
  });

  test('notes (1.18) and mergeUndoGroup (1.20) on an Excel of 1.17', async () => {
    const fake = FakeExcel.from({ Blad: [['a']] }, { api: '1.17' });
    ctx(fake).workbook.worksheets.getItem('Blad').notes.load('items');
    expect(await code(ctx(fake).sync())).toBe('ApiNotFound');
    expect(await code(fake.excelRun({ mergeUndoGroup: true }, async () => undefined))).toBe('ApiNotFound');
  });

  test('the adapter refuses to read on 1.6 and reads on 1.7', async () => {
    const rows = [
      ['Prestatiecode', 'NZa maximumtarief'],
      ['Z1105', 300],
    ];
    await expect(new OfficeWorkbook(ctx(FakeExcel.from({ Blad: rows }, { api: '1.6' }))).readSheets([{ sheet: 'Blad', rows: 10 }])).rejects.toMatchObject({
      code: 'ApiNotFound',
    });
    const [read] = await new OfficeWorkbook(ctx(FakeExcel.from({ Blad: rows }, { api: '1.7' }))).readSheets([{ sheet: 'Blad', rows: 10 }]);
    expect(read.cells[1]).toEqual(['Z1105', 300]);
  });
});

describe('payload limits (Excel on the web) and the 5,000,000-cell read limit', () => {
  const big = 'x'.repeat(1000);

  test('a request over 5 MB: RequestPayloadSizeLimitExceeded, and nothing of it is applied', async () => {
    const fake = FakeExcel.from({ Blad: [['a']] });
    const values = Array.from({ length: 6000 }, () => [big]);
    ctx(fake).workbook.worksheets.getItem('Blad').getRangeByIndexes(0, 0, values.length, 1).values = values;
    expect(await code(ctx(fake).sync())).toBe('RequestPayloadSizeLimitExceeded');
    expect(fake.sheet('Blad')!.cell(0, 0)!.value).toBe('a');
  });

  test('a response over 5 MB: ResponsePayloadSizeLimitExceeded; on the desktop neither limit applies', async () => {
    const rows = Array.from({ length: 6000 }, () => [big]);
    const web = FakeExcel.from({ Blad: rows });
    ctx(web).workbook.worksheets.getItem('Blad').getRangeByIndexes(0, 0, rows.length, 1).load('values');
    expect(await code(ctx(web).sync())).toBe('ResponsePayloadSizeLimitExceeded');
    expect(web.responses[0]).toBeGreaterThan(PAYLOAD_LIMIT);
    const desktop = FakeExcel.from({ Blad: rows }, { platform: 'desktop' });
    const range = ctx(desktop).workbook.worksheets.getItem('Blad').getRangeByIndexes(0, 0, rows.length, 1);
    range.load('values');
    await ctx(desktop).sync();
    expect(range.values).toHaveLength(6000);
  });

  test('reading the cells of a range over 5,000,000 cells fails with RangeExceedsLimit; its size can be loaded', async () => {
    const fake = FakeExcel.from({ Blad: [['a']] }, { platform: 'desktop' });
    const ws = ctx(fake).workbook.worksheets.getItem('Blad');
    const size = ws.getRangeByIndexes(0, 0, 1_000_000, 6);
    size.load('rowCount,columnCount');
    await ctx(fake).sync();
    expect(size.rowCount * size.columnCount).toBe(6_000_000);
    ws.getRangeByIndexes(0, 0, 1_000_000, 6).load('values');
    expect(await code(ctx(fake).sync())).toBe('RangeExceedsLimit');
  });

  test('the adapter reads again in smaller pieces when the response is refused', async () => {
    // cells far longer than the first rows suggested: the size estimate is wrong, Excel refuses the answer
    const rows: unknown[][] = [['Prestatiecode', 'Omschrijving']];
    for (let r = 0; r < 12_000; r++) rows.push(['Z1105', r < 1000 ? 'kort' : 'y'.repeat(900)]);
    const fake = FakeExcel.from({ Blad: rows as never });
    const port = new OfficeWorkbook(ctx(fake));
    await port.readSheets([{ sheet: 'Blad', rows: 1000 }]);
    fake.resetCounters();
    const [read] = await port.readSheets([{ sheet: 'Blad' }]);
    expect(read.cells).toHaveLength(12_001);
    expect(read.cells[12_000][1]).toBe('y'.repeat(900));
    expect(fake.responses.some((n) => n > PAYLOAD_LIMIT)).toBe(true); // one answer was refused ...
    expect(fake.maxRequest).toBeLessThan(PAYLOAD_LIMIT); // ... and read again
  });
});

test('sheet names are case-insensitive: getItem finds, add of the same name in other case fails', async () => {
  const fake = FakeExcel.from({ Tariefwijzer: [['x']] });
  const ws = ctx(fake).workbook.worksheets.getItem('TARIEFWIJZER');
  ws.load('name');
  await ctx(fake).sync();
  expect(ws.name).toBe('Tariefwijzer');
  ctx(fake).workbook.worksheets.add('tariefwijzer');
  expect(await code(ctx(fake).sync())).toBe('ItemAlreadyExists');
});

describe('undo: Worksheet.delete is not undoable; a merged run is one step', () => {
  test('inside a merged group delete fails with UndoNotSupported and clears the undo stack; the sheet stays', async () => {
    const fake = FakeExcel.from({ Blad: [['a']], Weg: [['b']] });
    await fake.excelRun({}, async (c: FakeContext) => {
      (c as unknown as Ctx).workbook.worksheets.getItem('Blad').getRange('A1').values = [['eerder']];
    });
    expect(fake.undoStack).toHaveLength(1);
    const run = fake.excelRun({ mergeUndoGroup: true }, async (c: FakeContext) => {
      (c as unknown as Ctx).workbook.worksheets.getItem('Weg').delete();
    });
    expect(await code(run)).toBe('UndoNotSupported');
    expect(fake.sheet('Weg')).toBeDefined();
    expect(fake.undoStack).toHaveLength(0);
  });

  test('outside a group delete works and clears the undo stack', async () => {
    const fake = FakeExcel.from({ Blad: [['a']], Weg: [['b']] });
    ctx(fake).workbook.worksheets.getItem('Blad').getRange('A1').values = [['eerder']];
    await ctx(fake).sync();
    ctx(fake).workbook.worksheets.getItem('Weg').delete();
    await ctx(fake).sync();
    expect(fake.sheet('Weg')).toBeUndefined();
    expect(fake.undo()).toBe(false);
  });

  test('a VeryHidden sheet cannot be deleted (InvalidOperation)', async () => {
    const fake = FakeExcel.from({ Blad: [['a']], Verborgen: [['b']] });
    fake.sheet('Verborgen')!.visibility = 'VeryHidden';
    ctx(fake).workbook.worksheets.getItem('Verborgen').delete();
    expect(await code(ctx(fake).sync())).toBe('InvalidOperation');
  });

  test('a merged run of several syncs is one step, undone at once; unmerged syncs are a step each', async () => {
    const fake = FakeExcel.from({ Blad: [['a', 'b']] });
    await fake.excelRun({ mergeUndoGroup: true }, async (c: FakeContext) => {
      const ws = (c as unknown as Ctx).workbook.worksheets.getItem('Blad');
      ws.getRange('A1').values = [['1']];
      await c.sync();
      ws.getRange('B1').values = [['2']];
    });
    expect(fake.undoStack.map((s) => [s.merged, s.operations])).toEqual([[true, 2]]);
    expect(fake.undo()).toBe(true);
    expect([fake.sheet('Blad')!.cell(0, 0)!.value, fake.sheet('Blad')!.cell(0, 1)!.value]).toEqual(['a', 'b']);
    await fake.excelRun(undefined, async (c: FakeContext) => {
      const ws = (c as unknown as Ctx).workbook.worksheets.getItem('Blad');
      ws.getRange('A1').values = [['1']];
      await c.sync();
      ws.getRange('B1').values = [['2']];
    });
    expect(fake.undoStack).toHaveLength(2);
  });

  test("the adapter's replaceSheet keeps the sheet: a run with it is one undo step, a user formula on it keeps working", async () => {
    const fake = FakeExcel.from({ Blad: [['a']], Tariefwijzer: [['oud'], [null, 1]] });
    fake.sheet('Tariefwijzer')!.visibility = 'VeryHidden';
    fake.setFormula('Blad', 0, 1, '=Tariefwijzer!B2*2');
    expect(fake.sheet('Blad')!.cell(0, 1)!.value).toBe(2);
    await fake.excelRun({ mergeUndoGroup: true }, async (c) => {
      const port = new OfficeWorkbook(c as unknown as Ctx);
      await port.replaceSheet('tariefwijzer', [['nieuw'], ['waarde', 21]]);
      await port.flush();
    });
    const sheet = fake.sheet('Tariefwijzer')!;
    expect([sheet.name, sheet.visibility, fake.sheets.indexOf(sheet)]).toEqual(['Tariefwijzer', 'VeryHidden', 1]);
    expect(sheet.cell(0, 0)!.value).toBe('nieuw');
    expect(fake.sheet('Blad')!.cell(0, 1)!.value).toBe(42);
    expect(fake.undoStack).toHaveLength(1);
    fake.undo();
    expect(fake.sheet('Tariefwijzer')!.cell(0, 0)!.value).toBe('oud');
    expect(fake.sheet('Blad')!.cell(0, 1)!.value).toBe(2);
  });
});

test('getSelectedRange() with several areas selected fails (InvalidSelection)', async () => {
  const fake = FakeExcel.from({ Blad: [['a']] });
  fake.selection = { sheet: 'Blad', row: 0, column: 0, rows: 1, columns: 1, areas: 2 };
  ctx(fake).workbook.getSelectedRange().load('rowIndex');
  expect(await code(ctx(fake).sync())).toBe('InvalidSelection');
  fake.selection = { sheet: 'Blad', row: 0, column: 0, rows: 1, columns: 1 };
  const range = ctx(fake).workbook.getSelectedRange();
  range.load('rowIndex');
  await ctx(fake).sync();
  expect(range.rowIndex).toBe(0);
});

test('conditionalFormats.clearAll() clears only inside its range: a rule reaching outside keeps those cells', async () => {
  const fake = FakeExcel.from({ Blad: [['a']] });
  const sheet = fake.sheet('Blad')!;
  sheet.conditionalFormats.push({ box: { row: 0, column: 0, rows: 10, columns: 4 }, formula: '=A1>1', fill: '#FF0000' });
  ctx(fake).workbook.worksheets.getItem('Blad').getRange('B1:B10').conditionalFormats.clearAll();
  await ctx(fake).sync();
  const covered = (r: number, c: number) =>
    sheet.conditionalFormats.some((cf) => r >= cf.box.row && r < cf.box.row + cf.box.rows && c >= cf.box.column && c < cf.box.column + cf.box.columns);
  expect([0, 1, 2, 3].map((c) => covered(4, c))).toEqual([true, false, true, true]);
  expect(sheet.conditionalFormats.every((cf) => cf.formula === '=A1>1')).toBe(true);
});

describe('sync() resolves after a real task boundary', () => {
  test('not within microtasks: the page gets a turn', async () => {
    const fake = FakeExcel.from({ Blad: [['a']] });
    let done = false;
    const synced = ctx(fake)
      .sync()
      .then(() => (done = true));
    for (let i = 0; i < 1000; i++) await Promise.resolve();
    expect(done).toBe(false);
    await synced;
    expect(done).toBe(true);
  });

  test('with a configured latency, a timer set before the sync runs first, and the host time is logged', async () => {
    const fake = FakeExcel.from({ Blad: [['a']] }, { latencyMs: 25 });
    const order: string[] = [];
    setTimeout(() => order.push('timer'), 0);
    const started = Date.now();
    await ctx(fake)
      .sync()
      .then(() => order.push('sync'));
    expect(order).toEqual(['timer', 'sync']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(20);
    expect(fake.hostTime).toHaveLength(1);
  });
});

test('deleting a sheet turns formulas that point at it into #REF!, also when a sheet of that name is added again', async () => {
  const fake = FakeExcel.from({ Blad: [['a']], Tariefwijzer: [['x'], [null, 5]] });
  fake.setFormula('Blad', 0, 1, '=Tariefwijzer!B2');
  expect(fake.sheet('Blad')!.cell(0, 1)!.value).toBe(5);
  const sheets = ctx(fake).workbook.worksheets;
  sheets.getItem('Tariefwijzer').delete();
  sheets.add('Tariefwijzer').getRange('B2').values = [[7]];
  await ctx(fake).sync();
  expect(fake.sheet('Blad')!.cell(0, 1)).toMatchObject({ value: '#REF!', type: 'Error', formula: '=#REF!B2' });
});

test('a sheet of the user\'s called "tariefwijzer" (other case) is not taken for the run record and not overwritten', async () => {
  const { annotateWorkbook } = await import('../../src/workbook/jobs/annotate');
  const { InputError } = await import('../../src/workbook/errors');
  const { getPack } = await import('../../src/policies');
  const fake = FakeExcel.from({
    Aanbieders: [
      ['Prestatiecode', 'NZa maximumtarief'],
      ['Z1105', 300],
    ],
    tariefwijzer: [['mijn eigen aantekeningen']],
  });
  const pack = getPack('zk-ggz-2025')!;
  await expect(annotateWorkbook(new OfficeWorkbook(ctx(fake)), pack, {})).rejects.toBeInstanceOf(InputError);
  expect(fake.sheet('tariefwijzer')!.cell(0, 0)!.value).toBe('mijn eigen aantekeningen');
});

describe('changed events (excel-add-ins-events: raised by the UI and by add-in code; triggerSource from ExcelApi 1.14)', () => {
  type Args = import('../../src/demo-host/fake-excel').FakeChangedEventArgs;
  const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

  test("the add-in's own value writes raise onChanged after the sync, marked ThisLocalAddin; formats alone raise none", async () => {
    const fake = FakeExcel.from({ Blad: [['a']], Ander: [['b']] }, { api: '1.20' });
    const seen: Args[] = [];
    ctx(fake).workbook.worksheets.onChanged.add(async (e) => void seen.push(e as unknown as Args));
    await ctx(fake).sync();
    const blad = ctx(fake).workbook.worksheets.getItem('Blad');
    blad.getRangeByIndexes(3, 7, 2, 2).values = [
      [1, 2],
      [3, 4],
    ];
    blad.getRangeByIndexes(0, 0, 1, 1).numberFormat = [['0.00%']];
    await ctx(fake).sync();
    expect(seen).toEqual([]); // raised after the request, not inside it
    await tick();
    expect(seen).toEqual([
      {
        type: 'WorksheetChanged',
        worksheetId: fake.sheet('Blad')!.id,
        address: 'H4:I5',
        changeType: 'RangeEdited',
        source: 'Local',
        triggerSource: 'ThisLocalAddin',
      },
    ]);
    // clearing contents is a data change too
    ctx(fake).workbook.worksheets.getItem('Ander').getRange('A1').clear('Contents');
    await ctx(fake).sync();
    await tick();
    expect(seen.map((e) => [e.address, e.worksheetId])).toEqual([
      ['H4:I5', fake.sheet('Blad')!.id],
      ['A1', fake.sheet('Ander')!.id],
    ]);
  });

  test("a user's edit is raised without ThisLocalAddin; Ctrl+Z raises nothing by default, and one event per changed sheet when modelled so", async () => {
    for (const undoRaisesChanged of [false, true]) {
      const fake = FakeExcel.from({ Blad: [['a', 1]], Ander: [['b']] }, { undoRaisesChanged });
      const seen: Args[] = [];
      ctx(fake).workbook.worksheets.onChanged.add(async (e) => void seen.push(e as unknown as Args));
      await ctx(fake).sync();
      fake.edit('Blad', 0, 1, '2');
      expect(fake.sheet('Blad')!.cell(0, 1)).toMatchObject({ value: 2, type: 'Integer' });
      await tick();
      expect(seen.map((e) => [e.address, e.triggerSource])).toEqual([['B1', 'Unknown']]);
      expect(fake.undo()).toBe(true);
      expect(fake.sheet('Blad')!.cell(0, 1)!.value).toBe(1);
      await tick();
      expect(seen.slice(1).map((e) => [e.worksheetId, e.triggerSource])).toEqual(undoRaisesChanged ? [[fake.sheet('Blad')!.id, 'Unknown']] : []);
    }
  });

  test('below ExcelApi 1.14 the arguments have no triggerSource; below 1.9 only Worksheet.onChanged (1.7), for its own sheet; remove() unregisters', async () => {
    const fake = FakeExcel.from({ Blad: [['a']], Ander: [['b']] }, { api: '1.8' });
    ctx(fake).workbook.worksheets.onChanged.add(async () => undefined);
    expect(await code(ctx(fake).sync())).toBe('ApiNotFound');
    const seen: Args[] = [];
    const registration = ctx(fake)
      .workbook.worksheets.getItem('Blad')
      .onChanged.add(async (e) => void seen.push(e as unknown as Args));
    await ctx(fake).sync();
    fake.edit('Ander', 0, 0, 'x');
    fake.edit('Blad', 0, 0, 'y');
    await tick();
    expect(seen).toEqual([{ type: 'WorksheetChanged', worksheetId: fake.sheet('Blad')!.id, address: 'A1', changeType: 'RangeEdited', source: 'Local' }]);
    registration.remove();
    await ctx(fake).sync();
    fake.edit('Blad', 0, 0, 'z');
    await tick();
    expect(seen).toHaveLength(1);
  });

  test('a sheet is found by its id as well as by its name (WorksheetCollection.getItem: "using its name or ID")', async () => {
    const fake = FakeExcel.from({ Blad: [['a']] });
    const sheets = ctx(fake).workbook.worksheets;
    sheets.load('items/id,items/name');
    await ctx(fake).sync();
    const byId = sheets.getItem(sheets.items[0].id);
    byId.load('name');
    await ctx(fake).sync();
    expect(byId.name).toBe('Blad');
  });
});

test("a sheet's cells by row and column: Map-like by 'row,column', removal while walking, used range from what is held", () => {
  const fake = FakeExcel.from({ Blad: [['a', 'b'], [], [null, 'c']] });
  const sheet = fake.sheet('Blad')!;
  expect([...sheet.cells.keys()]).toEqual(['0,0', '0,1', '2,1']);
  expect(sheet.cells.size).toBe(3);
  expect(sheet.cells.get('2,1')?.value).toBe('c');
  expect(sheet.cell(2, 0)).toBeUndefined();
  sheet.ensure(5, 16_383).value = 'ver';
  sheet.ensure(5, 16_383).type = 'String';
  sheet.invalidate();
  expect(sheet.used(true)).toEqual({ row: 0, column: 0, rows: 6, columns: 16_384 });
  for (const [key] of sheet.cells) if (key.startsWith('0,')) sheet.cells.delete(key);
  expect(sheet.cellKeys()).toEqual(['2,1', '5,16383']);
  expect([sheet.cells.size, sheet.cells.has('0,1'), sheet.cells.delete('0,1')]).toEqual([2, false, false]);
  sheet.cells.clear();
  expect([sheet.cells.size, [...sheet.cells.values()]]).toEqual([0, []]);
});
