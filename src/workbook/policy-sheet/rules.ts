/** The rule table: one rule a row, with its conditions, effect, source and options. */
import { CORE_FIELDS, normalizeHeader } from '../../domain/fields';
import { cellToText, isEmptyCell } from '../../domain/parse';
import { cellName, readCitation, type Reading, TableRow } from './reading';
import { parseCondition, parseValue, yearList } from './values';
import { EFFECT_WORDS, EFFECTS, type Obj } from './vocabulary';

/** A rule row: id, description, conditions, effect, source and the optional columns, each cell mapped. */
export function readRule(reading: Reading, row: TableRow): void {
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
export function ruleConditions(reading: Reading, row: TableRow, rule: Obj, base: string): void {
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

export const EFFECT_KEYS: Record<string, string> = {
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
export function ruleEffect(reading: Reading, row: TableRow, rule: Obj, base: string): void {
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
export function effectValue(reading: Reading, row: TableRow, effect: string, effectText: string): unknown {
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
export function signalEffect(reading: Reading, row: TableRow, effect: string, id: string, pointer: string, description: string): Obj {
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
export function ruleSource(reading: Reading, row: TableRow, rule: Obj, base: string): void {
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
export function ruleOptions(reading: Reading, row: TableRow, rule: Obj, base: string): void {
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
