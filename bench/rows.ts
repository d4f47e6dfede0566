/** Benchmark rows as the engine gets them from annotate: cells keyed by canonical field, via header detection. */
import type { InputRow } from '../src/domain/engine';
import type { CellValue } from '../src/domain/parse';
import type { PolicyPack } from '../src/domain/policy/types';
import { detectHeader } from '../src/workbook/headers';
import { type BenchRow, HEADERS, SHEET } from './workbooks';

export function gridOf(rows: BenchRow[]): CellValue[][] {
  return [HEADERS, ...rows.map((r) => [r.agb, r.naam, r.code, r.omschrijving, r.zorgprofiel || null, r.leveringsvorm, r.maximumtarief, r.nieuw, r.essentieel])];
}

export function inputRows(rows: BenchRow[], pack: PolicyPack): InputRow[] {
  const grid = gridOf(rows);
  const { match } = detectHeader(grid, pack.fields);
  if (!match) throw new Error('bench: header not recognised');
  const fields = Object.entries(match.columns);
  return grid.slice(1).map((line, i) => {
    const cells: Record<string, CellValue> = {};
    for (const [field, c] of fields) cells[field] = line[c];
    return { ref: `${SHEET}!${i + 2}`, cells };
  });
}
