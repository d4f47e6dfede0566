import { Loadable, type Host } from './host';
import { FakeOfficeError } from './limits-and-errors';
import type { FakeSheet, FakeTableRecord } from './model';
import { FakeRange } from './range';

/**
 * Worksheet.tables (ExcelApi 1.1): https://learn.microsoft.com/javascript/api/excel/excel.tablecollection. A
 * collection is loaded with "items/<property>"; its items are then readable after the sync.
 */
export class FakeTableCollection extends Loadable {
  constructor(
    private readonly fake: Host,
    private readonly find: () => FakeSheet | undefined,
  ) {
    super();
  }

  get items(): FakeTable[] {
    return this.read('items');
  }

  load(props: string): void {
    const list = props.split(',').map((p) => p.trim());
    if (!list.every((p) => p === 'items/showTotals' || p === 'items/name')) throw new Error(`fake: tables.load("${props}") not supported`);
    this.fake.enqueue(() => {
      const records = this.find()?.tables ?? [];
      this.loaded.items = records.map((t) => new FakeTable(this.fake, () => this.find()!, t, list));
      return 32 * records.length;
    });
  }
}

/** Excel.Table: https://learn.microsoft.com/javascript/api/excel/excel.table (showTotals, getTotalRowRange: ExcelApi 1.1). */
class FakeTable extends Loadable {
  constructor(
    private readonly fake: Host,
    private readonly sheet: () => FakeSheet,
    private readonly record: FakeTableRecord,
    loaded: string[],
  ) {
    super();
    if (loaded.includes('items/showTotals')) this.loaded.showTotals = record.showTotals;
    if (loaded.includes('items/name')) this.loaded.name = record.name;
  }

  get showTotals(): boolean {
    return this.read('showTotals');
  }

  get name(): string {
    return this.read('name');
  }

  /**
   * The totals row's range. With the totals row hidden Excel has no such range and the request fails; the fake
   * raises InvalidArgument then (the adapter asks only for tables whose showTotals it loaded as true).
   */
  getTotalRowRange(): FakeRange {
    const record = this.record;
    return new FakeRange(
      this.fake,
      () => {
        if (!record.showTotals) throw new FakeOfficeError('InvalidArgument', `table ${record.name} shows no totals row`);
        return { sheet: this.sheet(), box: { row: record.box.row + record.box.rows - 1, column: record.box.column, rows: 1, columns: record.box.columns } };
      },
      false,
    );
  }
}
