/**
 * mergeRow cuts the two usual rows (all cells left of our block; a rerun's row ending in the earlier block) instead of
 * splitting them into cells. It must give the same bytes as mergeRowSpliced, the general path, on every row: usual
 * ones and rows with white space, cells right of the block, cells without a reference, extLst, prefixes.
 */
import { columnName, type OutputBlock } from '../../src/workbook/port';
import { BlockCells, mergeRow, mergeRowSpliced } from '../../src/workbook/xlsx/sheet-write';

const FIRST = 12; // column M
const HEADERS = ['Tariefwijzer percentage', 'Tariefwijzer tarief', 'Tariefwijzer signalen', 'Tariefwijzer toelichting'];

async function blockCells(rows: number, p: string): Promise<BlockCells> {
  const values = Array.from({ length: rows }, (_, i) => [0.97, 100 + i, i % 3 ? null : 'Let op', `Toelichting € ${i} → x`]);
  const block: OutputBlock = { sheet: 'Blad1', headerRow: 0, firstColumn: FIRST, headers: HEADERS, values, numberFormats: [] };
  const cells = new BlockCells({ block, headerStyle: 1, styleOf: () => undefined }, p);
  await cells.rows.load(0);
  return cells;
}

function cell(p: string, column: number, r: number, kind: number, ref = true): string {
  const at = ref ? ` r="${columnName(column)}${r + 1}"` : '';
  if (kind === 0) return `<${p}c${at} s="1"/>`;
  if (kind === 1) return `<${p}c${at}><${p}v>${column}</${p}v></${p}c>`;
  return `<${p}c${at} t="inlineStr"><${p}is><${p}t>tekst ${column} &amp; €</${p}t></${p}is></${p}c>`;
}

test('a first run (cells left of the block), a rerun (the earlier block at the end) and every other row: the same bytes either way', async () => {
  let seed = 7;
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
  const kinds = { withEarlierBlock: 0, without: 0 };
  for (const p of ['', 'x:']) {
    const cells = await blockCells(2_000, p);
    for (let r = 1; r <= 1_500; r++) {
      const gap = () => (rnd(8) === 0 ? pick([' ', '\n  ', '\t']) : '');
      const pick = <T>(xs: readonly T[]) => xs[rnd(xs.length)];
      let inner = gap();
      const columns = new Set<number>();
      for (let c = 0; c < FIRST + 10; c++) {
        const inBlock = c >= FIRST && c < FIRST + HEADERS.length;
        // left cells often, the earlier block on half the rows, a cell right of it now and then
        if (rnd(100) < (c < FIRST ? 60 : inBlock ? (r % 2 ? 85 : 0) : 4)) columns.add(c);
      }
      for (const c of columns) inner += cell(p, c, r, rnd(3), rnd(40) !== 0) + gap();
      if (rnd(50) === 0) inner += `<${p}extLst/>`;
      const spans = rnd(3) === 0 ? ' spans="1:20"' : '';
      const row = rnd(60) === 0 ? `<${p}row r="${r + 1}"${spans}/>` : `<${p}row r="${r + 1}"${spans}>${inner}</${p}row>`;
      const merged = mergeRow(row, r, cells, p);
      expect({ row, merged }).toEqual({ row, merged: mergeRowSpliced(row, r, cells, p) });
      const reran = mergeRow(merged, r, cells, p);
      expect({ merged, reran }).toEqual({ merged, reran: mergeRowSpliced(merged, r, cells, p) });
      // a rerun over our own output writes the same row again
      expect(reran).toBe(merged);
      kinds[row.includes(`"${columnName(FIRST)}${r + 1}"`) ? 'withEarlierBlock' : 'without']++;
    }
  }
  // both kinds of row were there in numbers
  expect(kinds.withEarlierBlock).toBeGreaterThan(500);
  expect(kinds.without).toBeGreaterThan(500);
});
