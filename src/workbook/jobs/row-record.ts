/**
 * What a run records per row, in its own column `Tariefwijzer invoer` (the row carries it when the user sorts the
 * whole table): the row's key (AGB-code, prestatiecode, inkoopjaar, zorgkantoor) and provider in plain text, the
 * NZa-maximumtarief it used, the percentage and tariff it wrote, and a short hash of every other input cell. A
 * rerun reads it back to say why a row's numbers moved, never guessing.
 */
import { lineYear } from '../../domain/engine';
import { CORE_FIELDS } from '../../domain/fields';
import { cellToText, isEmptyCell, type CellValue } from '../../domain/parse';
import type { PolicyPack } from '../../domain/policy/types';
import { cellHash } from '../fingerprint';
import { normalizeCodeKey } from '../names';

const VERSION = 'tw1';

/** Fields that are part of the key or recorded in plain text: not hashed. */
const PLAIN_FIELDS = new Set(['agb', 'prestatiecode', 'inkoopjaar', 'zorgkantoor', 'zorgaanbieder', 'maximumtarief']);

export interface RowRecord {
  agb: string;
  code: string;
  year: string;
  zorgkantoor: string;
  provider: string;
  /** The maximumtarief the run used (from the row or the NZa tariff sheet), as text; '' for none. */
  maximum: string;
  /** The percentage (a fraction, as written) and tariff the run wrote, as number text; '' for none. */
  percentage: string;
  tariff: string;
  /** Field name → short hash of its cell. */
  inputs: Record<string, string>;
}

/** The key a row follows between runs: AGB-code + prestatiecode + inkoopjaar (+ zorgkantoor). */
export function recordKey(r: Pick<RowRecord, 'agb' | 'code' | 'year' | 'zorgkantoor'>): string {
  return `${r.agb}\u0001${r.code}\u0001${r.year}\u0001${r.zorgkantoor}`;
}

/** The key and plain parts of a row's cells, as they are recorded. */
export function rowKeyParts(cells: Record<string, CellValue>): Pick<RowRecord, 'agb' | 'code' | 'year' | 'zorgkantoor' | 'provider'> {
  return {
    agb: cellToText(cells.agb).trim(),
    code: normalizeCodeKey(cells.prestatiecode) || cellToText(cells.prestatiecode).trim(),
    year: isEmptyCell(cells.inkoopjaar) ? '' : lineYear(cells.inkoopjaar),
    zorgkantoor: cellToText(cells.zorgkantoor).trim(),
    provider: cellToText(cells.zorgaanbieder).trim(),
  };
}

/** The record of a row as computed now. */
export function makeRecord(cells: Record<string, CellValue>, percentage: number | null, tariff: number | null): RowRecord {
  const inputs: Record<string, string> = {};
  for (const name in cells) {
    const v = cells[name];
    if (!PLAIN_FIELDS.has(name) && v !== null && v !== undefined && !isEmptyCell(v)) inputs[name] = cellHash(v);
  }
  const record = rowKeyParts(cells) as RowRecord;
  record.maximum = isEmptyCell(cells.maximumtarief) ? '' : cellToText(cells.maximumtarief);
  record.percentage = percentage === null ? '' : String(percentage);
  record.tariff = tariff === null ? '' : String(tariff);
  record.inputs = inputs;
  return record;
}

/** The record as its cell holds it: a JSON array, which starts with "[" and so is never read as a formula. */
export function encodeRecord(r: RowRecord): string {
  return JSON.stringify([VERSION, r.agb, r.code, r.year, r.zorgkantoor, r.provider, r.maximum, r.percentage, r.tariff, r.inputs]);
}

/** Two JSON strings without escapes, as a percentage and a tariff are recorded: `"0.973","234.86"`. */
const PLAIN_NUMBERS = new RegExp(String.raw`^"([^"\\\u0000-\u001f]*)","([^"\\\u0000-\u001f]*)"$`);

/**
 * The record in `cell` when it is `text` (encodeRecord's of `now`) but for the percentage and tariff (nothing but the
 * numbers moved: a rerun after the richttarief or the policy changed), as decodeRecord would give it, without
 * decoding it: its inputs are `now`'s own object. Undefined otherwise (then decodeRecord).
 */
export function withOtherNumbers(cell: CellValue, now: RowRecord, text: string): RowRecord | undefined {
  if (typeof cell !== 'string') return undefined;
  // `text` is […,maximum,percentage,tariff,inputs]: the numbers end before `,{inputs}]`
  const after = JSON.stringify(now.inputs).length + 2;
  const head = text.length - after - JSON.stringify(now.percentage).length - JSON.stringify(now.tariff).length - 1;
  if (cell.length < head + after || !cell.startsWith(text.slice(0, head)) || !cell.endsWith(text.slice(text.length - after))) return undefined;
  const numbers = PLAIN_NUMBERS.exec(cell.slice(head, cell.length - after));
  if (!numbers) return undefined;
  const { agb, code, year, zorgkantoor, provider, maximum, inputs } = now;
  return { agb, code, year, zorgkantoor, provider, maximum, percentage: numbers[1], tariff: numbers[2], inputs };
}

/** A JSON string as JSON.parse takes it (no control characters, valid escapes). */
const JSON_STRING = String.raw`"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"`;

/**
 * A record cell as encodeRecord writes it: nine strings, then an object of strings, no white space. Every text it
 * matches is one decodeRecord decodes; a record edited into other valid JSON is left to decodeRecord.
 */
const AS_WRITTEN = new RegExp(`^\\["${VERSION}"(?:,${JSON_STRING}){8},\\{(?:${JSON_STRING}:${JSON_STRING}(?:,${JSON_STRING}:${JSON_STRING})*)?\\}\\]$`);

/**
 * Whether a cell holds a record whose key is `key`, without decoding it: true only where decodeRecord would give a
 * record with that key, undefined where that is not known this way (then decodeRecord). A rerun's first pass asks
 * this of every row that stands where it stood.
 */
export function holdsRecordOf(cell: CellValue, key: Pick<RowRecord, 'agb' | 'code' | 'year' | 'zorgkantoor'>): true | undefined {
  if (typeof cell !== 'string' || !AS_WRITTEN.test(cell)) return undefined;
  // the record starts with the key as encodeRecord writes it, the first items of its array (a key written
  // otherwise, "\u0041" for "A", is decoded)
  const head = JSON.stringify([VERSION, key.agb, key.code, key.year, key.zorgkantoor]);
  return cell.startsWith(`${head.slice(0, -1)},`) || undefined;
}

/** The record in a cell, or undefined when the cell holds none (empty, edited beyond recognition, other version). */
export function decodeRecord(cell: CellValue): RowRecord | undefined {
  if (typeof cell !== 'string' || !cell.startsWith(`["${VERSION}"`)) return undefined;
  try {
    const a: unknown = JSON.parse(cell);
    if (!Array.isArray(a) || a.length !== 10 || typeof a[9] !== 'object' || !a[9]) return undefined;
    for (let i = 1; i < 9; i++) if (typeof a[i] !== 'string') return undefined;
    const [, agb, code, year, zorgkantoor, provider, maximum, percentage, tariff, inputs] = a as [string, ...string[]];
    return { agb, code, year, zorgkantoor, provider, maximum, percentage, tariff, inputs: inputs as unknown as Record<string, string> };
  } catch {
    return undefined;
  }
}

/** The Dutch label of an input field ("Zorgprofiel"). */
export function fieldLabel(pack: PolicyPack, name: string): string {
  return pack.fields?.[name]?.label ?? CORE_FIELDS[name]?.label ?? name;
}

/** Input fields (other than key, provider and maximumtarief) whose hash differs between two records. */
export function changedInputs(before: RowRecord, after: RowRecord): string[] {
  if (before.inputs === after.inputs) return [];
  const names = new Set([...Object.keys(before.inputs), ...Object.keys(after.inputs)]);
  return [...names].filter((n) => (before.inputs[n] ?? '') !== (after.inputs[n] ?? '')).sort();
}
