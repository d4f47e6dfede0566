import type { Host } from './office-port';

/** Where the pane runs: inside Excel (or the demo host), in a plain browser, or in Office without usable Excel. */
export type Environment = { kind: 'office'; host: Host } | { kind: 'browser' } | { kind: 'unavailable'; reason: string };
