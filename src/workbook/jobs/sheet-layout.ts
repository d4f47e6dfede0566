/**
 * One of Tariefwijzer's own sheets as it fills up from the top: lines of text, and tables written as blocks with a
 * number format per column (a sheet's rows through `replaceSheet` carry values only).
 */
import type { OutputValue, RowSource, WorkbookPort } from '../port';

export interface BlockSpec {
  headerRow: number;
  firstColumn: number;
  headers: string[];
  values: OutputValue[][];
  /** The rows made as they are written instead of `values` (OutputBlock.rows). */
  rows?: RowSource;
  numberFormats: Array<string | undefined>;
}

export class SheetLayout {
  readonly rows: OutputValue[][] = [];
  readonly blocks: BlockSpec[] = [];
  private cursor = 0;

  line(values: OutputValue[]): void {
    while (this.rows.length <= this.cursor) this.rows.push([]);
    this.rows[this.cursor++] = values;
  }

  gap(): void {
    this.cursor++;
  }

  /** A table at the next row (its rows as values, or made as they are written), then one empty row; returns its header row. */
  table(headers: string[], rows: OutputValue[][] | RowSource, numberFormats: Array<string | undefined>): number {
    const headerRow = this.cursor;
    const block = Array.isArray(rows) ? { values: rows } : { values: [], rows };
    this.blocks.push({ headerRow, firstColumn: 0, headers, numberFormats, ...block });
    this.cursor += (block.rows?.count ?? block.values.length) + 2;
    return headerRow;
  }
}

/** Replaces the sheet with the layout's lines, then writes its tables (replaced in place, never deleted). */
export async function writeLayout(port: WorkbookPort, sheet: string, layout: Pick<SheetLayout, 'rows' | 'blocks'>): Promise<void> {
  await port.replaceSheet(sheet, layout.rows);
  for (const block of layout.blocks) await port.writeBlock({ sheet, ...block });
}
