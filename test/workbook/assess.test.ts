/**
 * Assessments written into a provider list through the WorkbookPort (exceljs adapter): own columns next
 * to the data, one provider per AGB-code, idempotent re-runs, user cells untouched, text never a formula.
 */
import ExcelJS from 'exceljs';
import { procedureForPolicy, resolveProcedureParameters } from '../../src/domain/assessments';
import { annotateWorkbook } from '../../src/workbook/jobs/annotate';
import { ASSESS_HEADERS, ASSESS_SHEET, assessWorkbook } from '../../src/workbook/jobs/assess';
import { RunCancelled } from '../../src/workbook/jobs/job';
import { getPack } from '../../src/policies';
import { BridgedXlsx as XlsxWorkbook } from './xlsx-bridge';
import { snapshot, workbookFrom } from './helpers';

const proc = procedureForPolicy('zk-ggz-2025')!;
const params = resolveProcedureParameters(proc).values;
const NOW = new Date(Date.UTC(2024, 9, 1));

function list(): XlsxWorkbook {
  return workbookFrom({
    Aanvragen: [
      ['Aanvragen herberekening en hardheidsclausule 2025'],
      [],
      [
        'AGB-code',
        'Zorgaanbieder',
        'Prestatiecode',
        'Verzoek herberekening',
        'Beroep op hardheidsclausule',
        'Datum ontvangst',
        'Tariefpercentage 2023',
        'Tariefpercentage sector',
        'Wlz-omzet',
        'Bestuursverklaring',
        'Lager tarief is reëel',
        'Onderbouwing oordeel reëel',
        'Nieuwe aanbieder',
        'Aantal Wlz-cliënten',
        'Opmerking',
        'Aanvraagformulier herberekening',
      ],
      ['12345678', 'GGZ De Linde', 'Z1103', 'ja', 'nee', '20-9-2024', '92%', '97,3%', 920000, 'ja', 'ja', 'Exploitatie sluit', 'nee', 64, '=SOM(A1)', 'ja'],
      ['12345678', 'GGZ De Linde', 'Z1105', null, null, null, null, null, null, null, null, null, null, null, null],
      ['23456781', 'Nieuw Thuis', 'H153', 'nee', 'ja', '26-9-2024', null, null, null, null, null, null, 'ja', 8, null],
      ['34567812', 'Horizon', 'Z1101', 'ja', 'nee', new Date(Date.UTC(2024, 8, 26)), '92%', '97,3%', 500000, 'nee', null, null, 'nee', 30, '-let op', 'ja'],
    ],
    Overig: [['niet aanraken', 1]],
  });
}

test('a provider list gets three own columns, the same text on every row of a provider, and a summary sheet', async () => {
  const wb = list();
  await wb.settle(); // exceljs's own writer gives a date cell a date format: compare with what it wrote
  const before = snapshot(wb.workbook, { sheets: [ASSESS_SHEET], fromColumn: { Aanvragen: 17 } });
  const outcome = await assessWorkbook(wb, proc, params, { now: NOW });
  expect(outcome.mode).toBe('lijst');
  expect(outcome.firstColumn).toBe(16);
  expect(outcome.assessments.map((a) => a.agb)).toEqual(['12345678', '23456781', '34567812']);
  const ws = wb.workbook.getWorksheet('Aanvragen')!;
  expect([ws.getCell('Q3').value, ws.getCell('R3').value, ws.getCell('S3').value]).toEqual([...ASSESS_HEADERS]);
  expect(String(ws.getCell('Q4').value)).toMatch(/^Lager tarief handhaven: het lagere tarief 92% is reëel/);
  expect(ws.getCell('Q5').value).toBe(ws.getCell('Q4').value);
  expect(String(ws.getCell('R6').value)).toMatch(/^Niet-ontvankelijk: nieuwe aanbieder met 8 Wlz-cliënten/);
  expect(String(ws.getCell('S6').value)).toContain('hardheidsclausule ontvangen 26-9-2024: te laat');
  expect(String(ws.getCell('Q7').value)).toMatch(/^Niet in behandeling/);
  // User cells, other sheets and text that looks like a formula stay as they were.
  expect(snapshot(wb.workbook, { sheets: [ASSESS_SHEET], fromColumn: { Aanvragen: 17 } })).toBe(before);
  expect(ws.getCell('O4').value).toBe('=SOM(A1)');
  const summary = wb.workbook.getWorksheet(ASSESS_SHEET)!;
  expect(summary.getCell('B3').value).toBe('zk-ggz-2025');
});

test('re-running replaces the own columns in place and the summary sheet; nothing else changes', async () => {
  const wb = list();
  await assessWorkbook(wb, proc, params, { now: NOW });
  const first = snapshot(wb.workbook);
  await assessWorkbook(wb, proc, params, { now: NOW });
  expect(snapshot(wb.workbook)).toBe(first);
  // Through a saved file as well: read back, assess again, same columns.
  const buf = await wb.workbook.xlsx.writeBuffer();
  const again = await XlsxWorkbook.fromBuffer(buf);
  const outcome = await assessWorkbook(again, proc, params, { now: NOW });
  expect(outcome.firstColumn).toBe(16);
  expect(again.workbook.getWorksheet('Aanvragen')!.getCell('T3').value).toBeNull();
});

test('different values for one provider are reported, the first is used', async () => {
  const wb = list();
  wb.workbook.getWorksheet('Aanvragen')!.getCell('G5').value = '93%';
  const outcome = await assessWorkbook(wb, proc, params, { now: NOW });
  const codes = outcome.assessments[0].findings.map((f) => f.code);
  expect(codes).toContain('WAARDEN_VERSCHILLEN');
});

test('a provider list with two names for one AGB-code: identity unsure, the outcome not positive', async () => {
  const wb = list();
  wb.workbook.getWorksheet('Aanvragen')!.getCell('B5').value = 'GGZ De Eik';
  const outcome = await assessWorkbook(wb, proc, params, { now: NOW });
  const [first] = outcome.assessments;
  expect(first.identiteit).toEqual({ zeker: false, redenen: ['Zorgaanbieder: "GGZ De Eik" in Aanvragen!B5 verschilt van "GGZ De Linde" in Aanvragen!B4'] });
  expect(first.herberekening).toMatchObject({ status: 'identiteit-onzeker', inhoudelijk: 'handhaven' });
  expect(String(wb.workbook.getWorksheet('Aanvragen')!.getCell('Q4').value)).toMatch(/^Identiteit onzeker — handmatig controleren: Zorgaanbieder/);
});

test('next to the annotate columns, both blocks keep their highlight rules', async () => {
  const wb = workbookFrom({
    GGZ: [
      ['AGB-code', 'Zorgaanbieder', 'Prestatiecode', 'NZa maximumtarief', 'Verzoek herberekening', 'Datum ontvangst', 'Tariefpercentage 2023'],
      ['12345678', 'GGZ De Linde', 'Z1103', 250, 'ja', '20-9-2024', '92%'],
    ],
  });
  await annotateWorkbook(wb, getPack('zk-ggz-2025')!, { richttarief: null, afronding: 'rekenkundig' }, { now: NOW }).catch(() => undefined);
  const rules = (ws: ExcelJS.Worksheet) => (ws as unknown as { conditionalFormattings: unknown[] }).conditionalFormattings.length;
  const rulesBefore = rules(wb.workbook.getWorksheet('GGZ')!);
  expect(rulesBefore).toBeGreaterThan(0);
  await assessWorkbook(wb, proc, params, { now: NOW });
  const ws = wb.workbook.getWorksheet('GGZ')!;
  // after annotate's eight columns (H to O)
  expect(ws.getCell('P1').value).toBe('Tariefwijzer herberekening');
  expect(rules(ws)).toBe(rulesBefore);
});

test('an aanvraagformulier opened as workbook gets only the summary sheet', async () => {
  const wb = workbookFrom({
    Formulier: [
      ['AGB-code', '12345678'],
      ['Zorgaanbieder', 'GGZ De Linde'],
      ['Verzoek herberekening tariefpercentage', 'ja'],
      ['Beroep op hardheidsclausule', 'nee'],
      ['Datum ontvangst', '20-9-2024'],
    ],
  });
  const outcome = await assessWorkbook(wb, proc, params, { now: NOW });
  expect(outcome.mode).toBe('formulier');
  expect(outcome.assessments[0].herberekening.status).toBe('niet-in-behandeling');
  expect(wb.workbook.getWorksheet(ASSESS_SHEET)).toBeDefined();
  expect(wb.workbook.getWorksheet('Formulier')!.getCell('C1').value).toBeNull();
});

test('a workbook with neither a list nor a form is an input error', async () => {
  await expect(assessWorkbook(workbookFrom({ Blad1: [['iets', 1]] }), proc, params)).rejects.toThrow(
    /^Geen aanvraagformulier en geen aanbiederslijst gevonden\. Gezocht naar .*Per blad: Blad1: geen labels van het formulier\.$/,
  );
});

test('the Office.js adapter (fake host) gives the same columns; dates stored as serial numbers are read as days', async () => {
  const { FakeExcel, fakeContext } = await import('../../src/demo-host/fake-excel');
  const { OfficeWorkbook } = await import('../../src/workbook/office/adapter');
  const rows = [
    [
      'AGB-code',
      'Zorgaanbieder',
      'Verzoek herberekening',
      'Datum ontvangst',
      'Tariefpercentage 2023',
      'Tariefpercentage sector',
      'Wlz-omzet',
      'Bestuursverklaring',
      'Aanvraagformulier herberekening',
      'Lager tarief is reëel',
      'Onderbouwing oordeel reëel',
      'Opmerking',
    ],
    ['12345678', 'GGZ De Linde', 'ja', new Date(Date.UTC(2024, 8, 25)), '92%', '97,3%', 920000, 'ja', 'ja', 'ja', 'sluit', '=niet rekenen'],
    ['23456781', 'Laat BV', 'ja', new Date(Date.UTC(2024, 8, 26)), '92%', '97,3%', 500000, 'ja', 'ja', 'ja', 'sluit', null],
  ];
  const fake = FakeExcel.from({ Lijst: rows });
  const office = await assessWorkbook(new OfficeWorkbook(fakeContext(fake), { conditionalFormats: true }), proc, params, { now: NOW });
  const xlsx = workbookFrom({ Lijst: rows });
  const viaXlsx = await assessWorkbook(xlsx, proc, params, { now: NOW });
  expect(office.firstColumn).toBe(12);
  const text = (r: number, c: number) => fake.sheet('Lijst')!.cell(r, c)?.value;
  for (const [r, c] of [
    [1, 12],
    [1, 14],
    [2, 12],
    [2, 14],
  ]) {
    expect(text(r, c)).toBe(xlsx.workbook.getWorksheet('Lijst')!.getCell(r + 1, c + 1).value);
  }
  expect(String(text(1, 14))).toContain('herberekening ontvangen 25-9-2024: tijdig');
  expect(String(text(2, 14))).toContain('herberekening ontvangen 26-9-2024: te laat');
  expect(office.assessments.map((a) => a.herberekening.status)).toEqual(viaXlsx.assessments.map((a) => a.herberekening.status));
  expect(fake.formulas()).toEqual([]);
  expect(fake.sheet(ASSESS_SHEET)).toBeDefined();
});

test('issue 27: hidden columns right of the list are passed over and stay hidden; the summary sheet says so', async () => {
  const wb = list();
  const ws = wb.workbook.getWorksheet('Aanvragen')!;
  ws.getColumn('Q').hidden = true; // the first column right of the list (P is its last)
  const outcome = await assessWorkbook(wb, proc, params, { now: NOW });
  expect(outcome.firstColumn).toBe(17);
  const after = wb.workbook.getWorksheet('Aanvragen')!;
  expect(after.getCell('Q3').value).toBeNull();
  expect([after.getCell('R3').value, after.getCell('S3').value, after.getCell('T3').value]).toEqual([...ASSESS_HEADERS]);
  expect(after.getColumn('Q').hidden).toBe(true);
  const said = /rechts van de gegevens is kolom Q verborgen\. .*de beoordelingskolommen staan in de kolommen R tot en met T/;
  expect(outcome.warnings.join('\n')).toMatch(said);
  const summary: string[] = [];
  wb.workbook.getWorksheet(ASSESS_SHEET)!.eachRow((row) => row.eachCell((cell) => void summary.push(String(cell.value))));
  expect(summary.some((t) => said.test(t))).toBe(true);
});

describe('aanvraagformulieren in a workbook', () => {
  const EXAMPLES = require('node:path').join(__dirname, '../../examples/aanvragen');
  const open = (file: string) => XlsxWorkbook.fromFile(`${EXAMPLES}/${file}`);
  /** The summary sheet as rows of texts. */
  const rowsOf = (wb: XlsxWorkbook) => {
    const rows: string[][] = [];
    wb.workbook
      .getWorksheet(ASSESS_SHEET)!
      .eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === undefined || v === null ? '' : String(v)))));
    return rows;
  };
  const table = (rows: string[][], title: string) => {
    const head = rows.findIndex((r) => r[0] === title) + 1;
    // the table ends at the next section title (a row with one cell; exceljs skips the empty row before it)
    const end = rows.findIndex((r, i) => i > head && r.filter((v) => v !== '').length <= 1);
    return rows.slice(head + 1, end < 0 ? undefined : end).map((r) => Object.fromEntries(rows[head].map((h, i) => [h, r[i] ?? ''])));
  };

  test('a declaration sheet in front of the form is not read; the summary names the sheets the form was read from', async () => {
    const wb = await open('aanvraag-met-declaraties.xlsx');
    const before = snapshot(wb.workbook, { sheets: [ASSESS_SHEET] });
    const outcome = await assessWorkbook(wb, proc, params, { now: NOW });
    expect(outcome).toMatchObject({ mode: 'formulier', sheet: 'Aanvraagformulier', forms: [['Aanvraagformulier', 'Beoordeling zorgkantoor']], warnings: [] });
    const [a] = outcome.assessments;
    expect([a.agb, a.naam, a.herberekening.status]).toEqual(['12345678', 'GGZ De Linde (voorbeeld)', 'aanpassen']);
    const rows = rowsOf(wb);
    expect(rows.find((r) => r[0] === 'Bron')).toEqual(['Bron', 'aanvraagformulier: bladen Aanvraagformulier en Beoordeling zorgkantoor']);
    expect(table(rows, 'Per aanbieder')).toEqual([
      expect.objectContaining({
        'AGB-code': '12345678',
        Identiteit: 'zeker',
        Bron: 'bladen Aanvraagformulier en Beoordeling zorgkantoor',
        Herberekening: 'Tarief aanpassen',
      }),
    ]);
    expect(snapshot(wb.workbook, { sheets: [ASSESS_SHEET] })).toBe(before);
  });

  test('two forms: one assessment and one summary row each', async () => {
    const wb = await open('aanvraag-twee-formulieren.xlsx');
    const outcome = await assessWorkbook(wb, proc, params, { now: NOW });
    expect(outcome.forms).toEqual([
      ['Aanvraag De Linde', 'Beoordeling De Linde'],
      ['Aanvraag Het Veld', 'Beoordeling Het Veld'],
    ]);
    expect(outcome.assessments.map((a) => [a.agb, a.herberekening.status])).toEqual([
      ['12345678', 'aanpassen'],
      ['23456781', 'niet-in-behandeling'],
    ]);
    const rows = rowsOf(wb);
    expect(rows.find((r) => r[0] === 'Aanbieders')).toEqual(['Aanbieders', '2']);
    expect(table(rows, 'Per aanbieder').map((r) => [r['AGB-code'], r.Bron])).toEqual([
      ['12345678', 'bladen Aanvraag De Linde en Beoordeling De Linde'],
      ['23456781', 'bladen Aanvraag Het Veld en Beoordeling Het Veld'],
    ]);
  });

  test('an unreadable AGB-code: the summary says the identity is unsure and shows no positive outcome', async () => {
    const wb = await open('aanvraag-agb-onleesbaar.xlsx');
    await assessWorkbook(wb, proc, params, { now: NOW });
    const [row] = table(rowsOf(wb), 'Per aanbieder');
    expect(row.Identiteit).toBe('onzeker — handmatig controleren: AGB-code "1234567" heeft niet 8 cijfers');
    expect(row.Herberekening).toBe('Identiteit onzeker — handmatig controleren');
  });

  test('only a declaration list: a Dutch message that says what was looked for and what each sheet holds', async () => {
    const wb = workbookFrom({
      'Declaraties 2025': [
        ['AGB-code', 'Naam zorgaanbieder', 'Prestatiecode', 'Aantal'],
        ['12345678', 'GGZ De Linde', 'Z1103', 10],
      ],
      Notities: [['AGB-code', '12345678']],
    });
    await expect(assessWorkbook(wb, proc, params)).rejects.toThrow(
      'Per blad: Declaraties 2025: kopregel van een tabel in rij 1; geen labels van het formulier; Notities: 1 label ("AGB-code").',
    );
    await expect(assessWorkbook(wb, proc, params)).rejects.toThrow(/minstens 3 labels van het aanvraagformulier, elk met de waarde rechts ernaast/);
  });
});

test('the job reports its phases and a provider at a time; a cancel before writing leaves the workbook unchanged, one after it completes', async () => {
  const phases: string[] = [];
  const progress: Array<[number, number]> = [];
  const done = await assessWorkbook(list(), proc, params, { now: NOW, onPhase: (p) => phases.push(p), onProgress: (d, t) => progress.push([d, t]) });
  expect(phases).toEqual(['lezen', 'rekenen', 'schrijven']);
  const n = done.assessments.length;
  expect(progress).toEqual(Array.from({ length: n }, (_, i) => [i + 1, n]));

  const wb = list();
  const before = snapshot(wb.workbook);
  const controller = new AbortController();
  const run = assessWorkbook(wb, proc, params, { now: NOW, signal: controller.signal, onProgress: (d) => d === 1 && controller.abort() });
  await expect(run).rejects.toThrow(RunCancelled);
  expect(snapshot(wb.workbook)).toBe(before);
  expect(wb.workbook.getWorksheet(ASSESS_SHEET)).toBeUndefined();

  const late = new AbortController();
  const written = list();
  const outcome = await assessWorkbook(written, proc, params, { now: NOW, signal: late.signal, onPhase: (p) => p === 'schrijven' && late.abort() });
  expect(outcome.assessments).toHaveLength(n);
  expect(written.workbook.getWorksheet(ASSESS_SHEET)).toBeDefined();
});
