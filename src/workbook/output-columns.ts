/**
 * Where a job writes its own columns (annotate, herschik, assess). On a re-run: the columns an earlier run
 * wrote, found by their headers. Otherwise: the first columns right of the data that the user sees and that
 * lie under no merged cells, over the rows the block covers. Tariefwijzer never writes into a user's merged
 * area and never changes one; it does not show columns the user hid, it says so.
 */
import { isEmptyCell, type CellValue } from '../domain/parse';
import { InputError } from './errors';
import { areaName, columnName, overlaps, type CellArea, type ColumnFacts, type ColumnsRequest, type WorkbookPort } from './port';

/** Excel's last column is XFD: 16,384 columns. */
const MAX_COLUMNS = 16_384;
/** Columns asked about at a time when looking for free ones (most sheets need one look). */
const WINDOW = 32;

export interface OutputPlan {
  sheet: string;
  /** 0-based header row, and the last row the block covers. */
  headerRow: number;
  lastRow: number;
  /** How many own columns the job writes. */
  width: number;
  /** The first column right of the data (0-based): where a first run starts to look. */
  after: number;
  /** The own columns found by their headers, by header index (an earlier run). */
  existing: readonly number[];
  /** The header row's cells: on a re-run, the columns between the user's last header and ours are looked at again. */
  headerLine: readonly CellValue[];
  /** The own columns in the user's words, e.g. "Tariefwijzer-kolommen", "herschikkingskolommen". */
  noun: string;
  /** Block columns the job writes hidden itself (OutputBlock.hiddenColumns): a re-run does not report them hidden. */
  ownHidden?: readonly number[];
}

/** The first of the own columns an earlier run left, when all are there, side by side and in order. */
export function existingBlock(existing: readonly number[], width: number): number | undefined {
  for (let i = 0; i < width; i++) if (existing[i] === undefined || existing[i] !== existing[0] + i) return undefined;
  return existing[0];
}

/**
 * The first column of the block, and what the user must know about the choice (Dutch): the same words on every
 * run, so that a re-run writes the same metadata. Throws InputError when the own columns hold merged cells.
 */
export async function placeOutput(port: WorkbookPort, plan: OutputPlan): Promise<{ firstColumn: number; warnings: string[] }> {
  const own = existingBlock(plan.existing, plan.width);
  const warnings: string[] = [];
  let firstColumn: number;
  let seen: Seen;
  if (own !== undefined) {
    firstColumn = own;
    seen = await checkOwnColumns(port, plan, own, warnings);
  } else {
    ({ firstColumn, seen } = await firstFreeColumns(port, plan));
    const found = plan.existing.filter((c) => c !== undefined);
    if (found.length)
      warnings.push(`Losse ${plan.noun} gevonden (${found.map(columnName).join(', ')}); de uitvoer komt in nieuwe kolommen vanaf ${columnName(firstColumn)}.`);
  }
  const range = columnRange(firstColumn, plan.width);
  const skipped = skippedMessage(plan, seen, firstColumn, range);
  if (skipped) warnings.unshift(skipped);
  if (!seen.mergesKnown) warnings.push(unknownMergesMessage(plan.sheet, range));
  return { firstColumn, warnings };
}

/** What the port told about the columns looked at: from `from` on, up to the chosen block and beyond. */
interface Seen {
  from: number;
  hidden: number[];
  merged: CellArea[];
  mergesKnown: boolean;
  rows: { firstRow: number; lastRow: number };
}

function seenFrom(from: number, plan: OutputPlan): Seen {
  return { from, hidden: [], merged: [], mergesKnown: true, rows: requestFor(plan, from, 1) };
}

function add(seen: Seen, facts: ColumnFacts): void {
  seen.hidden.push(...facts.hidden.filter((c) => !seen.hidden.includes(c)));
  for (const a of facts.merged ?? []) if (!seen.merged.some((m) => areaName(m) === areaName(a))) seen.merged.push(a);
  if (!facts.merged) seen.mergesKnown = false;
}

/**
 * Re-run in the columns of an earlier run, asked together with the columns between the user's last header and
 * ours (what a first run passed over): merged cells in ours stop the run, hidden ones are reported.
 */
async function checkOwnColumns(port: WorkbookPort, plan: OutputPlan, first: number, warnings: string[]): Promise<Seen> {
  const from = Math.max(0, first - WINDOW);
  const facts = await port.columnFacts(requestFor(plan, from, first + plan.width - from));
  // left of ours up to the user's last header: empty header cells, or cells of a merged area that starts further left
  const inMerge = (c: number) =>
    (facts.merged ?? []).some((a) => a.firstRow <= plan.headerRow && a.lastRow >= plan.headerRow && a.firstColumn < c && a.lastColumn >= c);
  let edge = first;
  while (edge > from && (isEmptyCell(plan.headerLine[edge - 1]) || inMerge(edge - 1))) edge--;
  const seen = seenFrom(edge, plan);
  add(seen, facts);
  const ours = requestFor(plan, first, plan.width);
  const merged = seen.merged.filter((a) => overlaps(a, ours));
  if (merged.length)
    throw new InputError(
      `Blad "${plan.sheet}": in de ${plan.noun} (${columnRange(first, plan.width)}) zijn cellen samengevoegd (${merged.map(areaName).join(', ')}). Tariefwijzer schrijft niet in samengevoegde cellen en heft ze niet op. Maak de samenvoeging ongedaan (Start > Samenvoegen en centreren) en start opnieuw; er is niets gewijzigd.`,
    );
  const hidden = seen.hidden.filter((c) => c >= first && !plan.ownHidden?.includes(c - first));
  if (hidden.length)
    warnings.push(
      `Blad "${plan.sheet}": ${hidden.length === 1 ? 'kolom' : 'de kolommen'} ${hidden.map(columnName).join(', ')} van de ${plan.noun} ${hidden.length === 1 ? 'is' : 'zijn'} verborgen. De uitvoer is er wel bijgewerkt; Tariefwijzer laat ze verborgen. Selecteer de kolommen ernaast en kies Zichtbaar maken om hem te zien.`,
    );
  return seen;
}

/** The first `width` columns from `after` on that are visible and under no merged area in the block's rows. */
async function firstFreeColumns(port: WorkbookPort, plan: OutputPlan): Promise<{ firstColumn: number; seen: Seen }> {
  const seen = seenFrom(plan.after, plan);
  let start = plan.after;
  for (;;) {
    if (start + plan.width > MAX_COLUMNS) throw new InputError(noRoomMessage(plan.sheet));
    const request = requestFor(plan, start, Math.min(WINDOW, MAX_COLUMNS - start));
    const facts = await port.columnFacts(request);
    add(seen, facts);
    const blocked = blockedColumns(facts, request);
    let run = 0;
    for (let c = start; c < start + request.columns; c++) {
      run = blocked.has(c) ? 0 : run + 1;
      if (run === plan.width) return { firstColumn: c - plan.width + 1, seen };
    }
    // nothing free in this window: a run of free columns at its end goes on in the next
    start += request.columns - run;
  }
}

/** "rechts van de gegevens zijn de kolommen H, I verborgen …": what lies between the data and the block, or nothing. */
function skippedMessage(plan: OutputPlan, seen: Seen, first: number, range: string): string | undefined {
  const gap = { sheet: plan.sheet, ...seen.rows, firstColumn: seen.from, columns: first - seen.from };
  if (gap.columns <= 0) return undefined;
  const hidden = seen.hidden.filter((c) => c >= seen.from && c < first).sort((a, b) => a - b);
  const merged = seen.merged.filter((a) => overlaps(a, gap));
  if (!hidden.length && !merged.length) return undefined;
  const parts: string[] = [];
  if (hidden.length) parts.push(`${hidden.length === 1 ? 'is kolom' : 'zijn de kolommen'} ${hidden.map(columnName).join(', ')} verborgen`);
  if (merged.length) parts.push(`zijn de cellen ${merged.map(areaName).join(', ')} samengevoegd`);
  return `Blad "${plan.sheet}": rechts van de gegevens ${parts.join(' en ')}. Tariefwijzer schrijft daar niet en laat ze zoals ze zijn; de ${plan.noun} staan in ${range}.`;
}

/** Columns of the request that are hidden or under a merged area overlapping its rows. */
function blockedColumns(facts: ColumnFacts, request: ColumnsRequest): Set<number> {
  const blocked = new Set(facts.hidden);
  for (const a of facts.merged ?? []) {
    if (!overlaps(a, request)) continue;
    for (let c = Math.max(a.firstColumn, request.firstColumn); c <= a.lastColumn && c < request.firstColumn + request.columns; c++) blocked.add(c);
  }
  return blocked;
}

function requestFor(plan: OutputPlan, firstColumn: number, columns: number): ColumnsRequest {
  return { sheet: plan.sheet, firstColumn, columns, firstRow: plan.headerRow, lastRow: Math.max(plan.headerRow, plan.lastRow) };
}

/** "kolom K" or "de kolommen K tot en met N". */
function columnRange(first: number, width: number): string {
  return width === 1 ? `kolom ${columnName(first)}` : `de kolommen ${columnName(first)} tot en met ${columnName(first + width - 1)}`;
}

function unknownMergesMessage(sheet: string, range: string): string {
  return `Blad "${sheet}": Excel kon niet melden of er samengevoegde cellen zijn in ${range} (daarvoor is ExcelApi 1.13 nodig, en hoogstens 512 samengevoegde blokken op het blad). Kijk dat na: in samengevoegde cellen is een deel van de uitvoer niet te zien.`;
}

export function noRoomMessage(sheet: string): string {
  return `Er is geen ruimte meer rechts van de gegevens in blad "${sheet}" (de kolommen lopen tot XFD, de laatste kolom van Excel). Verwijder lege of overbodige kolommen aan de rechterkant en start opnieuw; er is niets gewijzigd.`;
}
