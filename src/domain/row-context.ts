/**
 * One row as the engine reads it: its cells parsed by the type of their field (once each, unreadable ones flagged),
 * the prestatie's own properties as fields, parameters, and the rules' conditions decided as true, false or unknown.
 */
import { CORE_FIELDS, type FieldDef } from './fields';
import { flag, type Flag } from './flags';
import { D, type Dec } from './money';
import { type CellValue, isEmptyCell, parseBoolean, parseDate, parseInteger, parseMoney, parseNumber, parsePercentage, parseText, type Parsed } from './parse';
import type { Condition, FieldCondition, ParameterValues, PolicyPack, Rule, ValueRef } from './policy/types';
import type { InputRow } from './row-result';
import type { Prestatie, Sector } from './types';

export type FieldValue = string | boolean | number | Dec;
export type Lookup = { state: 'value'; value: FieldValue } | { state: 'missing' } | { state: 'invalid'; reason: string };
export type Tri = boolean | 'unknown';

/** Evaluation context for one row. */
export class RowContext {
  readonly flags: Flag[];
  private readonly parsed = new Map<string, Lookup>();
  /** Told the name of every field asked for, cached or not (the engine's prepareRow watches the percentage's part). */
  onField?: (name: string) => void;
  /** Told every flag added, also one dropped as added before (prepareRow records the percentage's part). */
  onFlag?: (f: Flag) => void;

  /**
   * `known` holds fields already parsed for an equal row (taken as parsed here), `flags` the flags raised before
   * (both from a prepared row: engine.ts finishRow).
   */
  constructor(
    readonly row: InputRow,
    readonly pack: PolicyPack,
    readonly params: ParameterValues,
    readonly prestatie: Prestatie | undefined,
    readonly hoofdsector: Sector | undefined,
    private readonly known?: ReadonlyMap<string, Lookup>,
    flags: readonly Flag[] = [],
  ) {
    this.flags = flags.slice();
  }

  fieldDef(name: string): FieldDef | undefined {
    return this.pack.fields?.[name] ?? CORE_FIELDS[name];
  }

  field(name: string, reportInvalid = true): Lookup {
    this.onField?.(name);
    const prestatieValue = this.prestatieField(name);
    if (prestatieValue !== null) return prestatieValue;
    const cached = this.parsed.get(name) ?? this.known?.get(name);
    if (cached) return cached;
    const def = this.fieldDef(name);
    const raw = this.row.cells[name];
    let result: Lookup;
    if (!def || isEmptyCell(raw)) result = { state: 'missing' };
    else {
      const p = parseByType(def, raw);
      if (p.ok) {
        result = { state: 'value', value: p.value };
        // An amount that reads two ways a factor 1,000 apart is a warning; other readings are information.
        if (p.note) this.addFlag(flag(p.ambiguous && def.type === 'money' ? 'BEDRAG_TWEEDUIDIG' : 'WAARDE_GEINTERPRETEERD', `${def.label}: ${p.note}.`));
      } else if ('empty' in p && p.empty) result = { state: 'missing' };
      else {
        const reason = (p as { reason: string }).reason;
        result = { state: 'invalid', reason };
        if (reportInvalid) this.addFlag(flag('ONLEESBARE_WAARDE', `${def.label}: ${reason}; regels die deze waarde nodig hebben zijn niet toegepast.`));
      }
    }
    this.parsed.set(name, result);
    return result;
  }

  /** Whether field `name` was parsed (or known) already. */
  hasParsed(name: string): boolean {
    return this.parsed.has(name) || this.known?.has(name) === true;
  }

  /** Every field parsed so far (and the known ones), except `skip`. */
  parsedFields(skip?: string): Map<string, Lookup> {
    const out = new Map(this.known);
    for (const [name, lookup] of this.parsed) if (name !== skip) out.set(name, lookup);
    return out;
  }

  private prestatieField(name: string): Lookup | null {
    const p = this.prestatie;
    const wrap = (v: FieldValue | undefined): Lookup => (v === undefined ? { state: 'missing' } : { state: 'value', value: v });
    switch (name) {
      case 'prestatiecode':
        return wrap(p?.code);
      case 'sector':
        return wrap(p?.sector);
      case 'profielgroep':
        return wrap(p?.profielgroep);
      case 'zorgprofiel':
        return wrap(p?.zorgprofiel);
      case 'leveringsvorm':
        return wrap(p?.leveringsvorm);
      case 'component':
        return wrap(p?.component);
      case 'behandeling':
        return wrap(p?.behandeling);
      case 'sectorvreemd': {
        if (!p?.sector || !this.hoofdsector) return { state: 'value', value: false };
        return { state: 'value', value: p.sector !== this.hoofdsector };
      }
      case 'hoofdsector':
        return wrap(this.hoofdsector);
      default:
        return null;
    }
  }

  label(name: string): string {
    return this.fieldDef(name)?.label ?? name;
  }

  /** Adds a flag unless one with the same code and message was added already. */
  addFlag(f: Flag): void {
    this.onFlag?.(f);
    for (const g of this.flags) if (sameFlagKey(g, f)) return;
    this.flags.push(f);
  }

  /** A number from the pack, a parameter or the row; undefined (with a flag) when it has no value. */
  value(ref: ValueRef, rule: Rule): Dec | undefined {
    if (typeof ref === 'number') return new D(ref);
    if (typeof ref === 'string') return new D(ref.replace(',', '.'));
    if ('param' in ref) {
      const v = this.params[ref.param];
      if (v === null || v === undefined) {
        const def = this.pack.parameters[ref.param];
        this.addFlag(
          flag(
            'PARAMETER_ONTBREEKT',
            `Parameter "${def?.label ?? ref.param}" heeft geen waarde; regel "${rule.description}" kan niet worden toegepast. Stel de waarde in en reken opnieuw.`,
            { ruleId: rule.id, citation: def?.source ?? rule.source },
          ),
        );
        return undefined;
      }
      return typeof v === 'object' ? v : undefined;
    }
    const f = this.field(ref.field);
    const n = f.state === 'value' ? asDecimal(f.value) : undefined;
    if (n) return n;
    if (f.state === 'missing') {
      this.addFlag(
        flag('KENMERK_ONTBREEKT', `Kolom "${this.label(ref.field)}" is leeg of ontbreekt; regel "${rule.description}" heeft deze waarde nodig.`, {
          ruleId: rule.id,
          citation: rule.source,
        }),
      );
    }
    return undefined;
  }

  condition(c: Condition | undefined, rule: Rule): Tri {
    if (!c) return true;
    if ('all' in c) {
      let result: Tri = true;
      for (const x of c.all) {
        const v = this.condition(x, rule);
        if (v === false) return false;
        if (v === 'unknown') result = 'unknown';
      }
      return result;
    }
    if ('any' in c) {
      let result: Tri = false;
      for (const x of c.any) {
        const v = this.condition(x, rule);
        if (v === true) return true;
        if (v === 'unknown') result = 'unknown';
      }
      return result;
    }
    if ('not' in c) {
      const v = this.condition(c.not, rule);
      return v === 'unknown' ? v : !v;
    }
    if ('param' in c) {
      const v = this.params[c.param];
      if (v === null || v === undefined) {
        this.value({ param: c.param }, rule);
        return 'unknown';
      }
      return v === c.is;
    }
    return this.fieldCondition(c, rule);
  }

  private fieldCondition(c: FieldCondition, rule: Rule): Tri {
    const f = this.field(c.field);
    if (c.present !== undefined) {
      if (f.state === 'invalid') return 'unknown';
      return (f.state === 'value') === c.present;
    }
    if (f.state === 'invalid') return 'unknown';
    // A blank cell means "not given": it does not match a value, and is not smaller than one.
    if (f.state === 'missing') return false;
    const v = f.value;
    if (c.in !== undefined && !c.in.some((x) => sameValue(v, x))) return false;
    if (c.is !== undefined && !sameValue(v, c.is)) return false;
    const comparisons: Array<[ValueRef | undefined, (cmp: number) => boolean]> = [
      [c.lt, (x) => x < 0],
      [c.lte, (x) => x <= 0],
      [c.gt, (x) => x > 0],
      [c.gte, (x) => x >= 0],
    ];
    for (const [ref, ok] of comparisons) {
      if (ref === undefined) continue;
      const n = asDecimal(v);
      if (!n) return false;
      const other = this.value(ref, rule);
      if (other === undefined) return 'unknown';
      if (!ok(n.comparedTo(other))) return false;
    }
    return true;
  }
}

/**
 * Whether two flags have the same key `code|message` (the key a Set of reported flags had): without building the
 * keys, as a row has few flags. Codes have no "|", so this is code and message equal; the second test keeps the
 * key's meaning for any code.
 */
function sameFlagKey(a: Flag, b: Flag): boolean {
  if (a.code === b.code) return a.message === b.message;
  return a.code.length + a.message.length === b.code.length + b.message.length && `${a.code}|${a.message}` === `${b.code}|${b.message}`;
}

function asDecimal(v: FieldValue): Dec | undefined {
  if (typeof v === 'number') return new D(v);
  return typeof v === 'object' ? v : undefined;
}

function sameValue(v: FieldValue, x: string | number | boolean): boolean {
  const n = asDecimal(v);
  if (n) return typeof x !== 'boolean' && !Number.isNaN(Number(String(x).replace(',', '.'))) && n.equals(new D(String(x).replace(',', '.')));
  if (typeof v === 'string' && typeof x === 'string') return v.toLowerCase() === x.toLowerCase();
  return v === x;
}

function parseByType(def: FieldDef, raw: CellValue): Parsed<FieldValue> {
  switch (def.type) {
    case 'money':
      return parseMoney(raw);
    case 'percentage':
      return parsePercentage(raw);
    case 'points':
    case 'number':
      return parseNumber(raw);
    case 'integer':
      return parseInteger(raw);
    case 'boolean':
      return parseBoolean(raw);
    case 'date':
      return parseDate(raw);
    case 'text':
    case 'code':
      return parseText(raw);
  }
}
