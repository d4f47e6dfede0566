/** Hardheidsclausule (002 §2.2.2; 004 §2.7, §6.9.6): a proposal, never a decision (the seed has no decision model). */
import { formatPercentage } from '../money';
import type { ParameterValues } from '../policy/types';
import { cite, formErrors, incompleteReason, names, num, result, type Base, type Collector, type Outcome, type Termijn } from './collector';
import { formatDate } from './dates';
import type { Facts } from './facts';
import type { Procedure, RouteDef } from './procedure';
import { adjustedOmzet, criteria, missingDocuments } from './requirements';

/** Hardheidsclausule: outside the policy or not asked, admissibility, the form's conditions, completeness, the criteria. */
export function assessHardheidsclausule(
  facts: Facts,
  hb: boolean,
  hhc: boolean,
  lower: boolean | undefined,
  termijn: Termijn,
  proc: Procedure,
  params: ParameterValues,
  out: Collector,
): Outcome {
  const route = proc.hardheidsclausule;
  if (!hhc) return result('niet-aangevraagd', false, 'geen beroep.');
  if (!route) {
    out.add('hardheidsclausule', 'HARDHEIDSCLAUSULE_NIET_IN_BELEID', 'fout', `Het beleid ${proc.id} kent geen hardheidsclausule.`);
    return result('niet-in-beleid', true, `het beleid ${proc.id} kent geen hardheidsclausule.`, { ontvankelijk: false });
  }
  const refused = newProviderTooSmall(facts, proc, params, out) ?? herberekeningFirst(facts, hb, lower, proc, out);
  if (refused) return refused;
  if (hb && out.has('BEIDE-gelijktijdig')) bothRoutesTogether(facts, termijn, out);
  hardheidsclausuleForm(facts, out);

  const late = termijn.ontvangen.hardheidsclausule !== undefined && termijn.uiterste !== undefined && termijn.ontvangen.hardheidsclausule > termijn.uiterste;
  if (late)
    return result(
      'niet-ontvankelijk',
      true,
      `ontvangen na de vervaltermijn ${termijn.uiterste ? formatDate(termijn.uiterste) : ''}${cite(proc, 'HHC-termijn')}.`,
      { ontvankelijk: false },
    );

  const hhcOmzet = facts.hhcOmzet ?? (hb ? undefined : facts.omzet);
  const omzetBijgesteld = out.has('HHC-nza-bijstelling') ? adjustedOmzet(hhcOmzet, params, 'hardheidsclausule', 'HHC-nza-bijstelling', out) : undefined;
  const ontbreekt = missingDocuments(route, facts, 'hardheidsclausule', out);
  const { leeg, onjuist } = formErrors(out);
  for (const l of leeg) if (!ontbreekt.includes(l)) ontbreekt.push(l);
  const base = { ontvankelijk: termijn.status === 'onbekend' ? undefined : true, ontbreekt, omzetBijgesteld };
  if (ontbreekt.length || onjuist.length) {
    const why = incompleteReason(false, ontbreekt, onjuist);
    const until = termijn.uiterste ? ` Aanvullen kan tot ${formatDate(termijn.uiterste)}; daarna volgt afwijzing.` : '';
    const rule = out.has('HHC-na-termijn') ? 'HHC-na-termijn' : 'HHC-documenten';
    out.add('hardheidsclausule', 'ONVOLLEDIG', 'fout', `${why}.${until}`, rule);
    return result('niet-in-behandeling', true, `${why}.${until}${cite(proc, rule)}`, base);
  }
  return hardheidsclausuleCriteria(facts, route, proc, base, out);
}

/** A new provider with fewer Wlz-cliënten than the minimum is in principle not contracted, so not admissible. */
function newProviderTooSmall(facts: Facts, proc: Procedure, params: ParameterValues, out: Collector): Outcome | undefined {
  const min = num(params, 'minimum_wlz_clienten');
  if (!out.has('NIEUW-10') || min === undefined || facts.nieuw !== true) return undefined;
  if (facts.clienten === undefined) {
    out.add(
      'hardheidsclausule',
      'AANTAL_CLIENTEN_ONTBREEKT',
      'waarschuwing',
      `Nieuwe zorgaanbieder zonder aantal Wlz-cliënten: controleer de grens van ${min}.`,
      'NIEUW-10',
    );
    return undefined;
  }
  if (facts.clienten >= min) return undefined;
  out.add(
    'hardheidsclausule',
    'NIEUW_MINDER_DAN_10_CLIENTEN',
    'fout',
    `Nieuwe zorgaanbieder met ${facts.clienten} Wlz-cliënten (minder dan ${min}): komt in principe niet voor contractering in aanmerking, dus ook niet voor de hardheidsclausule. Bevestig handmatig.`,
    'NIEUW-10',
  );
  return result('niet-ontvankelijk', true, `nieuwe aanbieder met ${facts.clienten} Wlz-cliënten, minder dan ${min}${cite(proc, 'NIEUW-10')}.`, {
    ontvankelijk: false,
  });
}

/** A provider with a lower percentage asks for herberekening first (both at once): the hardheidsclausule alone is not admissible. */
function herberekeningFirst(facts: Facts, hb: boolean, lower: boolean | undefined, proc: Procedure, out: Collector): Outcome | undefined {
  if (!out.has('HHC-voorliggend') || !proc.herberekening || lower !== true || hb || facts.nieuw === true) return undefined;
  out.add(
    'hardheidsclausule',
    'HERBEREKENING_VOORLIGGEND',
    'fout',
    'Deze aanbieder heeft een lager tariefpercentage: de herberekening gaat voor. Vraag herberekening en hardheidsclausule gelijktijdig aan.',
    'HHC-voorliggend',
  );
  return result('niet-ontvankelijk', true, `herberekening is voorliggend; dien beide formulieren gelijktijdig in${cite(proc, 'HHC-voorliggend')}.`, {
    ontvankelijk: false,
  });
}

/** Both routes: sent on the same day, and the hardheidsclausule form with the sector's percentage and its omzet. */
function bothRoutesTogether(facts: Facts, termijn: Termijn, out: Collector): void {
  const a = termijn.ontvangen.herberekening;
  const b = termijn.ontvangen.hardheidsclausule;
  if (a && b && a !== b)
    out.add(
      'hardheidsclausule',
      'NIET_GELIJKTIJDIG',
      'waarschuwing',
      `Herberekening (${formatDate(a)}) en hardheidsclausule (${formatDate(b)}) zijn niet gelijktijdig ingediend.`,
      'BEIDE-gelijktijdig',
    );
  if (facts.hhcPercentage && facts.plafond && !facts.hhcPercentage.equals(facts.plafond)) {
    out.add(
      'hardheidsclausule',
      'PERCENTAGE_HHC_WIJKT_AF',
      'waarschuwing',
      `Het formulier hardheidsclausule moet het voor de prestatie geldende tariefpercentage bevatten (${formatPercentage(facts.plafond)}), niet ${formatPercentage(facts.hhcPercentage)}.`,
      'BEIDE-percentages',
    );
  }
  if (!facts.hhcPercentage || !facts.hhcOmzet)
    out.add(
      'hardheidsclausule',
      'GEGEVEN_ONTBREEKT',
      'waarschuwing',
      'Bij beide routes: het formulier hardheidsclausule met het voor de prestatie geldende tariefpercentage en de bijbehorende omzet ontbreekt.',
      'BEIDE-percentages',
    );
}

/** How the request was made: the subject names the hardheidsclausule, and the provider spoke to the zorginkoper first. */
function hardheidsclausuleForm(facts: Facts, out: Collector): void {
  if (out.has('HHC-formulier') && facts.onderwerp === false)
    out.add(
      'hardheidsclausule',
      'ONDERWERP_ZONDER_HARDHEIDSCLAUSULE',
      'waarschuwing',
      'Het onderwerp van het bericht noemt de term "hardheidsclausule" niet.',
      'HHC-formulier',
    );
  if (out.has('HHC-zorginkoper') && facts.contactZorginkoper === false)
    out.add(
      'hardheidsclausule',
      'GEEN_CONTACT_ZORGINKOPER',
      'waarschuwing',
      'Er is (nog) geen contact geweest met de zorginkoper over de reden van het beroep.',
      'HHC-zorginkoper',
    );
}

/**
 * A complete request, weighed on its criteria: a core criterion not shown rejects, an open one waits, a negative
 * weighing is the zorginkoper's decision, all shown grants (until the end of the inkoopjaar). No decision model: a proposal.
 */
function hardheidsclausuleCriteria(facts: Facts, route: RouteDef, proc: Procedure, base: Base, out: Collector): Outcome {
  const crit = criteria(route, facts, 'hardheidsclausule', out);
  const kernNee = crit.nee.filter((c) => c.kern);
  const wegingNee = crit.nee.filter((c) => !c.kern);
  const noModel = cite(proc, 'HHC-geen-beslismodel');
  if (kernNee.length) {
    out.add('hardheidsclausule', 'CRITERIUM_NIET_AANGETOOND', 'fout', `Niet aangetoond: ${names(kernNee)}.`, kernNee[0].rule);
    return result('afwijzen', true, `niet aangetoond: ${names(kernNee)}. Het besluit ligt bij het zorgkantoor${noModel}.`, base);
  }
  if (crit.open.length) {
    out.add('hardheidsclausule', 'OORDEEL_ONTBREEKT', 'waarschuwing', `Nog te beoordelen: ${names(crit.open)}.`, crit.open[0].rule);
    return result('te-beoordelen', true, `open: ${names(crit.open)}.`, { ...base, ontbreekt: crit.open.map((c) => c.label) });
  }
  if (wegingNee.length) {
    out.add(
      'hardheidsclausule',
      'WEGING_NEGATIEF',
      'waarschuwing',
      `De kerncriteria zijn aangetoond, maar de weging valt negatief uit op: ${names(wegingNee)}. Besluit van de zorginkoper.`,
      wegingNee[0].rule,
    );
    return result('te-beoordelen', true, `kerncriteria aangetoond; weging negatief op: ${names(wegingNee)}. Besluit van de zorginkoper${noModel}.`, base);
  }
  const geldigTot = `${proc.inkoopjaar}-12-31`;
  out.add(
    'hardheidsclausule',
    'GELDIGHEID',
    'info',
    `Afspraken op grond van de hardheidsclausule gelden tot uiterlijk ${formatDate(geldigTot)}.`,
    'HHC-geldigheid',
  );
  return result(
    'toekennen',
    true,
    `alle criteria aangetoond; het zorgkantoor bepaalt of en welke afspraken${noModel}; geldig tot uiterlijk ${formatDate(geldigTot)}${cite(proc, 'HHC-geldigheid')}.`,
    { ...base, geldigTot },
  );
}
