/**
 * The two conformance classes of an .xlsx (ISO/IEC 29500-1): Transitional, what Excel writes by default, and Strict
 * (Excel's "Strict Open XML-spreadsheet"), whose namespaces and relationship types differ. Tariefwijzer's own markup
 * is written Transitional and made Strict here for a Strict workbook, so a package never mixes the two.
 */

/** The SpreadsheetML namespace of a Strict workbook. */
export const STRICT_MAIN = 'http://purl.oclc.org/ooxml/spreadsheetml/main';

/**
 * Transitional namespaces Tariefwijzer writes, with their Strict counterparts (ISO/IEC 29500-1 Strict schemas).
 * A namespace of relationships is also the start of every relationship type in it (…/relationships/worksheet). The
 * package's own namespaces (content types, package relationships) and markup compatibility are the same in both.
 */
const TO_STRICT: ReadonlyArray<readonly [string, string]> = [
  ['http://schemas.openxmlformats.org/spreadsheetml/2006/main', STRICT_MAIN],
  ['http://schemas.openxmlformats.org/officeDocument/2006/relationships', 'http://purl.oclc.org/ooxml/officeDocument/relationships'],
  ['http://schemas.openxmlformats.org/drawingml/2006/main', 'http://purl.oclc.org/ooxml/drawingml/main'],
  ['http://schemas.openxmlformats.org/drawingml/2006/chart', 'http://purl.oclc.org/ooxml/drawingml/chart'],
  ['http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing', 'http://purl.oclc.org/ooxml/drawingml/spreadsheetDrawing'],
];

/** Markup in the workbook's class: as it is for a Transitional workbook, with Strict namespaces for a Strict one. */
export function conform(xml: string, strict: boolean): string {
  if (!strict || !xml.includes('schemas.openxmlformats.org')) return xml;
  let out = xml;
  for (const [transitional, s] of TO_STRICT) out = out.split(transitional).join(s);
  return out;
}
