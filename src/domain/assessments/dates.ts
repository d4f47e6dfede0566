/**
 * Calendar dates as "YYYY-MM-DD" strings: days, not instants, so no time zone can shift them.
 * Arithmetic goes through Date.UTC only.
 */

export function parseIso(iso: string): { y: number; m: number; d: number } {
  const [y, m, d] = iso.split('-').map(Number);
  return { y, m, d };
}

/** iso + n calendar days (n may be negative). */
export function addDays(iso: string, n: number): string {
  const { y, m, d } = parseIso(iso);
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return `${String(t.getUTCFullYear()).padStart(4, '0')}-${String(t.getUTCMonth() + 1).padStart(2, '0')}-${String(t.getUTCDate()).padStart(2, '0')}`;
}

/** Whole calendar days from a to b (b − a). */
export function daysBetween(a: string, b: string): number {
  const pa = parseIso(a);
  const pb = parseIso(b);
  // both are UTC midnights (no daylight saving), so the difference is a whole number of days
  return (Date.UTC(pb.y, pb.m - 1, pb.d) - Date.UTC(pa.y, pa.m - 1, pa.d)) / 86_400_000;
}

/** Dutch notation as the seeds write it: "25-9-2024". */
export function formatDate(iso: string): string {
  const { y, m, d } = parseIso(iso);
  return `${d}-${m}-${y}`;
}
