/**
 * Packs users write themselves: JSON or YAML text (or a workbook sheet, see workbook/policy-sheet.ts), possibly
 * extending another pack. Every problem says where it is: file and line number, or sheet and cell.
 * Browser-safe: no node: imports; reading other files goes through the resolver the caller gives.
 */
import { isMap, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { applyExtension, EXTENSION_KEYS, plainOrigin, type Origin } from './extend';
import { describePointer, validatePack, type PackError } from './load';
import type { PackLocation, PackProblem } from './problems';
import type { PolicyPack } from './types';

export { formatProblem, type PackLocation, type PackProblem } from './problems';

/** A pack as read from somewhere, before validation: its data and how to find a JSON pointer in it. */
export interface PackSource {
  /** Name for messages: the file name or "Blad NAAM". */
  name: string;
  /** A path or id other packs are resolved against (the file's path); undefined for in-memory sources. */
  path?: string;
  data: unknown;
  /** The line or cell of the longest part of the pointer that exists in the source. */
  locate(pointer: string): PackLocation;
  /** Problems found while reading (syntax, sheet layout); when present, the data is not used. */
  problems: PackProblem[];
}

/** How `extends` finds its base: a shipped pack by id, or another file. */
export interface PackResolver {
  shipped(id: string): PolicyPack | undefined;
  shippedIds(): string[];
  /**
   * Read a pack named by `ref` (a path relative to the extending pack's `from`). Undefined when there is no
   * such file; absent when this environment cannot read files (the task pane).
   */
  readSource?(ref: string, from: string | undefined): PackSource | undefined;
}

export interface LoadResult {
  pack?: PolicyPack;
  problems: PackProblem[];
  /** The chain of bases, nearest first (ids or file names), for the summary. */
  bases: string[];
}

const FILE_REF = /\.(json|ya?ml|xlsx)$/i;

/** Parse JSON or YAML text (YAML 1.2 reads JSON too) and keep the line of every node. */
export function parsePackText(raw: string, name: string, path?: string): PackSource {
  const text = raw.replace(/^\uFEFF/, ''); // editors on Windows often save with a byte order mark
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  const strictJson = /\.json$/i.test(name) ? jsonSyntaxError(text, name) : undefined;
  const problems: PackProblem[] = strictJson ? [strictJson] : doc.errors.map((e) => ({
    source: name,
    line: e.linePos?.[0].line,
    message: `${name.match(/\.json$/i) ? 'geen geldige JSON' : 'geen geldige YAML/JSON'}: ${yamlMessage(e.code, e.message)}`,
  }));
  const locate = (pointer: string): PackLocation => {
    const parts = splitPointer(pointer);
    let node: unknown = doc.contents;
    let offset = (doc.contents as YamlNode | null)?.range?.[0];
    for (const key of parts) {
      if (isMap(node)) {
        const pair = node.items.find((p) => String((p.key as { value?: unknown })?.value ?? p.key) === key);
        if (!pair) break;
        offset = (pair.key as YamlNode | null)?.range?.[0] ?? offset;
        node = pair.value;
      } else if (isSeq(node) && /^\d+$/.test(key) && node.items[Number(key)]) {
        node = node.items[Number(key)];
        offset = (node as YamlNode).range?.[0] ?? offset;
      } else break;
    }
    return { source: name, line: offset === undefined ? undefined : lines.linePos(offset).line };
  };
  return { name, path, data: problems.length ? undefined : doc.toJS({ maxAliasCount: 100 }), locate, problems };
}

/** JSON is stricter than YAML (no trailing commas, no comments): report its first error with the line. */
function jsonSyntaxError(text: string, name: string): PackProblem | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (e) {
    const message = (e as Error).message;
    const pos = /position (\d+)/.exec(message);
    const line = pos ? text.slice(0, Number(pos[1])).split('\n').length : undefined;
    return { source: name, line, message: `geen geldige JSON: ${message.replace(/ in JSON at position \d+.*$/, '').replace(/^JSON\.parse: /, '')} (let op komma's, aanhalingstekens en haakjes)` };
  }
}

function yamlMessage(code: string, message: string): string {
  const first = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  const dutch: Record<string, string> = {
    DUPLICATE_KEY: 'een sleutel staat twee keer in hetzelfde object',
    BAD_INDENT: 'inspringing klopt niet',
    MISSING_CHAR: 'een teken ontbreekt (bijv. een sluitend haakje of aanhalingsteken)',
    MULTILINE_IMPLICIT_KEY: 'een sleutel loopt over meer regels door; ontbreekt er een dubbele punt of aanhalingsteken?',
    UNEXPECTED_TOKEN: 'onverwacht teken',
    BLOCK_AS_IMPLICIT_KEY: 'inspringing klopt niet',
  };
  return `${dutch[code] ?? 'kan de tekst niet lezen'} (${first})`;
}

export function splitPointer(pointer: string): string[] {
  return pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** A shipped pack as a source (for messages about a base pack). */
export function shippedSource(pack: PolicyPack): PackSource {
  const name = `meegeleverd beleid ${pack.id}`;
  return { name, path: pack.id, data: pack, locate: () => ({ source: name }), problems: [] };
}

/** Validate a source, resolving `extends` first; every problem carries its place. */
export function loadPack(source: PackSource, resolver: PackResolver): LoadResult {
  return load(source, resolver, []);
}

interface Loaded extends LoadResult {
  /** Where each pointer of the resolved pack came from. */
  origin?: Origin;
}

function load(source: PackSource, resolver: PackResolver, chain: string[]): Loaded {
  if (source.problems.length) return { problems: source.problems, bases: [] };
  const data = source.data;
  const here = plainOrigin(source);
  if (data && typeof data === 'object' && !Array.isArray(data) && 'extends' in data) {
    const ext = data as Record<string, unknown>;
    const ref = ext.extends;
    const at = (pointer: string, message: string): Loaded => ({ problems: [problemAt(source, pointer, message)], bases: [] });
    if (typeof ref !== 'string' || !ref.trim()) return at('/extends', '"extends" moet de id van een meegeleverd beleid of een bestandsnaam zijn');
    const key = source.path ?? source.name;
    const base = loadBase(ref.trim(), source, resolver, [...chain, key]);
    if ('problems' in base && !base.pack) return base;
    const { pack: basePack, origin: baseOrigin, bases } = base as Required<Pick<Loaded, 'pack' | 'origin' | 'bases'>>;
    const merged = applyExtension(basePack, ext, { ext: here, base: baseOrigin });
    if (merged.problems.length) return { problems: merged.problems.map((e) => problemAt(source, e.pointer, e.message)), bases: [] };
    const { pack, errors } = validatePack(merged.pack);
    const allBases = [ref.trim(), ...bases];
    if (!pack) return { problems: errors.map((e) => mapError(e, merged.origin)), bases: allBases };
    return { pack, problems: [], bases: allBases, origin: merged.origin };
  }
  const { pack, errors } = validatePack(data);
  if (!pack) return { problems: errors.map((e) => mapError(e, here)), bases: [] };
  return { pack, problems: [], bases: [], origin: here };
}

function loadBase(ref: string, from: PackSource, resolver: PackResolver, chain: string[]): Loaded {
  const fail = (message: string): Loaded => ({ problems: [problemAt(from, '/extends', message)], bases: [] });
  const isFile = FILE_REF.test(ref) || ref.includes('/') || ref.includes('\\');
  if (!isFile) {
    if (chain.includes(ref)) return fail(`vormt een kring: ${[...chain, ref].map(baseName).join(' → ')}`);
    const shipped = resolver.shipped(ref);
    if (!shipped) return fail(`onbekend beleid "${ref}". Meegeleverd zijn: ${resolver.shippedIds().join(', ')}; of geef een bestandsnaam (.json, .yaml of .yml) naast dit bestand`);
    const src = shippedSource(shipped);
    return { pack: shipped, problems: [], bases: [], origin: plainOrigin(src) };
  }
  if (!resolver.readSource) return fail(`"extends: ${ref}" verwijst naar een bestand; hier kan een beleid alleen een meegeleverd beleid uitbreiden (${resolver.shippedIds().join(', ')})`);
  const src = resolver.readSource(ref, from.path);
  if (!src) return fail(`bestand "${ref}" niet gevonden (gezocht naast ${from.name})`);
  const key = src.path ?? src.name;
  if (chain.includes(key)) return fail(`vormt een kring: ${[...chain, key].map(baseName).join(' → ')}`);
  return load(src, resolver, chain);
}

function baseName(p: string): string {
  return p.split(/[\\/]/).pop() ?? p;
}

function problemAt(source: PackSource, pointer: string, message: string): PackProblem {
  const place = describePointer(source.data, pointer);
  return { ...source.locate(pointer), place: place === 'pakket' ? undefined : place, message };
}

/** A validation error of the resolved pack, placed where the user wrote that part. */
function mapError(e: PackError, origin: Origin): PackProblem {
  const o = origin.resolve(e.at ?? e.pointer);
  // The place names the object that holds an unknown key; the line or cell is the key's own.
  const placePointer = e.at ? o.pointer.slice(0, o.pointer.lastIndexOf('/')) : o.pointer;
  const place = describePointer(o.source.data, placePointer);
  return { ...o.source.locate(o.pointer), place: place === 'pakket' ? undefined : place, message: e.message };
}

export { EXTENSION_KEYS };
