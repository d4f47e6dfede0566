/** Scenarios: the same production priced twice (another pack or other parameters), the € difference per provider and sector. */
import { D, type Dec } from '../money';
import type { Sector } from '../types';
import type { HerschikResult } from './herschik';

export interface ProviderDifference {
  agb: string;
  naam: string;
  sector: Sector;
  extrapolatedBase: Dec;
  extrapolatedAlt: Dec;
  /** alt − base */
  extrapolatedDiff: Dec;
  afspraakBase: Dec | null;
  afspraakAlt: Dec | null;
  afspraakDiff: Dec | null;
}

export interface SectorDifference {
  sector: Sector;
  extrapolatedBase: Dec;
  extrapolatedAlt: Dec;
  extrapolatedDiff: Dec;
  verwachtDiff: Dec;
  afsprakenDiff: Dec;
  uitnuttingBase?: Dec;
  uitnuttingAlt?: Dec;
  kortingBase?: Dec;
  kortingAlt?: Dec;
}

export interface Comparison {
  label: string;
  providers: ProviderDifference[];
  sectors: SectorDifference[];
  total: { extrapolatedDiff: Dec; afsprakenDiff: Dec };
}

const ZERO = new D(0);

export function compareHerschikking(base: HerschikResult, alt: HerschikResult, label: string): Comparison {
  const key = (p: { agb: string; sector: string }) => `${p.sector}\u0000${p.agb}`;
  const altProviders = new Map(alt.providers.map((p) => [key(p), p]));
  const baseProviders = new Map(base.providers.map((p) => [key(p), p]));
  const keys = [...new Set([...baseProviders.keys(), ...altProviders.keys()])].sort();
  const providers = keys.map((k) => {
    const b = baseProviders.get(k);
    const a = altProviders.get(k);
    const eb = b?.extrapolated ?? ZERO;
    const ea = a?.extrapolated ?? ZERO;
    const ab = b ? b.afspraak : null;
    const aa = a ? a.afspraak : null;
    return {
      agb: (b ?? a)!.agb,
      naam: (b ?? a)!.naam,
      sector: (b ?? a)!.sector,
      extrapolatedBase: eb,
      extrapolatedAlt: ea,
      extrapolatedDiff: ea.minus(eb),
      afspraakBase: ab,
      afspraakAlt: aa,
      afspraakDiff: ab && aa ? aa.minus(ab) : null,
    };
  });
  const sectorNames = [...new Set([...base.sectors, ...alt.sectors].map((s) => s.sector))].sort();
  const sectors = sectorNames.map((sector) => {
    const b = base.sectors.find((s) => s.sector === sector);
    const a = alt.sectors.find((s) => s.sector === sector);
    const eb = b?.extrapolated ?? ZERO;
    const ea = a?.extrapolated ?? ZERO;
    return {
      sector,
      extrapolatedBase: eb,
      extrapolatedAlt: ea,
      extrapolatedDiff: ea.minus(eb),
      verwachtDiff: (a?.verwacht ?? ZERO).minus(b?.verwacht ?? ZERO),
      afsprakenDiff: (a?.afsprakenTotaal ?? ZERO).minus(b?.afsprakenTotaal ?? ZERO),
      uitnuttingBase: b?.uitnutting,
      uitnuttingAlt: a?.uitnutting,
      kortingBase: b?.kortingPercentage,
      kortingAlt: a?.kortingPercentage,
    };
  });
  return {
    label,
    providers,
    sectors,
    total: {
      extrapolatedDiff: sectors.reduce((s, x) => s.plus(x.extrapolatedDiff), ZERO),
      afsprakenDiff: sectors.reduce((s, x) => s.plus(x.afsprakenDiff), ZERO),
    },
  };
}
