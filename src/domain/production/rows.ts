/** Each production row of a herschikking: priced by the engine, its omzet, whether it counts (and why not), and its line. */
import { ResultMemo, type InputRow, type RowResult } from '../engine';
import type { Flag } from '../flags';
import { type Dec, formatEuro, formatNumber, ROUNDING_MODES, type RoundingMode } from '../money';
import { parseBoolean, parseInteger, parseMoney, parseNumber, type CellValue } from '../parse';
import { normalizeSector } from '../prestaties';
import type { ParameterValues, PolicyPack } from '../policy/types';
import type { Sector } from '../types';
import { cite, pflag, text, ZERO } from './figures';
import { PRODUCTION_FIELDS } from './fields';
import { monthLabel, parseMonth, type YearMonth } from './months';
import { RULES } from './rules';
import type { Line, RowOutcome, Run } from './types';

const PRODUCTION_KEYS = new Set([...Object.keys(PRODUCTION_FIELDS), 'volume']);

/**
 * The row's tariff, from its tariff-relevant cells only (production fields such as month and volume do not change
 * a tariff); equal rows are evaluated once (ResultMemo, as annotate does).
 */
function tariffFor(memo: ResultMemo, row: InputRow, pack: PolicyPack, params: ParameterValues): RowResult {
  const cells: Record<string, CellValue> = {};
  for (const k in row.cells) if (!PRODUCTION_KEYS.has(k)) cells[k] = row.cells[k];
  return memo.evaluate({ ref: row.ref, cells }, pack, params);
}

/** One row: its tariff from the engine, omzet = volume × tarief, and whether it counts (with the reasons it does not). */
export function rowOutcome(row: InputRow, memo: ResultMemo, run: Run): { outcome: RowOutcome; volume?: Dec; month?: YearMonth } {
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
export function addToLine(lines: Map<string, Line>, row: InputRow, out: RowOutcome, volume: Dec, month: YearMonth): void {
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
