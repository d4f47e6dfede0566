/**
 * Keeping the pane responsive while a job runs on the main thread: long loops call `pause()` often (it is cheap)
 * and it gives the page a turn (paint, input, the Annuleren button) once the current slice has run for
 * `budgetMs`. Office desktop restarts an add-in that does not respond for 5 s; a browser counts a task over
 * 50 ms as long. Slicing by elapsed time rather than by row count keeps slices short on a slow or busy machine.
 */

/** Yields to the page when the slice is used up; resolves at once (a microtask) otherwise. */
export type Pause = () => Promise<void>;

const now = () => (typeof performance === 'undefined' ? Date.now() : performance.now());

/** A macrotask: MessageChannel (not clamped like nested setTimeout), or setTimeout where there is none. */
export function nextTask(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(0);
  });
}

export function createPause(budgetMs = 25): Pause {
  let sliceStart = now();
  return async () => {
    if (now() - sliceStart < budgetMs) return;
    await nextTask();
    sliceStart = now();
  };
}
