/** Named flags: a stable code, a severity, a Dutch message for the user and, where a rule applies, its citation. */
import type { Citation, Severity } from './types';

export interface Flag {
  code: string;
  severity: Severity;
  message: string;
  citation?: Citation;
  ruleId?: string;
}

/** The engine's own flags. Packs add their own codes through `flag` and `exclude` rules. */
export const FLAG_CODES = {
  GEEN_PRESTATIECODE: 'fout',
  ONBEKENDE_PRESTATIECODE: 'fout',
  CODE_ALS_GETAL: 'waarschuwing',
  KOLOM_WIJKT_AF_VAN_CATALOGUS: 'info',
  ONLEESBARE_WAARDE: 'waarschuwing',
  WAARDE_GEINTERPRETEERD: 'info',
  MAXIMUMTARIEF_ONTBREEKT: 'fout',
  MAXIMUMTARIEF_ONLEESBAAR: 'fout',
  MAXIMUMTARIEF_ONGELDIG: 'fout',
  TARIEF_BOVEN_MAXIMUM: 'fout',
  GECONTRACTEERD_WIJKT_AF: 'waarschuwing',
  PERCENTAGE_BUITEN_BEREIK: 'waarschuwing',
  DUBBELE_REGEL: 'waarschuwing',
  PARAMETER_ONTBREEKT: 'fout',
  KENMERK_ONTBREEKT: 'fout',
  GEEN_BASISPERCENTAGE: 'fout',
  UITGESLOTEN: 'fout',
  BEGRENSD: 'info',
  NIET_GESTAPELD: 'info',
  INKOOPJAAR_WIJKT_AF: 'waarschuwing',
} as const satisfies Record<string, Severity>;
export type EngineFlagCode = keyof typeof FLAG_CODES;

export function flag(code: EngineFlagCode, message: string, extra: Partial<Pick<Flag, 'citation' | 'ruleId'>> = {}): Flag {
  return { code, severity: FLAG_CODES[code], message, ...extra };
}

const SEVERITY_ORDER: Record<Severity, number> = { fout: 0, waarschuwing: 1, info: 2 };

export function worstSeverity(flags: readonly Flag[]): Severity | undefined {
  return flags.reduce<Severity | undefined>(
    (worst, f) => (worst === undefined || SEVERITY_ORDER[f.severity] < SEVERITY_ORDER[worst] ? f.severity : worst),
    undefined,
  );
}

/** "004 §6.3 L1031-1032" — short form for explanations and cells. */
export function formatCitation(c: Citation): string {
  const doc = c.document.replace(/_[0-9a-f]{8,}\.txt$/, '').replace(/\.txt$/, '');
  return [doc, c.paragraaf, c.regels].filter(Boolean).join(' ');
}

/** One line per flag, as written in the signalen column. */
export function formatFlag(f: Flag): string {
  return `[${f.severity}] ${f.code}: ${f.message}${f.citation ? ` (${formatCitation(f.citation)})` : ''}`;
}
