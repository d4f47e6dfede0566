/** The shape every workbook job shares: its phases, how it reports progress and how it is cancelled. */

export type RunPhase = 'lezen' | 'rekenen' | 'schrijven';

/** The user cancelled before anything was written. */
export class RunCancelled extends Error {
  constructor() {
    super('Berekening afgebroken; er is niets in de werkmap geschreven.');
  }
}

/** What every job can be told by its caller (the CLI or the pane's job hook). */
export interface JobOptions {
  now?: Date;
  /** Called with (rows done, rows total) while computing. */
  onProgress?: (done: number, total: number) => void;
  /** Called when a job starts reading, computing or writing. */
  onPhase?: (phase: RunPhase) => void;
  /** Cancels the job while it reads or computes; once writing has started, the job completes. */
  signal?: AbortSignal;
  /**
   * Called often in every long loop; it gives the page a turn when a slice is used up
   * (src/taskpane/jobs/slicer.ts). Reading and computing also check for a cancel there.
   */
  pause?: () => Promise<void>;
}
