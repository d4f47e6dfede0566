/** FNV-1a, the one hash of short texts in Tariefwijzer (keys, fingerprints): fast and stable, not for security. */

/** FNV-1a's offset basis: the state before any text. */
export const FNV_OFFSET = 0x811c9dc5;

/** FNV-1a's 32-bit prime. */
export const FNV_PRIME = 0x01000193;

/**
 * FNV-1a over a string's UTF-16 code units, going on from `state` (so a text can be hashed in pieces). The state
 * is a signed 32-bit integer as Math.imul leaves it: `>>> 0` gives the unsigned value.
 */
export function fnv1a(text: string, state = FNV_OFFSET): number {
  let h = state;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
}
