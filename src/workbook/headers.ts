/** Finding the header row and mapping its columns to fields, by Dutch aliases. */
import { CORE_FIELDS, normalizeHeader, type FieldDef } from '../domain/fields';
import { cellToText, type CellValue } from '../domain/parse';
import { columnName as columnLetter, type SheetRead } from './port';

export { columnLetter };

export const HEADER_SCAN_ROWS = 20;

/** The sheet name Tariefwijzer looks for when no policy is chosen (a policy written in the workbook). */
export const POLICY_SHEET = 'Tariefwijzer beleid';

export function isPolicySheet(name: string): boolean {
  return normalizeHeader(name) === normalizeHeader(POLICY_SHEET);
}

/**
 * Tariefwijzer's own output columns, in order: the four results, the review people fill in (kept by a rerun where
 * the row's numbers did not move), and last the record of the row's inputs (row-record.ts), written hidden: it is
 * for the next run, not for people. Code finds a column by what it holds (OUT), never by a number of its own.
 */
export const OUTPUT_HEADERS = [
  'Tariefwijzer percentage',
  'Tariefwijzer tarief',
  'Tariefwijzer signalen',
  'Tariefwijzer toelichting',
  'Tariefwijzer beoordeling',
  'Tariefwijzer beoordeeld door',
  'Tariefwijzer beoordeeld op',
  'Tariefwijzer invoer',
] as const;

export type OutputHeader = (typeof OUTPUT_HEADERS)[number];

const at = (h: OutputHeader): number => OUTPUT_HEADERS.indexOf(h);

/** Each own column's index in OUTPUT_HEADERS (and in the block annotate writes), by what it holds. */
export const OUT = {
  percentage: at('Tariefwijzer percentage'),
  tariff: at('Tariefwijzer tarief'),
  signals: at('Tariefwijzer signalen'),
  explanation: at('Tariefwijzer toelichting'),
  review: at('Tariefwijzer beoordeling'),
  reviewer: at('Tariefwijzer beoordeeld door'),
  reviewed: at('Tariefwijzer beoordeeld op'),
  record: at('Tariefwijzer invoer'),
} as const;

/** The three review cells, in their order: verdict, by whom, when. */
export const REVIEW_CELLS = [OUT.review, OUT.reviewer, OUT.reviewed] as const;

/** The sheet columns (0-based) of the review cells under this header, those it has. */
export function reviewColumns(match: Pick<HeaderMatch, 'outputColumns'> | undefined): number[] {
  return REVIEW_CELLS.map((k) => match?.outputColumns[k]).filter((c): c is number => c !== undefined);
}

/**
 * The orders in which a Tariefwijzer run left its columns, the current one first: before the record went last it
 * stood fifth, after the toelichting; the oldest versions wrote the four results only.
 */
export const OUTPUT_ORDERS = {
  current: OUTPUT_HEADERS,
  recordFifth: [
    'Tariefwijzer percentage',
    'Tariefwijzer tarief',
    'Tariefwijzer signalen',
    'Tariefwijzer toelichting',
    'Tariefwijzer invoer',
    'Tariefwijzer beoordeling',
    'Tariefwijzer beoordeeld door',
    'Tariefwijzer beoordeeld op',
  ],
  results: ['Tariefwijzer percentage', 'Tariefwijzer tarief', 'Tariefwijzer signalen', 'Tariefwijzer toelichting'],
} as const satisfies Record<string, readonly OutputHeader[]>;

export type OutputOrder = keyof typeof OUTPUT_ORDERS;

/** The own columns an earlier run left side by side: where they start, in which order, and each one's sheet column. */
export interface OwnBlock {
  first: number;
  order: OutputOrder;
  /** Sheet column by OUTPUT_HEADERS index; undefined for a column the order does not have. */
  columns: Array<number | undefined>;
}

/**
 * The own columns found by their headers (HeaderMatch.outputColumns) as one block in a known order, told apart by
 * the header texts; undefined when they are not side by side, or other own headers stand beside an order's own.
 */
export function ownBlock(outputColumns: readonly (number | undefined)[]): OwnBlock | undefined {
  for (const [order, headers] of Object.entries(OUTPUT_ORDERS) as Array<[OutputOrder, readonly OutputHeader[]]>) {
    const first = outputColumns[at(headers[0])];
    if (first === undefined || !headers.every((h, i) => outputColumns[at(h)] === first + i)) continue;
    if (OUTPUT_HEADERS.some((h) => !headers.includes(h) && outputColumns[at(h)] !== undefined)) continue;
    return { first, order, columns: OUTPUT_HEADERS.map((h) => (headers.includes(h) ? first + headers.indexOf(h) : undefined)) };
  }
  return undefined;
}

export interface HeaderMatch {
  /** 0-based row of the header. */
  row: number;
  /** field name → 0-based column. */
  columns: Record<string, number>;
  /** 0-based column of each existing output header, when a previous run left them. */
  outputColumns: number[];
  /** Headers that were not recognised (for the user to check). */
  unknown: string[];
  /** Problems found on the way, in Dutch. */
  warnings: string[];
}

function aliasIndex(fields: Record<string, FieldDef>): Map<string, string> {
  const index = new Map<string, string>();
  for (const [name, def] of Object.entries(fields)) {
    for (const a of [def.label, name, ...def.aliases]) {
      const key = normalizeHeader(a);
      if (key && !index.has(key)) index.set(key, name);
    }
  }
  return index;
}

/**
 * Scan the first rows for the row that names the most known fields. It must name the prestatiecode.
 * Returns undefined (with the reason) when no such row exists.
 */
export function detectHeader(grid: CellValue[][], extraFields: Record<string, FieldDef> = {}): { match?: HeaderMatch; reason?: string } {
  const fields = { ...CORE_FIELDS, ...extraFields };
  const index = aliasIndex(fields);
  const outputKeys = OUTPUT_HEADERS.map(normalizeHeader);
  const candidates: HeaderMatch[] = [];
  for (let r = 0; r < Math.min(grid.length, HEADER_SCAN_ROWS); r++) {
    const row = grid[r] ?? [];
    const columns: Record<string, number> = {};
    const unknown: string[] = [];
    const warnings: string[] = [];
    const outputColumns: number[] = [];
    row.forEach((cell, c) => {
      const text = cellToText(cell).trim();
      if (!text) return;
      const key = normalizeHeader(text);
      if (outputKeys.includes(key)) {
        outputColumns[outputKeys.indexOf(key)] = c;
        return;
      }
      const field = index.get(key);
      if (!field) unknown.push(text);
      else if (columns[field] !== undefined)
        warnings.push(`Kolom "${text}" is een tweede kolom voor ${fields[field].label}; de eerste (kolom ${columnLetter(columns[field])}) wordt gebruikt.`);
      else columns[field] = c;
    });
    if (columns.prestatiecode !== undefined && Object.keys(columns).length >= 2) candidates.push({ row: r, columns, outputColumns, unknown, warnings });
  }
  if (!candidates.length) {
    return {
      reason: `Geen kopregel gevonden in de eerste ${HEADER_SCAN_ROWS} rijen: een rij met een kolom "Prestatiecode" en minstens één andere bekende kolom (bijv. AGB-code, NZa maximumtarief).`,
    };
  }
  const score = (m: HeaderMatch) => Object.keys(m.columns).length;
  const best = candidates.reduce((a, b) => (score(b) > score(a) ? b : a));
  const rivals = candidates.filter((c) => c !== best && score(c) === score(best));
  if (rivals.length) {
    best.warnings.push(`Rij ${rivals[0].row + 1} lijkt ook een kopregel; rij ${best.row + 1} is gebruikt.`);
  }
  return { match: best };
}

/** Hidden or very hidden (SheetRead.visibility); an adapter that does not know says nothing and counts as visible. */
export function isHidden(read: Pick<SheetRead, 'visibility'>): boolean {
  return read.visibility === 'hidden' || read.visibility === 'veryHidden';
}

/** Indexes of the reads, the visible sheets first, each group in workbook order. */
export function visibleFirst(reads: ReadonlyArray<Pick<SheetRead, 'visibility'>>): number[] {
  const order = reads.map((_, i) => i);
  return [...order.filter((i) => !isHidden(reads[i])), ...order.filter((i) => isHidden(reads[i]))];
}
