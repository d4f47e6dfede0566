/**
 * Escaping text for XML parts, with nothing from node: shared by the .xlsx adapter and the package the pane builds
 * in the browser (bijlage as a new workbook).
 */
import type { OutputValue } from '../port';

export function escapeAttr(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;')
    .replace(/\t/g, '&#9;');
}

// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /_x[0-9a-fA-F]{4}_|[&<>\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/** Cell text as XML content: a literal "_xHHHH_" is escaped, characters XML cannot hold become _xHHHH_, CR stays CR. */
export function escapeCellText(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s; // most text: one scan instead of six
  return (
    s
      .replace(/_x([0-9a-fA-F]{4})_/g, '_x005F_x$1_')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/\r/g, '&#13;')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`)
  );
}

export function cellXml(ref: string, v: OutputValue | undefined, style: number | undefined, p = ''): string {
  const parts = cellParts(ref, v, style, p);
  return parts ? parts[0] + parts[1] : '';
}

/**
 * A cell element in two parts, before and after the end of its reference: `<c r="M` + `12` + `" …>…</c>` when
 * `ref` is a column's letters only. Undefined for a cell that is not written (empty).
 */
export function cellParts(ref: string, v: OutputValue | undefined, style: number | undefined, p: string): [string, string] | undefined {
  if (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v))) return undefined;
  const s = style ? ` s="${style}"` : '';
  if (typeof v === 'number') return [`<${p}c r="${ref}`, `"${s}><${p}v>${v}</${p}v></${p}c>`];
  if (v === '') return undefined;
  // text always as an inline string: never a formula, and sharedStrings.xml stays as it is
  const space = SIGNIFICANT_SPACE.test(v) ? ' xml:space="preserve"' : '';
  return [`<${p}c r="${ref}`, `"${s} t="inlineStr"><${p}is><${p}t${space}>${escapeCellText(v)}</${p}t></${p}is></${p}c>`];
}

/**
 * White space a reader might change in a `<t>` without xml:space="preserve" (Excel applies the W3C rules, [MS-OI29500]
 * 2.1.678): at either end, more than one in a row, or other than a space. A text with only single spaces between its
 * words reads the same either way, and most of ours are such texts: the attribute is left out there (21 bytes a cell,
 * three cells a row).
 */
const SIGNIFICANT_SPACE = /^\s|\s$|\s\s|[^\S ]/;
