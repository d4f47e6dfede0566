// The layers of docs/architecture.md as lint rules, part of eslint.config.mjs. Kept apart so that
// test/architecture.test.ts can check the whole of src/ against just these rules, quickly and without type information,
// and show that each one fails on a deliberate violation.
import { builtinModules } from 'node:module';

export const OFFICE_CODE = ['src/workbook/office/**', 'src/taskpane/**', 'src/demo-host/**'];
const HOST_GLOBALS = ['Excel', 'Office'].map((name) => ({
  name,
  message: `Only the Office adapter, the pane and the simulated host use ${name}; reach a workbook through the WorkbookPort.`,
}));
// The globals reached another way (globalThis.Excel, window['Office']) or named as a type (Excel.Range), which
// no-restricted-globals does not see.
const HOST_GLOBAL_PROPERTY = {
  selector:
    'MemberExpression[property.name=/^(Excel|Office)$/], MemberExpression[property.value=/^(Excel|Office)$/], TSQualifiedName[left.name=/^(Excel|Office)$/], TSTypeQuery > Identifier[name=/^(Excel|Office)$/]',
  message: 'Only the Office adapter, the pane and the simulated host use the Office.js globals and their types.',
};
// The domain is pure: no workbook, CLI, pane or host code and no Node modules (it also runs in the browser).
const DOMAIN_IMPORTS = [
  {
    regex: '^(\\.\\./)+(workbook|cli|taskpane|demo-host)(/|$)',
    message: 'src/domain imports nothing from the workbook jobs, the adapters, the CLI, the pane or the host.',
  },
  { regex: `^(node:.*|(${builtinModules.join('|')})(/.*)?)$`, message: 'src/domain is pure: no Node modules.' },
];
const DOMAIN_DYNAMIC = {
  selector: 'ImportExpression, CallExpression[callee.name="require"]',
  message: 'src/domain loads no modules at run time.',
};
// The two adapters implement the same port side by side; what both need lives above them in src/workbook.
const adapterApart = (other) => ({
  regex: `^(\\.\\./)+${other}(/|$)`,
  message: `The ${other} adapter is not imported here: shared facts live in src/workbook (number-format.ts, errors.ts).`,
});

// What the jobs share lives below them (src/workbook/*.ts, the port, the adapters): nothing there reaches up into a job.
const NO_JOBS = {
  regex: '^(\\.\\./)*(\\./)?jobs(/|$)',
  message: 'The jobs sit above the port, the adapters and the shared workbook modules: move a shared name to src/workbook (names.ts).',
};

export const boundaries = [
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: OFFICE_CODE,
    rules: { 'no-restricted-globals': ['error', ...HOST_GLOBALS], 'no-restricted-syntax': ['error', HOST_GLOBAL_PROPERTY] },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: DOMAIN_IMPORTS }],
      'no-restricted-syntax': ['error', HOST_GLOBAL_PROPERTY, DOMAIN_DYNAMIC],
    },
  },
  {
    files: ['src/workbook/office/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [adapterApart('xlsx'), NO_JOBS] }] },
  },
  {
    files: ['src/workbook/xlsx/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [adapterApart('office'), NO_JOBS] }] },
  },
  {
    files: ['src/workbook/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [NO_JOBS] }] },
  },
];
