/** Named flags: a stable code, a severity, a Dutch message for the user and, where a rule applies, its citation. */
import { documentTitle, type DocumentTitles } from './documents';
import type { Citation, Severity } from './types';

export interface Flag {
  code: string;
  severity: Severity;
  message: string;
  citation?: Citation;
  ruleId?: string;
  /** Dutch display name of a pack's own flag (its `flag` effect's `name`); engine flags have theirs in FLAG_INFO. */
  name?: string;
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

/**
 * What users read of each engine flag: a Dutch display name and a one-line meaning (the code stays for
 * tests and for the packs). Every engine code has an entry (the Record type makes a missing one a type error).
 */
export const FLAG_INFO: Record<EngineFlagCode, { name: string; meaning: string }> = {
  GEEN_PRESTATIECODE: { name: 'Geen prestatiecode', meaning: 'De rij heeft geen prestatiecode; er is geen tarief berekend.' },
  ONBEKENDE_PRESTATIECODE: { name: 'Onbekende prestatiecode', meaning: 'De code staat niet in de prestatielijst en volgt niet uit zorgprofiel of leveringsvorm; geen tarief.' },
  CODE_ALS_GETAL: { name: 'Code als getal', meaning: 'De code stond als getal in de cel; voorloopnullen kunnen verloren zijn.' },
  KOLOM_WIJKT_AF_VAN_CATALOGUS: { name: 'Afwijkend van de prestatielijst', meaning: 'Uw kolom (sector, zorgprofiel of leveringsvorm) wijkt af van de prestatielijst; uw kolom is gebruikt.' },
  ONLEESBARE_WAARDE: { name: 'Onleesbare waarde', meaning: 'Een cel was niet te lezen; regels die deze waarde nodig hebben, zijn overgeslagen.' },
  WAARDE_GEINTERPRETEERD: { name: 'Waarde uitgelegd', meaning: 'Een cel is op een bepaalde manier gelezen, bijvoorbeeld 0,955 als 95,5%.' },
  MAXIMUMTARIEF_ONTBREEKT: { name: 'Maximumtarief ontbreekt', meaning: 'Geen NZa-maximumtarief: wel een percentage, geen tarief.' },
  MAXIMUMTARIEF_ONLEESBAAR: { name: 'Maximumtarief onleesbaar', meaning: 'Het NZa-maximumtarief is niet te lezen (bijvoorbeeld #N/B): geen tarief.' },
  MAXIMUMTARIEF_ONGELDIG: { name: 'Maximumtarief ongeldig', meaning: 'Het NZa-maximumtarief is nul of negatief: geen tarief.' },
  TARIEF_BOVEN_MAXIMUM: { name: 'Boven het maximumtarief', meaning: 'Het percentage ligt boven 100%: het tarief komt boven het NZa-maximumtarief.' },
  GECONTRACTEERD_WIJKT_AF: { name: 'Gecontracteerd tarief wijkt af', meaning: 'Het gecontracteerde tarief in de rij verschilt van het berekende.' },
  PERCENTAGE_BUITEN_BEREIK: { name: 'Percentage buiten bereik', meaning: 'Het percentage valt buiten wat het beleid kan opleveren.' },
  DUBBELE_REGEL: { name: 'Dubbele regel', meaning: 'Dezelfde AGB-code en prestatie staan vaker in het blad.' },
  PARAMETER_ONTBREEKT: { name: 'Parameter ontbreekt', meaning: 'Een parameter die een regel nodig heeft, is niet ingesteld: geen percentage.' },
  KENMERK_ONTBREEKT: { name: 'Gegeven ontbreekt', meaning: 'Een kolom die een regel nodig heeft, is leeg of ontbreekt: geen percentage.' },
  GEEN_BASISPERCENTAGE: { name: 'Geen basispercentage', meaning: 'Geen regel van het beleid geeft deze prestatie een basispercentage.' },
  UITGESLOTEN: { name: 'Uitgesloten', meaning: 'Het beleid sluit deze prestatie uit: geen tarief.' },
  BEGRENSD: { name: 'Begrensd', meaning: 'Een opslag of het percentage is afgetopt op het maximum van het beleid.' },
  NIET_GESTAPELD: { name: 'Niet gestapeld', meaning: 'Een opslag is niet opgeteld bij een andere opslag.' },
  INKOOPJAAR_WIJKT_AF: { name: 'Ander inkoopjaar', meaning: 'Het inkoopjaar in de rij is niet dat van het beleid.' },
};

export const SEVERITY_LABEL: Record<Severity, string> = { fout: 'Fout', waarschuwing: 'Waarschuwing', info: 'Ter informatie' };

/** "NIEUW_MINDER_DAN_10_CLIENTEN" → "Nieuw minder dan 10 clienten": a readable name for a code without one. */
export function nameFromCode(code: string): string {
  const words = code.toLowerCase().replace(/_+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A flag's Dutch display name: FLAG_INFO for engine codes, the pack's `name`, or one made from the code. */
export function flagName(f: Pick<Flag, 'code' | 'name'>): string {
  return (FLAG_INFO as Record<string, { name: string } | undefined>)[f.code]?.name ?? f.name ?? nameFromCode(f.code);
}

/** The one-line meaning of an engine flag kind; undefined for a pack's own flags (their message says it). */
export function flagMeaning(code: string): string | undefined {
  return (FLAG_INFO as Record<string, { meaning: string } | undefined>)[code]?.meaning;
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
 * "[waarschuwing]" prefixes are what the highlight rules look for (HIGHLIGHTS in workbook/annotate.ts).
 */
export function flagFormatter(titles?: DocumentTitles): (f: Flag) => string {
  return (f) => `[${f.severity}] ${flagName(f)}: ${f.message}${f.citation ? ` (${formatCitation(f.citation, titles)})` : ''}`;
}
