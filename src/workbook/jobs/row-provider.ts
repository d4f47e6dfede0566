/**
 * The provider of one data row (AGB-code and name), for the pane's Bijlage action: the same layout detection as
 * the jobs, then that one row read. Reads only.
 */
import { cellToText, isEmptyCell, type CellValue } from '../../domain/parse';
import type { PolicyPack } from '../../domain/policy/types';
import type { WorkbookPort } from '../port';
import { detectLayout } from './layout';

export type RowProvider = { kind: 'provider'; agb: string; naam: string } | { kind: 'none'; reason: string };

const clean = (v: CellValue | undefined): string => (v === undefined || isEmptyCell(v) ? '' : cellToText(v).replace(/\s+/g, ' ').trim());

/** `row` is 0-based on `sheet`; a row that is not a data row of the job's sheet has no provider. */
export async function providerOfRow(port: WorkbookPort, pack: PolicyPack, sheet: string, row: number): Promise<RowProvider> {
  const layout = await detectLayout(port, pack, { sheet });
  const { columns, row: header } = layout.match;
  if (columns.agb === undefined) return { kind: 'none', reason: `Blad "${sheet}" heeft geen kolom met de AGB-code.` };
  if (row <= header) return { kind: 'none', reason: 'Kies een rij met gegevens, onder de kop.' };
  const wanted = [columns.agb, columns.zorgaanbieder].filter((c): c is number => c !== undefined);
  const [read] = await port.readSheets([{ sheet, firstRow: row, rows: 1, columns: wanted }]);
  const cells = read?.cells[row] ?? [];
  const agb = clean(cells[columns.agb]);
  if (!agb) return { kind: 'none', reason: 'Deze rij heeft geen AGB-code: ze hoort bij geen zorgaanbieder.' };
  return { kind: 'provider', agb, naam: columns.zorgaanbieder === undefined ? '' : clean(cells[columns.zorgaanbieder]) };
}
