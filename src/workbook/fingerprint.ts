/** A stable fingerprint of the inputs of a run, to see later whether they changed (not a security hash). */
import { cellToText, isEmptyCell, type CellValue } from '../domain/parse';

function fnv1a(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function fingerprint(parts: Iterable<CellValue>): string {
  let a = 0x811c9dc5;
  let b = 0x01234567;
  for (const p of parts) {
    // Blank cells are blank, however the adapter hands them over (undefined, null, "").
    const t = isEmptyCell(p) ? '\u2205\u241e' : `${p instanceof Date ? 'date' : typeof p}:${cellToText(p)}\u241e`;
    a = fnv1a(t, a);
    b = fnv1a(t, b ^ 0x9e3779b9);
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}
