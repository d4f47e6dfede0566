/**
 * The percentage of one row under a pack: flags and exclusions, the base, the op- and afslagen (stacked or not), the
 * floors and caps, each a step of the trail with its citation; and whether the result lies in the pack's range.
 */
import { flag } from './flags';
import { type Dec, formatPercentage, formatPoints } from './money';
import type { Rule, ValueRef } from './policy/types';
import type { RowContext } from './row-context';
import type { RowResult, Step } from './row-result';
import type { Citation } from './types';

export function checkPercentage(ctx: RowContext, percentage: Dec): void {
  if (percentage.greaterThan(100)) {
    ctx.addFlag(
      flag(
        'TARIEF_BOVEN_MAXIMUM',
        `Percentage ${formatPercentage(percentage)} ligt boven 100%: het tarief komt boven het NZa-maximumtarief, en de NZa-tarieven zijn maximumtarieven.`,
      ),
    );
  }
  if (percentage.isNegative()) ctx.addFlag(flag('PERCENTAGE_BUITEN_BEREIK', `Berekend percentage ${formatPercentage(percentage)} is negatief.`));
  const range = ctx.pack.range;
  if (!range || ctx.prestatie?.component !== 'zorg') return;
  const pseudoRule: Rule = { id: 'bereik', description: 'bereik van het beleid', effect: { cap: 100 }, source: range.source };
  const min = range.min !== undefined ? ctx.value(range.min, pseudoRule) : undefined;
  const max = range.max !== undefined ? ctx.value(range.max, pseudoRule) : undefined;
  if ((min && percentage.lessThan(min)) || (max && percentage.greaterThan(max))) {
    const bounds = `${min ? formatPercentage(min) : '…'} – ${max ? formatPercentage(max) : '…'}`;
    ctx.addFlag(
      flag('PERCENTAGE_BUITEN_BEREIK', `Percentage ${formatPercentage(percentage)} valt buiten het bereik van dit beleid (${bounds}).`, {
        citation: range.source,
      }),
    );
  }
}

interface PendingAdd {
  rule: Rule;
  points: Dec;
  min?: Dec;
  max?: Dec;
  maxResult?: Dec;
  group?: string;
  ref: ValueRef;
}

/**
 * Whose words a step is: the rule's, unless its value is a parameter with a source of its own in another
 * document (a pack that extends another and sets the value from its own policy text): then that parameter
 * and its source, so a value is never shown next to a document that does not say it.
 */
function cited(ctx: RowContext, ref: ValueRef, rule: Rule): { citation: Citation; description: string } {
  if (typeof ref === 'object' && 'param' in ref && Object.prototype.hasOwnProperty.call(ctx.pack.parameters, ref.param)) {
    const def = ctx.pack.parameters[ref.param];
    if (def.source && def.source.document !== rule.source.document) return { citation: def.source, description: def.label };
  }
  return { citation: rule.source, description: rule.description };
}

interface Base {
  value: Dec;
  rule: Rule;
  final: boolean;
  ref: ValueRef;
}

interface Limit {
  rule: Rule;
  value: Dec;
}

/** The op-/afslagen, caps and floors that apply to a row once its base is known. */
interface Adjustments {
  adds: PendingAdd[];
  caps: Limit[];
  floors: Limit[];
}

/** Base → op-/afslagen → floors and caps. Undefined when a needed value is missing (flagged). */
export function computePercentage(ctx: RowContext, result: Pick<RowResult, 'steps' | 'excluded'>): Dec | undefined {
  if (applyFlagsAndExclusions(ctx, result)) return undefined;
  const base = findBase(ctx);
  if (!base) return undefined;
  const adjustments = collectAdjustments(ctx, base);
  if (!adjustments) return undefined;
  const steps = result.steps;
  let pct = baseStep(ctx, base, steps);
  for (const add of selectStacked(ctx, adjustments.adds, steps)) pct = applyAdd(ctx, add, pct, steps);
  pct = applyFloor(adjustments.floors, pct, steps);
  return applyCap(ctx, adjustments.caps, pct, steps);
}

/** Flags and exclusions apply whatever the percentage; true when the row is excluded (it then gets no percentage). */
function applyFlagsAndExclusions(ctx: RowContext, result: Pick<RowResult, 'excluded'>): boolean {
  for (const rule of ctx.pack.rules) {
    const e = rule.effect;
    if (!('flag' in e) && !('exclude' in e)) continue;
    if (ctx.condition(rule.when, rule) !== true) continue;
    if ('flag' in e) ctx.addFlag({ ...e.flag, ruleId: rule.id, citation: rule.source });
    else {
      result.excluded = true;
      ctx.addFlag({
        code: e.exclude.code ?? 'UITGESLOTEN',
        severity: 'fout',
        message: e.exclude.message,
        ruleId: rule.id,
        citation: rule.source,
        ...(e.exclude.name && e.exclude.code ? { name: e.exclude.name } : {}),
      });
    }
  }
  return result.excluded;
}

/**
 * The first matching `set` rule gives the base; an undecidable one before it (or a missing value) leaves the base
 * unknown. No matching rule at all is flagged; an unknown base was flagged where the value was missing.
 */
function findBase(ctx: RowContext): Base | undefined {
  for (const rule of ctx.pack.rules) {
    const e = rule.effect;
    if (!('set' in e)) continue;
    const a = ctx.condition(rule.when, rule);
    if (a === 'unknown') return undefined;
    if (!a) continue;
    const v = ctx.value(e.set, rule);
    return v === undefined ? undefined : { value: v, rule, final: e.final === true, ref: e.set };
  }
  ctx.addFlag(flag('GEEN_BASISPERCENTAGE', `Geen regel van beleid ${ctx.pack.id} bepaalt een basispercentage voor deze rij.`));
  return undefined;
}

/** The op-/afslagen (none on a final base), caps and floors whose rules match; undefined when one cannot be decided. */
function collectAdjustments(ctx: RowContext, base: Base): Adjustments | undefined {
  const found: Adjustments = { adds: [], caps: [], floors: [] };
  let missing = false;
  for (const rule of ctx.pack.rules) {
    const e = rule.effect;
    if (!('add' in e) && !('cap' in e) && !('floor' in e)) continue;
    if ('add' in e && base.final) continue;
    const a = ctx.condition(rule.when, rule);
    if (a === 'unknown') {
      missing = true;
      continue;
    }
    if (!a) continue;
    if ('add' in e) {
      const points = ctx.value(e.add, rule);
      if (points === undefined) {
        missing = true;
        continue;
      }
      const opt = (r: ValueRef | undefined) => (r === undefined ? undefined : ctx.value(r, rule));
      found.adds.push({ rule, points, min: opt(e.min), max: opt(e.max), maxResult: opt(e.maxResult), group: e.group, ref: e.add });
    } else {
      const v = ctx.value('cap' in e ? e.cap : e.floor, rule);
      if (v === undefined) missing = true;
      else ('cap' in e ? found.caps : found.floors).push({ rule, value: v });
    }
  }
  return missing ? undefined : found;
}

/** The trail's first step: the base percentage and whose words it is. */
function baseStep(ctx: RowContext, base: Base, steps: Step[]): Dec {
  const baseCited = cited(ctx, base.ref, base.rule);
  steps.push({
    kind: 'basis',
    value: base.value,
    result: base.value,
    ruleId: base.rule.id,
    citation: baseCited.citation,
    text: `${formatPercentage(base.value)}: ${baseCited.description}${base.final ? ' (vast percentage, geen op- of afslagen)' : ''}`,
  });
  return base.value;
}

/** One op-/afslag: its points held within the rule's min and max, the result within its maxResult. */
function applyAdd(ctx: RowContext, add: PendingAdd, pct: Dec, steps: Step[]): Dec {
  if (add.points.isZero()) return pct;
  const points = boundedPoints(ctx, add);
  let after = pct.plus(points);
  let capNote = '';
  if (add.maxResult && points.isPositive() && after.greaterThan(add.maxResult)) {
    after = pct.greaterThan(add.maxResult) ? pct : add.maxResult;
    capNote = `, tot een maximum van ${formatPercentage(add.maxResult)}`;
    ctx.addFlag(
      flag('BEGRENSD', `${add.rule.description}: begrensd op ${formatPercentage(add.maxResult)}.`, { ruleId: add.rule.id, citation: add.rule.source }),
    );
  }
  const addCited = cited(ctx, add.ref, add.rule);
  steps.push({
    kind: points.isNegative() ? 'afslag' : 'opslag',
    value: points,
    result: after,
    ruleId: add.rule.id,
    citation: addCited.citation,
    text: `${formatPoints(points)}: ${addCited.description}${capNote} → ${formatPercentage(after)}`,
  });
  return after;
}

/** An op-/afslag's points, lowered to its maximum or raised to its minimum (flagged when either applies). */
function boundedPoints(ctx: RowContext, add: PendingAdd): Dec {
  let points = add.points;
  const where = { ruleId: add.rule.id, citation: add.rule.source };
  if (add.max && points.greaterThan(add.max)) {
    ctx.addFlag(flag('BEGRENSD', `${add.rule.description}: ${formatPoints(points)} is meer dan het maximum ${formatPoints(add.max)}; afgetopt.`, where));
    points = add.max;
  }
  if (add.min && points.lessThan(add.min)) {
    ctx.addFlag(
      flag(
        'BEGRENSD',
        `${add.rule.description}: ${formatPoints(points)} is minder dan het minimum ${formatPoints(add.min)}; opgehoogd tot het minimum.`,
        where,
      ),
    );
    points = add.min;
  }
  return points;
}

/** The highest floor that applies lifts a percentage below it. */
function applyFloor(floors: Limit[], pct: Dec, steps: Step[]): Dec {
  const floor = floors.reduce<Limit | undefined>((m, f) => (!m || f.value.greaterThan(m.value) ? f : m), undefined);
  if (!floor || !pct.lessThan(floor.value)) return pct;
  steps.push({
    kind: 'bodem',
    value: floor.value,
    result: floor.value,
    ruleId: floor.rule.id,
    citation: floor.rule.source,
    text: `Ondergrens ${formatPercentage(floor.value)}: ${floor.rule.description} → ${formatPercentage(floor.value)}`,
  });
  return floor.value;
}

/** The lowest cap that applies brings a percentage above it down (flagged). */
function applyCap(ctx: RowContext, caps: Limit[], pct: Dec, steps: Step[]): Dec {
  const cap = caps.reduce<Limit | undefined>((m, c) => (!m || c.value.lessThan(m.value) ? c : m), undefined);
  if (!cap || !pct.greaterThan(cap.value)) return pct;
  ctx.addFlag(
    flag('BEGRENSD', `Percentage ${formatPercentage(pct)} begrensd op ${formatPercentage(cap.value)}: ${cap.rule.description}.`, {
      ruleId: cap.rule.id,
      citation: cap.rule.source,
    }),
  );
  steps.push({
    kind: 'grens',
    value: cap.value,
    result: cap.value,
    ruleId: cap.rule.id,
    citation: cap.rule.source,
    text: `Maximum ${formatPercentage(cap.value)}: ${cap.rule.description} → ${formatPercentage(cap.value)}`,
  });
  return cap.value;
}

/** In a group that does not stack, only the largest op-/afslag applies; the others are named in the trail. */
function selectStacked(ctx: RowContext, adds: PendingAdd[], steps: Step[]): PendingAdd[] {
  const groups = ctx.pack.groups ?? {};
  const chosen = new Set<PendingAdd>(adds);
  const byGroup = new Map<string, PendingAdd[]>();
  for (const a of adds) if (a.group) byGroup.set(a.group, [...(byGroup.get(a.group) ?? []), a]);
  for (const [name, members] of byGroup) {
    if (members.length < 2) continue;
    const g = groups[name];
    const stack = typeof g.stack === 'boolean' ? g.stack : ctx.params[g.stack.param] === true;
    if (stack) continue;
    const best = members.reduce((m, a) => (a.points.greaterThan(m.points) ? a : m));
    for (const a of members) {
      if (a === best) continue;
      chosen.delete(a);
      steps.push({
        kind: 'niet-gestapeld',
        value: a.points,
        ruleId: a.rule.id,
        citation: a.rule.source,
        text: `${formatPoints(a.points)}: ${a.rule.description} — niet gestapeld met "${best.rule.description}" (${g.description})`,
      });
      ctx.addFlag(
        flag('NIET_GESTAPELD', `"${a.rule.description}" niet opgeteld bij "${best.rule.description}": ${g.description}.`, {
          ruleId: a.rule.id,
          citation: a.rule.source,
        }),
      );
    }
  }
  return adds.filter((a) => chosen.has(a));
}
