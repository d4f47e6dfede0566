/** Building herschikking inputs from the compact case format of cases.json. */
import type { InputRow } from '../../src/domain/engine';
import { D } from '../../src/domain/money';
import { resolveParameters } from '../../src/domain/policy/load';
import { herschik, resolveHerschikParameters, type HerschikWithRows, type Toezegging } from '../../src/domain/production';
import { getPack } from '../../src/policies';

export interface Line {
  agb: string;
  naam?: string;
  prestatiecode?: string;
  zorgprofiel?: string;
  leveringsvorm?: string;
  maximumtarief: number;
  /** From januari; null = no row that month. */
  volumes: Array<number | null>;
  goedgekeurd?: Array<string | null>;
  cells?: Record<string, string | number>;
}

/** One row per line per month, line by line. */
export function rowsOf(lines: Line[]): InputRow[] {
  const rows: InputRow[] = [];
  for (const l of lines) {
    l.volumes.forEach((v, m) => {
      if (v === null) return;
      rows.push({
        ref: `Productie!${rows.length + 2}`,
        cells: {
          agb: l.agb,
          zorgaanbieder: l.naam ?? `Aanbieder ${l.agb}`,
          prestatiecode: l.prestatiecode ?? 'Z1103',
          zorgprofiel: l.zorgprofiel ?? 'GGZ-W3',
          leveringsvorm: l.leveringsvorm ?? 'Verblijf',
          maximumtarief: l.maximumtarief,
          maand: `2025-${String(m + 1).padStart(2, '0')}`,
          volume: v,
          goedgekeurd: l.goedgekeurd ? l.goedgekeurd[m] : 'ja',
          ...(l.cells ?? {}),
        },
      });
    });
  }
  return rows;
}

export function run(opts: {
  pack?: string;
  packParams?: Record<string, string>;
  params?: Record<string, string>;
  lines: Line[];
  toezeggingen?: Array<{ agb: string; bedrag: string; sector?: string }>;
}): HerschikWithRows {
  const pack = getPack(opts.pack ?? 'zk-ggz-2025')!;
  const packParams = resolveParameters(pack, opts.packParams ?? { richttarief: '100' });
  const params = resolveHerschikParameters(opts.params ?? {});
  if (packParams.errors.length || params.errors.length) throw new Error(JSON.stringify([...packParams.errors, ...params.errors]));
  const toezeggingen: Toezegging[] = (opts.toezeggingen ?? []).map((t, i) => ({
    ref: `Toezeggingen!${i + 2}`,
    agb: t.agb,
    bedrag: new D(t.bedrag.replace(',', '.')),
    sector: t.sector as Toezegging['sector'],
  }));
  return herschik({ rows: rowsOf(opts.lines), pack, packParams: packParams.values, params: params.values, toezeggingen, hasApprovalColumn: true });
}
