/** What an assessment produces: per route a status with reasons, the deadlines, and all findings with citations. */
import type { Flag } from '../flags';
import type { AssessmentCode } from '../signals';
import type { Dec } from '../money';
import type { CellValue } from '../parse';

export type Onderdeel = 'herberekening' | 'hardheidsclausule' | 'termijn' | 'formulier' | 'algemeen';

/** A flag that belongs to one part of the assessment. */
export interface Finding extends Flag {
  /** Every code has its name in the signal dictionary (signals.ts). */
  code: AssessmentCode;
  onderdeel: Onderdeel;
  /** For a missing or empty form field: its label (it then counts as "onvolledig", not "onjuist"). */
  veld?: string;
}

export type RouteStatus =
  | 'niet-aangevraagd'
  | 'niet-in-beleid'
  | 'niet-ontvankelijk'
  | 'niet-in-behandeling'
  | 'te-beoordelen'
  | 'identiteit-onzeker'
  | 'handhaven'
  | 'aanpassen'
  | 'toekennen'
  | 'afwijzen';

export const ROUTE_STATUS_LABELS: Record<RouteStatus, string> = {
  'niet-aangevraagd': 'Niet aangevraagd',
  'niet-in-beleid': 'Niet in dit beleid',
  'niet-ontvankelijk': 'Niet-ontvankelijk',
  'niet-in-behandeling': 'Niet in behandeling',
  'te-beoordelen': 'Te beoordelen',
  'identiteit-onzeker': 'Identiteit onzeker — handmatig controleren',
  handhaven: 'Lager tarief handhaven',
  aanpassen: 'Tarief aanpassen',
  toekennen: 'Voorstel: toekennen',
  afwijzen: 'Voorstel: afwijzen',
};

export interface RouteResult {
  status: RouteStatus;
  /**
   * The outcome on the merits when `status` is 'identiteit-onzeker': what the route would be if the AGB-code and
   * name were read cleanly (a positive outcome is never shown for a provider that is not known for sure).
   */
  inhoudelijk?: RouteStatus;
  aangevraagd: boolean;
  /** undefined when it cannot be decided from the data (e.g. no date of receipt). */
  ontvankelijk?: boolean;
  /** Dutch names of what is missing (documents, facts, judgements). */
  ontbreekt: string[];
  /** One Dutch sentence: the proposed outcome and why. */
  uitkomst: string;
  voorgesteldPercentage?: Dec;
  kostendekkendPercentage?: Dec;
  plafond?: Dec;
  omzetBijgesteld?: Dec;
  /** Last day an agreement under the hardheidsclausule is valid. */
  geldigTot?: string;
  findings: Finding[];
}

export type DeadlineStatus = 'tijdig' | 'te-laat' | 'onbekend' | 'geen-termijn' | 'niet-van-toepassing';

export interface DeadlineResult {
  status: DeadlineStatus;
  publicatie?: string;
  uiterste?: string;
  advies?: string;
  terugkoppeling?: string;
  kortGedingTot?: string;
  ontvangen: { herberekening?: string; hardheidsclausule?: string };
  samenvatting: string;
  findings: Finding[];
}

export interface ProviderInput {
  /** Where the facts come from, for the user: a file name or "Blad!4, 7". */
  bron: string;
  cells: Record<string, CellValue>;
  /** Field → cell address, for messages ("Aanvraag!C7"). */
  refs?: Record<string, string>;
  /** Findings of reading the form (tables, missing labels). */
  formFindings?: Finding[];
  /** The sheets the facts were read from (the request sheet first). */
  bladen?: string[];
  /** Field → why its value is not read cleanly (a label twice with different values, a label where the value should be). */
  unclear?: Record<string, string>;
}

/** Whether the provider is known for sure: AGB-code and name present, valid and read without doubt. */
export interface Identity {
  zeker: boolean;
  /** Dutch reasons when not sure. */
  redenen: string[];
}

export interface ProviderAssessment {
  agb: string;
  naam: string;
  bron: string;
  /** The sheets the facts were read from (the request sheet first); empty when not from a workbook. */
  bladen: string[];
  identiteit: Identity;
  herberekening: RouteResult;
  hardheidsclausule: RouteResult;
  termijn: DeadlineResult;
  /** Completeness and consistency of the data/form. */
  formulier: Finding[];
  /** Everything, in order: algemeen, formulier, termijn, herberekening, hardheidsclausule. */
  findings: Finding[];
}
