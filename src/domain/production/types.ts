/** What a herschikking takes (rows, pack, parameters, toezeggingen) and gives (rows, providers, sectors, totals), and its working parts. */
import type { InputRow, RowResult } from '../engine';
import type { Flag } from '../flags';
import type { Dec, RoundingMode } from '../money';
import type { ParameterValues, PolicyPack } from '../policy/types';
import type { Sector } from '../types';
import type { YearMonth } from './months';

export interface Toezegging {
  ref: string;
  agb: string;
  zorgaanbieder?: string;
  /** Undefined when the table has no sector: then the provider's only sector or the pack's. */
  sector?: Sector;
  bedrag: Dec;
  tussentijdseAfspraak?: Dec;
  toelichting?: string;
}

export interface HerschikInput {
  rows: readonly InputRow[];
  pack: PolicyPack;
  /** The pack's parameters (as for annotate). */
  packParams: ParameterValues;
  /** The herschikking parameters (HERSCHIK_PARAMETERS, resolved). */
  params: ParameterValues;
  /** Contracteerruimte read from labelled cells; a parameter `contracteerruimte.X` goes first. */
  contracteerruimteCells?: Partial<Record<Sector, { value: Dec; where: string }>>;
  toezeggingen?: readonly Toezegging[];
  /** false when the sheet has no Goedgekeurd column: every row then counts as approved (noted). */
  hasApprovalColumn?: boolean;
}

export interface RowOutcome {
  ref: string;
  agb?: string;
  sector?: Sector;
  month?: YearMonth;
  tarief?: Dec;
  omzet?: Dec;
  /** Counted in the realised production. */
  counted: boolean;
  flags: Flag[];
  explanation: string;
  engine?: RowResult;
}

export interface ProviderResult {
  agb: string;
  naam: string;
  sector: Sector;
  nieuw: boolean;
  realised: Dec;
  projection: Dec;
  /** realised + projection (≥ 0 after clamping, flagged). */
  extrapolated: Dec;
  toezegging: Dec;
  tussentijdseAfspraak?: Dec;
  /** Korting in €, on the extrapolated production. */
  korting: Dec;
  /** The proposed herschikkingsafspraak; null for maatwerk or when the sector has no contracteerruimte. */
  afspraak: Dec | null;
  /** Monthly counted omzet, index 0 = januari. */
  months: Dec[];
  crisis: Array<{ prestatiecode: string; plaatsen?: Dec; bezetting?: Dec }>;
  flags: Flag[];
  explanation: string;
}

export interface MonthPoint {
  month: number;
  omzet: Dec;
  cumulatief: Dec;
  /** Expected year production as it looked with this month as last month (same method), plus toezeggingen. */
  prognose: Dec;
  /** prognose / contracteerruimte × 100, when known. */
  uitnutting?: Dec;
}

export interface SectorResult {
  sector: Sector;
  contracteerruimte?: Dec;
  contracteerruimteBron?: string;
  realised: Dec;
  extrapolated: Dec;
  toezeggingen: Dec;
  /** Reserved for new providers (maatwerk). */
  reservering: Dec;
  /** extrapolated + toezeggingen. */
  verwacht: Dec;
  uitnutting?: Dec;
  tekort: Dec;
  /** Share of the extrapolated production not covered, in %. */
  onzekerheid?: Dec;
  kortingPercentage?: Dec;
  afsprakenTotaal: Dec;
  months: MonthPoint[];
  flags: Flag[];
  explanation: string;
}

export interface HerschikResult {
  year: number;
  peildatum: string | null;
  lastMonth: number;
  method: string;
  rows: RowOutcome[];
  providers: ProviderResult[];
  sectors: SectorResult[];
  totals: { contracteerruimte: Dec; realised: Dec; extrapolated: Dec; toezeggingen: Dec; afspraken: Dec };
  flagCounts: Record<string, number>;
  notes: string[];
}

/** Counted production of one provider, sector and prestatie, per month (index 0 = januari). */
export interface Line {
  agb: string;
  naam: string;
  sector: Sector;
  prestatiecode: string;
  crisis: boolean;
  plaatsen?: Dec;
  nieuw: boolean;
  omzet: Dec[];
  volume: Dec[];
  months: Set<number>;
}

export interface Run {
  input: HerschikInput;
  year: number;
  peildatum: string | null;
  lastMonth: number;
  /** PEILDATUM_AFGELEID when the last month was taken from the data, shown on every sector. */
  peilFlags: Flag[];
  method: string;
  nMonths: number;
  mode: RoundingMode;
}
