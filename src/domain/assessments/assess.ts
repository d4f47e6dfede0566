/**
 * Assessing one provider's request for herberekening and/or hardheidsclausule against a procedure.
 * Pure: cells in, statuses with cited reasons out. The user's judgements (criteria, "reëel") are inputs;
 * where the seed has no decision model (hardheidsclausule) the result is a proposal, never a decision.
 */
import { shortCell } from '../parse';
import type { ParameterValues } from '../policy/types';
import { Collector, decParam } from './collector';
import { consistencyChecks } from './consistency';
import { deadlines } from './deadlines';
import { readFacts, type Facts } from './facts';
import { assessHardheidsclausule } from './hardheidsclausule';
import { assessHerberekening } from './herberekening';
import { IDENTITY_FIELDS } from './fields';
import type { Procedure } from './procedure';
import { ROUTE_STATUS_LABELS, type Identity, type Onderdeel, type ProviderAssessment, type ProviderInput, type RouteResult, type RouteStatus } from './types';

export { MONEY_TOLERANCE, RELATIVE_TOLERANCE } from './consistency';

/** Assess one provider. `params` are the procedure's parameters after the user's overrides. */
export function assessProvider(input: ProviderInput, proc: Procedure, params: ParameterValues): ProviderAssessment {
  const out = new Collector(proc);
  for (const f of input.formFindings ?? []) out.list.push(f);
  const facts = readFacts(input, proc, out);

  // Which routes: as stated, otherwise from the forms that were sent.
  let hb = facts.hb;
  let hhc = facts.hhc;
  if (hb === undefined && hhc === undefined) {
    const hbForm = proc.herberekening?.documents.find((d) => d.id === 'aanvraagformulier_herberekening');
    const hhcForm = proc.hardheidsclausule?.documents.find((d) => d.id === 'aanvraagformulier_hhc');
    hb = hbForm ? facts.doc(hbForm.id) : undefined;
    hhc = hhcForm ? facts.doc(hhcForm.id) : undefined;
    if (hb === undefined && hhc === undefined)
      out.add('algemeen', 'ROUTE_ONBEKEND', 'fout', 'Niet aangegeven of het om herberekening, hardheidsclausule of beide gaat.');
  }
  if (!facts.agb) out.add('algemeen', 'AGB_ONTBREEKT', 'fout', 'AGB-code ontbreekt.');
  else if (!/^\d{8}$/.test(facts.agb)) out.add('formulier', 'AGB_ONGELDIG', 'waarschuwing', `AGB-code "${facts.agb}" heeft niet 8 cijfers.`);
  if (facts.inkoopjaar !== undefined && facts.inkoopjaar !== proc.inkoopjaar) {
    out.add('formulier', 'INKOOPJAAR_WIJKT_AF', 'waarschuwing', `Inkoopjaar ${facts.inkoopjaar} wijkt af van het beleid (${proc.inkoopjaar}).`);
  }

  consistencyChecks(facts, params, out, hb === true || !proc.rules['HHC-juist-volledig'] ? 'HB-documenten' : 'HHC-juist-volledig');
  const termijn = deadlines(facts, hb === true, hhc === true, proc, params, out);
  const lower = isLower(facts, params);
  const herberekening = assessHerberekening(facts, hb === true, lower, termijn, proc, params, out);
  const hardheidsclausule = assessHardheidsclausule(facts, hb === true, hhc === true, lower, termijn, proc, params, out);

  const identiteit = identity(facts, input);
  if (!identiteit.zeker)
    out.add(
      'algemeen',
      'IDENTITEIT_ONZEKER',
      'waarschuwing',
      `${ROUTE_STATUS_LABELS['identiteit-onzeker']}: ${identiteit.redenen.join('; ')}. Een positieve uitkomst geldt pas als AGB-code en naam eenduidig op het formulier staan.`,
    );

  const order: Onderdeel[] = ['algemeen', 'formulier', 'termijn', 'herberekening', 'hardheidsclausule'];
  const findings = [...out.list].sort((a, b) => order.indexOf(a.onderdeel) - order.indexOf(b.onderdeel));
  return {
    agb: facts.agb ?? '',
    naam: facts.naam ?? '',
    bron: input.bron,
    bladen: input.bladen ?? [],
    identiteit,
    herberekening: { ...guardIdentity(herberekening, identiteit), findings: findings.filter((f) => f.onderdeel === 'herberekening') },
    hardheidsclausule: { ...guardIdentity(hardheidsclausule, identiteit), findings: findings.filter((f) => f.onderdeel === 'hardheidsclausule') },
    termijn: { ...termijn, findings: findings.filter((f) => f.onderdeel === 'termijn') },
    formulier: findings.filter((f) => f.onderdeel === 'formulier' || f.onderdeel === 'algemeen'),
    findings,
  };
}

/** Outcomes that are good news for the provider: shown only when it is known for sure who the provider is. */
export const POSITIVE_STATUSES: ReadonlySet<RouteStatus> = new Set(['handhaven', 'aanpassen', 'toekennen']);

/** Is the provider known for sure? AGB-code of 8 digits and a name, each read without doubt. */
function identity(facts: Facts, input: ProviderInput): Identity {
  const redenen: string[] = [];
  if (!facts.agb) redenen.push('AGB-code ontbreekt');
  else if (!/^\d{8}$/.test(facts.agb)) redenen.push(`AGB-code "${shortCell(facts.agb)}" heeft niet 8 cijfers`);
  if (!facts.naam) redenen.push('naam zorgaanbieder ontbreekt');
  for (const field of IDENTITY_FIELDS) if (input.unclear?.[field]) redenen.push(input.unclear[field]);
  return { zeker: redenen.length === 0, redenen };
}

/** A positive outcome for a provider that is not known for sure becomes "identiteit onzeker", keeping the outcome on the merits. */
function guardIdentity(r: Omit<RouteResult, 'findings'>, id: Identity): Omit<RouteResult, 'findings'> {
  if (id.zeker || !POSITIVE_STATUSES.has(r.status)) return r;
  return {
    ...r,
    status: 'identiteit-onzeker',
    inhoudelijk: r.status,
    uitkomst: `${ROUTE_STATUS_LABELS['identiteit-onzeker']}: ${id.redenen.join('; ')}. Inhoudelijk: ${r.uitkomst}`,
  };
}

/** Has this provider a lower percentage (the herberekening's target group)? undefined = cannot tell. */
function isLower(facts: Facts, params: ParameterValues): boolean | undefined {
  if (facts.lagerAfgesproken !== undefined) return facts.lagerAfgesproken;
  const ref = decParam(params, 'referentie_lager_percentage');
  if (facts.lager && ref) return facts.lager.lessThan(ref);
  return undefined;
}
