/**
 * No circle in the import graph of src/: every relative import, `import type` and re-export included (a type-only
 * circle costs nothing at run time, but it still ties two modules into one that cannot be read apart).
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const src = path.resolve(__dirname, '../src');

function sourceFiles(): string[] {
  return fs
    .readdirSync(src, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts'))
    .map((f) => path.join(src, f));
}

/** The module a relative specifier names, or undefined when it is no TypeScript source (JSON, CSS, a package). */
function resolve(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), specifier);
  return [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')].find(
    (f) => /\.tsx?$/.test(f) && fs.existsSync(f) && fs.statSync(f).isFile(),
  );
}

/** Every file's imports, as the TypeScript compiler finds them (static, type-only, re-exports, import()). */
function importGraph(files: string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const info = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
    const targets = info.importedFiles.map((i) => resolve(file, i.fileName)).filter((t): t is string => t !== undefined);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Tarjan's strongly connected components; a component of more than one module, or a self-import, is a circle. */
function circles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.map((f) => path.relative(src, f)).sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

test('the import graph of src/ has no circle', () => {
  const graph = importGraph(sourceFiles());
  const edges = [...graph.values()].reduce((n, ts) => n + ts.length, 0);
  expect(edges).toBeGreaterThan(graph.size); // the walk found the imports (a broken resolver would find none)
  expect(circles(graph).map((c) => c.join(' ↔ '))).toEqual([]);
});

test('the circle finder names a circle, type-only imports included', () => {
  const a = path.join(src, 'a.ts');
  const b = path.join(src, 'b.ts');
  const c = path.join(src, 'c.ts');
  expect(
    circles(
      new Map([
        [a, [b]],
        [b, [c]],
        [c, [a]],
      ]),
    ),
  ).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  expect(
    circles(
      new Map([
        [a, [b]],
        [b, []],
        [c, [c]],
      ]),
    ),
  ).toEqual([['c.ts']]);
  const info = ts.preProcessFile("import type { X } from './x';\nexport { Y } from './y';\ntype Z = import('./z').Z;\n", true, true);
  expect(info.importedFiles.map((i) => i.fileName)).toEqual(['./x', './y', './z']);
});
