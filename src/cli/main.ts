/** The `tariefwijzer` command line: same engine and same output as the add-in, on .xlsx files. */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { dec, formatPercentage } from '../domain/money';
import { resolveParameters } from '../domain/policy/load';
import { getPack, listPacks } from '../policies';
import { annotateWorkbook, InputError, type AnnotateOutcome } from '../workbook/annotate';
import { XlsxWorkbook } from '../workbook/xlsx/adapter';

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

const USAGE = `Gebruik:
  tariefwijzer policies [--json]
  tariefwijzer annotate INVOER.xlsx --policy ID [--set naam=waarde]... [--sheet BLAD] [--out UITVOER.xlsx] [--json]

  policies   toont de beleidspakketten met hun parameters en standaardwaarden
  annotate   berekent tariefpercentages, tarieven, signalen en toelichting en schrijft een nieuw bestand
             (standaard INVOER-tariefwijzer.xlsx naast de invoer; de invoer wordt nooit overschreven)

Uitgangscodes: 0 klaar, 1 probleem met de invoer, 2 verkeerd gebruik.`;

class UsageError extends Error {}

export async function main(argv: string[], io: Io): Promise<number> {
  try {
    const [command, ...rest] = argv;
    switch (command) {
      case 'policies':
        return policies(rest, io);
      case 'annotate':
        return await annotate(rest, io);
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`Onbekende opdracht "${command}".`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\n\n${USAGE}`);
      return 2;
    }
    if (e instanceof InputError) {
      io.err(`Fout: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

function policies(args: string[], io: Io): number {
  const { values } = parse(args, { json: { type: 'boolean' } });
  const packs = listPacks();
  if (values.json) {
    io.out(JSON.stringify(packs.map((p) => ({ id: p.id, version: p.version, title: p.title, zorgkantoor: p.zorgkantoor, sector: p.sector, inkoopjaar: p.inkoopjaar, sources: p.sources, parameters: p.parameters })), null, 2));
    return 0;
  }
  for (const p of packs) {
    io.out(`${p.id}  (versie ${p.version})\n  ${p.title}\n  Bron: ${p.sources.map((s) => s.document).join(', ')}`);
    io.out('  Parameters:');
    for (const [name, def] of Object.entries(p.parameters)) {
      const d = def.default === null ? '(geen; zelf invullen)' : def.type === 'percentage' && typeof def.default === 'number' ? formatPercentage(dec(def.default)) : String(def.default);
      io.out(`    ${name} = ${d}  — ${def.label}`);
    }
    io.out('');
  }
  return 0;
}

function parseSets(sets: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of sets) {
    const i = s.indexOf('=');
    if (i <= 0) throw new UsageError(`--set verwacht naam=waarde, niet "${s}".`);
    out[s.slice(0, i).trim()] = s.slice(i + 1).trim();
  }
  return out;
}

async function annotate(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    policy: { type: 'string' },
    set: { type: 'string', multiple: true },
    sheet: { type: 'string' },
    out: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length !== 1) throw new UsageError('Geef precies één invoerbestand.');
  if (!values.policy) throw new UsageError(`Kies een beleid met --policy. Beschikbaar: ${listPacks().map((p) => p.id).join(', ')}.`);
  const input = path.resolve(positionals[0]);
  const pack = getPack(values.policy as string);
  if (!pack) throw new UsageError(`Onbekend beleid "${values.policy}". Beschikbaar: ${listPacks().map((p) => p.id).join(', ')}.`);
  const output = path.resolve((values.out as string | undefined) ?? input.replace(/(\.xlsx)?$/i, '-tariefwijzer.xlsx'));
  if (output === input) throw new UsageError('Het uitvoerbestand mag niet het invoerbestand zijn.');
  const { values: params, errors } = resolveParameters(pack, parseSets((values.set as string[] | undefined) ?? []));
  if (errors.length) throw new InputError(errors.map((e) => `${e.place}: ${e.message}`).join('\n'));
  if (!fs.existsSync(input)) throw new InputError(`Bestand niet gevonden: ${input}`);

  const progress = (text: string) => {
    if (!values.json) io.err(text);
  };
  progress(`Lezen: ${input}`);
  let workbook: XlsxWorkbook;
  try {
    workbook = await XlsxWorkbook.fromFile(input);
  } catch (e) {
    throw new InputError(`${path.basename(input)} is geen leesbaar .xlsx-bestand (beschadigd, met wachtwoord beveiligd of een ander formaat): ${(e as Error).message}`);
  }
  const outcome = await annotateWorkbook(workbook, pack, params, {
    sheet: values.sheet as string | undefined,
    onProgress: (done, total) => progress(done === 0 ? `Berekenen: ${total} rijen` : done === total ? `Klaar met rekenen: ${done} rijen` : `  ${done} van ${total} rijen…`),
  });
  progress(`Schrijven: ${output}`);
  // Write to a temporary file first, so a failure never leaves half a file or damages an existing one.
  const tmp = path.join(path.dirname(output), `.${path.basename(output)}.${process.pid}.tmp`);
  try {
    await workbook.save(tmp);
    fs.renameSync(tmp, output);
  } finally {
    if (fs.existsSync(tmp)) fs.rmSync(tmp);
  }
  if (values.json) io.out(JSON.stringify(summaryJson(outcome, output), null, 2));
  else io.out(summaryText(outcome, output));
  return 0;
}

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

function summaryText(o: AnnotateOutcome, output: string): string {
  const lines = [
    `Beleid: ${o.run.pack.title} (${o.run.pack.id} ${o.run.pack.version})`,
    `Blad: ${o.sheet} (kopregel op rij ${o.headerRow + 1})`,
    `Rijen: ${o.dataRows}; tarieven berekend: ${o.tariffsSet}; zonder tarief: ${o.dataRows - o.tariffsSet}`,
  ];
  const counts = Object.entries(o.run.flagCounts).sort((a, b) => b[1] - a[1]);
  if (counts.length) {
    lines.push('Signalen (aantal rijen):');
    for (const [code, n] of counts) lines.push(`  ${code}: ${n}`);
  } else lines.push('Geen signalen.');
  for (const w of o.warnings) lines.push(`Let op: ${w}`);
  lines.push(`Geschreven: ${output}`);
  return lines.join('\n');
}
