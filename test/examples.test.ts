/**
 * The example workbooks of scripts/make-examples.js: generated into temporary folders, read back with
 * exceljs, and checked for the sheets, headers, tariff table and README the users rely on.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { CORE_FIELDS, normalizeHeader } from '../src/domain/fields';
import { lookupPrestatie } from '../src/domain/prestaties';
import { getPack } from '../src/policies';

jest.setTimeout(60_000);

const SCRIPT = path.join(__dirname, '..', 'scripts', 'make-examples.js');
const FILES = ['vv-2024-zorgkantoren.xlsx', 'ggz-2025-zilveren-kruis.xlsx', 'gz-2017-inkoopkader.xlsx'];
const HEADER_ROW = 3;

const COMMON = ['AGB-code', 'Zorgaanbieder', 'Prestatiecode', 'Omschrijving', 'Leveringsvorm', 'Nieuwe aanbieder'];
/** Sheet → policy pack, header row, and the pack fields that must have a column. */
const VV_SHEETS: Record<string, { policy: string; headers: string[]; fields: string[] }> = {
  'Zilveren Kruis': {
    policy: 'zk-vv-2024',
    headers: [...COMMON, 'Rol essentiële voorzieningen', 'Vrijwillig lager percentage', 'Gecontracteerd tarief'],
    fields: ['essentieleVoorzieningen', 'vrijwilligLagerPercentage'],
  },
  VGZ: {
    policy: 'vgz-vv-2024',
    headers: [...COMMON, 'Commitment regionale tafels', 'Opslag MPT', 'Gecontracteerd tarief'],
    fields: ['commitmentRegionaleTafels', 'mptGroeiopslag'],
  },
  Menzis: {
    policy: 'menzis-vv-2024',
    headers: [...COMMON, 'Specifieke plannen', 'VPT in de wijk', 'Gecontracteerd tarief'],
    fields: ['specifiekePlannen', 'vptInDeWijk'],
  },
  CZ: {
    policy: 'cz-vv-2024',
    headers: [...COMMON, 'Technologie opslag', 'Bewegingen en doelen', 'Free proposal', 'Gecontracteerd tarief'],
    fields: ['technologieOpslag', 'bewegingenEnDoelen', 'freeProposal'],
  },
  Salland: {
    policy: 'salland-vv-2024',
    headers: [...COMMON, 'Differentiatie Salland', 'Voldoet niet aan basis', 'Gecontracteerd tarief'],
    fields: ['differentiatie', 'basisNietVoldaan'],
  },
  DSW: {
    policy: 'dsw-vv-2024',
    headers: [...COMMON, 'Tariefpercentage 2023', 'Monitoruitkomst DSW', 'Gecontracteerd tarief'],
    fields: ['monitoruitkomst'],
  },
  'Zorg en Zekerheid': {
    policy: 'zz-vv-2024',
    headers: [...COMMON, 'Werkgeversopslag Z&Z', 'Gecontracteerd tarief'],
    fields: ['werkgeversopslag'],
  },
};
const TARIFF_SHEET = 'NZa tarieven';
/** Codes written wrong on purpose: a space ("Z 061", a typo for Z061) and a code that does not exist. */
const PROBLEM_CODES = ['Z 061', 'Z045'];

const GGZ_HEADERS = [
  'AGB-code',
  'Zorgaanbieder',
  'Hoofdsector',
  'Prestatiecode',
  'Omschrijving',
  'Zorgprofiel',
  'Leveringsvorm',
  'NZa maximumtarief',
  'Nieuwe aanbieder',
  'Aantal Wlz-cliënten',
  'Tariefpercentage vorig jaar',
  'Vrijwillig lager tariefpercentage',
];
const GZ_HEADERS = [
  'AGB-code',
  'Zorgaanbieder',
  'Prestatiecode',
  'Omschrijving',
  'Leveringsvorm',
  'NZa maximumtarief',
  'Nieuwe aanbieder',
  'Basistariefpercentage',
  'Ontwikkelplan akkoord',
  'Opslag ontwikkelplan',
  'Contract onder voorwaarden',
  'Zelfanalyse ingediend',
  'Toestemming behandeling',
];

let dirA: string;
let dirB: string;
const books: Record<string, ExcelJS.Workbook> = {};

function generate(dir: string): void {
  execFileSync(process.execPath, [SCRIPT, dir], { stdio: 'pipe' });
}

beforeAll(async () => {
  dirA = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-examples-a-'));
  dirB = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-examples-b-'));
  generate(dirA);
  generate(dirB);
  for (const f of FILES) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dirA, f));
    books[f] = wb;
  }
});

afterAll(() => {
  for (const d of [dirA, dirB]) if (d) fs.rmSync(d, { recursive: true, force: true });
});

function text(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  return String(v);
}

function headers(ws: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  ws.getRow(HEADER_ROW).eachCell({ includeEmpty: false }, (cell, c) => {
    out[c - 1] = text(cell.value);
  });
  return out;
}

/** Data rows below the header: null for an empty row, else the cell values by header. */
function rows(ws: ExcelJS.Worksheet): Array<Record<string, ExcelJS.CellValue> | null> {
  const hs = headers(ws);
  const out: Array<Record<string, ExcelJS.CellValue> | null> = [];
  for (let r = HEADER_ROW + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const rec: Record<string, ExcelJS.CellValue> = {};
    let any = false;
    hs.forEach((h, i) => {
      const v = row.getCell(i + 1).value;
      rec[h] = v;
      if (v !== null && v !== undefined && v !== '') any = true;
    });
    out.push(any ? rec : null);
  }
  return out;
}

/** Header → field name, as header detection does: core fields plus the pack's fields, by label, name or alias. */
function fieldIndex(policy: string): Map<string, string> {
  const pack = getPack(policy);
  if (!pack) throw new Error(`no pack ${policy}`);
  const index = new Map<string, string>();
  for (const [name, def] of Object.entries({ ...CORE_FIELDS, ...pack.fields })) {
    for (const a of [def.label, name, ...def.aliases]) if (!index.has(normalizeHeader(a))) index.set(normalizeHeader(a), name);
  }
  return index;
}

/** Every header of a sheet maps to a field the pack understands. */
function expectHeadersKnown(hs: string[], policy: string): string[] {
  const index = fieldIndex(policy);
  const fields = hs.map((h) => index.get(normalizeHeader(h)));
  expect(hs.filter((h, i) => fields[i] === undefined)).toEqual([]);
  return fields as string[];
}

test('the three workbooks and the README are written', () => {
  for (const f of [...FILES, 'README.md']) expect(fs.existsSync(path.join(dirA, f))).toBe(true);
});

describe('vv-2024-zorgkantoren.xlsx', () => {
  const file = 'vv-2024-zorgkantoren.xlsx';

  test('one sheet per zorgkantoor, then the tariff table', () => {
    expect(books[file].worksheets.map((ws) => ws.name)).toEqual([...Object.keys(VV_SHEETS), TARIFF_SHEET]);
  });

  test.each(Object.entries(VV_SHEETS))("%s: title, header row 3 with the pack's columns, 12–25 rows", (name, spec) => {
    const ws = books[file].getWorksheet(name)!;
    expect(text(ws.getCell('A1').value)).toMatch(/^Contractering V&V 2024 — regio /);
    expect(ws.getRow(2).cellCount).toBe(0);
    const hs = headers(ws);
    expect(hs).toEqual(spec.headers);
    expect(hs).not.toContain('NZa maximumtarief');
    const fields = expectHeadersKnown(hs, spec.policy);
    for (const f of spec.fields) expect(fields).toContain(f);
    const data = rows(ws).filter((r) => r !== null);
    expect(data.length).toBeGreaterThanOrEqual(12);
    expect(data.length).toBeLessThanOrEqual(25);
    for (const r of data) {
      expect(typeof r['AGB-code']).toBe('string');
      expect(r['AGB-code']).toMatch(/^\d{8}$/);
    }
  });

  test('the tariff table: note in row 1, header in row 3, every code used (except the problem rows) with a money tariff', () => {
    const ws = books[file].getWorksheet(TARIFF_SHEET)!;
    expect(text(ws.getCell('A1').value)).toBe('VOORBEELDTARIEVEN — geen echte NZa-tarieven');
    expect(headers(ws)).toEqual(['Prestatiecode', 'Omschrijving', 'NZa maximumtarief', 'Eenheid']);
    const table = new Map<string, number>();
    for (let r = HEADER_ROW + 1; r <= ws.rowCount; r++) {
      const code = text(ws.getCell(r, 1).value);
      const tariff = ws.getCell(r, 3);
      expect(typeof tariff.value).toBe('number');
      expect(tariff.numFmt).toBe('#,##0.00');
      expect(lookupPrestatie(code)).toBeDefined();
      table.set(code, tariff.value as number);
    }
    const used = new Set<string>();
    for (const name of Object.keys(VV_SHEETS)) {
      for (const r of rows(books[file].getWorksheet(name)!)) if (r) used.add(text(r.Prestatiecode));
    }
    const missing = [...used].filter((c) => !PROBLEM_CODES.includes(c) && !table.has(c));
    expect(missing).toEqual([]);
    // The problem codes are there on purpose: the typo reads as a listed code once the space goes, the unknown one nowhere.
    for (const c of PROBLEM_CODES) expect(used).toContain(c);
    expect(table.has('Z061')).toBe(true);
    expect(table.has('Z045')).toBe(false);
    expect(lookupPrestatie('Z045')).toBeUndefined();
    // Plausible magnitudes: ZZP/VPT per dag, MPT per uur, NHC/NIC per dag.
    for (const [code, t] of table) {
      const [lo, hi] = /^[ZV]0/.test(code) ? [150, 350] : /^(X|IX)/.test(code) ? [10, 45] : [30, 90];
      expect([code, t >= lo && t <= hi]).toEqual([code, true]);
    }
  });

  test('the deliberate problem rows are there', () => {
    const sheet = (n: string) => rows(books[file].getWorksheet(n)!);
    // An empty row in the middle of Zilveren Kruis.
    const zk = sheet('Zilveren Kruis');
    const empty = zk.indexOf(null);
    expect(empty).toBeGreaterThan(0);
    expect(empty).toBeLessThan(zk.length - 1);
    // A 4VV ZZP with verblijf at Zilveren Kruis.
    expect(
      zk.some((r) => r && lookupPrestatie(text(r.Prestatiecode))?.zorgprofiel === '4VV' && lookupPrestatie(text(r.Prestatiecode))?.leveringsvorm === 'ZZP'),
    ).toBe(true);
    // Provider names that look like formulas, stored as plain text.
    const names = Object.keys(VV_SHEETS).flatMap((n) =>
      sheet(n)
        .filter(Boolean)
        .map((r) => r!.Zorgaanbieder),
    );
    expect(names).toContain('+Zorg Thuis BV');
    expect(names).toContain('=WoonZorg Raalte');
    for (const n of names) expect(typeof n).toBe('string');
    // A duplicate (same AGB-code and prestatiecode) at VGZ.
    const keys = sheet('VGZ')
      .filter(Boolean)
      .map((r) => `${r!['AGB-code']}|${r!.Prestatiecode}`);
    expect(keys.length - new Set(keys).size).toBe(1);
    // Some AGB-codes keep their leading zero.
    expect(zk.some((r) => r && text(r['AGB-code']).startsWith('0'))).toBe(true);
  });

  test('DSW mixes the ways people type a percentage', () => {
    const ws = books[file].getWorksheet('DSW')!;
    const col = headers(ws).indexOf('Tariefpercentage 2023') + 1;
    const cells = [];
    for (let r = HEADER_ROW + 1; r <= ws.rowCount; r++) cells.push(ws.getCell(r, col));
    expect(cells.some((c) => typeof c.value === 'string' && /%$/.test(c.value))).toBe(true);
    expect(cells.some((c) => typeof c.value === 'number' && c.value < 1.5 && /%/.test(c.numFmt ?? ''))).toBe(true);
    expect(cells.some((c) => typeof c.value === 'number' && c.value > 50)).toBe(true);
  });
});

describe('ggz-2025-zilveren-kruis.xlsx', () => {
  const file = 'ggz-2025-zilveren-kruis.xlsx';

  test('sheet, header row and content', () => {
    expect(books[file].worksheets.map((ws) => ws.name)).toEqual(['Aanbieders GGZ']);
    const ws = books[file].getWorksheet('Aanbieders GGZ')!;
    expect(headers(ws)).toEqual(GGZ_HEADERS);
    expectHeadersKnown(headers(ws), 'zk-ggz-2025');
    const data = rows(ws).filter(Boolean) as Array<Record<string, ExcelJS.CellValue>>;
    expect(data.length).toBeGreaterThanOrEqual(15);
    expect(data.length).toBeLessThanOrEqual(25);
    const codes = data.map((r) => text(r.Prestatiecode));
    for (const c of ['Z1007', 'Z1008', 'Z043']) expect(codes).toContain(c);
    // Codes outside the catalog (invented GGZ-W codes, Z1007/Z1008 from the pack) always say zorgprofiel or leveringsvorm.
    for (const r of data.filter((r) => !lookupPrestatie(text(r.Prestatiecode)) && !['Z1007', 'Z1008'].includes(text(r.Prestatiecode)))) {
      expect(text(r.Zorgprofiel)).not.toBe('');
      expect(text(r.Leveringsvorm)).not.toBe('');
    }
    expect(data.some((r) => lookupPrestatie(text(r.Prestatiecode))?.component === 'NHC')).toBe(true);
    expect(data.some((r) => /W5/.test(text(r.Zorgprofiel)) && text(r.Leveringsvorm) === 'VPT')).toBe(true);
    expect(data.some((r) => text(r.Prestatiecode) === 'Z043' && text(r.Hoofdsector).toUpperCase() === 'GGZ')).toBe(true);
    expect(data.some((r) => typeof r['NZa maximumtarief'] === 'number')).toBe(true);
    expect(data.some((r) => typeof r['NZa maximumtarief'] === 'string' && text(r['NZa maximumtarief']).startsWith('€'))).toBe(true);
  });
});

describe('gz-2017-inkoopkader.xlsx', () => {
  const file = 'gz-2017-inkoopkader.xlsx';

  test('sheet, header row and content', () => {
    expect(books[file].worksheets.map((ws) => ws.name)).toEqual(['GZ 2017']);
    const ws = books[file].getWorksheet('GZ 2017')!;
    expect(headers(ws)).toEqual(GZ_HEADERS);
    const fields = expectHeadersKnown(headers(ws), 'zn-gz-2017');
    const packFields = Object.keys(getPack('zn-gz-2017')!.fields ?? {});
    expect(packFields.length).toBeGreaterThan(0);
    for (const f of packFields) expect(fields).toContain(f);
    const codes = (rows(ws).filter(Boolean) as Array<Record<string, ExcelJS.CellValue>>).map((r) => text(r.Prestatiecode));
    for (const c of ['Z456', 'Z441', 'Z461', 'V455', 'H330', 'H335']) expect(codes).toContain(c);
    for (const c of codes) expect(lookupPrestatie(c)).toBeDefined();
  });
});

test('the README says the tariffs, names and AGB-codes are invented, and names every file and pack', () => {
  const readme = fs.readFileSync(path.join(dirA, 'README.md'), 'utf8');
  expect(readme).toMatch(/VERZONNEN/);
  expect(readme).toMatch(/géén echte NZa-tarieven|geen echte NZa-tarieven/);
  for (const f of FILES) expect(readme).toContain(f);
  for (const id of [...Object.values(VV_SHEETS).map((s) => s.policy), 'zk-ggz-2025', 'zn-gz-2017']) expect(readme).toContain(`--policy ${id}`);
});

/** The DOS date and time of every entry in a zip's central directory. */
function zipStamps(buf: Buffer): string[] {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  const out: string[] = [];
  let p = buf.readUInt32LE(eocd + 16);
  for (let n = buf.readUInt16LE(eocd + 10); n > 0; n--) {
    out.push(`${buf.readUInt16LE(p + 14)}/${buf.readUInt16LE(p + 12)}`);
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return out;
}

test('two runs give byte-identical files', () => {
  // exceljs (through JSZip) stamps zip entries with the current time; the script overwrites those stamps
  // with a fixed date, so the files can be compared byte for byte. Checking the stamps too keeps this
  // test meaningful when both runs happen to fall in the same two-second clock tick.
  const fixed = `${((2024 - 1980) << 9) | (1 << 5) | 2}/0`;
  for (const f of [...FILES, 'README.md']) {
    const a = fs.readFileSync(path.join(dirA, f));
    expect(fs.readFileSync(path.join(dirB, f)).equals(a)).toBe(true);
    if (f.endsWith('.xlsx')) expect(new Set(zipStamps(a))).toEqual(new Set([fixed]));
  }
  expect(books['vv-2024-zorgkantoren.xlsx'].created.toISOString()).toBe('2024-01-02T09:00:00.000Z');
});
