/**
 * Data validation of a range (Range.dataValidation, ExcelApi 1.8): only list rules are modelled,
 * https://learn.microsoft.com/javascript/api/excel/excel.datavalidation.
 */
import { subtract } from './addresses';
import type { Host } from './host';
import { FakeOfficeError, refuseIfProtected } from './limits-and-errors';
import type { Target } from './model';

type ListRule = { list?: { inCellDropDown?: boolean; source: string } };
export type DataValidation = { clear(): void; rule: ListRule };

/**
 * clear() "Clears the data validation from the current range", only inside it (a rule reaching outside keeps its
 * cells there, as ConditionalFormatCollection.clearAll); setting `rule` adds a list rule on the range at sync.
 */
export function dataValidationOf(fake: Host, target: () => Target | undefined): DataValidation {
  return {
    clear: () => {
      fake.need('DataValidation.clear');
      fake.enqueue(
        () => {
          const t = target()!;
          refuseIfProtected(t.sheet);
          t.sheet.validations = t.sheet.validations.flatMap((v) => subtract(v.box, t.box).map((box) => (box === v.box ? v : { ...v, box })));
          return 0;
        },
        32,
        'write',
      );
    },
    get rule(): ListRule {
      throw new FakeOfficeError('PropertyNotLoaded', 'dataValidation.rule is write-only in the fake');
    },
    set rule(rule: ListRule) {
      fake.need('DataValidation.rule');
      fake.need('DataValidationRule.list');
      const list = rule.list;
      if (!list) throw new Error('fake: only list data validations are modelled');
      fake.enqueue(
        () => {
          const t = target()!;
          refuseIfProtected(t.sheet);
          t.sheet.validations.push({ box: { ...t.box }, source: list.source, inCellDropDown: list.inCellDropDown ?? true });
          return 0;
        },
        64,
        'write',
      );
    },
  };
}
