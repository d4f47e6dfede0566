/**
 * API levels: every member the fake models has the requirement set @types/office-js annotates for it
 * (`[Api set: ExcelApi 1.x]`; test/office-api/api-levels.test.ts checks every entry against the annotation). Below the
 * page's declared level a call fails at sync with ApiNotFound, as Excel answers a request it does not know: "The API
 * you are trying to use could not be found. It may be available in a newer version of the Office application."
 * https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling
 */
export const API_LEVELS = {
  'Workbook.worksheets': '1.1',
  'Workbook.getSelectedRange': '1.1',
  'Workbook.onSelectionChanged': '1.2',
  'WorksheetCollection.getItem': '1.1',
  'WorksheetCollection.getItemOrNullObject': '1.4',
  'WorksheetCollection.add': '1.1',
  'WorksheetCollection.onChanged': '1.9',
  'Worksheet.id': '1.1',
  'Worksheet.onChanged': '1.7',
  'WorksheetChangedEventArgs.worksheetId': '1.7',
  'WorksheetChangedEventArgs.address': '1.7',
  'WorksheetChangedEventArgs.source': '1.7',
  'WorksheetChangedEventArgs.triggerSource': '1.14',
  'Worksheet.name': '1.1',
  'Worksheet.visibility': '1.1',
  'Worksheet.charts': '1.1',
  'Worksheet.notes': '1.18',
  'Worksheet.protection': '1.2',
  'Worksheet.activate': '1.1',
  'Worksheet.delete': '1.1',
  'Worksheet.getRange': '1.1',
  'Worksheet.getRangeByIndexes': '1.7',
  'Worksheet.getUsedRangeOrNullObject': '1.4',
  'WorksheetProtection.protected': '1.2',
  'Range.values': '1.1',
  'Range.valueTypes': '1.1',
  'Range.numberFormat': '1.1',
  'Range.rowIndex': '1.1',
  'Range.columnIndex': '1.1',
  'Range.rowCount': '1.1',
  'Range.columnCount': '1.1',
  'Range.format': '1.1',
  'Range.worksheet': '1.1',
  'Range.clear': '1.1',
  'Range.select': '1.1',
  'Range.getIntersectionOrNullObject': '1.4',
  'Range.columnHidden': '1.2',
  'Range.getEntireColumn': '1.1',
  'Range.getMergedAreasOrNullObject': '1.13',
  'RangeAreas.address': '1.9',
  'Range.conditionalFormats': '1.6',
  'Excel.createWorkbook': '1.8',
  'Range.dataValidation': '1.8',
  'DataValidation.clear': '1.8',
  'DataValidation.rule': '1.8',
  'DataValidationRule.list': '1.8',
  'ConditionalFormatCollection.clearAll': '1.6',
  'ConditionalFormatCollection.add': '1.6',
  'ConditionalFormat.custom': '1.6',
  'CustomConditionalFormat.rule': '1.6',
  'CustomConditionalFormat.format': '1.6',
  'ConditionalFormatRule.formula': '1.6',
  'ConditionalRangeFormat.fill': '1.6',
  'ConditionalRangeFill.color': '1.6',
  'ChartCollection.add': '1.1',
  'ChartCollection.getItemOrNullObject': '1.4',
  'Chart.delete': '1.1',
  'Chart.setPosition': '1.1',
  'ChartSeriesCollection.getItemAt': '1.1',
  'ChartSeriesCollection.add': '1.7',
  'ChartSeries.setValues': '1.7',
  'ChartSeries.setXAxisValues': '1.7',
  'NoteCollection.add': '1.18',
  'Note.getLocation': '1.18',
  'Note.delete': '1.18',
  'RunOptions.mergeUndoGroup': '1.20',
} as const satisfies Record<string, string>;
export type ApiMember = keyof typeof API_LEVELS;

/** "1.9" before "1.13": versions compared part by part, as numbers. */
export function compareVersions(a: string, b: string): number {
  const [x, y] = [a.split('.').map(Number), b.split('.').map(Number)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}
