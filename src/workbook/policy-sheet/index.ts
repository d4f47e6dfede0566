/**
 * A policy pack in a workbook sheet, so a team keeps policy and data in one workbook. The sheet has three
 * parts, found by the word in column A (docs/beleidspakket.md, "Beleid in een werkblad"):
 *
 *   Id | kantoor-ggz-2026           key/value rows: Id, Versie, Titel, Zorgkantoor, Sector, Inkoopjaar,
 *   ...                             Omschrijving, Gepubliceerd, Bron (document | titel), Breidt uit, Verwijder regels
 *   Parameter | Soort | Naam | Standaardwaarde | Uitleg | ...        one row per parameter
 *   Kenmerk | Soort | Kolomkop | Andere koppen | Uitleg                (optional) the pack's own row fields
 *   Regel | Omschrijving | Zorgprofiel | ... | Effect | Waarde | Bron | Vindplaats | Citaat | ...   one row per rule
 *
 * Rule conditions are columns named after a row field (Zorgprofiel, Leveringsvorm, Nieuwe aanbieder, or a
 * field name of the pack); a cell holds a list ("GGZ-3C, GGZ-4C"), "niet …", "ja"/"nee", "< 10", "ingevuld"
 * or "leeg". Pure: reads a grid, so the same code serves the CLI (.xlsx) and the task pane (Office.js).
 */
import { type CellValue } from '../../domain/parse';
import { type PackSource } from '../../domain/policy/pack-source';
import { loadPack, type LoadResult, type PackProblem, type PackResolver } from '../../domain/policy/source';
import { isPolicySheet, POLICY_SHEET } from '../headers';
import { type WorkbookPort } from '../port';
import { readField } from './fields';
import { readMeta } from './meta';
import { checkRequired, completePack, locator } from './pack';
import { readParameter } from './parameters';
import { cellName, type Reading, sheetParts, tableColumns, TableRow } from './reading';
import { readRule } from './rules';
import { fieldIndex } from './vocabulary';

export { isPolicySheet, POLICY_SHEET };

/** Read a policy sheet into a pack source whose pointers map to cells. */
export function readPolicySheet(grid: CellValue[][], sheet: string): PackSource {
  const name = `Blad ${sheet}`;
  const problems: PackProblem[] = [];
  const reading: Reading = {
    name,
    cells: new Map<string, string>([['', 'A1']]),
    problems,
    problem: (r, c, message) => problems.push({ source: name, cell: cellName(r, c), message }),
    data: {},
    parameters: {},
    rules: [],
    sources: [],
    fields: fieldIndex(),
    ownFields: {},
  };
  const { metaRows, tables } = sheetParts(grid);
  for (const r of metaRows) readMeta(reading, r, grid[r]);
  // In this order whatever the order on the sheet, so a rule column can name a kenmerk defined below it.
  for (const kind of ['params', 'fields', 'rules'] as const) {
    for (const t of tables.filter((x) => x.kind === kind)) {
      const columns = tableColumns(reading, t, grid[t.header]);
      const read = kind === 'params' ? readParameter : kind === 'fields' ? readField : readRule;
      for (const r of t.rows) read(reading, new TableRow(r, grid[r], columns));
    }
  }
  checkRequired(
    reading,
    tables.some((t) => t.kind === 'rules'),
  );
  completePack(reading);
  return { name, data: problems.length ? undefined : reading.data, locate: locator(reading), problems };
}

/** The policy sheet of an open workbook, validated (with `extends` resolved by the resolver). */
export async function loadPackFromSheet(port: WorkbookPort, sheet: string, resolver: PackResolver): Promise<LoadResult> {
  const names = await port.sheetNames();
  if (!names.includes(sheet))
    return { problems: [{ source: `Blad ${sheet}`, message: `dit blad bestaat niet. Bladen in de werkmap: ${names.join(', ')}` }], bases: [] };
  return loadPack(readPolicySheet(await port.readSheet(sheet), sheet), resolver);
}

/** The sheet named "Tariefwijzer beleid" (spelling-tolerant), if the workbook has one. */
export async function findPolicySheet(port: WorkbookPort): Promise<string | undefined> {
  return (await port.sheetNames()).find(isPolicySheet);
}
