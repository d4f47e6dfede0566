/** The parameter table: one parameter a row, with its kind, default, bounds, choices, values per year and source. */
import { normalizeHeader } from '../../domain/fields';
import { cellToText, isEmptyCell, parseBoolean, parseNumber, parsePercentage } from '../../domain/parse';
import { cellName, esc, readCitation, type Reading, TableRow } from './reading';
import { list } from './values';
import { type Obj, PARAM_TYPE_WORDS, PARAM_TYPES } from './vocabulary';

export const CITATION_KEYS = ['document', 'paragraaf', 'regels', 'citaat'];

/** A parameter row: kind, label, default, bounds, choices, values per year and source. */
export function readParameter(reading: Reading, row: TableRow): void {
  const { r } = row;
  const pname = row.text('name');
  if (!pname) return reading.problem(r, 0, 'parameter zonder naam');
  const base = `/parameters/${esc(pname)}`;
  reading.cells.set(base, row.at('name'));
  for (const c of row.columns) reading.cells.set(`${base}/${CITATION_KEYS.includes(c.key) ? `source/${c.key}` : c.key}`, cellName(r, c.col));
  if (reading.parameters[pname]) reading.problem(r, 0, `parameter "${pname}" staat twee keer in de tabel`);
  const extension = reading.data.extends !== undefined;
  const def: Obj = {};
  const typeText = normalizeHeader(cellToText(row.value('type')));
  if (typeText) {
    const t = PARAM_TYPES[typeText];
    if (!t) reading.problem(r, row.col('type'), `onbekende soort "${cellToText(row.value('type'))}"; kies uit: ${PARAM_TYPE_WORDS}`);
    else def.type = t;
  } else if (!extension) {
    // a new parameter needs its kind; in an extension only what changes is given
    reading.problem(r, row.col('type'), `Soort ontbreekt voor parameter "${pname}"; kies uit: ${PARAM_TYPE_WORDS}`);
  }
  const label = row.text('label');
  if (label || !extension) def.label = label || pname;
  const description = row.text('description');
  if (description || !extension) def.description = description || label || pname;
  parameterValues(reading, row, def, typeText);
  const choices = row.text('choices');
  if (choices) def.choices = list(choices);
  const perJaar = row.text('perJaar');
  if (perJaar) def.perJaar = valuesPerYear(reading, row, perJaar);
  const citation = readCitation(reading, row);
  if (citation) def.source = citation;
  reading.parameters[pname] = def;
}

/** A parameter's default (read as its kind) and its minimum and maximum (numbers). */
export function parameterValues(reading: Reading, row: TableRow, def: Obj, typeText: string): void {
  const raw = row.value('default');
  if (isEmptyCell(raw)) def.default = null;
  else {
    const p =
      def.type === 'percentage'
        ? parsePercentage(raw)
        : def.type === 'points' || def.type === 'number'
          ? parseNumber(raw)
          : def.type === 'boolean'
            ? parseBoolean(raw)
            : undefined;
    if (!p) def.default = cellToText(raw).trim();
    else if (p.ok) def.default = typeof p.value === 'boolean' ? p.value : p.value.toString();
    else reading.problem(row.r, row.col('default'), `standaardwaarde "${cellToText(raw)}" is niet te lezen als ${typeText || 'waarde'}`);
  }
  for (const k of ['min', 'max'] as const) {
    const v = row.value(k);
    if (isEmptyCell(v)) continue;
    const p = def.type === 'percentage' ? parsePercentage(v) : parseNumber(v);
    if (p.ok) def[k] = p.value.toNumber();
    else reading.problem(row.r, row.col(k), `${k === 'min' ? 'minimum' : 'maximum'} "${cellToText(v)}" is geen getal`);
  }
}

/** "2024: 97,3; 2026: 98,4": values per inkoopjaar (';' between years, since ',' is the decimal comma). */
export function valuesPerYear(reading: Reading, row: TableRow, text: string): Obj {
  const out: Obj = {};
  for (const part of text
    .split(/[;\n]/)
    .map((x) => x.trim())
    .filter(Boolean)) {
    const m = /^(\d{4})\s*[:=]\s*(.*)$/.exec(part);
    if (!m) {
      reading.problem(row.r, row.col('perJaar'), `"${part}" is geen jaar met een waarde; schrijf bijv. "2024: 97,3; 2026: 98,4"`);
      continue;
    }
    out[m[1]] = m[2] === '' ? null : m[2].replace(/%\s*$/, '').trim();
  }
  return out;
}
