import path from 'node:path';
import { bijlagenVerdict } from '../../domain/bijlagen-verdict';
import { bijlageFileNames, bijlageFingerprint, bijlageSheet, OVERVIEW_FILE, type BijlageContext, type BijlageFile } from '../../workbook/jobs/bijlage-document';
import { overviewSheet } from '../../workbook/jobs/bijlage-overview';
import { collectBijlagen, REFUSED_ADVICE, type BijlagenOutcome } from '../../workbook/jobs/bijlagen';
import { newWorkbookBytes } from '../../workbook/xlsx/new-workbook';
import { checkOutFolder, writeAllOrNothing, type NewFile } from '../bijlagen-files';
import { checkInputFile, openWorkbook, parse, UsageError, type Command } from '../common';
import { exitCodeOf } from '../exit-codes';
import { nothingUsable, requireBaseParameters, verdictLines } from '../verdict';
import { packFromWorkbook, policyFromOptions, rowProgress, WORKBOOK_PACK_OPTIONS } from '../workbook-policy';

export const bijlagen: Command = {
  usage:
    'bijlagen INVOER.xlsx (--policy ID | --policy-file BELEID.yaml | --policy-sheet BLAD) [--set naam=waarde]... [--sheet BLAD] [--out MAP] [--datum JJJJ-MM-DD] [--agb CODE]... [--json]',
  summary:
    'maakt per zorgaanbieder (AGB-code, en zorgkantoor als de werkmap er meer heeft) een bijlage bij de overeenkomst\nmet de tarieven van annotate, plus overzicht.xlsx; schrijft in een nieuwe map (standaard INVOER-bijlagen)\nen overschrijft nooit een bestaand bestand',
  async run(args, io) {
    const { values, positionals } = parse(args, {
      ...WORKBOOK_PACK_OPTIONS,
      sheet: { type: 'string' },
      out: { type: 'string' },
      datum: { type: 'string' },
      agb: { type: 'string', multiple: true },
      json: { type: 'boolean' },
    });
    if (positionals.length !== 1) throw new UsageError('Geef precies één invoerbestand.');
    const input = path.resolve(positionals[0]);
    const datum = parseDatum(values.datum as string | undefined);
    const { chosen, policySheet } = policyFromOptions(values);
    checkInputFile(input);
    const outDir = path.resolve(typeof values.out === 'string' ? values.out : input.replace(/(\.xls[xm])?$/i, '-bijlagen'));
    checkOutFolder(outDir, [OVERVIEW_FILE]);
    if (chosen) requireBaseParameters(chosen.pack, chosen.params);
    const progress = (t: string) => (values.json ? undefined : io.err(t));
    progress(`Lezen: ${input}`);
    const workbook = await openWorkbook(input);
    const { pack, params, skipSheets } = chosen ? { ...chosen, skipSheets: [] } : await packFromWorkbook(workbook, input, policySheet, values, progress);
    const outcome = await collectBijlagen(workbook, pack, params, {
      sheet: values.sheet as string | undefined,
      skipSheets,
      agb: values.agb as string[] | undefined,
      onProgress: rowProgress(progress),
    });
    const verdict = bijlagenVerdict(factsOf(outcome));
    if (verdict.outcome === 'fout') throw nothingUsable(verdict);
    const ctx: BijlageContext = { pack, params, datum, multiYear: outcome.multiYear, hasVolume: outcome.hasVolume };
    const files = bijlageFileNames(outcome);
    const written: NewFile[] = [];
    for (const f of files) written.push({ name: f.file, bytes: await newWorkbookBytes([bijlageSheet(f.bijlage, ctx)]) });
    written.push({ name: OVERVIEW_FILE, bytes: await newWorkbookBytes([overviewSheet(outcome, files, ctx, path.basename(input))]) });
    progress(`Schrijven: ${written.length} bestanden in ${outDir}`);
    writeAllOrNothing(outDir, written);
    const notes = renamedNotes(files);
    if (values.json) io.out(JSON.stringify({ outcome: verdict.outcome, reasons: verdict.reasons, ...summaryJson(outcome, files, outDir, notes) }, null, 2));
    else
      io.out(
        [...verdictLines(verdict), ...outcome.warnings.map((w) => `Let op: ${w}`), ...notes, `Geschreven: ${written.length} bestanden in ${outDir}`].join('\n'),
      );
    return exitCodeOf(verdict.outcome);
  },
};

/** --datum JJJJ-MM-DD, or today (the machine's calendar date). */
export function parseDatum(v: string | undefined, now = new Date()): BijlageContext['datum'] {
  if (v === undefined) return { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() };
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v.trim());
  const d = m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : undefined;
  if (!m || !d || d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3])
    throw new UsageError(`--datum "${v}" is geen datum; schrijf die als JJJJ-MM-DD, bijvoorbeeld 2025-10-25.`);
  return { year: +m[1], month: +m[2], day: +m[3] };
}

function factsOf(o: BijlagenOutcome) {
  const included = o.bijlagen.reduce((n, b) => n + b.lines.length, 0);
  return {
    rows: o.counts.dataRows,
    included,
    bijlagen: o.bijlagen.filter((b) => b.lines.length).length,
    leftOut: o.bijlagen.reduce((n, b) => n + b.leftOut.length, 0),
    unassigned: o.unassigned.length,
    refused: o.refused.length,
    refusedRows: o.refused.reduce((n, x) => n + x.rows.length, 0),
    checks: o.counts.checks,
    checkNames: [...o.counts.checkNames],
  };
}

function renamedNotes(files: readonly BijlageFile[]): string[] {
  return files
    .filter((f) => f.renamed)
    .map((f) => `De naam "${f.bijlage.naam}" (AGB ${f.bijlage.agb}) bevat tekens die niet in een bestandsnaam mogen; het bestand heet "${f.file}".`);
}

function summaryJson(o: BijlagenOutcome, files: readonly BijlageFile[], out: string, notes: string[]) {
  return {
    out,
    sheet: o.sheet,
    fingerprint: o.fingerprint,
    warnings: o.warnings,
    notes,
    files: files.map(({ bijlage: b, file }) => ({
      file,
      agb: b.agb,
      naam: b.naam,
      zorgkantoor: b.zorgkantoor,
      kenmerk: bijlageFingerprint(b),
      prestaties: b.lines.map((l) => ({
        rij: l.sheetRow + 1,
        prestatiecode: l.code,
        inkoopjaar: l.inkoopjaar ?? null,
        tarief: l.result.tarief?.toString() ?? null,
      })),
      nietOpgenomen: b.leftOut.map((l) => ({ rij: l.sheetRow + 1, prestatiecode: l.code ?? null, reden: l.reason })),
    })),
    zonderAgb: o.unassigned.map((u) => ({ rij: u.sheetRow + 1, prestatiecode: u.code ?? null })),
    nietGemaakt: o.refused.map((x) => ({ agb: x.agb, reden: `${x.reason} ${REFUSED_ADVICE}`, rijen: x.rows })),
  };
}
