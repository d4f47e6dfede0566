/**
 * Omzet, extrapolation, uitnutting and herschikking: production rows → tariffs (the same engine as annotate)
 * → omzet per row → extrapolated production per provider and sector → uitnutting, signals, korting and
 * herschikkingsafspraken. Pure and deterministic: reads nothing, writes nothing; every figure has its trail.
 */
import { ResultMemo, type InputRow, type RowResult } from '../engine';
import { formatCitation, readableRef, type Flag } from '../flags';
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
  rows: RowOutcome[];
  providers: ProviderResult[];
  sectors: SectorResult[];
  totals: { contracteerruimte: Dec; realised: Dec; extrapolated: Dec; toezeggingen: Dec; afspraken: Dec };
  flagCounts: Record<string, number>;
  notes: string[];
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

function decideYear(input: HerschikInput, months: Array<YearMonth | { month: number; year?: undefined } | undefined>): number {
  const peil = input.params.peildatum;
  if (typeof peil === 'string') return Number(peil.slice(0, 4));
  const counts = new Map<number, number>();
  for (const m of months) if (m?.year) counts.set(m.year, (counts.get(m.year) ?? 0) + 1);
  if (!counts.size) return input.pack.inkoopjaar;
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0][0];
}

interface Line {
  agb: string;
  naam: string;
  sector: Sector;
  prestatiecode: string;
  crisis: boolean;
  plaatsen?: Dec;
  nieuw: boolean;
  omzet: Dec[];
  volume: Dec[];
  months: Set<number>;
}

function roundingOf(params: ParameterValues): RoundingMode {
  return isRoundingMode(params.afronding) ? params.afronding : 'rekenkundig';
}

/** Projection from month `last` (1–12) to the year end, in € and volume, with the chosen method. */
function project(line: Pick<Line, 'omzet' | 'volume'>, last: number, method: string, n: number, mode: RoundingMode): { omzet: Dec; volume: Dec; text: string } {
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

/** What a run decides once for all rows: the year, the last month counted, and how production is extrapolated. */
interface Run {
  input: HerschikInput;
  year: number;
  peildatum: string | null;
  lastMonth: number;
  /** PEILDATUM_AFGELEID when the last month was taken from the data, shown on every sector. */
  peilFlags: Flag[];
  method: string;
  nMonths: number;
  mode: RoundingMode;
}

/**
 * Herschikking of a year's production: every row priced and counted (or not, with its reasons), lines per provider,
 * sector and prestatie, each provider's extrapolated production, the toezeggingen, then per sector the uitnutting,
 * the korting and the proposed afspraken.
 */
export function herschik(input: HerschikInput): HerschikResult {
  const run = runSettings(input);
  const notes: string[] = [];
  const memo = new ResultMemo();
  const lines = new Map<string, Line>();
  const rows = input.rows.map((row) => {
    const { outcome, volume, month } = rowOutcome(row, memo, run);
    if (outcome.counted && outcome.omzet && outcome.agb && outcome.sector && month) addToLine(lines, row, outcome, volume!, month);
    return outcome;
  });
  if (input.hasApprovalColumn === false) notes.push('Geen kolom "Goedgekeurd": alle regels zijn als goedgekeurd meegeteld.');

  const providers = providerResults(lines, run);
  addToezeggingen(input, providers, notes);
  const sectorNames = [...new Set([...providers.values()].map((p) => p.sector))].sort();
  const sectors: SectorResult[] = sectorNames.map((sector) =>
    sectorResult(
      sector,
      [...providers.values()].filter((p) => p.sector === sector),
      { ...run, lines: [...lines.values()].filter((l) => l.sector === sector) },
    ),
  );
  const ordered = [...providers.values()].sort((a, b) => a.sector.localeCompare(b.sector) || a.agb.localeCompare(b.agb));
  for (const p of ordered) flagBelowInterim(p);
  const flagCounts = countFlags(rows, ordered, sectors);
  if (run.peilFlags.length) {
    for (const s of sectors) s.flags.unshift(...run.peilFlags);
    flagCounts.PEILDATUM_AFGELEID = sectors.length;
  }
  return {
    year: run.year,
    peildatum: run.peildatum,
    lastMonth: run.lastMonth,
    method: run.method,
    rows,
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
  };
}

/** The year (from the peildatum, else the most frequent in the data) and the last month: the peildatum's, or the last with data (said so). */
function runSettings(input: HerschikInput): Run {
  const { packParams, params } = input;
  const parsedMonths = input.rows.map((r) => {
    const p = parseMonth(r.cells.maand);
    return p.ok ? p.value : undefined;
  });
  const year = decideYear(input, parsedMonths);
  let last: YearMonth;
  const peildatum = typeof params.peildatum === 'string' ? params.peildatum : null;
  const peilFlags: Flag[] = [];
  if (peildatum) last = lastMonthOn(peildatum);
  else {
    const ms = parsedMonths.filter((m, i) => m && (m.year ?? year) === year && !isEmptyCell(input.rows[i].cells.volume)).map((m) => m!.month);
    last = { year, month: ms.length ? Math.max(...ms) : 0 };
    peilFlags.push(
      pflag(
        'PEILDATUM_AFGELEID',
        `Geen peildatum ingesteld: de laatste maand in de gegevens (${last.month ? monthLabel(last.month, year) : 'geen'}) is als laatste gedeclareerde maand gebruikt. Stel "peildatum" in voor een vaste meting.`,
        RULES.extrapolatie,
      ),
    );
  }
  return {
    input,
    year,
    peildatum,
    lastMonth: last.year < year ? 0 : last.year > year ? 12 : last.month,
    peilFlags,
    method: String(params.extrapolatie ?? 'laatste-maand'),
    nMonths: dec(params.extrapolatie_maanden)?.toNumber() ?? 3,
    mode: roundingOf(packParams),
  };
}

/** One row: its tariff from the engine, omzet = volume × tarief, and whether it counts (with the reasons it does not). */
function rowOutcome(row: InputRow, memo: ResultMemo, run: Run): { outcome: RowOutcome; volume?: Dec; month?: YearMonth } {
  const { pack, packParams } = run.input;
  const flags: Flag[] = [];
  const engine = tariffFor(memo, row, pack, packParams);
  flags.push(...engine.flags);
  const out: RowOutcome = { ref: row.ref, counted: false, flags, explanation: '', engine, tarief: engine.tarief };
  const agb = text(row.cells.agb);
  out.agb = agb;
  const hoofd = text(row.cells.hoofdsector);
  const sector = engine.prestatie?.sector ?? (hoofd ? normalizeSector(hoofd) : undefined) ?? (pack.sector === 'alle' ? undefined : pack.sector);
  out.sector = sector;
  const reasons: string[] = [];
  const month = rowMonth(row, run, flags, reasons);
  if (month) out.month = month;
  const volume = rowVolume(row, flags, reasons);
  if (run.input.hasApprovalColumn !== false) checkApproval(row, flags, reasons);
  checkAssignable(agb, sector, engine, flags, reasons);
  if (volume && engine.tarief) out.omzet = rowOmzet(row, volume, engine.tarief, run.mode, flags);
  out.counted = reasons.length === 0;
  const own = ownExplanation(out, volume, month, reasons);
  out.explanation = engine.explanation ? engine.explanation + ' ' + own : own;
  return { outcome: out, volume, month };
}

/** The row's month: unreadable, in another year or after the last month on the peildatum means it does not count. */
function rowMonth(row: InputRow, run: Run, flags: Flag[], reasons: string[]): YearMonth | undefined {
  const { year, lastMonth } = run;
  const mp = parseMonth(row.cells.maand);
  if (!mp.ok) {
    const why = 'empty' in mp ? 'geen maand ingevuld' : mp.reason;
    flags.push(pflag('MAAND_ONLEESBAAR', `Maand: ${why}; de regel telt niet mee.`));
    reasons.push('maand onbekend');
    return undefined;
  }
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

/** The row's volume: without one it does not count; a negative one (a credit) counts as a reduction, flagged. */
function rowVolume(row: InputRow, flags: Flag[], reasons: string[]): Dec | undefined {
  const vp = parseNumber(row.cells.volume);
  if (!vp.ok) {
    flags.push(pflag('VOLUME_ONTBREEKT', `Volume: ${'empty' in vp ? 'leeg' : vp.reason}; de regel telt niet mee.`));
    reasons.push('geen volume');
    return undefined;
  }
  if (vp.value.isNegative())
    flags.push(
      pflag(
        'NEGATIEF_VOLUME',
        `Negatief volume ${formatNumber(vp.value)} (een creditering of correctie?): telt mee als vermindering; controleer de declaratie.`,
      ),
    );
  return vp.value;
}

/** Only approved declarations count: not approved, or approval unknown, keeps the row out. */
function checkApproval(row: InputRow, flags: Flag[], reasons: string[]): void {
  const g = parseBoolean(row.cells.goedgekeurd);
  if (g.ok && !g.value) {
    flags.push(pflag('NIET_GOEDGEKEURD', 'Declaratie niet goedgekeurd: telt niet mee in de productie voor de herschikking.', RULES.goedgekeurd));
    reasons.push('niet goedgekeurd');
  } else if (!g.ok) {
    flags.push(
      pflag('GOEDKEURING_ONBEKEND', `Goedgekeurd: ${'empty' in g ? 'leeg' : g.reason}; telt niet mee tot de goedkeuring bekend is.`, RULES.goedgekeurd),
    );
    reasons.push('goedkeuring onbekend');
  }
}

/** A row counts only for a known provider (AGB-code), a known sector and with a tariff. */
function checkAssignable(agb: string | undefined, sector: Sector | undefined, engine: RowResult, flags: Flag[], reasons: string[]): void {
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

/** Omzet = volume × computed tariff, rounded to cents; a declared amount that differs is flagged, the computed one is used. */
function rowOmzet(row: InputRow, volume: Dec, tarief: Dec, mode: RoundingMode, flags: Flag[]): Dec {
  const omzet = volume.times(tarief).toDecimalPlaces(2, ROUNDING_MODES[mode]);
  const declared = parseMoney(row.cells.gedeclareerdBedrag);
  if (declared.ok && !declared.value.equals(omzet)) {
    const diff = declared.value.minus(omzet);
    flags.push(
      pflag(
        'BEDRAG_WIJKT_AF',
        `Gedeclareerd bedrag ${formatEuro(declared.value)} wijkt ${diff.isPositive() ? '+' : ''}${formatEuro(diff)} af van volume × berekend tarief ${formatEuro(omzet)}; Tariefwijzer rekent met het berekende bedrag.`,
      ),
    );
  }
  return omzet;
}

/**
 * The row's own part of the explanation. The engine's part is shared by every row with the same tariff; this part
 * is joined into one flat string: a template literal is kept by V8 as a tree of its parts (32 bytes a node) until
 * it is first read, ≈ 17 nodes a row for as long as the herschikking holds its rows.
 */
function ownExplanation(out: RowOutcome, volume: Dec | undefined, month: YearMonth | undefined, reasons: string[]): string {
  return (
    out.omzet
      ? [
          'Omzet = ',
          formatNumber(volume!),
          ' × ',
          formatEuro(out.engine!.tarief!),
          ' = ',
          formatEuro(out.omzet),
          cite(RULES.volumePersoonsvolgend),
          '; ',
          out.counted ? `telt mee (${monthLabel(month!.month, month!.year)})` : `telt niet mee: ${reasons.join(', ')}`,
          '.',
        ]
      : ['Geen omzet: ', reasons.join(', '), '.']
  ).join('');
}

/** A counted row adds its omzet and volume to its line (provider, sector, prestatie) in its month; crisis and new providers noted. */
function addToLine(lines: Map<string, Line>, row: InputRow, out: RowOutcome, volume: Dec, month: YearMonth): void {
  const engine = out.engine!;
  const code = engine.prestatie?.code ?? '';
  const key = `${out.agb!}\u0000${out.sector!}\u0000${code}`;
  let line = lines.get(key);
  if (!line) {
    line = {
      agb: out.agb!,
      naam: text(row.cells.zorgaanbieder) ?? '',
      sector: out.sector!,
      prestatiecode: code,
      crisis: false,
      nieuw: false,
      omzet: Array<Dec>(12).fill(ZERO),
      volume: Array<Dec>(12).fill(ZERO),
      months: new Set(),
    };
    lines.set(key, line);
  }
  if (!line.naam) line.naam = text(row.cells.zorgaanbieder) ?? '';
  line.omzet[month.month - 1] = line.omzet[month.month - 1].plus(out.omzet!);
  line.volume[month.month - 1] = line.volume[month.month - 1].plus(volume);
  line.months.add(month.month);
  if (/crisis/i.test(engine.prestatie?.description ?? '')) line.crisis = true;
  const places = parseNumber(row.cells.crisisplaatsen);
  if (places.ok && places.value.greaterThan(0)) {
    line.crisis = true;
    if (!line.plaatsen || places.value.greaterThan(line.plaatsen)) line.plaatsen = places.value;
  }
  const nieuw = parseBoolean(row.cells.nieuweAanbieder);
  if (nieuw.ok && nieuw.value) line.nieuw = true;
}

/** Each provider per sector, from its lines (sorted by AGB-code and sector): realised, projection, gaps, trend, crisis. */
function providerResults(lines: Map<string, Line>, run: Run): Map<string, ProviderResult> {
  const providers = new Map<string, ProviderResult>();
  const providerLines = new Map<string, Line[]>();
  for (const line of lines.values()) {
    const key = `${line.agb}\u0000${line.sector}`;
    providerLines.set(key, [...(providerLines.get(key) ?? []), line]);
  }
  for (const [key, ls] of [...providerLines.entries()].sort(([a], [b]) => a.localeCompare(b))) providers.set(key, providerResult(key, ls, run));
  return providers;
}

/** One provider in one sector: realised up to the last month plus the projection to the year end, never below € 0. */
function providerResult(key: string, ls: Line[], run: Run): ProviderResult {
  const { year, lastMonth, method, nMonths, mode } = run;
  const [agb, sector] = key.split('\u0000') as [string, Sector];
  const flags: Flag[] = [];
  const months = Array.from({ length: 12 }, (_, m) => sum(ls.map((l) => l.omzet[m])));
  const realised = sum(months.slice(0, lastMonth));
  const projections = ls.map((l) => project(l, lastMonth, method, nMonths, mode));
  const projection = sum(projections.map((p) => p.omzet));
  let extrapolated = realised.plus(projection);
  const combined = project({ omzet: months, volume: months }, lastMonth, method, nMonths, mode);
  const trail: string[] = [
    `Gerealiseerd (goedgekeurd) t/m ${lastMonth ? monthLabel(lastMonth, year) : '—'}: ${formatEuro(realised)}${cite(RULES.goedgekeurd)}`,
    `extrapolatie ${method === 'laatste-maand' ? 'laatste maand' : 'gemiddelde'}: ${combined.text} = ${formatEuro(projection)}${ls.length > 1 ? ` (som van ${ls.length} prestaties)` : ''}${cite(RULES.extrapolatie)}`,
    `geëxtrapoleerde productie ${year}: ${formatEuro(extrapolated)}`,
  ];
  flagMissingMonths(ls, run, flags);
  flagTrend(months, run, flags);
  const crisis = crisisOccupancy(ls, projections, run, flags, trail);
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

/** Months without approved declarations between the provider's first month and the last: the last one weighs most (it is extrapolated). */
function flagMissingMonths(ls: Line[], run: Run, flags: Flag[]): void {
  const { year, lastMonth } = run;
  const active = new Set(ls.flatMap((l) => [...l.months]));
  const first = Math.min(...active);
  const gaps = [];
  for (let m = first; m <= lastMonth; m++) if (!active.has(m)) gaps.push(m);
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

/** A change of the last three months' average against the three before beyond the trend threshold asks for another extrapolation. */
function flagTrend(months: Dec[], run: Run, flags: Flag[]): void {
  const { lastMonth } = run;
  const trendLimit = dec(run.input.params.trend_drempel);
  if (!trendLimit || lastMonth < 6) return;
  const recent = sum(months.slice(lastMonth - 3, lastMonth)).dividedBy(3);
  const before = sum(months.slice(lastMonth - 6, lastMonth - 3)).dividedBy(3);
  if (!before.greaterThan(0)) return;
  const change = recent.minus(before).dividedBy(before).times(100);
  if (!change.abs().greaterThan(trendLimit)) return;
  flags.push(
    pflag(
      'TREND',
      `Trend: de gemiddelde maandomzet van ${monthLabel(lastMonth - 2)}–${monthLabel(lastMonth)} (${formatEuro(recent)}) is ${change.isPositive() ? '+' : ''}${formatPct(change, 1)} t.o.v. de drie maanden ervoor (${formatEuro(before)}); overweeg een andere extrapolatie.`,
      RULES.trend,
    ),
  );
}

/** Expected occupancy of each crisis prestatie (days over places × days in the year); below the threshold, in principle a lower afspraak. */
function crisisOccupancy(ls: Line[], projections: Array<{ volume: Dec }>, run: Run, flags: Flag[], trail: string[]): ProviderResult['crisis'] {
  const { year, lastMonth } = run;
  const threshold = dec(run.input.params.crisis_bezetting) ?? new D(70);
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
    const days = sum(l.volume.slice(0, lastMonth)).plus(projections[i].volume);
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

/** Toezeggingen are kept whole and added to their provider (one without production gets a line of its own); earlier tussentijdse afspraken too. */
function addToezeggingen(input: HerschikInput, providers: Map<string, ProviderResult>, notes: string[]): void {
  const { pack } = input;
  for (const t of input.toezeggingen ?? []) {
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

/** A proposed afspraak below an earlier tussentijdse afspraak is allowed by the policy, and said. */
function flagBelowInterim(p: ProviderResult): void {
  if (!p.afspraak || !p.tussentijdseAfspraak || !p.afspraak.lessThan(p.tussentijdseAfspraak)) return;
  p.flags.push(
    pflag(
      'LAGER_DAN_TUSSENTIJDS',
      `De voorgestelde afspraak ${formatEuro(p.afspraak)} is lager dan de tussentijdse afspraak ${formatEuro(p.tussentijdseAfspraak)}; dat kan volgens het beleid.`,
      RULES.korting,
    ),
  );
}

/** How many rows, providers and sectors carry each signal (each counted once per row, provider or sector). */
function countFlags(rows: RowOutcome[], providers: ProviderResult[], sectors: SectorResult[]): Record<string, number> {
  const flagCounts: Record<string, number> = {};
  for (const r of rows) for (const code of new Set(r.flags.map((f) => f.code))) flagCounts[code] = (flagCounts[code] ?? 0) + 1;
  for (const x of [...providers, ...sectors]) for (const code of new Set(x.flags.map((f) => f.code))) flagCounts[code] = (flagCounts[code] ?? 0) + 1;
  return flagCounts;
}

interface SectorContext extends Run {
  lines: Line[];
}

/**
 * One sector: its contracteerruimte, the expected production (extrapolated + toezeggingen) month by month, the
 * uitnutting and uncertainty, and the korting that brings the afspraken onto the contracteerruimte.
 */
function sectorResult(sector: Sector, ps: ProviderResult[], ctx: SectorContext): SectorResult {
  const { input, lastMonth, year } = ctx;
  const params = input.params;
  const flags: Flag[] = [];
  const { cr, crBron } = contracteerruimte(sector, input);
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
    months: monthPoints(ps, ctx, toezeggingen, cr),
    flags,
    explanation: '',
  };
  for (const p of maatwerk) {
    p.afspraak = null;
    p.explanation += `; afspraak: maatwerk${cite(RULES.maatwerk)}${reserve ? `, ${formatEuro(p.extrapolated)} productie gereserveerd (parameter “${HERSCHIK_PARAMETERS.reservering_nieuwe_aanbieders.label}”)` : ''}${p.toezegging.greaterThan(0) ? `, toezegging ${formatEuro(p.toezegging)} gereserveerd` : ''}`;
  }
  const regular = ps.filter((p) => !p.nieuw);
  if (!cr) {
    flags.push(
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
  flagUncertainty(sector, result.onzekerheid ?? ZERO, ctx, flags);
  const choice = applyKorting(regular, cr, reservering, ctx, result);
  result.afsprakenTotaal = sum(regular.map((p) => p.afspraak ?? ZERO));
  const landed = result.afsprakenTotaal.plus(reservering);
  if (choice === 'vast-percentage' && !landed.equals(cr) && verwacht.greaterThan(cr)) {
    flags.push(
      pflag(
        'NIET_OP_CONTRACTEERRUIMTE',
        `Met het vaste kortingspercentage komen de afspraken (${formatEuro(landed)}) niet precies op de contracteerruimte ${formatEuro(cr)} uit (verschil ${formatEuro(landed.minus(cr))}).`,
        RULES.korting,
      ),
    );
  }
  trail.push(
    `afspraken ${formatEuro(result.afsprakenTotaal)}${reservering.greaterThan(0) ? ` + reservering nieuwe aanbieders ${formatEuro(reservering)}` : ''}${result.kortingPercentage ? ` na korting ${formatPct(result.kortingPercentage, 4)}` : ''}`,
  );
  result.explanation = trail.join('; ') + '.';
  return result;
}

/** The sector's contracteerruimte and where it comes from: a parameter goes before a labelled cell. */
function contracteerruimte(sector: Sector, input: HerschikInput): { cr?: Dec; crBron?: string } {
  const fromParam = dec(input.params[`contracteerruimte.${sector}`]);
  const fromCell = input.contracteerruimteCells?.[sector];
  const cr = fromParam ?? fromCell?.value;
  const crBron = fromParam
    ? `parameter “${HERSCHIK_PARAMETERS[`contracteerruimte.${sector}`]?.label ?? `contracteerruimte ${sector}`}”`
    : fromCell
      ? readableRef(fromCell.where)
      : undefined;
  return { cr, crBron };
}

/** Month by month: the year prognosis as it looked with each month as the last one, and its uitnutting. */
function monthPoints(ps: ProviderResult[], ctx: SectorContext, toezeggingen: Dec, cr: Dec | undefined): MonthPoint[] {
  const months: MonthPoint[] = [];
  let cumulatief = ZERO;
  for (let m = 1; m <= ctx.lastMonth; m++) {
    const omzet = sum(ps.map((p) => p.months[m - 1]));
    cumulatief = cumulatief.plus(omzet);
    const proj = sum(ctx.lines.map((l) => project(l, m, ctx.method, ctx.nMonths, ctx.mode).omzet));
    const prognose = cumulatief.plus(proj).plus(toezeggingen);
    months.push({ month: m, omzet, cumulatief, prognose, uitnutting: cr && cr.greaterThan(0) ? pct(prognose, cr) : undefined });
  }
  return months;
}

/**
 * Uncertainty beyond the margin makes a tussentijdse herschikking the starting point (with great reserve when
 * measured before the cut-off month); within it, geld-volgt-klant stays.
 */
function flagUncertainty(sector: Sector, onz: Dec, ctx: SectorContext, flags: Flag[]): void {
  const { params } = ctx.input;
  const { lastMonth, year } = ctx;
  const marge = dec(params.marge_onzekerheid) ?? new D(1);
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
}

/**
 * Korting: toezeggingen whole, the reservation for maatwerk aside, the rest over the extrapolated production of the
 * regular providers, as the parameter chooses (none, a fixed percentage, or one percentage that lands exactly on
 * the contracteerruimte). Sets each provider's afspraak; returns the choice.
 */
function applyKorting(regular: ProviderResult[], cr: Dec, reservering: Dec, ctx: SectorContext, result: SectorResult): string {
  const { params } = ctx.input;
  const flags = result.flags;
  const P = sum(regular.map((p) => p.extrapolated));
  const regularToezeggingen = sum(regular.map((p) => p.toezegging));
  const available = cr.minus(regularToezeggingen).minus(reservering);
  const choice = String(params.korting ?? 'gelijk-percentage');
  if (available.isNegative()) {
    flags.push(
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
      flags.push(
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
    result.kortingPercentage = equalKorting(regular, available, P, cr, flags);
  }
  return choice;
}

/** One korting percentage for the whole sector, the afspraken rounded to cents by largest remainder so they land on what is available. */
function equalKorting(regular: ProviderResult[], available: Dec, P: Dec, cr: Dec, flags: Flag[]): Dec {
  const shares = distribute(
    regular.map((p) => ({ key: p.agb, amount: p.extrapolated })),
    available,
  );
  const k = new D(1).minus(available.dividedBy(P)).times(100);
  regular.forEach((p, i) =>
    setProduction(
      p,
      shares[i],
      `korting ${formatPct(k, 4)} over de geëxtrapoleerde productie ${formatEuro(p.extrapolated)} (één percentage voor de sector, afgerond op centen met de grootste-restmethode)${cite(RULES.korting)}`,
    ),
  );
  flags.push(
    pflag(
      'KORTING',
      `Middelen niet toereikend: korting ${formatPct(k, 4)} over de geëxtrapoleerde productie, zodat de sector op de contracteerruimte ${formatEuro(cr)} uitkomt.`,
      RULES.korting,
    ),
  );
  return k;
}

/** A provider's afspraak: its production after korting plus its toezegging, and the korting in €. */
function setProduction(p: ProviderResult, production: Dec, why: string): void {
  p.korting = p.extrapolated.minus(production);
  p.afspraak = production.plus(p.toezegging);
  p.explanation += `; ${why}; afspraak ${formatEuro(production)} + toezegging ${formatEuro(p.toezegging)} = ${formatEuro(p.afspraak)}`;
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
