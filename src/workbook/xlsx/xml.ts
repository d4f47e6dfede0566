/**
 * The one XML layer under every read and edit of the .xlsx adapter: a tokenizer (tags with single- or
 * double-quoted attributes, text, CDATA, comments, processing instructions), character and entity references,
 * a small element tree with source positions for the small parts (edits splice the original text, so what is not
 * edited keeps its bytes), and a plain form of a fragment for the fast paths of the streamed sheet. A DOCTYPE is
 * refused outright, so no entity is ever declared or resolved (no billion laughs, no external entities).
 * XML 1.0 (Fifth Edition): https://www.w3.org/TR/xml/
 */
import { StringDecoder } from 'node:string_decoder';
import { escapeAttr } from './xml-text';

export { escapeAttr, escapeCellText } from './xml-text';

/** Any XML that cannot be read; the message is Dutch and names the part once it is known. */
export class XmlError extends Error {
  constructor(
    readonly reason: string,
    readonly part?: string,
  ) {
    super(part ? `${part}: ${reason}` : reason);
  }

  /** The same error naming its part (for errors raised where the part is not known, e.g. in a cell's text). */
  inPart(part: string): XmlError {
    return this.part ? this : new XmlError(this.reason, part);
  }
}

/** Rethrow `e`, naming `part` if it is an XmlError without one. */
export function rethrowIn(part: string, e: unknown): never {
  throw e instanceof XmlError ? e.inPart(part) : e;
}

const DOCTYPE = "bevat een DOCTYPE-declaratie; zo'n bestand wordt niet gelezen";

export function refuseDoctype(text: string, part: string): void {
  if (/<!DOCTYPE/i.test(text)) throw new XmlError(DOCTYPE, part);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** A code point XML 1.0 allows in a document (§2.2 Char). */
function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

const REFERENCE = /&(?:#x([0-9a-fA-F]+);|#([0-9]+);|(amp|lt|gt|quot|apos);)?/g;

function resolveReferences(s: string): string {
  return s.replace(REFERENCE, (all: string, hex: string | undefined, dec: string | undefined, name: string | undefined, at: number) => {
    if (name) return ENTITIES[name];
    if (hex === undefined && dec === undefined) {
      const shown = /^&[^\s<&;]{0,16};?/.exec(s.slice(at))?.[0] ?? '&';
      throw new XmlError(
        shown.length > 1
          ? `onbekende entiteit ${shown} (XML kent alleen &amp; &lt; &gt; &quot; &apos; en tekenverwijzingen)`
          : 'een losse & in tekst (hoort als &amp; geschreven te worden)',
      );
    }
    const cp = hex !== undefined ? parseInt(hex, 16) : parseInt(dec!, 10);
    if (!isXmlChar(cp)) throw new XmlError(`tekenverwijzing ${all} verwijst naar een teken dat XML niet toestaat`);
    return String.fromCodePoint(cp);
  });
}

/** Text content: line ends normalised as an XML parser does (XML 1.0 §2.11), then references resolved. */
export function decodeText(s: string): string {
  if (s.includes('\r')) s = s.replace(/\r\n?/g, '\n');
  return s.includes('&') ? resolveReferences(s) : s;
}

/** An attribute value: line ends and literal white space become spaces (XML 1.0 §3.3.3), then references. */
export function decodeAttr(s: string): string {
  if (!ATTR_DECODE.test(s)) return s; // most values: one scan
  if (/[\t\n\r]/.test(s)) s = s.replace(/\r\n|[\t\n\r]/g, ' ');
  return s.includes('&') ? resolveReferences(s) : s;
}

const ATTR_DECODE = /[\t\n\r&]/;

/** OOXML's escape for characters XML cannot hold (ECMA-376 Part 1, 22.9.2.19 ST_Xstring): _xHHHH_. */
export function decodeOoxml(s: string): string {
  return s.includes('_x') ? s.replace(/_x([0-9a-fA-F]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : s;
}

// ---------------------------------------------------------------------------------------------------------------
// Tokens

export type TokenKind = 'start' | 'end' | 'empty' | 'text' | 'cdata' | 'comment' | 'pi';

export interface Token {
  kind: TokenKind;
  /** Index of the token's first character (its `<` for markup). */
  start: number;
  /** Index after its last character. */
  end: number;
  /** Qualified name of a start, end or empty tag ('' otherwise). */
  name: string;
}

const NAME_END = /[\s/>]/g;

/**
 * End of the tag that starts at `lt` (index after its `>`), quotes respected: a `>` inside an attribute value is
 * legal and does not end the tag. -1 when `s` ends first.
 */
export function tagEnd(s: string, lt: number): number {
  for (let i = lt + 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 62 /* > */) return i + 1;
    if (c === 34 /* " */ || c === 39 /* ' */) {
      const close = s.indexOf(c === 34 ? '"' : "'", i + 1);
      if (close < 0) return -1;
      i = close;
    } else if (c === 60 /* < */) throw new XmlError('een < binnen een tag');
  }
  return -1;
}

function markupTo(s: string, from: number, close: string): number {
  const e = s.indexOf(close, from);
  return e < 0 ? -1 : e + close.length;
}

/**
 * The token at `i`. Undefined when `s` ends before the token does: in a stream more text may follow; in a whole
 * part it is broken. Text runs to the next `<` or to the end of `s` (then it may go on in the next chunk).
 */
export function tokenAt(s: string, i: number): Token | undefined {
  if (s.charCodeAt(i) !== 60) {
    const lt = s.indexOf('<', i);
    return { kind: 'text', start: i, end: lt < 0 ? s.length : lt, name: '' };
  }
  const c = s.charCodeAt(i + 1);
  if (c === 33 /* ! */) {
    if (s.startsWith('<!--', i)) return markup(s, i, markupTo(s, i + 4, '-->'), 'comment');
    if (s.startsWith('<![CDATA[', i)) return markup(s, i, markupTo(s, i + 9, ']]>'), 'cdata');
    if (s.length - i < 9) return undefined;
    if (/^<!DOCTYPE/i.test(s.slice(i, i + 9))) throw new XmlError(DOCTYPE);
    throw new XmlError(`onbekende opmaak ${JSON.stringify(s.slice(i, i + 12))}`);
  }
  if (c === 63 /* ? */) return markup(s, i, markupTo(s, i + 2, '?>'), 'pi');
  if (Number.isNaN(c)) return undefined;
  const end = tagEnd(s, i);
  if (end < 0) return undefined;
  if (c === 47 /* / */) {
    const name = s.slice(i + 2, end - 1).trimEnd();
    if (!name || /[\s/]/.test(name)) throw new XmlError(`ongeldige sluittag ${JSON.stringify(s.slice(i, end))}`);
    return { kind: 'end', start: i, end, name };
  }
  NAME_END.lastIndex = i + 1;
  const nameEnd = NAME_END.exec(s)!.index;
  if (nameEnd === i + 1) throw new XmlError(`ongeldige tag ${JSON.stringify(s.slice(i, Math.min(end, i + 20)))}`);
  return { kind: s.charCodeAt(end - 2) === 47 ? 'empty' : 'start', start: i, end, name: s.slice(i + 1, nameEnd) };
}

function markup(s: string, start: number, end: number, kind: TokenKind): Token | undefined {
  return end < 0 ? undefined : { kind, start, end, name: '' };
}

/** Every token of a whole text (a part or a complete fragment of one). */
export function* tokens(s: string): Generator<Token> {
  for (let i = 0; i < s.length;) {
    const t = tokenAt(s, i);
    if (!t) throw new XmlError('onvolledig: de tekst houdt midden in een tag, commentaar of CDATA op');
    yield t;
    i = t.end;
  }
}

export const localName = (qname: string): string => qname.slice(qname.indexOf(':') + 1);
export const prefixOf = (qname: string): string => (qname.includes(':') ? qname.slice(0, qname.indexOf(':') + 1) : '');

// ---------------------------------------------------------------------------------------------------------------
// Attributes

/** Ranges of the attribute found by `nextAttribute`: name start, name end, value start, value end. */
const found = [0, 0, 0, 0];

/**
 * The attribute at or after `i` in a start tag: its ranges in `found`, and the index after it; -1 at the tag's end.
 * Malformed attribute syntax is an XmlError.
 */
function nextAttribute(tag: string, i: number): number {
  const n = tag.length;
  while (i < n && isSpace(tag.charCodeAt(i))) i++;
  if (i >= n) return -1;
  let c = tag.charCodeAt(i);
  if (c === 62 /* > */ || c === 47 /* / */) return -1;
  const nameStart = i;
  // a name runs to =, white space, or a character no name may hold
  while (i < n && (c = tag.charCodeAt(i)) !== 61 && !isSpace(c) && c !== 34 && c !== 39 && c !== 60 && c !== 62 && c !== 47) i++;
  const nameEnd = i;
  while (i < n && isSpace(tag.charCodeAt(i))) i++;
  if (nameEnd === nameStart || tag.charCodeAt(i) !== 61) throw new XmlError(`ongeldig attribuut in ${JSON.stringify(tag.slice(0, 60))}`);
  i++;
  while (i < n && isSpace(tag.charCodeAt(i))) i++;
  const quote = tag.charCodeAt(i);
  if (quote !== 34 && quote !== 39) throw new XmlError(`ongeldig attribuut in ${JSON.stringify(tag.slice(0, 60))}`);
  const close = tag.indexOf(quote === 34 ? '"' : "'", i + 1);
  if (close < 0) throw new XmlError(`attribuutwaarde zonder eind in ${JSON.stringify(tag.slice(0, 60))}`);
  found[0] = nameStart;
  found[1] = nameEnd;
  found[2] = i + 1;
  found[3] = close;
  return close + 1;
}

/** Where the attributes of `tag` start: after the element name if `tag` starts with `<`, else at 0. */
function attributesStart(tag: string): number {
  if (tag.charCodeAt(0) !== 60) return 0;
  NAME_END.lastIndex = 1;
  return NAME_END.exec(tag)?.index ?? tag.length;
}

function rawValue(tag: string): string {
  const raw = tag.slice(found[2], found[3]);
  if (raw.includes('<')) throw new XmlError(`een < in een attribuutwaarde in ${JSON.stringify(tag.slice(0, 60))}`);
  return raw;
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/** Each attribute of a start tag (`<name a="1" b='2'>`, or the text after the name): names as written, values decoded. */
export function attributeList(tag: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = attributesStart(tag); (i = nextAttribute(tag, i)) >= 0;) out.push([tag.slice(found[0], found[1]), decodeAttr(rawValue(tag))]);
  return out;
}

/** Attributes of a start tag (or the text after its name). Namespace prefixes are kept. */
export function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of attributeList(tag)) out[name] = value;
  return out;
}

/** The value of one attribute, named exactly as written (`r:id` with its prefix, `ref` without). */
export function attr(tag: string, name: string): string | undefined {
  if (!tag.includes(name)) return undefined; // the name does not occur at all, so neither does the attribute
  for (let i = attributesStart(tag); (i = nextAttribute(tag, i)) >= 0;)
    if (found[1] - found[0] === name.length && tag.startsWith(name, found[0])) return decodeAttr(rawValue(tag));
  return undefined;
}

/** A start tag with one attribute set (replaced where it is, else added at the end), everything else as written. */
export function setAttr(tag: string, name: string, value: string): string {
  for (let i = attributesStart(tag); (i = nextAttribute(tag, i)) >= 0;)
    if (found[1] - found[0] === name.length && tag.startsWith(name, found[0]))
      return tag.slice(0, found[2] - 1) + `"${escapeAttr(value)}"` + tag.slice(found[3] + 1);
  const end = tag.endsWith('/>') ? tag.length - 2 : tag.endsWith('>') ? tag.length - 1 : tag.length;
  let at = end;
  while (at > 0 && isSpace(tag.charCodeAt(at - 1))) at--;
  return `${tag.slice(0, at)} ${name}="${escapeAttr(value)}"${tag.slice(at)}`;
}

/** A start tag without one attribute. */
export function removeAttr(tag: string, name: string): string {
  for (let i = attributesStart(tag); (i = nextAttribute(tag, i)) >= 0;)
    if (found[1] - found[0] === name.length && tag.startsWith(name, found[0])) {
      let from = found[0];
      while (from > 0 && isSpace(tag.charCodeAt(from - 1))) from--;
      return tag.slice(0, from) + tag.slice(found[3] + 1);
    }
  return tag;
}

// ---------------------------------------------------------------------------------------------------------------
// Elements with their positions

export interface XmlElement {
  /** Qualified name as written; '' for the document (or fragment) node. */
  name: string;
  local: string;
  /** The prefix with its colon ('x:'), or ''. */
  prefix: string;
  /** The start tag's `<`. */
  start: number;
  /** Index after the start tag. */
  openEnd: number;
  /** The end tag's `<` (openEnd for an empty element; -1 while unclosed in a fragment). */
  closeStart: number;
  /** Index after the end tag (-1 while unclosed in a fragment). */
  end: number;
  /** The start tag's text. */
  tag: string;
  children: XmlElement[];
  parent?: XmlElement;
}

export interface XmlDocument {
  text: string;
  /** The document node: its children are the root element (or a fragment's top-level elements). */
  root: XmlElement;
  /** End tags of a fragment that close elements opened before it (e.g. `</sheetData>`, `</worksheet>` of a tail). */
  outerCloses: Token[];
}

/**
 * The elements of a part, with positions into its text. A fragment (`fragment: true`) may close elements it did
 * not open and leave elements open (the head or tail of a streamed sheet); a whole part must be well nested.
 */
export function parseXml(text: string, part: string, options: { fragment?: boolean } = {}): XmlDocument {
  const root: XmlElement = { name: '', local: '', prefix: '', start: 0, openEnd: 0, closeStart: text.length, end: text.length, tag: '', children: [] };
  const outerCloses: Token[] = [];
  let current = root;
  try {
    for (const t of tokens(text)) {
      if (t.kind === 'start' || t.kind === 'empty') {
        const el: XmlElement = {
          name: t.name,
          local: localName(t.name),
          prefix: prefixOf(t.name),
          start: t.start,
          openEnd: t.end,
          closeStart: t.kind === 'empty' ? t.end : -1,
          end: t.kind === 'empty' ? t.end : -1,
          tag: text.slice(t.start, t.end),
          children: [],
          parent: current,
        };
        attributeList(el.tag); // well-formed attributes, or an XmlError
        current.children.push(el);
        if (t.kind === 'start') current = el;
      } else if (t.kind === 'end') {
        if (current === root) {
          if (!options.fragment) throw new XmlError(`sluittag </${t.name}> zonder begintag`);
          outerCloses.push(t);
        } else {
          if (t.name !== current.name) throw new XmlError(`<${current.name}> wordt gesloten door </${t.name}>`);
          current.closeStart = t.start;
          current.end = t.end;
          current = current.parent!;
        }
      } else if (t.kind === 'text' && current === root && !options.fragment && /[^\s\uFEFF]/.test(text.slice(t.start, t.end)))
        throw new XmlError('tekst buiten het hoofdelement');
    }
    if (!options.fragment) {
      if (current !== root) throw new XmlError(`onvolledig: <${current.name}> wordt niet gesloten`);
      if (root.children.length !== 1) throw new XmlError(root.children.length ? 'meer dan één hoofdelement' : 'geen hoofdelement');
    }
  } catch (e) {
    rethrowIn(part, e);
  }
  return { text, root, outerCloses };
}

/** The only root element of a whole part. */
export const rootElement = (doc: XmlDocument): XmlElement => doc.root.children[0];

export function child(el: XmlElement | undefined, local: string): XmlElement | undefined {
  return el?.children.find((c) => c.local === local);
}

export function childrenNamed(el: XmlElement | undefined, local: string): XmlElement[] {
  return el ? el.children.filter((c) => c.local === local) : [];
}

/** Every element below `el` (depth first, in document order). */
export function* descendants(el: XmlElement): Generator<XmlElement> {
  for (const c of el.children) {
    yield c;
    yield* descendants(c);
  }
}

/** The namespace URI a prefix ('r:' or '' for the default) is bound to where `el` is. */
export function namespaceOf(el: XmlElement | undefined, prefix: string): string | undefined {
  const name = prefix ? `xmlns:${prefix.slice(0, -1)}` : 'xmlns';
  for (let e = el; e && e.name; e = e.parent) {
    const v = attr(e.tag, name);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** An attribute in a namespace, by local name (whatever prefix the part binds to that namespace). */
export function attrNS(el: XmlElement, namespaces: readonly string[], local: string): string | undefined {
  for (const [name, value] of attributeList(el.tag)) {
    const i = name.indexOf(':');
    if (i < 0 || name.slice(i + 1) !== local || name.startsWith('xmlns')) continue;
    const ns = namespaceOf(el, name.slice(0, i + 1));
    if (ns !== undefined && namespaces.includes(ns)) return value;
  }
  return undefined;
}

/** The inner text of an element in a document: text and CDATA, without comments and processing instructions. */
export function textOf(doc: XmlDocument, el: XmlElement): string {
  if (el.closeStart <= el.openEnd) return '';
  return decodeText(plainXml(doc.text.slice(el.openEnd, el.closeStart)).replace(/<(?:[^>"']|"[^"]*"|'[^']*')*>/g, ''));
}

/** `text` with `edits` applied (ranges of the original text, none overlapping). */
export function splice(text: string, edits: Array<{ from: number; to: number; insert: string }>): string {
  let out = '';
  let at = 0;
  for (const e of [...edits].sort((a, b) => a.from - b.from || a.to - b.to)) {
    out += text.slice(at, e.from) + e.insert;
    at = e.to;
  }
  return out + text.slice(at);
}

// ---------------------------------------------------------------------------------------------------------------
// Plain XML: the fast paths' form

/** Whether a complete fragment holds only tags, text and references (no comment, CDATA, PI or DOCTYPE). */
export const isPlain = (xml: string): boolean => !xml.includes('<!') && !xml.includes('<?');

/**
 * The same complete fragment in plain form: comments and processing instructions left out, CDATA sections as
 * escaped text. Element by element the same content for an XML reader, so the fast paths (which see only tags,
 * text and references, where a `<` can only start a tag) read it exactly.
 */
export function plainXml(xml: string): string {
  if (isPlain(xml)) return xml;
  let out = '';
  for (const t of tokens(xml)) {
    if (t.kind === 'comment' || t.kind === 'pi') continue;
    if (t.kind === 'cdata')
      out += xml
        .slice(t.start + 9, t.end - 3)
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;');
    else out += xml.slice(t.start, t.end);
  }
  return out;
}

/** A quote-aware pattern for the attributes of a tag in plain XML: a `>` inside a value does not end it. */
export const ATTRS = `(?:[^>"']|"[^"]*"|'[^']*')*`;

/**
 * A namespace prefix with its colon, or none, as a regular expression's source: name characters, those beyond ASCII
 * included (XML 1.0 §2.3 allows letters of any script; in byte text such a character is its UTF-8 bytes, each one
 * U+0080–U+00FF). The patterns below and the sheet's own scanners read `x:c` and `sé:c` alike.
 */
export const PREFIX = String.raw`(?:[\w.\u0080-\uFFFF-]+:)?`;

/** A qualified element name (prefix included), as a regular expression's source; see PREFIX. */
export const QNAME = String.raw`[\w.:\u0080-\uFFFF-]+`;

const T_ELEMENT = new RegExp(`<${PREFIX}t(?:\\s${ATTRS})?(?:/>|>([^<]*)</${PREFIX}t\\s*>)`, 'g');
const PHONETIC = new RegExp(`<${PREFIX}rPh(?:\\s${ATTRS})?(?:/>|>[\\s\\S]*?</${PREFIX}rPh\\s*>)`, 'g');

/** Text of `<t>` elements (shared or inline string, rich text runs), without phonetic runs. */
export function stringItemText(xml: string): string {
  const usual = usualItemText(xml);
  if (usual !== undefined) return decodeOoxml(decodeText(usual));
  const plain = plainXml(xml);
  const body = plain.includes('rPh') ? plain.replace(PHONETIC, '') : plain;
  let text = '';
  T_ELEMENT.lastIndex = 0;
  for (let m; (m = T_ELEMENT.exec(body));) text += m[1] ?? '';
  return decodeOoxml(decodeText(text));
}

/**
 * The text of a string item as Excel and Tariefwijzer write most of them, `<si><t>…</t></si>` or `<is><t>…</t></is>`
 * with no markup in the text, still encoded; undefined for any other form. Read by hand: a match of T_ELEMENT made
 * an array and a string for every inline text of every row read (a rerun reads each row's record so).
 */
function usualItemText(xml: string): string | undefined {
  if (!xml.startsWith('<is><t>') && !xml.startsWith('<si><t>')) return undefined;
  const end = xml.length - 9; // `</t></is>`
  if (xml.indexOf('<', 7) !== end || !xml.startsWith('</t></', end)) return undefined;
  return xml.charCodeAt(end + 6) === xml.charCodeAt(1) && xml.charCodeAt(end + 7) === xml.charCodeAt(2) && xml.charCodeAt(end + 8) === 62
    ? xml.slice(7, end)
    : undefined;
}

/**
 * Bytes decoded at a time. Kept well under V8's large-object threshold (128 KB): a larger string is allocated
 * in the old generation, where only a full collection frees it, and streaming a sheet of hundreds of MB would
 * pile such strings up (measured: ≈ 100 MB of peak RSS at 300k rows with 256 KB chunks).
 */
const TEXT_CHUNK = 32 * 1024;

// ---------------------------------------------------------------------------------------------------------------
// UTF-16 parts

/**
 * The UTF-16 byte order of an XML part from its first bytes, undefined for UTF-8: by its byte order mark, or by `<?`
 * two bytes a character (XML 1.0 Appendix F.1). OPC allows XML parts in UTF-8 or UTF-16 (ECMA-376 Part 2, §8.1.4
 * "XML Usage", [M1.17]); Excel writes UTF-8, and openpyxl and LibreOffice read either.
 */
function utf16Of(b: Buffer): 'utf-16le' | 'utf-16be' | undefined {
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0x3c && b[1] === 0 && b[2] === 0x3f && b[3] === 0)) return 'utf-16le';
  if ((b[0] === 0xfe && b[1] === 0xff) || (b[0] === 0 && b[1] === 0x3c && b[2] === 0 && b[3] === 0x3f)) return 'utf-16be';
  return undefined;
}

/** The XML declaration's encoding as UTF-8: a UTF-16 part is read as UTF-8 text and, when edited, written so. */
function declaredUtf8(text: string): string {
  return text.replace(/^(\uFEFF?<\?xml\b[^?]*?\bencoding\s*=\s*)(["'])[^"']*\2/, '$1$2UTF-8$2');
}

function utf16Decoder(encoding: 'utf-16le' | 'utf-16be'): TextDecoder {
  return new TextDecoder(encoding, { fatal: true });
}

function decodeUtf16(decoder: TextDecoder, bytes?: Buffer): string {
  try {
    return bytes ? decoder.decode(bytes, { stream: true }) : decoder.decode();
  } catch {
    // an unpaired surrogate, or an odd byte at the end: no XML character (XML 1.0 §2.2)
    throw new XmlError('ongeldige UTF-16-tekst');
  }
}

/** The text of an XML part's bytes, UTF-8 or UTF-16 (see utf16Of); a UTF-16 part's declaration then says UTF-8. */
export function xmlPartText(bytes: Buffer): string {
  const utf16 = utf16Of(bytes);
  if (!utf16) return bytes.toString('utf8');
  const decoder = utf16Decoder(utf16);
  return declaredUtf8(decodeUtf16(decoder, bytes) + decodeUtf16(decoder));
}

/**
 * An XML part's bytes as UTF-8, streamed: a UTF-8 part's as they come, a UTF-16 part's decoded and encoded again
 * (its declaration saying UTF-8, see xmlPartText). The sheet is read and rewritten as UTF-8 (byte text): a UTF-16
 * sheet Tariefwijzer writes into becomes UTF-8; one it only reads stays as it is.
 */
export async function* utf8PartBytes(bytes: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let start: Buffer | undefined = Buffer.alloc(0); // the first bytes, until there are enough to tell the encoding
  let decoder: TextDecoder | undefined;
  let head: string | undefined = ''; // a UTF-16 part's first text, until its declaration is whole
  const text = (t: string, last: boolean): Buffer | undefined => {
    if (head !== undefined) {
      head += t;
      if (!last && (head.length < 6 || (/^\uFEFF?<\?xml\b/.test(head) && !head.includes('?>')))) return undefined;
      t = declaredUtf8(head);
      head = undefined;
    }
    return t ? Buffer.from(t, 'utf8') : undefined;
  };
  const convert = (b: Buffer): Buffer | undefined => {
    let chunk = b;
    if (start) {
      chunk = Buffer.concat([start, b]);
      start = undefined;
      const utf16 = utf16Of(chunk);
      if (utf16) decoder = utf16Decoder(utf16);
    }
    return decoder ? text(decodeUtf16(decoder, chunk), false) : chunk;
  };
  for await (const b of bytes) {
    if (start && start.length + b.length < 4) {
      start = Buffer.concat([start, b]);
      continue;
    }
    const out = convert(b);
    if (out?.length) yield out;
  }
  const rest = start?.length ? convert(Buffer.alloc(0)) : undefined;
  if (rest?.length) yield rest;
  const last = decoder && text(decodeUtf16(decoder), true);
  if (last?.length) yield last;
}

/** Text chunks of an async byte stream, decoded as UTF-8 across chunk boundaries. */
export async function* utf8Chunks(bytes: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const b of bytes) {
    for (let i = 0; i < b.length; i += TEXT_CHUNK) {
      const s = decoder.write(b.subarray(i, i + TEXT_CHUNK));
      if (s) yield s;
    }
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

// ---------------------------------------------------------------------------------------------------------------
// Byte text: the worksheet part as one character per byte

/**
 * Chunks of an async byte stream as byte text: one character per byte (Latin-1), so a UTF-8 sequence is two to
 * four characters from U+0080 to U+00FF. The worksheet part is read and rewritten in this form. Markup is ASCII, and
 * every byte of a multi-byte sequence is above ASCII, so none is one of XML's markup characters or its white space:
 * tags, attributes, references and cell boundaries read exactly as in the decoded text, and what is copied is written
 * back byte for byte (bytes that are not valid UTF-8 included). The gain: V8 keeps a string one byte a character only
 * when every character is below U+0100, and a sheet with "€" in its explanations decoded as UTF-8 made every piece of
 * it two bytes a character (a rerun reads such a sheet). Values read from the part go through fromByteText before
 * anything else (JavaScript's `\s`, `trim()` and `Number()` take U+00A0 for white space, which here is only a byte
 * inside a sequence); text written into the part goes through toByteText.
 */
export async function* byteTextChunks(bytes: AsyncIterable<Buffer>): AsyncGenerator<string> {
  for await (const b of bytes) for (let i = 0; i < b.length; i += TEXT_CHUNK) yield b.toString('latin1', i, Math.min(b.length, i + TEXT_CHUNK));
}

const HIGH_BYTE = /[\u0080-\u00ff]/;
// eslint-disable-next-line no-control-regex
const NOT_ASCII = /[^\u0000-\u007f]/;

/** Text read from byte text (see byteTextChunks) as the text it encodes: its bytes decoded as UTF-8. */
export function fromByteText(s: string): string {
  return HIGH_BYTE.test(s) ? Buffer.from(s, 'latin1').toString('utf8') : s;
}

/** Text to go into byte text (see byteTextChunks): its UTF-8 bytes, one character each. ASCII is its own byte text. */
export function toByteText(s: string): string {
  return NOT_ASCII.test(s) ? Buffer.from(s, 'utf8').toString('latin1') : s;
}

/**
 * Every `<name>…</name>` element (any prefix) of a stream, one string each, without holding the whole text:
 * used for the shared strings part, which can be large. Markup is read token by token; an element's end is found
 * by one search when what lies between is plain (see isPlain), else token by token.
 */
export async function* elements(chunks: AsyncIterable<string>, name: string, part: string): AsyncGenerator<string> {
  let buf = '';
  try {
    for await (const chunk of chunks) {
      buf += chunk;
      let pos = 0;
      for (;;) {
        const lt = buf.indexOf('<', pos);
        if (lt < 0) {
          pos = buf.length;
          break;
        }
        const t = tokenAt(buf, lt);
        if (!t) {
          pos = lt;
          break;
        }
        if ((t.kind !== 'start' && t.kind !== 'empty') || localName(t.name) !== name) {
          pos = t.end;
          continue;
        }
        const end = t.kind === 'empty' ? t.end : elementEnd(buf, t);
        if (end < 0) {
          pos = lt;
          break;
        }
        yield buf.slice(lt, end);
        pos = end;
      }
      buf = buf.slice(pos);
    }
    if (buf.trim()) throw new XmlError('onvolledig: de tekst houdt midden in een element op');
  } catch (e) {
    rethrowIn(part, e);
  }
}

/**
 * End of the element whose start tag is `open` (index after its end tag), or -1 when `s` ends first. One search
 * for its end tag when the text up to it is plain and holds no element of the same name; else token by token.
 */
export function elementEnd(s: string, open: Token): number {
  const close = `</${open.name}>`;
  const at = s.indexOf(close, open.end);
  if (at >= 0) {
    const between = s.slice(open.end, at);
    if (isPlain(between) && !between.includes(`<${open.name}`) && !between.includes(`</${open.name}`)) return at + close.length;
  }
  let depth = 0;
  for (let i = open.end; i < s.length;) {
    const t = tokenAt(s, i);
    if (!t) return -1;
    if (t.kind === 'start' && t.name === open.name) depth++;
    else if (t.kind === 'end' && t.name === open.name && depth-- === 0) return t.end;
    i = t.end;
  }
  return -1;
}

/** `text` with `xml` added as the last child of `el` (an empty element `<x/>` becomes `<x>xml</x>`). */
export function appendChild(text: string, el: XmlElement, xml: string): string {
  if (el.end === el.openEnd) {
    const tag = el.tag.replace(/\s*\/>$/, '>');
    return text.slice(0, el.start) + tag + xml + `</${el.name}>` + text.slice(el.end);
  }
  return text.slice(0, el.closeStart) + xml + text.slice(el.closeStart);
}
