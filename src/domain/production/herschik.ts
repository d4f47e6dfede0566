/**
 * Omzet, extrapolation, uitnutting and herschikking: production rows → tariffs (the same engine as annotate)
 * → omzet per row → extrapolated production per provider and sector → uitnutting, signals, korting and
 * herschikkingsafspraken. Pure and deterministic: reads nothing, writes nothing; every figure has its trail.
 */
import { ResultMemo, type InputRow, type RowResult } from '../engine';
import { flagName, formatCitation, readableRef, type Flag } from '../flags';
import { D, type Dec, formatEuro, formatNumber, isRoundingMode, ROUNDING_MODES, type RoundingMode } from '../money';
import { isEmptyCell, parseBoolean, parseInteger, parseNumber, parseMoney, parseText, type CellValue } from '../parse';
import { normalizeSector } from '../prestaties';
import type { ParameterValues, PolicyPack } from '../policy/types';
import { PRODUCTION_FLAGS, type ProductionFlagCode } from '../signal-codes';
import type { Sector } from '../types';
import { daysInYear, lastMonthOn, monthLabel, parseMonth, type YearMonth } from './months';
import { PRODUCTION_FIELDS } from './fields';
import { HERSCHIK_PARAMETERS, RULES, type HerschikRule } from './rules';

function pflag(code: ProductionFlagCode, message: string, rule?: HerschikRule): Flag {
  return { code, severity: PRODUCTION_FLAGS[code], message, ...(rule ? { citation: rule.source, ruleId: rule.id } : {}) };
}

function cite(rule: HerschikRule): string {
  return ` [${formatCitation(rule.source)}]`;
}

export interface Toezegging {
  ref: string;
  agb: string;
  zorgaanbieder?: string;
  /** Undefined when the table has no sector: then the provider's only sector or the pack's. */
  sector?: Sector;
  bedrag: Dec;
  tussentijdseAfspraak?: Dec;
  toelichting?: string;
}

export interface HerschikInput {
  rows: readonly InputRow[];
  pack: PolicyPack;
  /** The pack's parameters (as for annotate). */
  packParams: ParameterValues;
  /** The herschikking parameters (HERSCHIK_PARAMETERS, resolved). */
  params: ParameterValues;
  /** Contracteerruimte read from labelled cells; a parameter `contracteerruimte.X` goes first. */
  contracteerruimteCells?: Partial<Record<Sector, { value: Dec; where: string }>>;
  toezeggingen?: readonly Toezegging[];
  /** false when the sheet has no Goedgekeurd column: every row then counts as approved (noted). */
  hasApprovalColumn?: boolean;
}

export interface RowOutcome {
  ref: string;
  agb?: string;
  sector?: Sector;
  month?: YearMonth;
  tarief?: Dec;
  omzet?: Dec;
  /** Counted in the realised production. */
  counted: boolean;
  flags: Flag[];
  explanation: string;
  engine?: RowResult;
}

export interface ProviderResult {
  agb: string;
  naam: string;
  sector: Sector;
  nieuw: boolean;
  realised: Dec;
  projection: Dec;
  /** realised + projection (≥ 0 after clamping, flagged). */
  extrapolated: Dec;
  toezegging: Dec;
  tussentijdseAfspraak?: Dec;
  /** Korting in €, on the extrapolated production. */
  korting: Dec;
  /** The proposed herschikkingsafspraak; null for maatwerk or when the sector has no contracteerruimte. */
  afspraak: Dec | null;
  /** Monthly counted omzet, index 0 = januari. */
  months: Dec[];
  crisis: Array<{ prestatiecode: string; plaatsen?: Dec; bezetting?: Dec }>;
  flags: Flag[];
  explanation: string;
}

export interface MonthPoint {
  month: number;
  omzet: Dec;
  cumulatief: Dec;
  /** Expected year production as it looked with this month as last month (same method), plus toezeggingen. */
  prognose: Dec;
  /** prognose / contracteerruimte × 100, when known. */
  uitnutting?: Dec;
}

export interface SectorResult {
  sector: Sector;
  contracteerruimte?: Dec;
  contracteerruimteBron?: string;
  realised: Dec;
  extrapolated: Dec;
  toezeggingen: Dec;
  /** Reserved for new providers (maatwerk). */
  reservering: Dec;
  /** extrapolated + toezeggingen. */
  verwacht: Dec;
  uitnutting?: Dec;
  tekort: Dec;
  /** Share of the extrapolated production not covered, in %. */
  onzekerheid?: Dec;
  kortingPercentage?: Dec;
  afsprakenTotaal: Dec;
  months: MonthPoint[];
  flags: Flag[];
  explanation: string;
}

export interface HerschikResult {
  year: number;
  peildatum: string | null;
  lastMonth: number;
  method: string;
  providers: ProviderResult[];
  sectors: SectorResult[];
  totals: { contracteerruimte: Dec; realised: Dec; extrapolated: Dec; toezeggingen: Dec; afspraken: Dec };
  flagCounts: Record<string, number>;
  notes: string[];
  /** What the verdict needs of the rows, counted as they passed (the rows themselves need not be kept). */
  rowCounts: RowCounts;
}

/** The rows of a herschikking, counted: how many count, and why the others do not. */
export interface RowCounts {
  counted: number;
  /** Rows that do not count, by their first reason's name, in the order the reasons first occur. */
  leftOut: Map<string, number>;
  /** The same for the rows among them with an error (a flag of severity fout). */
  leftOutByError: Map<string, number>;
  /** Flag code → its name, for every code on a row, as first seen. */
  flagNames: Map<string, string>;
}

const ZERO = new D(0);
const sum = (xs: readonly Dec[]) => xs.reduce((a, b) => a.plus(b), ZERO);
const PRODUCTION_KEYS = new Set([...Object.keys(PRODUCTION_FIELDS), 'volume']);

function text(v: CellValue): string | undefined {
  if (isEmptyCell(v)) return undefined;
  const p = parseText(v);
  return p.ok ? p.value : undefined;
}

function dec(v: unknown): Dec | undefined {
  return v !== null && typeof v === 'object' ? (v as Dec) : undefined;
}

function pct(part: Dec, whole: Dec): Dec | undefined {
  return whole.isZero() ? undefined : part.dividedBy(whole).times(100);
}

export function formatPct(v: Dec | undefined, decimals = 2): string {
  return v === undefined ? '—' : `${formatNumber(v, 0, decimals)}%`;
}

/**
 * The row's tariff, from its tariff-relevant cells only (production fields such as month and volume do not change
 * a tariff); equal rows are evaluated once (ResultMemo, as annotate does).
 */
function tariffFor(memo: ResultMemo, row: InputRow, pack: PolicyPack, params: ParameterValues): RowResult {
  const cells: Record<string, CellValue> = {};
  for (const k in row.cells) if (!PRODUCTION_KEYS.has(k)) cells[k] = row.cells[k];
  return memo.evaluate({ ref: row.ref, cells }, pack, params);
}

/** What the herschikking must know of all rows before it can judge one: the year and the last month. */
export interface Period {
  year: number;
  /** The last month on the peildatum in the year, 0–12 (0: none yet, 12: the year is over). */
  lastMonth: number;
  peildatum: string | null;
  /** PEILDATUM_AFGELEID when no peildatum is set (every sector gets it). */
  peilFlags: Flag[];
}

/**
 * The first look at the rows: how often each year occurs in their months, and per year the last month with a
 * volume. A few numbers, however many rows: the period follows from them and the parameters (`period`).
 */
export class PeriodScan {
  private readonly years = new Map<number, number>();
  /** Year (undefined: a month written without its year) → the last month with a volume. */
  private readonly lastWithVolume = new Map<number | undefined, number>();

  add(cells: Readonly<Record<string, CellValue>>): void {
    const p = parseMonth(cells.maand);
    if (!p.ok) return;
    const { year, month } = p.value;
    if (year) this.years.set(year, (this.years.get(year) ?? 0) + 1);
    if (!isEmptyCell(cells.volume)) this.lastWithVolume.set(year, Math.max(this.lastWithVolume.get(year) ?? 0, month));
  }

  /** The year from the peildatum, else the most frequent year in the data (latest on a tie), else the pack's. */
  private yearOf(peildatum: string | null, inkoopjaar: number): number {
    if (peildatum) return Number(peildatum.slice(0, 4));
    if (!this.years.size) return inkoopjaar;
    return [...this.years.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0][0];
  }

  /** The last month: from the peildatum, or the last month with data in the year (and said so). */
  period(pack: PolicyPack, params: ParameterValues): Period {
    const peildatum = typeof params.peildatum === 'string' ? params.peildatum : null;
    const year = this.yearOf(peildatum, pack.inkoopjaar);
    if (peildatum) {
      const last = lastMonthOn(peildatum);
      return { year, lastMonth: last.year < year ? 0 : last.year > year ? 12 : last.month, peildatum, peilFlags: [] };
    }
    const lastMonth = Math.max(this.lastWithVolume.get(year) ?? 0, this.lastWithVolume.get(undefined) ?? 0);
    const flag = pflag(
      'PEILDATUM_AFGELEID',
      `Geen peildatum ingesteld: de laatste maand in de gegevens (${lastMonth ? monthLabel(lastMonth, year) : 'geen'}) is als laatste gedeclareerde maand gebruikt. Stel "peildatum" in voor een vaste meting.`,
      RULES.extrapolatie,
    );
    return { year, lastMonth, peildatum, peilFlags: [flag] };
  }
}

interface Line {
  agb: string;
  naam: string;
  sector: Sector;
  prestatiecode: string;
  crisis: boolean;
  plaatsen?: Dec;
  nieuw: boolean;
  omzet: MonthSums;
  volume: MonthSums;
}

/** A line's omzet and volume per month (index 0 = January), as Decimals for as long as a calculation needs them. */
interface Monthly {
  omzet: Dec[];
  volume: Dec[];
}

/**
 * Twelve monthly sums of a line, each kept as the text decimal.js writes (every digit it holds, so read back exactly):
 * a line lives for the whole run, and two arrays of 12 Decimals (each with its array of digits) and a Set of months
 * were ≈ 3.5 KB a line, ≈ 300 MB for the 87,000 lines of a full sheet of production; as text ≈ 0.7 KB. A month no
 * row was added to has no sum.
 */
class MonthSums {
  private readonly sums = Array<string | undefined>(12).fill(undefined);

  add(month: number, value: Dec): void {
    const s = this.sums[month - 1];
    // added to 0 as before: a sum is what the Decimals gave, digit for digit
    this.sums[month - 1] = (s === undefined ? ZERO : new D(s)).plus(value).toString();
  }

  /** Whether a row was added to month `month` (1–12). */
  has(month: number): boolean {
    return this.sums[month - 1] !== undefined;
  }

  /** The twelve sums (0 where none). */
  values(): Dec[] {
    return this.sums.map((s) => (s === undefined ? ZERO : new D(s)));
  }
}

function monthlyOf(line: Line): Monthly {
  return { omzet: line.omzet.values(), volume: line.volume.values() };
}

function roundingOf(params: ParameterValues): RoundingMode {
  return isRoundingMode(params.afronding) ? params.afronding : 'rekenkundig';
}

/** Projection from month `last` (1–12) to the year end, in € and volume, with the chosen method. */
function project(line: Monthly, last: number, method: string, n: number, mode: RoundingMode): { omzet: Dec; volume: Dec; text: string } {
  const remaining = 12 - last;
  if (last < 1 || remaining <= 0) return { omzet: ZERO, volume: ZERO, text: remaining <= 0 ? 'geen resterende maanden' : 'geen maanden' };
  if (method === 'gemiddelde-laatste-maanden') {
    const k = Math.min(n, last);
    const from = last - k;
    const o = sum(line.omzet.slice(from, last)).dividedBy(k);
    const v = sum(line.volume.slice(from, last)).dividedBy(k);
    return {
      omzet: o.times(remaining).toDecimalPlaces(2, ROUNDING_MODES[mode]),
      volume: v.times(remaining),
      text: `gemiddelde van ${k} maanden (${monthLabel(from + 1)}–${monthLabel(last)}) ${formatEuro(o)} × ${remaining} maanden`,
    };
  }
  const o = line.omzet[last - 1];
  return { omzet: o.times(remaining), volume: line.volume[last - 1].times(remaining), text: `${monthLabel(last)} ${formatEuro(o)} × ${remaining} maanden` };
}

/** What a herschikking is run with, besides its rows. */
export type HerschikSetup = Omit<HerschikInput, 'rows'>;

/** The run's settings as every step reads them. */
interface RunContext extends Period {
  pack: PolicyPack;
  packParams: ParameterValues;
  params: ParameterValues;
  hasApprovalColumn?: boolean;
  method: string;
  nMonths: number;
  mode: RoundingMode;
}

/** A row's judgement so far: its flags and the reasons it does not count. */
interface RowCheck {
  flags: Flag[];
  reasons: string[];
}

/** The row's month: unreadable, of another year or after the peildatum means it does not count. */
function rowMonth(row: InputRow, run: RunContext, check: RowCheck): YearMonth | undefined {
  const { flags, reasons } = check;
  const mp = parseMonth(row.cells.maand);
  if (!mp.ok) {
    const why = 'empty' in mp ? 'geen maand ingevuld' : mp.reason;
    flags.push(pflag('MAAND_ONLEESBAAR', `Maand: ${why}; de regel telt niet mee.`));
    reasons.push('maand onbekend');
    return undefined;
  }
  const { year, lastMonth } = run;
  const jaarCell = parseInteger(row.cells.inkoopjaar);
  const y = mp.value.year ?? (jaarCell.ok ? jaarCell.value : year);
  const month = { year: y, month: mp.value.month };
  if (y !== year) {
    flags.push(pflag('ANDER_JAAR', `Maand ${monthLabel(month.month, y)} valt niet in het herschikkingsjaar ${year}; de regel telt niet mee.`));
    reasons.push('ander jaar');
  } else if (month.month > lastMonth) {
    flags.push(
      pflag(
        'NA_PEILDATUM',
        `${monthLabel(month.month, y)} ligt na de laatste maand op de peildatum (${lastMonth ? monthLabel(lastMonth, year) : 'geen'}); de regel telt niet mee.`,
        RULES.extrapolatie,
      ),
    );
    reasons.push('na de peildatum');
  }
  return month;
}

/** The row's volume: missing means it does not count; negative counts as a reduction (a credit), flagged. */
function rowVolume(row: InputRow, check: RowCheck): Dec | undefined {
  const vp = parseNumber(row.cells.volume);
  if (!vp.ok) {
    check.flags.push(pflag('VOLUME_ONTBREEKT', `Volume: ${'empty' in vp ? 'leeg' : vp.reason}; de regel telt niet mee.`));
    check.reasons.push('geen volume');
    return undefined;
  }
  const volume = vp.value;
  if (volume.isNegative())
    check.flags.push(
      pflag('NEGATIEF_VOLUME', `Negatief volume ${formatNumber(volume)} (een creditering of correctie?): telt mee als vermindering; controleer de declaratie.`),
    );
  return volume;
}

/** Only approved declarations count (when the sheet has a Goedgekeurd column); unknown approval does not count yet. */
function rowApproval(row: InputRow, run: RunContext, check: RowCheck): void {
  if (run.hasApprovalColumn === false) return;
  const g = parseBoolean(row.cells.goedgekeurd);
  if (g.ok && !g.value) {
    check.flags.push(pflag('NIET_GOEDGEKEURD', 'Declaratie niet goedgekeurd: telt niet mee in de productie voor de herschikking.', RULES.goedgekeurd));
    check.reasons.push('niet goedgekeurd');
  } else if (!g.ok) {
    check.flags.push(
      pflag('GOEDKEURING_ONBEKEND', `Goedgekeurd: ${'empty' in g ? 'leeg' : g.reason}; telt niet mee tot de goedkeuring bekend is.`, RULES.goedgekeurd),
    );
    check.reasons.push('goedkeuring onbekend');
  }
}

/** A row counts only with a provider (AGB-code), a sector and a tariff. */
function rowParty(agb: string | undefined, sector: Sector | undefined, engine: RowResult, check: RowCheck): void {
  const { flags, reasons } = check;
  if (!agb) {
    flags.push(pflag('AGB_ONTBREEKT', 'Geen AGB-code: de regel is aan geen zorgaanbieder toe te rekenen en telt niet mee.'));
    reasons.push('geen AGB-code');
  }
  if (!sector) {
    flags.push(
      pflag('SECTOR_ONBEKEND', 'De sector van de prestatie is niet te bepalen (geen prestatie, hoofdsector of sector van het beleid); telt niet mee.'),
    );
    reasons.push('sector onbekend');
  }
  if (!engine.tarief) {
    flags.push(pflag('GEEN_TARIEF', 'Geen tarief berekend (zie de signalen van de tariefberekening): geen omzet, de regel telt niet mee.'));
    reasons.push('geen tarief');
  }
}

/** Omzet = volume × tarief, rounded; a declared amount that differs is flagged, the computed one is used. */
function rowOmzet(row: InputRow, volume: Dec | undefined, tarief: Dec | undefined, run: RunContext, check: RowCheck): Dec | undefined {
  if (!volume || !tarief) return undefined;
  const omzet = volume.times(tarief).toDecimalPlaces(2, ROUNDING_MODES[run.mode]);
  const declared = parseMoney(row.cells.gedeclareerdBedrag);
  if (declared.ok && !declared.value.equals(omzet)) {
    const diff = declared.value.minus(omzet);
    check.flags.push(
      pflag(
        'BEDRAG_WIJKT_AF',
        `Gedeclareerd bedrag ${formatEuro(declared.value)} wijkt ${diff.isPositive() ? '+' : ''}${formatEuro(diff)} af van volume × berekend tarief ${formatEuro(omzet)}; Tariefwijzer rekent met het berekende bedrag.`,
      ),
    );
  }
  return omzet;
}

/**
 * The engine's explanation (shared by every row with the same tariff) and this row's own part, joined into one
 * flat string: a template literal is kept by V8 as a tree of its parts (32 bytes a node) until it is first read,
 * ≈ 17 nodes a row for as long as a row is held.
 */
function rowExplanation(out: RowOutcome, volume: Dec | undefined, month: YearMonth | undefined, reasons: string[]): string {
  const engine = out.engine!;
  const own = (
    out.omzet
      ? [
          'Omzet = ',
          formatNumber(volume!),
          ' × ',
          formatEuro(engine.tarief!),
          ' = ',
          formatEuro(out.omzet),
          cite(RULES.volumePersoonsvolgend),
          '; ',
          out.counted ? `telt mee (${monthLabel(month!.month, month!.year)})` : `telt niet mee: ${reasons.join(', ')}`,
          '.',
        ]
      : ['Geen omzet: ', reasons.join(', '), '.']
  ).join('');
  return engine.explanation ? engine.explanation + ' ' + own : own;
}

/** One row: its tariff from the engine, omzet = volume × tarief, and whether it counts (and why not). */
function rowOutcome(row: InputRow, engine: RowResult, run: RunContext): { out: RowOutcome; month?: YearMonth; volume?: Dec } {
  const flags: Flag[] = [];
  flags.push(...engine.flags);
  const out: RowOutcome = { ref: row.ref, counted: false, flags, explanation: '', engine, tarief: engine.tarief };
  const agb = text(row.cells.agb);
  out.agb = agb;
  const hoofd = text(row.cells.hoofdsector);
  const sector = engine.prestatie?.sector ?? (hoofd ? normalizeSector(hoofd) : undefined) ?? (run.pack.sector === 'alle' ? undefined : run.pack.sector);
  out.sector = sector;
  const check: RowCheck = { flags, reasons: [] };
  const month = rowMonth(row, run, check);
  if (month) out.month = month;
  const volume = rowVolume(row, check);
  rowApproval(row, run, check);
  rowParty(agb, sector, engine, check);
  const omzet = rowOmzet(row, volume, engine.tarief, run, check);
  if (omzet) out.omzet = omzet;
  out.counted = check.reasons.length === 0;
  out.explanation = rowExplanation(out, volume, month, check.reasons);
  return { out, month, volume };
}

/** A counted row's omzet and volume go to its provider-sector-prestatie line, by month; crisis and new-provider marks too. */
function addToLine(lines: Map<string, Line>, row: InputRow, out: RowOutcome, month: YearMonth, volume: Dec): void {
  const { agb, sector, engine } = out as Required<Pick<RowOutcome, 'agb' | 'sector' | 'engine'>>;
  const code = engine.prestatie?.code ?? '';
  const key = `${agb}\u0000${sector}\u0000${code}`;
  let line = lines.get(key);
  if (!line) {
    line = {
      agb,
      naam: text(row.cells.zorgaanbieder) ?? '',
      sector,
      prestatiecode: code,
      crisis: false,
      nieuw: false,
      omzet: new MonthSums(),
      volume: new MonthSums(),
    };
    lines.set(key, line);
  }
  if (!line.naam) line.naam = text(row.cells.zorgaanbieder) ?? '';
  line.omzet.add(month.month, out.omzet!);
  line.volume.add(month.month, volume);
  if (/crisis/i.test(engine.prestatie?.description ?? '')) line.crisis = true;
  const places = parseNumber(row.cells.crisisplaatsen);
  if (places.ok && places.value.greaterThan(0)) {
    line.crisis = true;
    if (!line.plaatsen || places.value.greaterThan(line.plaatsen)) line.plaatsen = places.value;
  }
  const nieuw = parseBoolean(row.cells.nieuweAanbieder);
  if (nieuw.ok && nieuw.value) line.nieuw = true;
}

/** Each code once per thing that has it (a row, a provider, a sector). */
function countFlags(counts: Record<string, number>, flags: readonly Flag[]): void {
  for (const code of new Set(flags.map((f) => f.code))) counts[code] = (counts[code] ?? 0) + 1;
}

/** The herschikking's own reasons for leaving a row out, in the order it checks them. */
const LEAVES_OUT: readonly ProductionFlagCode[] = [
  'MAAND_ONLEESBAAR',
  'ANDER_JAAR',
  'NA_PEILDATUM',
  'VOLUME_ONTBREEKT',
  'NIET_GOEDGEKEURD',
  'GOEDKEURING_ONBEKEND',
  'AGB_ONTBREEKT',
  'SECTOR_ONBEKEND',
];

/** Why a row does not count: the herschikking's first reason, else the engine's worst error behind "Geen tarief". */
function notCountedReason(row: RowOutcome): string {
  const own = LEAVES_OUT.map((code) => row.flags.find((f) => f.code === code)).find((f) => f !== undefined);
  if (own) return flagName(own);
  const engine = row.engine?.flags.find((f) => f.severity === 'fout');
  return flagName(engine ?? { code: 'GEEN_TARIEF' });
}

/** A row counted into the RowCounts. */
function countRow(counts: RowCounts, row: RowOutcome): void {
  for (const f of row.flags) if (!counts.flagNames.has(f.code)) counts.flagNames.set(f.code, flagName(f));
  if (row.counted) {
    counts.counted++;
    return;
  }
  const reason = notCountedReason(row);
  counts.leftOut.set(reason, (counts.leftOut.get(reason) ?? 0) + 1);
  if (row.flags.some((f) => f.severity === 'fout')) counts.leftOutByError.set(reason, (counts.leftOutByError.get(reason) ?? 0) + 1);
}

/** Results kept for reuse (ResultMemo) before a new memo starts: rows with distinct tariffs do not pile up. */
const MEMO_LIMIT = 4_096;

/**
 * The herschikking row by row: `add` judges a row as it comes (nobody has to keep it) and adds its omzet to the
 * sums per provider, sector and prestatie; `finish` makes the providers, sectors and afspraken from those sums.
 */
export class Herschikking {
  readonly rowCounts: RowCounts = { counted: 0, leftOut: new Map(), leftOutByError: new Map(), flagNames: new Map() };
  private readonly flagCounts: Record<string, number> = {};
  private readonly lines = new Map<string, Line>();
  private memo = new ResultMemo();
  private readonly run: RunContext;

  constructor(setup: HerschikSetup, period: Period) {
    const { pack, packParams, params, hasApprovalColumn } = setup;
    const method = String(params.extrapolatie ?? 'laatste-maand');
    const nMonths = dec(params.extrapolatie_maanden)?.toNumber() ?? 3;
    this.run = { ...period, pack, packParams, params, hasApprovalColumn, method, nMonths, mode: roundingOf(packParams) };
  }

  /** One row's outcome; a counted row's omzet goes to its line. */
  add(row: InputRow): RowOutcome {
    if (this.memo.size > MEMO_LIMIT) this.memo = new ResultMemo();
    const engine = tariffFor(this.memo, row, this.run.pack, this.run.packParams);
    const { out, month, volume } = rowOutcome(row, engine, this.run);
    if (out.counted && out.omzet && out.agb && out.sector && month) addToLine(this.lines, row, out, month, volume!);
    countFlags(this.flagCounts, out.flags);
    countRow(this.rowCounts, out);
    return out;
  }

  /** Providers, toezeggingen, sectors and afspraken from the rows added so far. */
  finish(extra: Pick<HerschikInput, 'contracteerruimteCells' | 'toezeggingen'>): HerschikResult {
    const run = this.run;
    const notes: string[] = [];
    if (run.hasApprovalColumn === false) notes.push('Geen kolom "Goedgekeurd": alle regels zijn als goedgekeurd meegeteld.');
    const providers = providerResults(this.lines, run);
    addToezeggingen(providers, extra.toezeggingen ?? [], run.pack, notes);
    const sectors = sectorResults(providers, [...this.lines.values()], run, extra.contracteerruimteCells);
    const ordered = [...providers.values()].sort((a, b) => a.sector.localeCompare(b.sector) || a.agb.localeCompare(b.agb));
    for (const p of ordered) lowerThanInterim(p);
    const flagCounts = { ...this.flagCounts };
    for (const x of [...ordered, ...sectors]) countFlags(flagCounts, x.flags);
    if (run.peilFlags.length) {
      for (const s of sectors) s.flags.unshift(...run.peilFlags);
      flagCounts.PEILDATUM_AFGELEID = sectors.length;
    }
    return {
      year: run.year,
      peildatum: run.peildatum,
      lastMonth: run.lastMonth,
      method: run.method,
      providers: ordered,
      sectors,
      totals: {
        contracteerruimte: sum(sectors.map((s) => s.contracteerruimte ?? ZERO)),
        realised: sum(sectors.map((s) => s.realised)),
        extrapolated: sum(sectors.map((s) => s.extrapolated)),
        toezeggingen: sum(sectors.map((s) => s.toezeggingen)),
        afspraken: sum(sectors.map((s) => s.afsprakenTotaal)),
      },
      flagCounts,
      notes,
      rowCounts: this.rowCounts,
    };
  }
}

/** A herschikking with every row's outcome (rows held in memory; a workbook job streams them instead). */
export type HerschikWithRows = HerschikResult & { rows: RowOutcome[] };

/** The herschikking of rows in memory: the period from all rows, then each row's outcome, then the result. */
export function herschik(input: HerschikInput): HerschikWithRows {
  const scan = new PeriodScan();
  for (const row of input.rows) scan.add(row.cells);
  const run = new Herschikking(input, scan.period(input.pack, input.params));
  const rows = input.rows.map((row) => run.add(row));
  return { ...run.finish(input), rows };
}

/** Providers per sector from their lines: realised, projection, gaps, trend, crisis (sorted by key). */
function providerResults(lines: Map<string, Line>, run: RunContext): Map<string, ProviderResult> {
  const providers = new Map<string, ProviderResult>();
  const providerLines = new Map<string, Line[]>();
  for (const line of lines.values()) {
    const key = `${line.agb}\u0000${line.sector}`;
    providerLines.set(key, [...(providerLines.get(key) ?? []), line]);
  }
  for (const [key, ls] of [...providerLines.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const [agb, sector] = key.split('\u0000') as [string, Sector];
    providers.set(key, providerResult(agb, sector, ls, run));
  }
  return providers;
}

/** One provider in one sector: realised up to the last month, extrapolated to the year end, and its signals. */
function providerResult(agb: string, sector: Sector, ls: Line[], run: RunContext): ProviderResult {
  const { lastMonth, year, method, nMonths, mode } = run;
  const flags: Flag[] = [];
  const monthly = ls.map(monthlyOf);
  const months = Array.from({ length: 12 }, (_, m) => sum(monthly.map((l) => l.omzet[m])));
  const realised = sum(months.slice(0, lastMonth));
  const projections = monthly.map((l) => project(l, lastMonth, method, nMonths, mode));
  const projection = sum(projections.map((p) => p.omzet));
  let extrapolated = realised.plus(projection);
  const trail: string[] = [
    `Gerealiseerd (goedgekeurd) t/m ${lastMonth ? monthLabel(lastMonth, year) : '—'}: ${formatEuro(realised)}${cite(RULES.goedgekeurd)}`,
  ];
  const combined = project({ omzet: months, volume: months }, lastMonth, method, nMonths, mode);
  trail.push(
    `extrapolatie ${method === 'laatste-maand' ? 'laatste maand' : 'gemiddelde'}: ${combined.text} = ${formatEuro(projection)}${ls.length > 1 ? ` (som van ${ls.length} prestaties)` : ''}${cite(RULES.extrapolatie)}`,
  );
  trail.push(`geëxtrapoleerde productie ${year}: ${formatEuro(extrapolated)}`);
  monthGaps(ls, run, flags);
  trend(months, run, flags);
  const crisis = crisisOccupancy(ls, monthly, projections, run, flags, trail);
  if (extrapolated.isNegative()) {
    flags.push(
      pflag(
        'NEGATIEVE_PRODUCTIE',
        `Geëxtrapoleerde productie is negatief (${formatEuro(extrapolated)}, door crediteringen); voor de afspraak is € 0 gebruikt.`,
      ),
    );
    extrapolated = ZERO;
  }
  const nieuw = ls.some((l) => l.nieuw);
  if (nieuw)
    flags.push(
      pflag('NIEUWE_AANBIEDER_MAATWERK', 'Nieuwe zorgaanbieder: de definitieve productieafspraak is maatwerk; Tariefwijzer berekent hem niet.', RULES.maatwerk),
    );
  return {
    agb,
    naam: ls.find((l) => l.naam)?.naam ?? '',
    sector,
    nieuw,
    realised,
    projection,
    extrapolated,
    toezegging: ZERO,
    korting: ZERO,
    afspraak: null,
    months,
    crisis,
    flags,
    explanation: trail.join('; '),
  };
}

/** Months without approved declarations between the provider's first month and the last month; the last one matters most. */
function monthGaps(ls: Line[], run: RunContext, flags: Flag[]): void {
  const { lastMonth, year } = run;
  const active = (m: number) => ls.some((l) => l.omzet.has(m));
  let first = 1;
  while (first <= 12 && !active(first)) first++;
  const gaps = [];
  for (let m = first; m <= lastMonth; m++) if (!active(m)) gaps.push(m);
  if (gaps.includes(lastMonth))
    flags.push(
      pflag(
        'LAATSTE_MAAND_ONTBREEKT',
        `Geen goedgekeurde declaraties in ${monthLabel(lastMonth, year)}, de laatste maand op de peildatum: de extrapolatie rekent met € 0 voor de resterende maanden. Controleer of de declaraties nog komen.`,
        RULES.extrapolatie,
      ),
    );
  const inner = gaps.filter((m) => m !== lastMonth);
  if (inner.length)
    flags.push(
      pflag(
        'MAAND_ONTBREEKT',
        `Geen goedgekeurde declaraties in ${inner.map((m) => monthLabel(m)).join(', ')} (tussen de eerste en de laatste maand); niet aangevuld.`,
      ),
    );
}

/** A trend: the last three months' average against the three before, beyond the parameter's threshold. */
function trend(months: Dec[], run: RunContext, flags: Flag[]): void {
  const { lastMonth } = run;
  const trendLimit = dec(run.params.trend_drempel);
  if (!trendLimit || lastMonth < 6) return;
  const recent = sum(months.slice(lastMonth - 3, lastMonth)).dividedBy(3);
  const before = sum(months.slice(lastMonth - 6, lastMonth - 3)).dividedBy(3);
  if (!before.greaterThan(0)) return;
  const change = recent.minus(before).dividedBy(before).times(100);
  if (change.abs().greaterThan(trendLimit)) {
    flags.push(
      pflag(
        'TREND',
        `Trend: de gemiddelde maandomzet van ${monthLabel(lastMonth - 2)}–${monthLabel(lastMonth)} (${formatEuro(recent)}) is ${change.isPositive() ? '+' : ''}${formatPct(change, 1)} t.o.v. de drie maanden ervoor (${formatEuro(before)}); overweeg een andere extrapolatie.`,
        RULES.trend,
      ),
    );
  }
}

/** Crisis prestaties: the expected occupancy of their places over the year, low occupancy flagged. */
function crisisOccupancy(
  ls: Line[],
  monthly: Monthly[],
  projections: Array<{ volume: Dec }>,
  run: RunContext,
  flags: Flag[],
  trail: string[],
): ProviderResult['crisis'] {
  const { lastMonth, year } = run;
  const threshold = dec(run.params.crisis_bezetting) ?? new D(70);
  const crisis: ProviderResult['crisis'] = [];
  ls.forEach((l, i) => {
    if (!l.crisis) return;
    if (!l.plaatsen) {
      crisis.push({ prestatiecode: l.prestatiecode });
      flags.push(
        pflag('CRISISPLAATSEN_ONBEKEND', `Crisisprestatie ${l.prestatiecode}: geen aantal crisisplaatsen, dus geen verwachte bezetting.`, RULES.crisis),
      );
      return;
    }
    const days = sum(monthly[i].volume.slice(0, lastMonth)).plus(projections[i].volume);
    const bezetting = days.dividedBy(l.plaatsen.times(daysInYear(year))).times(100);
    crisis.push({ prestatiecode: l.prestatiecode, plaatsen: l.plaatsen, bezetting });
    trail.push(
      `crisis ${l.prestatiecode}: verwachte bezetting ${formatNumber(days, 0, 1)} dagen / (${formatNumber(l.plaatsen)} plaatsen × ${daysInYear(year)} dagen) = ${formatPct(bezetting, 1)}`,
    );
    if (bezetting.lessThan(threshold)) {
      flags.push(
        pflag(
          'CRISIS_BEZETTING_LAAG',
          `Crisisplaatsen ${l.prestatiecode}: verwachte bezetting ${formatPct(bezetting, 1)} is minder dan ${formatPct(threshold, 1)}: in principe een lagere afspraak (hoeveel lager bepaalt de inkoper).`,
          RULES.crisis,
        ),
      );
    }
  });
  return crisis;
}

/** Toezeggingen (kept whole) and earlier tussentijdse afspraken, on their provider (one is made when it has no production). */
function addToezeggingen(providers: Map<string, ProviderResult>, toezeggingen: readonly Toezegging[], pack: PolicyPack, notes: string[]): void {
  for (const t of toezeggingen) {
    let sector = t.sector ?? (pack.sector === 'alle' ? undefined : pack.sector);
    if (!sector) {
      const own = [...providers.values()].filter((p) => p.agb === t.agb).map((p) => p.sector);
      if (own.length === 1) sector = own[0];
    }
    if (!sector) {
      notes.push(`Toezegging ${t.ref} (AGB ${t.agb}): geen sector en niet af te leiden; niet meegenomen.`);
      continue;
    }
    const key = `${t.agb}\u0000${sector}`;
    let p = providers.get(key);
    if (!p) {
      p = {
        agb: t.agb,
        naam: t.zorgaanbieder ?? '',
        sector,
        nieuw: false,
        realised: ZERO,
        projection: ZERO,
        extrapolated: ZERO,
        toezegging: ZERO,
        korting: ZERO,
        afspraak: null,
        months: Array<Dec>(12).fill(ZERO),
        crisis: [],
        flags: [],
        explanation: 'Geen goedgekeurde productie',
      };
      providers.set(key, p);
    }
    if (!p.naam && t.zorgaanbieder) p.naam = t.zorgaanbieder;
    p.toezegging = p.toezegging.plus(t.bedrag);
    p.explanation += `; toezegging ${formatEuro(t.bedrag)}${t.toelichting ? ` (${t.toelichting})` : ''} uit ${readableRef(t.ref)}, blijft heel${cite(RULES.toezeggingen)}`;
    if (t.tussentijdseAfspraak) p.tussentijdseAfspraak = (p.tussentijdseAfspraak ?? ZERO).plus(t.tussentijdseAfspraak);
  }
}

/** Sectors: contracteerruimte, uitnutting, signals, korting and the afspraken, in sector order. */
function sectorResults(
  providers: Map<string, ProviderResult>,
  lines: Line[],
  run: RunContext,
  contracteerruimteCells: HerschikInput['contracteerruimteCells'],
): SectorResult[] {
  const sectorNames = [...new Set([...providers.values()].map((p) => p.sector))].sort();
  return sectorNames.map((sector) =>
    sectorResult(
      sector,
      [...providers.values()].filter((p) => p.sector === sector),
      {
        input: { params: run.params, contracteerruimteCells },
        lastMonth: run.lastMonth,
        year: run.year,
        peildatum: run.peildatum,
        method: run.method,
        nMonths: run.nMonths,
        mode: run.mode,
        lines: lines.filter((l) => l.sector === sector),
      },
    ),
  );
}

/** A proposed afspraak below an earlier tussentijdse afspraak is allowed, and said so. */
function lowerThanInterim(p: ProviderResult): void {
  if (p.afspraak && p.tussentijdseAfspraak && p.afspraak.lessThan(p.tussentijdseAfspraak)) {
    p.flags.push(
      pflag(
        'LAGER_DAN_TUSSENTIJDS',
        `De voorgestelde afspraak ${formatEuro(p.afspraak)} is lager dan de tussentijdse afspraak ${formatEuro(p.tussentijdseAfspraak)}; dat kan volgens het beleid.`,
        RULES.korting,
      ),
    );
  }
}

interface SectorContext {
  input: Pick<HerschikInput, 'params' | 'contracteerruimteCells'>;
  lastMonth: number;
  year: number;
  peildatum: string | null;
  method: string;
  nMonths: number;
  mode: RoundingMode;
  lines: Line[];
}

/** A sector's figures, uitnutting, signals and afspraken: the steps below, in this order. */
function sectorResult(sector: Sector, ps: ProviderResult[], ctx: SectorContext): SectorResult {
  const { lastMonth, year } = ctx;
  const params = ctx.input.params;
  const { cr, crBron } = contracteerruimteOf(sector, ctx);
  const realised = sum(ps.map((p) => p.realised));
  const extrapolated = sum(ps.map((p) => p.extrapolated));
  const toezeggingen = sum(ps.map((p) => p.toezegging));
  const verwacht = extrapolated.plus(toezeggingen);
  const maatwerk = ps.filter((p) => p.nieuw);
  const reserve = params.reservering_nieuwe_aanbieders !== 'nul';
  // Set aside for new providers: their toezeggingen (kept whole like anyone's) and, by default, their production.
  const reservering = sum(maatwerk.map((p) => (reserve ? p.extrapolated.plus(p.toezegging) : p.toezegging)));
  const trail: string[] = [
    `Geëxtrapoleerde goedgekeurde productie ${formatEuro(extrapolated)} (gerealiseerd ${formatEuro(realised)} t/m ${lastMonth ? monthLabel(lastMonth, year) : '—'})`,
    `toezeggingen ${formatEuro(toezeggingen)}`,
    `verwacht ${formatEuro(verwacht)}${cite(RULES.uitnuttingPerSector)}`,
  ];
  const result: SectorResult = {
    sector,
    contracteerruimte: cr,
    contracteerruimteBron: crBron,
    realised,
    extrapolated,
    toezeggingen,
    reservering,
    verwacht,
    tekort: ZERO,
    afsprakenTotaal: ZERO,
    months: sectorMonths(ps, ctx, toezeggingen, cr),
    flags: [],
    explanation: '',
  };
  markMaatwerk(maatwerk, reserve);
  const regular = ps.filter((p) => !p.nieuw);
  if (!cr) {
    result.flags.push(
      pflag(
        'CONTRACTEERRUIMTE_ONTBREEKT',
        `Geen contracteerruimte voor ${sector}: geen uitnutting, korting of afspraak. Stel "contracteerruimte.${sector}" in of zet een cel "Contracteerruimte ${sector}" met het bedrag ernaast.`,
        RULES.definitiefKader,
      ),
    );
    for (const p of regular) p.explanation += '; geen afspraak: contracteerruimte ontbreekt';
    result.explanation = trail.join('; ') + '.';
    return result;
  }
  trail.push(`contracteerruimte ${formatEuro(cr)} (${crBron})`);
  result.uitnutting = cr.greaterThan(0) ? pct(verwacht, cr) : undefined;
  result.tekort = D.max(ZERO, verwacht.minus(cr));
  result.onzekerheid = extrapolated.greaterThan(0) ? pct(result.tekort, extrapolated) : ZERO;
  trail.push(
    `uitnutting ${formatPct(result.uitnutting)}`,
    `tekort ${formatEuro(result.tekort)}`,
    `onzekerheid ${formatPct(result.onzekerheid)} van de geëxtrapoleerde productie`,
  );
  result.flags.push(...uncertaintyFlags(sector, result.onzekerheid, ctx));
  applyKorting(result, regular, cr, ctx);
  trail.push(
    `afspraken ${formatEuro(result.afsprakenTotaal)}${reservering.greaterThan(0) ? ` + reservering nieuwe aanbieders ${formatEuro(reservering)}` : ''}${result.kortingPercentage ? ` na korting ${formatPct(result.kortingPercentage, 4)}` : ''}`,
  );
  result.explanation = trail.join('; ') + '.';
  return result;
}

/** The sector's contracteerruimte: the parameter, else the labelled cell in the workbook, and where it came from. */
function contracteerruimteOf(sector: Sector, ctx: SectorContext): { cr: Dec | undefined; crBron: string | undefined } {
  const fromParam = dec(ctx.input.params[`contracteerruimte.${sector}`]);
  const fromCell = ctx.input.contracteerruimteCells?.[sector];
  const crBron = fromParam
    ? `parameter “${HERSCHIK_PARAMETERS[`contracteerruimte.${sector}`]?.label ?? `contracteerruimte ${sector}`}”`
    : fromCell
      ? readableRef(fromCell.where)
      : undefined;
  return { cr: fromParam ?? fromCell?.value, crBron };
}

/** Month by month: the year prognosis as it looked with each month as the last one. */
function sectorMonths(ps: ProviderResult[], ctx: SectorContext, toezeggingen: Dec, cr: Dec | undefined): MonthPoint[] {
  const months: MonthPoint[] = [];
  let cumulatief = ZERO;
  // each month's projection summed over the lines in their order (as sum() does), a line's Decimals made once
  const projected = Array<Dec>(ctx.lastMonth + 1).fill(ZERO);
  for (const l of ctx.lines) {
    const monthly = monthlyOf(l);
    for (let m = 1; m <= ctx.lastMonth; m++) projected[m] = projected[m].plus(project(monthly, m, ctx.method, ctx.nMonths, ctx.mode).omzet);
  }
  for (let m = 1; m <= ctx.lastMonth; m++) {
    const omzet = sum(ps.map((p) => p.months[m - 1]));
    cumulatief = cumulatief.plus(omzet);
    const proj = projected[m];
    const prognose = cumulatief.plus(proj).plus(toezeggingen);
    months.push({ month: m, omzet, cumulatief, prognose, uitnutting: cr && cr.greaterThan(0) ? pct(prognose, cr) : undefined });
  }
  return months;
}

/** New providers get maatwerk, no computed afspraak; their production (by default) and toezegging are reserved. */
function markMaatwerk(maatwerk: ProviderResult[], reserve: boolean): void {
  for (const p of maatwerk) {
    p.afspraak = null;
    p.explanation += `; afspraak: maatwerk${cite(RULES.maatwerk)}${reserve ? `, ${formatEuro(p.extrapolated)} productie gereserveerd (parameter “${HERSCHIK_PARAMETERS.reservering_nieuwe_aanbieders.label}”)` : ''}${p.toezegging.greaterThan(0) ? `, toezegging ${formatEuro(p.toezegging)} gereserveerd` : ''}`;
  }
}

/** The uncertainty against the margin: a tussentijdse herschikking above it, and restraint before the cut-off month. */
function uncertaintyFlags(sector: Sector, onzekerheid: Dec | undefined, ctx: SectorContext): Flag[] {
  const { lastMonth, year } = ctx;
  const params = ctx.input.params;
  const flags: Flag[] = [];
  const marge = dec(params.marge_onzekerheid) ?? new D(1);
  const onz = onzekerheid ?? ZERO;
  if (onz.greaterThan(marge)) {
    flags.push(
      pflag(
        'TUSSENTIJDSE_HERSCHIKKING',
        `Onzekerheid ${formatPct(onz)} is groter dan de marge van ${formatPct(marge)}: een tussentijdse herschikking (vaste productieafspraken voor de sector ${sector}) is het uitgangspunt.`,
        RULES.tussentijds,
      ),
    );
  } else if (onz.greaterThan(0)) {
    flags.push(
      pflag('BINNEN_MARGE', `Onzekerheid ${formatPct(onz)} blijft binnen de marge van ${formatPct(marge)}: het geld-volgt-klant model blijft.`, RULES.marge),
    );
  }
  const cutoffMonth = dec(params.terughoudend_tot_maand)?.toNumber() ?? 6;
  const measured = ctx.peildatum ?? (lastMonth ? `${year}-${String(lastMonth).padStart(2, '0')}-28` : `${year}-01-01`);
  const cutoff = `${year}-${String(cutoffMonth).padStart(2, '0')}-01`;
  if (measured < cutoff && onz.greaterThan(marge)) {
    flags.push(
      pflag(
        'TERUGHOUDEND_VOOR_1_JUNI',
        `Peildatum ${ctx.peildatum ?? `(laatste maand ${monthLabel(lastMonth)})`} ligt vóór ${cutoff.split('-').reverse().join('-')}: het zorgkantoor is dan zeer terughoudend met omzetten, ook bij een tekort boven de marge.`,
        RULES.voor1Juni,
      ),
    );
  }
  return flags;
}

/**
 * The korting and each regular provider's afspraak: toezeggingen whole, the reservation for maatwerk aside, the rest
 * of the contracteerruimte over the extrapolated production, as the parameter korting chooses.
 */
function applyKorting(result: SectorResult, regular: ProviderResult[], cr: Dec, ctx: SectorContext): void {
  const params = ctx.input.params;
  const { reservering, verwacht } = result;
  const P = sum(regular.map((p) => p.extrapolated));
  const regularToezeggingen = sum(regular.map((p) => p.toezegging));
  const available = cr.minus(regularToezeggingen).minus(reservering);
  const choice = String(params.korting ?? 'gelijk-percentage');
  const setProduction = (p: ProviderResult, production: Dec, why: string) => {
    p.korting = p.extrapolated.minus(production);
    p.afspraak = production.plus(p.toezegging);
    p.explanation += `; ${why}; afspraak ${formatEuro(production)} + toezegging ${formatEuro(p.toezegging)} = ${formatEuro(p.afspraak)}`;
  };
  if (available.isNegative()) {
    result.flags.push(
      pflag(
        'TOEZEGGINGEN_BOVEN_RUIMTE',
        `Toezeggingen (${formatEuro(regularToezeggingen)})${reservering.greaterThan(0) ? ` en de reservering voor nieuwe aanbieders (${formatEuro(reservering)})` : ''} zijn samen meer dan de contracteerruimte ${formatEuro(cr)}: er is geen ruimte voor productie; de productieafspraken zijn € 0.`,
        RULES.toezeggingen,
      ),
    );
    for (const p of regular) setProduction(p, ZERO, 'geen ruimte na toezeggingen');
    result.kortingPercentage = P.greaterThan(0) ? new D(100) : undefined;
  } else if (P.lessThanOrEqualTo(available) || choice === 'geen') {
    for (const p of regular) setProduction(p, p.extrapolated, 'geen korting');
    if (P.greaterThan(available))
      result.flags.push(
        pflag(
          'TEKORT_ZONDER_KORTING',
          `Tekort ${formatEuro(P.minus(available))} en korting = geen: de afspraken passen niet binnen de contracteerruimte.`,
          RULES.korting,
        ),
      );
  } else if (choice === 'vast-percentage') {
    const k = dec(params.korting_percentage) ?? ZERO;
    const factor = new D(100).minus(k).dividedBy(100);
    for (const p of regular)
      setProduction(
        p,
        p.extrapolated.times(factor).toDecimalPlaces(2, ROUNDING_MODES[ctx.mode]),
        `korting ${formatPct(k, 4)} (vast percentage)${cite(RULES.korting)}`,
      );
    result.kortingPercentage = k;
  } else {
    const shares = distribute(
      regular.map((p) => ({ key: p.agb, amount: p.extrapolated })),
      available,
    );
    const k = new D(1).minus(available.dividedBy(P)).times(100);
    result.kortingPercentage = k;
    regular.forEach((p, i) =>
      setProduction(
        p,
        shares[i],
        `korting ${formatPct(k, 4)} over de geëxtrapoleerde productie ${formatEuro(p.extrapolated)} (één percentage voor de sector, afgerond op centen met de grootste-restmethode)${cite(RULES.korting)}`,
      ),
    );
    result.flags.push(
      pflag(
        'KORTING',
        `Middelen niet toereikend: korting ${formatPct(k, 4)} over de geëxtrapoleerde productie, zodat de sector op de contracteerruimte ${formatEuro(cr)} uitkomt.`,
        RULES.korting,
      ),
    );
  }
  result.afsprakenTotaal = sum(regular.map((p) => p.afspraak ?? ZERO));
  const landed = result.afsprakenTotaal.plus(reservering);
  if (choice === 'vast-percentage' && !landed.equals(cr) && verwacht.greaterThan(cr)) {
    result.flags.push(
      pflag(
        'NIET_OP_CONTRACTEERRUIMTE',
        `Met het vaste kortingspercentage komen de afspraken (${formatEuro(landed)}) niet precies op de contracteerruimte ${formatEuro(cr)} uit (verschil ${formatEuro(landed.minus(cr))}).`,
        RULES.korting,
      ),
    );
  }
}

/**
 * Split `total` (cents) over the amounts in proportion, exactly: everyone gets the floor of their share in
 * cents, and the cents left go one each to the largest remainders, ties by key (AGB-code) ascending. The parts
 * add up to `total`, and no part exceeds its amount when total ≤ the sum of the amounts.
 */
export function distribute(items: ReadonlyArray<{ key: string; amount: Dec }>, total: Dec): Dec[] {
  const cents = items.map((x) => x.amount.times(100).toDecimalPlaces(0));
  const whole = cents.reduce((a, b) => a.plus(b), ZERO);
  const target = total.times(100).toDecimalPlaces(0);
  if (whole.isZero()) return items.map(() => ZERO);
  const floors = cents.map((c) => c.times(target).dividedToIntegerBy(whole));
  const rests = cents.map((c, i) => c.times(target).minus(floors[i].times(whole)));
  let left = target.minus(floors.reduce((a, b) => a.plus(b), ZERO)).toNumber();
  const order = items.map((_, i) => i).sort((a, b) => rests[b].comparedTo(rests[a]) || items[a].key.localeCompare(items[b].key) || a - b);
  for (const i of order) {
    if (left <= 0) break;
    floors[i] = floors[i].plus(1);
    left--;
  }
  return floors.map((c) => c.dividedBy(100));
}
