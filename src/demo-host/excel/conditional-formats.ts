/**
 * Conditional formats of a range (Range.conditionalFormats, ExcelApi 1.6): only custom rules (a formula and a fill),
 * https://learn.microsoft.com/javascript/api/excel/excel.conditionalformatcollection.
 */
import { subtract } from './addresses';
import type { Host } from './host';
import { refuseIfProtected } from './limits-and-errors';
import type { Box, FakeConditionalFormat, FakeSheet, Target } from './model';

export type ConditionalFormats = {
  clearAll(): void;
  add(type: string): { custom: { rule: { formula: string }; format: { fill: { color: string } } } };
};

/**
 * Clear the rules inside a box only: a rule that reaches outside keeps its cells there (ConditionalFormatCollection.clearAll:
 * "Clears all conditional formats active on the current specified range"). The fake splits such a rule into one rule per
 * remaining rectangle; Excel keeps one rule with a multi-area range, which covers the same cells.
 */
export function clipConditionalFormats(sheet: FakeSheet, box: Box): void {
  sheet.conditionalFormats = sheet.conditionalFormats.flatMap((cf) => subtract(cf.box, box).map((b) => (b === cf.box ? cf : { ...cf, box: b })));
}

/** The conditional-format collection of the range that `target` finds at sync. */
export function conditionalFormatsOf(fake: Host, target: () => Target | undefined): ConditionalFormats {
  return {
    clearAll: () => {
      fake.need('ConditionalFormatCollection.clearAll');
      fake.enqueue(
        () => {
          const t = target()!;
          refuseIfProtected(t.sheet);
          clipConditionalFormats(t.sheet, t.box);
          return 0;
        },
        32,
        'write',
      );
    },
    add: (type: string) => {
      fake.need('ConditionalFormatCollection.add');
      // the rule's members (custom, rule.formula, format.fill.color) are ExcelApi 1.6 as well
      for (const member of [
        'ConditionalFormat.custom',
        'CustomConditionalFormat.rule',
        'CustomConditionalFormat.format',
        'ConditionalFormatRule.formula',
        'ConditionalRangeFormat.fill',
        'ConditionalRangeFill.color',
      ] as const)
        fake.need(member);
      if (type !== 'Custom') throw new Error(`fake: conditional format ${type} not supported`);
      const rule: FakeConditionalFormat = { box: { row: 0, column: 0, rows: 0, columns: 0 }, formula: '', fill: '' };
      fake.enqueue(
        () => {
          refuseIfProtected(target()!.sheet);
          rule.box = { ...target()!.box };
          target()!.sheet.conditionalFormats.push(rule);
          return 0;
        },
        64,
        'write',
      );
      return customRule(rule);
    },
  };
}

/** ConditionalFormat.custom: its formula and fill colour, set on the record as the adapter writes them. */
function customRule(rule: FakeConditionalFormat): ReturnType<ConditionalFormats['add']> {
  return {
    custom: {
      rule: {
        set formula(f: string) {
          rule.formula = f;
        },
        get formula() {
          return rule.formula;
        },
      },
      format: {
        fill: {
          set color(c: string) {
            rule.fill = c;
          },
          get color() {
            return rule.fill;
          },
        },
      },
    },
  };
}
