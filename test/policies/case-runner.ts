/** Policy cases as data: a row + pack + parameters → expected percentage, tariff and flags. */
import fs from 'node:fs';
import path from 'node:path';
import { evaluateRow, runPolicy, type RowResult } from '../../src/domain/engine';
import { resolveParameters, validatePack } from '../../src/domain/policy/load';
import { formatProblem } from '../../src/domain/policy/source';
import { loadPackFile as loadOwnPackFile } from '../../src/cli/pack-files';
import type { PolicyPack } from '../../src/domain/policy/types';
import type { Citation } from '../../src/domain/types';
import type { CellValue } from '../../src/domain/parse';

export interface PolicyCase {
  name: string;
  /** The pack rule(s) this case checks. */
  rules: string[];
  /** The seed text (or worked example in the domain notes) the expectation comes from. */
  source: Citation | { notes: string };
  parameters?: Record<string, unknown>;
  row: Record<string, CellValue>;
  /** Other rows in the same run (for batch flags such as duplicates). */
  otherRows?: Array<Record<string, CellValue>>;
  expect: {
    /** Percentage in points as a decimal string ("99.3"), or null when no percentage may be given. */
    percentage: string | null;
    tarief?: string | null;
    /** Exactly the codes of all flags with severity fout or waarschuwing. */
    flags: string[];
    /** Info flags that must be present (others may be). */
    infoFlags?: string[];
    /** Codes (of any severity) that must not be there. */
    absentFlags?: string[];
    excluded?: boolean;
    /** A fragment the explanation must contain. */
    explanationContains?: string[];
    /** Fragments the explanation must not contain (e.g. the base pack's citation next to an own value). */
    explanationLacks?: string[];
  };
}

export interface CaseFile {
  /** A shipped pack id, or a pack file relative to this folder (e.g. "../own/x.yaml"). */
  pack: string;
  cases: PolicyCase[];
}

export const POLICIES_DIR = path.join(__dirname, '../../src/policies');
export const CASES_DIR = path.join(__dirname, 'cases');

/**
 * A shipped pack by id, or a pack file (YAML or JSON, relative to the cases folder) read the way the CLI reads
 * `--policy-file`: the same loader, normalisation and `extends`.
 */
export function loadPackFile(id: string): PolicyPack {
  if (/\.(ya?ml|json)$/i.test(id)) {
    const loaded = loadOwnPackFile(path.join(CASES_DIR, id));
    if (!loaded.pack) throw new Error(`Pakket ${id} ongeldig:\n${loaded.problems.map(formatProblem).join('\n')}`);
    return loaded.pack;
  }
  const json = JSON.parse(fs.readFileSync(path.join(POLICIES_DIR, `${id}.json`), 'utf8'));
  const { pack, errors } = validatePack(json);
  if (!pack) throw new Error(`Pakket ${id} ongeldig:\n${errors.map((e) => `${e.place}: ${e.message}`).join('\n')}`);
  return pack;
}

export function loadCaseFiles(): CaseFile[] {
  return fs
    .readdirSync(CASES_DIR)
    .filter((f) => f.endsWith('.cases.json'))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(CASES_DIR, f), 'utf8')) as CaseFile);
}

export function runCase(pack: PolicyPack, c: PolicyCase): RowResult {
  const { values, errors } = resolveParameters(pack, c.parameters ?? {});
  if (errors.length) throw new Error(`Parameters ongeldig: ${errors.map((e) => `${e.place}: ${e.message}`).join('; ')}`);
  const row = { ref: 'case', cells: c.row };
  if (!c.otherRows?.length) return evaluateRow(row, pack, values);
  const rows = [row, ...c.otherRows.map((cells, i) => ({ ref: `other${i + 1}`, cells }))];
  return runPolicy(rows, pack, values).results[0];
}
