/**
 * Which Office.js members the add-in calls, resolved by the TypeScript checker to their declarations in
 * @types/office-js, with the requirement set each declaration is annotated with (`[Api set: ExcelApi 1.7]`)
 * and the feature gate each call sits behind (`if (features.notes)`, or an early `if (!this.features.notes) return`).
 *
 * Counted as a call of a member: a property access (`ws.getRangeByIndexes`, `range.values = ...`), a property
 * of an object literal typed by Office.js (`{ mergeUndoGroup: true }`), and each name in a `load('a,b/c')`
 * string. Members without an ExcelApi annotation (Common API: Office.context...) are not Excel's floor.
 */
import { join, resolve } from 'path';
import * as ts from 'typescript';

const ROOT = resolve(__dirname, '../..');
export const OFFICE_TYPES = join(ROOT, 'node_modules/@types/office-js/index.d.ts');

export interface MemberUse {
  /** "Worksheet.getRangeByIndexes", "Excel.run", "RunOptions.mergeUndoGroup". */
  member: string;
  /** "ExcelApi", "ExcelApiDesktop", ... */
  set: string;
  version: string;
  file: string;
  line: number;
  /** The feature flag the call sits behind, if any. */
  gate?: string;
}

function apiSet(decl: ts.Node): { set: string; version: string } | undefined {
  const text = decl.getFullText().slice(0, decl.getLeadingTriviaWidth());
  // "[Api set: ExcelApi 1.1 for reading visibility; 1.2 for setting it.]": the first version (reading)
  const m = /\[Api set: (\w+) (\d+(?:\.\d+)?)/.exec(text);
  return m ? { set: m[1], version: m[2] } : undefined;
}

function ownerName(decl: ts.Node): string {
  const parent = decl.parent;
  if (parent && (ts.isInterfaceDeclaration(parent) || ts.isClassDeclaration(parent)) && parent.name) return parent.name.text;
  // a function in `declare namespace Excel { ... }`
  let n: ts.Node | undefined = parent;
  while (n && !ts.isModuleDeclaration(n)) n = n.parent;
  return n && ts.isModuleDeclaration(n) ? n.name.getText() : '?';
}

function memberName(decl: ts.Declaration): string {
  const name = ts.getNameOfDeclaration(decl);
  return `${ownerName(decl)}.${name ? name.getText() : '?'}`;
}

function fromOfficeTypes(decl: ts.Node): boolean {
  return resolve(decl.getSourceFile().fileName) === OFFICE_TYPES;
}

/** `features.X` / `this.features.X` in a condition, not negated. */
const POSITIVE_GATE = /(?<![!\w.])(?:this\.)?features\.(\w+)/;
const NEGATIVE_GATE = /^!\s*(?:this\.)?features\.(\w+)$/;

/** The feature flag guarding `node`: an enclosing `if (features.X ...)`, or an earlier `if (!features.X) return;`. */
export function gateOf(node: ts.Node): string | undefined {
  for (let n: ts.Node = node; n.parent; n = n.parent) {
    const parent = n.parent;
    if (ts.isIfStatement(parent) && parent.thenStatement === n) {
      const m = POSITIVE_GATE.exec(parent.expression.getText());
      if (m) return m[1];
    }
    if (ts.isBlock(parent)) {
      for (const statement of parent.statements) {
        if (statement === n) break;
        if (!ts.isIfStatement(statement)) continue;
        const m = NEGATIVE_GATE.exec(statement.expression.getText().trim());
        const exits = (s: ts.Statement) =>
          ts.isReturnStatement(s) ||
          ts.isThrowStatement(s) ||
          (ts.isBlock(s) && s.statements.length === 1 && (ts.isReturnStatement(s.statements[0]) || ts.isThrowStatement(s.statements[0])));
        if (m && exits(statement.thenStatement)) return m[1];
      }
    }
  }
  return undefined;
}

export function createProgram(files: string[]): ts.Program {
  const config = ts.readConfigFile(join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  return ts.createProgram(files, { ...parsed.options, noEmit: true });
}

/** Every Office.js member with an API-set annotation that `files` use. */
export function officeMemberUses(program: ts.Program, files: string[]): MemberUse[] {
  const checker = program.getTypeChecker();
  const uses: MemberUse[] = [];
  const record = (decls: readonly ts.Node[] | undefined, at: ts.Node) => {
    const decl = decls?.find((d) => fromOfficeTypes(d) && apiSet(d)) ?? decls?.find(fromOfficeTypes);
    if (!decl) return;
    const set = apiSet(decl);
    if (!set) return;
    const sf = at.getSourceFile();
    uses.push({
      member: memberName(decl as ts.Declaration),
      ...set,
      file: sf.fileName.slice(ROOT.length + 1),
      line: sf.getLineAndCharacterOfPosition(at.getStart()).line + 1,
      gate: gateOf(at),
    });
  };
  const propertyOf = (type: ts.Type, name: string) => type.getProperty(name) ?? type.getApparentProperties().find((p) => p.name === name);

  const visit = (node: ts.Node) => {
    if (ts.isPropertyAccessExpression(node)) {
      const call = node.parent;
      if (ts.isCallExpression(call) && call.expression === node) {
        const declaration = checker.getResolvedSignature(call)?.declaration;
        record(declaration ? [declaration] : checker.getSymbolAtLocation(node.name)?.declarations, node.name);
      } else {
        record(checker.getSymbolAtLocation(node.name)?.declarations, node.name);
      }
      // load('values,valueTypes') / load('items/name'): each name is a property read from Excel
      if (node.name.text === 'load' && ts.isCallExpression(call) && call.arguments[0] && ts.isStringLiteral(call.arguments[0])) {
        const receiver = checker.getTypeAtLocation(node.expression);
        for (const path of call.arguments[0].text
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean)) {
          let type: ts.Type | undefined = receiver;
          for (const part of path.split('/')) {
            const symbol: ts.Symbol | undefined = type && propertyOf(type, part);
            if (!symbol) break;
            record(symbol.declarations, call.arguments[0]);
            const next = checker.getTypeOfSymbolAtLocation(symbol, call);
            type = checker.isArrayType(next) ? checker.getTypeArguments(next as ts.TypeReference)[0] : next;
          }
        }
      }
    } else if ((ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) && ts.isObjectLiteralExpression(node.parent)) {
      const type = checker.getContextualType(node.parent);
      const symbol = type && propertyOf(type, node.name.getText());
      record(symbol?.declarations, node.name);
    }
    ts.forEachChild(node, visit);
  };
  for (const file of files) {
    const sf = program.getSourceFile(file);
    if (sf) visit(sf);
  }
  return uses;
}

/** The requirement set @types/office-js gives `Class.member` in namespace Excel (first annotated overload). */
export function declaredApiLevel(program: ts.Program, member: string): { set: string; version: string } | undefined {
  const sf = program.getSourceFile(OFFICE_TYPES);
  if (!sf) throw new Error(`@types/office-js not in the program: ${OFFICE_TYPES}`);
  const [owner, name] = member.split('.');
  let found: { set: string; version: string } | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isModuleDeclaration(node) && node.name.getText() !== 'Excel' && ts.isSourceFile(node.parent)) return;
    // a function of the Excel namespace itself ("Excel.createWorkbook")
    if (owner === 'Excel' && ts.isFunctionDeclaration(node) && node.name?.text === name) {
      let n: ts.Node | undefined = node.parent;
      while (n && !ts.isModuleDeclaration(n)) n = n.parent;
      const set = n && ts.isModuleDeclaration(n) && n.name.getText() === 'Excel' ? apiSet(node) : undefined;
      if (set) {
        found = set;
        return;
      }
    }
    if ((ts.isInterfaceDeclaration(node) || ts.isClassDeclaration(node)) && node.name?.text === owner) {
      let n: ts.Node | undefined = node.parent;
      while (n && !ts.isModuleDeclaration(n)) n = n.parent;
      if (n && ts.isModuleDeclaration(n) && n.name.getText() === 'Excel') {
        for (const m of node.members) {
          if (m.name?.getText() === name) {
            const set = apiSet(m);
            if (set) {
              found = set;
              return;
            }
          }
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

export function compareVersions(a: string, b: string): number {
  const [x, y] = [a.split('.').map(Number), b.split('.').map(Number)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}
