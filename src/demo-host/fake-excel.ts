/**
 * An in-memory fake of the slice of the Excel JavaScript API that OfficeWorkbook uses, behaving like the host where
 * it matters for correctness and cost, and strict where real Excel is strict. This is its public entry; the
 * simulation lives in excel/, one module per area of Excel's behaviour, each rule with the Microsoft page it follows:
 * - the core: the request queue, syncs (counted, sized, timed), Excel.run, the selection, injected failures
 *   (excel/workbook.ts), and the contract its proxy objects use, loading and PropertyNotLoaded (excel/host.ts);
 * - ranges and values: worksheets and ranges (excel/worksheets.ts, excel/range.ts), what Excel does with a value
 *   written or typed (excel/values.ts), the user's formulas and #REF! (excel/formulas.ts), A1 addresses
 *   (excel/addresses.ts);
 * - formats and notes: conditional formats (excel/conditional-formats.ts), notes (excel/notes.ts), charts
 *   (excel/charts.ts), tables with a totals row (excel/tables.ts), merged areas and hidden columns (excel/layout.ts);
 * - undo: merged undo groups and operations that cannot be undone (excel/undo.ts);
 * - limits and errors: error codes, payload and cell limits, protection (excel/limits-and-errors.ts), the API level
 *   of every modelled member (excel/api-levels.ts);
 * - events: changed events and their trigger source (excel/events.ts);
 * - the workbook model all of them act on (excel/model.ts).
 */
export { API_LEVELS, compareVersions, type ApiMember } from './excel/api-levels';
export type { FakeChangedEventArgs } from './excel/events';
export { FakeOfficeError, PAYLOAD_LIMIT, READ_CELL_LIMIT } from './excel/limits-and-errors';
export {
  FakeSheet,
  type Box,
  type FakeCell,
  type FakeChartRecord,
  type FakeConditionalFormat,
  type FakeTableRecord,
  type FakeValidation,
  type SeedValue,
  type Visibility,
} from './excel/model';
export { FakeExcel, fakeContext, type FakeContext, type FakeExcelOptions } from './excel/workbook';
