/**
 * Which Excel the add-in needs. The floor is the highest requirement set (`[Api set: ExcelApi 1.x]` in
 * @types/office-js) of any Excel member the add-in calls without a gate; test/office-api/floor.test.ts derives it
 * from the source with the TypeScript checker and fails when this constant, manifest.xml's MinVersion, the
 * README or help.html say otherwise. Worksheet.getRangeByIndexes (every read and write) is ExcelApi 1.7.
 */
export const EXCEL_API_FLOOR = '1.7';

/**
 * Members above the floor are called only behind a gate: `if (features.X)` (or an early return on
 * `!features.X`), where X is a key here and the pane sets it from
 * Office.context.requirements.isSetSupported('ExcelApi', version). The floor test checks each gate's version
 * against the members behind it.
 * - conditionalFormats, charts: within the floor now; kept as flags so that other hosts of the adapter can
 *   leave them out.
 * - mergedAreas (Range.getMergedAreasOrNullObject): ExcelApi 1.13. Without it a job cannot see merged cells where
 *   it writes its own columns, and says so (output-columns.ts).
 * - notes (Worksheet.notes, NoteCollection.add): ExcelApi 1.18.
 * - undoGroups (RunOptions.mergeUndoGroup, one undo step per run): ExcelApi 1.20.
 * - workbookChanges (WorksheetCollection.onChanged: one handler for every sheet, also sheets added later): 1.9;
 *   below it the pane registers Worksheet.onChanged (1.7, the floor) on each sheet there is.
 * - eventTriggerSource (WorksheetChangedEventArgs.triggerSource: "ThisLocalAddin" for the add-in's own writes): 1.14.
 * - dataValidation (Range.dataValidation, a list for the review column): ExcelApi 1.8. Without it the column has
 *   no drop-down; people type the verdict.
 */
export const OPTIONAL_FEATURES = {
  conditionalFormats: '1.6',
  charts: '1.7',
  mergedAreas: '1.13',
  notes: '1.18',
  undoGroups: '1.20',
  newWorkbook: '1.8',
  workbookChanges: '1.9',
  eventTriggerSource: '1.14',
  dataValidation: '1.8',
} as const;

export type ExcelFeature = keyof typeof OPTIONAL_FEATURES;
export type ExcelFeatures = Partial<Record<ExcelFeature, boolean>>;
