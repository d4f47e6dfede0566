/** The policy packs shipped with Tariefwijzer, validated when first asked for. */
import { validatePack } from '../domain/policy/load';
import type { PackResolver } from '../domain/policy/source';
import type { PolicyPack } from '../domain/policy/types';
import zkVv2017 from './zk-vv-2017.json';
import znGz2017 from './zn-gz-2017.json';
import landelijk2022 from './landelijk-2022.json';
import zkVv2024 from './zk-vv-2024.json';
import vgzVv2024 from './vgz-vv-2024.json';
import menzisVv2024 from './menzis-vv-2024.json';
import czVv2024 from './cz-vv-2024.json';
import sallandVv2024 from './salland-vv-2024.json';
import dswVv2024 from './dsw-vv-2024.json';
import zzVv2024 from './zz-vv-2024.json';
import zkGgz2025 from './zk-ggz-2025.json';

const RAW: unknown[] = [zkVv2017, znGz2017, landelijk2022, zkVv2024, vgzVv2024, menzisVv2024, czVv2024, sallandVv2024, dswVv2024, zzVv2024, zkGgz2025];

let packs: PolicyPack[] | undefined;

/** All shipped packs. A shipped pack that fails validation is a programming error. */
export function listPacks(): PolicyPack[] {
  if (!packs) {
    packs = RAW.map((raw) => {
      const { pack, errors } = validatePack(raw);
      if (!pack) throw new Error(`Meegeleverd beleid ongeldig: ${errors.map((e) => `${e.place}: ${e.message}`).join('; ')}`);
      return pack;
    });
  }
  return packs;
}

export function getPack(id: string): PolicyPack | undefined {
  return listPacks().find((p) => p.id === id);
}

/** `extends` by id against the shipped packs; files only where the caller adds a reader (the CLI). */
export const SHIPPED_RESOLVER: PackResolver = {
  shipped: getPack,
  shippedIds: () => listPacks().map((p) => p.id),
};
