/** Shared vocabulary of the domain. Codes are English identifiers; labels for users live in labels.ts. */

/** Wlz sectors. GZ and GGZ have subgroups (profielgroep). */
export type Sector = 'VV' | 'GZ' | 'GGZ';

/** Profile groups inside a sector: VV; GZ: VG, LG, ZGaud, ZGvis, LVG, SGLVG; GGZ: B, C, W. */
export type Profielgroep = 'VV' | 'VG' | 'LG' | 'ZGaud' | 'ZGvis' | 'LVG' | 'SGLVG' | 'GGZ-B' | 'GGZ-C' | 'GGZ-W';

export type Leveringsvorm =
  | 'ZZP' // verblijf in een instelling (intramuraal)
  | 'VPT' // volledig pakket thuis
  | 'MPT' // modulair pakket thuis
  | 'DTV' // deeltijdverblijf
  | 'dagbesteding'
  | 'toeslag'
  | 'NHC'
  | 'NIC'
  | 'behandeling'
  | 'overig';

/** Which part of the NZa tariff a prestatie pays: care, or the capital components NHC/NIC. */
export type Component = 'zorg' | 'NHC' | 'NIC';

/** A prestatie as the engine sees it after classification. */
export interface Prestatie {
  /** Prestatiecode as text, exactly as declared (leading zeros kept), upper-cased. */
  code: string;
  description?: string;
  sector?: Sector;
  profielgroep?: Profielgroep;
  /** Zorgprofiel in canonical form, e.g. "4VV", "5VG", "GGZ-5W", "GGZ-7B", "3ZGvis". */
  zorgprofiel?: string;
  leveringsvorm?: Leveringsvorm;
  component: Component;
  /** true = incl. behandeling, false = excl. behandeling, undefined = not applicable/unknown. */
  behandeling?: boolean;
  unit?: string;
  /** Where this classification came from. */
  origin: 'catalogus' | 'kolommen' | 'catalogus+kolommen' | 'beleid';
}

/** A catalog entry (the data file): classification of one code from the reference lists. */
export interface CatalogEntry {
  code: string;
  description: string;
  sector?: Sector;
  profielgroep?: Profielgroep;
  zorgprofiel?: string;
  leveringsvorm: Leveringsvorm;
  component: Component;
  behandeling?: boolean;
  unit?: string;
}

export type Severity = 'fout' | 'waarschuwing' | 'info';

/** A citation of a seed document. */
export interface Citation {
  document: string;
  paragraaf?: string;
  /** Line range in the document, e.g. "L1031-1032" or "A-L28". */
  regels: string;
  /** A verbatim fragment of the cited text (checked against the document in tests). */
  citaat?: string;
}
