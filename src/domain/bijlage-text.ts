/**
 * The closing text of a bijlage: what the provider does with it, each sentence with its source. The policy's own
 * document where it says so (Zilveren Kruis GGZ 2024–2026: accept in VECOZO, € 1,- in the budgetformulier), the
 * national inkoopkader otherwise. Each quote is checked against the document's text by a test.
 */
import { documentTitle, titlesOf } from './documents';
import type { PolicyPack } from './policy/types';

export interface ClosingSentence {
  text: string;
  /** The document (file name, as the packs cite it), paragraph and the lines the quote is taken from (tests only). */
  source: { document: string; paragraaf: string; regels: string; citaat: string };
}

const INKOOPKADER = '002_62c6b4144361ce88.txt';
const ZK_GGZ = '004_984eca5123cbd441.txt';

const AGREEMENT: ClosingSentence = {
  text: 'Zorgkantoor en zorgaanbieder spreken af welke prestaties in een jaar geleverd worden en tegen welk tarief; deze bijlage legt die afspraak vast.',
  source: {
    document: INKOOPKADER,
    paragraaf: '§2.4',
    regels: 'L584-585',
    citaat: 'Zorgkantoren komen met de zorgaanbieder overeen welke prestaties in een jaar geleverd worden en tegen welk tarief.',
  },
};

const GENERAL: ClosingSentence[] = [
  AGREEMENT,
  {
    text: 'Accepteer de overeenkomst en deze bijlage zoals uw zorgkantoor vraagt. Welk omzetniveau u in het budgetformulier van de NZa opneemt, beschrijft het zorgkantoor in het regionale deel van het zorginkoopkader.',
    source: {
      document: INKOOPKADER,
      paragraaf: '§2.4',
      regels: 'L588-589',
      citaat: 'beschrijven de zorgkantoren in het regionale deel van het zorginkoopkader',
    },
  },
];

const ZK_GGZ_TEXT: ClosingSentence[] = [
  {
    text: 'Deze bijlage is de vastgestelde initiële afspraak: de definitief overeengekomen prestaties en de afspraken over het tariefpercentage. Accepteer de overeenkomst en deze afspraak via VECOZO.',
    source: {
      document: ZK_GGZ,
      paragraaf: '§6.11',
      regels: 'L2220-2230',
      citaat: 'Wij vragen u de overeenkomst en de vastgestelde initiële afspraak uiterlijk 1 november 2024 te accepteren via VECOZO.',
    },
  },
  {
    text: 'In het budgetformulier van de NZa neemt u als omzetniveau € 1,- op; de afspraken over prijs en volume staan in deze bijlage, niet in het budgetformulier.',
    source: { document: ZK_GGZ, paragraaf: '§5.5', regels: 'L1518-1519', citaat: 'We nemen als omzetniveau in het budgetformulier' },
  },
];

/** The closing sentences for a bijlage under this pack. */
export function closingSentences(pack: Pick<PolicyPack, 'sources'>): ClosingSentence[] {
  const cites = (document: string) => pack.sources?.some((s) => s.document === document);
  return cites(ZK_GGZ) ? [AGREEMENT, ...ZK_GGZ_TEXT] : GENERAL;
}

/** "… [Inkoopkader Wlz 2021–2023, aanvulling 2022, §2.4]": a sentence with its readable citation. */
export function closingLine(sentence: ClosingSentence, pack: Pick<PolicyPack, 'sources'>): string {
  const title = documentTitle(sentence.source.document, titlesOf(pack.sources));
  return `${sentence.text} (${title}, ${sentence.source.paragraaf})`;
}
