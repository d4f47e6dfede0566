/**
 * The "Bijlage" action's parts that need no pane: the bijlage of one provider from the same job code as the CLI
 * (collectBijlagen on the pane's port, bijlageSheet), as cells and number formats, and writing them to a new sheet
 * "Bijlage AGB" through Office.js, or the .xlsx package of it (the same parts as the CLI's file, stored instead of
 * deflated, made in the browser) for a new workbook through Excel.createWorkbook (ExcelApi 1.8).
 */
import type { ParameterValues, PolicyPack } from '../domain/policy/types';
import { safeSheetName, type DocSheet } from '../workbook/document';
import { bijlageSheet, type BijlageContext } from '../workbook/jobs/bijlage-document';
import { collectBijlagen } from '../workbook/jobs/bijlagen';
import { PERCENTAGE_FORMAT, TARIFF_FORMAT } from '../workbook/names';
import type { WorkbookPort } from '../workbook/port';
import { storedZip, toBase64 } from '../workbook/xlsx/stored-zip';
import { workbookParts } from '../workbook/xlsx/workbook-parts';

/** A bijlage as Office.js takes it: one rectangle of values and number formats, and the rows to set in bold. */
export interface BijlageGrid {
  name: string;
  values: Array<Array<string | number>>;
  numberFormats: string[][];
  boldRows: number[];
}

const FORMATS: Record<string, string> = { euro: TARIFF_FORMAT, percent: PERCENTAGE_FORMAT, number: 'General' };
const BOLD = new Set(['title', 'label', 'heading', 'header']);

/** Text cells get the text format '@', so a name or code starting with "=", "+", "-" or "@" stays text, never a formula. */
export function bijlageGrid(doc: DocSheet, name: string): BijlageGrid {
  const width = Math.max(doc.widths.length, ...doc.rows.map((r) => r.length));
  const values = doc.rows.map((row) => Array.from({ length: width }, (_, c) => row[c]?.value ?? ''));
  const numberFormats = doc.rows.map((row) =>
    Array.from({ length: width }, (_, c) => {
      const cell = row[c];
      return !cell ? 'General' : typeof cell.value === 'number' ? (FORMATS[cell.style ?? 'number'] ?? 'General') : '@';
    }),
  );
  const boldRows = doc.rows.flatMap((row, r) => (row.some((c) => c && BOLD.has(c.style ?? '')) ? [r] : []));
  return { name, values, numberFormats, boldRows };
}

/** "Bijlage 12345678", or with the zorgkantoor when the provider has bijlagen for more than one; unique among `taken`. */
export function bijlageSheetName(agb: string, zorgkantoor: string | undefined, taken: readonly string[]): string {
  const base = safeSheetName(`Bijlage ${agb}${zorgkantoor ? ` ${zorgkantoor}` : ''}`);
  const lower = new Set(taken.map((t) => t.toLowerCase()));
  let name = base;
  for (let n = 2; lower.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - ` (${n})`.length)} (${n})`;
  return name;
}

/** A bijlage of one provider: its document (the CLI's sheet) and the name of the sheet it gets in this workbook. */
export interface ProviderBijlage {
  doc: DocSheet;
  sheetName: string;
}

/** The bijlagen of one provider (one per zorgkantoor it has rows for), computed on the pane's port. */
export async function providerBijlagen(
  port: WorkbookPort,
  pack: PolicyPack,
  params: ParameterValues,
  agb: string,
  datum: BijlageContext['datum'],
  taken: readonly string[],
): Promise<ProviderBijlage[]> {
  const outcome = await collectBijlagen(port, pack, params, { agb: [agb] });
  const ctx: BijlageContext = { pack, params, datum, multiYear: outcome.multiYear, hasVolume: outcome.hasVolume };
  const names = [...taken];
  return outcome.bijlagen.map((b) => {
    const sheetName = bijlageSheetName(b.agb, outcome.perZorgkantoor ? b.zorgkantoor : undefined, names);
    names.push(sheetName);
    return { doc: bijlageSheet(b, ctx), sheetName };
  });
}

/** The bijlagen of one provider as grids for new sheets. */
export async function bijlageGrids(...args: Parameters<typeof providerBijlagen>): Promise<BijlageGrid[]> {
  return (await providerBijlagen(...args)).map((b) => bijlageGrid(b.doc, b.sheetName));
}

/** The .xlsx of one bijlage as base64, as Excel.createWorkbook takes it: the CLI's parts, stored. */
export function bijlageWorkbookBase64(doc: DocSheet): string {
  return toBase64(storedZip(workbookParts([doc])));
}

/**
 * Opens the bijlage as a new workbook (Excel.createWorkbook, ExcelApi 1.8: "Create a workbook" in
 * https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-workbooks). Excel opens it in a window of its
 * own; the add-in keeps running with the open workbook and gets no reference to the new one, so nothing here
 * touches the user's workbook. Limits: docs/bijlagen.md.
 */
export async function openBijlageWorkbook(doc: DocSheet, features: { newWorkbook?: boolean }): Promise<boolean> {
  if (!features.newWorkbook) return false;
  await Excel.createWorkbook(bijlageWorkbookBase64(doc));
  return true;
}

/**
 * A new sheet with the bijlage, made active; one sync. Nothing is deleted (Worksheet.delete cannot be undone).
 * Worksheet.getRangeByIndexes is ExcelApi 1.7; WorksheetCollection.add, Range.values, Range.numberFormat,
 * RangeFont.bold and Worksheet.activate are 1.1 (https://learn.microsoft.com/javascript/api/excel/excel.worksheet).
 */
export async function writeBijlageSheet(context: Excel.RequestContext, grid: BijlageGrid): Promise<void> {
  const sheet = context.workbook.worksheets.add(grid.name);
  const width = grid.values[0]?.length ?? 0;
  const range = sheet.getRangeByIndexes(0, 0, grid.values.length, width);
  // formats first: a text cell is '@' before its value arrives, so "=…" is not read as a formula
  range.numberFormat = grid.numberFormats;
  range.values = grid.values;
  for (const r of grid.boldRows) sheet.getRangeByIndexes(r, 0, 1, width).format.font.bold = true;
  sheet.activate();
  await context.sync();
}
