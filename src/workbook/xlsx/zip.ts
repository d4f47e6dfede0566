/**
 * A small zip reader/writer on node's zlib, for editing an .xlsx package in place: entries that do not change
 * are copied as their raw compressed bytes (no inflate/deflate), only the parts we edit are inflated, as a
 * stream, and deflated again. Written here rather than taken from npm because the libraries looked at either
 * inflate every entry they copy (fflate's zip/unzip, JSZip, exceljs's own) or split reading and writing over two
 * packages without a way to pass a raw entry from one to the other (yauzl/yazl); what is needed is ~250 lines.
 * Format: PKWARE APPNOTE 6.3.x (local headers, central directory, end of central directory, zip64 records).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { xmlPartText } from './xml';

/** A zip that cannot be used as it is (not a zip, encrypted, a zip bomb); the message is Dutch. */
export class ZipError extends Error {}

/**
 * The package's bytes do not agree with its own records (checksum, sizes, headers, compressed data): the file was
 * damaged on its way. Never used as input, whatever part it is in: one flipped bit in a stored sheet changes a
 * number, and Excel would offer to repair the file rather than open it.
 */
export class DamagedZipError extends ZipError {
  constructor(
    readonly file: string | undefined,
    readonly detail: string,
  ) {
    super(
      `Het bestand ${file ? `${file} ` : ''}is beschadigd (${detail}). Open het in Excel (dat biedt aan het te herstellen), controleer de gegevens en sla het opnieuw op, of vraag de afzender om een nieuw exemplaar.`,
    );
  }
}

export interface ZipEntry {
  /** The name as text: UTF-8 when flag bit 11 says so or the bytes are valid UTF-8, else code page 437. */
  name: string;
  /** The name exactly as stored, written back unchanged when the entry is copied. */
  nameBytes: Buffer;
  method: number;
  flags: number;
  time: number;
  date: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** Offset of the local header in the file. */
  offset: number;
  versionMadeBy: number;
  externalAttributes: number;
}

/** Refuse to inflate more than this from one entry whose ratio is suspicious (a zip bomb). */
const BOMB_SIZE = 100 * 1024 * 1024;
const BOMB_RATIO = 250;
/** A hard ceiling for any part, whatever its ratio. */
const MAX_PART = 4 * 1024 * 1024 * 1024 - 1;
const CHUNK = 1 << 20;

/**
 * Where a package's bytes come from: memory, or a file read by offsets (`FileSource`), so that a run never holds the
 * whole input: the central directory and the small parts are read when needed, a large entry in chunks of 1 MB as
 * it is copied or inflated.
 */
export interface ZipSource {
  readonly size: number;
  /** The bytes at [position, position + length), or fewer at the end of the source. */
  read(position: number, length: number): Buffer;
}

class BufferSource implements ZipSource {
  constructor(private readonly data: Buffer) {}
  get size(): number {
    return this.data.length;
  }
  read(position: number, length: number): Buffer {
    return this.data.subarray(position, position + length);
  }
}

/** Closes a file source's descriptor when its reader is gone (nothing holds it open longer than the run needs it). */
const closeLater = new FinalizationRegistry<number>((fd) => fs.close(fd, () => undefined));

/**
 * A file opened once and read by offsets with `fs.readSync`. Held open (not reopened per read): a program that
 * saves the file under the same name during the run replaces it, and this run goes on reading what it opened.
 */
export class FileSource implements ZipSource {
  readonly size: number;
  private constructor(private readonly fd: number) {
    this.size = fs.fstatSync(fd).size;
    closeLater.register(this, fd);
  }

  static open(file: string): FileSource {
    return new FileSource(fs.openSync(file, 'r'));
  }

  /** Is `file` the file this source reads (the same inode)? Writing it in place would pull the data from under the reader. */
  isFile(file: string): boolean {
    const own = fs.fstatSync(this.fd);
    const other = fs.statSync(file, { throwIfNoEntry: false });
    return !!other && other.dev === own.dev && other.ino === own.ino;
  }

  read(position: number, length: number): Buffer {
    const n = Math.max(0, Math.min(length, this.size - position));
    const out = Buffer.allocUnsafe(n);
    for (let done = 0; done < n;) {
      const got = fs.readSync(this.fd, out, done, n - done, position + done);
      if (!got) return out.subarray(0, done); // the file got shorter while it was read
      done += got;
    }
    return out;
  }
}

export class ZipReader {
  readonly entries: ZipEntry[] = [];
  private readonly byName = new Map<string, ZipEntry>();
  /** The entries by partKey: how a relationship's target finds its part. */
  private readonly byKey = new Map<string, ZipEntry>();
  /** Entries whose data was inflated whole and matched their checksum and size. */
  private readonly verified = new Set<ZipEntry>();
  readonly source: ZipSource;

  /** `data`: the package's bytes or a `FileSource`; `file`: the file's name, for messages. */
  constructor(
    data: Buffer | ZipSource,
    readonly file?: string,
  ) {
    const source = (this.source = Buffer.isBuffer(data) ? new BufferSource(data) : data);
    const size = source.size;
    // the end record and the comment after it lie in the last 65,557 bytes; a zip64 locator just before them
    const tailStart = Math.max(0, size - 65557 - 20);
    const tail = source.read(tailStart, size - tailStart);
    const eocd = findEndOfCentralDirectory(tail);
    let count = tail.readUInt16LE(eocd + 10);
    let cdSize = tail.readUInt32LE(eocd + 12);
    let cdOffset = tail.readUInt32LE(eocd + 16);
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
      const locator = eocd - 20;
      if (locator < 0 || tail.readUInt32LE(locator) !== 0x07064b50) throw this.damaged('het zip64-record ontbreekt');
      const z = Number(tail.readBigUInt64LE(locator + 8));
      const record = z >= 0 && z + 56 <= size ? source.read(z, 56) : undefined;
      if (!record || record.length < 56 || record.readUInt32LE(0) !== 0x06064b50) throw this.damaged('het zip64-record is onleesbaar');
      count = Number(record.readBigUInt64LE(32));
      cdSize = Number(record.readBigUInt64LE(40));
      cdOffset = Number(record.readBigUInt64LE(48));
    }
    if (cdOffset + cdSize > size) throw this.damaged('de inhoudsopgave valt buiten het bestand; is het afgebroken?');
    // the central directory is small (≈ 100 bytes an entry) and read whole; the names' bytes stay slices of it
    const cd = source.read(cdOffset, cdSize);
    const seen = new Map<string, string>();
    let p = 0;
    for (let i = 0; i < count; i++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== 0x02014b50) throw this.damaged('de inhoudsopgave is onleesbaar');
      const entry = this.centralEntry(cd, p);
      if (entry.flags & 1) throw new ZipError('versleuteld onderdeel');
      // OPC: a package has no two equal part names (ECMA-376 Part 2, §6.2.2.3); Excel refuses such a file, and which
      // copy counts would be a guess
      const key = partKey(entry.name);
      if (seen.has(key)) throw this.damaged(`${describe(entry.name)} komt twee keer voor${seen.get(key) === entry.name ? '' : ` (ook als ${seen.get(key)})`}`);
      seen.set(key, entry.name);
      this.entries.push(entry);
      this.byName.set(entry.name, entry);
      this.byKey.set(key, entry);
      p += 46 + entry.nameBytes.length + cd.readUInt16LE(p + 30) + cd.readUInt16LE(p + 32);
    }
  }

  private centralEntry(data: Buffer, p: number): ZipEntry {
    const nameLength = data.readUInt16LE(p + 28);
    const extraLength = data.readUInt16LE(p + 30);
    if (p + 46 + nameLength + extraLength > data.length) throw this.damaged('de inhoudsopgave is onleesbaar');
    const flags = data.readUInt16LE(p + 8);
    const nameBytes = data.subarray(p + 46, p + 46 + nameLength);
    const entry: ZipEntry = {
      versionMadeBy: data.readUInt16LE(p + 4),
      flags,
      method: data.readUInt16LE(p + 10),
      time: data.readUInt16LE(p + 12),
      date: data.readUInt16LE(p + 14),
      crc: data.readUInt32LE(p + 16),
      compressedSize: data.readUInt32LE(p + 20),
      size: data.readUInt32LE(p + 24),
      externalAttributes: data.readUInt32LE(p + 38),
      offset: data.readUInt32LE(p + 42),
      nameBytes,
      name: decodeName(nameBytes, flags),
    };
    readExtras(data, p + 46 + nameLength, extraLength, entry);
    return entry;
  }

  damaged(detail: string): DamagedZipError {
    return new DamagedZipError(this.file, detail);
  }

  /**
   * The entry that holds part `name`, as OPC compares part names (see partKey): a relationship may name
   * `worksheets/Sheet1.xml` or `worksheets/bläd.xml` for the entry `xl/worksheets/sheet1.xml` or
   * `xl/worksheets/bl%C3%A4d.xml`.
   */
  get(name: string): ZipEntry | undefined {
    return this.byName.get(name) ?? this.byKey.get(partKey(name));
  }

  /**
   * The entry's own name for part `name` (see get), or `name` when there is none: a part this run edits replaces the
   * entry of that name, and a new part gets a name no entry has in any spelling.
   */
  partName(name: string): string {
    return this.get(name)?.name ?? name;
  }

  /**
   * Where the entry's compressed bytes are in the file, after checking that its local header agrees with the
   * central directory (name, method, and checksum and sizes where they are in the local header, i.e. without a data
   * descriptor, else in the data descriptor after the data).
   */
  rawStart(entry: ZipEntry): number {
    const source = this.source;
    const p = entry.offset;
    const where = describe(entry.name);
    const fixed = p + 30 <= source.size ? source.read(p, 30) : undefined;
    if (!fixed || fixed.length < 30 || fixed.readUInt32LE(0) !== 0x04034b50) throw this.damaged(`${where}: de kop ontbreekt of is onleesbaar`);
    const nameLength = fixed.readUInt16LE(26);
    const extraLength = fixed.readUInt16LE(28);
    const start = p + 30 + nameLength + extraLength;
    const rest = source.read(p + 30, nameLength + extraLength);
    if (start > source.size || !rest.subarray(0, nameLength).equals(entry.nameBytes))
      throw this.damaged(`${where}: de naam in de kop wijkt af van de inhoudsopgave`);
    if (fixed.readUInt16LE(8) !== entry.method) throw this.damaged(`${where}: de compressiemethode in de kop wijkt af van de inhoudsopgave`);
    const descriptor = fixed.readUInt16LE(6) & 0x0008;
    if (!descriptor) {
      const local = { crc: fixed.readUInt32LE(14), compressedSize: fixed.readUInt32LE(18), size: fixed.readUInt32LE(22), offset: 0 };
      readExtras(rest, nameLength, extraLength, local);
      if (local.crc !== entry.crc || local.compressedSize !== entry.compressedSize || local.size !== entry.size)
        throw this.damaged(`${where}: controlegetal of grootte in de kop wijkt af van de inhoudsopgave`);
    }
    if (start + entry.compressedSize > source.size) throw this.damaged(`${where} valt buiten het bestand; is het afgebroken?`);
    if (descriptor && !this.descriptorAgrees(entry, start + entry.compressedSize))
      throw this.damaged(`${where}: controlegetal of grootte achter de gegevens wijkt af van de inhoudsopgave`);
    return start;
  }

  /** The entry's compressed bytes as stored, whole (see rawStart for the checks; large entries: rawChunks). */
  raw(entry: ZipEntry): Buffer {
    return this.source.read(this.rawStart(entry), entry.compressedSize);
  }

  /**
   * The entry's compressed bytes as stored, read in chunks as they are used; the checks of rawStart are made at
   * once, before the first chunk is asked for.
   */
  rawChunks(entry: ZipEntry): Generator<Buffer> {
    return this.chunksFrom(entry, this.rawStart(entry));
  }

  private *chunksFrom(entry: ZipEntry, start: number): Generator<Buffer> {
    for (let i = 0; i < entry.compressedSize; i += CHUNK) {
      const length = Math.min(CHUNK, entry.compressedSize - i);
      const chunk = this.source.read(start + i, length);
      if (chunk.length < length) throw this.damaged(`${describe(entry.name)} valt buiten het bestand; is het afgebroken?`);
      yield chunk;
    }
  }

  /**
   * The data descriptor after an entry's data (APPNOTE 4.3.9: an optional signature, the CRC-32, then both sizes in 4
   * bytes, or 8 in a zip64 file) says what the central directory says: a damaged size there would otherwise point
   * the data at the wrong bytes.
   */
  private descriptorAgrees(entry: ZipEntry, at: number): boolean {
    const data = this.source.read(at, 24);
    let q = 0;
    if (q + 4 <= data.length && data.readUInt32LE(q) === 0x08074b50) q += 4;
    if (q + 12 > data.length || data.readUInt32LE(q) !== entry.crc) return false;
    if (data.readUInt32LE(q + 4) === entry.compressedSize && data.readUInt32LE(q + 8) === entry.size) return true;
    return q + 20 <= data.length && Number(data.readBigUInt64LE(q + 4)) === entry.compressedSize && Number(data.readBigUInt64LE(q + 12)) === entry.size;
  }

  /** Size checks before anything is inflated: the declared size, and its ratio to the compressed size. */
  private checkSize(entry: ZipEntry): void {
    if (entry.method !== 0 && entry.method !== 8) throw new ZipError(`${entry.name}: onbekende compressiemethode ${entry.method}`);
    if (entry.size > MAX_PART || (entry.size > BOMB_SIZE && entry.size > BOMB_RATIO * Math.max(1, entry.compressedSize))) {
      throw new ZipError(
        `${entry.name} zou uitgepakt ${Math.round(entry.size / 1e6)} MB worden uit ${Math.round(entry.compressedSize / 1e3)} kB (een zogenaamde zip-bom)`,
      );
    }
  }

  /** The whole entry, inflated and checked (small parts only: workbook.xml, styles, rels, comments). */
  read(entry: ZipEntry): Buffer {
    const raw = this.raw(entry); // first: a size damaged in the central directory is damage, not a zip bomb
    this.checkSize(entry);
    if (entry.method === 0 && raw.length !== entry.size) throw this.damaged(`${describe(entry.name)}: de grootte klopt niet`);
    let out: Buffer;
    try {
      out = entry.method === 0 ? raw : zlib.inflateRawSync(raw, { maxOutputLength: Math.max(entry.size, 1) });
    } catch {
      // zlib's own error (invalid block, unexpected end) or more output than declared (ERR_BUFFER_TOO_LARGE)
      throw this.damaged(`${describe(entry.name)}: de gecomprimeerde gegevens zijn onleesbaar`);
    }
    this.check(entry, out.length, zlib.crc32(out));
    return out;
  }

  /** An entry's text, read as an XML part: UTF-8 or UTF-16 (xmlPartText). */
  text(name: string): string | undefined {
    const e = this.get(name);
    return e ? xmlPartText(this.read(e)) : undefined;
  }

  /** After the last byte: the size and CRC-32 the zip recorded for this entry. */
  private check(entry: ZipEntry, size: number, crc: number): void {
    if (size !== entry.size) throw this.damaged(`${describe(entry.name)}: de uitgepakte grootte klopt niet`);
    if (crc >>> 0 !== entry.crc) throw this.damaged(`${describe(entry.name)}: het controlegetal (CRC-32) klopt niet`);
    this.verified.add(entry);
  }

  /**
   * The entry inflated as a stream of chunks, never more than its declared size; after the last chunk its size and
   * CRC-32 are checked, so a consumer that reads to the end has used nothing that was damaged (it throws first).
   */
  stream(entry: ZipEntry): AsyncGenerator<Buffer> {
    this.rawStart(entry); // first: a size damaged in the central directory is damage, not a zip bomb
    this.checkSize(entry);
    return this.checkedChunks(entry);
  }

  private async *checkedChunks(entry: ZipEntry): AsyncGenerator<Buffer> {
    let total = 0;
    let crc = 0;
    if (entry.method === 0) {
      if (entry.compressedSize !== entry.size) throw this.damaged(`${describe(entry.name)}: de grootte klopt niet`);
      for (const chunk of this.rawChunks(entry)) {
        crc = zlib.crc32(chunk, crc);
        total += chunk.length;
        if (total === entry.size) this.check(entry, total, crc);
        yield chunk;
      }
      if (!entry.size) this.check(entry, 0, 0);
      return;
    }
    for await (const chunk of this.inflated(entry)) {
      crc = zlib.crc32(chunk, crc);
      total += chunk.length;
      yield chunk;
    }
    this.check(entry, total, crc);
  }

  /** Raw inflate of an entry's data in the thread pool; damaged data and output beyond the declared size throw. */
  private async *inflated(entry: ZipEntry): AsyncGenerator<Buffer> {
    const raw = this.rawChunks(entry);
    const inflate = zlib.createInflateRaw(ZLIB_STREAM);
    const feed = async () => {
      try {
        for (const chunk of raw) {
          if (!inflate.write(chunk)) await new Promise((r) => inflate.once('drain', r));
          if (inflate.destroyed) return;
        }
        inflate.end();
      } catch (e) {
        // the file could not be read (cut short): the reading loop below ends with this error, not zlib's
        inflate.destroy(e as Error);
        throw e;
      }
    };
    const fed = feed();
    let total = 0;
    try {
      for await (const chunk of inflate as AsyncIterable<Buffer>) {
        total += chunk.length;
        if (total > entry.size) throw this.damaged(`${describe(entry.name)}: de uitgepakte grootte klopt niet`);
        yield chunk;
      }
    } catch (e) {
      if (e instanceof ZipError) throw e;
      throw this.damaged(`${describe(entry.name)}: de gecomprimeerde gegevens zijn onleesbaar`);
    } finally {
      inflate.destroy();
      await fed.catch(() => undefined);
    }
  }

  /**
   * Checks an entry that is copied without being read: inflated in the thread pool and thrown away, chunk by chunk.
   * An entry already read whole (and so checked) is not inflated again.
   */
  async verify(entry: ZipEntry): Promise<void> {
    if (this.verified.has(entry)) return;
    // another method (LZMA, deflate64) is copied as it is: zlib cannot check it, and nothing of ours reads it
    if (entry.method !== 0 && entry.method !== 8) return;
    // no zip-bomb check: nothing is kept, and more than the declared size is refused as damage
    for await (const chunk of this.checkedChunks(entry)) void chunk;
  }
}

/** What an entry is, for a person: the kind of part and its name in the package. */
function describe(name: string): string {
  if (/^xl\/worksheets\/[^/]+\.xml$/i.test(name)) return `werkblad ${name}`;
  if (/^xl\/sharedStrings\.xml$/i.test(name)) return `de gedeelde teksten (${name})`;
  return `onderdeel ${name}`;
}

/**
 * The end-of-central-directory record, searched from the end: the archive comment may hold its signature too, so
 * a record whose comment length reaches exactly to the end of the file is preferred.
 */
function findEndOfCentralDirectory(data: Buffer): number {
  const min = Math.max(0, data.length - 65557);
  let first = -1;
  for (let p = data.length - 22; p >= min; p--) {
    if (data.readUInt32LE(p) !== 0x06054b50) continue;
    if (p + 22 + data.readUInt16LE(p + 20) === data.length) return p;
    if (first < 0) first = p;
  }
  if (first >= 0) return first;
  throw new ZipError('geen zip-bestand (einde van de centrale map ontbreekt)');
}

/** Zip64 sizes and offset (0x0001), and Info-ZIP's Unicode path (0x7075) for a name stored in a code page. */
function readExtras(
  data: Buffer,
  start: number,
  length: number,
  entry: { size: number; compressedSize: number; offset: number; crc?: number; name?: string; nameBytes?: Buffer },
): void {
  const end = Math.min(start + length, data.length);
  for (let p = start; p + 4 <= end;) {
    const id = data.readUInt16LE(p);
    const size = data.readUInt16LE(p + 2);
    let q = p + 4;
    const stop = Math.min(q + size, end);
    if (id === 0x0001) {
      const next = () => {
        const v = q + 8 <= stop ? Number(data.readBigUInt64LE(q)) : 0xffffffff;
        q += 8;
        return v;
      };
      if (entry.size === 0xffffffff) entry.size = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.offset === 0xffffffff) entry.offset = next();
    } else if (id === 0x7075 && entry.nameBytes && size >= 5 && data[q] === 1 && data.readUInt32LE(q + 1) === zlib.crc32(entry.nameBytes) >>> 0) {
      entry.name = data.toString('utf8', q + 5, stop);
    }
    p += 4 + size;
  }
}

/** Code page 437, bytes 0x80–0xFF: the zip format's name encoding when flag bit 11 is not set (APPNOTE, appendix D). */
const CP437_HIGH = 'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A part name as OPC compares it: equal as case-insensitive ASCII (ECMA-376 Part 2, §6.2.2.3 [M1.12]), and the same in
 * its IRI and its URI form (§9.1.1.1: a part URI percent-encodes the UTF-8 bytes of the IRI's non-ASCII characters; a
 * ZIP item name is ASCII, §9.2.2 [M3.2], so an entry holds the URI form and a relationship may give either). Percent
 * escapes are decoded where they are UTF-8, then ASCII letters lowered.
 */
export function partKey(name: string): string {
  const decoded = name.includes('%')
    ? name.replace(/(?:%[0-9A-Fa-f]{2})+/g, (escapes) => {
        try {
          return decodeURIComponent(escapes);
        } catch {
          return escapes;
        }
      })
    : name;
  return decoded.replace(/[A-Z]+/g, (c) => c.toLowerCase());
}

/** Names without flag bit 11 are often UTF-8 anyway (many tools write it so); otherwise code page 437. */
export function decodeName(bytes: Buffer, flags: number): string {
  if (flags & 0x0800) return bytes.toString('utf8');
  try {
    return UTF8.decode(bytes);
  } catch {
    let out = '';
    for (const b of bytes) out += b < 0x80 ? String.fromCharCode(b) : CP437_HIGH[b - 0x80];
    return out;
  }
}

/** Where a written zip goes: a file descriptor or memory. */
export interface ZipSink {
  write(data: Buffer): void;
  /**
   * The sink is done with `data` when `write` returns (it wrote it to a file): a writer may then read the next chunk of
   * a spooled part into the same buffer. A sink that keeps what it is given (in memory) must not say so.
   */
  readonly writesNow?: boolean;
}

/**
 * zlib streams get a buffer of a few chunks (node passes highWaterMark on to the Transform, though the zlib types
 * omit it): zlib then inflates ahead and deflates behind in the thread pool while the main thread scans rows, on
 * the other core. Larger buffers only hold more memory (measured: 8 MB queues cost ≈ 40 MB of peak RSS at 300k rows).
 */
export const ZLIB_STREAM = { chunkSize: 256 * 1024, highWaterMark: 1024 * 1024 } as zlib.ZlibOptions;

/**
 * Text is encoded straight into a slab of this many bytes, which goes to the compressor when full: rows arrive as
 * many small strings, and gathering them in a string first would make strings above V8's large-object threshold
 * (old-generation garbage, see TEXT_CHUNK in xml.ts) or, gathered in small strings, thousands of small Buffers
 * (each counted as external memory; measured: a full collection every 300 ms while writing).
 */
const SLAB = 1024 * 1024;

/** Slabs (or larger Buffers) queued for the compressor before a write waits for it (see DeflatedPart.put). */
const IN_FLIGHT = 2;

/**
 * A rewritten part's compressed bytes stay in memory up to this size, and go to a temporary file beyond it: a data
 * sheet of a million rows deflates to ≈ 70 MB, which would otherwise be held from writing the sheet until saving.
 */
const SPOOL_AT = 4 * 1024 * 1024;

/** Closes a spool's descriptor when nothing refers to the spool any more. */
const closeSpool = new FinalizationRegistry<number>((fd) => fs.close(fd, () => undefined));

/**
 * Bytes appended to a temporary file and read back in chunks. The file is removed from its folder as soon as it
 * is opened (it lives on while open), so a run that is killed leaves nothing behind; where removing an open file
 * is not allowed, it is removed when the process exits.
 */
class Spool {
  private size = 0;
  private constructor(private readonly fd: number) {
    closeSpool.register(this, fd);
  }

  static create(): Spool {
    const file = path.join(os.tmpdir(), `tariefwijzer-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
    const fd = fs.openSync(file, 'wx+', 0o600);
    try {
      fs.unlinkSync(file);
    } catch {
      process.once('exit', () => fs.rmSync(file, { force: true }));
    }
    return new Spool(fd);
  }

  append(data: Buffer): void {
    for (let done = 0; done < data.length;) done += fs.writeSync(this.fd, data, done, data.length - done, this.size + done);
    this.size += data.length;
  }

  /**
   * The bytes in chunks; into `scratch` when given (each chunk is then valid until the next is asked for), else each
   * into a buffer of its own.
   */
  *chunks(scratch?: Buffer): Generator<Buffer> {
    for (let at = 0; at < this.size;) {
      const length = Math.min(CHUNK, this.size - at);
      const chunk = scratch && scratch.length >= length ? scratch.subarray(0, length) : Buffer.allocUnsafe(length);
      const n = fs.readSync(this.fd, chunk, 0, chunk.length, at);
      if (!n) throw new Error('tijdelijk bestand korter dan geschreven');
      at += n;
      yield n === chunk.length ? chunk : chunk.subarray(0, n);
    }
  }
}

/**
 * An environment variable that makes byte text written into a DeflatedPart checked: a character above U+00FF there
 * is text that did not go through toByteText, and Latin-1 would write its low byte only. The check costs a scan of all
 * the sheet's text (≈ 5 % of a run), so it is on in the tests (test/setup.ts), where every run of the adapter and the
 * CLI is checked, and off for users.
 */
export const CHECK_BYTE_TEXT = 'TARIEFWIJZER_CHECK_BYTE_TEXT';
const WIDE = /[\u0100-\uffff]/;

/**
 * A deflated entry built from chunks: its compressed bytes (in memory, or in a temporary file beyond SPOOL_AT),
 * and crc and size of the uncompressed data.
 */
export class DeflatedPart {
  compressedSize = 0;
  size = 0;
  crc = 0;
  private readonly memory: Buffer[] = [];
  private spool?: Spool;
  private failure?: Error;
  private readonly deflate = zlib.createDeflateRaw({ ...ZLIB_STREAM, level: 6 });
  private readonly done: Promise<void>;

  /** Bytes a character of written text takes at most: 3 for UTF-8 (a UTF-16 code unit), 1 for byte text. */
  private readonly widest: number;
  /** Whether byte text is checked for characters above U+00FF (see CHECK_BYTE_TEXT). */
  private readonly checkBytes: boolean;

  /**
   * `spoolAt`: compressed bytes kept in memory before the rest goes to a temporary file. `encoding`: how written text
   * becomes bytes; 'latin1' for byte text (see byteTextChunks), where every character must be below U+0100.
   */
  constructor(
    private readonly spoolAt = SPOOL_AT,
    private readonly encoding: 'utf8' | 'latin1' = 'utf8',
  ) {
    this.widest = encoding === 'utf8' ? 3 : 1;
    this.checkBytes = encoding === 'latin1' && process.env[CHECK_BYTE_TEXT] === '1';
    this.deflate.on('data', (c: Buffer) => {
      try {
        this.keep(c);
      } catch (e) {
        // no room or no permission for the temporary file: the run stops with it, as with any file error
        this.failure = e as Error;
        this.deflate.destroy(this.failure);
      }
    });
    this.done = new Promise((resolve, reject) => {
      this.deflate.on('end', resolve);
      this.deflate.on('error', reject);
    });
    this.done.catch(() => undefined); // reported by write() or end()
    this.deflate.on('close', () => this.wake());
  }

  private keep(c: Buffer): void {
    this.compressedSize += c.length;
    if (this.spool) return this.spool.append(c);
    // zlib hands out slices of its 256 KB output buffers; a slice kept as it is would hold the whole buffer
    // (measured: 105 MB held for a 21 MB part), so each is copied into a buffer of its own size
    this.memory.push(c.length === c.buffer.byteLength ? c : Buffer.from(c));
    if (this.compressedSize <= this.spoolAt) return;
    this.spool = Spool.create();
    for (const m of this.memory) this.spool.append(m);
    this.memory.length = 0;
  }

  /**
   * The compressed bytes, in order (read back from the temporary file chunk by chunk when spooled). With `scratch`, a
   * spooled part is read back into it, chunk after chunk: for a reader that is done with each chunk before it asks for
   * the next (a 30 MB part read back into buffers of their own was ≈ 15 MB of peak RSS, garbage until a collection).
   */
  compressed(scratch?: Buffer): Iterable<Buffer> {
    return this.spool ? this.spool.chunks(scratch) : this.memory;
  }

  private slab: Buffer = Buffer.allocUnsafe(SLAB);
  private used = 0;

  /**
   * Text is encoded into the slab (see SLAB); a Buffer goes to the compressor after what is in the slab. Returns a
   * promise only when the write has to wait (a full slab goes to the compressor): a caller writing row by row
   * awaits only then.
   */
  write(text: string | Buffer): Promise<void> | undefined {
    if (this.checkBytes && typeof text === 'string' && WIDE.test(text))
      throw new Error(`tekst met een teken boven U+00FF in bytetekst: ${JSON.stringify(text.slice(0, 80))}`);
    if (typeof text === 'string' && text.length * this.widest <= SLAB - this.used) {
      this.used += this.slab.write(text, this.used, this.encoding);
      return undefined;
    }
    return this.writeWaiting(text);
  }

  private async writeWaiting(text: string | Buffer): Promise<void> {
    if (typeof text === 'string') {
      if (text.length * this.widest > SLAB - this.used) {
        await this.flushSlab();
        if (text.length * this.widest > SLAB) return this.put(Buffer.from(text, this.encoding));
      }
      this.used += this.slab.write(text, this.used, this.encoding);
      return;
    }
    await this.flushSlab();
    await this.put(text);
  }

  /**
   * Slabs the compressor has finished with, for reuse: a new megabyte per slab would be garbage outside V8's heap,
   * which it collects only after tens of megabytes of it (measured: ≈ 40 MB of dead slabs and zlib buffers at the
   * peak of a 300k-row run).
   */
  private readonly spare: Buffer[] = [];

  private async flushSlab(): Promise<void> {
    if (!this.used) return;
    const slab = this.slab;
    const data = slab.subarray(0, this.used);
    this.slab = this.spare.pop() ?? Buffer.allocUnsafe(SLAB);
    this.used = 0;
    await this.put(data, () => this.spare.length < 2 && this.spare.push(slab));
  }

  private failed(): void {
    if (this.failure) throw this.failure;
  }

  /** Buffers given to the compressor that it has not finished with (see put). */
  private pending = 0;
  /** A put waiting for the compressor to finish one. */
  private waiting?: () => void;

  private wake(): void {
    const w = this.waiting;
    this.waiting = undefined;
    w?.();
  }

  /**
   * `consumed`: called when the compressor no longer needs `data`. Up to IN_FLIGHT buffers wait for the compressor
   * while the caller goes on filling the next: waiting for the stream to drain after each 1 MB slab made the main
   * thread and the compressor take turns instead of working side by side (the splice floor's main thread idle a third of
   * the time).
   */
  private async put(data: Buffer, consumed?: () => void): Promise<void> {
    this.failed();
    if (!data.length) return;
    this.crc = zlib.crc32(data, this.crc);
    this.size += data.length;
    this.pending++;
    this.deflate.write(data, () => {
      this.pending--;
      consumed?.();
      this.wake();
    });
    // a deflate destroyed by a failure (see keep) finishes nothing: its close wakes the wait
    while (this.pending > IN_FLIGHT && !this.deflate.destroyed) await new Promise<void>((resolve) => (this.waiting = resolve));
    this.failed();
  }

  async end(): Promise<DeflatedPart> {
    await this.flushSlab();
    this.slab = Buffer.alloc(0);
    this.spare.length = 0;
    this.deflate.end();
    await this.done;
    return this;
  }

  static async of(text: string | Buffer): Promise<DeflatedPart> {
    const part = new DeflatedPart();
    await part.write(text);
    return part.end();
  }
}

const DOS_EPOCH = { time: 0, date: ((2026 - 1980) << 9) | (1 << 5) | 1 };

/** What the writer needs of an entry besides its data. */
interface EntryHead {
  /** Text (written as UTF-8, flag bit 11 set) or the exact bytes of a copied entry's name (its own bit 11 kept). */
  name: string | Buffer;
  method: number;
  flags: number;
  time: number;
  date: number;
  crc: number;
  size: number;
  versionMadeBy: number;
  externalAttributes: number;
}

/**
 * Writes entries in order, then the central directory. Sizes above 4 GB are refused (no zip64 writing). Entries
 * copied from a package are checked (CRC-32 and size) in the background while writing goes on; `checked()` must be
 * awaited before `finish()`, so that a damaged entry never ends up in a finished file.
 */
export class ZipWriter {
  private offset = 0;
  private readonly central: Buffer[] = [];
  private count = 0;
  /** One check at a time, in the thread pool, behind the writing. */
  private checks: Promise<void> = Promise.resolve();
  private unchecked = 0;
  private failure?: Error;

  /** One buffer that every spooled part is read back into, when the sink is done with each chunk at once (ZipSink.writesNow). */
  private readonly scratch?: Buffer;

  constructor(private readonly sink: ZipSink) {
    if (sink.writesNow) this.scratch = Buffer.allocUnsafe(CHUNK);
  }

  private put(data: Buffer): void {
    this.sink.write(data);
    this.offset += data.length;
  }

  /**
   * An entry of the source package, copied as it is stored (its name's bytes too) and checked (see checked()); read
   * from the source in chunks as it is written.
   */
  copy(reader: ZipReader, entry: ZipEntry): void {
    this.add(
      {
        name: entry.nameBytes,
        method: entry.method,
        flags: entry.flags,
        time: entry.time,
        date: entry.date,
        crc: entry.crc,
        size: entry.size,
        versionMadeBy: entry.versionMadeBy,
        externalAttributes: entry.externalAttributes,
      },
      reader.rawChunks(entry),
      entry.compressedSize,
    );
    this.unchecked++;
    // a rejection is kept, not left unhandled: the run goes on until checked() reports it
    this.checks = this.checks.then(() =>
      this.failure ? undefined : reader.verify(entry).catch((e: unknown) => void (this.failure = e instanceof Error ? e : new Error(String(e)))),
    );
  }

  /** Waits for the checks of every copied entry; throws the first damage found. */
  async checked(): Promise<void> {
    await this.checks;
    if (this.failure) throw this.failure;
    this.unchecked = 0;
  }

  /** A new or rewritten entry; keeps the name bytes and time stamp of the entry it replaces, if any. */
  deflated(name: string, part: DeflatedPart, like?: ZipEntry): void {
    const when = like ?? DOS_EPOCH;
    this.add(
      {
        name: like?.nameBytes ?? name,
        method: 8,
        flags: like ? like.flags & 0x0800 : 0x0800,
        time: when.time,
        date: when.date,
        crc: part.crc >>> 0,
        size: part.size,
        versionMadeBy: 20,
        externalAttributes: 0,
      },
      part.compressed(this.scratch),
      part.compressedSize,
    );
  }

  /** A small entry stored without compression (a new package's skeleton). */
  stored(name: string, data: Buffer): void {
    this.add(
      {
        name,
        method: 0,
        flags: 0x0800,
        time: DOS_EPOCH.time,
        date: DOS_EPOCH.date,
        crc: zlib.crc32(data) >>> 0,
        size: data.length,
        versionMadeBy: 20,
        externalAttributes: 0,
      },
      [data],
      data.length,
    );
  }

  private add(e: EntryHead, chunks: Iterable<Buffer>, compressedSize: number): void {
    if (e.size > 0xfffffffe || compressedSize > 0xfffffffe || this.offset > 0xfffffffe) throw new ZipError('het resultaat wordt groter dan 4 GB');
    const fileName = typeof e.name === 'string' ? Buffer.from(e.name, 'utf8') : e.name;
    // sizes are in the header: no data descriptor; a name given as text is UTF-8 and says so
    const flags = (e.flags & ~0x0008) | (typeof e.name === 'string' ? 0x0800 : 0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt16LE(e.time, 10);
    local.writeUInt16LE(e.date, 12);
    local.writeUInt32LE(e.crc, 14);
    local.writeUInt32LE(compressedSize, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(fileName.length, 26);
    local.writeUInt16LE(0, 28);
    const at = this.offset;
    this.put(local);
    this.put(fileName);
    for (const c of chunks) this.put(c);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(e.versionMadeBy, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(flags, 8);
    cd.writeUInt16LE(e.method, 10);
    cd.writeUInt16LE(e.time, 12);
    cd.writeUInt16LE(e.date, 14);
    cd.writeUInt32LE(e.crc, 16);
    cd.writeUInt32LE(compressedSize, 20);
    cd.writeUInt32LE(e.size, 24);
    cd.writeUInt16LE(fileName.length, 28);
    cd.writeUInt32LE(e.externalAttributes, 38);
    cd.writeUInt32LE(at, 42);
    this.central.push(cd, fileName);
    this.count++;
  }

  finish(): void {
    if (this.unchecked) throw new Error('ZipWriter.finish before checked(): copied entries are not verified');
    const start = this.offset;
    for (const c of this.central) this.put(c);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.count, 8);
    end.writeUInt16LE(this.count, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    this.put(end);
  }
}
