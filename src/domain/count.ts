/** A count in Dutch notation, one helper for every count a user reads: 20000 → "20.000". No dependencies (the pane's first chunk uses it). */
export function formatCount(n: number): string {
  const int = String(Math.trunc(Math.abs(n)));
  return `${n < 0 ? '-' : ''}${int.replace(/\B(?=(\d{3})+(?!\d))/g, '.')}`;
}
