/**
 * One workbook description, built on both adapters (exceljs in memory, and the fake Excel host behind the
 * Office.js adapter), with a fingerprint of every cell outside Tariefwijzer's output for "nothing changed".
 */
import ExcelJS from 'exceljs';
import type { CellValue } from '../../src/domain/parse';
import { isOwnSheet } from '../../src/workbook/names';
import { OUTPUT_HEADERS } from '../../src/workbook/headers';
import { OfficeWorkbook } from '../../src/workbook/office/adapter';
import { isDateFormat } from '../../src/workbook/number-format';
import type { WorkbookPort } from '../../src/workbook/port';
import { BridgedXlsx as XlsxWorkbook } from '../workbook/xlsx-bridge';
import { FakeExcel, FakeSheet, fakeContext } from '../../src/demo-host/fake-excel';

/** A cell as a test writes it: a plain value, an Excel error, or a formula with its cached result. */
export type SpecValue = string | number | boolean | Date | null | undefined | { error: string } | { formula: string; result: string | number };

export interface SpecCell {
  /** 0-based. */
  row: number;
  column: number;
  numberFormat?: string;
  bold?: boolean;
}

export interface SheetSpec {
  rows: SpecValue[][];
  /** Number formats and bold cells (both adapters). */
  styles?: SpecCell[];
  /** 0-based hidden rows (exceljs only: the fake host does not model row visibility). */
  hidden?: number[];
  /** Merged areas as A1 ranges (both adapters; the fake host reports them but does not spread their value). */
  merges?: string[];
  /** 0-based hidden columns (both adapters). */
  hiddenColumns?: number[];
  /** An AutoFilter over this A1 range (exceljs only); filtered-out rows are the hidden ones. */
  autoFilter?: string;
  /** The user's own conditional formats: a formula over an A1 range, filled with a colour (both adapters). */
  conditionalFormats?: Array<{ ref: string; formula: string; color: string }>;
  protected?: boolean;
  /** Hidden sheet (both adapters: exceljs `state`, the fake host's Worksheet.visibility). */
  visibility?: 'hidden' | 'veryHidden';
  /**
   * Excel tables over the rows (both adapters): `ref` is the whole table as an A1 range, header row first and, with
   * `totals`, the totals row last. The cells are the spec's rows.
   */
  tables?: Array<{ name: string; ref: string; totals: boolean }>;
}

export type WorkbookSpec = Record<string, SheetSpec>;

export interface Subject {
  name: 'exceljs' | 'office.js';
  /** A new port on the workbook (the Office adapter keeps what it read for the length of one run). */
  port(): WorkbookPort;
  /**
   * Every cell outside Tariefwijzer's columns and sheets: value, formula, number format, style. The
   * columns are those Tariefwijzer owns now; `capture()` keeps a state to compare with them later.
   */
  userCells(): string;
  /** The workbook's cells now, to be filtered later by the columns Tariefwijzer owns then. */
  capture(): () => string;
  /** Every cell of the workbook, Tariefwijzer's too. */
  allCells(): string;
  /** Cells holding a formula, as "sheet!row,col: formula". */
  formulas(): string[];
  /** The text of a cell when it is a plain text cell (not a formula), else undefined. */
  textAt(sheet: string, row: number, column: number): string | undefined;
  xlsx?: XlsxWorkbook;
  fake?: FakeExcel;
}

function isFormula(v: SpecValue): v is { formula: string; result: string | number } {
  return typeof v === 'object' && v !== null && !(v instanceof Date) && 'formula' in v;
}

/**
 * A date is a number with a date format in Excel: another format makes a Date a number there, and a date
 * format makes a number a Date, while exceljs in memory keeps what it was given. Such formats are left out
 * so that both adapters hold the same workbook.
 */
function isDate(sheet: SheetSpec, at: SpecCell): boolean {
  const v = sheet.rows[at.row]?.[at.column];
  return (
    v instanceof Date ||
    (at.numberFormat !== undefined && isDateFormat(at.numberFormat) && (typeof v === 'number' || (typeof v === 'object' && v !== null && 'formula' in v)))
  );
}

/** "B3:F9" → 0-based box. */
function boxOf(ref: string): { row: number; column: number; rows: number; columns: number } {
  const [a, b] = ref.split(':').map((x) => {
    const m = /^([A-Z]+)(\d+)$/.exec(x)!;
    return { row: Number(m[2]) - 1, column: m[1].split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1 };
  });
  return { row: a.row, column: a.column, rows: b.row - a.row + 1, columns: b.column - a.column + 1 };
}

export function buildXlsx(spec: WorkbookSpec): XlsxWorkbook {
  const wb = new ExcelJS.Workbook();
  for (const [name, sheet] of Object.entries(spec)) {
    const ws = wb.addWorksheet(name);
    sheet.rows.forEach((line, r) =>
      line.forEach((v, c) => {
        if (v === null || v === undefined) return;
        const cell = ws.getCell(r + 1, c + 1);
        cell.value = (isFormula(v) ? { formula: v.formula.replace(/^=/, ''), result: v.result } : v) as ExcelJS.CellValue;
      }),
    );
    for (const s of sheet.styles ?? []) {
      const cell = ws.getCell(s.row + 1, s.column + 1);
      if (s.numberFormat && !isDate(sheet, s)) cell.numFmt = s.numberFormat;
      if (s.bold) cell.font = { bold: true };
    }
    for (const r of sheet.hidden ?? []) ws.getRow(r + 1).hidden = true;
    for (const m of sheet.merges ?? []) ws.mergeCells(m);
    for (const c of sheet.hiddenColumns ?? []) ws.getColumn(c + 1).hidden = true;
    if (sheet.autoFilter) ws.autoFilter = sheet.autoFilter;
    for (const cf of sheet.conditionalFormats ?? []) {
      ws.addConditionalFormatting({
        ref: cf.ref,
        rules: [
          {
            type: 'expression',
            priority: 1,
            formulae: [cf.formula],
            style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FF' + cf.color.slice(1) } } },
          },
        ],
      });
    }
    if (sheet.protected) (ws as unknown as { sheetProtection: unknown }).sheetProtection = { sheet: true };
    if (sheet.visibility) ws.state = sheet.visibility;
    for (const t of sheet.tables ?? []) {
      // exceljs writes a table's own header, rows and totals; the spec's cells are written over them again
      const box = boxOf(t.ref);
      const header = (sheet.rows[box.row] ?? []).slice(box.column, box.column + box.columns).map((v, i) => String(v ?? `Kolom${i + 1}`));
      const body = sheet.rows
        .slice(box.row + 1, box.row + box.rows - (t.totals ? 1 : 0))
        .map((line) => header.map((_, i) => (line[box.column + i] ?? null) as ExcelJS.CellValue));
      ws.addTable({ name: t.name, ref: t.ref.split(':')[0], headerRow: true, totalsRow: t.totals, columns: header.map((name) => ({ name })), rows: body });
      for (let r = box.row; r < box.row + box.rows; r++) {
        for (let c = box.column; c < box.column + box.columns; c++) {
          const v = sheet.rows[r]?.[c];
          ws.getCell(r + 1, c + 1).value = (
            v === undefined ? null : isFormula(v) ? { formula: v.formula.replace(/^=/, ''), result: v.result } : v
          ) as ExcelJS.CellValue;
        }
      }
    }
  }
  return new XlsxWorkbook(wb);
}

export function buildFake(spec: WorkbookSpec): FakeExcel {
  const seed: Record<string, CellValue[][]> = {};
  for (const [name, sheet] of Object.entries(spec)) seed[name] = sheet.rows.map((line) => line.map((v) => (isFormula(v) ? null : v)));
  const fake = FakeExcel.from(seed);
  for (const [name, sheet] of Object.entries(spec)) {
    const fs = fake.sheet(name)!;
    sheet.rows.forEach((line, r) =>
      line.forEach((v, c) => {
        if (!isFormula(v)) return;
        const cell = fs.ensure(r, c);
        cell.formula = v.formula.startsWith('=') ? v.formula : `=${v.formula}`;
        cell.value = v.result;
        cell.type = typeof v.result === 'number' ? (Number.isInteger(v.result) ? 'Integer' : 'Double') : 'String';
      }),
    );
    for (const s of sheet.styles ?? []) {
      const cell = fs.ensure(s.row, s.column);
      if (s.numberFormat && !isDate(sheet, s)) cell.numberFormat = s.numberFormat;
      if (s.bold) cell.bold = true;
    }
    fs.protected = !!sheet.protected;
    if (sheet.visibility) fs.visibility = sheet.visibility === 'hidden' ? 'Hidden' : 'VeryHidden';
    for (const t of sheet.tables ?? []) fs.tables.push({ name: t.name, box: boxOf(t.ref), showTotals: t.totals });
    for (const m of sheet.merges ?? []) fs.merges.push(boxOf(m));
    for (const c of sheet.hiddenColumns ?? []) fs.hiddenColumns.add(c);
    for (const cf of sheet.conditionalFormats ?? []) {
      const [a, b] = cf.ref.split(':').map((x) => {
        const m = /^([A-Z]+)(\d+)$/.exec(x)!;
        return { row: Number(m[2]) - 1, column: m[1].split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1 };
      });
      fs.conditionalFormats.push({
        box: { row: a.row, column: a.column, rows: b.row - a.row + 1, columns: b.column - a.column + 1 },
        formula: `=${cf.formula}`,
        fill: cf.color,
      });
    }
  }
  return fake;
}

/** Columns holding an output header, per sheet: Tariefwijzer's own columns. */
function outputColumns(headerRows: Array<{ sheet: string; cells: Array<{ column: number; text: string }> }>): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  for (const { sheet, cells } of headerRows) {
    for (const { column, text } of cells) {
      if ((OUTPUT_HEADERS as readonly string[]).includes(text)) {
        if (!out.has(sheet)) out.set(sheet, new Set());
        out.get(sheet)!.add(column);
      }
    }
  }
  return out;
}

/**
 * The columns Tariefwijzer owns: those it wrote an output header in (found in the first 20 rows), minus
 * any the user had before the run (`before`, from the same function on the untouched workbook).
 */
export type Owned = Map<string, Set<number>>;

function xlsxOwned(wb: ExcelJS.Workbook): Owned {
  const heads: Array<{ sheet: string; cells: Array<{ column: number; text: string }> }> = [];
  for (const ws of wb.worksheets) {
    const cells: Array<{ column: number; text: string }> = [];
    for (let r = 1; r <= Math.min(20, ws.rowCount); r++)
      ws.getRow(r).eachCell((cell, c) => typeof cell.value === 'string' && cells.push({ column: c - 1, text: cell.value }));
    heads.push({ sheet: ws.name, cells });
  }
  return outputColumns(heads);
}

function fakeOwned(fake: FakeExcel): Owned {
  return outputColumns(
    fake.sheets.map((s: FakeSheet) => ({
      sheet: s.name,
      cells: [...s.cells.entries()]
        .filter(([k, cell]) => Number(k.split(',')[0]) < 20 && typeof cell.value === 'string')
        .map(([k, cell]) => ({ column: Number(k.split(',')[1]), text: cell.value as string })),
    })),
  );
}

interface Entry {
  sheet: string;
  /** 0-based column, or -1 for a sheet-level line. */
  column: number;
  line: string;
}

function render(entries: Entry[], skip?: Owned): string {
  return entries
    .filter((e) => !skip || (!isOwnSheet(e.sheet) && !skip.get(e.sheet)?.has(e.column)))
    .map((e) => e.line)
    .join('\n');
}

/** Conditional formats that are not Tariefwijzer's (its rules test for "[fout]" / "[waarschuwing]"). */
function userRules(ws: ExcelJS.Worksheet): unknown[] {
  const all = (ws as unknown as { conditionalFormattings: Array<{ ref: string; rules: Array<{ formulae?: unknown[] }> }> }).conditionalFormattings ?? [];
  return all.filter((cf) => !cf.rules.some((r) => (r.formulae ?? []).some((f) => String(f).includes('ISNUMBER(FIND("['))));
}

function xlsxCells(wb: ExcelJS.Workbook, skip?: Owned): string {
  return render(xlsxEntries(wb), skip);
}

/**
 * exceljs's own writer (which builds the test workbooks the adapter then reads) gives a styled cell the default
 * font and an empty fill, writes a CR as a bare one (read back as LF) and spells out empty rule styles: the same
 * cell as far as the workbook is concerned, so these differences are taken out before comparing.
 */
const EXCELJS_DEFAULT_FONT = '{"color":{"theme":1},"family":2,"scheme":"minor","size":11,"name":"Calibri"}';
function settled(json: string): string {
  return json === EXCELJS_DEFAULT_FONT || json === '{"type":"pattern","pattern":"none"}'
    ? '{}'
    : json
        .replace(/\\r/g, '\\n')
        .replace(/"(alignment|border|font|numFmt|protection)":null,?/g, '')
        .replace(/,}/g, '}');
}

function xlsxEntries(wb: ExcelJS.Workbook): Entry[] {
  const out: Entry[] = [];
  for (const ws of wb.worksheets) {
    const sheetProtection = (ws as unknown as { sheetProtection?: unknown }).sheetProtection;
    const sheet = ws.name;
    out.push({
      sheet,
      column: -1,
      line: `# ${sheet} protected=${JSON.stringify(sheetProtection ?? null)} merges=${JSON.stringify(Object.keys((ws as unknown as { _merges: object })._merges).sort())} autoFilter=${JSON.stringify(ws.autoFilter ?? null)} cf=${settled(JSON.stringify(userRules(ws)))}`,
    });
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      if (row.hidden && row.hasValues) out.push({ sheet, column: -1, line: `${sheet}!${r} hidden` }); // exceljs does not write an empty row
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        out.push({
          sheet,
          column: c - 1,
          line: `${sheet}!${r},${c}=${settled(JSON.stringify(cell.value))}|${cell.value instanceof Date && cell.numFmt === 'mm-dd-yy' ? '' : (cell.numFmt ?? '')}|${settled(JSON.stringify(cell.font ?? {}))}|${settled(JSON.stringify(cell.fill ?? {}))}|${JSON.stringify(cell.alignment ?? {})}|${JSON.stringify(cell.border ?? {})}`,
        });
      });
    });
  }
  return out;
}

function fakeCells(fake: FakeExcel, skip?: Owned): string {
  return render(fakeEntries(fake), skip);
}

function fakeEntries(fake: FakeExcel): Entry[] {
  const out: Entry[] = [];
  for (const sheet of fake.sheets) {
    const name = sheet.name;
    out.push({ sheet: name, column: -1, line: `# ${name} protected=${sheet.protected}` });
    const keys = sheet.cellKeys();
    for (const key of keys) {
      const cell = sheet.cells.get(key)!;
      if (cell.type === 'Empty' && cell.numberFormat === 'General' && !cell.bold) continue;
      out.push({
        sheet: name,
        column: Number(key.split(',')[1]),
        line: `${name}!${key}=${JSON.stringify(cell.value)}|${cell.type}|${cell.formula ?? ''}|${cell.numberFormat}|${cell.bold ? 'b' : ''}`,
      });
    }
    // conditional formats, by their first column (Tariefwijzer's rules cover its own columns only)
    for (const cf of sheet.conditionalFormats) out.push({ sheet: name, column: cf.box.column, line: `${name} cf ${JSON.stringify(cf)}` });
  }
  return out;
}

/** Both adapters on the same workbook description. `owned` is computed once, before any run. */
export function subjects(spec: WorkbookSpec): Subject[] {
  const xlsx = buildXlsx(spec);
  const fake = buildFake(spec);
  const userColumnsX = xlsxOwned(xlsx.workbook);
  const userColumnsF = fakeOwned(fake);
  const minus = (now: Owned, before: Owned): Owned => new Map([...now].map(([s, cols]) => [s, new Set([...cols].filter((c) => !before.get(s)?.has(c)))]));
  return [
    {
      name: 'exceljs',
      port: () => xlsx,
      userCells: () => xlsxCells(xlsx.workbook, minus(xlsxOwned(xlsx.workbook), userColumnsX)),
      capture: () => {
        const entries = xlsxEntries(xlsx.workbook);
        return () => render(entries, minus(xlsxOwned(xlsx.workbook), userColumnsX));
      },
      allCells: () => xlsxCells(xlsx.workbook),
      formulas: () => {
        const out: string[] = [];
        for (const ws of xlsx.workbook.worksheets)
          ws.eachRow((row, r) =>
            row.eachCell((cell, c) => {
              const v = cell.value as { formula?: string; sharedFormula?: string } | null;
              if (v && typeof v === 'object' && ('formula' in v || 'sharedFormula' in v))
                out.push(`${ws.name}!${r - 1},${c - 1}: ${v.formula ?? v.sharedFormula}`);
            }),
          );
        return out;
      },
      textAt: (sheet, r, c) => {
        const v = xlsx.workbook.getWorksheet(sheet)?.getCell(r + 1, c + 1).value;
        return typeof v === 'string' ? v : undefined;
      },
      xlsx,
    },
    {
      name: 'office.js',
      port: () => new OfficeWorkbook(fakeContext(fake), { conditionalFormats: true, mergedAreas: true }),
      userCells: () => fakeCells(fake, minus(fakeOwned(fake), userColumnsF)),
      capture: () => {
        const entries = fakeEntries(fake);
        return () => render(entries, minus(fakeOwned(fake), userColumnsF));
      },
      allCells: () => fakeCells(fake),
      formulas: () => fake.formulas().map((f) => f.replace(': =', ': ')),
      textAt: (sheet, r, c) => {
        const cell = fake.sheet(sheet)?.cell(r, c);
        return cell && cell.type === 'String' && cell.formula === undefined && typeof cell.value === 'string' ? cell.value : undefined;
      },
      fake,
    },
  ];
}
