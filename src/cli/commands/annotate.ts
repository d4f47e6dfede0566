import path from 'node:path';
import { formatCount } from '../../domain/count';
import { flagName } from '../../domain/flags';
import type { Verdict } from '../../domain/outcome';
import { tariffVerdict } from '../../domain/tariff-verdict';
import { annotateWorkbook, type AnnotateOutcome } from '../../workbook/jobs/annotate';
import { CHANGES_SHEET } from '../../workbook/jobs/change-sheet';
import { RERUN_WINDOW } from '../../workbook/jobs/previous-run';
import { checkInputFile, openWorkbook, outputPath, parse, saveSafely, UsageError, type Command } from '../common';
import { exitCodeOf } from '../exit-codes';
import { nothingUsable, requireBaseParameters, verdictLines } from '../verdict';
import { packFromWorkbook, policyFromOptions, rowProgress, WORKBOOK_PACK_OPTIONS } from '../workbook-policy';

export const annotate: Command = {
  usage:
    'annotate INVOER.xlsx (--policy ID | --policy-file BELEID.yaml | --policy-sheet BLAD) [--set naam=waarde]... [--sheet BLAD] [--out UITVOER.xlsx] [--json]',
  summary:
    'berekent tariefpercentages, tarieven, signalen en toelichting en schrijft een nieuw bestand\n(standaard INVOER-tariefwijzer.xlsx naast de invoer; de invoer wordt nooit overschreven);\nzonder --policy of --policy-file wordt het blad "Tariefwijzer beleid" van de invoer gebruikt',
  async run(args, io) {
    const { values, positionals } = parse(args, {
      ...WORKBOOK_PACK_OPTIONS,
      sheet: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (positionals.length !== 1) throw new UsageError('Geef precies één invoerbestand.');
    const input = path.resolve(positionals[0]);
    // A shipped pack or a pack file is checked before the workbook is read.
    const { chosen, policySheet } = policyFromOptions(values);
    checkInputFile(input);
    const output = outputPath(input, values.out, 'tariefwijzer');
    // the base percentage (the richttarief) before any row is read: without it most rows get no tariff
    if (chosen) requireBaseParameters(chosen.pack, chosen.params);

    const progress = (text: string) => {
      if (!values.json) io.err(text);
    };
    progress(`Lezen: ${input}`);
    const workbook = await openWorkbook(input);
    const { pack, params, skipSheets } = chosen ? { ...chosen, skipSheets: [] } : await packFromWorkbook(workbook, input, policySheet, values, progress);
    const outcome = await annotateWorkbook(workbook, pack, params, {
      sheet: values.sheet as string | undefined,
      rerunWindow: RERUN_WINDOW,
      skipSheets,
      // only the JSON summary lists every row's result: without it a run holds none (flat memory)
      keepResults: Boolean(values.json),
      onProgress: rowProgress(progress),
    });
    const verdict = tariffVerdict(outcome.counts);
    // no tariff at all: nothing worth writing, and the reason instead
    if (verdict.outcome === 'fout') throw nothingUsable(verdict);
    progress(`Schrijven: ${output}`);
    await saveSafely(workbook, output);
    if (values.json) io.out(JSON.stringify({ outcome: verdict.outcome, reasons: verdict.reasons, ...summaryJson(outcome, output) }, null, 2));
    else io.out(summaryText(outcome, output, verdict));
    return exitCodeOf(verdict.outcome);
  },
};

function summaryJson(o: AnnotateOutcome, output: string) {
  return {
    output,
    sheet: o.sheet,
    policy: o.run.pack,
    rows: o.dataRows,
    tariffsSet: o.tariffsSet,
    flagCounts: o.run.flagCounts,
    fingerprint: o.fingerprint,
    warnings: o.warnings,
    results: o.run.results.map((r) => ({
      ref: r.ref,
      prestatiecode: r.prestatie?.code ?? null,
      percentage: r.percentage?.toString() ?? null,
      tarief: r.tarief?.toString() ?? null,
      flags: r.flags.map((f) => ({ code: f.code, severity: f.severity, message: f.message })),
      explanation: r.explanation,
    })),
  };
}

function summaryText(o: AnnotateOutcome, output: string, verdict: Verdict): string {
  const lines = [
    ...verdictLines(verdict),
    `Beleid: ${o.run.pack.title} (${o.run.pack.id} ${o.run.pack.version})`,
    `Blad: ${o.sheet} (kopregel op rij ${o.headerRow + 1})`,
    `Rijen: ${formatCount(o.dataRows)}; tarieven berekend: ${formatCount(o.tariffsSet)}; zonder tarief: ${formatCount(o.dataRows - o.tariffsSet)}`,
  ];
  const counts = Object.entries(o.run.flagCounts).sort((a, b) => b[1] - a[1]);
  if (counts.length) {
    lines.push('Signalen (aantal rijen):');
    for (const [code, n] of counts) lines.push(`  ${o.flagNames[code] ?? flagName({ code })}: ${n}`);
  } else lines.push('Geen signalen.');
  for (const w of o.warnings) lines.push(`Let op: ${w}`);
  if (o.changes)
    lines.push(
      `Sinds de vorige berekening: ${formatCount(o.changes.total)} ${o.changes.total === 1 ? 'gewijzigde rij' : 'gewijzigde rijen'} (blad "${CHANGES_SHEET}")`,
      ...o.changes.notes.map((n) => `Let op: ${n}`),
    );
  lines.push(`Geschreven: ${output}`);
  return lines.join('\n');
}
