/** A result's outcome (domain/outcome.ts) as the colour of its summary: green only for good news. */
import type { Outcome } from '../domain/outcome';

export const INTENT: Record<Outcome, 'success' | 'warning' | 'error'> = { goed: 'success', aandacht: 'warning', fout: 'error' };
