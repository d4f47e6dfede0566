import { resolveParameters } from '../../src/domain/policy/load';
import { getPack } from '../../src/policies';
import { annotateWorkbook, readRowExplanation } from '../../src/workbook/jobs/annotate';
import { inputsChanged, readLastRun, recordedParameters } from '../../src/workbook/jobs/last-run';
import { META_SHEET, formatLocalDateTime } from '../../src/workbook/names';
import { RunCancelled } from '../../src/workbook/jobs/job';
import { InputError } from '../../src/workbook/errors';
import { detectHeader } from '../../src/workbook/headers';
import { snapshot, workbookFrom } from './helpers';

const pack = getPack('zk-ggz-2025')!;
const params = resolveParameters(pack, { richttarief: '97,3' }).values;

function ggzSheet() {
  return workbookFrom({
    Aanbieders: [
      ['Contractering GGZ 2025'],
      [],
      ['AGB code', 'Naam zorgaanbieder', 'Prestatie-code', 'Zorgprofiel', 'Leveringsvorm', 'NZa maximum-tarief', 'Opmerking inkoper'],
      ['73730001', '=Zorg BV', 'Z1105', 'GGZ-W5', 'Verblijf', 300, 'eigen notitie'],
      ['73730002', '+Beschermd Wonen', 'V1101', 'W1', 'VPT', '€ 140,00', null],
      [],
      ['73730003', 'Kliniek Noord', 'Z1007', null, null, null, null],
    ],
    'NZa tarieven': [
      ['Prestatiecode', 'NZa maximumtarief'],
      ['Z1007', 412.18],
      ['Z1105', 999],
    ],
  });
}

test('header detection: Dutch aliases with accents, spaces and punctuation, below a title', () => {
  const { match } = detectHeader([['Titel'], [], ['AGB-code', 'Zorgaanbieder', 'PRESTATIECODE', 'Aantal Wlz-cliënten', 'Iets anders']]);
  expect(match?.row).toBe(2);
  expect(match?.columns).toEqual({ agb: 0, zorgaanbieder: 1, prestatiecode: 2, aantalWlzClienten: 3 });
  expect(match?.unknown).toEqual(['Iets anders']);
  expect(
    detectHeader([
      ['a', 'b'],
      [1, 2],
    ]).reason,
  ).toMatch(/Geen kopregel/);
});

test('annotates: own columns right of the data, row values, tariff table for empty maximumtarief, metadata sheet', async () => {
  const wb = ggzSheet();
  const out = await annotateWorkbook(wb, pack, params, { now: new Date('2026-11-24T12:00:00Z') });
  expect(out.sheet).toBe('Aanbieders');
  expect(out.dataRows).toBe(3);
  const ws = wb.workbook.getWorksheet('Aanbieders')!;
  expect(ws.getRow(3).values).toEqual([
    ,
    'AGB code',
    'Naam zorgaanbieder',
    'Prestatie-code',
    'Zorgprofiel',
    'Leveringsvorm',
    'NZa maximum-tarief',
    'Opmerking inkoper',
    'Tariefwijzer percentage',
    'Tariefwijzer tarief',
    'Tariefwijzer signalen',
    'Tariefwijzer toelichting',
    'Tariefwijzer beoordeling',
    'Tariefwijzer beoordeeld door',
    'Tariefwijzer beoordeeld op',
    'Tariefwijzer invoer',
  ]);
  expect(ws.getCell('H4').value).toBeCloseTo(0.993, 10);
  expect(ws.getCell('H4').numFmt).toBe('0.00%');
  expect(ws.getCell('I4').value).toBe(297.9);
  expect(ws.getCell('I5').value).toBe(139.02);
  // the row's own maximumtarief wins over the table (Z1105 = 999 there); empty ones come from the table
  expect(ws.getCell('I7').value).toBe(412.18);
  expect(ws.getCell('H6').value).toBeNull();
  expect(String(ws.getCell('K4').value)).toContain('+2 procentpunt');
  const meta = wb.workbook.getWorksheet(META_SHEET)!;
  expect(meta.getCell('B3').value).toBe('zk-ggz-2025');
  // local date and time, as the user's clock shows it
  expect(meta.getCell('B10').value).toBe(formatLocalDateTime(new Date('2026-11-24T12:00:00Z')));
  expect(meta.getCell('B10').value).toMatch(/^24-11-2026 \d\d:00$/);
  expect(String(meta.getCell('B11').value)).toMatch(/^[0-9a-f]{16}$/);
});

test('provider names that look like formulas stay text, and nothing outside the output changes', async () => {
  const wb = ggzSheet();
  const before = snapshot(wb.workbook);
  await annotateWorkbook(wb, pack, params);
  expect(wb.workbook.getWorksheet('Aanbieders')!.getCell('B4').value).toBe('=Zorg BV');
  expect(snapshot(wb.workbook, { sheets: [META_SHEET], fromColumn: { Aanbieders: 8 } })).toBe(before);
});

test('re-running replaces exactly the output columns and metadata: idempotent', async () => {
  const wb = ggzSheet();
  const now = new Date('2026-01-01T00:00:00Z');
  await annotateWorkbook(wb, pack, params, { now });
  const first = snapshot(wb.workbook);
  // a rerun with nothing changed changes nothing (no change sheet either), and neither does a third
  await annotateWorkbook(wb, pack, params, { now });
  expect(snapshot(wb.workbook)).toBe(first);
  await annotateWorkbook(wb, pack, params, { now });
  expect(snapshot(wb.workbook)).toBe(first);
  expect(wb.workbook.worksheets.map((w) => w.name)).toEqual(['Aanbieders', 'NZa tarieven', META_SHEET]);
  // with another parameter value the same columns are rewritten, not new ones added
  await annotateWorkbook(wb, pack, resolveParameters(pack, { richttarief: '96' }).values, { now });
  const ws = wb.workbook.getWorksheet('Aanbieders')!;
  expect(ws.getCell('H4').value).toBeCloseTo(0.98, 10);
  expect(ws.getCell('P3').value).toBeNull();
});

test('a row that lost its data also loses its old output', async () => {
  const wb = ggzSheet();
  await annotateWorkbook(wb, pack, params);
  const ws = wb.workbook.getWorksheet('Aanbieders')!;
  ['A5', 'B5', 'C5', 'D5', 'E5', 'F5'].forEach((a) => (ws.getCell(a).value = null));
  await annotateWorkbook(wb, pack, params);
  const after = wb.workbook.getWorksheet('Aanbieders')!; // the bridge reads the adapter's package back in
  expect(after.getCell('I5').value).toBeNull();
  expect(after.getCell('J5').value).toBeNull();
});

test('input problems are InputErrors in Dutch', async () => {
  await expect(annotateWorkbook(workbookFrom({ Leeg: [['niets']] }), pack, params)).rejects.toThrow(InputError);
  await expect(annotateWorkbook(ggzSheet(), pack, params, { sheet: 'Bestaat niet' })).rejects.toThrow('Blad "Bestaat niet" bestaat niet');
});

test('the recorded run is readable by a colleague, and input changes since then are detected', async () => {
  const wb = ggzSheet();
  expect(await readLastRun(wb)).toBeUndefined();
  const out = await annotateWorkbook(wb, pack, params);
  const last = (await readLastRun(wb))!;
  expect(last).toMatchObject({ packId: 'zk-ggz-2025', version: pack.version, sheet: 'Aanbieders', fingerprint: out.fingerprint });
  // the sheet names parameters by their Dutch label; recordedParameters maps them back
  expect(last.parameters[pack.parameters.richttarief.label]).toBe('97,3');
  expect(Object.keys(last.parameters)).not.toContain('richttarief');
  expect(recordedParameters(pack, last)).toMatchObject({ richttarief: '97,3', richttarief_vv: '' });
  expect(await inputsChanged(wb, pack, last)).toBe(false);
  // a change in a user note column is not an input; a changed maximumtarief is
  wb.workbook.getWorksheet('Aanbieders')!.getCell('G4').value = 'andere notitie';
  expect(await inputsChanged(wb, pack, last)).toBe(false);
  wb.workbook.getWorksheet('Aanbieders')!.getCell('F4').value = 301;
  expect(await inputsChanged(wb, pack, last)).toBe(true);
  // so does a changed tariff table that a row relies on
  await annotateWorkbook(wb, pack, params);
  const again = (await readLastRun(wb))!;
  wb.workbook.getWorksheet('NZa tarieven')!.getCell('B2').value = 400;
  expect(await inputsChanged(wb, pack, again)).toBe(true);
});

test('computing in slices gives the same run; phases are reported in order', async () => {
  const whole = await annotateWorkbook(ggzSheet(), pack, params);
  const phases: string[] = [];
  const progress: number[] = [];
  const sliced = await annotateWorkbook(ggzSheet(), pack, params, { slice: 1, onPhase: (p) => phases.push(p), onProgress: (done) => progress.push(done) });
  expect(sliced.run.results.map((r) => [r.ref, r.tarief?.toString(), r.explanation])).toEqual(
    whole.run.results.map((r) => [r.ref, r.tarief?.toString(), r.explanation]),
  );
  expect(phases).toEqual(['lezen', 'rekenen', 'schrijven']);
  expect(progress).toEqual([0, 1, 2, 3]); // the last row once: done
});

test('a cancelled run writes nothing and says so in Dutch', async () => {
  const wb = ggzSheet();
  const before = snapshot(wb.workbook);
  const controller = new AbortController();
  const run = annotateWorkbook(wb, pack, params, { slice: 1, signal: controller.signal, onProgress: (done) => done === 1 && controller.abort() });
  await expect(run).rejects.toThrow(RunCancelled);
  await expect(run).rejects.toThrow('Berekening afgebroken; er is niets in de werkmap geschreven.');
  expect(snapshot(wb.workbook)).toBe(before);
});

test('a corrected column mapping is used; a mapping without prestatiecode is refused', async () => {
  const wb = ggzSheet();
  // without the zorgprofiel column the W5 opslag does not apply: 97,3% instead of 99,3%
  const out = await annotateWorkbook(wb, pack, params, { mapping: { zorgprofiel: null } });
  expect(out.run.results[0].percentage?.toString()).toBe('97.3');
  await expect(annotateWorkbook(ggzSheet(), pack, params, { mapping: { prestatiecode: null } })).rejects.toThrow(InputError);
});

test('readRowExplanation reads one row of output back, in Dutch formats; nothing for rows above the header', async () => {
  const wb = ggzSheet();
  await annotateWorkbook(wb, pack, params);
  const row = await readRowExplanation(wb, 'Aanbieders', 3);
  expect(row).toMatchObject({ sheet: 'Aanbieders', row: 3, percentage: '99,3%', tarief: '€ 297,90' });
  expect(row?.toelichting).toContain('Opslag voor de zorgprofielen W5 en B7');
  expect(await readRowExplanation(wb, 'Aanbieders', 0)).toBeUndefined();
});
