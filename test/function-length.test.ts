/**
 * No function in src/ over 150 lines, except the ones still to split (issue 28). The list only shrinks: a new long
 * function fails here, and one split off the list fails until it is taken off.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const src = path.resolve(__dirname, '../src');
const LIMIT = 150;

/** Still to split, as `file: name`. */
const STILL_TO_SPLIT: string[] = [];

/** A function's name: its own, its variable's, its property's or method's, else where it starts. */
function nameOf(node: ts.Node, sf: ts.SourceFile): string {
  const named = node as ts.Node & { name?: ts.Node };
  if (named.name && ts.isIdentifier(named.name)) return named.name.text;
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  const parent = node.parent;
  if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && ts.isIdentifier(parent.name))
    return parent.name.text;
  return `(anonymous, line ${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1})`;
}

function longFunctions(): string[] {
  const found: string[] = [];
  for (const file of fs.readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f))) {
    const text = fs.readFileSync(path.join(src, file), 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    const visit = (node: ts.Node) => {
      if (ts.isFunctionLike(node) && 'body' in node && node.body) {
        const first = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
        const last = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
        if (last - first + 1 > LIMIT) found.push(`${file.split(path.sep).join('/')}: ${nameOf(node, sf)}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return found.sort();
}

test(`the functions over ${LIMIT} lines in src/ are exactly the ones still to split`, () => {
  expect(longFunctions()).toEqual([...STILL_TO_SPLIT].sort());
});
