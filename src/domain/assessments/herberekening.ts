/** Herberekening of a lower tariff percentage (004 §2.3.4, §6.9.5). */
import { type Dec, formatPercentage, minDec } from '../money';
import type { ParameterValues } from '../policy/types';
import { cite, decParam, formErrors, incompleteReason, names, result, type Base, type Collector, type Outcome, type Termijn } from './collector';
import { kostendekkend } from './consistency';
import type { Facts } from './facts';
import type { CriterionDef, Procedure, RouteDef } from './procedure';
import { adjustedOmzet, criteria, missingDocuments } from './requirements';

/** Herberekening: outside the policy or not asked, the target group, completeness, then the judgement "reëel". */
export function assessHerberekening(
  facts: Facts,
  hb: boolean,
  lower: boolean | undefined,
  termijn: Termijn,
  proc: Procedure,
  params: ParameterValues,
  out: Collector,
): Outcome {
  const route = proc.herberekening;
  if (!route) return hb ? herberekeningOutsidePolicy(proc, out) : result('niet-aangevraagd', false, 'geen verzoek.');
  if (!hb) return result('niet-aangevraagd', false, 'geen verzoek.');
  const outsideGroup = herberekeningTargetGroup(facts, lower, proc, params, out);
  if (outsideGroup) return outsideGroup;

  const ontbreekt = herberekeningMissing(route, facts, out);
  const { leeg, onjuist } = formErrors(out);
  for (const l of leeg) if (!ontbreekt.includes(l)) ontbreekt.push(l);
  const late = termijn.ontvangen.herberekening !== undefined && termijn.uiterste !== undefined && termijn.ontvangen.herberekening > termijn.uiterste;
  const omzetBijgesteld = adjustedOmzet(facts.omzet, params, 'herberekening', 'HB-nza-bijstelling', out);
  if (late || ontbreekt.length || onjuist.length) {
    const why = incompleteReason(late, ontbreekt, onjuist);
    out.add('herberekening', 'NIET_IN_BEHANDELING', 'fout', `Aanvraag niet in behandeling: ${why}. Het lagere tariefpercentage blijft.`, 'HB-onvolledig');
    return result('niet-in-behandeling', true, `${why}${cite(proc, 'HB-onvolledig')}.`, {
      ontvankelijk: lower === undefined ? undefined : !late,
      ontbreekt,
      omzetBijgesteld,
    });
  }
  return herberekeningJudgement(facts, lower, termijn, route, proc, params, omzetBijgesteld, out);
}

/** A request for herberekening under a policy that has none: not admissible, only the hardheidsclausule can be assessed. */
function herberekeningOutsidePolicy(proc: Procedure, out: Collector): Outcome {
  out.add(
    'herberekening',
    'HERBEREKENING_NIET_IN_BELEID',
    'fout',
    `Het beleid ${proc.id} (${proc.document.replace(/_.*/, '')}) kent geen procedure herberekening tariefpercentage.`,
  );
  return result('niet-in-beleid', true, `het beleid ${proc.id} kent geen herberekening; beoordeel alleen de hardheidsclausule.`, { ontvankelijk: false });
}

/**
 * Admissible only for providers with a lower percentage; a new provider has none. The outcome when the provider is
 * outside the target group, else undefined (with a finding saying whether it is inside or cannot be told).
 */
function herberekeningTargetGroup(facts: Facts, lower: boolean | undefined, proc: Procedure, params: ParameterValues, out: Collector): Outcome | undefined {
  const outside = (message: string) => {
    out.add('herberekening', 'NIET_DOELGROEP', 'fout', message, 'HB-doelgroep');
    return result('niet-ontvankelijk', true, `alleen voor aanbieders met een afgesproken lager tariefpercentage${cite(proc, 'HB-doelgroep')}.`, {
      ontvankelijk: false,
    });
  };
  if (facts.nieuw === true) return outside('Nieuwe zorgaanbieder: er is geen lager tariefpercentage voor 2023 afgesproken, dus geen herberekening.');
  const ref = decParam(params, 'referentie_lager_percentage');
  if (lower === false) {
    return outside(
      facts.lager && ref
        ? `Tariefpercentage vorig jaar ${formatPercentage(facts.lager)} is niet lager dan het richttarief ${formatPercentage(ref)}.`
        : 'Er is geen lager tariefpercentage afgesproken.',
    );
  }
  if (lower === true) {
    out.add(
      'herberekening',
      'LAGER_TARIEF_AFGESPROKEN',
      'info',
      facts.lagerAfgesproken === true
        ? 'Met deze aanbieder is een lager tariefpercentage afgesproken.'
        : `Tariefpercentage vorig jaar ${formatPercentage(facts.lager!)} is lager dan het richttarief ${formatPercentage(ref!)}.`,
      'HB-doelgroep',
    );
  } else {
    out.add(
      'herberekening',
      'DOELGROEP_ONBEKEND',
      'waarschuwing',
      'Niet te bepalen of met deze aanbieder een lager tariefpercentage is afgesproken (vul Tariefpercentage vorig jaar of Lager tariefpercentage afgesproken in).',
      'HB-doelgroep',
    );
  }
  return undefined;
}

/** What the herberekening still lacks: its documents, the lower percentage and the omzet at that percentage. */
function herberekeningMissing(route: RouteDef, facts: Facts, out: Collector): string[] {
  const ontbreekt = missingDocuments(route, facts, 'herberekening', out);
  if (!facts.lager) {
    ontbreekt.push('Tariefpercentage vorig jaar');
    out.add('herberekening', 'GEGEVEN_ONTBREEKT', 'fout', 'Het lagere tariefpercentage ontbreekt.', 'BEIDE-percentages');
  }
  if (!facts.omzet) {
    ontbreekt.push('Wlz-omzet huidig tariefpercentage');
    out.add('herberekening', 'GEGEVEN_ONTBREEKT', 'fout', 'De omzet bij het lagere tariefpercentage ontbreekt.', 'BEIDE-percentages');
  }
  return ontbreekt;
}

/** A complete herberekening: the lower tariff is reëel (kept), not reëel (adjusted), or still to be judged. */
function herberekeningJudgement(
  facts: Facts,
  lower: boolean | undefined,
  termijn: Termijn,
  route: RouteDef,
  proc: Procedure,
  params: ParameterValues,
  omzetBijgesteld: Dec | undefined,
  out: Collector,
): Outcome {
  const plafond = decParam(params, 'plafond_herberekening') ?? facts.plafond;
  const nodig = facts.benodigd ?? kostendekkend(facts);
  const base: Base = {
    ontvankelijk: lower === undefined || termijn.status === 'onbekend' ? undefined : true,
    omzetBijgesteld,
    plafond,
    kostendekkendPercentage: nodig,
  };
  const crit = criteria(route, facts, 'herberekening', out);
  const kernNee = crit.nee.filter((c) => c.kern);
  if (facts.reeel === true || (facts.reeel === undefined && kernNee.length)) return lowerTariffKept(facts, kernNee, proc, base, out);
  if (facts.reeel === false) return lowerTariffAdjusted(facts, kernNee, plafond, nodig, proc, base, out);
  // No judgement yet: what is open, and what the form itself indicates.
  const open = [...crit.open.map((c) => c.label), 'Oordeel: lager tarief is reëel (ja/nee)'];
  let hint = '';
  if (nodig && facts.lager) {
    hint = nodig.greaterThan(facts.lager)
      ? ` Indicatie uit het formulier: niet reëel (kostendekkend vraagt ${formatPercentage(nodig)}, huidig ${formatPercentage(facts.lager)}${plafond ? `; voorstel dan ${formatPercentage(minDec(nodig, plafond))}` : ''}).`
      : ` Indicatie uit het formulier: reëel (kostendekkend bij ${formatPercentage(nodig)}, huidig ${formatPercentage(facts.lager)}).`;
  }
  out.add('herberekening', 'OORDEEL_ONTBREEKT', 'waarschuwing', `Nog te beoordelen: ${open.join('; ')}.${hint}`, 'HB-criteria');
  return result('te-beoordelen', true, `open: ${open.join('; ')}.${hint}`, { ...base, ontbreekt: open });
}

/** The lower tariff stays: judged reëel, or (without a judgement) a core criterion was not shown. */
function lowerTariffKept(facts: Facts, kernNee: CriterionDef[], proc: Procedure, base: Base, out: Collector): Outcome {
  const why =
    facts.reeel === true
      ? `het lagere tarief ${facts.lager ? formatPercentage(facts.lager) + ' ' : ''}is reëel${facts.onderbouwingReeel ? ` (${facts.onderbouwingReeel})` : ''}`
      : `niet aangetoond: ${names(kernNee)}`;
  out.add('herberekening', 'LAGER_TARIEF_REEEL', 'info', `Het lagere tarief blijft: ${why}.`, 'HB-reeel');
  if (facts.reeel === true && !facts.onderbouwingReeel)
    out.add('herberekening', 'ONDERBOUWING_ONTBREEKT', 'waarschuwing', 'Oordeel "reëel" zonder onderbouwing.', 'HB-reeel');
  return result('handhaven', true, `${why}${cite(proc, 'HB-reeel')}.`, { ...base, voorgesteldPercentage: facts.lager });
}

/** Judged not reëel: the tariff goes up to the kostendekkend percentage, at most the plafond (a proposal when both are known). */
function lowerTariffAdjusted(
  facts: Facts,
  kernNee: CriterionDef[],
  plafond: Dec | undefined,
  nodig: Dec | undefined,
  proc: Procedure,
  base: Base,
  out: Collector,
): Outcome {
  if (kernNee.length)
    out.add('herberekening', 'OORDEEL_TEGENSTRIJDIG', 'waarschuwing', `"Niet reëel", maar niet aangetoond: ${names(kernNee)}.`, 'HB-criteria');
  if (!facts.onderbouwingReeel)
    out.add('herberekening', 'ONDERBOUWING_ONTBREEKT', 'waarschuwing', 'Oordeel "niet reëel" zonder onderbouwing.', 'HB-niet-reeel');
  const { voorgesteld, how } = proposedPercentage(plafond, nodig, out);
  if (voorgesteld && facts.lager && voorgesteld.lessThanOrEqualTo(facts.lager)) {
    out.add(
      'herberekening',
      'GEEN_VERHOGING',
      'waarschuwing',
      `Het voorgestelde percentage ${formatPercentage(voorgesteld)} is niet hoger dan het huidige ${formatPercentage(facts.lager)}; controleer het oordeel "niet reëel".`,
      'HB-kostendekkend',
    );
  }
  out.add(
    'herberekening',
    'LAGER_TARIEF_NIET_REEEL',
    'info',
    `Het lagere tarief is niet reëel: aanpassen${voorgesteld ? ` naar ${formatPercentage(voorgesteld)}` : ''} (${how}) en een aangepast contractvoorstel.`,
    'HB-niet-reeel',
  );
  return result(
    'aanpassen',
    true,
    `${facts.lager ? formatPercentage(facts.lager) : 'lager tarief'} → ${voorgesteld ? formatPercentage(voorgesteld) : 'hoger tarief'} (${how})${cite(proc, 'HB-niet-reeel')}.`,
    { ...base, voorgesteldPercentage: voorgesteld },
  );
}

/** The percentage proposed for a lower tariff that is not reëel: the lower of kostendekkend and plafond, and how it was found. */
function proposedPercentage(plafond: Dec | undefined, nodig: Dec | undefined, out: Collector): { voorgesteld?: Dec; how: string } {
  if (plafond && nodig) return { voorgesteld: minDec(nodig, plafond), how: `kostendekkend ${formatPercentage(nodig)}, plafond ${formatPercentage(plafond)}` };
  if (plafond) return { voorgesteld: plafond, how: `tot maximaal ${formatPercentage(plafond)}; kostendekkend percentage niet bekend` };
  const how = 'plafond (tariefpercentage sector) niet bekend: vul parameter plafond_herberekening of het veld Tariefpercentage sector in';
  out.add('herberekening', 'PLAFOND_ONBEKEND', 'waarschuwing', `Geen voorgesteld percentage: ${how}.`, 'HB-niet-reeel');
  return { how };
}
