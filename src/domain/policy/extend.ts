/**
 * `extends`: a pack written as a small change of another one. The result is a plain pack, validated as
 * a whole afterwards; this module only merges and remembers where each part was written.
 *
 * - Top-level metadata (id, version, title, inkoopjaar, description, range, ...) replaces the base's.
 * - parameters: per name; for a parameter the base has, only the keys given change (e.g. `default`).
 * - fields, groups: per name (a new definition replaces the base's).
 * - sources: the base's sources, then the new ones. prestaties: added, the same code replaces.
 * - rules: a rule with the id of a base rule replaces it in place; `removeRules` removes base rules by id;
 *   other rules are inserted before the base's fallback rule (the first unconditional `set`), so a new
 *   percentage takes precedence, or where `before`/`after` (a rule id) says.
 */
import type { PackSource } from './pack-source';
import type { PolicyPack, Rule } from './types';

/** Keys an extending pack may use besides the pack's own. */
export const EXTENSION_KEYS = ['extends', 'removeRules'] as const;

export interface Origin {
  /** Where the part at `pointer` of the resolved pack was written: a source, and the pointer inside it. */
  resolve(pointer: string): { source: PackSource; pointer: string };
}

export function plainOrigin(source: PackSource): Origin {
  return { resolve: (pointer) => ({ source, pointer }) };
}

interface MergeError {
  pointer: string;
  message: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const esc = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');

type Err = (pointer: string, message: string) => void;
/** A rule of the resolved pack and where it was written: the base's or the extension's rule at `index`. */
type Placed = { rule: unknown; from: 'base' | 'ext'; index: number };

/** The base with the extension applied, and an origin for every part. Shape errors of the extension stop here. */
export function applyExtension(base: PolicyPack, ext: Obj, origins: { ext: Origin; base: Origin }): { pack: Obj; origin: Origin; problems: MergeError[] } {
  const problems: MergeError[] = [];
  const err: Err = (pointer, message) => problems.push({ pointer, message });
  const out: Obj = { ...(base as unknown as Obj) };
  checkOwnIdentity(base, ext, err);
  for (const [key, value] of Object.entries(ext)) {
    if ((EXTENSION_KEYS as readonly string[]).includes(key) || ['parameters', 'fields', 'groups', 'sources', 'prestaties', 'rules'].includes(key)) continue;
    out[key] = value;
  }
  mergeByName(base, ext, out, 'parameters', true, err);
  mergeByName(base, ext, out, 'fields', false, err);
  mergeByName(base, ext, out, 'groups', false, err);
  mergeLists(base, ext, out, err);
  const rules = placeRules(base, ext, err);
  out.rules = rules.map((r) => r.rule);
  delete out.extends;
  return { pack: out, origin: mergedOrigin(ext, origins, rules, base.sources.length), problems };
}

/** An extending pack names itself: an id of its own (not the base's, so the workbook shows which policy was applied) and a version. */
function checkOwnIdentity(base: PolicyPack, ext: Obj, err: Err): void {
  if (typeof ext.id !== 'string' || !ext.id)
    err('', 'een pakket dat een ander uitbreidt heeft een eigen "id" nodig (bijv. het id van de basis met het nieuwe jaar)');
  else if (ext.id === base.id)
    err('/id', `het id moet anders zijn dan dat van de basis ("${base.id}"), zodat in de werkmap te zien is welk beleid is toegepast`);
  if (ext.version === undefined) err('', 'een pakket dat een ander uitbreidt heeft een eigen "version" nodig (bijv. "1.0.0")');
}

/**
 * Parameters, fields, groups: merged per name (`deep`: only the keys given change). A parameter given a new value
 * without a source of its own is cited as the extension's own document (without a place), or not at all when the
 * extension names none: the base's source does not say this value.
 */
function mergeByName(base: PolicyPack, ext: Obj, out: Obj, key: 'parameters' | 'fields' | 'groups', deep: boolean, err: Err): void {
  if (ext[key] === undefined) return;
  if (!isObj(ext[key])) return err(`/${key}`, 'verwacht een object met namen');
  const merged: Obj = { ...((base as unknown as Obj)[key] as Obj | undefined) };
  for (const [name, def] of Object.entries(ext[key])) {
    if (!isObj(def)) {
      err(`/${key}/${esc(name)}`, deep ? 'verwacht een object, bijv. { default: 96.5 } om alleen de standaardwaarde te wijzigen' : 'verwacht een object');
      continue;
    }
    merged[name] = deep && isObj(merged[name]) ? { ...merged[name], ...def } : def;
    if (key === 'parameters' && isObj(merged[name]) && 'default' in def && !('source' in def)) {
      const own = Array.isArray(ext.sources) && isObj(ext.sources[0]) && typeof ext.sources[0].document === 'string' ? ext.sources[0].document : undefined;
      if (own) merged[name].source = { document: own, regels: '(vindplaats niet opgegeven)' };
      else delete merged[name].source;
    }
  }
  out[key] = merged;
}

/** Sources: the base's, then the new ones. Prestaties: added, the same code replaces the base's. */
function mergeLists(base: PolicyPack, ext: Obj, out: Obj, err: Err): void {
  if (ext.sources !== undefined) {
    if (!Array.isArray(ext.sources)) err('/sources', 'verwacht een lijst');
    else out.sources = [...base.sources, ...(ext.sources as unknown[])];
  }
  if (ext.prestaties !== undefined) {
    if (!Array.isArray(ext.prestaties)) err('/prestaties', 'verwacht een lijst');
    else {
      const codes = new Set(ext.prestaties.map((p) => (isObj(p) ? p.code : undefined)));
      out.prestaties = [...(base.prestaties ?? []).filter((p) => !codes.has(p.code)), ...(ext.prestaties as unknown[])];
    }
  }
}

/**
 * The rules in order, each remembering where it was written: `removeRules` removes base rules by id; a rule with the
 * id of a base rule replaces it in place; others go where `before`/`after` says, else before the base's fallback rule.
 */
function placeRules(base: PolicyPack, ext: Obj, err: Err): Placed[] {
  let rules: Placed[] = base.rules.map((rule, index) => ({ rule, from: 'base', index }));
  if (ext.removeRules !== undefined) {
    if (!Array.isArray(ext.removeRules) || ext.removeRules.some((x) => typeof x !== 'string')) err('/removeRules', "verwacht een lijst met regel-id's");
    else
      ext.removeRules.forEach((id: string, i) => {
        if (!rules.some((r) => r.from === 'base' && (r.rule as Rule).id === id))
          err(`/removeRules/${i}`, `regel "${id}" bestaat niet in ${base.id}; die regels zijn: ${base.rules.map((r) => r.id).join(', ')}`);
        rules = rules.filter((r) => !(r.from === 'base' && (r.rule as Rule).id === id));
      });
  }
  if (ext.rules !== undefined) {
    if (!Array.isArray(ext.rules)) err('/rules', 'verwacht een lijst met regels');
    else ext.rules.forEach((raw, i) => placeRule(rules, raw, i, base, err));
  }
  return rules;
}

/** One rule of the extension: at its anchor (`before`/`after`), in place of the base rule with its id, or before the fallback rule (the first unconditional `set`). */
function placeRule(rules: Placed[], raw: unknown, i: number, base: PolicyPack, err: Err): void {
  if (!isObj(raw)) {
    rules.push({ rule: raw, from: 'ext', index: i });
    return;
  }
  const { before, after, ...rule } = raw;
  const placed: Placed = { rule, from: 'ext', index: i };
  const indexOf = (id: unknown) => rules.findIndex((r) => isObj(r.rule) && r.rule.id === id);
  if (before !== undefined || after !== undefined) {
    const anchor = before ?? after;
    const at = indexOf(anchor);
    if (typeof anchor !== 'string' || at < 0) {
      err(
        `/rules/${i}/${before !== undefined ? 'before' : 'after'}`,
        `regel "${String(anchor)}" bestaat niet; kies het id van een regel uit ${base.id} of van een eerdere nieuwe regel`,
      );
      return;
    }
    rules.splice(before !== undefined ? at : at + 1, 0, placed);
    return;
  }
  const same = rules.findIndex((r) => r.from === 'base' && isObj(r.rule) && r.rule.id === rule.id);
  if (same >= 0) {
    rules[same] = placed;
    return;
  }
  const fallback = rules.findIndex((r) => r.from === 'base' && isObj(r.rule) && !r.rule.when && isObj(r.rule.effect) && 'set' in r.rule.effect);
  if (fallback < 0) rules.push(placed);
  else rules.splice(fallback, 0, placed);
}

/** Where each part of the resolved pack was written: a rule by where it was placed from, a source by its index, a named part by whether the extension gives it. */
function mergedOrigin(ext: Obj, origins: { ext: Origin; base: Origin }, rules: Placed[], baseSources: number): Origin {
  return {
    resolve(pointer) {
      const parts = pointer.split('/').slice(1);
      const [top, second, third] = parts;
      const rest = (n: number) => (parts.length > n ? '/' + parts.slice(n).join('/') : '');
      const fromExt = () => origins.ext.resolve(pointer);
      if (top === undefined) return fromExt();
      if (top === 'rules' && second !== undefined && /^\d+$/.test(second)) {
        const r = rules[Number(second)];
        if (!r) return origins.ext.resolve('/rules');
        return r.from === 'ext' ? origins.ext.resolve(`/rules/${r.index}${rest(2)}`) : origins.base.resolve(`/rules/${r.index}${rest(2)}`);
      }
      if (top === 'sources' && second !== undefined && /^\d+$/.test(second)) {
        const n = Number(second);
        return n < baseSources ? origins.base.resolve(pointer) : origins.ext.resolve(`/sources/${n - baseSources}${rest(2)}`);
      }
      if (['parameters', 'fields', 'groups'].includes(top) && second !== undefined) {
        const name = second.replace(/~1/g, '/').replace(/~0/g, '~');
        const def = isObj(ext[top]) ? ext[top][name] : undefined;
        if (isObj(def) && (third === undefined || third in def || top !== 'parameters')) return fromExt();
        return origins.base.resolve(pointer);
      }
      if (top in ext) return fromExt();
      return top === 'rules' ? fromExt() : origins.base.resolve(pointer);
    },
  };
}
