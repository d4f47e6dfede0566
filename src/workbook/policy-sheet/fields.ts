/** The kenmerkentabel: the pack's own row fields, which rule columns may then name. */
import { type FieldDef, normalizeHeader } from '../../domain/fields';
import { cellToText } from '../../domain/parse';
import { cellName, esc, type Reading, TableRow } from './reading';
import { camelCase, list } from './values';
import { FIELD_TYPES, type Obj, RULE_COLUMNS } from './vocabulary';

/** A kenmerk row: the pack's own row field, its type, header and aliases (which rule columns may then name). */
export function readField(reading: Reading, row: TableRow): void {
  const { r } = row;
  const label = row.text('label');
  const fname = row.text('name') || camelCase(label);
  if (!fname) return reading.problem(r, 0, 'kenmerk zonder naam en zonder kolomkop');
  const base = `/fields/${esc(fname)}`;
  reading.cells.set(base, cellName(r, row.column('name')?.col ?? row.col('label')));
  for (const c of row.columns) reading.cells.set(`${base}/${c.key === 'name' ? '' : c.key}`.replace(/\/$/, ''), cellName(r, c.col));
  const typeText = normalizeHeader(cellToText(row.value('type')));
  const type = FIELD_TYPES[typeText];
  if (!type)
    reading.problem(
      r,
      row.col('type'),
      `${typeText ? `onbekende soort "${cellToText(row.value('type'))}"` : 'soort ontbreekt'}; kies uit: tekst, code, bedrag, percentage, procentpunten, ja/nee, geheel getal, getal, datum`,
    );
  const def: Obj = { type: type ?? typeText, label: label || fname, aliases: list(row.text('aliases')) };
  const description = row.text('description');
  if (description) def.description = description;
  reading.ownFields[fname] = def as unknown as FieldDef;
  for (const a of [fname, label, ...(def.aliases as string[])]) {
    const k = normalizeHeader(a);
    if (k && !RULE_COLUMNS[k]) reading.fields.set(k, fname);
  }
}
