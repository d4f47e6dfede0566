/**
 * An in-memory WorkbookPort on a grid of values, so the task pane can be tried in a plain browser
 * (demonstration mode, browser tests). Mirrors what the Office adapter does: writes touch only the block.
 */
import type { CellValue } from '../domain/parse';
import { selectFromGrid, type OutputBlock, type OutputValue, type ReadRequest, type SheetRead, type WorkbookPort } from '../workbook/port';

export type Sheets = Record<string, CellValue[][]>;

export class MemoryWorkbook implements WorkbookPort {
  readonly sheets = new Map<string, CellValue[][]>();

  constructor(sheets: Sheets) {
    for (const [name, grid] of Object.entries(sheets)) this.sheets.set(name, grid.map((row) => [...row]));
  }

  async sheetNames(): Promise<string[]> {
    return [...this.sheets.keys()];
  }

  async readSheet(name: string): Promise<CellValue[][]> {
    const grid = this.sheets.get(name);
    if (!grid) throw new Error(`Blad "${name}" bestaat niet.`);
    return grid.map((row) => [...row]);
  }

  async readSheets(requests: readonly ReadRequest[]): Promise<SheetRead[]> {
    return Promise.all(requests.map(async (r) => selectFromGrid(await this.readSheet(r.sheet), r)));
  }

  async flush(): Promise<void> {}

  async writeBlock(block: OutputBlock): Promise<void> {
    const grid = this.sheets.get(block.sheet);
    if (!grid) throw new Error(`Blad "${block.sheet}" bestaat niet.`);
    const put = (r: number, c: number, v: OutputValue) => {
      while (grid.length <= r) grid.push([]);
      const row = grid[r];
      while (row.length < c) row.push(null);
      row[c] = v;
    };
    block.headers.forEach((h, i) => put(block.headerRow, block.firstColumn + i, h));
    block.values.forEach((line, r) => line.forEach((v, i) => put(block.headerRow + 1 + r, block.firstColumn + i, v)));
  }

  async replaceSheet(name: string, rows: OutputValue[][]): Promise<void> {
    this.sheets.set(name, rows.map((row) => [...row]));
  }
}

/** The pack the example rows were made for. */
export const DEMO_PACK_ID = 'zk-ggz-2025';

/**
 * Five invented GGZ rows for zk-ggz-2025 (worked examples of seed 003/004, see
 * test/policies/cases/zk-ggz-2025.cases.json). With richttarief 97,3 the first gives € 297,90.
 */
export function demoSheets(): Sheets {
  return {
    Aanbieders: [
      ['Voorbeeld: contractering GGZ 2025 (verzonnen aanbieders)'],
      [],
      ['AGB code', 'Naam zorgaanbieder', 'Prestatiecode', 'Zorgprofiel', 'Leveringsvorm', 'NZa maximumtarief'],
      ['73730001', 'Zorg BV', 'Z1105', 'GGZ W5', 'Verblijf', 300],
      ['73730002', 'Beschermd Wonen Oost', 'V1101', 'GGZ-1W', 'VPT', '€ 140,00'],
      ['73730003', 'Thuis in de Wijk', 'V1105', 'GGZ W5', 'VPT', 300],
      ['73730004', 'Dagcentrum Zuid', 'Y291', null, null, 40],
      ['73730005', 'Kliniek Noord', 'Z1007', null, null, null],
    ],
  };
}

export function createDemoPort(): MemoryWorkbook {
  return new MemoryWorkbook(demoSheets());
}
