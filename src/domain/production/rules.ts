/**
 * The herschikking rules Tariefwijzer applies, each with its source, and the parameters where a seed leaves
 * the method open. Data, like a policy pack: test/production/citations.test.ts checks every citaat against
 * the seed lines. The rule ids appear in flags and explanation trails.
 */
import type { Citation } from '../types';
import type { ParameterDef } from '../policy/types';

const ZK = '004_984eca5123cbd441.txt';
const LIK = '002_62c6b4144361ce88.txt';
const ZK17 = '000_18bbe548183d37ca.txt';

export interface HerschikRule {
  id: string;
  /** Dutch: what Tariefwijzer does with it. */
  description: string;
  source: Citation;
}

export const RULES = {
  persoonsvolgend: {
    id: 'persoonsvolgend',
    description:
      'Geen initiële volumeafspraken: het volume volgt de gedeclareerde prestaties van de cliënt; Tariefwijzer rekent daarom met de gedeclareerde productie.',
    source: { document: ZK, paragraaf: '§5.4', regels: 'L1504-1505', citaat: 'We maken geen initiële afspraken over volumes.' },
  },
  definitiefKader: {
    id: 'definitief-kader',
    description: 'De herschikking bepaalt het definitieve financiële kader binnen de contracteerruimte van het jaar.',
    source: {
      document: ZK,
      paragraaf: '§5.4',
      regels: 'L1512-1514',
      citaat: 'In de herschikking bepalen wij het definitieve financiële kader voor zorgaanbieders.',
    },
  },
  volumePersoonsvolgend: {
    id: 'volume-persoonsvolgend',
    description: 'Het volume is persoonsvolgend: omzet = gedeclareerd volume × tarief.',
    source: {
      document: LIK,
      paragraaf: '§2.4',
      regels: 'L582-585',
      citaat: 'De keuze van klanten voor een zorgaanbieder en de leveringsvorm bepalen het volume dat de',
    },
  },
  uitnuttingPerSector: {
    id: 'uitnutting-per-sector',
    description:
      'Uitnutting per sector: past de naar jaarbasis geëxtrapoleerde productierealisatie binnen de contracteerruimte; het procentuele risico wordt expliciet benoemd.',
    source: {
      document: ZK,
      paragraaf: '§8.3',
      regels: 'L3001-3003',
      citaat: 'Hierbij benoemen we het procentuele risico over de geëxtrapoleerde productierealisatie expliciet.',
    },
  },
  kwartaalInzage: {
    id: 'kwartaal-inzage',
    description: 'Zorgkantoren publiceren minimaal ieder kwartaal over de benutting van de contracteerruimte; de maandtabel geeft dat verloop.',
    source: { document: LIK, paragraaf: '§2.4', regels: 'L594-595', citaat: 'kwartaal stukken over de benutting van de contracteerruimte op hun website' },
  },
  kwartaal2017: {
    id: 'kwartaal-2017',
    description: 'Ook in 2017: minimaal ieder kwartaal publicatie over de uitnutting van de contracteerruimte.',
    source: { document: ZK17, regels: 'L2022-2024', citaat: 'publiceren zorgkantoren minimaal ieder kwartaal over' },
  },
  marge: {
    id: 'marge-1-procent',
    description: 'Marge van 1% op de onzekerheid voordat het geld-volgt-klant model wordt omgezet in productieafspraken.',
    source: { document: ZK, paragraaf: '§8.4', regels: 'L3019-3020', citaat: 'Hiervoor hanteren wij een marge van 1% als uitgangspunt' },
  },
  tussentijds: {
    id: 'tussentijdse-herschikking',
    description:
      'Dreigt de procentuele onzekerheid groter te worden dan de marge, dan is een tussentijdse herschikking (vaste productieafspraken) per sector het uitgangspunt.',
    source: {
      document: ZK,
      paragraaf: '§8.5',
      regels: 'L3031-3034',
      citaat: 'productie groter dreigt te worden dan 1%, is ons uitgangspunt dat we het volledige geld-volgt-klant model omzetten naar',
    },
  },
  voor1Juni: {
    id: 'terughoudend-voor-1-juni',
    description: 'Vóór 1 juni is het zorgkantoor zeer terughoudend met omzetten, ook bij een geprognosticeerd tekort boven 1%.',
    source: {
      document: ZK,
      paragraaf: '§8.5',
      regels: 'L3034-3036',
      citaat: 'Vóór 1 juni van een kalenderjaar zijn wij zeer terughoudend met het omzetten van',
    },
  },
  toezeggingen: {
    id: 'toezeggingen-eerst',
    description: 'Eerst worden toezeggingen geformaliseerd (complexe casuïstiek, regionale ontwikkeling); zij blijven heel, de korting gaat er niet over.',
    source: {
      document: ZK,
      paragraaf: '§8.6.1',
      regels: 'L3058-3060',
      citaat: 'Allereerst formaliseren wij in de herschikking toezeggingen die door ons zijn gedaan aan zorgaanbieders',
    },
  },
  crisis: {
    id: 'crisis-onder-70',
    description: 'Een crisisplaats die naar verwachting minder dan 70% bezet is, krijgt in principe een lagere afspraak.',
    source: {
      document: ZK,
      paragraaf: '§8.6.1',
      regels: 'L3062-3065',
      citaat: 'verwachting voor minder dan 70% bezet is gedurende het jaar, maken we in de herschikking in principe een lagere',
    },
  },
  goedgekeurd: {
    id: 'goedgekeurde-productie',
    description: 'De herschikkingsafspraak gaat uit van de geëxtrapoleerde goedgekeurde gedeclareerde productie.',
    source: {
      document: ZK,
      paragraaf: '§8.6.1',
      regels: 'L3067-3068',
      citaat: 'Tot slot vindt de vaststelling van de herschikkingsafspraak plaats op basis van de geëxtrapoleerde goedgekeurde',
    },
  },
  extrapolatie: {
    id: 'extrapolatie-laatste-maand',
    description: 'De laatste gedeclareerde maand op de peildatum wordt geëxtrapoleerd naar de rest van het jaar.',
    source: {
      document: ZK,
      paragraaf: '§8.6.1',
      regels: 'L3071-3072',
      citaat: 'De gegevens van de laatste gedeclareerde maand op deze peildatum extrapoleren we naar de rest van het jaar.',
    },
  },
  trend: {
    id: 'trend',
    description: 'Bij significante trends kan de wijze van extrapoleren worden aangepast; Tariefwijzer signaleert een trend en past niets stil aan.',
    source: { document: ZK, paragraaf: '§8.6.1', regels: 'L3074-3076', citaat: 'Wanneer er significante trends zichtbaar zijn (positief of negatief)' },
  },
  korting: {
    id: 'procentuele-korting',
    description: 'Zijn de middelen per sector niet toereikend, dan een procentuele korting over de geëxtrapoleerde productierealisatie.',
    source: {
      document: ZK,
      paragraaf: '§8.6.1',
      regels: 'L3077-3079',
      citaat: 'Als de middelen per sector niet toereikend zijn, dan passen wij een procentuele korting toe over de geëxtrapoleerde',
    },
  },
  maatwerk: {
    id: 'nieuwe-aanbieder-maatwerk',
    description: 'Voor nieuwe zorgaanbieders is de definitieve productieafspraak maatwerk; Tariefwijzer berekent geen afspraak.',
    source: { document: ZK, paragraaf: '§8.6.2', regels: 'L3088-3090', citaat: 'Dit is maatwerk, rekening houdend met' },
  },
  onverdeeld2017: {
    id: 'herschikking-clientkeuze',
    description: 'Middelen die bij de initiële afspraak onverdeeld blijven, worden in de herschikking verdeeld op basis van de keuze van de cliënt.',
    source: { document: ZK17, regels: 'L2001-2004', citaat: 'onverdeeld blijven, worden in de herschikking' },
  },
  formaliseren2017: {
    id: 'afspraken-formaliseren-2017',
    description: 'Afspraken die gedurende het jaar schriftelijk zijn vastgelegd, worden bij de herschikking geformaliseerd (toezeggingen).',
    source: { document: ZK17, regels: 'L4244-4246', citaat: 'Deze afspraken worden schriftelijk vastgelegd en worden bij de herschikking 2017' },
  },
} satisfies Record<string, HerschikRule>;

/** Parameters of the herschikking, next to the pack's own. Resolved with the same parser as pack parameters. */
export const HERSCHIK_PARAMETERS: Record<string, ParameterDef> = {
  peildatum: {
    type: 'date',
    label: 'Peildatum',
    description:
      'De datum waarop de goedgekeurde declaraties worden gemeten. De laatste volledige maand op of vóór de peildatum is de laatste maand die wordt geëxtrapoleerd; later gedeclareerde maanden tellen niet mee. Leeg: de laatste maand in de gegevens (met een signaal).',
    default: null,
    source: {
      document: ZK,
      paragraaf: '§8.6.1',
      regels: 'L3070-3071',
      citaat: 'declaratiegegevens uit de AW319 van het betreffende kalenderjaar op een jaarlijks te bepalen peildatum',
    },
  },
  extrapolatie: {
    type: 'choice',
    label: 'Extrapolatiemethode',
    description:
      'laatste-maand: de omzet van de laatste maand × de resterende maanden (zoals de bron zegt). gemiddelde-laatste-maanden: het gemiddelde van de laatste N maanden × de resterende maanden, voor wie een trend of een uitschieter wil dempen (de bron laat dat open).',
    default: 'laatste-maand',
    choices: ['laatste-maand', 'gemiddelde-laatste-maanden'],
    source: RULES.extrapolatie.source,
  },
  extrapolatie_maanden: {
    type: 'number',
    label: 'Aantal maanden voor het gemiddelde',
    description:
      'Alleen bij gemiddelde-laatste-maanden: het aantal maanden tot en met de laatste maand. Standaard 3 (een kwartaal, de publicatiecyclus van het Inkoopkader Wlz 2021–2023).',
    default: 3,
    min: 1,
    max: 12,
  },
  marge_onzekerheid: {
    type: 'percentage',
    label: 'Marge op de onzekerheid',
    description:
      'Boven deze procentuele onzekerheid (het ongefinancierde deel van de geëxtrapoleerde productie) is een tussentijdse herschikking het uitgangspunt. 1% sinds 2024; tot en met 2023 was het 2%.',
    default: 1,
    min: 0,
    max: 100,
    source: RULES.marge.source,
  },
  terughoudend_tot_maand: {
    type: 'number',
    label: 'Terughoudend tot (maand)',
    description:
      'Een peildatum vóór de eerste dag van deze maand krijgt het signaal dat het zorgkantoor nog zeer terughoudend is met omzetten. Standaard 6 (1 juni).',
    default: 6,
    min: 1,
    max: 12,
    source: RULES.voor1Juni.source,
  },
  crisis_bezetting: {
    type: 'percentage',
    label: 'Drempel bezetting crisisplaatsen',
    description:
      'Een crisisplaats die naar verwachting minder dan dit percentage bezet is, krijgt een signaal voor een lagere afspraak. Tariefwijzer verlaagt de afspraak niet zelf: hoeveel lager staat niet in de bron.',
    default: 70,
    min: 0,
    max: 100,
    source: RULES.crisis.source,
  },
  trend_drempel: {
    type: 'percentage',
    label: 'Drempel voor een trend',
    description:
      'Verschilt de gemiddelde maandomzet van de laatste drie maanden meer dan dit percentage van die van de drie maanden ervoor, dan krijgt de aanbieder een trendsignaal. De bron noemt geen drempel ("significante trends"); 10% is een keuze.',
    default: 10,
    min: 0,
    max: 1000,
    source: RULES.trend.source,
  },
  korting: {
    type: 'choice',
    label: 'Korting bij een tekort',
    description:
      'gelijk-percentage: één kortingspercentage over de geëxtrapoleerde productie, zodat de sector precies op de contracteerruimte uitkomt (toezeggingen blijven heel; centen volgens de grootste rest). vast-percentage: het vaste kortingspercentage. geen: geen korting, alleen het tekort tonen.',
    default: 'gelijk-percentage',
    choices: ['gelijk-percentage', 'vast-percentage', 'geen'],
    source: RULES.korting.source,
  },
  korting_percentage: {
    type: 'percentage',
    label: 'Vast kortingspercentage',
    description: 'Alleen bij korting = vast-percentage.',
    default: null,
    min: 0,
    max: 100,
  },
  reservering_nieuwe_aanbieders: {
    type: 'choice',
    label: 'Ruimte voor nieuwe aanbieders (maatwerk)',
    description:
      'geextrapoleerd: de geëxtrapoleerde productie van nieuwe aanbieders wordt vooraf gereserveerd, zodat hun maatwerkafspraak de korting van de anderen niet later vergroot. nul: geen productie reserveren. Hun toezeggingen worden altijd gereserveerd (die blijven heel); hun afspraak zelf berekent Tariefwijzer niet.',
    default: 'geextrapoleerd',
    choices: ['geextrapoleerd', 'nul'],
    source: RULES.maatwerk.source,
  },
  'contracteerruimte.VV': {
    type: 'number',
    label: 'Contracteerruimte V&V (€)',
    description: 'Contracteerruimte van de sector V&V voor het jaar. Of uit een cel met het label "Contracteerruimte V&V".',
    default: null,
    min: 0,
    source: RULES.definitiefKader.source,
  },
  'contracteerruimte.GZ': {
    type: 'number',
    label: 'Contracteerruimte GZ (€)',
    description: 'Contracteerruimte van de sector GZ voor het jaar. Of uit een cel met het label "Contracteerruimte GZ".',
    default: null,
    min: 0,
    source: RULES.definitiefKader.source,
  },
  'contracteerruimte.GGZ': {
    type: 'number',
    label: 'Contracteerruimte GGZ (€)',
    description: 'Contracteerruimte van de sector GGZ voor het jaar. Of uit een cel met het label "Contracteerruimte GGZ".',
    default: null,
    min: 0,
    source: RULES.definitiefKader.source,
  },
};

export function isHerschikParameter(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(HERSCHIK_PARAMETERS, name);
}
