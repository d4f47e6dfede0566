/**
 * What both routes of an assessment share: the findings collected with their rule's citation, a route's outcome, the
 * procedure's parameters, and why a request is not taken into consideration.
 */
import { formatCitation } from '../flags';
import { D, type Dec } from '../money';
import type { ParameterValues } from '../policy/types';
import type { AssessmentCode } from '../signals';
import type { Severity } from '../types';
import type { CriterionDef, Procedure } from './procedure';
import { ROUTE_STATUS_LABELS, type DeadlineResult, type Finding, type Onderdeel, type RouteResult, type RouteStatus } from './types';

export class Collector {
  readonly list: Finding[] = [];
  constructor(private readonly proc: Procedure) {}
  add(onderdeel: Onderdeel, code: AssessmentCode, severity: Severity, message: string, rule?: string): Finding {
    const f: Finding = { onderdeel, code, severity, message };
    if (rule && this.proc.rules[rule]) {
      f.citation = this.proc.rules[rule].source;
      f.ruleId = rule;
    }
    this.list.push(f);
    return f;
  }
  has(rule: string): boolean {
    return Boolean(this.proc.rules[rule]);
  }
}

export type Termijn = Omit<DeadlineResult, 'findings'>;
export type Outcome = Omit<RouteResult, 'findings'>;

/** What both routes know once a request is complete: admissible or not yet known, and the adjusted omzet. */
export type Base = Partial<Outcome>;

export function num(p: ParameterValues, name: string): number | undefined {
  const v = p[name];
  return v instanceof D ? v.toNumber() : undefined;
}
export function decParam(p: ParameterValues, name: string): Dec | undefined {
  const v = p[name];
  return v instanceof D ? v : undefined;
}
export function dateParam(p: ParameterValues, name: string): string | undefined {
  const v = p[name];
  return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined;
}

export const cite = (proc: Procedure, rule: string) => (proc.rules[rule] ? ` (${formatCitation(proc.rules[rule].source)})` : '');

/** Errors in the form: empty or missing fields make the request incomplete, the others make it incorrect. */
export function formErrors(out: Collector): { leeg: string[]; onjuist: Finding[] } {
  const fout = out.list.filter((f) => f.onderdeel === 'formulier' && f.severity === 'fout');
  return { leeg: [...new Set(fout.filter((f) => f.veld).map((f) => f.veld!))], onjuist: fout.filter((f) => !f.veld) };
}

export const names = (cs: CriterionDef[]) => cs.map((c) => c.label.charAt(0).toLowerCase() + c.label.slice(1)).join('; ');

export function result(status: RouteStatus, aangevraagd: boolean, uitkomst: string, extra: Partial<RouteResult> = {}): Omit<RouteResult, 'findings'> {
  return { status, aangevraagd, ontbreekt: [], uitkomst: `${ROUTE_STATUS_LABELS[status]}: ${uitkomst}`, ...extra };
}

/** Why a request is not taken into consideration: late, incomplete, incorrect, as one clause. */
export function incompleteReason(late: boolean, ontbreekt: string[], onjuist: Finding[]): string {
  return [
    late ? 'te laat ontvangen' : '',
    ontbreekt.length ? `onvolledig (ontbreekt: ${ontbreekt.join(', ')})` : '',
    onjuist.length ? `onjuist (${onjuist.length} fout${onjuist.length > 1 ? 'en' : ''} in het formulier)` : '',
  ]
    .filter(Boolean)
    .join('; ');
}
