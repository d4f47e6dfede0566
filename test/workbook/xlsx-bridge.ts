/**
 * The .xlsx adapter under test, seen through exceljs: tests build and inspect workbooks with exceljs (an
 * independent reader and writer), while every port call goes through the package adapter
 * (src/workbook/xlsx/adapter.ts) on the bytes exceljs wrote. After a write the adapter's package is read
 * back into the same exceljs Workbook object, so `workbook` always shows what the adapter produced.
 */
import ExcelJS from 'exceljs';
import type { CellValue } from '../../src/domain/parse';
import type { ChartSpec, ColumnFacts, ColumnsRequest, OutputBlock, OutputValue, ReadRequest, SheetRead, WorkbookPort } from '../../src/workbook/port';
import { XlsxWorkbook } from '../../src/workbook/xlsx/adapter';

export class BridgedXlsx implements WorkbookPort {
  /** The package bytes the adapter last wrote, when exceljs has not been changed since. */
  private last?: { bytes: Buffer; port: XlsxWorkbook; state: string };

  constructor(readonly workbook: ExcelJS.Workbook) {}

  static async fromFile(path: string): Promise<BridgedXlsx> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    return new BridgedXlsx(wb);
  }

  static async fromBuffer(data: ArrayBuffer | Uint8Array): Promise<BridgedXlsx> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data as ArrayBuffer);
    return new BridgedXlsx(wb);
  }

  /** A package adapter on exceljs's current state (a test may have changed cells through exceljs). */
  private async port(): Promise<XlsxWorkbook> {
    // exceljs's own writer changes some text (a CR comes back as LF): only re-serialise when a test changed cells
    if (this.last && this.last.state === state(this.workbook)) return this.last.port;
    return XlsxWorkbook.fromBuffer(Buffer.from(await this.workbook.xlsx.writeBuffer()));
  }

  private async after(port: XlsxWorkbook): Promise<void> {
    const bytes = await port.toBuffer();
    await this.workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    this.last = { bytes, port: await XlsxWorkbook.fromBuffer(bytes), state: state(this.workbook) };
  }

  /** exceljs writes and reads back its own workbook (a date cell gains a date format): a baseline for comparisons. */
  async settle(): Promise<void> {
    await this.workbook.xlsx.load(await this.workbook.xlsx.writeBuffer());
  }

  /** The bytes of the last write by the adapter (before exceljs read them back). */
  get lastPackage(): Buffer | undefined {
    return this.last?.bytes;
  }

  async sheetNames(): Promise<string[]> {
    return (await this.port()).sheetNames();
  }

  async readSheet(name: string): Promise<CellValue[][]> {
    return (await this.port()).readSheet(name);
  }

  async readSheets(requests: readonly ReadRequest[]): Promise<SheetRead[]> {
    return (await this.port()).readSheets(requests);
  }

  async columnFacts(request: ColumnsRequest): Promise<ColumnFacts> {
    return (await this.port()).columnFacts(request);
  }

  async writeBlock(block: OutputBlock): Promise<void> {
    const port = await this.port();
    await port.writeBlock(block);
    await this.after(port);
  }

  async replaceSheet(name: string, rows: OutputValue[][]): Promise<void> {
    const port = await this.port();
    await port.replaceSheet(name, rows);
    await this.after(port);
  }

  async writeChart(chart: ChartSpec): Promise<void> {
    // a chart goes on an own sheet that the same adapter instance wrote: replay that sheet, then the chart
    const port = await this.port();
    const rows = (await port.readSheet(chart.sheet)).map((line) => line.map((v) => (typeof v === 'number' || typeof v === 'string' ? v : null)));
    await port.replaceSheet(chart.sheet, rows);
    await port.writeChart(chart);
    await this.after(port);
  }

  async flush(): Promise<void> {}

  async save(path: string): Promise<void> {
    await this.workbook.xlsx.writeFile(path);
  }
}

/** What a test can change through exceljs: sheets, cell values, formats, notes, protection, merges. */
function state(wb: ExcelJS.Workbook): string {
  return JSON.stringify(wb.worksheets.map((ws) => [ws.name, ws.state, ws.model]));
}
