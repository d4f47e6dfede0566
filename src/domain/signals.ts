/**
 * The one dictionary of signal kinds: every code the engine, the herschikking and the assessments can emit, with
 * the Dutch name and one-line meaning a user reads (the code stays for filters and tests). Typed by the codes'
 * own lists, so a new code without a name does not compile (test/domain/signals.test.ts also reads the sources).
 * A pack's own signals carry their name in the pack.
 */
import type { EngineFlagCode, ProductionFlagCode } from './signal-codes';

/** The assessments' signal codes (assessments/assess.ts, assessments/form.ts, workbook/jobs/assess.ts). */
export const ASSESSMENT_CODES = [
  'AANTAL_CLIENTEN_ONTBREEKT',
  'AANVULLEND_DOCUMENT',
  'AGB_ONGELDIG',
  'AGB_ONTBREEKT',
  'CRITERIUM_NIET_AANGETOOND',
  'DATUM_BESTUURSVERKLARING_NA_ONTVANGST',
  'DATUM_ONTVANGST_ONTBREEKT',
  'DOCUMENT_ONTBREEKT',
  'DOELGROEP_ONBEKEND',
  'GEEN_CONTACT_ZORGINKOPER',
  'GEEN_TERMIJN',
  'GEEN_VERHOGING',
  'GEGEVEN_ONTBREEKT',
  'GELDIGHEID',
  'IDENTITEIT_ONZEKER',
  'HARDHEIDSCLAUSULE_NIET_IN_BELEID',
  'HERBEREKENING_NIET_IN_BELEID',
  'HERBEREKENING_VOORLIGGEND',
  'INKOOPJAAR_WIJKT_AF',
  'KOSTENDEKKEND_WIJKT_AF',
  'LABEL_DUBBEL',
  'LABEL_ONTBREEKT',
  'LAGER_BOVEN_PLAFOND',
  'LAGER_TARIEF_AFGESPROKEN',
  'LAGER_TARIEF_NIET_REEEL',
  'LAGER_TARIEF_REEEL',
  'NA_ADVIESDATUM',
  'NIET_DOELGROEP',
  'NIET_GELIJKTIJDIG',
  'NIET_IN_BEHANDELING',
  'NIEUW_MINDER_DAN_10_CLIENTEN',
  'OMZET_BIJGESTELD',
  'OMZET_HHC_KLOPT_NIET',
  'ONDERBOUWING_ONTBREEKT',
  'ONDERWERP_ZONDER_HARDHEIDSCLAUSULE',
  'ONLEESBARE_WAARDE',
  'ONTVANGEN_VOOR_BEKENDMAKING',
  'ONVOLLEDIG',
  'OORDEEL_ONTBREEKT',
  'OORDEEL_TEGENSTRIJDIG',
  'OPBRENGSTEN_WIJKEN_AF',
  'PERCENTAGE_HHC_WIJKT_AF',
  'PERCENTAGE_ONGELDIG',
  'PERCENTAGE_REGEL_WIJKT_AF',
  'PLAFOND_ONBEKEND',
  'REGEL_OMZET_KLOPT_NIET',
  'RESULTAAT_KLOPT_NIET',
  'ROUTE_ONBEKEND',
  'SOM_KOSTEN_KLOPT_NIET',
  'TE_LAAT',
  'TIJDIG',
  'TOTAAL_OMZET_KLOPT_NIET',
  'VELD_LEEG',
  'WAARDEN_VERSCHILLEN',
  'WAARDE_IS_LABEL',
  'WEGING_NEGATIEF',
] as const;
export type AssessmentCode = (typeof ASSESSMENT_CODES)[number];

export type SignalCode = EngineFlagCode | ProductionFlagCode | AssessmentCode;

export interface SignalInfo {
  name: string;
  meaning: string;
}

const ENGINE: Record<EngineFlagCode, SignalInfo> = {
  GEEN_PRESTATIECODE: { name: 'Geen prestatiecode', meaning: 'De rij heeft geen prestatiecode; er is geen tarief berekend.' },
  PRESTATIECODE_FOUTWAARDE: {
    name: 'Foutwaarde als prestatiecode',
    meaning: 'De cel prestatiecode bevat een Excel-foutwaarde (zoals #VERW!) of is in het bestand onleesbaar; er is geen tarief berekend.',
  },
  PRESTATIECODE_ONGELDIG: {
    name: 'Geen geldige prestatiecode',
    meaning: 'De cel prestatiecode bevat iets dat geen prestatiecode kan zijn (een datum, tekst, een vreemd teken); er is geen tarief berekend.',
  },
  ONBEKENDE_PRESTATIECODE: {
    name: 'Onbekende prestatiecode',
    meaning: 'De code staat niet in de prestatiecodelijst of het beleid en de kolommen geven geen leveringsvorm; er is geen tarief berekend.',
  },
  PRESTATIE_UIT_KOLOMMEN: {
    name: 'Prestatie bepaald uit kolommen',
    meaning: 'De code staat niet in de prestatiecodelijst; de prestatie is bepaald uit de kolommen leveringsvorm, zorgprofiel of sector.',
  },
  CODE_ONZICHTBARE_TEKENS: {
    name: 'Onzichtbare tekens in code',
    meaning: 'De code bevat onzichtbare tekens (zoals een vaste spatie of tab); gelezen als de code die u ziet.',
  },
  CODE_ALS_GETAL: { name: 'Code als getal', meaning: 'De prestatiecode stond als getal in de cel; voorloopnullen kunnen verloren zijn.' },
  KOLOM_WIJKT_AF_VAN_CATALOGUS: {
    name: 'Kolom wijkt af van de lijst',
    meaning: 'Een kolom (sector, zorgprofiel of leveringsvorm) zegt iets anders dan de prestatiecodelijst; de kolom is gevolgd.',
  },
  ONLEESBARE_WAARDE: {
    name: 'Onleesbare waarde',
    meaning: 'Een cel is niet te lezen; regels en controles die de waarde nodig hebben zijn niet toegepast.',
  },
  WAARDE_GEINTERPRETEERD: { name: 'Waarde uitgelegd', meaning: 'Een waarde kon op meer manieren gelezen worden; het signaal zegt hoe ze is gelezen.' },
  BEDRAG_TWEEDUIDIG: {
    name: 'Bedrag op twee manieren te lezen',
    meaning: 'Een bedrag als "254,675" of "1.234" kan een decimaal of een duizendtal zijn; het signaal zegt hoe het is gelezen.',
  },
  MAXIMUMTARIEF_ONTBREEKT: {
    name: 'Maximumtarief ontbreekt',
    meaning: 'Geen NZa-maximumtarief in de rij of de tarieventabel; alleen het percentage is berekend.',
  },
  MAXIMUMTARIEF_ONLEESBAAR: { name: 'Maximumtarief onleesbaar', meaning: 'Het NZa-maximumtarief is geen bedrag; er is geen tarief berekend.' },
  MAXIMUMTARIEF_ONGELDIG: { name: 'Maximumtarief ongeldig', meaning: 'Het NZa-maximumtarief is nul of negatief; er is geen tarief berekend.' },
  MAXIMUMTARIEF_TE_GROOT: {
    name: 'Maximumtarief te groot',
    meaning: 'Het NZa-maximumtarief is te groot om als bedrag in Excel te schrijven; er is geen tarief berekend.',
  },
  MAXIMUMTARIEF_HOOG: {
    name: 'Maximumtarief ongewoon hoog',
    meaning: 'Het NZa-maximumtarief is hoger dan een Wlz-tarief per eenheid ooit is; controleer het bedrag.',
  },
  TARIEF_NUL: { name: 'Tarief € 0,00', meaning: 'Het tarief komt op € 0,00 uit (het maximumtarief is kleiner dan een cent); er is geen tarief geschreven.' },
  TARIEF_BOVEN_MAXIMUM: { name: 'Tarief boven maximum', meaning: 'Het percentage ligt boven 100%: het tarief komt boven het NZa-maximumtarief.' },
  GECONTRACTEERD_WIJKT_AF: { name: 'Gecontracteerd tarief wijkt af', meaning: 'Het gecontracteerde tarief in de rij verschilt van het berekende tarief.' },
  PERCENTAGE_BUITEN_BEREIK: { name: 'Percentage buiten bereik', meaning: 'Het berekende percentage valt buiten het bereik van het beleid.' },
  DUBBELE_REGEL: { name: 'Dubbele regel', meaning: 'Dezelfde AGB-code en prestatie komen vaker voor (bij hetzelfde zorgkantoor, in hetzelfde inkoopjaar).' },
  PARAMETER_ONTBREEKT: {
    name: 'Parameter ontbreekt',
    meaning: 'Een parameter van het beleid heeft geen waarde; de regel die hem nodig heeft is niet toegepast.',
  },
  KENMERK_ONTBREEKT: { name: 'Kenmerk ontbreekt', meaning: 'Een kolom die een regel nodig heeft is leeg of ontbreekt.' },
  GEEN_BASISPERCENTAGE: { name: 'Geen basispercentage', meaning: 'Geen regel van het beleid geeft deze rij een basispercentage.' },
  UITGESLOTEN: { name: 'Uitgesloten', meaning: 'Het beleid sluit deze rij uit; er is geen tarief berekend.' },
  BEGRENSD: { name: 'Begrensd', meaning: 'Een op- of afslag of het percentage is afgetopt of opgehoogd tot de grens van het beleid.' },
  NIET_GESTAPELD: { name: 'Niet gestapeld', meaning: 'Een opslag is niet opgeteld omdat het beleid opslagen in deze groep niet stapelt.' },
  INKOOPJAAR_WIJKT_AF: {
    name: 'Inkoopjaar wijkt af',
    meaning:
      'Het inkoopjaar in de rij of op het formulier is geen jaar van het beleid; een rij is berekend met de waarden van het dichtstbijzijnde jaar van het beleid, dat het signaal noemt.',
  },
  INKOOPJAAR_ONTBREEKT: {
    name: 'Inkoopjaar ontbreekt',
    meaning: 'De cel Inkoopjaar is leeg of geen jaar, en het beleid rekent per jaar anders; er is geen tarief berekend.',
  },
  INKOOPJAAR_LEEG_GELIJK: {
    name: 'Inkoopjaar leeg, uitkomst gelijk',
    meaning: 'De cel Inkoopjaar is leeg of geen jaar, maar elk jaar van het beleid geeft dezelfde uitkomst; het tarief is berekend.',
  },
};

const PRODUCTION: Record<Exclude<ProductionFlagCode, EngineFlagCode>, SignalInfo> = {
  MAAND_ONLEESBAAR: { name: 'Maand onleesbaar', meaning: 'De maand van de productieregel is leeg of niet te lezen; de regel telt niet mee.' },
  VOLUME_ONTBREEKT: { name: 'Volume ontbreekt', meaning: 'De productieregel heeft geen leesbaar volume; de regel telt niet mee.' },
  AGB_ONTBREEKT: { name: 'AGB-code ontbreekt', meaning: 'Er is geen AGB-code: de regel of aanvraag is aan geen zorgaanbieder toe te rekenen.' },
  SECTOR_ONBEKEND: { name: 'Sector onbekend', meaning: 'De sector van de prestatie is niet te bepalen; de regel telt niet mee.' },
  GEEN_TARIEF: {
    name: 'Geen tarief',
    meaning: 'Voor de regel is geen tarief berekend (zie de signalen van de tariefberekening): geen omzet, de regel telt niet mee.',
  },
  NIET_GOEDGEKEURD: { name: 'Niet goedgekeurd', meaning: 'De declaratie is niet goedgekeurd en telt niet mee in de productie voor de herschikking.' },
  GOEDKEURING_ONBEKEND: { name: 'Goedkeuring onbekend', meaning: 'Niet te lezen of de declaratie is goedgekeurd; de regel telt niet mee tot dat bekend is.' },
  NEGATIEF_VOLUME: { name: 'Negatief volume', meaning: 'Een negatief volume (creditering of correctie) telt mee als vermindering; controleer de declaratie.' },
  BEDRAG_WIJKT_AF: {
    name: 'Gedeclareerd bedrag wijkt af',
    meaning: 'Het gedeclareerde bedrag verschilt van volume × berekend tarief; Tariefwijzer rekent met het berekende bedrag.',
  },
  ANDER_JAAR: { name: 'Ander jaar', meaning: 'De maand valt niet in het herschikkingsjaar; de regel telt niet mee.' },
  NA_PEILDATUM: { name: 'Na de peildatum', meaning: 'De maand ligt na de laatste maand op de peildatum; de regel telt (nog) niet mee.' },
  MAAND_ONTBREEKT: {
    name: 'Maand zonder productie',
    meaning: 'Een aanbieder heeft in een maand tussen de eerste en de laatste maand geen goedgekeurde declaraties; niet aangevuld.',
  },
  LAATSTE_MAAND_ONTBREEKT: {
    name: 'Laatste maand zonder productie',
    meaning: 'Geen goedgekeurde declaraties in de laatste maand op de peildatum: de extrapolatie rekent met € 0 voor de rest van het jaar.',
  },
  TREND: { name: 'Trend in de productie', meaning: 'De maandomzet stijgt of daalt duidelijk; overweeg een andere extrapolatie.' },
  CRISIS_BEZETTING_LAAG: {
    name: 'Crisisplaatsen laag bezet',
    meaning: 'De verwachte bezetting van crisisplaatsen ligt onder de drempel: in principe een lagere afspraak.',
  },
  CRISISPLAATSEN_ONBEKEND: { name: 'Aantal crisisplaatsen onbekend', meaning: 'Zonder aantal crisisplaatsen is de verwachte bezetting niet te berekenen.' },
  NIEUWE_AANBIEDER_MAATWERK: {
    name: 'Nieuwe aanbieder: maatwerk',
    meaning: 'Voor een nieuwe zorgaanbieder is de productieafspraak maatwerk; Tariefwijzer berekent er geen.',
  },
  NEGATIEVE_PRODUCTIE: {
    name: 'Negatieve productie',
    meaning: 'De geëxtrapoleerde productie van een aanbieder is negatief (door crediteringen); voor de afspraak is € 0 gebruikt.',
  },
  LAGER_DAN_TUSSENTIJDS: {
    name: 'Lager dan tussentijdse afspraak',
    meaning: 'De voorgestelde afspraak is lager dan de tussentijdse afspraak; dat kan volgens het beleid.',
  },
  TOEZEGGING_ZONDER_SECTOR: { name: 'Toezegging zonder sector', meaning: 'Een toezegging is aan geen sector toe te rekenen en telt niet mee.' },
  CONTRACTEERRUIMTE_ONTBREEKT: {
    name: 'Contracteerruimte ontbreekt',
    meaning: 'Voor de sector is geen contracteerruimte opgegeven: geen uitnutting, korting of afspraak.',
  },
  BINNEN_MARGE: { name: 'Binnen de marge', meaning: 'Het tekort blijft binnen de marge op de onzekerheid: het geld-volgt-klant model blijft.' },
  TUSSENTIJDSE_HERSCHIKKING: {
    name: 'Tussentijdse herschikking',
    meaning: 'De onzekerheid is groter dan de marge: vaste productieafspraken voor de sector zijn het uitgangspunt.',
  },
  TERUGHOUDEND_VOOR_1_JUNI: {
    name: 'Terughoudend vóór 1 juni',
    meaning: 'De peildatum ligt vroeg in het jaar: het zorgkantoor is dan zeer terughoudend met omzetten.',
  },
  KORTING: { name: 'Korting', meaning: 'De middelen van de sector zijn niet toereikend: een procentuele korting over de geëxtrapoleerde productie.' },
  TEKORT_ZONDER_KORTING: {
    name: 'Tekort zonder korting',
    meaning: 'Er is een tekort maar geen korting gekozen: de afspraken passen niet binnen de contracteerruimte.',
  },
  NIET_OP_CONTRACTEERRUIMTE: {
    name: 'Niet op de contracteerruimte',
    meaning: 'Met het vaste kortingspercentage komen de afspraken niet precies op de contracteerruimte uit.',
  },
  TOEZEGGINGEN_BOVEN_RUIMTE: {
    name: 'Toezeggingen boven de ruimte',
    meaning: 'De toezeggingen zijn samen meer dan de contracteerruimte: er is geen ruimte voor productie.',
  },
  PEILDATUM_AFGELEID: { name: 'Peildatum afgeleid', meaning: 'Er is geen peildatum opgegeven; de laatste maand in de gegevens is gebruikt.' },
};

const ASSESSMENT: Record<Exclude<AssessmentCode, EngineFlagCode | ProductionFlagCode>, SignalInfo> = {
  AANTAL_CLIENTEN_ONTBREEKT: {
    name: 'Aantal cliënten ontbreekt',
    meaning: 'Een nieuwe zorgaanbieder vermeldt geen aantal Wlz-cliënten; de minimumgrens is niet te controleren.',
  },
  AANVULLEND_DOCUMENT: { name: 'Aanvullend document', meaning: 'Een document dat niet verplicht is, is aangeleverd.' },
  IDENTITEIT_ONZEKER: {
    name: 'Identiteit onzeker',
    meaning: 'AGB-code of naam van de aanbieder is niet eenduidig gelezen; een positieve uitkomst geldt pas na handmatige controle.',
  },
  WAARDE_IS_LABEL: {
    name: 'Waarde is een label',
    meaning: 'Naast een label staat zelf een label of kolomkop in plaats van een waarde; het veld telt als leeg.',
  },
  AGB_ONGELDIG: { name: 'AGB-code ongeldig', meaning: 'De AGB-code heeft niet 8 cijfers; controleer of de aanbieder goed is gelezen.' },
  CRITERIUM_NIET_AANGETOOND: { name: 'Criterium niet aangetoond', meaning: 'Een kerncriterium van de hardheidsclausule is niet aangetoond.' },
  DATUM_BESTUURSVERKLARING_NA_ONTVANGST: {
    name: 'Bestuursverklaring na ontvangst',
    meaning: 'De bestuursverklaring is ondertekend na de ontvangst van de aanvraag; controleer de datums.',
  },
  DATUM_ONTVANGST_ONTBREEKT: { name: 'Datum ontvangst ontbreekt', meaning: 'Zonder datum van ontvangst is niet te bepalen of de aanvraag op tijd is.' },
  DOCUMENT_ONTBREEKT: { name: 'Document ontbreekt', meaning: 'Een verplicht document is niet aangeleverd of niet vermeld.' },
  DOELGROEP_ONBEKEND: {
    name: 'Doelgroep onbekend',
    meaning: 'Niet te bepalen of met de aanbieder een lager tariefpercentage is afgesproken, dus of herberekening kan.',
  },
  GEEN_CONTACT_ZORGINKOPER: {
    name: 'Geen contact met de zorginkoper',
    meaning: 'Er is (nog) geen contact geweest met de zorginkoper over de reden van het beroep.',
  },
  GEEN_TERMIJN: { name: 'Geen termijncontrole', meaning: 'De tijdigheid van de aanvraag is niet gecontroleerd; het signaal zegt waarom.' },
  GEEN_VERHOGING: {
    name: 'Geen verhoging',
    meaning: 'Het voorgestelde percentage is niet hoger dan het huidige; controleer het oordeel "niet reëel".',
  },
  GEGEVEN_ONTBREEKT: { name: 'Gegeven ontbreekt', meaning: 'Een gegeven dat de beoordeling nodig heeft, ontbreekt op het formulier.' },
  GELDIGHEID: { name: 'Geldigheid', meaning: 'Tot wanneer afspraken op grond van de hardheidsclausule gelden.' },
  HARDHEIDSCLAUSULE_NIET_IN_BELEID: { name: 'Geen hardheidsclausule in het beleid', meaning: 'Het gekozen beleid kent geen hardheidsclausule.' },
  HERBEREKENING_NIET_IN_BELEID: { name: 'Geen herberekening in het beleid', meaning: 'Het gekozen beleid kent geen procedure voor herberekening.' },
  HERBEREKENING_VOORLIGGEND: {
    name: 'Herberekening gaat voor',
    meaning: 'De aanbieder heeft een lager tariefpercentage: eerst herberekening, de hardheidsclausule gelijktijdig.',
  },
  KOSTENDEKKEND_WIJKT_AF: {
    name: 'Kostendekkend percentage wijkt af',
    meaning: 'Het kostendekkende percentage op het formulier past niet bij huidig percentage × kosten / opbrengsten.',
  },
  LABEL_DUBBEL: { name: 'Label staat dubbel', meaning: 'Een label staat meer dan eens op het formulier; de eerste waarde is gebruikt.' },
  LABEL_ONTBREEKT: { name: 'Label ontbreekt', meaning: 'Een label dat het formulier hoort te hebben, is niet gevonden.' },
  LAGER_BOVEN_PLAFOND: {
    name: 'Huidig percentage boven de sector',
    meaning: 'Het huidige tariefpercentage is hoger dan het tariefpercentage van de sector; controleer de percentages.',
  },
  LAGER_TARIEF_AFGESPROKEN: {
    name: 'Lager tarief afgesproken',
    meaning: 'Met de aanbieder is een lager tariefpercentage afgesproken: de aanbieder hoort bij de doelgroep van herberekening.',
  },
  LAGER_TARIEF_NIET_REEEL: {
    name: 'Lager tarief niet reëel',
    meaning: 'Het lagere tarief is beoordeeld als niet reëel: het percentage wordt aangepast, met een aangepast contractvoorstel.',
  },
  LAGER_TARIEF_REEEL: { name: 'Lager tarief reëel', meaning: 'Het lagere tarief is beoordeeld als reëel en blijft.' },
  NA_ADVIESDATUM: {
    name: 'Na de geadviseerde datum',
    meaning: 'Ontvangen op of na de geadviseerde datum: ontbrekende informatie kan alleen nog tot de uiterste datum worden aangevuld.',
  },
  NIET_DOELGROEP: { name: 'Niet de doelgroep', meaning: 'Voor deze aanbieder is geen lager tariefpercentage afgesproken, dus geen herberekening.' },
  NIET_GELIJKTIJDIG: { name: 'Niet gelijktijdig ingediend', meaning: 'Herberekening en hardheidsclausule zijn niet gelijktijdig ingediend.' },
  NIET_IN_BEHANDELING: { name: 'Niet in behandeling', meaning: 'De aanvraag wordt niet in behandeling genomen; het signaal zegt waarom.' },
  NIEUW_MINDER_DAN_10_CLIENTEN: {
    name: 'Nieuwe aanbieder met te weinig cliënten',
    meaning: 'Een nieuwe zorgaanbieder onder de minimumgrens van Wlz-cliënten komt in principe niet voor contractering in aanmerking.',
  },
  OMZET_BIJGESTELD: { name: 'Omzet bijgesteld', meaning: 'De omzet is bijgesteld voor de aanpassing van de NZa-tarieven.' },
  OMZET_HHC_KLOPT_NIET: {
    name: 'Omzet hardheidsclausule klopt niet',
    meaning: 'De omzet op het formulier hardheidsclausule past niet bij de omzet en de percentages.',
  },
  ONDERBOUWING_ONTBREEKT: { name: 'Onderbouwing ontbreekt', meaning: 'Een oordeel of antwoord is gegeven zonder onderbouwing; het telt pas mee met bewijs.' },
  ONDERWERP_ZONDER_HARDHEIDSCLAUSULE: {
    name: 'Onderwerp zonder "hardheidsclausule"',
    meaning: 'Het onderwerp van het bericht noemt de term "hardheidsclausule" niet.',
  },
  ONTVANGEN_VOOR_BEKENDMAKING: {
    name: 'Ontvangen vóór de bekendmaking',
    meaning: 'De aanvraag is ontvangen vóór de bekendmaking van de richttariefpercentages; controleer de datum.',
  },
  ONVOLLEDIG: { name: 'Onvolledig', meaning: 'De aanvraag is onvolledig; het signaal zegt wat ontbreekt en tot wanneer het kan worden aangevuld.' },
  OORDEEL_ONTBREEKT: { name: 'Oordeel ontbreekt', meaning: 'Een criterium of oordeel is nog niet beoordeeld.' },
  OORDEEL_TEGENSTRIJDIG: { name: 'Oordeel tegenstrijdig', meaning: 'Het oordeel "niet reëel" past niet bij de criteria die niet zijn aangetoond.' },
  OPBRENGSTEN_WIJKEN_AF: { name: 'Opbrengsten wijken af', meaning: 'De Wlz-opbrengsten wijken meer dan 1% af van de opgegeven Wlz-omzet.' },
  PERCENTAGE_HHC_WIJKT_AF: {
    name: 'Percentage hardheidsclausule wijkt af',
    meaning: 'Het formulier hardheidsclausule hoort het voor de prestatie geldende tariefpercentage te bevatten.',
  },
  PERCENTAGE_ONGELDIG: { name: 'Percentage ongeldig', meaning: 'Een tariefpercentage op het formulier ligt niet tussen 0% en 100%.' },
  PERCENTAGE_REGEL_WIJKT_AF: {
    name: 'Percentage in de omzettabel wijkt af',
    meaning: 'Een regel van de omzet per prestatie rekent niet met het lagere tariefpercentage van het herberekeningsformulier.',
  },
  PLAFOND_ONBEKEND: { name: 'Geen voorgesteld percentage', meaning: 'Er is geen voorgesteld percentage te berekenen; het signaal zegt wat ontbreekt.' },
  REGEL_OMZET_KLOPT_NIET: {
    name: 'Omzet per prestatie klopt niet',
    meaning: 'De omzet van een regel in de omzettabel is niet volume × NZa-maximumtarief × percentage.',
  },
  RESULTAAT_KLOPT_NIET: { name: 'Resultaat klopt niet', meaning: 'Het resultaat van de Wlz-exploitatie is niet opbrengsten min kosten.' },
  ROUTE_ONBEKEND: { name: 'Route onbekend', meaning: 'Niet aangegeven of het om herberekening, hardheidsclausule of beide gaat.' },
  SOM_KOSTEN_KLOPT_NIET: { name: 'Som van de kosten klopt niet', meaning: 'De totale kosten zijn niet personeelskosten plus overige kosten.' },
  TE_LAAT: { name: 'Te laat', meaning: 'De aanvraag is ontvangen na de uiterste datum.' },
  TIJDIG: { name: 'Tijdig', meaning: 'De aanvraag is op tijd ontvangen.' },
  TOTAAL_OMZET_KLOPT_NIET: { name: 'Totale omzet klopt niet', meaning: 'De opgegeven Wlz-omzet is niet de som van de omzet per prestatie.' },
  VELD_LEEG: { name: 'Veld leeg', meaning: 'Een veld dat de beoordeling nodig heeft, is niet ingevuld.' },
  WAARDEN_VERSCHILLEN: {
    name: 'Waarden verschillen',
    meaning: 'Dezelfde aanbieder heeft in verschillende rijen een andere waarde voor een gegeven; de eerste is gebruikt.',
  },
  WEGING_NEGATIEF: {
    name: 'Weging negatief',
    meaning: 'De kerncriteria zijn aangetoond, maar de weging valt negatief uit; het besluit ligt bij de zorginkoper.',
  },
};

export const SIGNALS: Record<SignalCode, SignalInfo> = { ...ENGINE, ...PRODUCTION, ...ASSESSMENT };

export function signalInfo(code: string): SignalInfo | undefined {
  return Object.prototype.hasOwnProperty.call(SIGNALS, code) ? SIGNALS[code as SignalCode] : undefined;
}
