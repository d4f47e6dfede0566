/**
 * A fresh .xlsx from DocSheets (workbook/document.ts): the parts of workbook-parts.ts in the project's own zip
 * writer (zip.ts), no library. Deterministic: no clock (every entry has the writer's fixed time stamp), entries in
 * a fixed order and deflated at one level, so the same sheets give the same bytes.
 */
import type { DocSheet } from '../document';
import { workbookParts } from './workbook-parts';
import { DeflatedPart, ZipWriter } from './zip';

/** The .xlsx package of these sheets, in memory (a document is a few hundred rows). */
export async function newWorkbookBytes(sheets: readonly DocSheet[]): Promise<Buffer> {
  if (!sheets.length) throw new Error('newWorkbookBytes: a workbook needs a sheet');
  const parts = workbookParts(sheets);
  const chunks: Buffer[] = [];
  const zip = new ZipWriter({ write: (data) => chunks.push(Buffer.from(data)) });
  for (const [name, xml] of parts) zip.deflated(name, await DeflatedPart.of(xml));
  await zip.checked();
  zip.finish();
  return Buffer.concat(chunks);
}
