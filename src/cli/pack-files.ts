/** Packs from files for the CLI: JSON or YAML (sync), or the policy sheet of an .xlsx (async). */
import fs from 'node:fs';
import path from 'node:path';
import { formatProblem, loadPack, MAX_PACK_CHARS, parsePackText, tooLarge, type LoadResult, type PackResolver } from '../domain/policy/source';
import type { PackSource } from '../domain/policy/pack-source';
import { SHIPPED_RESOLVER } from '../policies';
import { fileErrorText } from './file-errors';
import { InputError } from '../workbook/errors';
import { findPolicySheet, loadPackFromSheet, POLICY_SHEET } from '../workbook/policy-sheet';
import { XlsxWorkbook } from '../workbook/xlsx/adapter';

export const isWorkbookFile = (file: string) => /\.xlsx$/i.test(file);

/** A JSON or YAML file as a pack source; undefined when it does not exist. */
export function readPackSource(file: string): PackSource | undefined {
  const full = path.resolve(file);
  if (!fs.existsSync(full)) return undefined;
  const name = path.basename(full);
  const fail = (message: string): PackSource => ({
    name,
    path: full,
    data: undefined,
    locate: () => ({ source: name }),
    problems: [{ source: name, message }],
  });
  const stat = fs.statSync(full);
  if (stat.isDirectory()) return fail('dit is een map, geen beleidsbestand; geef het .yaml- of .json-bestand zelf');
  if (!stat.isFile()) return fail('dit is geen gewoon bestand');
  if (isWorkbookFile(full)) return fail('een werkmap kan geen basis van "extends" zijn; zet het basisbeleid in een JSON- of YAML-bestand');
  // checked before reading: a file of hundreds of megabytes is never read into memory
  if (stat.size > MAX_PACK_CHARS * 4) return fail(tooLarge(stat.size)); // UTF-8: up to 4 bytes a character
  try {
    return parsePackText(fs.readFileSync(full, 'utf8'), name, full);
  } catch (e) {
    return fail(`kan het bestand niet lezen (${fileErrorText(e)})`);
  }
}

/** Shipped packs by id, other files relative to the extending file. */
export const FILE_RESOLVER: PackResolver = {
  ...SHIPPED_RESOLVER,
  readSource: (ref, from) => readPackSource(path.resolve(from && fs.existsSync(from) ? path.dirname(from) : process.cwd(), ref)),
};

/** Load and validate a JSON or YAML pack file. */
export function loadPackFile(file: string): LoadResult {
  const source = readPackSource(file);
  if (!source) return { problems: [{ source: path.basename(file), message: 'bestand niet gevonden' }], bases: [] };
  return loadPack(source, FILE_RESOLVER);
}

/** The policy sheet of an .xlsx: the named sheet, or the one called "Tariefwijzer beleid". */
export async function loadPackFromWorkbookFile(file: string, sheet?: string): Promise<LoadResult & { sheet?: string }> {
  const name = path.basename(file);
  if (!fs.existsSync(file)) return { problems: [{ source: name, message: 'bestand niet gevonden' }], bases: [] };
  if (!fs.statSync(file).isFile()) return { problems: [{ source: name, message: 'dit is een map, geen .xlsx-bestand' }], bases: [] };
  let workbook: XlsxWorkbook;
  try {
    workbook = await XlsxWorkbook.fromFile(file);
  } catch (e) {
    return { problems: [{ source: name, message: 'geen leesbaar .xlsx-bestand (beschadigd, met wachtwoord beveiligd of een ander formaat)' }], bases: [] };
  }
  return loadPackFromPort(workbook, name, path.resolve(file), sheet);
}

/** The policy sheet of an open workbook; `extends` files are found next to the workbook file. */
export async function loadPackFromPort(
  workbook: XlsxWorkbook,
  name: string,
  file: string | undefined,
  sheet?: string,
): Promise<LoadResult & { sheet?: string }> {
  const found = sheet ?? (await findPolicySheet(workbook));
  if (!found)
    return {
      problems: [{ source: name, message: `geen blad "${POLICY_SHEET}" in deze werkmap; noem het blad met --sheet (bij policy check) of --policy-sheet` }],
      bases: [],
    };
  const resolver: PackResolver = { ...FILE_RESOLVER, readSource: (ref, from) => FILE_RESOLVER.readSource!(ref, from ?? file) };
  return { ...(await loadPackFromSheet(workbook, found, resolver)), sheet: found };
}

/** A LoadResult's problems as an input error (exit code 1), one problem a line. */
export function problemsError(result: LoadResult): InputError {
  return new InputError(`het beleid is niet geldig:\n${result.problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`);
}
