/**
 * Packs users write themselves: JSON or YAML text (or a workbook sheet, see workbook/policy-sheet.ts), possibly
 * extending another pack. Every problem says where it is: file and line number, or sheet and cell.
 * Browser-safe: no node: imports; reading other files goes through the resolver the caller gives.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node as YamlNode, type Scalar, type YAMLError } from 'yaml';
import { applyExtension, EXTENSION_KEYS, plainOrigin, type Origin } from './extend';
import { describePointer, validatePack, type PackError } from './load';
import type { PackSource } from './pack-source';
import type { PackLocation, PackProblem } from './problems';
import type { PolicyPack } from './types';

export { formatProblem, type PackLocation, type PackProblem } from './problems';

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

/**
 * Larger than any real pack (the shipped ones are under 40 kB), and about what the yaml library parses in a few
 * seconds on a busy machine: refused before parsing, so time and memory stay bounded.
 */
export const MAX_PACK_CHARS = 1_000_000;
/** Aliases (*naam) a pack may use before parsing; each is cheap, a million of them are not. */
const MAX_ALIASES = 1000;

/** Parse JSON or YAML text (YAML 1.2 reads JSON too) and keep the line of every node. */
export function parsePackText(raw: string, name: string, path?: string): PackSource {
  const none = (message: string, line?: number): PackSource => ({
    name,
    path,
    data: undefined,
    locate: () => ({ source: name }),
    problems: [{ source: name, line, message }],
  });
  if (raw.length > MAX_PACK_CHARS) return none(tooLarge(raw.length));
  if ((raw.match(/(?:^|[\s,[{:])\*[A-Za-z0-9_-]/g)?.length ?? 0) > MAX_ALIASES) return none(TOO_MANY_ALIASES);
  const text = raw.replace(/^\uFEFF/, ''); // editors on Windows often save with a byte order mark
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  const isJson = /\.json$/i.test(name);
  const strictJson = isJson ? jsonSyntaxError(text, name) : undefined;
  const problems: PackProblem[] = strictJson ? [strictJson] : yamlProblems(doc.errors, text, name);
  if (!problems.length && !isJson) problems.push(...decimalCommas(doc, text, name, lines));
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
  if (problems.length) return { name, path, data: undefined, locate, problems };
  let data: unknown;
  try {
    // An alias (*naam) repeats what its anchor (&naam) holds; nested, a few lines can stand for billions of
    // values (the "billion laughs"). The yaml library stops after 100 uses of an alias.
    data = doc.toJS({ maxAliasCount: 100 });
  } catch {
    return none(TOO_MANY_ALIASES);
  }
  return { name, path, data, locate, problems };
}

const TOO_MANY_ALIASES =
  'te veel verwijzingen naar een anker (*naam): zo wordt het pakket onbeheersbaar groot; schrijf de onderdelen uit in plaats van ze te herhalen met een verwijzing';

export function tooLarge(size: number): string {
  return `het bestand is te groot voor een beleidspakket (${Math.max(1, Math.round(size / 1_000_000))} MB, hoogstens ${MAX_PACK_CHARS / 1_000_000} MB); is dit wel het beleid?`;
}

/** JSON is stricter than YAML (no trailing commas, no comments): report its first error with the line, in Dutch. */
function jsonSyntaxError(text: string, name: string): PackProblem | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (e) {
    const message = (e as Error).message;
    const pos = /position (\d+)/.exec(message);
    const line = pos ? text.slice(0, Number(pos[1])).split('\n').length : /end of JSON input/i.test(message) ? text.split('\n').length : undefined;
    const what = /end of JSON input/i.test(message)
      ? 'het bestand houdt op voordat alle haakjes gesloten zijn'
      : /property name/i.test(message)
        ? 'hier verwacht JSON een naam tussen dubbele aanhalingstekens; staat er een komma te veel of ontbreken aanhalingstekens?'
        : /Expected ',' or/i.test(message)
          ? 'hier ontbreekt een komma of een sluitend haakje'
          : /Bad control character|Unterminated string/i.test(message)
            ? 'een tekst is niet afgesloten met een aanhalingsteken'
            : /Unexpected non-whitespace|Unexpected token|Unexpected character/i.test(message)
              ? 'onverwacht teken'
              : 'kan de tekst niet lezen';
    return { source: name, line, message: `geen geldige JSON: ${what} (let op komma's, aanhalingstekens en haakjes)` };
  }
}

/** The yaml library's errors in Dutch, one per line; indentation named as such. */
function yamlProblems(errors: readonly YAMLError[], text: string, name: string): PackProblem[] {
  const textLines = text.split(/\r?\n/);
  const indent = (n: number) => /^ */.exec(textLines[n - 1] ?? '')![0].length;
  const out: PackProblem[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    let line = e.linePos?.[0].line;
    let message: string;
    switch (e.code) {
      case 'BAD_INDENT':
        message = 'de inspringing klopt niet: deze regel staat niet recht onder de andere onderdelen van hetzelfde blok (gebruik overal evenveel spaties)';
        break;
      case 'TAB_AS_INDENT':
        message = 'de inspringing klopt niet: tabs zijn niet toegestaan, gebruik spaties';
        break;
      case 'BLOCK_AS_IMPLICIT_KEY':
      case 'MULTILINE_IMPLICIT_KEY': {
        // "naam: waarde" followed by a line that is indented further: that line is the problem
        let next = line ?? 0;
        while (next < textLines.length && textLines[next]?.trim() === '') next++;
        if (line !== undefined && next < textLines.length && indent(next + 1) > indent(line)) {
          line = next + 1;
          message =
            'de inspringing klopt niet: deze regel springt verder in dan de regel erboven, die al een waarde heeft; zet hem recht onder de andere onderdelen (of ontbreekt er een dubbele punt of aanhalingsteken?)';
        } else message = 'een naam loopt over meer regels door; ontbreekt er een dubbele punt of aanhalingsteken?';
        break;
      }
      case 'MISSING_CHAR':
        message = /Sequence item without/.test(e.message)
          ? 'de inspringing klopt niet: deze regel staat niet recht onder de regel erboven (of er ontbreekt een streepje "-" voor een nieuw lijstonderdeel)'
          : 'een teken ontbreekt (bijv. een sluitend haakje of aanhalingsteken)';
        break;
      case 'DUPLICATE_KEY':
        message = 'een naam staat twee keer in hetzelfde onderdeel';
        break;
      case 'UNEXPECTED_TOKEN':
        message = 'onverwacht teken (staat er een haakje, dubbele punt of streepje te veel?)';
        break;
      default:
        message = 'kan de tekst niet lezen; controleer de inspringing, haakjes en aanhalingstekens op deze regel';
    }
    const full = `${/\.json$/i.test(name) ? 'geen geldige JSON' : 'geen geldige YAML'}: ${message}`;
    const key = `${line}|${full}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ source: name, line, message: full });
  }
  return out;
}

/**
 * `{ set: 95,8 }` is valid YAML, but it reads as two entries: 95 and a key "8". A number with a decimal comma
 * inside braces or brackets is almost certainly meant as one number: say to quote it.
 */
function decimalCommas(doc: Document, text: string, name: string, lines: LineCounter): PackProblem[] {
  const out: PackProblem[] = [];
  const numberAt = (n: unknown): n is Scalar => isScalar(n) && typeof n.value === 'number' && !!n.range;
  const report = (first: Scalar, second: Scalar) => {
    const written = `${text.slice(first.range![0], first.range![1])},${text.slice(second.range![0], second.range![1])}`;
    out.push({
      source: name,
      line: lines.linePos(first.range![0]).line,
      message: `geen geldige YAML: ${written} tussen accolades of haken leest YAML als twee waarden (${text.slice(first.range![0], first.range![1])} en ${text.slice(second.range![0], second.range![1])}); zet het getal tussen aanhalingstekens ("${written}") of schrijf het met een punt (${written.replace(',', '.')})`,
    });
  };
  const adjacent = (a: Scalar, b: Scalar) => a.range![1] === b.range![0] - 1 && text[a.range![1]] === ',';
  visit(doc, {
    Map(_, map) {
      if (!map.flow) return;
      for (let i = 1; i < map.items.length; i++) {
        const prev = map.items[i - 1];
        const pair = map.items[i];
        if (
          numberAt(prev.value) &&
          numberAt(pair.key) &&
          (pair.value === null || (isScalar(pair.value) && pair.value.value === null)) &&
          adjacent(prev.value, pair.key)
        )
          report(prev.value, pair.key);
      }
    },
    Seq(_, seq) {
      if (!seq.flow) return;
      for (let i = 1; i < seq.items.length; i++) {
        const a = seq.items[i - 1];
        const b = seq.items[i];
        // [95,8] but not [2024,2025]: a decimal part has one or two digits
        if (numberAt(a) && numberAt(b) && adjacent(a, b) && b.range![1] - b.range![0] <= 2) report(a, b);
      }
    },
  });
  return out;
}

export function splitPointer(pointer: string): string[] {
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
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
    if (!shipped)
      return fail(
        `onbekend beleid "${ref}". Meegeleverd zijn: ${resolver.shippedIds().join(', ')}; of geef een bestandsnaam (.json, .yaml of .yml) naast dit bestand`,
      );
    const src = shippedSource(shipped);
    return { pack: shipped, problems: [], bases: [], origin: plainOrigin(src) };
  }
  if (!resolver.readSource)
    return fail(
      `"extends: ${ref}" verwijst naar een bestand; hier kan een beleid alleen een meegeleverd beleid uitbreiden (${resolver.shippedIds().join(', ')})`,
    );
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
