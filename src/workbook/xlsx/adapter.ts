/** WorkbookPort on an .xlsx file through exceljs (CLI and tests). */
import ExcelJS from 'exceljs';
import type { CellValue } from '../../domain/parse';
import { columnName, highlightFormula, selectFromGrid, type OutputBlock, type OutputValue, type ReadRequest, type SheetRead, type WorkbookPort } from '../port';

export class XlsxWorkbook implements WorkbookPort {
  constructor(readonly workbook: ExcelJS.Workbook) {}

  static async fromFile(path: string): Promise<XlsxWorkbook> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    return new XlsxWorkbook(wb);
  }

  static async fromBuffer(data: ArrayBuffer | Uint8Array): Promise<XlsxWorkbook> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data as ArrayBuffer);
    return new XlsxWorkbook(wb);
  }

  async save(path: string): Promise<void> {
    await this.workbook.xlsx.writeFile(path);
  }

  private sheet(name: string): ExcelJS.Worksheet {
    const ws = this.workbook.getWorksheet(name);
    if (!ws) throw new Error(`Blad "${name}" bestaat niet.`);
    return ws;
  }

  async sheetNames(): Promise<string[]> {
    return this.workbook.worksheets.map((w) => w.name);
  }

  async readSheet(name: string): Promise<CellValue[][]> {
    const ws = this.sheet(name);
    const grid: CellValue[][] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const line: CellValue[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        line[col - 1] = toCellValue(cell.value);
      });
      for (let i = 0; i < line.length; i++) if (line[i] === undefined) line[i] = null;
      grid[rowNumber - 1] = line;
    });
    for (let i = 0; i < grid.length; i++) if (!grid[i]) grid[i] = [];
    return grid;
  }

  async readSheets(requests: readonly ReadRequest[]): Promise<SheetRead[]> {
    const out: SheetRead[] = [];
    for (const r of requests) out.push({ ...selectFromGrid(await this.readSheet(r.sheet), r), protected: isProtected(this.sheet(r.sheet)) });
    return out;
  }

  /** Writes go straight into the in-memory workbook; `save` writes the file. */
  async flush(): Promise<void> {}

  async writeBlock(block: OutputBlock): Promise<void> {
    const ws = this.sheet(block.sheet);
    const header = ws.getRow(block.headerRow + 1);
    block.headers.forEach((h, i) => {
      const cell = header.getCell(block.firstColumn + 1 + i);
      cell.value = h;
      cell.font = { bold: true };
    });
    const styles = new SharedStyles();
    block.values.forEach((values, r) => {
      const row = ws.getRow(block.headerRow + 2 + r);
      values.forEach((v, i) => {
        const cell = row.getCell(block.firstColumn + 1 + i);
        cell.value = toExcelValue(v);
        const fmt = block.numberFormats[i];
        const change = fmt && typeof v === 'number' ? `numFmt:${fmt}` : typeof v === 'string' && v.includes('\n') ? 'wrap' : '';
        cell.style = styles.get(cell.style, change);
      });
    });
    // Notes: ours are the ones in the block's value area. exceljs 4.4 has no call to remove a note; an
    // empty one would still be written, so the cell's private comment is dropped.
    for (let r = 0; r < block.values.length; r++) {
      for (let i = 0; i < block.headers.length; i++) {
        const cell = ws.getRow(block.headerRow + 2 + r).getCell(block.firstColumn + 1 + i) as unknown as { note?: unknown; _comment?: unknown };
        if (cell.note !== undefined) cell._comment = undefined;
      }
    }
    for (const n of block.notes ?? []) ws.getRow(block.headerRow + 2 + n.row).getCell(block.firstColumn + 1 + n.column).note = n.text;
    // Conditional formatting: drop our earlier rules on this block (recognised by their formula and by the
    // block's first column, so another Tariefwijzer block on the sheet keeps its rules), then add the current ones.
    const start = new RegExp(`^${columnName(block.firstColumn)}\\d`);
    const ours = (cf: ExcelJS.ConditionalFormattingOptions) =>
      start.test(cf.ref) && cf.rules.some((r) => r.type === 'expression' && (r.formulae ?? []).some((f: unknown) => String(f).includes('ISNUMBER(FIND("[')));
    ws.removeConditionalFormatting((cf: ExcelJS.ConditionalFormattingOptions) => !ours(cf));
    if (block.highlights?.length && block.values.length) {
      const ref = `${columnName(block.firstColumn)}${block.headerRow + 2}:${columnName(block.firstColumn + block.headers.length - 1)}${block.headerRow + 1 + block.values.length}`;
      ws.addConditionalFormatting({
        ref,
        rules: block.highlights.map((h, i) => ({
          type: 'expression' as const,
          priority: i + 1,
          formulae: [highlightFormula(h, block)],
          style: { fill: { type: 'pattern' as const, pattern: 'solid' as const, bgColor: { argb: 'FF' + h.color.slice(1) } } },
        })),
      });
    }
    [14, 14, 60, 80].forEach((w, i) => {
      const col = ws.getColumn(block.firstColumn + 1 + i);
      if (!col.width) col.width = w;
    });
  }

  async replaceSheet(name: string, rows: OutputValue[][]): Promise<void> {
    const old = this.workbook.getWorksheet(name);
    if (old) this.workbook.removeWorksheet(old.id);
    const ws = this.workbook.addWorksheet(name);
    rows.forEach((values, r) => {
      const row = ws.getRow(r + 1);
      values.forEach((v, c) => {
        row.getCell(c + 1).value = toExcelValue(v);
      });
    });
    ws.getColumn(1).width = 28;
    ws.getColumn(2).width = 40;
    ws.getColumn(3).width = 60;
  }
}

/** The sheet carries <sheetProtection sheet="1">: Excel refuses edits to its locked cells (exceljs does not type the field). */
function isProtected(ws: ExcelJS.Worksheet): boolean {
  return !!(ws as unknown as { sheetProtection?: { sheet?: boolean | string | number } | null }).sheetProtection?.sheet;
}

const WRAP: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'top' };

/**
 * One style object per distinct (style, change): exceljs's writer renders the style of every cell to find its id
 * unless it has seen the very same object before (a WeakMap), as cells read from a file share one object per
 * style id. A new cell has its own empty style object, so without this each output cell was rendered anew.
 * Like exceljs's own shared styles, these objects must be replaced, not mutated (cell.style = …, not cell.numFmt = …).
 */
class SharedStyles {
  private readonly empty = new Map<string, Partial<ExcelJS.Style>>();
  private readonly derived = new WeakMap<object, Map<string, Partial<ExcelJS.Style>>>();

  get(base: Partial<ExcelJS.Style>, change: string): Partial<ExcelJS.Style> {
    const isEmpty = Object.keys(base).length === 0;
    let known = isEmpty ? this.empty : this.derived.get(base);
    if (!known) this.derived.set(base, (known = new Map<string, Partial<ExcelJS.Style>>()));
    let style = known.get(change);
    if (!style) {
      style = change.startsWith('numFmt:') ? { ...base, numFmt: change.slice(7) } : change === 'wrap' ? { ...base, alignment: WRAP } : isEmpty ? {} : base;
      known.set(change, style);
    }
    return style;
  }
}

/** exceljs writes a JS string as a text cell; it only makes a formula from `{ formula }`, which we never pass. */
function toExcelValue(v: OutputValue): ExcelJS.CellValue {
  return v;
}

export function toCellValue(v: ExcelJS.CellValue | undefined): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('error' in v) return { error: String(v.error) };
    if ('formula' in v || 'sharedFormula' in v) {
      const result = (v as { result?: ExcelJS.CellValue }).result;
      return result === undefined ? { error: 'formule zonder berekende waarde' } : toCellValue(result);
    }
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String((v as { text: unknown }).text);
  }
  return String(v);
}
