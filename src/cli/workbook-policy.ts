/**
 * The policy of a command that reads one workbook (annotate, bijlagen): a shipped pack or pack file chosen on the
 * command line (checked before the workbook is read), or the workbook's own policy sheet.
 */
import path from 'node:path';
import { formatCount } from '../domain/count';
import type { ParameterValues, PolicyPack } from '../domain/policy/types';
import { findPolicySheet } from '../workbook/policy-sheet';
import type { XlsxWorkbook } from '../workbook/xlsx/adapter';
import { choosePack, PACK_OPTIONS, UsageError, withParameters, type Options } from './common';
import { loadPackFromPort, problemsError } from './pack-files';
import { requireBaseParameters } from './verdict';

/** The options policyFromOptions reads: PACK_OPTIONS and --policy-sheet. */
export const WORKBOOK_PACK_OPTIONS: Options = { ...PACK_OPTIONS, 'policy-sheet': { type: 'string' } };

/** --policy / --policy-file (chosen now), or --policy-sheet (read with the workbook); never both. */
export function policyFromOptions(values: Record<string, unknown>): { chosen?: ReturnType<typeof choosePack>; policySheet?: string } {
  const policySheet = values['policy-sheet'] as string | undefined;
  const fromCommandLine = values.policy !== undefined || values['policy-file'] !== undefined;
  if (policySheet !== undefined && fromCommandLine) throw new UsageError('Kies één beleid: --policy, --policy-file of --policy-sheet.');
  return { chosen: fromCommandLine ? choosePack(values) : undefined, policySheet };
}

/** The policy on a sheet of the workbook (the named one, or the one found), with the command line's parameters. */
export async function packFromWorkbook(
  workbook: XlsxWorkbook,
  input: string,
  policySheet: string | undefined,
  values: Record<string, unknown>,
  progress: (t: string) => void,
): Promise<{ pack: PolicyPack; params: ParameterValues; skipSheets: string[] }> {
  const sheet = policySheet ?? (await findPolicySheet(workbook));
  if (!sheet) choosePack(values); // no policy at all: the usual usage error
  const loaded = await loadPackFromPort(workbook, path.basename(input), input, sheet);
  if (!loaded.pack) throw problemsError(loaded);
  progress(`Beleid uit blad "${loaded.sheet}": ${loaded.pack.id} ${loaded.pack.version}`);
  const { pack, params } = withParameters(loaded.pack, values);
  requireBaseParameters(pack, params);
  return { pack, params, skipSheets: [loaded.sheet!] };
}

/**
 * A job's onProgress as the lines a command prints while it computes: the sheet's rows below the header at the start
 * and while reading, the rows with data at the end (empty rows are skipped, so the two may differ).
 */
export function rowProgress(progress: (t: string) => void): (done: number, total: number) => void {
  return (done, total) =>
    progress(
      done === 0
        ? `Berekenen: ${formatCount(total)} rijen onder de kopregel`
        : done === total
          ? `Klaar met rekenen: ${formatCount(done)} rijen met gegevens`
          : `  ${formatCount(done)} van ${formatCount(total)} rijen…`,
    );
}
