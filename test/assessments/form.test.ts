/**
 * The example aanvraagformulieren (scripts/make-aanvraag-examples.js), generated into a temporary folder,
 * read by label and assessed: complete, incomplete, inconsistent and both routes on a moved layout.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assessProvider, procedureForPolicy, readForm, resolveProcedureParameters, type ProviderAssessment } from '../../src/domain/assessments';
import { BridgedXlsx as XlsxWorkbook } from '../workbook/xlsx-bridge';

jest.setTimeout(30_000);
const SCRIPT = path.join(__dirname, '../../scripts/make-aanvraag-examples.js');
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-aanvraag-'));
  execFileSync(process.execPath, [SCRIPT, dir]);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const proc = procedureForPolicy('zk-ggz-2025')!;

async function assess(file: string): Promise<{ a: ProviderAssessment; recognised: number; refs: Record<string, string> }> {
  const wb = await XlsxWorkbook.fromFile(path.join(dir, file));
  const sheets = await Promise.all((await wb.sheetNames()).map(async (name) => ({ name, grid: await wb.readSheet(name) })));
  const reading = readForm(sheets, proc, file);
  const a = assessProvider(reading.input, proc, resolveProcedureParameters(proc).values);
  return { a, recognised: reading.recognised, refs: reading.input.refs ?? {} };
}
const codes = (a: ProviderAssessment) => a.findings.map((f) => f.code);

test('the generator is deterministic', () => {
  const other = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-aanvraag-'));
  execFileSync(process.execPath, [SCRIPT, other]);
  for (const f of fs.readdirSync(dir)) expect(fs.readFileSync(path.join(other, f)).equals(fs.readFileSync(path.join(dir, f)))).toBe(true);
  fs.rmSync(other, { recursive: true, force: true });
});

test('the shipped examples in examples/aanvragen are what the script makes', () => {
  const shipped = path.join(__dirname, '../../examples/aanvragen');
  for (const f of fs.readdirSync(dir)) expect([f, fs.readFileSync(path.join(shipped, f)).equals(fs.readFileSync(path.join(dir, f)))]).toEqual([f, true]);
});

test('the empty template has every label but no request', async () => {
  const { a, recognised } = await assess('aanvraagformulier-sjabloon.xlsx');
  expect(recognised).toBeGreaterThan(30);
  expect(codes(a)).toContain('ROUTE_ONBEKEND');
  expect(codes(a)).not.toContain('LABEL_ONTBREEKT');
});

test('complete form: herberekening aanpassen 92% → 96,6%, on time', async () => {
  const { a, refs } = await assess('aanvraag-volledig.xlsx');
  expect(a.agb).toBe('12345678');
  expect(a.herberekening.status).toBe('aanpassen');
  expect(a.herberekening.voorgesteldPercentage?.toString()).toBe('96.6');
  expect(a.termijn.status).toBe('tijdig');
  expect(a.hardheidsclausule.status).toBe('niet-aangevraagd');
  expect(a.findings.filter((f) => f.severity === 'fout')).toEqual([]);
  expect(refs.agb).toBe('blad Aanvraagformulier, cel B7');
});

test('incomplete form: niet in behandeling, with what is missing', async () => {
  const { a } = await assess('aanvraag-onvolledig.xlsx');
  expect(a.herberekening.status).toBe('niet-in-behandeling');
  expect(a.herberekening.ontbreekt).toContain('Bestuursverklaring');
  expect(codes(a)).toEqual(expect.arrayContaining(['VELD_LEEG', 'DOCUMENT_ONTBREEKT', 'NIET_IN_BEHANDELING']));
  expect(a.findings.find((f) => f.code === 'VELD_LEEG')?.message).toContain('Wlz-opbrengsten');
});

test('inconsistent form: sums, percentage and dates are reported; received after the deadline', async () => {
  const { a } = await assess('aanvraag-inconsistent.xlsx');
  expect(a.termijn.status).toBe('te-laat');
  expect(a.herberekening.status).toBe('niet-in-behandeling');
  expect(codes(a)).toEqual(
    expect.arrayContaining([
      'REGEL_OMZET_KLOPT_NIET',
      'TOTAAL_OMZET_KLOPT_NIET',
      'SOM_KOSTEN_KLOPT_NIET',
      'RESULTAAT_KLOPT_NIET',
      'PERCENTAGE_ONGELDIG',
      'DATUM_BESTUURSVERKLARING_NA_ONTVANGST',
      'TE_LAAT',
    ]),
  );
});

test('both routes on a moved layout: values found by label, both at the same time, judgements still open', async () => {
  const { a, refs } = await assess('aanvraag-beide.xlsx');
  expect(refs.agb).toMatch(/^blad Aanvraagformulier, cel D\d+$/);
  expect(a.termijn.ontvangen).toEqual({ herberekening: '2024-09-06', hardheidsclausule: '2024-09-06' });
  expect(a.herberekening.status).toBe('te-beoordelen');
  expect(a.herberekening.uitkomst).toContain('niet reëel');
  expect(a.hardheidsclausule.status).toBe('te-beoordelen');
  expect(a.hardheidsclausule.ontbreekt).toEqual(['Perspectief voor de langere termijn']);
  expect(codes(a)).not.toEqual(expect.arrayContaining(['NIET_GELIJKTIJDIG']));
  expect(a.findings.filter((f) => f.severity === 'fout')).toEqual([]);
});
