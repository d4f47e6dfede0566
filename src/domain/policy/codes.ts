/**
 * Prestatiecodes in a pack's conditions, read by the rules that read a row's code cell (readCode in prestaties.ts):
 * a value no row can have is a problem, never a condition that silently never applies. Ranges ("Z975–Z977") and
 * several codes in one value ("Z975, Z976", "Z975Z976") are refused with the codes to write instead: a condition
 * compares one code per value, and a range would leave open which codes it means (docs/beleidspakket.md).
 */
import { CATALOG_ENTRIES, codeParts, notACodeReason, readCode } from '../prestaties';
import type { CatalogEntry } from '../types';

export type CodeValue = { ok: true; value: string } | { ok: false; message: string };

/** A range as policy documents write it: "Z975–Z977", "Z975-Z977", "Z975 – Z977", "Z975 t/m Z977", "Z975 tot en met Z977". */
const RANGE = /^(.+?)\s*(?:[-‐‑‒–—]|\bt\/m\b|\btot en met\b|\btot\b)\s*(.+)$/i;
/** Several codes in one value: separated by a comma, semicolon, slash, plus, ampersand or "en". */
const SEPARATORS = /\s*(?:[,;/+&]|\ben\b)\s*/i;
/** Codes written together without anything between them. */
const RUN = /[A-Z]{1,3}\d{2,4}/g;

/** A pack's value for `prestatiecode` as a row's code compares with it, or why no row can have it. */
export function prestatiecodeValue(raw: string | number | boolean, extra?: readonly CatalogEntry[]): CodeValue {
  const read = readCode(raw, extra);
  if (read.code !== undefined) return { ok: true, value: read.code };
  const text = String(raw).trim();
  const codeOf = (t: string) => readCode(t, extra).code;
  const range = RANGE.exec(text);
  const from = range && codeOf(range[1]);
  const to = range && codeOf(range[2]);
  if (from && to) {
    const codes = codesBetween(from, to, extra);
    const write = codes.length ? `: ${codes.join(', ')}` : '';
    return { ok: false, message: `"${text}" is een reeks van prestatiecodes, geen code (een reeks wordt niet ondersteund; noem elke code apart${write})` };
  }
  const several = splitCodes(text, codeOf);
  if (several)
    return { ok: false, message: `"${text}" is geen prestatiecode maar ${several.length} codes in één waarde (noem elke code apart: ${several.join(', ')})` };
  if (!text) return { ok: false, message: 'een lege waarde is geen prestatiecode' };
  const issue = read.issues[read.issues.length - 1];
  const reason = issue?.kind === 'implausible-code' ? `: ${notACodeReason(issue.value)}` : '';
  return { ok: false, message: `"${text}" is geen prestatiecode${reason}` };
}

/** "Z975, Z976" or "Z975Z976" → [Z975, Z976] when every part is a code; undefined otherwise. */
function splitCodes(text: string, codeOf: (t: string) => string | undefined): string[] | undefined {
  const parts = text.split(SEPARATORS).filter(Boolean);
  const joined = text.replace(/\s+/g, '').toUpperCase();
  const candidates = parts.length > 1 ? parts : (joined.match(RUN) ?? []).join('') === joined ? (joined.match(RUN) ?? []) : [];
  if (candidates.length < 2) return undefined;
  const codes = candidates.map(codeOf);
  return codes.every((c): c is string => c !== undefined) ? codes : undefined;
}

/** The codes of the prestatie list (and the pack's own) from `from` to `to`, in order; empty when it is no range of one kind. */
function codesBetween(from: string, to: string, extra?: readonly CatalogEntry[]): string[] {
  const a = codeParts(from);
  const b = codeParts(to);
  if (!a || !b || a.prefix !== b.prefix || a.number > b.number) return [];
  const found = new Map<number, string>();
  for (const e of [...CATALOG_ENTRIES, ...(extra ?? [])]) {
    const p = codeParts(e.code.toUpperCase());
    if (p && p.prefix === a.prefix && p.number >= a.number && p.number <= b.number) found.set(p.number, e.code.toUpperCase());
  }
  return [...found.entries()].sort((x, y) => x[0] - y[0]).map(([, code]) => code);
}
