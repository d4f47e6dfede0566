/** What the user did to a sheet's layout and the add-in must see: merged areas and hidden columns. */
import { addressOf, sheetReference } from './addresses';
import { Loadable, type Host } from './host';
import type { Box, FakeSheet, Target } from './model';

/**
 * Range.columnHidden (ExcelApi 1.2): "true when all columns in a range are hidden ... false when no columns in the range
 * are hidden ... null when some columns in a range are hidden and other columns in the same range are not".
 */
export function hiddenState(t: Target): boolean | null {
  let hidden = 0;
  for (let c = t.box.column; c < t.box.column + t.box.columns; c++) if (t.sheet.hiddenColumns.has(c)) hidden++;
  return hidden === 0 ? false : hidden === t.box.columns ? true : null;
}

/** RangeAreas (ExcelApi 1.9) as getMergedAreasOrNullObject gives it: only `address` and `isNullObject` can be loaded. */
export class FakeRangeAreas extends Loadable {
  constructor(
    private readonly fake: Host,
    private readonly find: () => { sheet: FakeSheet; areas: Box[] } | undefined,
  ) {
    super();
  }

  get isNullObject(): boolean {
    return this.read('isNullObject');
  }

  get address(): string {
    return this.read('address');
  }

  load(props: string): void {
    const list = props.split(',').map((p) => p.trim());
    if (list.some((p) => p !== 'address' && p !== 'isNullObject')) throw new Error(`fake: RangeAreas property ${props} not supported`);
    if (list.includes('address')) this.fake.need('RangeAreas.address');
    this.fake.enqueue(() => {
      const found = this.find();
      // "the worksheet name for each rectangular block of cells (e.g., "Sheet1!A1:B4, Sheet1!D1:D4")" (RangeAreas.address)
      const address = found ? found.areas.map((b) => `${sheetReference(found.sheet.name)}!${addressOf(b)}`).join(', ') : null;
      this.loaded = { isNullObject: !found, address };
      return (address?.length ?? 4) + 16;
    });
  }
}
