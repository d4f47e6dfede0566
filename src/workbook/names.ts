/**
 * The names Tariefwijzer's jobs share: its own sheet, the run's status, the number formats of its columns and how
 * a parameter or a time reads on that sheet. One module, so a job or the pane needs none of the other jobs.
 */
import { normalizeHeader } from '../domain/fields';
import { formatNumber } from '../domain/money';
import { cellToText, type CellValue } from '../domain/parse';
import { normalizeCode } from '../domain/prestaties';
import type { ParameterValues } from '../domain/policy/types';

export const META_SHEET = 'Tariefwijzer';
/**
 * The run's status on the metadata sheet. A run writes the sheet with "onvolledig" in its first request and
 * sets "voltooid" in its last one, so a run broken off halfway (a lost connection, a host error) leaves a
 * workbook that says so: readLastRun reports it, the task pane asks to calculate again, and a re-run
 * replaces every output cell.
 */
export const STATUS_LABEL = 'Status';
export const STATUS_INCOMPLETE = 'onvolledig';
export const STATUS_COMPLETE = 'voltooid';
export const STATUS_INCOMPLETE_NOTE = 'de berekening is niet afgerond; de uitvoerkolommen kunnen deels oud of leeg zijn. Kies opnieuw Bereken.';
export const STATUS_COMPLETE_NOTE = 'alle uitvoer is geschreven';
export const PERCENTAGE_FORMAT = '0.00%';
/** The review a person gives a row (column Tariefwijzer beoordeling, a validation list); a new or moved row is open. */
export const REVIEW_VERDICTS = ['open', 'akkoord', 'afwijking'] as const;
export const REVIEW_OPEN = 'open';
export const REVIEW_DATE_FORMAT = 'd-m-yyyy';
export const TARIFF_FORMAT = '"€" #,##0.00';

/** The metadata sheet's label of the last row the output block covers. */
export const OUTPUT_END_LABEL = 'Uitvoer t/m rij';

export function isTariffSheet(name: string): boolean {
  const n = normalizeHeader(name);
  return n.includes('nzatarie') || n === 'tarieven' || n.includes('maximumtarie');
}

/** The code as the engine reads it (prestaties.normalizeCode), so table lookups match the rows. */
export function normalizeCodeKey(v: CellValue): string {
  return normalizeCode(typeof v === 'number' ? v : cellToText(v)).code ?? '';
}

export const META_TITLE = 'Tariefwijzer — gegevens van de laatste berekening';

export function metaTakenMessage(): string {
  return `Er is al een blad "${META_SHEET}" dat niet door Tariefwijzer is gemaakt; een berekening zou het vervangen. Geef dat blad een andere naam en start de berekening opnieuw; er is niets gewijzigd.`;
}

export function protectedSheetMessage(sheet: string): string {
  return `Blad "${sheet}" is beveiligd, dus Tariefwijzer kan er geen kolommen in schrijven. Hef de beveiliging op (Controleren > Beveiliging blad opheffen) en start de berekening opnieuw; er is niets gewijzigd.`;
}

/** Tariefwijzer's own sheets ("Tariefwijzer", "Tariefwijzer beoordelingen", ...) never hold input rows. */
export function isOwnSheet(name: string): boolean {
  return name === META_SHEET || name.startsWith(`${META_SHEET} `);
}

/** A parameter's value as the user typed it: "97,3", "ja"/"nee", "(niet ingesteld)". */
export function parameterText(v: ParameterValues[string] | undefined): string {
  if (v === null || v === undefined) return PARAMETER_NOT_SET;
  if (typeof v === 'boolean') return v ? 'ja' : 'nee';
  // a choice such as "tariefpercentage_2023" reads as "tariefpercentage 2023" (recordedParameters maps it back)
  return typeof v === 'object' ? formatNumber(v, 0, 4) : String(v).replace(/_/g, ' ');
}
export const PARAMETER_NOT_SET = '(niet ingesteld)';

/** "6-12-2026 14:05" in the machine's own time zone (the time the user saw on the clock). */
export function formatLocalDateTime(d: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getDate()}-${d.getMonth() + 1}-${d.getFullYear()} ${two(d.getHours())}:${two(d.getMinutes())}`;
}
