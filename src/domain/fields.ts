/**
 * The row fields Tariefwijzer understands: canonical name, type, Dutch label and the header aliases
 * users write. Policy packs may declare extra fields (kenmerken) in the same shape.
 */
export type FieldType = 'text' | 'code' | 'money' | 'percentage' | 'points' | 'boolean' | 'integer' | 'number' | 'date';

export interface FieldDef {
  type: FieldType;
  /** Dutch label, also the preferred header. */
  label: string;
  /** Other headers users write; matching ignores case, spaces, accents and punctuation. */
  aliases: string[];
  /** Dutch explanation for documentation and the task pane. */
  description?: string;
}

export const CORE_FIELDS: Record<string, FieldDef> = {
  agb: { type: 'text', label: 'AGB-code', aliases: ['agb', 'agb code', 'agbcode', 'agb-code zorgaanbieder', 'agb zorgaanbieder'] },
  zorgaanbieder: { type: 'text', label: 'Zorgaanbieder', aliases: ['aanbieder', 'naam zorgaanbieder', 'naam aanbieder', 'instelling', 'organisatie'] },
  zorgkantoor: { type: 'text', label: 'Zorgkantoor', aliases: ['regio', 'zorgkantoorregio', 'zorgkantoor regio', 'concessiehouder'] },
  sector: { type: 'text', label: 'Sector', aliases: ['sector prestatie', 'zorgsector'] },
  prestatiecode: {
    type: 'code',
    label: 'Prestatiecode',
    aliases: ['prestatie', 'code', 'prestatie code', 'nza prestatiecode', 'declaratiecode', 'productcode'],
  },
  omschrijving: { type: 'text', label: 'Omschrijving', aliases: ['omschrijving prestatie', 'prestatieomschrijving', 'naam prestatie'] },
  zorgprofiel: { type: 'text', label: 'Zorgprofiel', aliases: ['zzp', 'profiel', 'zorgzwaartepakket', 'indicatie'] },
  leveringsvorm: { type: 'text', label: 'Leveringsvorm', aliases: ['leveringsvormen', 'vorm'] },
  maximumtarief: {
    type: 'money',
    label: 'NZa maximumtarief',
    aliases: ['maximumtarief', 'max tarief', 'nza tarief', 'nza max', 'nza-maximumtarief', 'maximum tarief nza', 'tarief nza', 'max nza tarief'],
  },
  inkoopjaar: { type: 'integer', label: 'Inkoopjaar', aliases: ['jaar', 'contractjaar', 'kalenderjaar'] },
  gecontracteerdTarief: {
    type: 'money',
    label: 'Gecontracteerd tarief',
    aliases: ['contracttarief', 'afgesproken tarief', 'tarief contract', 'huidig tarief'],
  },
  volume: { type: 'number', label: 'Volume', aliases: ['aantal', 'eenheden', 'productie', 'aantal eenheden'] },
  hoofdsector: {
    type: 'text',
    label: 'Hoofdsector',
    aliases: ['hoofdsector aanbieder', 'sector aanbieder'],
    description: 'De sector waarin de zorgaanbieder inschrijft (het merendeel van de cliënten).',
  },
  nieuweAanbieder: {
    type: 'boolean',
    label: 'Nieuwe aanbieder',
    aliases: ['nieuw', 'nieuwe zorgaanbieder', 'nieuw voor zorgkantoor', 'nieuwe toetreder'],
    description: 'Ja als de zorgaanbieder nieuw is voor dit zorgkantoor.',
  },
  tariefpercentageVorigJaar: {
    type: 'percentage',
    label: 'Tariefpercentage vorig jaar',
    aliases: [
      'percentage vorig jaar',
      'tariefpercentage 2023',
      'tariefpercentage t-1',
      'huidig tariefpercentage',
      'tariefpercentage vorig jaar',
      'percentage 2023',
    ],
  },
  wlzOmzetaandeel: { type: 'percentage', label: 'Wlz-omzetaandeel', aliases: ['aandeel wlz omzet', 'wlz omzet aandeel', 'percentage wlz omzet'] },
  aantalWlzClienten: { type: 'integer', label: 'Aantal Wlz-cliënten', aliases: ['wlz clienten', 'aantal clienten', 'clienten wlz', 'aantal wlz clienten'] },
};

/** Normalize a header or alias for matching: lower case, no accents, no spaces or punctuation. */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}
