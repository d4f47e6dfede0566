/** The pack put together from what was read: required metadata, what a sheet leaves out, and where each pointer is. */
import { type PackLocation } from '../../domain/policy/source';
import { type Reading } from './reading';
import { META_LABELS, type Obj } from './vocabulary';

/** The metadata a pack needs (an extension only its id and version), named as the sheet names them. */
export function checkRequired(reading: Reading, hasRules: boolean): void {
  const isExtension = reading.data.extends !== undefined;
  const required = isExtension ? ['id', 'version'] : ['id', 'version', 'title', 'zorgkantoor', 'sector', 'inkoopjaar', 'description', 'sources'];
  const atTop = (message: string) => reading.problems.push({ source: reading.name, cell: 'A1', message });
  for (const key of required) {
    const present = key === 'sources' ? reading.sources.length > 0 : reading.data[key] !== undefined;
    if (!present) atTop(`"${META_LABELS[key]}" ontbreekt in het kopblok (kolom A het woord ${META_LABELS[key]}, kolom B de waarde)`);
  }
  if (!hasRules && !isExtension)
    atTop('geen regeltabel: een rij met in kolom A "Regel" en daarnaast de kolomkoppen (Omschrijving, Effect, Waarde, Bron, Vindplaats, ...)');
}

/** The pack's parts put together, with what a sheet leaves out: the rounding parameter and the groups. */
export function completePack(reading: Reading): void {
  const { data, parameters, rules, sources, ownFields } = reading;
  const isExtension = data.extends !== undefined;
  if (!isExtension && !parameters.afronding) {
    parameters.afronding = {
      type: 'rounding',
      label: 'Afronding van het tarief',
      description: 'Niet in het blad opgegeven: eenmaal afronden op centen, half naar boven (rekenkundig).',
      default: 'rekenkundig',
    };
  }
  if (sources.length) data.sources = sources;
  if (Object.keys(ownFields).length) data.fields = ownFields;
  // A sheet has no table for groups: op-/afslagen with the same Groep do not add up, only the largest counts.
  // (An extension keeps the groups of its base.)
  const groups = [...new Set(rules.map((r) => (r.effect as Obj | undefined)?.group).filter((g): g is string => typeof g === 'string'))];
  if (!isExtension && groups.length)
    data.groups = Object.fromEntries(
      groups.map((g) => [g, { description: `opslagen in groep "${g}" tellen niet samen op; alleen de grootste telt`, stack: false }]),
    );
  if (Object.keys(parameters).length) data.parameters = parameters;
  if (rules.length || !isExtension) data.rules = rules;
}

/** The cell of a pointer: the longest part of it that a cell was recorded for, else A1. */
export function locator(reading: Reading): (pointer: string) => PackLocation {
  return (pointer) => {
    const parts = pointer.split('/');
    for (let n = parts.length; n > 0; n--) {
      const cell = reading.cells.get(parts.slice(0, n).join('/'));
      if (cell) return { source: reading.name, cell };
    }
    return { source: reading.name, cell: 'A1' };
  };
}
