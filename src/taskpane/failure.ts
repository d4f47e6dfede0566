/**
 * What the pane says when a run fails. Microsoft: an Office.js error's `message` "isn't intended for consumption by
 * end users; you should use the error code ... to determine the error message that your add-in shows"
 * (https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling). So an error
 * with a code gets a Dutch explanation of that code (the codes that page lists for Excel which a run can meet),
 * an error of our own (InputError, RunCancelled: already Dutch) is shown as it is, and anything else is named an
 * unexpected error with its technical text last, for whoever supports the user.
 */
import type { RunPhase } from '../workbook/jobs/job';
import { errorCode } from './office-error';

/** Dutch meaning and advice per Excel error code (Excel.ErrorCodes and OfficeExtension.ErrorCodes). */
export const EXCEL_CODES: Readonly<Record<string, string>> = {
  InvalidOperationInCellEditMode: 'Excel is bezig met het bewerken van een cel: rond dat eerst af met Enter of Tab, of klik een andere cel aan.',
  InactiveWorkbook: 'Er is meer dan één werkmap open en deze werkmap had niet de focus: klik eerst in deze werkmap.',
  AccessDenied: 'Excel stond de wijziging niet toe: een blad of de werkmap is beveiligd, of de werkmap is alleen-lezen geopend.',
  ItemNotFound: 'Een blad of bereik dat Tariefwijzer gebruikte, bestaat niet meer (hernoemd of verwijderd tijdens de berekening?).',
  Conflict: 'Iemand anders wijzigde de werkmap tegelijk (samenwerken): wacht tot die wijzigingen binnen zijn.',
  InsertDeleteConflict: 'Tijdens de berekening werden rijen of kolommen ingevoegd of verwijderd.',
  FilteredRangeConflict: 'Een filter op het blad zat de wijziging in de weg: wis eerst het filter (Gegevens > Wissen).',
  MergedRangeConflict: 'Samengevoegde cellen, een tabel of een draaitabel zitten in de weg van de kolommen van Tariefwijzer.',
  PivotTableRangeConflict: 'Een draaitabel zit in de weg van de kolommen van Tariefwijzer: verplaats hem eerst.',
  UnsupportedSheet: 'Het blad is een grafiekblad of macroblad, geen gewoon werkblad.',
  MemoryLimitReached: 'Excel had onvoldoende geheugen voor deze stap: sluit eerst andere werkmappen.',
  RangeExceedsLimit: 'Het bereik is groter dan Excel in één keer verwerkt.',
  RequestPayloadSizeLimitExceeded:
    'Het verzoek aan Excel was groter dan Excel op het web toestaat; gaat het opnieuw mis, gebruik dan Excel voor Windows of Mac.',
  ResponsePayloadSizeLimitExceeded:
    'Het antwoord van Excel was groter dan Excel op het web toestaat; gaat het opnieuw mis, gebruik dan Excel voor Windows of Mac.',
  ActivityLimitReached: 'Excel was even te druk: wacht een ogenblik.',
  ServiceNotAvailable: 'Excel, of de verbinding ermee, was even niet beschikbaar: wacht een ogenblik.',
  ConnectionFailure: 'De verbinding met Excel viel weg.',
  RequestAborted: 'Excel brak het verzoek af.',
  GeneralException: 'Excel meldde een interne fout; gaat het opnieuw mis, sla de werkmap dan op en open haar opnieuw.',
};

/** How far a run got: its phase, or reading a file the user chose (nothing in the workbook changes). */
export type FailedStep = RunPhase | 'bestand';

/** What the error leaves behind, by how far the run got (undefined: not tracked, as for assessments). */
function aftermath(phase: FailedStep | undefined, button: string): string {
  if (phase === 'schrijven') return `De uitkomsten kunnen onvolledig zijn geschreven; kies opnieuw ${button} om ze te herstellen.`;
  if (phase) return `Er is niets in de werkmap gewijzigd; kies opnieuw ${button}.`;
  return `Uw eigen gegevens zijn niet gewijzigd (Tariefwijzer schrijft alleen in zijn eigen kolommen en bladen); kies opnieuw ${button} om de uitkomsten bij te werken.`;
}

const PHASE_WORDS: Record<FailedStep, string> = {
  lezen: 'het lezen van de werkmap',
  rekenen: 'het berekenen',
  schrijven: 'het schrijven van de uitkomsten',
  bestand: 'het lezen van het bestand',
};

/**
 * The Dutch text for a failed run.
 * @param own errors whose message is already meant for the user (InputError, RunCancelled)
 * @param button the button that runs it again ("Bereken", "Beoordeel", …)
 */
export function failureText(e: unknown, options: { phase?: FailedStep; button: string; own: (e: unknown) => boolean }): string {
  if (options.own(e)) return (e as Error).message;
  const code = errorCode(e);
  const during = options.phase ? ` tijdens ${PHASE_WORDS[options.phase]}` : '';
  if (code) {
    const meaning = EXCEL_CODES[code];
    return `Excel gaf een fout${during} (melding ${code}).${meaning ? ` ${meaning}` : ''} ${aftermath(options.phase, options.button)}`;
  }
  const detail = e instanceof Error ? e.message : String(e);
  return `Er ging iets onverwachts mis in Tariefwijzer${during}. ${aftermath(options.phase, options.button)} Technische melding: ${detail}`;
}
