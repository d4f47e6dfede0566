/**
 * Assessment cases as data (test/assessments/cases/*.cases.json): cells of one provider + parameters →
 * expected statuses, dates, percentages and signal codes. Every case names the seed rules it checks, and
 * those rules must be cited by a finding of the result.
 */
import fs from 'node:fs';
import path from 'node:path';
import { assessProvider, listProcedures, resolveProcedureParameters, type ProviderAssessment } from '../../src/domain/assessments';
import type { CellValue } from '../../src/domain/parse';

interface Expect {
  herberekening?: string;
  hardheidsclausule?: string;
  termijn?: string;
  uiterste?: string;
  terugkoppeling?: string;
  kortGedingTot?: string;
  voorgesteld?: string | null;
  kostendekkend?: string;
  omzetBijgesteld?: string;
  geldigTot?: string;
  codes?: string[];
  notCodes?: string[];
  ontbreekt?: string[];
  messageContains?: string;
}
interface Case {
  naam: string;
  regels: string[];
  with?: string;
  cells?: Record<string, CellValue>;
  params?: Record<string, string>;
  expect: Expect;
}
interface CaseFile {
  procedure: string;
  base: Record<string, CellValue>;
  cases: Case[];
  [extra: string]: unknown;
}

const DIR = path.join(__dirname, 'cases');
const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.cases.json'));

function run(file: CaseFile, c: Case): ProviderAssessment {
  const proc = listProcedures().find((p) => p.id === file.procedure)!;
  const { values, errors } = resolveProcedureParameters(proc, c.params ?? {});
  expect(errors).toEqual([]);
  const cells: Record<string, CellValue> = { ...file.base, ...(c.with ? (file[c.with] as Record<string, CellValue>) : {}), ...(c.cells ?? {}) };
  return assessProvider({ bron: c.naam, cells }, proc, values);
}

describe.each(files)('%s', (name) => {
  const file = JSON.parse(fs.readFileSync(path.join(DIR, name), 'utf8')) as CaseFile;
  const proc = listProcedures().find((p) => p.id === file.procedure);
  test('procedure exists', () => expect(proc).toBeDefined());

  test.each(file.cases.map((c) => [c.naam, c] as const))('%s', (_naam, c) => {
    const a = run(file, c);
    const e = c.expect;
    const codes = a.findings.map((f) => f.code);
    const ctx = `${c.naam}\n${a.findings.map((f) => `${f.onderdeel} ${f.code}: ${f.message}`).join('\n')}`;
    if (e.herberekening) expect([a.herberekening.status, ctx]).toEqual([e.herberekening, ctx]);
    if (e.hardheidsclausule) expect([a.hardheidsclausule.status, ctx]).toEqual([e.hardheidsclausule, ctx]);
    if (e.termijn) expect(a.termijn.status).toBe(e.termijn);
    if (e.uiterste) expect(a.termijn.uiterste).toBe(e.uiterste);
    if (e.terugkoppeling) expect(a.termijn.terugkoppeling).toBe(e.terugkoppeling);
    if (e.kortGedingTot) expect(a.termijn.kortGedingTot).toBe(e.kortGedingTot);
    if (e.voorgesteld !== undefined) expect(a.herberekening.voorgesteldPercentage?.toString() ?? null).toBe(e.voorgesteld);
    if (e.kostendekkend) expect(a.herberekening.kostendekkendPercentage?.toString()).toBe(e.kostendekkend);
    if (e.omzetBijgesteld) expect(a.herberekening.omzetBijgesteld?.toString()).toBe(e.omzetBijgesteld);
    if (e.geldigTot) expect(a.hardheidsclausule.geldigTot).toBe(e.geldigTot);
    for (const code of e.codes ?? []) expect([code, codes]).toEqual([code, expect.arrayContaining([code])]);
    for (const code of e.notCodes ?? []) expect(codes).not.toContain(code);
    for (const m of e.ontbreekt ?? []) expect([...a.herberekening.ontbreekt, ...a.hardheidsclausule.ontbreekt]).toContain(m);
    if (e.messageContains)
      expect(a.findings.map((f) => f.message).join('\n') + a.herberekening.uitkomst + a.hardheidsclausule.uitkomst).toContain(e.messageContains);
    // Each case cites the seed rules it checks: a finding of the result carries that citation.
    const cited = new Set(a.findings.map((f) => f.ruleId));
    for (const rule of c.regels) {
      expect(Object.keys(proc!.rules)).toContain(rule);
      expect([rule, [...cited]]).toEqual([rule, expect.arrayContaining([rule])]);
    }
  });
});
