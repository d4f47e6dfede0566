/** A1 addresses and the geometry of boxes of cells, as Excel writes and reads them. */
import { FakeOfficeError } from './limits-and-errors';
import type { Box } from './model';

/** "A" → 0, "AB" → 27. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** 0 → "A", 27 → "AB". */
export function columnName(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** "B3" or "A1:D10" (a sheet name and $ signs allowed) → box. */
export function parseAddress(address: string): Box {
  const parts = address.replace(/^.*!/, '').replace(/\$/g, '').split(':');
  const cells = parts.map((p) => {
    const m = /^([A-Za-z]+)(\d+)$/.exec(p);
    if (!m) throw new FakeOfficeError('InvalidArgument', `address ${address} is not supported by the fake`);
    return { row: Number(m[2]) - 1, column: columnIndex(m[1]) };
  });
  const [a, b] = [cells[0], cells[1] ?? cells[0]];
  return { row: Math.min(a.row, b.row), column: Math.min(a.column, b.column), rows: Math.abs(b.row - a.row) + 1, columns: Math.abs(b.column - a.column) + 1 };
}

/** Box → "B3" or "A1:D10". */
export function addressOf(box: Box): string {
  const start = `${columnName(box.column)}${box.row + 1}`;
  return box.rows === 1 && box.columns === 1 ? start : `${start}:${columnName(box.column + box.columns - 1)}${box.row + box.rows}`;
}

/** A sheet name as Excel writes it in a reference: quoted when it is not a plain name, quotes doubled. */
export function sheetReference(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** The box's cell (row, column) lies in it. */
export function contains(box: Box, row: number, column: number): boolean {
  return row >= box.row && row < box.row + box.rows && column >= box.column && column < box.column + box.columns;
}

/** The overlap of two boxes; undefined when they do not meet. */
export function intersection(a: Box, b: Box): Box | undefined {
  const row = Math.max(a.row, b.row);
  const column = Math.max(a.column, b.column);
  const rows = Math.min(a.row + a.rows, b.row + b.rows) - row;
  const columns = Math.min(a.column + a.columns, b.column + b.columns) - column;
  return rows > 0 && columns > 0 ? { row, column, rows, columns } : undefined;
}

/** The parts of box `a` outside box `b` (at most four boxes); `[a]` itself when they do not meet. */
export function subtract(a: Box, b: Box): Box[] {
  const top = Math.max(a.row, b.row);
  const bottom = Math.min(a.row + a.rows, b.row + b.rows);
  const left = Math.max(a.column, b.column);
  const right = Math.min(a.column + a.columns, b.column + b.columns);
  if (top >= bottom || left >= right) return [a];
  const out: Box[] = [];
  if (a.row < top) out.push({ row: a.row, column: a.column, rows: top - a.row, columns: a.columns });
  if (bottom < a.row + a.rows) out.push({ row: bottom, column: a.column, rows: a.row + a.rows - bottom, columns: a.columns });
  if (a.column < left) out.push({ row: top, column: a.column, rows: bottom - top, columns: left - a.column });
  if (right < a.column + a.columns) out.push({ row: top, column: right, rows: bottom - top, columns: a.column + a.columns - right });
  return out;
}
