/**
 * Which sheets are aanvraagformulieren: a form is recognised as a whole (its labels with values beside them),
 * a declaration list in front of it is a table and not read, several forms give one reading each, and an
 * assessment whose provider is not known for sure is never a positive outcome.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import {
  assessProvider,
  attentionReasons,
  findForms,
  POSITIVE_STATUSES,
  procedureForPolicy,
  resolveProcedureParameters,
  ROUTE_STATUS_TONE,
  type FormSheet,
  type ProviderAssessment,
} from '../../src/domain/assessments';
import type { CellValue } from '../../src/domain/parse';
import { BridgedXlsx as XlsxWorkbook } from '../workbook/xlsx-bridge';

jest.setTimeout(30_000);
const SCRIPT = path.join(__dirname, '../../scripts/make-aanvraag-examples.js');
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-forms-'));
  execFileSync(process.execPath, [SCRIPT, dir]);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const proc = procedureForPolicy('zk-ggz-2025')!;
const params = resolveProcedureParameters(proc).values;

async function sheetsOf(wb: XlsxWorkbook): Promise<FormSheet[]> {
  return Promise.all((await wb.sheetNames()).map(async (name) => ({ name, grid: await wb.readSheet(name) })));
}
const sheetsFrom = async (file: string) => sheetsOf(await XlsxWorkbook.fromFile(path.join(dir, file)));
const assessAll = (sheets: FormSheet[], prefix = 'x.xlsx') => findForms(sheets, proc, prefix).forms.map((f) => assessProvider(f.input, proc, params));
const codes = (a: ProviderAssessment) => a.findings.map((f) => f.code);
/** An assessment without where it was read (file, sheets, cells): what it says about the provider. */
const merits = ({ bron: _b, bladen: _s, ...a }: ProviderAssessment) => JSON.parse(JSON.stringify(a).replace(/blad [^,"]+, (cel|rij) [A-Z]*\d+/g, 'CEL'));

test('a declaration list in front of the form is a table, not a form: the form is read as when it stands alone', async () => {
  const sheets = await sheetsFrom('aanvraag-met-declaraties.xlsx');
  expect(sheets[0].name).toBe('Declaraties 2025');
  const found = findForms(sheets, proc, 'aanvraag-met-declaraties.xlsx');
  expect(found.scores.map((s) => [s.sheet, s.kind])).toEqual([
    ['Declaraties 2025', 'geen'],
    ['Aanvraagformulier', 'formulier'],
    ['Beoordeling zorgkantoor', 'aanvulling'],
  ]);
  expect(found.scores[0].tableHeaders).toEqual([0]);
  expect(found.forms.map((f) => f.sheets)).toEqual([['Aanvraagformulier', 'Beoordeling zorgkantoor']]);
  const [a] = found.forms.map((f) => assessProvider(f.input, proc, params));
  expect(a.bron).toBe('aanvraag-met-declaraties.xlsx, bladen Aanvraagformulier en Beoordeling zorgkantoor');
  expect([a.agb, a.naam, a.identiteit]).toEqual(['12345678', 'GGZ De Linde (voorbeeld)', { zeker: true, redenen: [] }]);
  expect(codes(a)).not.toEqual(expect.arrayContaining(['LABEL_DUBBEL']));
  expect(codes(a).filter((c) => /AGB|LABEL|WAARDE/.test(c))).toEqual([]);
  const [alone] = assessAll(await sheetsFrom('aanvraag-volledig.xlsx'));
  expect(merits(a)).toEqual(merits(alone));
  expect(a.herberekening.status).toBe('aanpassen');
});

test('a declaration list whose header also has an amount column does not become the table "omzet per prestatie"', async () => {
  const sheets = await sheetsFrom('aanvraag-met-declaraties.xlsx');
  const declaraties = sheets[0].grid.map((row, r) => [...row, r === 0 ? 'Bedrag' : 1000] as CellValue[]);
  const [a] = assessAll([{ name: 'Declaraties 2025', grid: declaraties }, ...sheets.slice(1)]);
  expect(codes(a)).not.toContain('TOTAAL_OMZET_KLOPT_NIET');
  expect(a.herberekening.status).toBe('aanpassen');
});

test('two forms in one workbook: one assessment each, each with its own assessor sheet, as when each stands alone', async () => {
  const found = findForms(await sheetsFrom('aanvraag-twee-formulieren.xlsx'), proc, 'twee.xlsx');
  expect(found.forms.map((f) => f.sheets)).toEqual([
    ['Aanvraag De Linde', 'Beoordeling De Linde'],
    ['Aanvraag Het Veld', 'Beoordeling Het Veld'],
  ]);
  const both = found.forms.map((f) => assessProvider(f.input, proc, params));
  expect(both.map((a) => a.bron)).toEqual([
    'twee.xlsx, bladen Aanvraag De Linde en Beoordeling De Linde',
    'twee.xlsx, bladen Aanvraag Het Veld en Beoordeling Het Veld',
  ]);
  const alone = [...assessAll(await sheetsFrom('aanvraag-volledig.xlsx')), ...assessAll(await sheetsFrom('aanvraag-onvolledig.xlsx'))];
  expect(both.map(merits)).toEqual(alone.map(merits));
  expect(both.map((a) => a.herberekening.status)).toEqual(['aanpassen', 'niet-in-behandeling']);
  expect(both.flatMap(codes)).not.toContain('LABEL_DUBBEL');
});

test('an AGB-code that is not 8 digits: identity unsure, the positive outcome kept only as the outcome on the merits', async () => {
  const [a] = assessAll(await sheetsFrom('aanvraag-agb-onleesbaar.xlsx'));
  expect(a.identiteit.zeker).toBe(false);
  expect(a.identiteit.redenen).toEqual(['AGB-code "1234567" heeft niet 8 cijfers']);
  expect(a.herberekening).toMatchObject({ status: 'identiteit-onzeker', inhoudelijk: 'aanpassen' });
  expect(a.herberekening.voorgesteldPercentage?.toString()).toBe('96.6');
  expect(a.herberekening.uitkomst).toMatch(
    /^Identiteit onzeker — handmatig controleren: AGB-code "1234567" heeft niet 8 cijfers\. Inhoudelijk: Tarief aanpassen: 92% → 96,6%/,
  );
  expect(ROUTE_STATUS_TONE[a.herberekening.status]).toBe('aandacht');
  expect(codes(a)).toEqual(expect.arrayContaining(['AGB_ONGELDIG', 'IDENTITEIT_ONZEKER']));
  expect(attentionReasons(a)).toEqual(['identiteit onzeker (AGB-code "1234567" heeft niet 8 cijfers)']);
});

/** A small form as label/value rows, with overrides. */
function form(extra: CellValue[][] = [], replace: Record<string, CellValue> = {}): CellValue[][] {
  const rows: Array<[string, CellValue]> = [
    ['AGB-code', '12345678'],
    ['Zorgaanbieder', 'GGZ De Linde'],
    ['Verzoek herberekening tariefpercentage', 'nee'],
    ['Beroep op hardheidsclausule', 'ja'],
    ['Datum ontvangst', '20-9-2024'],
  ];
  return [...rows.map(([l, v]) => [l, l in replace ? replace[l] : v]), ...extra];
}

test('a label twice with different values, or a label where the value should be, makes the identity unsure; the same value twice does not', () => {
  const read = (grid: CellValue[][]) => assessAll([{ name: 'Formulier', grid }], '')[0];
  const twice = read(form([['AGB-code', '87654321']]));
  expect(twice.identiteit.zeker).toBe(false);
  expect(twice.identiteit.redenen[0]).toBe(
    '"AGB-code" staat twee keer op het formulier met verschillende waarden (blad Formulier, cel B1: "12345678", blad Formulier, cel B6: "87654321")',
  );
  expect(twice.agb).toBe('12345678');
  expect(read(form([['AGB-code', '12345678']])).identiteit).toEqual({ zeker: true, redenen: [] });

  const labelAsValue = read(form([], { Zorgaanbieder: 'Prestatiecode' }));
  expect(labelAsValue.naam).toBe('');
  expect(codes(labelAsValue)).toContain('WAARDE_IS_LABEL');
  expect(labelAsValue.identiteit.redenen).toEqual([
    'naam zorgaanbieder ontbreekt',
    'naast "Zorgaanbieder" staat "Prestatiecode", een label en geen waarde (blad Formulier, cel A2)',
  ]);
  expect(read(form([], { 'AGB-code': null })).identiteit.redenen).toEqual(['AGB-code ontbreekt']);
});

test('no provider known for sure ever gets a positive outcome: every shipped case, with its AGB-code spoiled', () => {
  const file = JSON.parse(fs.readFileSync(path.join(__dirname, 'cases/zk-ggz-2025.cases.json'), 'utf8')) as {
    base: Record<string, CellValue>;
    cases: Array<{ naam: string; with?: string; cells?: Record<string, CellValue>; params?: Record<string, string> }>;
    [k: string]: unknown;
  };
  let positives = 0;
  for (const c of file.cases) {
    const cells = { ...file.base, ...(c.with ? (file[c.with] as Record<string, CellValue>) : {}), ...(c.cells ?? {}) };
    const values = resolveProcedureParameters(proc, c.params ?? {}).values;
    const clean = assessProvider({ bron: c.naam, cells }, proc, values);
    const spoiled = assessProvider({ bron: c.naam, cells: { ...cells, agb: 'Naam zorgaanbieder' } }, proc, values);
    for (const route of ['herberekening', 'hardheidsclausule'] as const) {
      if (POSITIVE_STATUSES.has(clean[route].status)) {
        positives++;
        expect({ c: c.naam, status: spoiled[route].status, inhoudelijk: spoiled[route].inhoudelijk }).toEqual({
          c: c.naam,
          status: 'identiteit-onzeker',
          inhoudelijk: clean[route].status,
        });
      } else expect({ c: c.naam, status: spoiled[route].status }).toEqual({ c: c.naam, status: clean[route].status });
      expect(ROUTE_STATUS_TONE[spoiled[route].status]).not.toBe('goed');
    }
    expect(attentionReasons(spoiled)[0]).toMatch(/^identiteit onzeker/);
  }
  // the cases hold positive outcomes to spoil, or this test proves nothing
  expect(positives).toBeGreaterThan(0);
});

test('a hidden copy of a form is left out while a visible form is there, and used (with a warning) when it is the only one', () => {
  const visible = { name: 'Formulier', grid: form() };
  const hidden = { name: 'Oud formulier', grid: form([], { 'AGB-code': '87654321' }), hidden: true };
  const both = findForms([hidden, visible], proc);
  expect(both.forms.map((f) => f.sheet)).toEqual(['Formulier']);
  expect(both.warnings).toEqual([]);
  const only = findForms([hidden], proc);
  expect(only.forms.map((f) => f.sheet)).toEqual(['Oud formulier']);
  expect(only.warnings).toEqual(['Blad "Oud formulier" is verborgen; het is gebruikt omdat geen zichtbaar blad een aanvraagformulier is.']);
});

test('an assessor sheet in front of the only form belongs to it; a sheet with too few labels is no form', () => {
  const review: CellValue[][] = [
    ['Lager tarief is reëel', 'nee'],
    ['Onderbouwing oordeel reëel', 'tekort'],
    ['Herberekening: doelmatige zorgverlening aangetoond', 'ja', 'benchmark'],
  ];
  const found = findForms(
    [
      { name: 'Beoordeling', grid: review },
      {
        name: 'Notities',
        grid: [
          ['AGB-code', '12345678'],
          ['Zorgaanbieder', 'X'],
        ],
      },
      { name: 'Formulier', grid: form() },
    ],
    proc,
  );
  expect(found.scores.map((s) => s.kind)).toEqual(['aanvulling', 'geen', 'formulier']);
  expect(found.forms.map((f) => f.sheets)).toEqual([['Formulier', 'Beoordeling']]);
  expect(found.forms[0].input.cells.oordeelReeel).toBe('nee');
  expect(found.forms[0].input.bron).toBe('bladen Formulier en Beoordeling');
});

test('the empty template is still a form (nothing asked yet: attention, not an outcome)', async () => {
  const [a] = assessAll(await sheetsFrom('aanvraagformulier-sjabloon.xlsx'));
  expect(codes(a)).toContain('ROUTE_ONBEKEND');
  expect(attentionReasons(a)).toEqual(
    expect.arrayContaining(['niet aangegeven of het om herberekening, hardheidsclausule of beide gaat', expect.stringMatching(/^identiteit onzeker/)]),
  );
});

test('a workbook made with ExcelJS: the declaration sheet in front, exactly as the issue describes it', async () => {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Declaraties 2025').addRows([
    ['AGB-code', 'Naam zorgaanbieder', 'Prestatiecode', 'Aantal'],
    ['12345678', 'GGZ De Linde', 'Z1103', 10],
  ]);
  wb.addWorksheet('Formulier').addRows(form([], { 'Verzoek herberekening tariefpercentage': 'nee' }) as ExcelJS.CellValue[][]);
  const [a] = assessAll(await sheetsOf(new XlsxWorkbook(wb)));
  expect([a.agb, a.naam, a.identiteit.zeker, a.bladen]).toEqual(['12345678', 'GGZ De Linde', true, ['Formulier']]);
});
