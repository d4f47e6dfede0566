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
  PRESTATIECODE_FOUTWAARDE: 'fout',
  PRESTATIECODE_ONGELDIG: 'fout',
  ONBEKENDE_PRESTATIECODE: 'fout',
  PRESTATIE_UIT_KOLOMMEN: 'waarschuwing',
  CODE_ONZICHTBARE_TEKENS: 'waarschuwing',
  CODE_ALS_GETAL: 'waarschuwing',
  KOLOM_WIJKT_AF_VAN_CATALOGUS: 'info',
  ONLEESBARE_WAARDE: 'waarschuwing',
  WAARDE_GEINTERPRETEERD: 'info',
  BEDRAG_TWEEDUIDIG: 'waarschuwing',
  MAXIMUMTARIEF_ONTBREEKT: 'fout',
  MAXIMUMTARIEF_ONLEESBAAR: 'fout',
  MAXIMUMTARIEF_ONGELDIG: 'fout',
  MAXIMUMTARIEF_TE_GROOT: 'fout',
  MAXIMUMTARIEF_HOOG: 'waarschuwing',
  TARIEF_NUL: 'fout',
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
  INKOOPJAAR_ONTBREEKT: 'fout',
  INKOOPJAAR_LEEG_GELIJK: 'info',
} as const satisfies Record<string, Severity>;
export type EngineFlagCode = keyof typeof FLAG_CODES;

/** What a user reads for each engine flag: a Dutch name and a one-line meaning (the code stays for filters and tests). */
export const FLAG_INFO: Record<EngineFlagCode, { name: string; meaning: string }> = {
  GEEN_PRESTATIECODE: { name: 'Geen prestatiecode', meaning: 'De rij heeft geen prestatiecode; er is geen tarief berekend.' },
  PRESTATIECODE_FOUTWAARDE: {
    name: 'Foutwaarde als prestatiecode',
    meaning: 'De cel prestatiecode bevat een Excel-foutwaarde (zoals #VERW!); er is geen tarief berekend.',
  },
  PRESTATIECODE_ONGELDIG: {
    name: 'Geen geldige prestatiecode',
    meaning: 'De cel prestatiecode bevat iets dat geen prestatiecode kan zijn (een datum, tekst, een vreemd teken); er is geen tarief berekend.',
  },
  ONBEKENDE_PRESTATIECODE: {
    name: 'Onbekende prestatiecode',
    meaning: 'De code staat niet in de prestatiecodelijst of het beleid en de kolommen geven geen leveringsvorm; er is geen tarief berekend.',
  },
  PRESTATIE_UIT_KOLOMMEN: {
    name: 'Prestatie bepaald uit kolommen',
    meaning: 'De code staat niet in de prestatiecodelijst; de prestatie is bepaald uit de kolommen leveringsvorm, zorgprofiel of sector.',
  },
  CODE_ONZICHTBARE_TEKENS: {
    name: 'Onzichtbare tekens in code',
    meaning: 'De code bevat onzichtbare tekens (zoals een vaste spatie of tab); gelezen als de code die u ziet.',
  },
  CODE_ALS_GETAL: { name: 'Code als getal', meaning: 'De prestatiecode stond als getal in de cel; voorloopnullen kunnen verloren zijn.' },
  KOLOM_WIJKT_AF_VAN_CATALOGUS: {
    name: 'Kolom wijkt af van de lijst',
    meaning: 'Een kolom (sector, zorgprofiel of leveringsvorm) zegt iets anders dan de prestatiecodelijst; de kolom is gevolgd.',
  },
  ONLEESBARE_WAARDE: { name: 'Onleesbare waarde', meaning: 'Een cel is niet te lezen; regels die de waarde nodig hebben zijn niet toegepast.' },
  WAARDE_GEINTERPRETEERD: { name: 'Waarde uitgelegd', meaning: 'Een waarde kon op meer manieren gelezen worden; het signaal zegt hoe ze is gelezen.' },
  BEDRAG_TWEEDUIDIG: {
    name: 'Bedrag op twee manieren te lezen',
    meaning: 'Een bedrag als "254,675" of "1.234" kan een decimaal of een duizendtal zijn; het signaal zegt hoe het is gelezen.',
  },
  MAXIMUMTARIEF_ONTBREEKT: {
    name: 'Maximumtarief ontbreekt',
    meaning: 'Geen NZa-maximumtarief in de rij of de tarieventabel; alleen het percentage is berekend.',
  },
  MAXIMUMTARIEF_ONLEESBAAR: { name: 'Maximumtarief onleesbaar', meaning: 'Het NZa-maximumtarief is geen bedrag; er is geen tarief berekend.' },
  MAXIMUMTARIEF_ONGELDIG: { name: 'Maximumtarief ongeldig', meaning: 'Het NZa-maximumtarief is nul of negatief; er is geen tarief berekend.' },
  MAXIMUMTARIEF_TE_GROOT: {
    name: 'Maximumtarief te groot',
    meaning: 'Het NZa-maximumtarief is te groot om als bedrag in Excel te schrijven; er is geen tarief berekend.',
  },
  MAXIMUMTARIEF_HOOG: {
    name: 'Maximumtarief ongewoon hoog',
    meaning: 'Het NZa-maximumtarief is hoger dan een Wlz-tarief per eenheid ooit is; controleer het bedrag.',
  },
  TARIEF_NUL: { name: 'Tarief € 0,00', meaning: 'Het tarief komt op € 0,00 uit (het maximumtarief is kleiner dan een cent); er is geen tarief geschreven.' },
  TARIEF_BOVEN_MAXIMUM: { name: 'Tarief boven maximum', meaning: 'Het percentage ligt boven 100%: het tarief komt boven het NZa-maximumtarief.' },
  GECONTRACTEERD_WIJKT_AF: { name: 'Gecontracteerd tarief wijkt af', meaning: 'Het gecontracteerde tarief in de rij verschilt van het berekende tarief.' },
  PERCENTAGE_BUITEN_BEREIK: { name: 'Percentage buiten bereik', meaning: 'Het berekende percentage valt buiten het bereik van het beleid.' },
  DUBBELE_REGEL: { name: 'Dubbele regel', meaning: 'Dezelfde AGB-code en prestatie komen vaker voor (bij hetzelfde zorgkantoor, in hetzelfde inkoopjaar).' },
  PARAMETER_ONTBREEKT: {
    name: 'Parameter ontbreekt',
    meaning: 'Een parameter van het beleid heeft geen waarde; de regel die hem nodig heeft is niet toegepast.',
  },
  KENMERK_ONTBREEKT: { name: 'Kenmerk ontbreekt', meaning: 'Een kolom die een regel nodig heeft is leeg of ontbreekt.' },
  GEEN_BASISPERCENTAGE: { name: 'Geen basispercentage', meaning: 'Geen regel van het beleid geeft deze rij een basispercentage.' },
  UITGESLOTEN: { name: 'Uitgesloten', meaning: 'Het beleid sluit deze rij uit; er is geen tarief berekend.' },
  BEGRENSD: { name: 'Begrensd', meaning: 'Een op- of afslag of het percentage is afgetopt of opgehoogd tot de grens van het beleid.' },
  NIET_GESTAPELD: { name: 'Niet gestapeld', meaning: 'Een opslag is niet opgeteld omdat het beleid opslagen in deze groep niet stapelt.' },
  INKOOPJAAR_WIJKT_AF: {
    name: 'Inkoopjaar wijkt af',
    meaning:
      'Het inkoopjaar in de rij is geen jaar van het beleid; berekend met de waarden van het dichtstbijzijnde jaar van het beleid, dat het signaal noemt.',
  },
  INKOOPJAAR_ONTBREEKT: {
    name: 'Inkoopjaar ontbreekt',
    meaning: 'De cel Inkoopjaar is leeg of geen jaar, en het beleid rekent per jaar anders; er is geen tarief berekend.',
  },
  INKOOPJAAR_LEEG_GELIJK: {
    name: 'Inkoopjaar leeg, uitkomst gelijk',
    meaning: 'De cel Inkoopjaar is leeg of geen jaar, maar elk jaar van het beleid geeft dezelfde uitkomst; het tarief is berekend.',
  },
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
