/** The metadata rows above the tables: the pack's top-level keys and its sources. */
import { normalizeHeader } from '../../domain/fields';
import { cellToText, type CellValue, isEmptyCell, parseDate, parseInteger } from '../../domain/parse';
import { normalizeSector } from '../../domain/prestaties';
import { POLICY_SHEET } from '../headers';
import { cellName, type Reading } from './reading';
import { list, yearList } from './values';
import { META_KEYS, type Obj } from './vocabulary';

/** A metadata row (label in A, value in B): one of the pack's top-level keys, or a Bron (document, title, note). */
export function readMeta(reading: Reading, r: number, row: CellValue[]): void {
  const label = cellToText(row[0]).trim();
  const k = normalizeHeader(label);
  const key = META_KEYS[k];
  const v = row[1];
  if (!key) {
    if (k === normalizeHeader(POLICY_SHEET) || isEmptyCell(v)) return; // the title, or a note
    return reading.problem(
      r,
      0,
      `onbekend gegeven "${label}"; bekend zijn: Id, Versie, Titel, Zorgkantoor, Sector, Inkoopjaar, Omschrijving, Gepubliceerd, Bron, Breidt uit, Verwijder regels`,
    );
  }
  if (key === 'sources') return readSourceRow(reading, r, row);
  if (isEmptyCell(v)) return;
  const value = metaValue(key, v);
  if (typeof value === 'object' && value && 'problem' in value) return reading.problem(r, 1, (value as { problem: string }).problem);
  reading.data[key] = value;
  reading.cells.set(`/${key}`, cellName(r, 1));
}

/** A Bron row: document in B, title in C (else the document), note in D. */
export function readSourceRow(reading: Reading, r: number, row: CellValue[]): void {
  const document = cellToText(row[1]).trim();
  if (!document) return reading.problem(r, 1, 'Bron: vul het brondocument in (bestandsnaam of titel van het inkoopbeleid)');
  const source: Obj = { document, title: cellToText(row[2]).trim() || document };
  if (!isEmptyCell(row[3])) source.note = cellToText(row[3]).trim();
  reading.cells.set(`/sources/${reading.sources.length}`, cellName(r, 1));
  reading.sources.push(source);
}

/** A metadata value as the pack holds it; what cannot be read stays text, for the schema to name. */
export function metaValue(key: string, v: CellValue): unknown {
  switch (key) {
    case 'sector': {
      const t = cellToText(v).trim();
      return t.toLowerCase() === 'alle' ? 'alle' : (normalizeSector(t) ?? t);
    }
    case 'inkoopjaar': {
      const p = parseInteger(v);
      return p.ok ? p.value : cellToText(v);
    }
    case 'published': {
      const p = parseDate(v);
      return p.ok ? p.value : cellToText(v);
    }
    case 'removeRules':
      return list(cellToText(v));
    case 'inkoopjaren': {
      const years = yearList(v);
      return typeof years === 'string' ? { problem: years } : years;
    }
    default:
      return cellToText(v).trim();
  }
}
