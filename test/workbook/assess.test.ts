/**
 * Assessments written into a provider list through the WorkbookPort (exceljs adapter): own columns next
 * to the data, one provider per AGB-code, idempotent re-runs, user cells untouched, text never a formula.
 */
import ExcelJS from 'exceljs';
import { procedureForPolicy, resolveProcedureParameters } from '../../src/domain/assessments';
import { annotateWorkbook } from '../../src/workbook/annotate';
import { ASSESS_HEADERS, ASSESS_SHEET, assessWorkbook } from '../../src/workbook/assess';
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
  expect(ws.getCell('L1').value).toBe('Tariefwijzer herberekening');
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
