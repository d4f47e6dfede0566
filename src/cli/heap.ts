/**
 * How the command line's V8 heap grows. A run holds little (≈ 30–40 MB live at 300k rows: one read window, the
 * index of repeated lines, the tallies) but makes a lot of short-lived garbage: every row's cells, result and XML. By
 * default V8 lets its old space grow to up to four times what was live at the last full collection before it
 * collects again (measured with --trace-gc: 38 MB live, next collection at ≈ 145 MB), so the peak RSS was mostly
 * garbage waiting (≈ 290 MB at 300k rows where every row differs). Growing by at most HEAP_GROWING_PERCENT after a
 * collection keeps the peak near what is live, for a few more full collections of a small heap (see
 * docs/performance.md for the measured cost).
 *
 * `--heap-growing-percent` is a V8 flag read each time V8 sets the next collection's limit, so setting it when the
 * process starts takes effect (measured: peak RSS 290 → 190 MB). Node warns that flags set after start may do
 * nothing or behave unpredictably (https://nodejs.org/api/v8.html#v8setflagsfromstringflags): this one only moves
 * when collections happen, never what a run computes, and a user's own NODE_OPTIONS/--heap-growing-percent wins.
 */
import v8 from 'node:v8';

export const HEAP_GROWING_PERCENT = 75;

export function configureHeap(execArgv: readonly string[] = process.execArgv, nodeOptions = process.env.NODE_OPTIONS ?? ''): boolean {
  const own = [...execArgv, nodeOptions].some((a) => /--heap[-_]growing[-_]percent/.test(a));
  if (!own) v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return !own;
}
