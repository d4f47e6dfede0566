/** Named flags: a stable code, a severity, a Dutch message for the user and, where a rule applies, its citation. */
import { documentTitle, type DocumentTitles } from './documents';
import { FLAG_CODES, type EngineFlagCode } from './signal-codes';
import { signalInfo } from './signals';
import type { Citation, Severity } from './types';

export interface Flag {
  code: string;
  severity: Severity;
  message: string;
  citation?: Citation;
  ruleId?: string;
  /** Dutch display name of a pack's own flag (its `flag` effect's `name`); the others have theirs in signals.ts. */
  name?: string;
}

export const SEVERITY_LABEL: Record<Severity, string> = { fout: 'Fout', waarschuwing: 'Waarschuwing', info: 'Ter informatie' };

/**
 * A flag's Dutch display name: the signal dictionary's for every code Tariefwijzer itself emits, else the name the
 * pack gives its own signal, else the pack author's own code in words ("KWALITEITSPLAN_ONBEKEND" → "Kwaliteitsplan
 * onbekend"): a user's pack or policy sheet may give a signal only a code, and that code is their own wording.
 */
export function flagName(f: Pick<Flag, 'code' | 'name'>): string {
  return signalInfo(f.code)?.name ?? f.name ?? packCodeInWords(f.code);
}

function packCodeInWords(code: string): string {
  const words = code.toLowerCase().replace(/_+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The one-line meaning of a signal kind; undefined for a pack's own signals (their message says it). */
export function flagMeaning(code: string): string | undefined {
  return signalInfo(code)?.meaning;
}

export function flag(code: EngineFlagCode, message: string, extra: Partial<Pick<Flag, 'citation' | 'ruleId'>> = {}): Flag {
  return { code, severity: FLAG_CODES[code], message, ...extra };
}

export const SEVERITY_ORDER: Record<Severity, number> = { fout: 0, waarschuwing: 1, info: 2 };

export function worstSeverity(flags: readonly Flag[]): Severity | undefined {
  return flags.reduce<Severity | undefined>(
    (worst, f) => (worst === undefined || SEVERITY_ORDER[f.severity] < SEVERITY_ORDER[worst] ? f.severity : worst),
    undefined,
  );
}

/**
 * "Zilveren Kruis, Inkoopbeleid Wlz GGZ 2024–2026 (versie 2025), §2.3.2": the document's short title and the
 * paragraph, what a reader can look up. The file name and the line numbers stay in the pack (for the tests).
 */
export function formatCitation(c: Citation, titles?: DocumentTitles): string {
  return [documentTitle(c.document, titles), c.paragraaf].filter(Boolean).join(', ');
}

/** "Toezeggingen!4" → "blad Toezeggingen, rij 4"; "Contracteerruimte!B3" → "blad Contracteerruimte, cel B3". */
export function readableRef(ref: string): string {
  const i = ref.lastIndexOf('!');
  if (i < 0) return ref;
  const where = ref.slice(i + 1);
  return `blad ${ref.slice(0, i).replace(/^'(.*)'$/, '$1')}, ${/^\d+$/.test(where) ? 'rij' : 'cel'} ${where}`;
}

/** One line per flag, as written in the signalen column: "[waarschuwing] Handmatig beoordelen: … (bron)". */
export function formatFlag(f: Flag): string {
  return flagFormatter()(f);
}

/**
 * formatFlag with the titles of a pack's own documents (`titlesOf(pack.sources)`). The "[fout]" and
 * "[waarschuwing]" prefixes are what the highlight rules look for (HIGHLIGHTS in workbook/jobs/annotate.ts).
 */
export function flagFormatter(titles?: DocumentTitles): (f: Flag) => string {
  return (f) => `[${f.severity}] ${flagName(f)}: ${f.message}${f.citation ? ` (${formatCitation(f.citation, titles)})` : ''}`;
}
