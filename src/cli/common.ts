/** What every CLI command shares: argument parsing, choosing a pack, opening and safely saving a workbook. */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { resolveParameters } from '../domain/policy/load';
import type { ParameterValues, PolicyPack } from '../domain/policy/types';
import { getPack, listPacks } from '../policies';
import { POLICY_SHEET } from '../workbook/policy-sheet';
import { isWorkbookFile, loadPackFile, problemsError } from './pack-files';
import { InputError } from '../workbook/errors';
import { fileErrorText } from './file-errors';

export { fileErrorText };
import { PackageError, XlsxWorkbook } from '../workbook/xlsx/adapter';
import { XmlError } from '../workbook/xlsx/xml';
import { DamagedZipError, ZipError } from '../workbook/xlsx/zip';

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

/** Wrong use of the command line: exit code 2, with the usage text. */
export class UsageError extends Error {}

export interface Command {
  /** One usage line, e.g. "annotate INVOER.xlsx --policy ID ...". */
  usage: string;
  /** One Dutch sentence or two on what it does. */
  summary: string;
  run(args: string[], io: Io): Promise<number> | number;
}

export type Options = NonNullable<ParseArgsConfig['options']>;

export function parse(args: string[], options: Options) {
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(parseArgsMessage(e as Error & { code?: string }));
  }
  // every naam=waarde option is checked before anything is read, in every command that takes one
  for (const option of SET_OPTIONS) {
    const given = (parsed.values as Record<string, unknown>)[option];
    if (option in options && Array.isArray(given)) parseSets(given as string[], `--${option}`);
  }
  return parsed;
}

/** The options that give values as naam=waarde (annotate, herschik, assess). */
const SET_OPTIONS = ['set', 'vergelijk-set'];

/** node:util parseArgs' English errors in Dutch. */
function parseArgsMessage(e: Error & { code?: string }): string {
  const option = /'(-{1,2}[^'\s]*)/.exec(e.message)?.[1];
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `Onbekende optie "${option ?? '?'}".`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /argument missing/.test(e.message)
        ? `Optie ${option ?? ''} verwacht een waarde.`.replace('  ', ' ')
        : `Optie ${option ?? ''} heeft geen waarde (alleen de optie zelf).`.replace('  ', ' ');
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return 'Te veel bestanden of waarden op de opdrachtregel.';
    default:
      return 'De opdrachtregel is niet te lezen.';
  }
}

/** A folder, or something else that is not a file, as input: a Dutch input error (exit 1). */
export function checkInputFile(file: string): void {
  if (fs.existsSync(file) && !fs.statSync(file).isFile()) {
    throw new InputError(`${file} is ${fs.statSync(file).isDirectory() ? 'een map' : 'geen gewoon bestand'}; geef het .xlsx-bestand zelf.`);
  }
}

/**
 * Whether writing `output` would write over `input`: the same real path (symbolic links followed, also of the
 * folders), or another name for the same file (a hard link: same device and inode).
 */
export function isSameFile(input: string, output: string): boolean {
  const real = (p: string) => {
    try {
      return fs.realpathSync(p);
    } catch {
      try {
        return path.join(fs.realpathSync(path.dirname(p)), path.basename(p));
      } catch {
        return path.resolve(p);
      }
    }
  };
  if (real(input) === real(output)) return true;
  try {
    const a = fs.statSync(input);
    const b = fs.statSync(output);
    return a.dev === b.dev && a.ino === b.ino;
  } catch {
    return false;
  }
}

/**
 * `--set naam=waarde` (repeatable) → { naam: waarde }. A name without a value (`--set richttarief=`) is refused: it
 * would leave the parameter without a value, and every row that needs it without a tariff.
 */
export function parseSets(sets: readonly string[] | undefined, option = '--set'): Record<string, string> {
  // no prototype: "--set __proto__=1" or "constructor" is a name like any other (and unknown to every pack)
  const out = Object.create(null) as Record<string, string>;
  for (const s of sets ?? []) {
    const i = s.indexOf('=');
    const name = s.slice(0, i).trim();
    if (i <= 0 || !name) throw new UsageError(`${option} verwacht naam=waarde, niet "${s}".`);
    const value = s.slice(i + 1).trim();
    if (!value)
      throw new UsageError(
        `${option} ${name}= heeft geen waarde. Schrijf de waarde direct na het =-teken, zonder spatie (bijv. ${option} richttarief=97,3), of laat ${option} ${name} weg om de waarde uit het beleid te gebruiken.`,
      );
    out[name] = value;
  }
  return out;
}

/** The options every pack-using command accepts: a shipped pack (--policy ID) or one's own (--policy-file). */
export const PACK_OPTIONS: Options = {
  policy: { type: 'string' },
  'policy-file': { type: 'string' },
  set: { type: 'string', multiple: true },
};

export interface PackChoice {
  policy?: unknown;
  'policy-file'?: unknown;
  set?: unknown;
}

/**
 * The pack chosen with --policy ID or --policy-file FILE (JSON or YAML, may extend another pack) and its
 * parameters after --set overrides; Dutch errors with file and line otherwise.
 */
export function choosePack(values: PackChoice): { pack: PolicyPack; params: ParameterValues } {
  const available = listPacks()
    .map((p) => p.id)
    .join(', ');
  const file = values['policy-file'];
  if (typeof file === 'string' && file) {
    if (typeof values.policy === 'string') throw new UsageError('Kies --policy of --policy-file, niet allebei.');
    if (isWorkbookFile(file))
      throw new UsageError(
        `--policy-file verwacht een JSON- of YAML-bestand. Een beleid in een werkmap: zet het blad "${POLICY_SHEET}" in de invoerwerkmap (annotate gebruikt het dan vanzelf) of kies het met annotate --policy-sheet BLAD.`,
      );
    const loaded = loadPackFile(file);
    if (!loaded.pack) throw problemsError(loaded);
    return withParameters(loaded.pack, values);
  }
  if (typeof values.policy !== 'string' || !values.policy)
    throw new UsageError(`Kies een beleid met --policy (beschikbaar: ${available}) of --policy-file BESTAND.`);
  const pack = getPack(values.policy);
  if (!pack) throw new UsageError(`Onbekend beleid "${values.policy}". Beschikbaar: ${available}. Een eigen beleid in een bestand: --policy-file BESTAND.`);
  return withParameters(pack, values);
}

/** The pack's parameters after --set overrides. */
export function withParameters(pack: PolicyPack, values: PackChoice): { pack: PolicyPack; params: ParameterValues } {
  const { values: params, errors } = resolveParameters(pack, parseSets(values.set as string[] | undefined));
  if (errors.length) throw new InputError(errors.map((e) => `${e.place}: ${e.message}`).join('\n'));
  return { pack, params };
}

/** Open an .xlsx or .xlsm for reading and editing; a missing, unreadable or other kind of file is an input problem, not a crash. */
export async function openWorkbook(file: string): Promise<XlsxWorkbook> {
  if (!fs.existsSync(file)) throw new InputError(`Bestand niet gevonden: ${file}`);
  const name = path.basename(file);
  const kind = fileKind(file);
  if (kind === 'compound') {
    throw new InputError(
      `${name} is met een wachtwoord beveiligd (versleuteld) of een oud Excel-bestand (.xls); Tariefwijzer kan het niet openen. Open het in Excel, verwijder het wachtwoord (Bestand > Info > Werkmap beveiligen) en sla het op als Excel-werkmap (.xlsx), of met macro's als .xlsm.`,
    );
  }
  let workbook: XlsxWorkbook;
  try {
    workbook = await XlsxWorkbook.fromFile(file);
  } catch (e) {
    if (e instanceof DamagedZipError) throw e; // its own sentence, with what to do
    if (e instanceof XmlError) throw new DamagedZipError(name, e.message);
    // our own package errors are Dutch; anything else (a Node file error) is said in Dutch too, never in English
    const reason = e instanceof PackageError || e instanceof ZipError ? e.message : fileErrorText(e);
    throw new InputError(
      `${name} is geen leesbaar .xlsx-bestand (beschadigd, met wachtwoord beveiligd of een ander formaat): ${reason}. Open het in Excel en sla het op als Excel-werkmap (.xlsx).`,
    );
  }
  const other = workbook.otherFormat();
  if (other === 'xlsb')
    throw new InputError(
      `${name} is een binaire Excel-werkmap (.xlsb); Tariefwijzer kan alleen .xlsx en .xlsm bewerken. Open het in Excel en kies Bestand > Opslaan als > Excel-werkmap (.xlsx), of Excel-werkmap met macro's (.xlsm).`,
    );
  if (other === 'ods')
    throw new InputError(
      `${name} is een OpenDocument-rekenblad (.ods); Tariefwijzer kan alleen .xlsx en .xlsm bewerken. Open het in LibreOffice Calc of Excel en sla het op als Excel-werkmap (.xlsx).`,
    );
  if (other === 'docx' || other === 'pptx')
    throw new InputError(
      `${name} is ${other === 'docx' ? 'een Word-document' : 'een PowerPoint-presentatie'}, geen Excel-werkmap. Geef de Excel-werkmap (.xlsx of .xlsm) met de gegevens; staat de tabel in ${other === 'docx' ? 'het document' : 'de presentatie'}, kopieer hem dan naar Excel en sla die werkmap op als .xlsx.`,
    );
  if (other === 'zip')
    throw new InputError(`${name} is een gewoon zip-bestand, geen Excel-werkmap. Pak het uit en geef de Excel-werkmap (.xlsx) die erin zit.`);
  if (other) throw new InputError(`${name} is geen Excel-werkmap (geen xl/workbook.xml); sla het in Excel op als Excel-werkmap (.xlsx).`);
  workbook.checkParts();
  return workbook;
}

/**
 * An encrypted .xlsx and an old .xls are OLE compound files (they start with D0 CF 11 E0 A1 B1 1A E1), not zip
 * packages.
 */
function fileKind(file: string): 'compound' | 'other' {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(8);
    return fs.readSync(fd, head, 0, 8, 0) === 8 && head.equals(Buffer.from('d0cf11e0a1b11ae1', 'hex')) ? 'compound' : 'other';
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The output path: --out, or INVOER-<suffix>.xlsx (or .xlsm) next to the input; never the input itself. A
 * workbook with macros stays an .xlsm: Excel refuses an .xlsx that holds a VBA project, and an .xlsm without one. A
 * template (.xltx, .xltm) gives a workbook, as Excel makes one from it (the adapter declares its main part so).
 */
export function outputPath(input: string, out: unknown, suffix: string): string {
  const ext = /\.xl[st]m$/i.test(input) ? '.xlsm' : '.xlsx';
  const output = path.resolve(typeof out === 'string' ? out : input.replace(/(\.xl[st][xm])?$/i, `-${suffix}${ext}`));
  if (isSameFile(input, output))
    throw new UsageError('Het uitvoerbestand mag niet het invoerbestand zijn (ook niet via een snelkoppeling of een tweede naam voor hetzelfde bestand).');
  const outExt = path.extname(output).toLowerCase();
  if (outExt === '.xltx' || outExt === '.xltm')
    throw new UsageError(`Tariefwijzer schrijft een werkmap, geen sjabloon: laat het uitvoerbestand op ${ext} eindigen.`);
  if ((outExt === '.xlsx' || outExt === '.xlsm') && outExt !== ext && /\.xl[st][xm]$/i.test(input)) {
    throw new UsageError(
      `Het uitvoerbestand moet ook op ${ext} eindigen, net als de invoer: ${ext === '.xlsm' ? "een werkmap met macro's blijft een .xlsm" : "een werkmap zonder macro's kan geen .xlsm worden"}.`,
    );
  }
  return output;
}

/**
 * Save via a temporary file beside the output and a rename, so a failure never leaves half a file or damages an
 * existing one. The temporary file is visible and says what it is, should the run be killed while writing; the next
 * run for the same output removes such leftovers of runs that are no longer running.
 */
export async function saveSafely(workbook: XlsxWorkbook, output: string): Promise<void> {
  removeLeftovers(output);
  const tmp = temporaryPath(output, process.pid);
  try {
    await workbook.save(tmp);
    fs.renameSync(tmp, output);
  } catch (e) {
    if (e instanceof ZipError) throw e; // the input was damaged (found while copying it): not a writing problem
    // a full disk, a missing folder, no permission, the output open elsewhere: the user's to fix, in Dutch
    throw new InputError(`${output} kon niet worden geschreven (${fileErrorText(e)}); de invoer en een eventueel bestaand uitvoerbestand zijn niet gewijzigd.`);
  } finally {
    if (fs.existsSync(tmp)) fs.rmSync(tmp);
  }
}

/** Where `output` is written before it gets its name: "NAAM (bezig met schrijven door Tariefwijzer, proces 123).tmp". */
export function temporaryPath(output: string, pid: number): string {
  return path.join(path.dirname(output), `${path.basename(output)} ${TMP_MIDDLE}${pid}).tmp`);
}

const TMP_MIDDLE = '(bezig met schrijven door Tariefwijzer, proces ';

/**
 * Temporary files of earlier runs for this output whose process is gone (killed while writing): ours by their
 * name, also the hidden ".NAAM.123.tmp" of earlier versions. A process that still runs keeps its file.
 */
function removeLeftovers(output: string): void {
  const base = path.basename(output);
  const dir = path.dirname(output);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return; // a missing folder: saving says so
  }
  for (const name of names) {
    const pid = name.startsWith(`${base} ${TMP_MIDDLE}`)
      ? /^(\d+)\)\.tmp$/.exec(name.slice(base.length + 1 + TMP_MIDDLE.length))?.[1]
      : name.startsWith(`.${base}.`)
        ? /^(\d+)\.tmp$/.exec(name.slice(base.length + 2))?.[1]
        : undefined;
    if (pid === undefined || Number(pid) === process.pid || isRunning(Number(pid))) continue;
    try {
      fs.rmSync(path.join(dir, name));
    } catch {
      // not ours to force: left as it is
    }
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM';
  }
}
