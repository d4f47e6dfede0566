/** Row fields of a production sheet (declarations per month) and of a toezeggingen table, with Dutch header aliases. */
import type { FieldDef } from '../fields';

export const PRODUCTION_FIELDS: Record<string, FieldDef> = {
  maand: {
    type: 'text',
    label: 'Maand',
    aliases: ['periode', 'declaratiemaand', 'prestatiemaand', 'maand declaratie', 'declaratieperiode', 'leveringsmaand', 'maand prestatie'],
    description: 'De maand van de gedeclareerde prestatie: 2025-03, maart 2025, 3-2025, een datum, of 1–12 met het jaar uit de kolom Inkoopjaar.',
  },
  gedeclareerdBedrag: {
    type: 'money',
    label: 'Gedeclareerd bedrag',
    aliases: ['declaratiebedrag', 'bedrag', 'gedeclareerd', 'ingediend bedrag', 'bedrag gedeclareerd'],
    description: 'Het gedeclareerde bedrag; Tariefwijzer vergelijkt het met volume × berekend tarief.',
  },
  goedgekeurd: {
    type: 'boolean',
    label: 'Goedgekeurd',
    aliases: ['goedgekeurd ja nee', 'status goedgekeurd', 'akkoord', 'declaratie goedgekeurd', 'goedkeuring'],
    description: 'ja/nee: alleen goedgekeurde declaraties tellen mee (004 §8.6.1).',
  },
  crisisplaatsen: {
    type: 'number',
    label: 'Crisisplaatsen',
    aliases: ['aantal crisisplaatsen', 'crisisbedden', 'aantal crisisbedden', 'crisiscapaciteit'],
    description: 'Het aantal gecontracteerde crisisplaatsen voor deze prestatie, voor de verwachte bezetting.',
  },
};

export const TOEZEGGING_FIELDS: Record<string, FieldDef> = {
  toezegging: {
    type: 'money',
    label: 'Toezegging',
    aliases: ['toezegging bedrag', 'bedrag toezegging', 'toezeggingen', 'toegezegd bedrag', 'regionale ontwikkeling', 'complexe casuistiek'],
  },
  tussentijdseAfspraak: {
    type: 'money',
    label: 'Tussentijdse afspraak',
    aliases: ['tussentijdse herschikkingsafspraak', 'eerdere afspraak', 'afspraak tussentijds', 'vorige afspraak'],
  },
  toelichtingToezegging: { type: 'text', label: 'Toelichting toezegging', aliases: ['omschrijving toezegging', 'soort toezegging', 'reden', 'opmerking'] },
};
