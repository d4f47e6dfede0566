/** How a policy is named in a narrow select: what tells packs apart first (sector, year), then the zorgkantoor. */
import type { PolicyPack } from '../domain/policy/types';

const SECTOR: Record<PolicyPack['sector'], string> = { VV: 'V&V', GZ: 'GZ', GGZ: 'GGZ', alle: 'Alle sectoren' };

/** "V&V 2024 · Zilveren Kruis", "GGZ 2024–2026 · Zilveren Kruis"; the full title goes in the option's tooltip. */
export function packShortLabel(p: Pick<PolicyPack, 'sector' | 'inkoopjaar' | 'inkoopjaren' | 'zorgkantoor'>): string {
  const years = p.inkoopjaren && p.inkoopjaren.length > 1 ? `${Math.min(...p.inkoopjaren)}–${Math.max(...p.inkoopjaren)}` : String(p.inkoopjaar);
  const office = p.zorgkantoor.replace(/\s*\(.*\)\s*$/, '').trim();
  return `${SECTOR[p.sector] ?? p.sector} ${years} · ${office.charAt(0).toUpperCase()}${office.slice(1)}`;
}
