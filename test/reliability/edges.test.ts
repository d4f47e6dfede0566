/**
 * Failures at the edges: a protected sheet (refused, nothing written), a run broken off mid-write in the
 * add-in (marked "onvolledig", repaired by a re-run), and the CLI never leaving a half file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveParameters } from '../../src/domain/policy/load';
import { getPack } from '../../src/policies';
import { annotateWorkbook } from '../../src/workbook/jobs/annotate';
import { CHANGES_SHEET } from '../../src/workbook/jobs/change-sheet';
import { detectLayout } from '../../src/workbook/jobs/layout';
import { inputsChanged, readLastRun } from '../../src/workbook/jobs/last-run';
import { META_SHEET, STATUS_COMPLETE, STATUS_INCOMPLETE } from '../../src/workbook/names';
import { InputError } from '../../src/workbook/errors';
import { OfficeWorkbook } from '../../src/workbook/office/adapter';
import { BridgedXlsx as XlsxWorkbook } from '../workbook/xlsx-bridge';
import { XlsxWorkbook as PackageWorkbook } from '../../src/workbook/xlsx/adapter';
import { fakeContext } from '../../src/demo-host/fake-excel';
import { buildFake, buildXlsx, subjects, type WorkbookSpec } from './workbooks';
import { runCli } from '../cli/run';

const pack = getPack('zk-ggz-2025')!;
const params = resolveParameters(pack, { richttarief: '97,3' }).values;
const now = new Date('2026-11-24T12:00:00Z');
/** An earlier run with another richttarief, so that its output differs from the run that breaks off. */
const earlier = { params: resolveParameters(pack, { richttarief: '95' }).values, now: new Date('2026-01-01T00:00:00Z') };

function spec(overrides: Partial<WorkbookSpec['Aanbieders']> = {}): WorkbookSpec {
  return {
    Aanbieders: {
      rows: [
        ['AGB code', 'Naam zorgaanbieder', 'Prestatiecode', 'Zorgprofiel', 'Leveringsvorm', 'NZa maximumtarief'],
        ['73730001', 'Zorg Noord', 'Z1105', 'GGZ-W5', 'Verblijf', 300],
        ['73730002', 'Zorg Zuid', 'V1101', 'W1', 'VPT', 140],
        ['73730003', 'Kliniek', 'Z1007', null, null, 412.18],
      ],
      ...overrides,
    },
    'NZa tarieven': {
      rows: [
        ['Prestatiecode', 'NZa maximumtarief'],
        ['Z1007', 412.18],
      ],
    },
  };
}

describe('a protected data sheet', () => {
  for (const s of subjects(spec({ protected: true }))) {
    test(`is refused in Dutch before anything is written (${s.name})`, async () => {
      const before = s.allCells();
      const layout = await detectLayout(s.port(), pack);
      expect(layout.protected).toBe(true);
      expect(layout.warnings.join('\n')).toMatch(/Blad "Aanbieders" is beveiligd/);
      const run = annotateWorkbook(s.port(), pack, params, { now });
      await expect(run).rejects.toThrow(InputError);
      await expect(annotateWorkbook(s.port(), pack, params, { now })).rejects.toThrow(/is beveiligd.*Beveiliging blad opheffen.*er is niets gewijzigd/);
      expect(s.allCells()).toBe(before);
      expect(await s.port().sheetNames()).not.toContain(META_SHEET);
    });
  }

  test('the fake host refuses writes to a protected sheet like Excel (AccessDenied), and a protected tariff sheet is only read', async () => {
    const fake = buildFake(spec({ protected: true }));
    const ws = fake.context.workbook.worksheets.getItem('Aanbieders');
    ws.getRangeByIndexes(0, 10, 1, 1).values = [['x']];
    await expect(fake.context.sync()).rejects.toThrow(/AccessDenied/);
    expect(fake.sheet('Aanbieders')!.cell(0, 10)).toBeUndefined();
    // protection elsewhere does not matter: the tariff sheet is only read
    const other = spec();
    other['NZa tarieven'].protected = true;
    for (const s of subjects(other)) await expect(annotateWorkbook(s.port(), pack, params, { now })).resolves.toMatchObject({ tariffsSet: 3 });
  });

  test('a protected sheet survives a save and load (exceljs writes <sheetProtection>) and is refused', async () => {
    const wb = buildXlsx(spec());
    await wb.workbook.getWorksheet('Aanbieders')!.protect('', {});
    const back = await XlsxWorkbook.fromBuffer(await wb.workbook.xlsx.writeBuffer());
    await expect(annotateWorkbook(back, pack, params, { now })).rejects.toThrow(/is beveiligd/);
  });
});

describe('a run broken off while writing (Office.js, fake host)', () => {
  /** The workbook after one clean run: what any broken-off run must be repaired to. */
  async function reference(previous: boolean) {
    const fake = buildFake(spec());
    if (previous) await annotateWorkbook(new OfficeWorkbook(fakeContext(fake), { conditionalFormats: true }), pack, earlier.params, { now: earlier.now });
    fake.resetCounters();
    await annotateWorkbook(new OfficeWorkbook(fakeContext(fake), { conditionalFormats: true }), pack, params, { now });
    return { cells: fake.snapshot({ sheets: [CHANGES_SHEET] }), data: fake.snapshot({ sheets: [META_SHEET] }), syncs: fake.syncCount };
  }

  for (const previous of [false, true]) {
    test(`${previous ? 'over an earlier run' : 'on a fresh workbook'}: every break point leaves unchanged output or a run marked onvolledig; a re-run repairs it`, async () => {
      const ref = await reference(previous);
      const lastSync = ref.syncs;
      const outcomes = new Set<string>();
      for (let k = 0; k <= 40; k++) {
        const fake = buildFake(spec());
        const port = () => new OfficeWorkbook(fakeContext(fake), { conditionalFormats: true });
        if (previous) await annotateWorkbook(port(), pack, earlier.params, { now: earlier.now });
        const outputBefore = fake.snapshot({ sheets: [META_SHEET] });
        fake.failSync(lastSync, 'ConnectionFailure', k);
        await expect(annotateWorkbook(port(), pack, params, { now })).rejects.toThrow(/ConnectionFailure/);
        const last = await readLastRun(port());
        const unchanged = fake.snapshot({ sheets: [META_SHEET] }) === outputBefore;
        // either no output cell changed, or the metadata sheet says the run did not finish, or all output was
        // written before "voltooid" (the failure struck after it: only the status cell's bold may be missing)
        expect({ k, ok: unchanged || last?.complete === false || (last?.complete === true && fake.snapshot({ sheets: [META_SHEET] }) === ref.data) }).toEqual({
          k,
          ok: true,
        });
        if (last && !last.complete) expect(await inputsChanged(port(), pack, last)).toBe(true);
        outcomes.add(unchanged ? 'ongewijzigd' : last?.complete === false ? STATUS_INCOMPLETE : STATUS_COMPLETE);
        await annotateWorkbook(port(), pack, params, { now });
        // every cell repaired; the change sheet aside: what a rerun can compare with depends on how far the broken run
        // got (its record says onvolledig, or is gone), so it may say less than after an unbroken run
        expect({ k, cells: fake.snapshot({ sheets: [CHANGES_SHEET] }) }).toEqual({ k, cells: ref.cells });
        expect((await readLastRun(port()))?.complete).toBe(true);
      }
      // the break points covered all three: nothing sent, half sent, everything sent but the answer lost
      expect([...outcomes].sort()).toEqual(['ongewijzigd', STATUS_INCOMPLETE, STATUS_COMPLETE].sort());
    });
  }

  test('a lost connection on an earlier sync (reading) writes nothing', async () => {
    for (let n = 1; n <= 3; n++) {
      const fake = buildFake(spec());
      const before = fake.snapshot();
      fake.failSync(n);
      await expect(annotateWorkbook(new OfficeWorkbook(fakeContext(fake)), pack, params, { now })).rejects.toThrow(/ConnectionFailure/);
      expect(fake.snapshot()).toBe(before);
    }
  });

  test('the metadata sheet records the status: voltooid after a run, onvolledig read back as incomplete', async () => {
    const [x] = subjects(spec());
    await annotateWorkbook(x.port(), pack, params, { now });
    const meta = x.xlsx!.workbook.getWorksheet(META_SHEET)!;
    const row = meta.getColumn(1).values.indexOf('Status');
    expect(meta.getCell(row, 2).value).toBe(STATUS_COMPLETE);
    meta.getCell(row, 2).value = STATUS_INCOMPLETE;
    expect(await readLastRun(x.port())).toMatchObject({ packId: 'zk-ggz-2025', complete: false });
    // a workbook from before the status row counts as complete
    meta.spliceRows(row, 1);
    expect(await readLastRun(x.port())).toMatchObject({ complete: true });
  });
});

describe('the CLI never writes half a file', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-rel-'));
  });
  afterEach(() => {
    jest.restoreAllMocks();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a failure during save leaves the input and an existing output untouched, and no temporary file', async () => {
    const input = path.join(dir, 'invoer.xlsx');
    await buildXlsx(spec()).save(input);
    const output = path.join(dir, 'invoer-tariefwijzer.xlsx');
    fs.writeFileSync(output, 'vorige uitvoer');
    const inputBytes = fs.readFileSync(input);
    // the save writes part of the file, then the disk is full
    jest.spyOn(PackageWorkbook.prototype, 'save').mockImplementation(async (file: string) => {
      fs.writeFileSync(file, 'PK\u0003\u0004 half');
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    });
    const r = await runCli('annotate', input, '--policy', 'zk-ggz-2025', '--set', 'richttarief=97,3');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/kon niet worden geschreven.*niet gewijzigd/);
    expect(fs.readFileSync(input).equals(inputBytes)).toBe(true);
    expect(fs.readFileSync(output, 'utf8')).toBe('vorige uitvoer');
    expect(fs.readdirSync(dir).sort()).toEqual(['invoer-tariefwijzer.xlsx', 'invoer.xlsx']);
  });

  test('a failure while computing writes no output at all', async () => {
    const input = path.join(dir, 'invoer.xlsx');
    await buildXlsx(spec({ protected: true })).save(input);
    const r = await runCli('annotate', input, '--policy', 'zk-ggz-2025', '--set', 'richttarief=97,3');
    expect(r).toMatchObject({ code: 1, err: expect.stringMatching(/Fout: Blad "Aanbieders" is beveiligd/) });
    expect(fs.readdirSync(dir)).toEqual(['invoer.xlsx']);
  });
});

describe('output of an earlier run below the current data is cleared', () => {
  const rows = (n: number) => [
    ['AGB code', 'Naam zorgaanbieder', 'Prestatiecode', 'Zorgprofiel', 'Leveringsvorm', 'NZa maximumtarief'],
    ...Array.from({ length: n }, (_, i) => [`7373000${i}`, `Zorg ${i}`, 'Z1105', 'GGZ-W5', 'Verblijf', 300 + i]),
  ];

  for (const withRecord of [true, false]) {
    test(`input cleared from the last rows: their old output goes${withRecord ? ' (as far as the metadata sheet recorded)' : ' (no metadata sheet: the whole used range)'}`, async () => {
      for (const s of subjects({ Aanbieders: { rows: rows(5) } })) {
        await annotateWorkbook(s.port(), pack, params, { now });
        expect(s.textAt('Aanbieders', 5, 9)).toBeDefined();
        // the user empties the inputs of rows 5 and 6 (not the rows themselves)
        const clear = (r: number) => {
          if (s.xlsx) for (let c = 1; c <= 6; c++) s.xlsx.workbook.getWorksheet('Aanbieders')!.getCell(r + 1, c).value = null;
          else for (let c = 0; c < 6; c++) s.fake!.sheet('Aanbieders')!.cells.delete(`${r},${c}`);
        };
        clear(4);
        clear(5);
        if (!withRecord) {
          if (s.xlsx) s.xlsx.workbook.removeWorksheet(s.xlsx.workbook.getWorksheet(META_SHEET)!.id);
          else
            s.fake!.sheets.splice(
              s.fake!.sheets.findIndex((x) => x.name === META_SHEET),
              1,
            );
        }
        const out = await annotateWorkbook(s.port(), pack, params, { now });
        expect({ adapter: s.name, rows: out.dataRows }).toEqual({ adapter: s.name, rows: 3 });
        const back = await s.port().readSheet('Aanbieders');
        expect({ adapter: s.name, cleared: [4, 5].map((r) => (back[r] ?? []).slice(6, 10).filter((v) => v !== null && v !== undefined)) }).toEqual({
          adapter: s.name,
          cleared: [[], []],
        });
        expect(back[3][7]).toBeCloseTo(302 * 0.993, 2);
      }
    });
  }
});
