/**
 * The signal codes the engine and the herschikking emit, with their severity. Apart from flags.ts and the
 * herschikking so that the signal dictionary (signals.ts) can be typed by them without importing either.
 */
import type { Severity } from './types';

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

/** The herschikking's own flags (production/herschik.ts). */
export const PRODUCTION_FLAGS = {
  MAAND_ONLEESBAAR: 'fout',
  VOLUME_ONTBREEKT: 'fout',
  AGB_ONTBREEKT: 'fout',
  SECTOR_ONBEKEND: 'fout',
  GEEN_TARIEF: 'fout',
  NIET_GOEDGEKEURD: 'waarschuwing',
  GOEDKEURING_ONBEKEND: 'waarschuwing',
  NEGATIEF_VOLUME: 'waarschuwing',
  BEDRAG_WIJKT_AF: 'waarschuwing',
  ANDER_JAAR: 'waarschuwing',
  NA_PEILDATUM: 'info',
  MAAND_ONTBREEKT: 'waarschuwing',
  LAATSTE_MAAND_ONTBREEKT: 'waarschuwing',
  TREND: 'waarschuwing',
  CRISIS_BEZETTING_LAAG: 'waarschuwing',
  CRISISPLAATSEN_ONBEKEND: 'info',
  NIEUWE_AANBIEDER_MAATWERK: 'info',
  NEGATIEVE_PRODUCTIE: 'waarschuwing',
  LAGER_DAN_TUSSENTIJDS: 'info',
  TOEZEGGING_ZONDER_SECTOR: 'fout',
  CONTRACTEERRUIMTE_ONTBREEKT: 'fout',
  BINNEN_MARGE: 'info',
  TUSSENTIJDSE_HERSCHIKKING: 'waarschuwing',
  TERUGHOUDEND_VOOR_1_JUNI: 'info',
  KORTING: 'info',
  TEKORT_ZONDER_KORTING: 'waarschuwing',
  NIET_OP_CONTRACTEERRUIMTE: 'waarschuwing',
  TOEZEGGINGEN_BOVEN_RUIMTE: 'fout',
  PEILDATUM_AFGELEID: 'info',
} as const satisfies Record<string, Severity>;
export type ProductionFlagCode = keyof typeof PRODUCTION_FLAGS;
