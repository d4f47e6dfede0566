/**
 * The requirement-set floor, computed: every Excel member src/ calls, resolved with the TypeScript checker to its
 * declaration in @types/office-js and its `[Api set: ExcelApi 1.x]`. The highest ungated member is the floor;
 * manifest.xml, the runtime check (EXCEL_API_FLOOR), the README and help.html must claim exactly that; a member
 * above the floor must sit behind a feature gate whose isSetSupported version covers it. Also: the simulated
 * host's table of requirement sets (API_LEVELS) agrees with the annotations.
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import { join, resolve } from 'path';
import type * as ts from 'typescript';
import { API_LEVELS } from '../../src/demo-host/fake-excel';
import { EXCEL_API_FLOOR, OPTIONAL_FEATURES } from '../../src/workbook/office/requirements';
import { compareVersions, createProgram, declaredApiLevel, OFFICE_TYPES, officeMemberUses, type MemberUse } from './office-members';

jest.setTimeout(120_000);

const ROOT = resolve(__dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return path.endsWith('demo-host') ? [] : sources(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const FILES = sources(join(ROOT, 'src'));
let program: ts.Program;
let uses: MemberUse[];

beforeAll(() => {
  program = createProgram([...FILES, OFFICE_TYPES]);
  uses = officeMemberUses(program, FILES);
});

const max = (versions: string[]) => versions.reduce((a, b) => (compareVersions(a, b) >= 0 ? a : b), '1.1');
const excel = () => uses.filter((u) => u.set === 'ExcelApi');
const mandatory = () => excel().filter((u) => !u.gate);
const where = (u: MemberUse) => `${u.member} (ExcelApi ${u.version}) at ${u.file}:${u.line}${u.gate ? ` behind ${u.gate}` : ''}`;

test('the analysis sees the adapter: getRangeByIndexes is ExcelApi 1.7, mergeUndoGroup 1.20 and gated, load strings count', () => {
  const find = (member: string) => uses.filter((u) => u.member === member);
  expect(find('Worksheet.getRangeByIndexes').map((u) => u.version)).toContain('1.7');
  expect(find('Worksheet.getRangeByIndexes').some((u) => !u.gate)).toBe(true);
  expect(find('RunOptions.mergeUndoGroup').map((u) => [u.version, u.gate])).toEqual([['1.20', 'undoGroups']]);
  expect(find('NoteCollection.add').every((u) => u.version === '1.18' && u.gate === 'notes')).toBe(true);
  // read from load('...') strings
  expect(find('WorksheetProtection.protected').map((u) => u.version)).toContain('1.2');
  expect(find('Range.valueTypes').length).toBeGreaterThan(0);
  expect(new Set(excel().map((u) => u.member)).size).toBeGreaterThan(25);
});

test('only ExcelApi sets (no platform-only set such as ExcelApiDesktop or ExcelApiOnline)', () => {
  const platformOnly = uses.filter((u) => /^Excel/.test(u.set) && u.set !== 'ExcelApi');
  expect(platformOnly.map(where)).toEqual([]);
});

test('the floor is the highest ungated member, and EXCEL_API_FLOOR says so', () => {
  const floor = max(mandatory().map((u) => u.version));
  const aboveClaim = mandatory().filter((u) => compareVersions(u.version, EXCEL_API_FLOOR) > 0);
  expect(aboveClaim.map(where)).toEqual([]);
  expect(floor).toBe(EXCEL_API_FLOOR);
});

test('every member above the floor sits behind a gate whose isSetSupported version covers it', () => {
  const gates = OPTIONAL_FEATURES as Record<string, string>;
  const wrong = excel()
    .filter((u) => u.gate && compareVersions(u.version, EXCEL_API_FLOOR) > 0)
    .filter((u) => gates[u.gate!] === undefined || compareVersions(gates[u.gate!], u.version) < 0);
  expect(wrong.map(where)).toEqual([]);
});

test('manifest.xml, the README and help.html claim the computed floor', () => {
  const floor = max(mandatory().map((u) => u.version));
  const manifest = readFileSync(join(ROOT, 'manifest.xml'), 'utf8');
  expect(/<Set Name="ExcelApi" MinVersion="([\d.]+)"\s*\/>/.exec(manifest)?.[1]).toBe(floor);
  const claim = /Nodig:(?:<\/strong>)?\s*ExcelApi (\d+\.\d+)/;
  expect(claim.exec(readFileSync(join(ROOT, 'README.md'), 'utf8'))?.[1]).toBe(floor);
  expect(claim.exec(readFileSync(join(ROOT, 'src/taskpane/help.html'), 'utf8'))?.[1]).toBe(floor);
});

test("the simulated host's requirement sets are the ones @types/office-js annotates", () => {
  const mismatches: string[] = [];
  for (const [member, version] of Object.entries(API_LEVELS)) {
    const declared = declaredApiLevel(program, member);
    if (!declared || declared.set !== 'ExcelApi' || declared.version !== version)
      mismatches.push(`${member}: fake ${version}, @types ${declared ? `${declared.set} ${declared.version}` : 'not found'}`);
  }
  expect(mismatches).toEqual([]);
  // and every Excel member src/ calls above ExcelApi 1.1 (the lowest level a page can declare) is modelled by the
  // fake with its level, so that a page below it is refused
  const modelled = new Set(Object.keys(API_LEVELS));
  const unmodelled = [
    ...new Set(
      excel()
        .filter((u) => compareVersions(u.version, '1.1') > 0)
        .map((u) => `${u.member} ${u.version}`),
    ),
  ].filter((m) => !modelled.has(m.split(' ')[0]));
  expect(unmodelled).toEqual([]);
});

test('gates are recognised: if (features.X), an early return on !features.X; not a negated or unrelated condition', () => {
  const { gateOf } = jest.requireActual<typeof import('./office-members')>('./office-members');
  const tsApi = jest.requireActual<typeof import('typescript')>('typescript');
  const source = tsApi.createSourceFile(
    'x.ts',
    `function a() { if (this.features.notes && n) { ws.notes.add(1); } }
     function b() { if (!this.features.charts) return; ws.charts.add(1); }
     function c() { if (!features.notes) { ws.notes.add(2); } }
     function d() { if (other) { ws.notes.add(3); } }`,
    tsApi.ScriptTarget.Latest,
    true,
  );
  const calls: Record<string, string | undefined> = {};
  const visit = (node: import('typescript').Node) => {
    if (tsApi.isCallExpression(node)) calls[node.getText()] = gateOf(node);
    tsApi.forEachChild(node, visit);
  };
  visit(source);
  expect(calls).toEqual({ 'ws.notes.add(1)': 'notes', 'ws.charts.add(1)': 'charts', 'ws.notes.add(2)': undefined, 'ws.notes.add(3)': undefined });
});
