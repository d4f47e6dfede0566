/**
 * The layers of docs/architecture.md hold: each boundary rule in eslint.boundaries.mjs fails on a deliberate
 * violation (linted with the project's real config), and the whole of src/ passes them.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');

/** A deliberate violation, the existing file it pretends to be, and the rule that must catch it. */
const violations = [
  { name: 'Excel global in a workbook job', filePath: 'src/workbook/jobs/assess.ts', code: 'export const n = Excel.run;\n', rule: 'no-restricted-globals' },
  { name: 'Office global in the CLI', filePath: 'src/cli/common.ts', code: 'export const h = Office.context;\n', rule: 'no-restricted-globals' },
  { name: 'Excel type in the domain', filePath: 'src/domain/money.ts', code: 'export type R = Excel.Range;\n', rule: 'no-restricted-syntax' },
  { name: 'typeof Office in a job', filePath: 'src/workbook/jobs/herschik.ts', code: 'export type O = typeof Office;\n', rule: 'no-restricted-syntax' },
  { name: "window['Office'] in the CLI", filePath: 'src/cli/main.ts', code: "export const o: unknown = window['Office'];\n", rule: 'no-restricted-syntax' },
  {
    name: 'globalThis.Excel in the port',
    filePath: 'src/workbook/port.ts',
    code: 'export const e: unknown = (globalThis as Record<string, unknown>).Excel;\n',
    rule: 'no-restricted-syntax',
  },
  {
    name: 'domain imports a workbook job',
    filePath: 'src/domain/engine.ts',
    code: "export { annotate } from '../workbook/jobs/annotate';\n",
    rule: '@typescript-eslint/no-restricted-imports',
  },
  {
    name: 'a shared workbook module imports a job',
    filePath: 'src/workbook/output-columns.ts',
    code: "export { annotateWorkbook } from './jobs/annotate';\n",
    rule: '@typescript-eslint/no-restricted-imports',
  },
  {
    name: 'the .xlsx adapter imports a job',
    filePath: 'src/workbook/xlsx/styles.ts',
    code: "export { META_TITLE } from '../names';\nexport { RunCancelled } from '../jobs/job';\n",
    rule: '@typescript-eslint/no-restricted-imports',
  },
  {
    name: 'domain imports the CLI (type only)',
    filePath: 'src/domain/policy/load.ts',
    code: "import type { Io } from '../../cli/common';\nexport type P = Io;\n",
    rule: '@typescript-eslint/no-restricted-imports',
  },
  {
    name: 'domain imports the pane',
    filePath: 'src/domain/flags.ts',
    code: "export * from '../taskpane/failure';\n",
    rule: '@typescript-eslint/no-restricted-imports',
  },
  {
    name: 'domain imports the simulated host',
    filePath: 'src/domain/flags.ts',
    code: "export * from '../demo-host/index';\n",
    rule: '@typescript-eslint/no-restricted-imports',
  },
  {
    name: 'domain imports node:fs',
    filePath: 'src/domain/count.ts',
    code: "import fs from 'node:fs';\nexport const f = fs.readFileSync;\n",
    rule: '@typescript-eslint/no-restricted-imports',
  },
  {
    name: 'domain imports path without node:',
    filePath: 'src/domain/count.ts',
    code: "import path from 'path';\nexport const j = path.join;\n",
    rule: '@typescript-eslint/no-restricted-imports',
  },
  {
    name: 'domain loads a module at run time',
    filePath: 'src/domain/count.ts',
    code: "export const m = import('../workbook/port');\n",
    rule: 'no-restricted-syntax',
  },
  {
    name: 'Office adapter imports the xlsx adapter',
    filePath: 'src/workbook/office/requirements.ts',
    code: "export { XlsxWorkbook } from '../xlsx/adapter';\n",
    rule: '@typescript-eslint/no-restricted-imports',
  },
  {
    name: 'xlsx adapter imports the Office adapter',
    filePath: 'src/workbook/xlsx/styles.ts',
    code: "export { OfficeWorkbook } from '../office/adapter';\n",
    rule: '@typescript-eslint/no-restricted-imports',
  },
];
/** Allowed code in the same places: the rules must not catch it. */
const allowed = [
  { name: 'domain imports the domain', filePath: 'src/domain/engine.ts', code: "export { isEmptyCell } from './parse';\n" },
  { name: 'Office adapter uses Excel', filePath: 'src/workbook/office/requirements.ts', code: 'export const r = Excel.run;\n' },
  { name: 'pane uses Office', filePath: 'src/taskpane/focus.ts', code: 'export const c = Office.context;\n' },
  {
    name: 'xlsx adapter imports the shared number formats',
    filePath: 'src/workbook/xlsx/styles.ts',
    code: "export { isDateFormat } from '../number-format';\n",
  },
];

interface LintOutput {
  caseRules: string[][];
  treeFiles: number;
  treeProblems: string[];
}

let output: LintOutput;
beforeAll(() => {
  const cases = [...violations, ...allowed].map(({ code, filePath }) => {
    expect(fs.existsSync(path.join(root, filePath))).toBe(true);
    return { code, filePath: path.join(root, filePath) };
  });
  const run = spawnSync(process.execPath, [path.join(root, 'test/helpers/lint-boundaries.mjs')], {
    cwd: root,
    input: JSON.stringify({ cases }),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`ESLint failed: ${run.stderr}`);
  output = JSON.parse(run.stdout) as LintOutput;
}, 240_000);

describe('the boundary rules fail on a deliberate violation', () => {
  test.each(violations.map((v, i) => [v.name, i] as const))('%s', (_name, i) => {
    expect(output.caseRules[i]).toContain(violations[i].rule);
  });
});

describe('the boundary rules leave allowed code alone', () => {
  const boundaryRules = new Set(violations.map((v) => v.rule));
  test.each(allowed.map((a, i) => [a.name, i] as const))('%s', (_name, i) => {
    const found = output.caseRules[violations.length + i];
    expect(found.filter((r) => r.startsWith('fatal') || boundaryRules.has(r))).toEqual([]);
  });
});

test('every source file keeps to the layers', () => {
  const sources = fs.readdirSync(path.join(root, 'src'), { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f));
  expect(output.treeFiles).toBe(sources.length);
  expect(output.treeProblems).toEqual([]);
});
