/**
 * The bijlagen job: every priced row of the sheet, grouped per provider (AGB-code, and zorgkantoor where the data
 * holds more than one), for the document that goes to each provider. The rows are computed by the same code path
 * as annotate (compute-rows.ts: the same first pass, the same RowComputer), so a bijlage's tariffs are annotate's.
 * Reads only; writes nothing to the workbook.
 */
import type { RowResult } from '../../domain/engine';
import { flagName } from '../../domain/flags';
import { cellToText, isEmptyCell, type CellValue } from '../../domain/parse';
import type { ParameterValues, PolicyPack } from '../../domain/policy/types';
import { countRow, emptyCounts, type TariffCounts } from '../../domain/tariff-verdict';
import { InputError } from '../errors';
import type { WorkbookPort } from '../port';
import { RowComputer, scanRows, type ScanOptions } from './compute-rows';
import { readAll, readRows } from './read-rows';

export interface BijlagenOptions extends ScanOptions {
  /** Only these providers (AGB-codes as typed); all when absent or empty. */
  agb?: string[];
}

/** One agreed prestatie of a provider: the row's own cells where the catalog knows nothing, and its result. */
export interface BijlageLine {
  /** 0-based sheet row. */
  sheetRow: number;
  code: string;
  omschrijving?: string;
  leveringsvorm?: string;
  zorgprofiel?: string;
  inkoopjaar?: string;
  volume?: number;
  result: RowResult;
}

/** A row that is not in a bijlage, and why (in the user's words). */
export interface LeftOut {
  sheetRow: number;
  code?: string;
  reason: string;
}

export interface Bijlage {
  agb: string;
  /** The provider's name as the sheet has it; empty when no row names it. */
  naam: string;
  /** The zorgkantoor or regio of the rows; empty when the sheet has no such column or the cells are empty. */
  zorgkantoor: string;
  lines: BijlageLine[];
  leftOut: LeftOut[];
}

export interface BijlagenOutcome {
  sheet: string;
  headerRow: number;
  /** The input fingerprint, as annotate records it. */
  fingerprint: string;
  dataRows: number;
  /** In the order the providers first occur in the sheet. */
  bijlagen: Bijlage[];
  /** Providers whose bijlage is not made (an AGB-code with two names). */
  refused: Refused[];
  /** Rows without an AGB-code: in no bijlage (only without an --agb filter). */
  unassigned: LeftOut[];
  /**
   * More than one zorgkantoor among the sheet's rows with an AGB-code: a bijlage per provider and zorgkantoor. Of
   * every provider's rows, not only the selected ones, so a provider's bijlage is the same made alone or with all.
   */
  perZorgkantoor: boolean;
  /** More than one inkoopjaar (or some rows without one) among the sheet's rows with an AGB-code: bijlagen show the year. */
  multiYear: boolean;
  /** Whether any row with an AGB-code has a volume (of every provider, as perZorgkantoor). */
  hasVolume: boolean;
  /** Over the selected rows, as annotate counts them. */
  counts: TariffCounts;
  warnings: string[];
}

const clean = (v: CellValue): string => (isEmptyCell(v) ? '' : cellToText(v).replace(/\s+/g, ' ').trim());

/** Why a row is left out, or undefined when it goes into its bijlage: a tariff, and no fout. */
export function leftOutReason(res: RowResult): string | undefined {
  const fouten = res.flags.filter((f) => f.severity === 'fout');
  if (fouten.length) return fouten.map((f) => `${flagName(f)}: ${f.message}`).join(' ');
  if (res.tarief) return undefined;
  const asks = res.flags.filter((f) => f.severity !== 'info');
  if (res.excluded) return 'Uitgesloten door het beleid.';
  return asks.length ? `Geen tarief. ${asks.map((f) => `${flagName(f)}: ${f.message}`).join(' ')}` : 'Geen tarief berekend.';
}

function lineOf(res: RowResult, cells: Record<string, CellValue>, sheetRow: number): BijlageLine {
  const p = res.prestatie;
  return {
    sheetRow,
    code: p?.code ?? clean(cells.prestatiecode),
    omschrijving: p?.description ?? (clean(cells.omschrijving) || undefined),
    leveringsvorm: p?.leveringsvorm ?? (clean(cells.leveringsvorm) || undefined),
    zorgprofiel: p?.zorgprofiel ?? (clean(cells.zorgprofiel) || undefined),
    inkoopjaar: clean(cells.inkoopjaar) || undefined,
    volume: volumeOf(cells),
    result: res,
  };
}

function volumeOf(cells: Record<string, CellValue>): number | undefined {
  const volume = cells.volume;
  return typeof volume === 'number' && Number.isFinite(volume) ? volume : undefined;
}

/** Provider names per AGB-code, to find one code with two names. */
type Names = Map<string, Map<string, number[]>>;

/** A provider whose bijlage is not made: its AGB-code has more than one name in the sheet. */
export interface Refused {
  agb: string;
  reason: string;
  /** Its rows (1-based sheet rows). */
  rows: number[];
}

function conflicts(names: Names): Refused[] {
  const out: Refused[] = [];
  for (const [agb, byName] of names) {
    const named = [...byName].filter(([n]) => n);
    if (named.length < 2) continue;
    const list = named.map(([n, rows]) => `"${n}" (${rows.length === 1 ? 'rij' : 'rijen'} ${rows.slice(0, 5).join(', ')}${rows.length > 5 ? ', …' : ''})`);
    const rows = [...byName.values()].flat().sort((a, b) => a - b);
    out.push({ agb, reason: `AGB-code ${agb} heeft ${named.length} namen: ${list.join(' en ')}.`, rows });
  }
  return out;
}

/** What to do about a refused provider, after its reason. */
export const REFUSED_ADVICE = 'Een bijlage gaat naar één zorgaanbieder: maak de naam in alle rijen van die code gelijk en maak de bijlage opnieuw.';

export async function collectBijlagen(port: WorkbookPort, pack: PolicyPack, params: ParameterValues, options: BijlagenOptions = {}): Promise<BijlagenOutcome> {
  const { layout, scan } = await scanRows(port, pack, params, options);
  const { sheet, match } = layout;
  if (match.columns.agb === undefined)
    throw new InputError(
      `Blad "${sheet}" heeft geen kolom met de AGB-code; zonder die code weet Tariefwijzer niet voor welke zorgaanbieder een rij is. Er is niets geschreven.`,
    );
  const wanted = new Set((options.agb ?? []).map((a) => a.trim()).filter(Boolean));
  const computer = new RowComputer(pack, params, sheet, scan.repeated);
  const groups = new Map<string, Bijlage>();
  const names: Names = new Map();
  const unassigned: LeftOut[] = [];
  const zorgkantoren = new Set<string>();
  const years = new Set<string>();
  const counts = emptyCounts();
  let hasVolume = false;
  const read = { pause: options.pause, slice: options.slice, window: options.window, reuse: scan.held, quiet: true };
  await readAll(
    readRows(port, pack, layout, read, (row, r) => {
      const agb = clean(row.cells.agb);
      if (agb) {
        zorgkantoren.add(clean(row.cells.zorgkantoor));
        years.add(clean(row.cells.inkoopjaar));
        if (volumeOf(row.cells) !== undefined) hasVolume = true;
      }
      if (wanted.size && !wanted.has(agb)) return;
      const res = computer.compute(row, r);
      countRow(counts, res);
      const reason = leftOutReason(res);
      const code = res.prestatie?.code ?? (clean(row.cells.prestatiecode) || undefined);
      if (!agb) {
        unassigned.push({ sheetRow: r, code, reason: 'Geen AGB-code: de rij hoort bij geen zorgaanbieder.' });
        return;
      }
      const naam = clean(row.cells.zorgaanbieder);
      const zk = clean(row.cells.zorgkantoor);
      const byName = names.get(agb) ?? new Map<string, number[]>();
      names.set(agb, byName);
      byName.set(naam, [...(byName.get(naam) ?? []), r + 1]);
      const key = `${agb}\u0000${zk}`;
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { agb, naam, zorgkantoor: zk, lines: [], leftOut: [] }));
      if (!group.naam && naam) group.naam = naam;
      if (reason) group.leftOut.push({ sheetRow: r, code, reason });
      else {
        group.lines.push(lineOf(res, row.cells, r));
      }
      computer.trim();
    }),
  );
  // a provider with two names gets no bijlage, the others do (the overview and the verdict say so); with nothing left
  // to make, nothing is written
  const refused = conflicts(names);
  for (const [key, g] of groups) if (refused.some((x) => x.agb === g.agb)) groups.delete(key);
  if (refused.length && !groups.size) throw new InputError(`${refused.map((x) => x.reason).join(' ')} ${REFUSED_ADVICE} Er is niets geschreven.`);
  const missing = [...wanted].filter((a) => ![...groups.values()].some((g) => g.agb === a));
  if (missing.length)
    throw new InputError(
      `${missing.length === 1 ? 'AGB-code' : 'AGB-codes'} ${missing.join(', ')} ${missing.length === 1 ? 'staat' : 'staan'} niet in blad "${sheet}". Er is niets geschreven.`,
    );
  const warnings = [...layout.warnings];
  if (unassigned.length)
    warnings.push(
      `${unassigned.length === 1 ? `Rij ${unassigned[0].sheetRow + 1} heeft` : `Rijen ${unassigned.map((u) => u.sheetRow + 1).join(', ')} hebben`} geen AGB-code en ${unassigned.length === 1 ? 'staat' : 'staan'} in geen bijlage (wel in het overzicht).`,
    );
  return {
    sheet,
    headerRow: match.row,
    fingerprint: scan.fingerprint,
    dataRows: scan.dataRows,
    bijlagen: [...groups.values()],
    unassigned,
    refused,
    perZorgkantoor: zorgkantoren.size > 1,
    multiYear: years.size > 1,
    hasVolume,
    counts,
    warnings,
  };
}
