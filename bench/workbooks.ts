/**
 * Generated benchmark workbooks for pack zk-vv-2024: one sheet "Zilveren Kruis" with a header row and N provider
 * rows (AGB, name, prestatiecode from the catalog, omschrijving, zorgprofiel, leveringsvorm, NZa maximumtarief,
 * nieuwe aanbieder and the pack's own criterion "Rol essentiële voorzieningen").
 *
 * Deterministic (seeded PRNG, fixed dates). Each provider has 5–25 distinct codes, so AGB + code is unique as in a
 * real contract round. Maximum tariffs are invented.
 *
 * Two variants of the same rows:
 * - data:    the input of `tariefwijzer annotate` and of the bare exceljs read + write (the I/O floor);
 * - formula: the same rows plus what an inkoper builds instead: a sheet "Percentages" (code → percentage) and two
 *            formula columns, percentage = VLOOKUP(code; Percentages; IF(essentieel="ja"; 3; 2); FALSE) and
 *            tarief = ROUND(max × percentage; 2): the rules of zk-vv-2024 that apply to these rows. Cached results are written as 0 on purpose: the LibreOffice
 *            benchmark checks afterwards that they were recalculated.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import catalog from '../src/domain/catalog/prestaties.json';

export const PACK_ID = 'zk-vv-2024';
export const SHEET = 'Zilveren Kruis';
export const RICHTTARIEF = 95.5;
export const ESSENTIEEL = 96.0;
export const NHC_NIC = 100;

export const HEADERS = [
  'AGB-code',
  'Zorgaanbieder',
  'Prestatiecode',
  'Omschrijving',
  'Zorgprofiel',
  'Leveringsvorm',
  'NZa maximumtarief',
  'Nieuwe aanbieder',
  'Rol essentiële voorzieningen',
];

export interface BenchRow {
  agb: string;
  naam: string;
  code: string;
  omschrijving: string;
  zorgprofiel: string;
  leveringsvorm: string;
  maximumtarief: number;
  nieuw: string;
  essentieel: string;
}

interface Entry {
  code: string;
  description: string;
  zorgprofiel?: string;
  leveringsvorm: string;
  component: string;
  sector?: string;
}

/** V&V care codes (ZZP, VPT, MPT, dagbesteding) and the V&V NHC/NIC components. */
export const CODES: Entry[] = (catalog.entries as Entry[]).filter(
  (e) => ['ZZP', 'VPT', 'MPT', 'dagbesteding', 'NHC', 'NIC'].includes(e.leveringsvorm) && (e.sector === 'VV' || e.leveringsvorm === 'MPT'),
);

/** The percentage a formula workbook looks up per code: NHC/NIC 100%, care the richttarief or 96% (essentieel). */
export function percentageOf(e: Entry, essentieel: boolean): number {
  if (e.component !== 'zorg') return NHC_NIC;
  return essentieel ? ESSENTIEEL : RICHTTARIEF;
}

/** mulberry32: small, fast, deterministic. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An invented maximum tariff per code, stable across sizes. */
function tariffOf(code: string): number {
  let h = 0;
  for (const ch of code) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  const unitCost = code.startsWith('H') ? 40 : code.startsWith('X') || code.startsWith('IX') ? 8 : 150;
  return Math.round((unitCost + (h % 20000) / 100) * 100) / 100;
}

const PLACES = [
  'Linde',
  'Amstelhof',
  'Domstad',
  'Vechtoever',
  'Heideweg',
  'Waalkant',
  'Maasduinen',
  'Noaberhof',
  'Dinkeldal',
  'Kempenland',
  'Peel',
  'Dommeldal',
  'Vechtdal',
  'Raalte',
];
const KINDS = ['Zorggroep', 'Stichting', 'Thuiszorg', 'Woonzorg', 'Zorgcentrum', 'Wijkverpleging'];
const LV_TEXT: Record<string, string> = { ZZP: 'ZZP', VPT: 'VPT', MPT: 'MPT', dagbesteding: 'Dagbesteding', NHC: 'NHC', NIC: 'NIC' };

export function generateRows(n: number, seed = 9): BenchRow[] {
  const rnd = prng(seed);
  const rows: BenchRow[] = [];
  let provider = 0;
  while (rows.length < n) {
    provider++;
    const agb = String(3_000_000 + provider * 7).padStart(8, '0');
    const naam = `${KINDS[provider % KINDS.length]} ${PLACES[Math.floor(rnd() * PLACES.length)]} ${provider}`;
    const essentieel = rnd() < 0.15 ? 'ja' : 'nee';
    const count = Math.min(n - rows.length, 5 + Math.floor(rnd() * 21));
    const used = new Set<number>();
    while (used.size < count) used.add(Math.floor(rnd() * CODES.length));
    for (const i of used) {
      const e = CODES[i];
      rows.push({
        agb,
        naam,
        code: e.code,
        omschrijving: e.description,
        zorgprofiel: e.zorgprofiel ?? '',
        leveringsvorm: LV_TEXT[e.leveringsvorm],
        maximumtarief: tariffOf(e.code),
        nieuw: 'nee',
        essentieel,
      });
    }
  }
  return rows;
}

/**
 * The same kind of rows, but (almost) every row's output different: a maximumtarief of its own per row (so no
 * two rows share a tariff or an explanation), one row in six an unknown code (a signal) and one in ten repeating
 * the line of the row before it (AGB-code + prestatie: DUBBELE_REGEL on both, naming the other row).
 */
export function generateDistinctRows(n: number, seed = 11): BenchRow[] {
  const rows = generateRows(n, seed);
  rows.forEach((r, i) => {
    r.maximumtarief = Math.round((tariffOf(r.code) + i / 100) * 100) / 100;
    if (i % 6 === 5) {
      r.code = `Z${100 + (i % 7919)}`;
      r.zorgprofiel = '';
    } else if (i % 10 === 9 && rows[i - 1].agb === r.agb) {
      r.code = rows[i - 1].code;
      r.zorgprofiel = rows[i - 1].zorgprofiel;
      r.leveringsvorm = rows[i - 1].leveringsvorm;
      r.omschrijving = rows[i - 1].omschrijving;
    }
  });
  return rows;
}

function rowValues(r: BenchRow): ExcelJS.CellValue[] {
  return [r.agb, r.naam, r.code, r.omschrijving, r.zorgprofiel || null, r.leveringsvorm, r.maximumtarief, r.nieuw, r.essentieel];
}

const FIXED_DATE = new Date(Date.UTC(2024, 0, 2, 9, 0, 0));

function newWorkbook(file: string): ExcelJS.stream.xlsx.WorkbookWriter {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: true });
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  return wb;
}

/** The input workbook (streamed out, so generating 300k rows stays cheap). */
export async function writeDataWorkbook(file: string, rows: BenchRow[]): Promise<void> {
  const wb = newWorkbook(file);
  const ws = wb.addWorksheet(SHEET);
  ws.columns = HEADERS.map((h, i) => ({
    header: h,
    width: [12, 34, 14, 44, 12, 14, 14, 10, 12][i],
    style: i === 6 ? { numFmt: '#,##0.00' } : i === 0 || i === 2 ? { numFmt: '@' } : {},
  }));
  for (const r of rows) ws.addRow(rowValues(r)).commit();
  ws.commit();
  await wb.commit();
}

/**
 * `<calcPr fullCalcOnLoad="1"/>`: ask the reading program for a full recalculation on load. exceljs's streaming
 * writer hard-codes empty calc properties, so its workbook part is written here with the flag.
 */
function askFullCalcOnLoad(wb: ExcelJS.stream.xlsx.WorkbookWriter): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const WorkbookXform = require('exceljs/lib/xlsx/xform/book/workbook-xform') as new () => { prepare(model: unknown): void; toXml(model: unknown): string };
  const writer = wb as unknown as {
    zip: { append(xml: string, o: { name: string }): void };
    _worksheets: unknown[];
    _definedNames: { model: unknown };
    views: unknown;
    addWorkbook(): Promise<void>;
  };
  writer.addWorkbook = async () => {
    const model = {
      worksheets: writer._worksheets.filter(Boolean),
      definedNames: writer._definedNames.model,
      views: writer.views,
      properties: {},
      calcProperties: { fullCalcOnLoad: true },
    };
    const xform = new WorkbookXform();
    xform.prepare(model);
    writer.zip.append(xform.toXml(model), { name: '/xl/workbook.xml' });
  };
}

/** The same rows with the tariff as spreadsheet formulas, and the percentage table they look up. */
export async function writeFormulaWorkbook(file: string, rows: BenchRow[]): Promise<void> {
  const wb = newWorkbook(file);
  askFullCalcOnLoad(wb);
  const ws = wb.addWorksheet(SHEET);
  ws.columns = [...HEADERS, 'Percentage', 'Tarief'].map((h) => ({ header: h, width: 14 }));
  const last = CODES.length + 1;
  rows.forEach((r, i) => {
    const n = i + 2;
    const row = ws.addRow([
      ...rowValues(r),
      { formula: `VLOOKUP(C${n},Percentages!$A$2:$C$${last},IF(I${n}="ja",3,2),FALSE)`, result: 0 },
      { formula: `ROUND(G${n}*J${n},2)`, result: 0 },
    ]);
    row.getCell(10).numFmt = '0.00%';
    row.getCell(11).numFmt = '#,##0.00';
    row.commit();
  });
  ws.commit();
  const table = wb.addWorksheet('Percentages');
  table.addRow(['Prestatiecode', 'Percentage', 'Percentage essentiële voorzieningen']).commit();
  for (const e of CODES) table.addRow([e.code, percentageOf(e, false) / 100, percentageOf(e, true) / 100]).commit();
  table.commit();
  await wb.commit();
}

export interface BenchFiles {
  rows: number;
  /** 'contract': rows as in a contract round (bench-N.xlsx); 'distinct': every row's output different. */
  kind: 'contract' | 'distinct';
  data: string;
  formula: string;
  dataBytes: number;
}

/** Generate (or reuse, when present) the workbooks for one size in `dir`; `formula: false` skips the formula variant. */
export async function ensureWorkbooks(dir: string, n: number, options: { formula?: boolean; kind?: BenchFiles['kind'] } = {}): Promise<BenchFiles> {
  fs.mkdirSync(dir, { recursive: true });
  const kind = options.kind ?? 'contract';
  const name = kind === 'distinct' ? `bench-verschillend-${n}` : `bench-${n}`;
  const data = path.join(dir, `${name}.xlsx`);
  const formula = path.join(dir, `${name}-formules.xlsx`);
  const withFormula = options.formula !== false && kind === 'contract';
  if (!fs.existsSync(data) || (withFormula && !fs.existsSync(formula))) {
    const rows = kind === 'distinct' ? generateDistinctRows(n) : generateRows(n);
    if (!fs.existsSync(data)) {
      await writeDataWorkbook(data + '.tmp', rows);
      fs.renameSync(data + '.tmp', data);
    }
    if (withFormula && !fs.existsSync(formula)) {
      await writeFormulaWorkbook(formula + '.tmp', rows);
      fs.renameSync(formula + '.tmp', formula);
    }
  }
  return { rows: n, kind, data, formula, dataBytes: fs.statSync(data).size };
}
