/**
 * The "Bijlage" action's parts that need no pane: the bijlage of one provider from the same job code as the CLI
 * (collectBijlagen on the pane's port, bijlageSheet), as cells and number formats, and writing them to a new sheet
 * "Bijlage AGB" through Office.js. The lead wires the button into the Tarieven tab.
 *
 * Not here yet: a new workbook through Excel.createWorkbook(base64) (ExcelApi 1.8). That needs the .xlsx package
 * as base64 in the browser, and xlsx/new-workbook.ts deflates with node:zlib; the new sheet is the path for now.
 */
import type { ParameterValues, PolicyPack } from '../domain/policy/types';
import { safeSheetName, type DocSheet } from '../workbook/document';
import { bijlageSheet, type BijlageContext } from '../workbook/jobs/bijlage-document';
import { collectBijlagen } from '../workbook/jobs/bijlagen';
import { PERCENTAGE_FORMAT, TARIFF_FORMAT } from '../workbook/names';
import type { WorkbookPort } from '../workbook/port';

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

/** The bijlagen of one provider (one per zorgkantoor it has rows for), computed on the pane's port. */
export async function bijlageGrids(
  port: WorkbookPort,
  pack: PolicyPack,
  params: ParameterValues,
  agb: string,
  datum: BijlageContext['datum'],
  taken: readonly string[],
): Promise<BijlageGrid[]> {
  const outcome = await collectBijlagen(port, pack, params, { agb: [agb] });
  const years = new Set(outcome.bijlagen.flatMap((b) => b.lines.map((l) => l.inkoopjaar ?? '')));
  const ctx: BijlageContext = { pack, params, datum, multiYear: years.size > 1, hasVolume: outcome.hasVolume };
  const names = [...taken];
  return outcome.bijlagen.map((b) => {
    const name = bijlageSheetName(b.agb, outcome.perZorgkantoor ? b.zorgkantoor : undefined, names);
    names.push(name);
    return bijlageGrid(bijlageSheet(b, ctx), name);
  });
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
