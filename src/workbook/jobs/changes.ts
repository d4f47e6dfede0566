/**
 * What changed between two runs, per row, and why: from what each run recorded (the metadata sheet's parameters,
 * policy and version; each row's record, row-record.ts), never from guessing. Shared by a rerun of annotate and
 * by `tariefwijzer vergelijk`.
 */
import { dec, formatEuroExact, formatPercentage, shiftedDecimal, type Dec } from '../../domain/money';
import { cellToText, isEmptyCell, parseMoney, type CellValue } from '../../domain/parse';
import type { ParameterValues, PolicyPack } from '../../domain/policy/types';
import { parameterText, PARAMETER_NOT_SET } from '../names';
import type { LastRun } from './last-run';
import { changedInputs, fieldLabel, type RowRecord } from './row-record';

export type CauseKind = 'parameter' | 'beleid' | 'maximumtarief' | 'invoer' | 'nieuw' | 'verdwenen' | 'hand' | 'onbekend';

/** One cause from the fixed list, with its Dutch description ("Richttarief: 97,3 → 96"). */
export interface Cause {
  kind: CauseKind;
  text: string;
}

/** A percentage (in percent points, "99.3") and a tariff ("297.9") as number text, as `annotate --json` gives them. */
export interface Numbers {
  percentage: string | null;
  tarief: string | null;
}

export interface RowChange {
  /** 0-based sheet row where the row is now; undefined for a row that is gone. */
  row?: number;
  agb: string;
  provider: string;
  code: string;
  year: string;
  old?: Numbers;
  new?: Numbers;
  causes: Cause[];
  /** The review the row had before this run reset it ("akkoord (J. de Vries, 2-12-2026)"). */
  verdict?: string;
  /** The row's volume, when the sheet has that column. */
  volume?: CellValue;
}

/** A row as the previous run left it: the output cells as they are now, and the record if the run wrote one. */
export interface PreviousRow {
  record?: RowRecord;
  percentage: CellValue;
  tariff: CellValue;
  /** Beoordeling, beoordeeld door, beoordeeld op. */
  review: CellValue[];
}

/** Causes that hold for every row: parameters, policy or its version changed since the recorded run. */
export function runCauses(pack: PolicyPack, params: ParameterValues, last: Pick<LastRun, 'packId' | 'version' | 'parameters'>): Cause[] {
  const causes: Cause[] = [];
  if (last.packId !== pack.id || last.version !== pack.version)
    causes.push({ kind: 'beleid', text: `Beleid of versie gewijzigd: ${last.packId} ${last.version} → ${pack.id} ${pack.version}` });
  for (const [name, def] of Object.entries(pack.parameters)) {
    const before = last.parameters[def.label] ?? last.parameters[name] ?? PARAMETER_NOT_SET;
    const now = parameterText(params[name]);
    if (before !== now) causes.push({ kind: 'parameter', text: `Parameter ${def.label} gewijzigd: ${before} → ${now}` });
  }
  return causes;
}

/** Number text of a percentage cell (a fraction) in percent points; null for an empty cell. */
export function percentText(v: CellValue): string | null {
  if (isEmptyCell(v)) return null;
  // decimal.js reads a number from its shortest text (String): the same digits
  return typeof v === 'number' ? points(String(v)) : cellToText(v);
}

export function tariffText(v: CellValue): string | null {
  if (isEmptyCell(v)) return null;
  return typeof v === 'number' ? (shiftedDecimal(String(v)) ?? dec(v).toString()) : cellToText(v);
}

/** A fraction's number text ("0.973") in percent points ("97.3"). */
function points(fraction: string): string {
  // a round has few percentages: a rerun asks for the same ones three times a row
  let known = POINTS.get(fraction);
  if (known === undefined) {
    if (POINTS.size >= 1_024) POINTS.clear();
    POINTS.set(fraction, (known = shiftedDecimal(fraction, 2) ?? dec(fraction).times(100).toString()));
  }
  return known;
}

const POINTS = new Map<string, string>();

/** The numbers recorded (as written: a fraction and a tariff) as percent points and tariff. */
export function recordedNumbers(r: RowRecord): Numbers {
  return { percentage: r.percentage ? points(r.percentage) : null, tarief: r.tariff || null };
}

/**
 * An amount as a change names it: "€ 300,00", with every decimal it has ("€ 254,675": a maximumtarief or a tariff typed
 * with a tenth of a cent more is not shown as the same amount), a text that is no amount as it is ("n.v.t."), and
 * `none` for nothing.
 */
export function moneyText(text: string | null | undefined, none = '(geen)'): string {
  if (!text) return none;
  // a number as a run records it (JavaScript's and decimal.js's "254.675"), not as a person types it ("1.234" is
  // then 1234)
  if (isNumeric(text)) return formatEuroExact(dec(text));
  const p = parseMoney(text);
  return p.ok ? formatEuroExact(p.value) : text;
}

/** A percentage (in points, "97.3") as a change names it: "97,3%", a text as it is, `none` for nothing. */
export function percentageText(points: string | null | undefined, none = '(geen)'): string {
  if (!points) return none;
  return isNumeric(points) ? formatPercentage(dec(points)) : points;
}

/** What moved: the tariffs ("€ 297,90 → € 294,00"), or the percentages ("97,3% → 96%") when neither side has a tariff. */
export function movedText(c: Pick<RowChange, 'old' | 'new'>, none = '(geen)'): string {
  if (c.old?.tarief || c.new?.tarief) return `${moneyText(c.old?.tarief, none)} → ${moneyText(c.new?.tarief, none)}`;
  return `${percentageText(c.old?.percentage, none)} → ${percentageText(c.new?.percentage, none)}`;
}

export function sameNumbers(a: Numbers, b: Numbers): boolean {
  return sameNumber(a.percentage, b.percentage) && sameNumber(a.tarief, b.tarief);
}

/** Two number texts of the same value ("97.30" and "97.3"), or the same text. */
function sameNumber(x: string | null, y: string | null): boolean {
  if (x === null || y === null || x === y) return x === y;
  // plain decimals compare by their digits (one way to write each value), others by decimal.js
  const a = shiftedDecimal(x);
  const b = shiftedDecimal(y);
  if (a !== undefined && b !== undefined) return a === b;
  return isNumeric(x) && isNumeric(y) && dec(x).equals(dec(y));
}

function isNumeric(s: string): boolean {
  return /^-?\d+(\.\d+)?(e[-+]?\d+)?$/i.test(s);
}

/** What a person wrote in the review columns, as one line; undefined when nothing or only "open". */
export function verdictText(review: readonly CellValue[]): string | undefined {
  const [verdict, by, on] = review.map((v) => (v instanceof Date ? v.toLocaleDateString('nl-NL') : cellToText(v).trim()));
  if (!verdict || verdict === 'open') return by || on ? `${verdict || 'open'} (${[by, on].filter(Boolean).join(', ')})` : undefined;
  return `${verdict}${by || on ? ` (${[by, on].filter(Boolean).join(', ')})` : ''}`;
}

/**
 * The change of one row between the previous run and now, or undefined when its numbers did not move and no
 * Tariefwijzer cell was edited by hand. `previous` undefined: the row is new. `listed` false: the change is only
 * counted (ChangeLog.count), so its causes and earlier verdict are left out (empty, undefined).
 */
export function compareRow(
  pack: PolicyPack,
  previous: PreviousRow | undefined,
  now: RowRecord,
  global: readonly Cause[],
  listed = true,
): RowChange | undefined {
  const next = recordedNumbers(now);
  // each change written out (not spread from a common part: a changed parameter makes one for every row)
  const { agb, provider, code, year } = now;
  if (!previous) return { agb, provider, code, year, new: next, causes: [{ kind: 'nieuw', text: 'Rij is nieuw' }] };
  const inCells: Numbers = { percentage: percentText(previous.percentage), tarief: tariffText(previous.tariff) };
  const rec = previous.record;
  const written = rec ? recordedNumbers(rec) : inCells;
  const hand = rec !== undefined && !sameNumbers(inCells, written);
  const moved = !sameNumbers(written, next);
  if (!moved && !hand) return undefined;
  if (!listed) return { agb, provider, code, year, new: next, old: inCells, causes: [] };
  const causes: Cause[] = [];
  if (hand) causes.push({ kind: 'hand', text: handText(inCells, written) });
  if (moved) causes.push(...movedCauses(pack, rec, now, global));
  return { agb, provider, code, year, new: next, old: inCells, causes, verdict: verdictText(previous.review) };
}

export function handText(inCells: Numbers, written: Numbers): string {
  const parts: string[] = [];
  if (inCells.tarief !== written.tarief) parts.push(`tarief ${moneyText(inCells.tarief)} ingevuld, berekend was ${moneyText(written.tarief)}`);
  if (inCells.percentage !== written.percentage)
    parts.push(`percentage ${percentageText(inCells.percentage)} ingevuld, berekend was ${percentageText(written.percentage)}`);
  return `Tariefwijzer-cel met de hand gewijzigd: ${parts.join('; ')}`;
}

function movedCauses(pack: PolicyPack, rec: RowRecord | undefined, now: RowRecord, global: readonly Cause[]): Cause[] {
  const causes = [...global];
  if (!rec) {
    causes.push({ kind: 'onbekend', text: 'Vorige berekening door een oudere versie van Tariefwijzer: de invoer per rij is toen niet vastgelegd' });
    return causes;
  }
  if (rec.maximum !== now.maximum)
    causes.push({ kind: 'maximumtarief', text: `NZa-maximumtarief gewijzigd: ${moneyText(rec.maximum)} → ${moneyText(now.maximum)}` });
  const inputs = changedInputs(rec, now);
  if (inputs.length) causes.push({ kind: 'invoer', text: `Invoerkolom gewijzigd: ${inputs.map((n) => fieldLabel(pack, n)).join(', ')}` });
  if (!causes.length) causes.push({ kind: 'onbekend', text: 'Geen vastgelegde oorzaak: de invoer, de parameters en het beleid zijn gelijk gebleven' });
  return causes;
}

/** A row of the previous run that is no longer in the sheet. */
export function goneRow(previous: PreviousRow & { record: RowRecord }): RowChange {
  const r = previous.record;
  return {
    agb: r.agb,
    provider: r.provider,
    code: r.code,
    year: r.year,
    old: { percentage: percentText(previous.percentage), tarief: tariffText(previous.tariff) },
    causes: [{ kind: 'verdwenen', text: 'Rij is verdwenen' }],
    verdict: verdictText(previous.review),
  };
}

/** New tariff minus old, when both are numbers. */
export function tariffDifference(c: Pick<RowChange, 'old' | 'new'>): Dec | undefined {
  const a = c.old?.tarief;
  const b = c.new?.tarief;
  return a && b && isNumeric(a) && isNumeric(b) ? dec(b).minus(dec(a)) : undefined;
}
