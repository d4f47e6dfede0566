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

/** Read a policy sheet into a pack source whose pointers map to cells. */
export function readPolicySheet(grid: CellValue[][], sheet: string): PackSource {
  const name = `Blad ${sheet}`;
  const cells = new Map<string, string>([['', 'A1']]);
  const problems: PackProblem[] = [];
  const problem = (r: number, c: number, message: string) => problems.push({ source: name, cell: cellName(r, c), message });
  const data: Obj = {};
  const parameters: Obj = {};
  const rules: Obj[] = [];
  const sources: Obj[] = [];
  const fields = fieldIndex();
  const ownFields: Record<string, FieldDef> = {};
  let columns: Array<{ key: string; col: number; field?: string }> = [];
  let firstRulesRow = -1;

  // First the parts, then in order: metadata, parameters, own fields (kenmerken), rules; so a rule column can
  // name a kenmerk whatever the order of the tables on the sheet.
  const metaRows: number[] = [];
  const tables: Array<{ kind: 'params' | 'fields' | 'rules'; header: number; rows: number[] }> = [];
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r] ?? [];
    if (row.every(isEmptyCell)) continue;
    const a = normalizeHeader(cellToText(row[0]));
    const kind = a === 'parameter' ? 'params' : a === 'kenmerk' ? 'fields' : a === 'regel' || a === 'regelid' ? 'rules' : undefined;
    if (kind) tables.push({ kind, header: r, rows: [] });
    else if (tables.length) tables[tables.length - 1].rows.push(r);
    else metaRows.push(r);
  }
  for (const r of metaRows) readMeta(r, grid[r]);
  for (const kind of ['params', 'fields', 'rules'] as const) {
    for (const t of tables.filter((x) => x.kind === kind)) {
      const header = grid[t.header];
      columns = [];
      if (kind === 'rules') {
        if (firstRulesRow < 0) firstRulesRow = t.header;
        cells.set('/rules', cellName(t.header, 0));
      } else cells.set(kind === 'params' ? '/parameters' : '/fields', cellName(t.header, 0));
      header.forEach((h, c) => {
        const k = normalizeHeader(cellToText(h));
        if (!k) return;
        if (kind === 'params') {
          if (PARAM_COLUMNS[k]) columns.push({ key: PARAM_COLUMNS[k], col: c });
          else
            problem(
              t.header,
              c,
              `onbekende kolom "${cellToText(h)}" in de parametertabel; bekend zijn: Parameter, Soort, Naam, Standaardwaarde, Uitleg, Minimum, Maximum, Keuzes, Bron, Paragraaf, Vindplaats, Citaat`,
            );
        } else if (kind === 'fields') {
          if (FIELD_COLUMNS[k]) columns.push({ key: FIELD_COLUMNS[k], col: c });
          else problem(t.header, c, `onbekende kolom "${cellToText(h)}" in de kenmerkentabel; bekend zijn: Kenmerk, Soort, Kolomkop, Andere koppen, Uitleg`);
        } else if (RULE_COLUMNS[k]) columns.push({ key: RULE_COLUMNS[k], col: c });
        else if (fields.has(k)) columns.push({ key: 'when', col: c, field: fields.get(k) });
        else if (/^[a-z][A-Za-z0-9]*$/.test(cellToText(h).trim())) columns.push({ key: 'when', col: c, field: cellToText(h).trim() });
        else
          problem(
            t.header,
            c,
            `onbekende kolom "${cellToText(h)}": geen regelkolom (Regel, Omschrijving, Effect, Waarde, Bron, Vindplaats, ...) en geen kolom van de rij (bijv. Zorgprofiel, Leveringsvorm, Nieuwe aanbieder) of kenmerk uit de kenmerkentabel`,
          );
      });
      for (const r of t.rows) (kind === 'params' ? readParameter : kind === 'fields' ? readField : readRule)(r, grid[r]);
    }
  }

  function readField(r: number, row: CellValue[]) {
    const get = (key: string) => columns.find((c) => c.key === key);
    const val = (key: string) => {
      const c = get(key);
      return c ? row[c.col] : undefined;
    };
    const label = cellToText(val('label')).trim();
    const fname = cellToText(val('name')).trim() || camelCase(label);
    if (!fname) return problem(r, 0, 'kenmerk zonder naam en zonder kolomkop');
    const base = `/fields/${esc(fname)}`;
    cells.set(base, cellName(r, get('name')?.col ?? get('label')?.col ?? 0));
    for (const c of columns) cells.set(`${base}/${c.key === 'name' ? '' : c.key}`.replace(/\/$/, ''), cellName(r, c.col));
    const typeText = normalizeHeader(cellToText(val('type')));
    const type = FIELD_TYPES[typeText];
    if (!type)
      problem(
        r,
        get('type')?.col ?? 0,
        `${typeText ? `onbekende soort "${cellToText(val('type'))}"` : 'soort ontbreekt'}; kies uit: tekst, code, bedrag, percentage, procentpunten, ja/nee, geheel getal, getal, datum`,
      );
    const def: Obj = { type: type ?? typeText, label: label || fname, aliases: list(cellToText(val('aliases'))) };
    const description = cellToText(val('description')).trim();
    if (description) def.description = description;
    ownFields[fname] = def as unknown as FieldDef;
    for (const a of [fname, label, ...(def.aliases as string[])]) {
      const k = normalizeHeader(a);
      if (k && !RULE_COLUMNS[k]) fields.set(k, fname);
    }
  }

  function readMeta(r: number, row: CellValue[]) {
    const label = cellToText(row[0]).trim();
    const k = normalizeHeader(label);
    const key = META_KEYS[k];
    const v = row[1];
    if (!key) {
      if (k === normalizeHeader(POLICY_SHEET) || isEmptyCell(v)) return; // the title, or a note
      return problem(
        r,
        0,
        `onbekend gegeven "${label}"; bekend zijn: Id, Versie, Titel, Zorgkantoor, Sector, Inkoopjaar, Omschrijving, Gepubliceerd, Bron, Breidt uit, Verwijder regels`,
      );
    }
    if (isEmptyCell(v) && key !== 'sources') return;
    const at = cellName(r, 1);
    switch (key) {
      case 'sources': {
        const document = cellToText(row[1]).trim();
        if (!document) return problem(r, 1, 'Bron: vul het brondocument in (bestandsnaam of titel van het inkoopbeleid)');
        const source: Obj = { document, title: cellToText(row[2]).trim() || document };
        if (!isEmptyCell(row[3])) source.note = cellToText(row[3]).trim();
        cells.set(`/sources/${sources.length}`, at);
        sources.push(source);
        return;
      }
      case 'sector': {
        const t = cellToText(v).trim();
        data.sector = t.toLowerCase() === 'alle' ? 'alle' : (normalizeSector(t) ?? t);
        break;
      }
      case 'inkoopjaar': {
        const p = parseInteger(v);
        data.inkoopjaar = p.ok ? p.value : cellToText(v);
        break;
      }
      case 'published': {
        const p = parseDate(v);
        data.published = p.ok ? p.value : cellToText(v);
        break;
      }
      case 'removeRules':
        data.removeRules = list(cellToText(v));
        break;
      case 'inkoopjaren': {
        const years = yearList(v);
        if (typeof years === 'string') return problem(r, 1, years);
        data.inkoopjaren = years;
        break;
      }
      default:
        data[key] = cellToText(v).trim();
    }
    cells.set(`/${key}`, at);
  }

  function readParameter(r: number, row: CellValue[]) {
    const get = (key: string) => columns.find((c) => c.key === key);
    const val = (key: string) => {
      const c = get(key);
      return c ? row[c.col] : undefined;
    };
    const pname = cellToText(val('name')).trim();
    if (!pname) return problem(r, 0, 'parameter zonder naam');
    const base = `/parameters/${esc(pname)}`;
    cells.set(base, cellName(r, get('name')!.col));
    for (const c of columns)
      cells.set(`${base}/${['document', 'paragraaf', 'regels', 'citaat'].includes(c.key) ? `source/${c.key}` : c.key}`, cellName(r, c.col));
    if (parameters[pname]) problem(r, 0, `parameter "${pname}" staat twee keer in de tabel`);
    const def: Obj = {};
    const typeText = normalizeHeader(cellToText(val('type')));
    if (typeText) {
      const t = PARAM_TYPES[typeText];
      if (!t) problem(r, get('type')!.col, `onbekende soort "${cellToText(val('type'))}"; kies uit: ${PARAM_TYPE_WORDS}`);
      else def.type = t;
    } else if (data.extends === undefined) {
      // a new parameter needs its kind; in an extension only what changes is given
      problem(r, get('type')?.col ?? 0, `Soort ontbreekt voor parameter "${pname}"; kies uit: ${PARAM_TYPE_WORDS}`);
    }
    const label = cellToText(val('label')).trim();
    if (label || data.extends === undefined) def.label = label || pname;
    const description = cellToText(val('description')).trim();
    if (description || data.extends === undefined) def.description = description || label || pname;
    const raw = val('default');
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
      else problem(r, get('default')!.col, `standaardwaarde "${cellToText(raw)}" is niet te lezen als ${typeText || 'waarde'}`);
    }
    for (const k of ['min', 'max'] as const) {
      const v = val(k);
      if (isEmptyCell(v)) continue;
      const p = def.type === 'percentage' ? parsePercentage(v) : parseNumber(v);
      if (p.ok) def[k] = p.value.toNumber();
      else problem(r, get(k)!.col, `${k === 'min' ? 'minimum' : 'maximum'} "${cellToText(v)}" is geen getal`);
    }
    const choices = cellToText(val('choices')).trim();
    if (choices) def.choices = list(choices);
    // "2024: 97,3; 2026: 98,4": values per inkoopjaar (';' between years, since ',' is the decimal comma)
    const perJaar = cellToText(val('perJaar')).trim();
    if (perJaar) {
      const out: Obj = {};
      for (const part of perJaar
        .split(/[;\n]/)
        .map((x) => x.trim())
        .filter(Boolean)) {
        const m = /^(\d{4})\s*[:=]\s*(.*)$/.exec(part);
        if (!m) {
          problem(r, get('perJaar')!.col, `"${part}" is geen jaar met een waarde; schrijf bijv. "2024: 97,3; 2026: 98,4"`);
          continue;
        }
        out[m[1]] = m[2] === '' ? null : m[2].replace(/%\s*$/, '').trim();
      }
      def.perJaar = out;
    }
    const citation = readCitation(val);
    if (citation) def.source = citation;
    parameters[pname] = def;
  }

  function readCitation(val: (key: string) => CellValue): Obj | undefined {
    const document = cellToText(val('document')).trim();
    const regels = cellToText(val('regels')).trim();
    if (!document && !regels) return undefined;
    const c: Obj = { document: document || sources[0]?.document || '' };
    if (!isEmptyCell(val('paragraaf'))) c.paragraaf = cellToText(val('paragraaf')).trim();
    c.regels = regels;
    if (!isEmptyCell(val('citaat'))) c.citaat = cellToText(val('citaat')).trim();
    return c;
  }

  function readRule(r: number, row: CellValue[]) {
    const i = rules.length;
    const base = `/rules/${i}`;
    const get = (key: string) => columns.find((c) => c.key === key);
    const val = (key: string) => {
      const c = get(key);
      return c ? row[c.col] : undefined;
    };
    const at = (key: string) => (get(key) ? cellName(r, get(key)!.col) : cellName(r, 0));
    const rule: Obj = {};
    const id = cellToText(val('id')).trim();
    rule.id = id || `regel-${r + 1}`;
    cells.set(base, cellName(r, 0));
    cells.set(`${base}/id`, at('id'));
    const description = cellToText(val('description')).trim();
    if (description) rule.description = description;
    else
      problem(
        r,
        get('description')?.col ?? 0,
        'Omschrijving ontbreekt: beschrijf in een paar woorden wat de regel doet; de tekst staat in de toelichting bij elke rij',
      );
    cells.set(`${base}/description`, at('description'));

    // conditions: every field column with a value, all of them must hold
    const conditions: Array<{ c: Obj; cell: string }> = [];
    for (const col of columns.filter((c) => c.key === 'when')) {
      const v = row[col.col];
      if (isEmptyCell(v)) continue;
      const parsed = parseCondition(col.field!, v, ownFields[col.field!] ?? CORE_FIELDS[col.field!]);
      if (typeof parsed === 'string') problem(r, col.col, parsed);
      else conditions.push({ c: parsed, cell: cellName(r, col.col) });
    }
    if (conditions.length === 1) {
      rule.when = conditions[0].c;
      cells.set(`${base}/when`, conditions[0].cell);
    } else if (conditions.length > 1) {
      rule.when = { all: conditions.map((x) => x.c) };
      cells.set(`${base}/when`, conditions[0].cell);
      conditions.forEach((x, k) => cells.set(`${base}/when/all/${k}`, x.cell));
    }

    // effect
    const effectText = cellToText(val('effect')).trim();
    const effect = EFFECTS[normalizeHeader(effectText)];
    cells.set(`${base}/effect`, at('effect'));
    const valueCell = at('value');
    if (!effectText) problem(r, get('effect')?.col ?? 0, `geen effect; kies uit: ${EFFECT_WORDS}`);
    else if (!effect) problem(r, get('effect')!.col, `onbekend effect "${effectText}"; kies uit: ${EFFECT_WORDS}`);
    else {
      const rawValue = val('value');
      const needsValue = !['signaal', 'uitsluiten'].includes(effect);
      let value: unknown;
      if (needsValue) {
        if (isEmptyCell(rawValue))
          problem(r, get('value')?.col ?? 0, `effect "${effectText}" heeft een waarde nodig: een getal (bijv. 96,5 of 0,5) of de naam van een parameter`);
        else {
          const v = parseValue(rawValue, effect === 'opslag' || effect === 'afslag');
          if (typeof v === 'object' && v && 'problem' in v) problem(r, get('value')!.col, (v as { problem: string }).problem);
          else if (typeof v === 'object' && 'param' in v && data.extends === undefined && !parameters[v.param as string] && v.param !== 'afronding') {
            problem(
              r,
              get('value')!.col,
              `"${v.param}" is geen getal en geen parameter uit de parametertabel (${Object.keys(parameters).join(', ') || 'leeg'})`,
            );
          } else value = effect === 'afslag' && typeof v === 'string' ? (v.startsWith('-') ? v : `-${v}`) : v;
        }
        if (effect === 'afslag' && value && typeof value === 'object')
          problem(r, get('value')!.col, 'bij een afslag met een parameter: gebruik "opslag" met een negatieve parameterwaarde');
      }
      const group = cellToText(val('group')).trim();
      const key = { basis: 'set', vast: 'set', opslag: 'add', afslag: 'add', maximum: 'cap', minimum: 'floor', signaal: 'flag', uitsluiten: 'exclude' }[
        effect
      ]!;
      cells.set(`${base}/effect/${key}`, needsValue ? valueCell : at('message'));
      if (effect === 'basis' || effect === 'vast') rule.effect = { set: value, ...(effect === 'vast' ? { final: true } : {}) };
      else if (effect === 'opslag' || effect === 'afslag') {
        rule.effect = { add: value, ...(group ? { group } : {}) };
        const upTo = val('maxResult');
        if (!isEmptyCell(upTo)) {
          const v = parseValue(upTo, false);
          if (typeof v === 'object' && 'problem' in v) problem(r, get('maxResult')!.col, (v as { problem: string }).problem);
          else (rule.effect as Obj).maxResult = v;
          cells.set(`${base}/effect/maxResult`, at('maxResult'));
        }
      } else if (effect === 'maximum') rule.effect = { cap: value };
      else if (effect === 'minimum') rule.effect = { floor: value };
      else {
        const message = cellToText(val('message')).trim() || description;
        const code =
          cellToText(val('code')).trim().toUpperCase() ||
          String(rule.id)
            .toUpperCase()
            .replace(/[^A-Z0-9]+/g, '_')
            .replace(/^[^A-Z]+/, '');
        cells.set(`${base}/effect/${key}/code`, at('code'));
        cells.set(`${base}/effect/${key}/severity`, at('severity'));
        cells.set(`${base}/effect/${key}/message`, at('message'));
        if (effect === 'signaal') {
          const sev = normalizeHeader(cellToText(val('severity'))) || 'waarschuwing';
          rule.effect = { flag: { code, severity: sev, message } };
        } else rule.effect = { exclude: { code, message } };
      }
      if (group) cells.set(`${base}/effect/group`, at('group'));
    }

    // source: Bron (or the sheet's first Bron) and Vindplaats
    const citation = readCitation(val) ?? (sources[0] ? { document: sources[0].document, regels: '' } : undefined);
    cells.set(`${base}/source`, at('document'));
    cells.set(`${base}/source/regels`, at('regels'));
    cells.set(`${base}/source/paragraaf`, at('paragraaf'));
    cells.set(`${base}/source/citaat`, at('citaat'));
    if (!citation || !citation.regels)
      problem(
        r,
        get('regels')?.col ?? get('document')?.col ?? 0,
        'vindplaats ontbreekt: noem waar de regel in het brondocument staat (paragraaf, pagina of regels), zodat iedereen hem kan nazoeken',
      );
    if (!citation?.document) problem(r, get('document')?.col ?? 0, 'bron ontbreekt: noem het brondocument, of zet een Bron in het kopblok');
    rule.source = citation ?? {};
    const interpretation = cellToText(val('interpretation')).trim();
    if (interpretation) rule.interpretation = interpretation;
    if (!isEmptyCell(val('jaren'))) {
      const years = yearList(val('jaren'));
      if (typeof years === 'string') problem(r, get('jaren')!.col, years);
      else rule.jaren = years;
      cells.set(`${base}/jaren`, at('jaren'));
    }
    for (const k of ['before', 'after'] as const) {
      const t = cellToText(val(k)).trim();
      if (t) {
        rule[k] = t;
        cells.set(`${base}/${k}`, at(k));
      }
    }
    rules.push(rule);
  }

  // required metadata, named as the sheet names them
  const isExtension = data.extends !== undefined;
  const required = isExtension ? ['id', 'version'] : ['id', 'version', 'title', 'zorgkantoor', 'sector', 'inkoopjaar', 'description', 'sources'];
  for (const key of required) {
    const present = key === 'sources' ? sources.length > 0 : data[key] !== undefined;
    if (!present)
      problems.push({
        source: name,
        cell: 'A1',
        message: `"${META_LABELS[key]}" ontbreekt in het kopblok (kolom A het woord ${META_LABELS[key]}, kolom B de waarde)`,
      });
  }
  if (firstRulesRow < 0 && !isExtension)
    problems.push({
      source: name,
      cell: 'A1',
      message: 'geen regeltabel: een rij met in kolom A "Regel" en daarnaast de kolomkoppen (Omschrijving, Effect, Waarde, Bron, Vindplaats, ...)',
    });
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

  const locate = (pointer: string): PackLocation => {
    const parts = pointer.split('/');
    for (let n = parts.length; n > 0; n--) {
      const cell = cells.get(parts.slice(0, n).join('/'));
      if (cell) return { source: name, cell };
    }
    return { source: name, cell: 'A1' };
  };
  return { name, data: problems.length ? undefined : data, locate, problems };
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
