/** The policy-pack format: a dated, versioned data file with a citation on every rule. */
import type { Citation, CatalogEntry, Sector, Severity } from '../types';
import type { FieldDef } from '../fields';

/** A number written in the pack (95.5 or "95.5"), a parameter, or a value from the row. */
export type ValueRef = number | string | { param: string } | { field: string };

export type ParameterType = 'percentage' | 'points' | 'number' | 'boolean' | 'choice' | 'date' | 'rounding';

export interface ParameterDef {
  type: ParameterType;
  label: string;
  /** What it means, what the default is and why (Dutch). */
  description: string;
  /** null = no value until the user sets one (e.g. a richttarief published later). */
  default: number | string | boolean | null;
  choices?: string[];
  min?: number;
  max?: number;
  source?: Citation;
  /**
   * Values for particular inkoopjaren of a multi-year pack ({ "2024": 97.3 }); a year not named here has
   * `default`. null = no value for that year yet.
   */
  perJaar?: Record<string, number | string | boolean | null>;
}

/** A condition on the row. Fields are prestatie facts (prestatiecode, sector, leveringsvorm, ...) or row fields. */
export type Condition = { all: Condition[] } | { any: Condition[] } | { not: Condition } | FieldCondition | { param: string; is: boolean | string };

export interface FieldCondition {
  field: string;
  in?: Array<string | number | boolean>;
  is?: boolean | string | number;
  present?: boolean;
  lt?: ValueRef;
  lte?: ValueRef;
  gt?: ValueRef;
  gte?: ValueRef;
}

export type Effect =
  | { set: ValueRef; final?: boolean }
  | { add: ValueRef; min?: ValueRef; max?: ValueRef; maxResult?: ValueRef; group?: string }
  | { cap: ValueRef }
  | { floor: ValueRef }
  | { flag: { code: string; severity: Severity; message: string; /** Dutch display name (else made from the code). */ name?: string } }
  | { exclude: { code?: string; message: string; name?: string } };

export interface Rule {
  id: string;
  /** Dutch: what the rule does, as a user reads it in the explanation. */
  description: string;
  when?: Condition;
  /** Only for rows of these inkoopjaren (of a multi-year pack); without it the rule holds for every year. */
  jaren?: number[];
  effect: Effect;
  source: Citation;
  /** Where the rule rests on a reading of an ambiguous text: what was read and why. */
  interpretation?: string;
}

export interface StackGroup {
  description: string;
  /** true/false or a boolean parameter: do the add rules of this group add up, or does only the largest apply? */
  stack: boolean | { param: string };
}

export interface PolicyPack {
  id: string;
  version: string;
  title: string;
  zorgkantoor: string;
  sector: Sector | 'alle';
  /** The main inkoopjaar: the year of rows without an Inkoopjaar, and of `default` values. */
  inkoopjaar: number;
  /** A policy for several years (e.g. 2024–2026): every row uses its own Inkoopjaar if it is one of these. */
  inkoopjaren?: number[];
  /** Date of the policy text (YYYY-MM-DD). */
  published?: string;
  description: string;
  /** The documents the rules cite; `short` is the title users read in citations ("Zilveren Kruis, Inkoopbeleid …"). */
  sources: Array<{ document: string; title: string; short?: string; note?: string }>;
  parameters: Record<string, ParameterDef>;
  /** Extra row fields this pack reads (opslag criteria and the like). */
  fields?: Record<string, FieldDef>;
  /** Prestaties the pack names that are newer than the catalog (e.g. Z1007). */
  prestaties?: CatalogEntry[];
  groups?: Record<string, StackGroup>;
  /** The percentages this policy can produce for care; outside it a row is flagged. */
  range?: { min?: ValueRef; max?: ValueRef; source: Citation };
  rules: Rule[];
}

export type ParameterValue = import('../money').Dec | string | boolean | null;
export type ParameterValues = Record<string, ParameterValue>;
