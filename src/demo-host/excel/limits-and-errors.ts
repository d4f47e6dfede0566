/**
 * The errors Excel answers with and the limits where it does. Codes are those of OfficeExtension.Error.code
 * (https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling, "Error codes").
 */
import type { FakeSheet } from './model';

export class FakeOfficeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

/**
 * Excel on the web refuses a request or a response over 5 MB (RequestPayloadSizeLimitExceeded,
 * ResponsePayloadSizeLimitExceeded; "This error only occurs in Office on the web", same page as above).
 */
export const PAYLOAD_LIMIT = 5 * 1024 * 1024;

/**
 * Cells a range may have for a get operation, on all platforms (RangeExceedsLimit): "On all platforms, a range is
 * limited to five million cells for get operations",
 * https://learn.microsoft.com/office/dev/add-ins/excel/performance#payload-size-limit-best-practices.
 */
export const READ_CELL_LIMIT = 5_000_000;

/**
 * Range.getMergedAreasOrNullObject: "if the merged areas count in this range is more than 512, then this method will
 * fail to return the result" (its @types/office-js description; the page names no error code, the fake answers
 * GeneralException).
 */
export const MERGED_AREAS_LIMIT = 512;

/**
 * Excel refuses any change to the cells of a protected sheet ("Protect a worksheet",
 * https://support.microsoft.com/office/protect-a-worksheet-3179efdb-1285-4d49-a9c3-f4ca36276de6); the fake answers
 * AccessDenied.
 */
export function refuseIfProtected(sheet: FakeSheet): void {
  if (sheet.protected) throw new FakeOfficeError('AccessDenied', `sheet ${sheet.name} is protected`);
}
