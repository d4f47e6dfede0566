/**
 * A policy pack in a workbook sheet, so a team keeps policy and data in one workbook. The sheet has three
 * parts, found by the word in column A (docs/beleidspakket.md, "Beleid in een werkblad"):
 *
 *   Id | kantoor-ggz-2026           key/value rows: Id, Versie, Titel, Zorgkantoor, Sector, Inkoopjaar,
 *   ...                             Omschrijving, Gepubliceerd, Bron (document | titel), Breidt uit, Verwijder regels
 *   Parameter | Soort | Naam | Standaardwaarde | Uitleg | ...        one row per parameter
 *   Kenmerk | Soort | Kolomkop | Andere koppen | Uitleg                (optional) the pack's own row fields
 *   Regel | Omschrijving | Zorgprofiel | ... | Effect | Waarde | Bron | Vindplaats | Citaat | ...   one row per rule
 *
 * Rule conditions are columns named after a row field (Zorgprofiel, Leveringsvorm, Nieuwe aanbieder, or a
 * field name of the pack); a cell holds a list ("GGZ-3C, GGZ-4C"), "niet …", "ja"/"nee", "< 10", "ingevuld"
 * or "leeg". Pure: reads a grid, so the same code serves the CLI (.xlsx) and the task pane (Office.js).
 */
import { CORE_FIELDS, normalizeHeader, type FieldDef } from '../domain/fields';
import { cellToText, isEmptyCell, parseBoolean, parseDate, parseInteger, parseNumber, parseNumberText, parsePercentage, type CellValue } from '../domain/parse';
import { normalizeSector } from '../domain/prestaties';
import { fieldNameIndex, normalizeConditionValue } from '../domain/policy/normalize';
import { loadPack, type LoadResult, type PackLocation, type PackProblem, type PackResolver } from '../domain/policy/source';
import type { PackSource } from '../domain/policy/pack-source';
import { isPolicySheet, POLICY_SHEET } from './headers';
import { columnName, type WorkbookPort } from './port';

export { isPolicySheet, POLICY_SHEET };

type Obj = Record<string, unknown>;

const META_KEYS: Record<string, string> = {
  id: 'id',
  code: 'id',
  versie: 'version',
  titel: 'title',
  zorgkantoor: 'zorgkantoor',
  sector: 'sector',
  inkoopjaar: 'inkoopjaar',
  jaar: 'inkoopjaar',
  omschrijving: 'description',
  beschrijving: 'description',
  gepubliceerd: 'published',
  publicatiedatum: 'published',
  datum: 'published',
  bron: 'sources',
  brondocument: 'sources',
  breidtuit: 'extends',
  uitbreidingvan: 'extends',
  extends: 'extends',
  verwijderregels: 'removeRules',
  inkoopjaren: 'inkoopjaren',
  jaren: 'inkoopjaren',
};
const META_LABELS: Record<string, string> = {
  id: 'Id',
  version: 'Versie',
  title: 'Titel',
  zorgkantoor: 'Zorgkantoor',
  sector: 'Sector',
  inkoopjaar: 'Inkoopjaar',
  description: 'Omschrijving',
  sources: 'Bron',
};

const PARAM_COLUMNS: Record<string, string> = {
  parameter: 'name',
  soort: 'type',
  type: 'type',
  naam: 'label',
  label: 'label',
  standaardwaarde: 'default',
  standaard: 'default',
  waarde: 'default',
  uitleg: 'description',
  toelichting: 'description',
  beschrijving: 'description',
  minimum: 'min',
  maximum: 'max',
  keuzes: 'choices',
  bron: 'document',
  brondocument: 'document',
  paragraaf: 'paragraaf',
  vindplaats: 'regels',
  regels: 'regels',
  pagina: 'regels',
  citaat: 'citaat',
  perjaar: 'perJaar',
  waardeperjaar: 'perJaar',
};
const PARAM_TYPE_WORDS = 'percentage, procentpunten, getal, ja/nee, keuze, datum, afronding';
const PARAM_TYPES: Record<string, string> = {
  percentage: 'percentage',
  procentpunten: 'points',
  punten: 'points',
  getal: 'number',
  janee: 'boolean',
  keuze: 'choice',
  datum: 'date',
  afronding: 'rounding',
};

const RULE_COLUMNS: Record<string, string> = {
  regel: 'id',
  regelid: 'id',
  omschrijving: 'description',
  effect: 'effect',
  werking: 'effect',
  waarde: 'value',
  signaalcode: 'code',
  ernst: 'severity',
  melding: 'message',
  signaaltekst: 'message',
  groep: 'group',
  bron: 'document',
  brondocument: 'document',
  paragraaf: 'paragraaf',
  vindplaats: 'regels',
  regels: 'regels',
  bronregels: 'regels',
  pagina: 'regels',
  citaat: 'citaat',
  interpretatie: 'interpretation',
  voorregel: 'before',
  naregel: 'after',
  tothoogstens: 'maxResult',
  totmaximaal: 'maxResult',
  totmaximum: 'maxResult',
  jaren: 'jaren',
  injaren: 'jaren',
};
const FIELD_COLUMNS: Record<string, string> = {
  kenmerk: 'name',
  soort: 'type',
  type: 'type',
  kolomkop: 'label',
  kolom: 'label',
  naam: 'label',
  anderekoppen: 'aliases',
  aliassen: 'aliases',
  ookgenoemd: 'aliases',
  uitleg: 'description',
  toelichting: 'description',
  beschrijving: 'description',
};
const FIELD_TYPES: Record<string, string> = {
  tekst: 'text',
  code: 'code',
  bedrag: 'money',
  geld: 'money',
  percentage: 'percentage',
  procentpunten: 'points',
  punten: 'points',
  janee: 'boolean',
  geheelgetal: 'integer',
  aantal: 'integer',
  getal: 'number',
  datum: 'date',
};

const EFFECTS: Record<string, string> = {
  basis: 'basis',
  basispercentage: 'basis',
  vast: 'vast',
  vastpercentage: 'vast',
  opslag: 'opslag',
  afslag: 'afslag',
  maximum: 'maximum',
  plafond: 'maximum',
  minimum: 'minimum',
  ondergrens: 'minimum',
  signaal: 'signaal',
  uitsluiten: 'uitsluiten',
  uitsluiting: 'uitsluiten',
};
const EFFECT_WORDS = 'basis, vast, opslag, afslag, maximum, minimum, signaal, uitsluiten';

function fieldIndex(): Map<string, string> {
  return fieldNameIndex({}, (k) => !!RULE_COLUMNS[k]);
}

const cellName = (r: number, c: number) => `${columnName(c)}${r + 1}`;
const esc = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');

/** What reading one sheet builds up: the pack's parts, where each pointer was written, and the problems found. */
interface Reading {
  name: string;
  cells: Map<string, string>;
  problems: PackProblem[];
  problem(r: number, c: number, message: string): void;
  data: Obj;
  parameters: Obj;
  rules: Obj[];
  sources: Obj[];
  /** Normalized column header → field name: the core fields, then the sheet's own kenmerken. */
  fields: Map<string, string>;
  ownFields: Record<string, FieldDef>;
}

type TableKind = 'params' | 'fields' | 'rules';
interface Table {
  kind: TableKind;
  header: number;
  rows: number[];
}
/** A known column of a table: the key it fills, and for a rule's condition column the field it tests. */
interface Column {
  key: string;
  col: number;
  field?: string;
}

/** One table row, read by column key: its value, its column and the cell a pointer maps to. */
class TableRow {
  constructor(
    readonly r: number,
    readonly row: CellValue[],
    readonly columns: readonly Column[],
  ) {}
  column(key: string): Column | undefined {
    return this.columns.find((c) => c.key === key);
  }
  value(key: string): CellValue {
    const c = this.column(key);
    return c ? this.row[c.col] : undefined;
  }
  text(key: string): string {
    return cellToText(this.value(key)).trim();
  }
  /** The column of `key`, else `fallback` (where a problem about a missing column points). */
  col(key: string, fallback = 0): number {
    return this.column(key)?.col ?? fallback;
  }
  at(key: string): string {
    return cellName(this.r, this.col(key));
  }
}

/** Read a policy sheet into a pack source whose pointers map to cells. */
export function readPolicySheet(grid: CellValue[][], sheet: string): PackSource {
  const name = `Blad ${sheet}`;
  const problems: PackProblem[] = [];
  const reading: Reading = {
    name,
    cells: new Map<string, string>([['', 'A1']]),
    problems,
    problem: (r, c, message) => problems.push({ source: name, cell: cellName(r, c), message }),
    data: {},
    parameters: {},
    rules: [],
    sources: [],
    fields: fieldIndex(),
    ownFields: {},
  };
  const { metaRows, tables } = sheetParts(grid);
  for (const r of metaRows) readMeta(reading, r, grid[r]);
  // In this order whatever the order on the sheet, so a rule column can name a kenmerk defined below it.
  for (const kind of ['params', 'fields', 'rules'] as const) {
    for (const t of tables.filter((x) => x.kind === kind)) {
      const columns = tableColumns(reading, t, grid[t.header]);
      const read = kind === 'params' ? readParameter : kind === 'fields' ? readField : readRule;
      for (const r of t.rows) read(reading, new TableRow(r, grid[r], columns));
    }
  }
  checkRequired(
    reading,
    tables.some((t) => t.kind === 'rules'),
  );
  completePack(reading);
  return { name, data: problems.length ? undefined : reading.data, locate: locator(reading), problems };
}

/** Which rows are metadata (before the first table) and which belong to which table, by the word in column A. */
function sheetParts(grid: CellValue[][]): { metaRows: number[]; tables: Table[] } {
  const metaRows: number[] = [];
  const tables: Table[] = [];
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r] ?? [];
    if (row.every(isEmptyCell)) continue;
    const a = normalizeHeader(cellToText(row[0]));
    const kind = a === 'parameter' ? 'params' : a === 'kenmerk' ? 'fields' : a === 'regel' || a === 'regelid' ? 'rules' : undefined;
    if (kind) tables.push({ kind, header: r, rows: [] });
    else if (tables.length) tables[tables.length - 1].rows.push(r);
    else metaRows.push(r);
  }
  return { metaRows, tables };
}

const TABLE_POINTER: Record<TableKind, string> = { params: '/parameters', fields: '/fields', rules: '/rules' };
const KNOWN_PARAM_COLUMNS = 'Parameter, Soort, Naam, Standaardwaarde, Uitleg, Minimum, Maximum, Keuzes, Bron, Paragraaf, Vindplaats, Citaat';

/** What each header cell of a table means; an unknown header is a problem (a typo would drop a condition). */
function tableColumns(reading: Reading, t: Table, header: CellValue[]): Column[] {
  reading.cells.set(TABLE_POINTER[t.kind], cellName(t.header, 0));
  const columns: Column[] = [];
  header.forEach((h, c) => {
    const label = cellToText(h);
    const k = normalizeHeader(label);
    if (!k) return;
    const known = t.kind === 'params' ? PARAM_COLUMNS[k] : t.kind === 'fields' ? FIELD_COLUMNS[k] : RULE_COLUMNS[k];
    if (known) columns.push({ key: known, col: c });
    else if (t.kind === 'params') reading.problem(t.header, c, `onbekende kolom "${label}" in de parametertabel; bekend zijn: ${KNOWN_PARAM_COLUMNS}`);
    else if (t.kind === 'fields')
      reading.problem(t.header, c, `onbekende kolom "${label}" in de kenmerkentabel; bekend zijn: Kenmerk, Soort, Kolomkop, Andere koppen, Uitleg`);
    else if (reading.fields.has(k)) columns.push({ key: 'when', col: c, field: reading.fields.get(k) });
    else if (/^[a-z][A-Za-z0-9]*$/.test(label.trim())) columns.push({ key: 'when', col: c, field: label.trim() });
    else
      reading.problem(
        t.header,
        c,
        `onbekende kolom "${label}": geen regelkolom (Regel, Omschrijving, Effect, Waarde, Bron, Vindplaats, ...) en geen kolom van de rij (bijv. Zorgprofiel, Leveringsvorm, Nieuwe aanbieder) of kenmerk uit de kenmerkentabel`,
      );
  });
  return columns;
}

/** A kenmerk row: the pack's own row field, its type, header and aliases (which rule columns may then name). */
function readField(reading: Reading, row: TableRow): void {
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

/** A metadata row (label in A, value in B): one of the pack's top-level keys, or a Bron (document, title, note). */
function readMeta(reading: Reading, r: number, row: CellValue[]): void {
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
function readSourceRow(reading: Reading, r: number, row: CellValue[]): void {
  const document = cellToText(row[1]).trim();
  if (!document) return reading.problem(r, 1, 'Bron: vul het brondocument in (bestandsnaam of titel van het inkoopbeleid)');
  const source: Obj = { document, title: cellToText(row[2]).trim() || document };
  if (!isEmptyCell(row[3])) source.note = cellToText(row[3]).trim();
  reading.cells.set(`/sources/${reading.sources.length}`, cellName(r, 1));
  reading.sources.push(source);
}

/** A metadata value as the pack holds it; what cannot be read stays text, for the schema to name. */
function metaValue(key: string, v: CellValue): unknown {
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

const CITATION_KEYS = ['document', 'paragraaf', 'regels', 'citaat'];

/** A parameter row: kind, label, default, bounds, choices, values per year and source. */
function readParameter(reading: Reading, row: TableRow): void {
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
function parameterValues(reading: Reading, row: TableRow, def: Obj, typeText: string): void {
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
function valuesPerYear(reading: Reading, row: TableRow, text: string): Obj {
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

/** A row's citation: Bron (else the sheet's first Bron), Paragraaf, Vindplaats, Citaat; none when both are empty. */
function readCitation(reading: Reading, row: TableRow): Obj | undefined {
  const document = row.text('document');
  const regels = row.text('regels');
  if (!document && !regels) return undefined;
  const c: Obj = { document: document || reading.sources[0]?.document || '' };
  if (!isEmptyCell(row.value('paragraaf'))) c.paragraaf = row.text('paragraaf');
  c.regels = regels;
  if (!isEmptyCell(row.value('citaat'))) c.citaat = row.text('citaat');
  return c;
}

/** A rule row: id, description, conditions, effect, source and the optional columns, each cell mapped. */
function readRule(reading: Reading, row: TableRow): void {
  const { r } = row;
  const base = `/rules/${reading.rules.length}`;
  const rule: Obj = { id: row.text('id') || `regel-${r + 1}` };
  reading.cells.set(base, cellName(r, 0));
  reading.cells.set(`${base}/id`, row.at('id'));
  const description = row.text('description');
  if (description) rule.description = description;
  else
    reading.problem(
      r,
      row.col('description'),
      'Omschrijving ontbreekt: beschrijf in een paar woorden wat de regel doet; de tekst staat in de toelichting bij elke rij',
    );
  reading.cells.set(`${base}/description`, row.at('description'));
  ruleConditions(reading, row, rule, base);
  ruleEffect(reading, row, rule, base);
  ruleSource(reading, row, rule, base);
  ruleOptions(reading, row, rule, base);
  reading.rules.push(rule);
}

/** The rule's conditions: every field column with a value; all of them must hold. */
function ruleConditions(reading: Reading, row: TableRow, rule: Obj, base: string): void {
  const conditions: Array<{ c: Obj; cell: string }> = [];
  for (const col of row.columns.filter((c) => c.key === 'when')) {
    const v = row.row[col.col];
    if (isEmptyCell(v)) continue;
    const parsed = parseCondition(col.field!, v, reading.ownFields[col.field!] ?? CORE_FIELDS[col.field!]);
    if (typeof parsed === 'string') reading.problem(row.r, col.col, parsed);
    else conditions.push({ c: parsed, cell: cellName(row.r, col.col) });
  }
  if (conditions.length === 1) {
    rule.when = conditions[0].c;
    reading.cells.set(`${base}/when`, conditions[0].cell);
  } else if (conditions.length > 1) {
    rule.when = { all: conditions.map((x) => x.c) };
    reading.cells.set(`${base}/when`, conditions[0].cell);
    conditions.forEach((x, k) => reading.cells.set(`${base}/when/all/${k}`, x.cell));
  }
}

const EFFECT_KEYS: Record<string, string> = {
  basis: 'set',
  vast: 'set',
  opslag: 'add',
  afslag: 'add',
  maximum: 'cap',
  minimum: 'floor',
  signaal: 'flag',
  uitsluiten: 'exclude',
};

/** The rule's effect from the Effect word and its Waarde (or, for a signal, its code, severity and message). */
function ruleEffect(reading: Reading, row: TableRow, rule: Obj, base: string): void {
  const effectText = row.text('effect');
  const effect = EFFECTS[normalizeHeader(effectText)];
  reading.cells.set(`${base}/effect`, row.at('effect'));
  if (!effectText) return reading.problem(row.r, row.col('effect'), `geen effect; kies uit: ${EFFECT_WORDS}`);
  if (!effect) return reading.problem(row.r, row.col('effect'), `onbekend effect "${effectText}"; kies uit: ${EFFECT_WORDS}`);
  const needsValue = !['signaal', 'uitsluiten'].includes(effect);
  const value = needsValue ? effectValue(reading, row, effect, effectText) : undefined;
  const group = row.text('group');
  const key = EFFECT_KEYS[effect];
  reading.cells.set(`${base}/effect/${key}`, needsValue ? row.at('value') : row.at('message'));
  if (effect === 'basis' || effect === 'vast') rule.effect = { set: value, ...(effect === 'vast' ? { final: true } : {}) };
  else if (effect === 'opslag' || effect === 'afslag') {
    rule.effect = { add: value, ...(group ? { group } : {}) };
    const upTo = row.value('maxResult');
    if (!isEmptyCell(upTo)) {
      const v = parseValue(upTo, false);
      if (typeof v === 'object' && 'problem' in v) reading.problem(row.r, row.col('maxResult'), (v as { problem: string }).problem);
      else (rule.effect as Obj).maxResult = v;
      reading.cells.set(`${base}/effect/maxResult`, row.at('maxResult'));
    }
  } else if (effect === 'maximum') rule.effect = { cap: value };
  else if (effect === 'minimum') rule.effect = { floor: value };
  else rule.effect = signalEffect(reading, row, effect, String(rule.id), `${base}/effect/${key}`, (rule.description as string | undefined) ?? '');
  if (group) reading.cells.set(`${base}/effect/group`, row.at('group'));
}

/** The number or parameter an effect applies; an afslag's number turns negative. Undefined after a problem. */
function effectValue(reading: Reading, row: TableRow, effect: string, effectText: string): unknown {
  const raw = row.value('value');
  if (isEmptyCell(raw)) {
    reading.problem(row.r, row.col('value'), `effect "${effectText}" heeft een waarde nodig: een getal (bijv. 96,5 of 0,5) of de naam van een parameter`);
    return undefined;
  }
  const v = parseValue(raw, effect === 'opslag' || effect === 'afslag');
  let value: unknown;
  if (typeof v === 'object' && v && 'problem' in v) reading.problem(row.r, row.col('value'), (v as { problem: string }).problem);
  else if (typeof v === 'object' && 'param' in v && reading.data.extends === undefined && !reading.parameters[v.param as string] && v.param !== 'afronding') {
    const known = Object.keys(reading.parameters).join(', ') || 'leeg';
    reading.problem(row.r, row.col('value'), `"${v.param}" is geen getal en geen parameter uit de parametertabel (${known})`);
  } else value = effect === 'afslag' && typeof v === 'string' ? (v.startsWith('-') ? v : `-${v}`) : v;
  if (effect === 'afslag' && value && typeof value === 'object')
    reading.problem(row.r, row.col('value'), 'bij een afslag met een parameter: gebruik "opslag" met een negatieve parameterwaarde');
  return value;
}

/** A signaal or uitsluiten effect: the code (else made from the rule id), severity and message (else the description). */
function signalEffect(reading: Reading, row: TableRow, effect: string, id: string, pointer: string, description: string): Obj {
  const message = row.text('message') || description;
  const code =
    row.text('code').toUpperCase() ||
    id
      .toUpperCase()
      .replace(/[^A-Z0-9]+/g, '_')
      .replace(/^[^A-Z]+/, '');
  for (const k of ['code', 'severity', 'message']) reading.cells.set(`${pointer}/${k}`, row.at(k));
  if (effect === 'uitsluiten') return { exclude: { code, message } };
  const severity = normalizeHeader(cellToText(row.value('severity'))) || 'waarschuwing';
  return { flag: { code, severity, message } };
}

/** The rule's source: Bron (or the sheet's first Bron) and Vindplaats, both required so anyone can look it up. */
function ruleSource(reading: Reading, row: TableRow, rule: Obj, base: string): void {
  const first = reading.sources[0];
  const citation = readCitation(reading, row) ?? (first ? { document: first.document, regels: '' } : undefined);
  reading.cells.set(`${base}/source`, row.at('document'));
  for (const k of ['regels', 'paragraaf', 'citaat']) reading.cells.set(`${base}/source/${k}`, row.at(k));
  if (!citation || !citation.regels)
    reading.problem(
      row.r,
      row.column('regels')?.col ?? row.col('document'),
      'vindplaats ontbreekt: noem waar de regel in het brondocument staat (paragraaf, pagina of regels), zodat iedereen hem kan nazoeken',
    );
  if (!citation?.document) reading.problem(row.r, row.col('document'), 'bron ontbreekt: noem het brondocument, of zet een Bron in het kopblok');
  rule.source = citation ?? {};
}

/** The optional columns: interpretation, the years the rule holds, and its place (before/after another rule). */
function ruleOptions(reading: Reading, row: TableRow, rule: Obj, base: string): void {
  const interpretation = row.text('interpretation');
  if (interpretation) rule.interpretation = interpretation;
  if (!isEmptyCell(row.value('jaren'))) {
    const years = yearList(row.value('jaren'));
    if (typeof years === 'string') reading.problem(row.r, row.col('jaren'), years);
    else rule.jaren = years;
    reading.cells.set(`${base}/jaren`, row.at('jaren'));
  }
  for (const k of ['before', 'after'] as const) {
    const t = row.text(k);
    if (t) {
      rule[k] = t;
      reading.cells.set(`${base}/${k}`, row.at(k));
    }
  }
}

/** The metadata a pack needs (an extension only its id and version), named as the sheet names them. */
function checkRequired(reading: Reading, hasRules: boolean): void {
  const isExtension = reading.data.extends !== undefined;
  const required = isExtension ? ['id', 'version'] : ['id', 'version', 'title', 'zorgkantoor', 'sector', 'inkoopjaar', 'description', 'sources'];
  const atTop = (message: string) => reading.problems.push({ source: reading.name, cell: 'A1', message });
  for (const key of required) {
    const present = key === 'sources' ? reading.sources.length > 0 : reading.data[key] !== undefined;
    if (!present) atTop(`"${META_LABELS[key]}" ontbreekt in het kopblok (kolom A het woord ${META_LABELS[key]}, kolom B de waarde)`);
  }
  if (!hasRules && !isExtension)
    atTop('geen regeltabel: een rij met in kolom A "Regel" en daarnaast de kolomkoppen (Omschrijving, Effect, Waarde, Bron, Vindplaats, ...)');
}

/** The pack's parts put together, with what a sheet leaves out: the rounding parameter and the groups. */
function completePack(reading: Reading): void {
  const { data, parameters, rules, sources, ownFields } = reading;
  const isExtension = data.extends !== undefined;
  if (!isExtension && !parameters.afronding) {
    parameters.afronding = {
      type: 'rounding',
      label: 'Afronding van het tarief',
      description: 'Niet in het blad opgegeven: eenmaal afronden op centen, half naar boven (rekenkundig).',
      default: 'rekenkundig',
    };
  }
  if (sources.length) data.sources = sources;
  if (Object.keys(ownFields).length) data.fields = ownFields;
  // A sheet has no table for groups: op-/afslagen with the same Groep do not add up, only the largest counts.
  // (An extension keeps the groups of its base.)
  const groups = [...new Set(rules.map((r) => (r.effect as Obj | undefined)?.group).filter((g): g is string => typeof g === 'string'))];
  if (!isExtension && groups.length)
    data.groups = Object.fromEntries(
      groups.map((g) => [g, { description: `opslagen in groep "${g}" tellen niet samen op; alleen de grootste telt`, stack: false }]),
    );
  if (Object.keys(parameters).length) data.parameters = parameters;
  if (rules.length || !isExtension) data.rules = rules;
}

/** The cell of a pointer: the longest part of it that a cell was recorded for, else A1. */
function locator(reading: Reading): (pointer: string) => PackLocation {
  return (pointer) => {
    const parts = pointer.split('/');
    for (let n = parts.length; n > 0; n--) {
      const cell = reading.cells.get(parts.slice(0, n).join('/'));
      if (cell) return { source: reading.name, cell };
    }
    return { source: reading.name, cell: 'A1' };
  };
}

/** "Kwaliteitsplan akkoord" → "kwaliteitsplanAkkoord" (a field name from a column header). */
function camelCase(label: string): string {
  const words = label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  const name = words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0].toUpperCase() + w.slice(1).toLowerCase())).join('');
  return /^[a-z]/.test(name) ? name : '';
}

/** "2024, 2025" or "2024-2026" (a cell with one year may be a number) → years; a message when it is not. */
function yearList(v: CellValue): number[] | string {
  const text = cellToText(v).trim();
  const range = /^(\d{4})\s*[-–]\s*(\d{4})$/.exec(text);
  if (range && Number(range[1]) <= Number(range[2])) return Array.from({ length: Number(range[2]) - Number(range[1]) + 1 }, (_, i) => Number(range[1]) + i);
  const years = list(text);
  if (!years.length || years.some((y) => !/^\d{4}$/.test(y))) return `"${text}" is geen lijst van jaren; schrijf bijv. "2024, 2025" of "2024-2026"`;
  return years.map(Number);
}

function list(text: string): string[] {
  return text
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A number for the rule's value (percentage or points), a parameter name, or "kolom NAAM". */
function parseValue(v: CellValue, points: boolean): string | Obj | { problem: string } {
  const text = cellToText(v).trim();
  if (typeof v === 'string' && /^[a-z][a-z0-9_]*$/.test(text)) return { param: text };
  const kolom = /^kolom\s*:?\s*(.+)$/i.exec(text);
  if (typeof v === 'string' && kolom) {
    const field = fieldIndex().get(normalizeHeader(kolom[1])) ?? kolom[1].trim();
    return { field };
  }
  const p = points ? (typeof v === 'number' ? parseNumber(v) : parseNumberText(text.replace(/%\s*$/, '').replace(/^\+/, ''))) : parsePercentage(v);
  if (!p.ok) return { problem: `"${text}" is geen getal, parameternaam of "kolom NAAM"` };
  return p.value.toString();
}

/** One condition cell: "4VV, 5VV", "niet ZZP", "ja", "< 10", ">= 95,8", "ingevuld", "leeg". */
function parseCondition(field: string, v: CellValue, def?: FieldDef): Obj | string {
  if (typeof v === 'boolean') return { field, is: v };
  let text = cellToText(v).trim();
  const lower = text.toLowerCase();
  if (lower === 'ingevuld') return { field, present: true };
  if (lower === 'leeg' || lower === 'niet ingevuld') return { field, present: false };
  const cmp = /^(<=|>=|≤|≥|<|>)\s*(.+)$/.exec(text);
  if (cmp) {
    const n = parseNumberText(cmp[2].replace(/%\s*$/, '').trim());
    if (!n.ok) return `"${cmp[2]}" is geen getal`;
    const op = { '<': 'lt', '<=': 'lte', '≤': 'lte', '>': 'gt', '>=': 'gte', '≥': 'gte' }[cmp[1]]!;
    return { field, [op]: n.value.toString() };
  }
  let negate = false;
  if (/^niet\s+/i.test(text)) {
    negate = true;
    text = text.replace(/^niet\s+/i, '');
  }
  const values = list(text);
  if (!values.length) return 'lege voorwaarde';
  const numeric = def && ['money', 'percentage', 'points', 'integer', 'number'].includes(def.type);
  if (numeric && typeof v !== 'number') {
    const bad = values.find((x) => !parseNumberText(x.replace(/%\s*$/, '')).ok);
    if (bad !== undefined) return `"${bad}" is geen getal; ${def.label} vraagt een getal of een vergelijking, bijv. < 10`;
  }
  if (def?.type === 'boolean' && !(values.length === 1 && parseBoolean(values[0]).ok)) return `"${text}" is geen ja/nee-waarde voor ${def.label}`;
  const bools = values.map((x) => parseBoolean(x));
  let cond: Obj;
  if (values.length === 1 && bools[0].ok && !['prestatiecode', 'zorgprofiel', 'leveringsvorm', 'sector', 'component', 'profielgroep'].includes(field)) {
    cond = { field, is: (bools[0] as { value: boolean }).value };
  } else {
    const out: Array<string | number | boolean> = [];
    for (const x of values) {
      const n = normalizeConditionValue(field, typeof v === 'number' ? v : x, def);
      if (!n.ok) return n.message;
      out.push(n.value);
    }
    cond = { field, in: out };
  }
  return negate ? { not: cond } : cond;
}

/** The policy sheet of an open workbook, validated (with `extends` resolved by the resolver). */
export async function loadPackFromSheet(port: WorkbookPort, sheet: string, resolver: PackResolver): Promise<LoadResult> {
  const names = await port.sheetNames();
  if (!names.includes(sheet))
    return { problems: [{ source: `Blad ${sheet}`, message: `dit blad bestaat niet. Bladen in de werkmap: ${names.join(', ')}` }], bases: [] };
  return loadPack(readPolicySheet(await port.readSheet(sheet), sheet), resolver);
}

/** The sheet named "Tariefwijzer beleid" (spelling-tolerant), if the workbook has one. */
export async function findPolicySheet(port: WorkbookPort): Promise<string | undefined> {
  return (await port.sheetNames()).find(isPolicySheet);
}
