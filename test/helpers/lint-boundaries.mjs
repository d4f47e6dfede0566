// Runs ESLint's Node API for test/architecture.test.ts (an ES module, which Jest's CommonJS runtime cannot import).
// Reads {cases: [{code, filePath}]} on stdin; lints each case with the project's real config, then all of src/
// with only the boundary rules (no type information, so it is quick); prints the rule ids found as JSON.
import { readFileSync } from 'node:fs';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { boundaries } from '../../eslint.boundaries.mjs';

const root = new URL('../..', import.meta.url).pathname;
const { cases } = JSON.parse(readFileSync(0, 'utf8'));

const real = new ESLint({ cwd: root });
const caseRules = [];
for (const { code, filePath } of cases) {
  const [result] = await real.lintText(code, { filePath });
  caseRules.push(result.messages.map((m) => m.ruleId ?? `fatal: ${m.message}`));
}

const onlyBoundaries = new ESLint({
  cwd: root,
  overrideConfigFile: true,
  allowInlineConfig: false,
  overrideConfig: [
    { files: ['**/*.{ts,tsx}'], languageOptions: { parser: tseslint.parser }, plugins: { '@typescript-eslint': tseslint.plugin } },
    ...boundaries,
  ],
});
const tree = await onlyBoundaries.lintFiles(['src/**/*.{ts,tsx}']);
const treeProblems = tree.flatMap((r) => r.messages.map((m) => `${r.filePath.slice(root.length)}:${m.line} ${m.ruleId}: ${m.message}`));
process.stdout.write(JSON.stringify({ caseRules, treeFiles: tree.length, treeProblems }));
