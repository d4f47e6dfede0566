/**
 * One reading of condition values for every pack source (YAML, JSON, the policy sheet, shipped packs): a
 * value written as the policy documents write it ("3ZG Aud", "VG7", "Verblijf", "ja") becomes the value the
 * engine compares rows with ("3ZGaud", "7VG", "ZZP", true). A field may be named by its column header or an
 * alias ("Nieuwe aanbieder" → nieuweAanbieder). A value that no row can ever have, for a field with a known
 * set of values, is a problem: such a rule would silently never apply.
 */
import { CORE_FIELDS, normalizeHeader, type FieldDef } from '../fields';
import { parseBoolean, parseNumberText } from '../parse';
import { normalizeLeveringsvorm, normalizeSector, normalizeZorgprofiel } from '../prestaties';
import type { CatalogEntry, Sector } from '../types';
import { prestatiecodeValue } from './codes';
import type { Condition, ParameterDef } from './types';

/** Prestatie facts a condition can name, with the headers a policy sheet uses for them. */
export const PRESTATIE_FIELD_NAMES: Record<string, string> = {
  prestatiecode: 'prestatiecode',
  sector: 'sector',
  profielgroep: 'profielgroep',
  zorgprofiel: 'zorgprofiel',
  leveringsvorm: 'leveringsvorm',
  component: 'component',
  behandeling: 'behandeling',
  inclusiefbehandeling: 'behandeling',
  sectorvreemd: 'sectorvreemd',
  sectorvreemdeprestatie: 'sectorvreemd',
};

/** Prestatie facts that are ja/nee. */
const BOOLEAN_FACTS = new Set(['behandeling', 'sectorvreemd']);

/**
 * Normalized header → canonical field name: the prestatie facts, the core fields and the pack's own fields,
 * each by name, label and aliases. `reserved` keys (a sheet's own rule columns) are left out.
 */
export function fieldNameIndex(packFields: Record<string, FieldDef> = {}, reserved: (key: string) => boolean = () => false): Map<string, string> {
  const index = new Map<string, string>(Object.entries(PRESTATIE_FIELD_NAMES));
  const add = (name: string, def: FieldDef, override: boolean) => {
    for (const a of [name, def.label, ...def.aliases]) {
      const k = normalizeHeader(a);
      if (k && (override || !index.has(k)) && !reserved(k)) index.set(k, name);
    }
  };
  for (const [name, def] of Object.entries(CORE_FIELDS)) add(name, def, false);
  for (const [name, def] of Object.entries(packFields)) add(name, def, true);
  return index;
}

const PROFIELGROEPEN: Record<string, string> = {
  vv: 'VV',
  vg: 'VG',
  lg: 'LG',
  zgaud: 'ZGaud',
  zgauditief: 'ZGaud',
  zgvis: 'ZGvis',
  zgvisueel: 'ZGvis',
  lvg: 'LVG',
  sglvg: 'SGLVG',
  ggzb: 'GGZ-B',
  ggzc: 'GGZ-C',
  ggzw: 'GGZ-W',
};

export type Normalized = { ok: true; value: string | number | boolean } | { ok: false; message: string };

const fail = (message: string): Normalized => ({ ok: false, message });

/**
 * A condition value for `field` as the engine compares it. `def` is the field's definition (core or the
 * pack's own); prestatie facts need none. Fields without a known set of values keep what was written.
 */
export function normalizeConditionValue(
  field: string,
  raw: string | number | boolean,
  def?: FieldDef,
  sectorHint?: Sector,
  prestaties?: readonly CatalogEntry[],
): Normalized {
  const text = String(raw).trim();
  const isBoolean = BOOLEAN_FACTS.has(field) || (!(field in PRESTATIE_FIELD_NAMES) && def?.type === 'boolean');
  if (isBoolean) {
    const p = parseBoolean(raw);
    return p.ok ? { ok: true, value: p.value } : fail(`"${text}" is geen ja/nee-waarde (gebruik ja of nee)`);
  }
  switch (field) {
    case 'zorgprofiel': {
      const p = normalizeZorgprofiel(text, sectorHint);
      return p ? { ok: true, value: p.zorgprofiel } : fail(`"${text}" is geen zorgprofiel (bijv. 5VG, GGZ-3C, W5)`);
    }
    case 'leveringsvorm': {
      const v = normalizeLeveringsvorm(text);
      return v
        ? { ok: true, value: v }
        : fail(`"${text}" is geen leveringsvorm (ZZP of verblijf, VPT, MPT, DTV, dagbesteding, toeslag, NHC, NIC, behandeling, overig)`);
    }
    case 'sector':
    case 'hoofdsector': {
      const v = normalizeSector(text);
      return v ? { ok: true, value: v } : fail(`"${text}" is geen sector (VV, GZ of GGZ)`);
    }
    case 'component': {
      const k = normalizeHeader(text);
      if (k === 'zorg') return { ok: true, value: 'zorg' };
      const lv = normalizeLeveringsvorm(text);
      return lv === 'NHC' || lv === 'NIC' ? { ok: true, value: lv } : fail(`"${text}" is geen component (zorg, NHC of NIC)`);
    }
    case 'profielgroep': {
      const v = PROFIELGROEPEN[normalizeHeader(text)];
      return v ? { ok: true, value: v } : fail(`"${text}" is geen profielgroep (${[...new Set(Object.values(PROFIELGROEPEN))].join(', ')})`);
    }
    case 'prestatiecode':
      // by the rules a row's code cell is read with: a value no row can have is a problem
      return prestatiecodeValue(raw, prestaties);
  }
  if (def && ['money', 'percentage', 'points', 'integer', 'number'].includes(def.type) && typeof raw !== 'number') {
    const n = parseNumberText(text.replace(/%\s*$/, ''));
    return n.ok ? { ok: true, value: n.value.toString() } : fail(`"${text}" is geen getal; ${def.label} is een getal`);
  }
  return { ok: true, value: raw };
}

export interface NormalizeProblem {
  pointer: string;
  message: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * The pack's conditions with field names and values normalized, as a copy (the input is not changed). Called on
 * a pack that passed the schema; problems are values that can never match and unknown choices of a parameter.
 */
export function normalizeConditions(pack: Obj): { pack: Obj; problems: NormalizeProblem[] } {
  const problems: NormalizeProblem[] = [];
  const packFields = (isObj(pack.fields) ? pack.fields : {}) as Record<string, FieldDef>;
  const parameters = (isObj(pack.parameters) ? pack.parameters : {}) as Record<string, ParameterDef>;
  const index = fieldNameIndex(packFields);
  const sectorHint = typeof pack.sector === 'string' && pack.sector !== 'alle' ? (pack.sector as Sector) : undefined;
  const prestaties = Array.isArray(pack.prestaties) ? (pack.prestaties as CatalogEntry[]) : undefined;
  const known = (name: string) =>
    Object.prototype.hasOwnProperty.call(packFields, name) ||
    Object.prototype.hasOwnProperty.call(CORE_FIELDS, name) ||
    name in PRESTATIE_FIELD_NAMES ||
    name === 'hoofdsector';

  const condition = (c: Condition, pointer: string): Condition => {
    if ('all' in c) return { all: c.all.map((x, i) => condition(x, `${pointer}/all/${i}`)) };
    if ('any' in c) return { any: c.any.map((x, i) => condition(x, `${pointer}/any/${i}`)) };
    if ('not' in c) return { not: condition(c.not, `${pointer}/not`) };
    if ('param' in c) {
      const def = Object.prototype.hasOwnProperty.call(parameters, c.param) ? parameters[c.param] : undefined;
      if (def?.type === 'boolean' && typeof c.is === 'string') {
        const p = parseBoolean(c.is);
        if (p.ok) return { ...c, is: p.value };
        problems.push({
          pointer: `${pointer}/is`,
          message: `"${c.is}" is geen ja/nee-waarde; parameter "${c.param}" is ja/nee, deze voorwaarde kan nooit gelden`,
        });
      } else if (def?.type === 'choice' && typeof c.is === 'string' && def.choices) {
        const hit = def.choices.find((x) => x.toLowerCase() === String(c.is).trim().toLowerCase());
        if (hit !== undefined) return { ...c, is: hit };
        problems.push({
          pointer: `${pointer}/is`,
          message: `"${c.is}" is geen keuze van parameter "${c.param}" (${def.choices.join(', ')}); deze voorwaarde kan nooit gelden`,
        });
      }
      return c;
    }
    const field = known(c.field) ? c.field : (index.get(normalizeHeader(c.field)) ?? c.field);
    const def = Object.prototype.hasOwnProperty.call(packFields, field)
      ? packFields[field]
      : Object.prototype.hasOwnProperty.call(CORE_FIELDS, field)
        ? CORE_FIELDS[field]
        : undefined;
    const out = { ...c, field };
    const one = (v: string | number | boolean, at: string) => {
      const n = normalizeConditionValue(field, v, def, sectorHint, prestaties);
      if (n.ok) return n.value;
      problems.push({ pointer: at, message: `${n.message}; geen rij kan deze waarde hebben, dus deze voorwaarde geldt nooit` });
      return v;
    };
    if (out.in !== undefined) out.in = out.in.map((v, i) => one(v, `${pointer}/in/${i}`));
    if (out.is !== undefined) out.is = one(out.is, `${pointer}/is`);
    return out;
  };

  const rules = Array.isArray(pack.rules)
    ? (pack.rules as unknown[]).map((r: unknown, i) =>
        isObj(r) && isObj(r.when) ? { ...r, when: condition(r.when as unknown as Condition, `/rules/${i}/when`) } : r,
      )
    : pack.rules;
  return { pack: { ...pack, rules }, problems };
}
