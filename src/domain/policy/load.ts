/** Validating a policy pack: the JSON Schema first, then the references between its parts. Errors are Dutch. */
import type { ErrorObject } from 'ajv';
import validateSchema from './validate-schema';
import { normalizeConditions } from './normalize';
import { coveredYears, YEAR_SEPARATOR } from './years';
import { CORE_FIELDS } from '../fields';
import { isRoundingMode, ROUNDING_MODES } from '../money';
import { parseBoolean, parseDate, parseNumberText, parsePercentage } from '../parse';
import type { Condition, ParameterDef, ParameterValue, ParameterValues, PolicyPack, Rule, ValueRef } from './types';

export interface PackError {
  /** Where in the pack: "regel 4 (T5-w5-b7) › effect › add" or "parameters › richttarief". */
  place: string;
  /** JSON pointer, for tools. */
  pointer: string;
  message: string;
  /** A more exact pointer for finding the line or cell, when it differs (e.g. the unknown key itself). */
  at?: string;
}

/** Fields every row has after classification of its prestatie. */
export const PRESTATIE_FIELDS = [
  'prestatiecode',
  'sector',
  'profielgroep',
  'zorgprofiel',
  'leveringsvorm',
  'component',
  'behandeling',
  'sectorvreemd',
] as const;

/** Parameters every pack must offer. */
export const REQUIRED_PARAMETERS = ['richttarief', 'afronding'] as const;

/** Far more than any policy has (the shipped packs have under 30): beyond it the pack is refused unread. */
export const MAX_RULES = 10_000;

export function validatePack(input: unknown): { pack?: PolicyPack; errors: PackError[] } {
  const rules = input && typeof input === 'object' ? (input as { rules?: unknown }).rules : undefined;
  if (Array.isArray(rules) && rules.length > MAX_RULES) {
    return { errors: [{ pointer: '/rules', place: 'regels', message: `te veel regels (${rules.length}); een beleidspakket heeft er hoogstens ${MAX_RULES}` }] };
  }
  if (!validateSchema(input)) {
    return { errors: schemaErrors(input, validateSchema.errors ?? []) };
  }
  // The same reading of condition values for every source (YAML, JSON, sheet): "Verblijf" is ZZP, "ja" is true.
  const normalized = normalizeConditions(input as Record<string, unknown>);
  const pack = normalized.pack as unknown as PolicyPack;
  const errors = [...normalized.problems.map((p) => ({ ...p, place: describePointer(pack, p.pointer) })), ...semanticErrors(pack)];
  return errors.length ? { errors } : { pack, errors };
}

function schemaErrors(input: unknown, raw: ErrorObject[]): PackError[] {
  // Alternatives (oneOf) report an error per branch; of those keep only the ones that reach deepest
  // into the data, which is where the pack went wrong. Errors outside alternatives are all kept.
  const branch = raw.filter((e) => e.keyword !== 'oneOf' && e.schemaPath.includes('oneOf'));
  const direct = raw.filter((e) => e.keyword !== 'oneOf' && !e.schemaPath.includes('oneOf'));
  const branchPaths = new Set(branch.map((e) => e.instancePath));
  const deepBranch = branch.filter((e) => ![...branchPaths].some((q) => q.startsWith(e.instancePath + '/')));
  const byPath = new Map<string, ErrorObject[]>();
  for (const e of [...direct, ...deepBranch]) byPath.set(e.instancePath, [...(byPath.get(e.instancePath) ?? []), e]);
  for (const e of raw)
    if (e.keyword === 'oneOf' && !byPath.has(e.instancePath) && ![...byPath.keys()].some((q) => q.startsWith(e.instancePath + '/')))
      byPath.set(e.instancePath, [e]);
  const out: PackError[] = [];
  const seen = new Set<string>();
  for (const [p, errs] of byPath) {
    // Several alternatives failing at the same place: say so once instead of listing every branch.
    const branchy = errs.some((e) => e.keyword === 'oneOf') || (errs.length > 1 && errs.every((e) => e.schemaPath.includes('oneOf')));
    // A bad value (number, parameter or field): one message instead of one per alternative.
    const valueRef = errs.length > 1 && errs.some((e) => e.schemaPath.startsWith('#/definitions/fieldRef'));
    const here = valueAt(input, p);
    const entries: Array<{ message: string; extra?: string }> =
      here === null
        ? [{ message: 'is leeg; staat wat hieronder hoort te weinig ingesprongen?' }]
        : valueRef
          ? [{ message: VALUE_MESSAGE }]
          : branchy
            ? [{ message: oneOfMessage(errs) }]
            : errs.map((e) => {
                const extra = e.keyword === 'additionalProperties' ? (e.params as { additionalProperty: string }).additionalProperty : undefined;
                return { message: translate(e) + (extra !== undefined ? indentationHint(here, extra) : ''), extra };
              });
    for (const { message, extra } of entries) {
      const key = p + message;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({
        pointer: p,
        place: describePointer(input, p),
        message,
        ...(extra !== undefined ? { at: `${p}/${extra.replace(/~/g, '~0').replace(/\//g, '~1')}` } : {}),
      });
    }
  }
  return out;
}

function valueAt(input: unknown, pointer: string): unknown {
  let node = input;
  for (const key of pointer
    .split('/')
    .slice(1)
    .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'))) {
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node;
}

/**
 * YAML with too little indentation puts a part next to its parent instead of under it: `when:` stays empty and
 * `field:` lands on the rule. Say so, since the docs promise wrong indentation is reported as such.
 */
function indentationHint(obj: unknown, unknownKey: string): string {
  if (!obj || typeof obj !== 'object') return '';
  const keys = Object.keys(obj);
  const empty = keys.filter((k) => (obj as Record<string, unknown>)[k] === null && keys.indexOf(k) < keys.indexOf(unknownKey));
  if (!empty.length) return '';
  const parent = empty[empty.length - 1];
  return `; de inspringing klopt waarschijnlijk niet: "${unknownKey}" hoort onder "${parent}" (die is nu leeg), dus spring die regel verder in dan "${parent}:"`;
}

const VALUE_MESSAGE = 'verwacht een getal (bijv. 95.5 of "95,5"), een parameter ({ param: naam }) of een kolom van de rij ({ field: naam })';

function oneOfMessage(errs: ErrorObject[]): string {
  const extras = errs.filter((e) => e.keyword === 'additionalProperties').map((e) => `"${(e.params as { additionalProperty: string }).additionalProperty}"`);
  const unknown = [...new Set(extras)];
  return `past bij geen van de toegestane vormen${unknown.length ? ` (onbekend of niet te combineren: ${unknown.join(', ')})` : ''}`;
}

function translate(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return `verplicht onderdeel "${p.missingProperty}" ontbreekt`;
    case 'additionalProperties':
      return `onbekend onderdeel "${p.additionalProperty}"`;
    case 'enum':
      return `waarde moet een van deze zijn: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'type':
      return `verwacht ${typeName(String(p.type))}`;
    case 'pattern':
      return `heeft niet de juiste schrijfwijze (patroon ${p.pattern})`;
    case 'minLength':
    case 'minItems':
    case 'minProperties':
      return 'mag niet leeg zijn';
    case 'minimum':
    case 'maximum':
      return `waarde moet ${e.keyword === 'minimum' ? 'minstens' : 'hoogstens'} ${p.limit} zijn`;
    case 'uniqueItems':
      return 'een waarde staat er twee keer in';
    case 'propertyNames':
      return `naam "${p.propertyName}" heeft niet de juiste schrijfwijze`;
    default:
      return `ongeldig (${e.keyword})`;
  }
}

function typeName(t: string): string {
  const names: Record<string, string> = {
    string: 'tekst',
    number: 'een getal',
    integer: 'een geheel getal',
    boolean: 'ja/nee (true/false)',
    object: 'een object',
    array: 'een lijst',
    null: 'null',
  };
  return t
    .split(',')
    .map((x) => names[x] ?? x)
    .join(' of ');
}

/** A Dutch place description for a JSON pointer, naming rules by number and id. */
export function describePointer(input: unknown, pointer: string): string {
  const parts = pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const labels: string[] = [];
  let node: unknown = input;
  const names: Record<string, string> = {
    rules: 'regels',
    parameters: 'parameters',
    effect: 'effect',
    when: 'voorwaarde',
    source: 'bron',
    fields: 'velden',
    groups: 'groepen',
    prestaties: 'prestaties',
    range: 'bereik',
    sources: 'bronnen',
  };
  for (let i = 0; i < parts.length; i++) {
    const key = parts[i];
    const parent = node;
    node = parent && typeof parent === 'object' ? (parent as Record<string, unknown>)[key] : undefined;
    if (i === 1 && parts[0] === 'rules' && /^\d+$/.test(key)) {
      const id = node && typeof node === 'object' ? (node as { id?: unknown }).id : undefined;
      labels.pop();
      labels.push(`regel ${Number(key) + 1}${typeof id === 'string' ? ` (${id})` : ''}`);
      continue;
    }
    labels.push(/^\d+$/.test(key) ? `nr. ${Number(key) + 1}` : (names[key] ?? key));
  }
  return labels.length ? labels.join(' › ') : 'pakket';
}

type Add = (pointer: string, message: string) => void;

/** What the schema cannot check: required parameters, years, references to parameters and fields, citations, rules, groups. */
function semanticErrors(pack: PolicyPack): PackError[] {
  const errors: PackError[] = [];
  const add: Add = (pointer, message) => errors.push({ pointer, place: describePointer(pack, pointer), message });
  checkParameters(pack, add);
  const years = coveredYears(pack);
  checkYears(pack, years, add);
  const refs = referenceChecks(pack, add);
  checkCitations(pack, add);
  checkRules(pack, refs, add);
  checkGroups(pack, add);
  if (pack.range) {
    refs.value(pack.range.min, '/range/min');
    refs.value(pack.range.max, '/range/max');
  }
  checkBaseRule(pack, years, add);
  return errors;
}

/** Every pack has "richttarief" and "afronding"; every parameter's default is a value of its type. */
function checkParameters(pack: PolicyPack, add: Add): void {
  for (const name of REQUIRED_PARAMETERS) {
    if (!pack.parameters[name]) add('/parameters', `parameter "${name}" ontbreekt; elk pakket heeft "richttarief" en "afronding"`);
  }
  for (const [name, def] of Object.entries(pack.parameters)) {
    const problem = checkParameterDefault(def);
    if (problem) add(`/parameters/${name}/default`, problem);
  }
}

/** Multi-year: every year named (a parameter's value per year, a rule's years) belongs to the pack, and its value reads. */
function checkYears(pack: PolicyPack, years: number[], add: Add): void {
  if (pack.inkoopjaren && !pack.inkoopjaren.includes(pack.inkoopjaar))
    add('/inkoopjaren', `het inkoopjaar ${pack.inkoopjaar} hoort ook in "inkoopjaren" (${pack.inkoopjaren.join(', ')})`);
  const notCovered = (y: number) => !years.includes(y);
  const coverage = pack.inkoopjaren
    ? `de jaren van "inkoopjaren" (${years.join(', ')})`
    : `het inkoopjaar ${pack.inkoopjaar}; noem meer jaren onder "inkoopjaren"`;
  for (const [name, def] of Object.entries(pack.parameters)) {
    for (const [year, value] of Object.entries(def.perJaar ?? {})) {
      if (notCovered(Number(year))) add(`/parameters/${name}/perJaar/${year}`, `${year} is geen jaar van dit beleid: kies uit ${coverage}`);
      else if (value !== null) {
        const parsed = parseParameterValue(def, value);
        if (!parsed.ok) add(`/parameters/${name}/perJaar/${year}`, `waarde voor ${year}: ${parsed.reason}`);
      }
    }
  }
  pack.rules.forEach((rule, i) => {
    (rule.jaren ?? []).forEach((y, k) => {
      if (notCovered(y)) add(`/rules/${i}/jaren/${k}`, `${y} is geen jaar van dit beleid: kies uit ${coverage}`);
    });
  });
}

interface ReferenceChecks {
  /** A value names a known parameter (a number, unless `numeric` is false) or a known field. */
  value(v: ValueRef | undefined, pointer: string, numeric?: boolean): void;
  /** A condition, all the way down, names known parameters and fields. */
  condition(c: Condition, pointer: string): void;
}

/** Checks that values and conditions refer to parameters and fields the pack knows. */
function referenceChecks(pack: PolicyPack, add: Add): ReferenceChecks {
  const fieldNames = new Set<string>([...Object.keys(CORE_FIELDS), ...Object.keys(pack.fields ?? {}), ...PRESTATIE_FIELDS]);
  const value = (v: ValueRef | undefined, pointer: string, numeric = true) => {
    if (v === undefined || typeof v === 'number' || typeof v === 'string') return;
    if ('param' in v) {
      const def = pack.parameters[v.param];
      if (!def) add(pointer, `verwijst naar onbekende parameter "${v.param}"`);
      else if (numeric && !['percentage', 'points', 'number'].includes(def.type)) add(pointer, `parameter "${v.param}" is geen getal`);
    } else if (!fieldNames.has(v.field)) {
      add(pointer, `verwijst naar onbekend veld "${v.field}"`);
    }
  };
  const condition = (c: Condition, pointer: string) => {
    if ('all' in c) c.all.forEach((x, i) => condition(x, `${pointer}/all/${i}`));
    else if ('any' in c) c.any.forEach((x, i) => condition(x, `${pointer}/any/${i}`));
    else if ('not' in c) condition(c.not, `${pointer}/not`);
    else if ('param' in c) {
      if (!pack.parameters[c.param]) add(`${pointer}/param`, `verwijst naar onbekende parameter "${c.param}"`);
    } else {
      if (!fieldNames.has(c.field)) add(`${pointer}/field`, `verwijst naar onbekend veld "${c.field}"`);
      for (const op of ['lt', 'lte', 'gt', 'gte'] as const) value(c[op], `${pointer}/${op}`);
    }
  };
  return { value, condition };
}

/** Every citation names a document of `sources`, so the explanation can show its title. */
function checkCitations(pack: PolicyPack, add: Add): void {
  const documents = new Set(pack.sources.flatMap((s) => [s.document, s.title]));
  const checkCitation = (c: { document: string } | undefined, pointer: string) => {
    if (c && !documents.has(c.document))
      add(
        `${pointer}/document`,
        `brondocument "${c.document}" staat niet onder "sources"; voeg het daar toe (document en titel) of gebruik de naam die daar staat (${pack.sources.map((s) => s.document).join(', ')})`,
      );
  };
  for (const [name, def] of Object.entries(pack.parameters)) checkCitation(def.source, `/parameters/${name}/source`);
  if (pack.range) checkCitation(pack.range.source, '/range/source');
  pack.rules.forEach((rule, i) => checkCitation(rule.source, `/rules/${i}/source`));
}

/** Each rule: a unique id, a condition and values that refer to what the pack knows, an op-/afslag in a described group. */
function checkRules(pack: PolicyPack, refs: ReferenceChecks, add: Add): void {
  const ids = new Set<string>();
  pack.rules.forEach((rule: Rule, i) => {
    const base = `/rules/${i}`;
    if (ids.has(rule.id)) add(`${base}/id`, `regel-id "${rule.id}" komt vaker voor`);
    ids.add(rule.id);
    if (rule.when) refs.condition(rule.when, `${base}/when`);
    const e = rule.effect;
    if ('set' in e) refs.value(e.set, `${base}/effect/set`);
    if ('add' in e) {
      refs.value(e.add, `${base}/effect/add`);
      refs.value(e.min, `${base}/effect/min`);
      refs.value(e.max, `${base}/effect/max`);
      refs.value(e.maxResult, `${base}/effect/maxResult`);
      if (e.group && !pack.groups?.[e.group]) add(`${base}/effect/group`, `groep "${e.group}" is niet beschreven onder "groups"`);
    }
    if ('cap' in e) refs.value(e.cap, `${base}/effect/cap`);
    if ('floor' in e) refs.value(e.floor, `${base}/effect/floor`);
  });
}

/** A group whose stacking a parameter decides names a yes/no parameter the pack has. */
function checkGroups(pack: PolicyPack, add: Add): void {
  for (const [name, g] of Object.entries(pack.groups ?? {})) {
    if (typeof g.stack === 'object') {
      const def = pack.parameters[g.stack.param];
      if (!def) add(`/groups/${name}/stack`, `verwijst naar onbekende parameter "${g.stack.param}"`);
      else if (def.type !== 'boolean') add(`/groups/${name}/stack`, `parameter "${g.stack.param}" moet ja/nee (boolean) zijn`);
    }
  }
}

/** Every year of the pack has a rule without a condition that sets the base percentage; else rows without a matching rule get no tariff. */
function checkBaseRule(pack: PolicyPack, years: number[], add: Add): void {
  if (pack.rules.some((r) => 'set' in r.effect && !r.when && !r.jaren)) return;
  const without = years.filter((y) => !pack.rules.some((r) => 'set' in r.effect && !r.when && (!r.jaren || r.jaren.includes(y))));
  if (without.length)
    add(
      '/rules',
      `er is geen regel zonder voorwaarde die het basispercentage zet${years.length > 1 ? ` voor ${without.join(', ')}` : ''}; rijen zonder passende regel krijgen dan geen tarief`,
    );
}

function checkParameterDefault(def: ParameterDef): string | undefined {
  if (def.default === null) return undefined;
  if (def.type === 'choice' && !def.choices) return 'een keuzeparameter heeft "choices" nodig';
  const parsed = parseParameterValue(def, def.default);
  return parsed.ok ? undefined : `standaardwaarde: ${parsed.reason}`;
}

export type ParamParse = { ok: true; value: ParameterValue } | { ok: false; reason: string };

/** A value as a message shows it: text as it is, anything else as JSON (never "[object Object]"). */
function shown(raw: unknown): string {
  if (raw !== null && typeof raw === 'object') return JSON.stringify(raw);
  return String(raw);
}

/** Parse a parameter value given in a pack, on the command line (--set) or in the task pane. */
export function parseParameterValue(def: ParameterDef, raw: unknown): ParamParse {
  if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) return { ok: true, value: null };
  switch (def.type) {
    case 'percentage':
    case 'points':
    case 'number': {
      if (typeof raw !== 'number' && typeof raw !== 'string') return { ok: false, reason: `"${shown(raw)}" is geen getal` };
      const p =
        def.type === 'percentage' && typeof raw === 'string' && raw.includes('%')
          ? parsePercentage(raw)
          : typeof raw === 'number'
            ? parseNumberText(shown(raw))
            : parseNumberText(raw);
      if (!p.ok) return { ok: false, reason: 'empty' in p && p.empty ? 'leeg' : (p as { reason: string }).reason };
      if (def.min !== undefined && p.value.lessThan(def.min)) return { ok: false, reason: `${raw} is kleiner dan het minimum ${def.min}` };
      if (def.max !== undefined && p.value.greaterThan(def.max)) return { ok: false, reason: `${raw} is groter dan het maximum ${def.max}` };
      return { ok: true, value: p.value };
    }
    case 'boolean': {
      const p = parseBoolean(raw as never);
      return p.ok ? { ok: true, value: p.value } : { ok: false, reason: `"${shown(raw)}" is geen ja/nee-waarde` };
    }
    case 'choice': {
      const s = shown(raw).trim();
      return def.choices?.includes(s) ? { ok: true, value: s } : { ok: false, reason: `"${s}" is geen keuze uit: ${(def.choices ?? []).join(', ')}` };
    }
    case 'rounding': {
      const s = shown(raw).trim();
      return isRoundingMode(s)
        ? { ok: true, value: s }
        : { ok: false, reason: `"${s}" is geen afrondingswijze; kies uit: ${Object.keys(ROUNDING_MODES).join(', ')}` };
    }
    case 'date': {
      const p = parseDate(raw as never);
      return p.ok ? { ok: true, value: p.value } : { ok: false, reason: `"${shown(raw)}" is geen datum` };
    }
  }
}

/** Defaults of a pack with the user's overrides applied. Unknown names and bad values are errors, never ignored. */
export function resolveParameters(pack: PolicyPack, overrides: Record<string, unknown> = {}): { values: ParameterValues; errors: PackError[] } {
  const values: ParameterValues = {};
  const errors: PackError[] = [];
  for (const [name, def] of Object.entries(pack.parameters)) {
    const parsed = parseParameterValue(def, def.default);
    values[name] = parsed.ok ? parsed.value : null;
    for (const [year, value] of Object.entries(def.perJaar ?? {})) {
      const p = parseParameterValue(def, value);
      values[`${name}${YEAR_SEPARATOR}${year}`] = p.ok ? p.value : null;
    }
  }
  for (const [key, raw] of Object.entries(overrides)) {
    // "naam@2024": the value for one inkoopjaar of a multi-year pack
    const [name, year, ...rest] = key.split(YEAR_SEPARATOR);
    if (year !== undefined) {
      const def = Object.prototype.hasOwnProperty.call(pack.parameters, name) ? pack.parameters[name] : undefined;
      if (!def || rest.length || !coveredYears(pack).includes(Number(year)) || !/^\d{4}$/.test(year)) {
        errors.push({
          pointer: `/parameters/${key}`,
          place: `parameter ${key}`,
          message: !def
            ? `onbekende parameter; dit pakket kent: ${Object.keys(pack.parameters).join(', ')}`
            : `${year} is geen inkoopjaar van dit beleid (${coveredYears(pack).join(', ')})`,
        });
        continue;
      }
      const parsed = parseParameterValue(def, raw);
      if (parsed.ok) values[key] = parsed.value;
      else errors.push({ pointer: `/parameters/${key}`, place: `parameter ${key}`, message: parsed.reason });
      continue;
    }
    // own names only: "constructor", "toString" or "__proto__" are not parameters of any pack
    const def = Object.prototype.hasOwnProperty.call(pack.parameters, name) ? pack.parameters[name] : undefined;
    if (!def) {
      errors.push({
        pointer: `/parameters/${name}`,
        place: `parameter ${name}`,
        message: `onbekende parameter; dit pakket kent: ${Object.keys(pack.parameters).join(', ')}`,
      });
      continue;
    }
    const parsed = parseParameterValue(def, raw);
    if (parsed.ok) values[name] = parsed.value;
    else errors.push({ pointer: `/parameters/${name}`, place: `parameter ${name}`, message: parsed.reason });
  }
  return { values, errors };
}
