/** Dutch text for cells and summaries: what the workbook, the CLI and the task pane show. */
import { flagName, formatCitation, formatFlag } from '../flags';
import { formatPercentage } from '../money';
import { formatDate } from './dates';
import { ROUTE_STATUS_LABELS, type DeadlineResult, type Finding, type ProviderAssessment, type RouteResult, type RouteStatus } from './types';

/**
 * How an outcome reads for the user: good news, something to act on, a negative outcome, or nothing asked.
 * The pane's colours and the command line's exit code follow it, so both say the same.
 */
export type Tone = 'goed' | 'aandacht' | 'negatief' | 'neutraal';

export const ROUTE_STATUS_TONE: Record<RouteStatus, Tone> = {
  'niet-aangevraagd': 'neutraal',
  'niet-in-beleid': 'negatief',
  'niet-ontvankelijk': 'negatief',
  'niet-in-behandeling': 'negatief',
  'te-beoordelen': 'aandacht',
  'identiteit-onzeker': 'aandacht',
  handhaven: 'goed',
  aanpassen: 'goed',
  toekennen: 'goed',
  afwijzen: 'aandacht',
};

/**
 * Why this assessment asks for the user's action before it can be used: the provider is not known for sure, no
 * route is stated, or a route waits for a judgement or a decision. Empty: nothing to act on.
 */
export function attentionReasons(a: ProviderAssessment): string[] {
  const reasons: string[] = [];
  if (!a.identiteit.zeker) reasons.push(`identiteit onzeker (${a.identiteit.redenen.join('; ')})`);
  if (a.findings.some((f) => f.code === 'ROUTE_ONBEKEND')) reasons.push('niet aangegeven of het om herberekening, hardheidsclausule of beide gaat');
  for (const [name, r] of [
    ['herberekening', a.herberekening],
    ['hardheidsclausule', a.hardheidsclausule],
  ] as const) {
    if (r.aangevraagd && ROUTE_STATUS_TONE[r.status] === 'aandacht' && r.status !== 'identiteit-onzeker')
      reasons.push(`${name}: ${ROUTE_STATUS_LABELS[r.status].toLowerCase()}`);
  }
  return reasons;
}

const lines = (fs: Finding[]) => fs.filter((f) => f.severity !== 'info' || f.code !== 'GEEN_TERMIJN').map(formatFlag);

/** The cell of a route column: the outcome on the first line, then one line per finding. */
export function routeCell(r: RouteResult): string {
  if (!r.aangevraagd) return r.uitkomst;
  return [r.uitkomst, ...lines(r.findings)].join('\n');
}

export function termijnCell(t: DeadlineResult): string {
  return [t.samenvatting, ...t.findings.filter((f) => f.code !== 'GEEN_TERMIJN').map(formatFlag)].join('\n');
}

/** Which route(s) the provider asked for, in words. */
export function routeLabel(a: ProviderAssessment): string {
  const hb = a.herberekening.aangevraagd;
  const hhc = a.hardheidsclausule.aangevraagd;
  return hb && hhc ? 'beide' : hb ? 'herberekening' : hhc ? 'hardheidsclausule' : 'geen';
}

export function shortStatus(r: RouteResult): string {
  return ROUTE_STATUS_LABELS[r.status];
}

/** ja / nee / onbekend (not decidable from the data) / — (not asked). */
export function admissible(r: RouteResult): string {
  if (!r.aangevraagd) return '—';
  return r.ontvankelijk === undefined ? 'onbekend' : r.ontvankelijk ? 'ja' : 'nee';
}

/** Headers of the summary sheet, in order. */
export const SUMMARY_HEADERS = [
  'AGB-code',
  'Zorgaanbieder',
  'Identiteit',
  'Bron',
  'Route',
  'Termijn',
  'Uiterste datum',
  'Ontvangen',
  'Herberekening ontvankelijk',
  'Herberekening',
  'Voorgesteld percentage',
  'Hardheidsclausule ontvankelijk',
  'Hardheidsclausule',
  'Ontbreekt',
  'Formulier (fouten/waarschuwingen)',
  'Uitkomst en redenen',
] as const;

export function summaryRow(a: ProviderAssessment): Array<string | number | null> {
  const received = [...new Set([a.termijn.ontvangen.herberekening, a.termijn.ontvangen.hardheidsclausule].filter(Boolean) as string[])];
  const form = a.formulier.filter((f) => f.severity !== 'info');
  const ontbreekt = [...a.herberekening.ontbreekt, ...a.hardheidsclausule.ontbreekt];
  return [
    a.agb || null,
    a.naam || null,
    a.identiteit.zeker ? 'zeker' : `onzeker — handmatig controleren: ${a.identiteit.redenen.join('; ')}`,
    a.bron,
    routeLabel(a),
    a.termijn.status,
    a.termijn.uiterste ? formatDate(a.termijn.uiterste) : null,
    received.map(formatDate).join(', ') || null,
    admissible(a.herberekening),
    shortStatus(a.herberekening),
    a.herberekening.voorgesteldPercentage ? formatPercentage(a.herberekening.voorgesteldPercentage) : null,
    admissible(a.hardheidsclausule),
    shortStatus(a.hardheidsclausule),
    [...new Set(ontbreekt)].join('; ') || null,
    form.length ? `${form.filter((f) => f.severity === 'fout').length} / ${form.filter((f) => f.severity === 'waarschuwing').length}` : '0 / 0',
    [
      a.herberekening.aangevraagd ? `Herberekening — ${a.herberekening.uitkomst}` : '',
      a.hardheidsclausule.aangevraagd ? `Hardheidsclausule — ${a.hardheidsclausule.uitkomst}` : '',
      `Termijn — ${a.termijn.samenvatting}`,
    ]
      .filter(Boolean)
      .join('\n'),
  ];
}

/** One line per finding, for the second table of the summary sheet. */
export const FINDING_HEADERS = ['AGB-code', 'Zorgaanbieder', 'Onderdeel', 'Ernst', 'Signaal', 'Uitleg', 'Bron', 'Citaat'] as const;

export function findingRows(a: ProviderAssessment): Array<Array<string | null>> {
  return a.findings.map((f) => [
    a.agb || null,
    a.naam || null,
    f.onderdeel,
    f.severity,
    flagName(f),
    f.message,
    f.citation ? formatCitation(f.citation) : null,
    f.citation?.citaat ?? null,
  ]);
}
