/**
 * What the pane says when a run fails: Office.js messages are not for end users (Microsoft's error-handling
 * article), so a code gets a Dutch meaning, our own Dutch errors pass as they are, and anything else is named
 * unexpected with its technical text last. Every code we explain is one Excel documents.
 */
import { readFileSync } from 'node:fs';
import { FakeOfficeError } from '../../src/demo-host/fake-excel';
import { EXCEL_CODES, failureText } from '../../src/taskpane/failure';
import { InputError } from '../../src/workbook/errors';

const own = (e: unknown) => e instanceof InputError;

test('an error of our own is shown as it is', () => {
  const e = new InputError('Blad "Aanbieders" is beveiligd.');
  expect(failureText(e, { phase: 'lezen', button: 'Bereken', own })).toBe('Blad "Aanbieders" is beveiligd.');
});

test('an Excel error code: its Dutch meaning, the step, and what the run left behind', () => {
  const editing = failureText(new FakeOfficeError('InvalidOperationInCellEditMode', 'The operation isn’t available while Excel is in Edit cell mode.'), {
    phase: 'lezen',
    button: 'Bereken',
    own,
  });
  expect(editing).toBe(
    'Excel gaf een fout tijdens het lezen van de werkmap (melding InvalidOperationInCellEditMode). Excel is bezig met het bewerken van een cel: rond dat eerst af met Enter of Tab, of klik een andere cel aan. Er is niets in de werkmap gewijzigd; kies opnieuw Bereken.',
  );
  // Excel's own (English, not-for-users) message is not shown
  expect(editing).not.toContain('Edit cell mode');

  const writing = failureText(new FakeOfficeError('ConnectionFailure', 'lost'), { phase: 'schrijven', button: 'Bereken', own });
  expect(writing).toBe(
    'Excel gaf een fout tijdens het schrijven van de uitkomsten (melding ConnectionFailure). De verbinding met Excel viel weg. De uitkomsten kunnen onvolledig zijn geschreven; kies opnieuw Bereken om ze te herstellen.',
  );

  // a step not tracked (assessments, herschikking): the user's own data is safe, the button repairs ours
  expect(failureText(new FakeOfficeError('AccessDenied', 'x'), { button: 'Herschik', own })).toBe(
    'Excel gaf een fout (melding AccessDenied). Excel stond de wijziging niet toe: een blad of de werkmap is beveiligd, of de werkmap is alleen-lezen geopend. Uw eigen gegevens zijn niet gewijzigd (Tariefwijzer schrijft alleen in zijn eigen kolommen en bladen); kies opnieuw Herschik om de uitkomsten bij te werken.',
  );
});

test('a code without an explanation of ours still gets the step and what to do', () => {
  expect(failureText(new FakeOfficeError('SomethingNew', 'x'), { phase: 'rekenen', button: 'Bereken', own })).toBe(
    'Excel gaf een fout tijdens het berekenen (melding SomethingNew). Er is niets in de werkmap gewijzigd; kies opnieuw Bereken.',
  );
});

test('anything else is an unexpected error, in Dutch, with the technical text last', () => {
  expect(
    failureText(new TypeError("Cannot read properties of undefined (reading 'x')"), { phase: 'bestand', button: 'Bestand kiezen', own: () => false }),
  ).toBe(
    "Er ging iets onverwachts mis in Tariefwijzer tijdens het lezen van het bestand. Er is niets in de werkmap gewijzigd; kies opnieuw Bestand kiezen. Technische melding: Cannot read properties of undefined (reading 'x')",
  );
  // a number as code (a DOMException from reading a file) is not an Excel code
  const dom = Object.assign(new Error('The file could not be read'), { code: 8 });
  expect(failureText(dom, { phase: 'bestand', button: 'Bestand kiezen', own: () => false })).toMatch(/^Er ging iets onverwachts mis/);
});

test('every code we explain is one Excel documents', () => {
  const types = readFileSync(require.resolve('@types/office-js/index.d.ts'), 'utf8');
  // Excel.ErrorCodes: enum members with their string values
  const excelEnum = /namespace Excel \{[\s\S]*?enum ErrorCodes \{([\s\S]*?)\}/.exec(types)![1];
  const documented = new Set([...excelEnum.matchAll(/= "([A-Za-z]+)"/g)].map((m) => m[1]));
  // OfficeExtension.ErrorCodes: static members, values are the names capitalised
  const common = /class ErrorCodes \{([\s\S]*?)\}/.exec(types)![1];
  for (const m of common.matchAll(/public static (\w+): string;/g)) documented.add(m[1][0].toUpperCase() + m[1].slice(1));
  // the codes the error-handling article lists beyond the typings (its table of application-specific errors):
  // https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling
  for (const code of ['MemoryLimitReached', 'RequestPayloadSizeLimitExceeded', 'ServiceNotAvailable']) documented.add(code);
  expect(documented.has('InvalidOperationInCellEditMode')).toBe(true);
  expect(Object.keys(EXCEL_CODES).filter((code) => !documented.has(code))).toEqual([]);
});
