/**
 * A small zip reader/writer on node's zlib, for editing an .xlsx package in place: entries that do not change
 * are copied as their raw compressed bytes (no inflate/deflate), only the parts we edit are inflated, as a
 * stream, and deflated again. Written here rather than taken from npm because the libraries looked at either
 * inflate every entry they copy (fflate's zip/unzip, JSZip, exceljs's own) or split reading and writing over two
 * packages without a way to pass a raw entry from one to the other (yauzl/yazl); what is needed is ~250 lines.
 * Format: PKWARE APPNOTE 6.3.x (local headers, central directory, end of central directory, zip64 records).
 */
import zlib from 'node:zlib';

export class ZipError extends Error {}

export interface ZipEntry {
  name: string;
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

export class ZipReader {
  readonly entries: ZipEntry[] = [];
  private readonly byName = new Map<string, ZipEntry>();

  constructor(readonly data: Buffer) {
    const eocd = findEndOfCentralDirectory(data);
    let count = data.readUInt16LE(eocd + 10);
    let cdSize = data.readUInt32LE(eocd + 12);
    let cdOffset = data.readUInt32LE(eocd + 16);
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
      const locator = eocd - 20;
      if (locator < 0 || data.readUInt32LE(locator) !== 0x07064b50) throw new ZipError('zip64-record ontbreekt');
      const z = Number(data.readBigUInt64LE(locator + 8));
      if (z < 0 || z + 56 > data.length || data.readUInt32LE(z) !== 0x06064b50) throw new ZipError('zip64-record beschadigd');
      count = Number(data.readBigUInt64LE(z + 32));
      cdSize = Number(data.readBigUInt64LE(z + 40));
      cdOffset = Number(data.readBigUInt64LE(z + 48));
    }
    if (cdOffset + cdSize > data.length) throw new ZipError('centrale map valt buiten het bestand');
    let p = cdOffset;
    for (let i = 0; i < count; i++) {
      if (p + 46 > data.length || data.readUInt32LE(p) !== 0x02014b50) throw new ZipError('centrale map beschadigd');
      const nameLength = data.readUInt16LE(p + 28);
      const extraLength = data.readUInt16LE(p + 30);
      const commentLength = data.readUInt16LE(p + 32);
      const entry: ZipEntry = {
        versionMadeBy: data.readUInt16LE(p + 4),
        flags: data.readUInt16LE(p + 8),
        method: data.readUInt16LE(p + 10),
        time: data.readUInt16LE(p + 12),
        date: data.readUInt16LE(p + 14),
        crc: data.readUInt32LE(p + 16),
        compressedSize: data.readUInt32LE(p + 20),
        size: data.readUInt32LE(p + 24),
        externalAttributes: data.readUInt32LE(p + 38),
        offset: data.readUInt32LE(p + 42),
        name: data.toString('utf8', p + 46, p + 46 + nameLength),
      };
      readZip64Extra(data, p + 46 + nameLength, extraLength, entry);
      if (entry.flags & 1) throw new ZipError('versleuteld onderdeel');
      this.entries.push(entry);
      this.byName.set(entry.name, entry);
      p += 46 + nameLength + extraLength + commentLength;
    }
  }

  get(name: string): ZipEntry | undefined {
    return this.byName.get(name);
  }

  /** The entry's compressed bytes as stored. */
  raw(entry: ZipEntry): Buffer {
    const p = entry.offset;
    if (p + 30 > this.data.length || this.data.readUInt32LE(p) !== 0x04034b50) throw new ZipError(`lokale kop van ${entry.name} beschadigd`);
    const start = p + 30 + this.data.readUInt16LE(p + 26) + this.data.readUInt16LE(p + 28);
    if (start + entry.compressedSize > this.data.length) throw new ZipError(`${entry.name} valt buiten het bestand`);
    return this.data.subarray(start, start + entry.compressedSize);
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

  /** The whole entry, inflated (small parts only: workbook.xml, styles, rels, comments). */
  read(entry: ZipEntry): Buffer {
    this.checkSize(entry);
    const raw = this.raw(entry);
    const out = entry.method === 0 ? raw : zlib.inflateRawSync(raw, { maxOutputLength: Math.max(entry.size, 1) });
    if (out.length !== entry.size) throw new ZipError(`${entry.name}: uitgepakte grootte klopt niet`);
    return out;
  }

  text(name: string): string | undefined {
    const e = this.get(name);
    return e ? this.read(e).toString('utf8') : undefined;
  }

  /** The entry inflated as a stream of chunks; never more than its declared size. */
  async *stream(entry: ZipEntry): AsyncGenerator<Buffer> {
    this.checkSize(entry);
    const raw = this.raw(entry);
    if (entry.method === 0) {
      for (let i = 0; i < raw.length; i += 1 << 20) yield raw.subarray(i, i + (1 << 20));
      return;
    }
    const inflate = zlib.createInflateRaw(ZLIB_STREAM);
    let total = 0;
    const feed = async () => {
      for (let i = 0; i < raw.length; i += 1 << 20) {
        if (!inflate.write(raw.subarray(i, i + (1 << 20)))) await new Promise((r) => inflate.once('drain', r));
        if (inflate.destroyed) return;
      }
      inflate.end();
    };
    const fed = feed();
    try {
      for await (const chunk of inflate as AsyncIterable<Buffer>) {
        total += chunk.length;
        if (total > entry.size) throw new ZipError(`${entry.name} is groter dan aangegeven (een zogenaamde zip-bom)`);
        yield chunk;
      }
    } finally {
      inflate.destroy();
      await fed.catch(() => undefined);
    }
  }
}

function findEndOfCentralDirectory(data: Buffer): number {
  const min = Math.max(0, data.length - 65557);
  for (let p = data.length - 22; p >= min; p--) if (data.readUInt32LE(p) === 0x06054b50) return p;
  throw new ZipError('geen zip-bestand (einde van de centrale map ontbreekt)');
}

function readZip64Extra(data: Buffer, start: number, length: number, entry: ZipEntry): void {
  for (let p = start; p + 4 <= start + length;) {
    const id = data.readUInt16LE(p);
    const size = data.readUInt16LE(p + 2);
    if (id === 0x0001) {
      let q = p + 4;
      if (entry.size === 0xffffffff) {
        entry.size = Number(data.readBigUInt64LE(q));
        q += 8;
      }
      if (entry.compressedSize === 0xffffffff) {
        entry.compressedSize = Number(data.readBigUInt64LE(q));
        q += 8;
      }
      if (entry.offset === 0xffffffff) entry.offset = Number(data.readBigUInt64LE(q));
    }
    p += 4 + size;
  }
}

/** Where a written zip goes: a file descriptor or memory. */
export interface ZipSink {
  write(data: Buffer): void;
}

/** A deflated entry built from chunks: compressed bytes in memory, crc and size of the uncompressed data. */
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

export class DeflatedPart {
  readonly chunks: Buffer[] = [];
  compressedSize = 0;
  size = 0;
  crc = 0;
  private readonly deflate = zlib.createDeflateRaw({ ...ZLIB_STREAM, level: 6 });
  private readonly done: Promise<void>;

  constructor() {
    this.deflate.on('data', (c: Buffer) => {
      // zlib hands out slices of its 256 KB output buffers; a slice kept as it is would hold the whole buffer
      // (measured: 105 MB held for a 21 MB part), so each is copied into a buffer of its own size
      this.chunks.push(c.length === c.buffer.byteLength ? c : Buffer.from(c));
      this.compressedSize += c.length;
    });
    this.done = new Promise((resolve, reject) => {
      this.deflate.on('end', resolve);
      this.deflate.on('error', reject);
    });
  }

  private slab = Buffer.allocUnsafe(SLAB);
  private used = 0;

  /** Text is encoded into the slab (see SLAB); a Buffer goes to the compressor after what is in the slab. */
  async write(text: string | Buffer): Promise<void> {
    if (typeof text === 'string') {
      // a UTF-16 code unit takes at most 3 bytes in UTF-8
      if (text.length * 3 > SLAB - this.used) {
        await this.flushSlab();
        if (text.length * 3 > SLAB) return this.put(Buffer.from(text, 'utf8'));
      }
      this.used += this.slab.write(text, this.used, 'utf8');
      return;
    }
    await this.flushSlab();
    await this.put(text);
  }

  private async flushSlab(): Promise<void> {
    if (!this.used) return;
    const data = this.slab.subarray(0, this.used);
    this.slab = Buffer.allocUnsafe(SLAB);
    this.used = 0;
    await this.put(data);
  }

  private async put(data: Buffer): Promise<void> {
    if (!data.length) return;
    this.crc = zlib.crc32(data, this.crc);
    this.size += data.length;
    if (!this.deflate.write(data)) await new Promise((r) => this.deflate.once('drain', r));
  }

  async end(): Promise<DeflatedPart> {
    await this.flushSlab();
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

/** Writes entries in order, then the central directory. Sizes above 4 GB are refused (no zip64 writing). */
export class ZipWriter {
  private offset = 0;
  private readonly central: Buffer[] = [];
  private count = 0;

  constructor(private readonly sink: ZipSink) {}

  private put(data: Buffer): void {
    this.sink.write(data);
    this.offset += data.length;
  }

  /** An entry of the source package, copied as it is stored. */
  copy(reader: ZipReader, entry: ZipEntry): void {
    this.add(
      entry.name,
      {
        method: entry.method,
        flags: entry.flags,
        time: entry.time,
        date: entry.date,
        crc: entry.crc,
        size: entry.size,
        versionMadeBy: entry.versionMadeBy,
        externalAttributes: entry.externalAttributes,
      },
      [reader.raw(entry)],
      entry.compressedSize,
    );
  }

  /** A new or rewritten entry; keeps the time stamp of the entry it replaces, if any. */
  deflated(name: string, part: DeflatedPart, like?: ZipEntry): void {
    const when = like ?? DOS_EPOCH;
    this.add(
      name,
      { method: 8, flags: 0x0800, time: when.time, date: when.date, crc: part.crc >>> 0, size: part.size, versionMadeBy: 20, externalAttributes: 0 },
      part.chunks,
      part.compressedSize,
    );
  }

  /** A small entry stored without compression (a new package's skeleton). */
  stored(name: string, data: Buffer): void {
    this.add(
      name,
      {
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

  private add(
    name: string,
    e: { method: number; flags: number; time: number; date: number; crc: number; size: number; versionMadeBy: number; externalAttributes: number },
    chunks: Buffer[],
    compressedSize: number,
  ): void {
    if (e.size > 0xfffffffe || compressedSize > 0xfffffffe || this.offset > 0xfffffffe) throw new ZipError('het resultaat wordt groter dan 4 GB');
    const fileName = Buffer.from(name, 'utf8');
    const flags = (e.flags & ~0x0008) | 0x0800; // sizes are in the header: no data descriptor
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
