/**
 * The zip layer on its own (src/workbook/xlsx/zip.ts): archives as other programs write them (Info-ZIP, 7-Zip,
 * Python's zipfile: stored, deflated, zip64, data descriptors, an archive comment) are read and copied byte for
 * byte, and every kind of damage (a flipped bit in stored or deflated data, in a part that is read or only copied,
 * truncated or garbage deflate data, headers that disagree, duplicate names) is refused as "beschadigd", never used.
 * The archives are made at test time from the parts of a small workbook; `zip` and `7z` are installed by .ci/run.
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { XlsxWorkbook } from '../../src/workbook/xlsx/adapter';
import { toByteText } from '../../src/workbook/xlsx/xml';
import { CHECK_BYTE_TEXT, DamagedZipError, decodeName, DeflatedPart, FileSource, partKey, ZipError, ZipReader, ZipWriter } from '../../src/workbook/xlsx/zip';

jest.setTimeout(60_000);

let dir: string;
/** The small workbook's parts, as the archives below hold them. */
let parts: Map<string, Buffer>;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-zip-'));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Blad');
  ws.addRows([
    ['AGB-code', 'Prestatiecode', 'NZa maximumtarief'],
    ['10000001', 'Z1007', 214.6],
    ['10000002', 'Z1105', 301.25],
  ]);
  const source = new ZipReader(Buffer.from(await wb.xlsx.writeBuffer()));
  parts = new Map(source.entries.filter((e) => !e.name.endsWith('/')).map((e) => [e.name, source.read(e)]));
  for (const [name, data] of parts) {
    fs.mkdirSync(path.join(dir, 'parts', path.dirname(name)), { recursive: true });
    fs.writeFileSync(path.join(dir, 'parts', name), data);
  }
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A zip written by our own writer: every part stored, or deflated by zlib; `names` overrides a part's name bytes. */
function ourZip(entries: Iterable<[string | Buffer, Buffer]>, how: { deflate?: boolean; flags?: number } = {}): Buffer {
  const chunks: Buffer[] = [];
  const w = new ZipWriter({ write: (b) => chunks.push(b) });
  for (const [name, data] of entries) {
    const packed = how.deflate ? zlib.deflateRawSync(data) : data;
    (w as unknown as { add: (...args: unknown[]) => void }).add(
      {
        name,
        method: how.deflate ? 8 : 0,
        flags: how.flags ?? 0,
        time: 0,
        date: 33,
        crc: zlib.crc32(data) >>> 0,
        size: data.length,
        versionMadeBy: 20,
        externalAttributes: 0,
      },
      [packed],
      packed.length,
    );
  }
  w.finish();
  return Buffer.concat(chunks);
}

const sh = (cmd: string, args: string[], cwd = path.join(dir, 'parts')) => execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });

/** Python's zipfile: `mode` "zip64" forces zip64 headers, "stream" writes to an unseekable file (data descriptors). */
function pythonZip(file: string, mode: 'comment' | 'zip64' | 'stream'): Buffer {
  const script = `
import io, os, sys, zipfile
class Unseekable(io.RawIOBase):
    def __init__(s, f): s.f = f
    def writable(s): return True
    def seekable(s): return False
    def write(s, b): return s.f.write(b)
mode = sys.argv[2]
with open(sys.argv[1], 'wb') as f:
    with zipfile.ZipFile(Unseekable(f) if mode == 'stream' else f, 'w', zipfile.ZIP_DEFLATED) as z:
        for root, _, files in os.walk('.'):
            for n in sorted(files):
                name = os.path.relpath(os.path.join(root, n), '.')
                with open(name, 'rb') as src, z.open(name, 'w', force_zip64=(mode == 'zip64')) as dst: dst.write(src.read())
        if mode == 'comment': z.comment = b'Gemaakt voor een test. Het teken PK\\x05\\x06 staat ook in dit commentaar.'
`;
  sh('/usr/bin/python3', ['-c', script, file, mode]);
  return fs.readFileSync(file);
}

/** Every central-directory flag of a zip, as a check that an archive really has what its test is about. */
const flagsOf = (zip: Buffer) => new ZipReader(zip).entries.map((e) => e.flags);

/** Zip64 end records and zip64 extra fields in the central directory for every entry (sizes and offsets 0xFFFFFFFF). */
function toZip64(zip: Buffer): Buffer {
  const r = new ZipReader(zip);
  const body = zip.subarray(0, findCentralDirectory(zip));
  const cd: Buffer[] = [];
  for (const e of r.entries) {
    const head = Buffer.alloc(46);
    head.writeUInt32LE(0x02014b50, 0);
    head.writeUInt16LE(45, 4);
    head.writeUInt16LE(45, 6);
    head.writeUInt16LE(e.flags, 8);
    head.writeUInt16LE(e.method, 10);
    head.writeUInt16LE(e.time, 12);
    head.writeUInt16LE(e.date, 14);
    head.writeUInt32LE(e.crc, 16);
    head.writeUInt32LE(0xffffffff, 20);
    head.writeUInt32LE(0xffffffff, 24);
    head.writeUInt16LE(e.nameBytes.length, 28);
    head.writeUInt16LE(28, 30);
    head.writeUInt32LE(0xffffffff, 42);
    const extra = Buffer.alloc(28);
    extra.writeUInt16LE(1, 0);
    extra.writeUInt16LE(24, 2);
    extra.writeBigUInt64LE(BigInt(e.size), 4);
    extra.writeBigUInt64LE(BigInt(e.compressedSize), 12);
    extra.writeBigUInt64LE(BigInt(e.offset), 20);
    cd.push(head, e.nameBytes, extra);
  }
  const central = Buffer.concat(cd);
  const record = Buffer.alloc(56);
  record.writeUInt32LE(0x06064b50, 0);
  record.writeBigUInt64LE(44n, 4);
  record.writeUInt16LE(45, 12);
  record.writeUInt16LE(45, 14);
  record.writeBigUInt64LE(BigInt(r.entries.length), 24);
  record.writeBigUInt64LE(BigInt(r.entries.length), 32);
  record.writeBigUInt64LE(BigInt(central.length), 40);
  record.writeBigUInt64LE(BigInt(body.length), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(body.length + central.length), 8);
  locator.writeUInt32LE(1, 16);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(0xffff, 8);
  end.writeUInt16LE(0xffff, 10);
  end.writeUInt32LE(0xffffffff, 12);
  end.writeUInt32LE(0xffffffff, 16);
  return Buffer.concat([body, central, record, locator, end]);
}

function findCentralDirectory(zip: Buffer): number {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  return zip.readUInt32LE(end + 16);
}

/** Where an entry's stored data starts in the file. */
function dataOffset(zip: Buffer, name: string): { start: number; length: number } {
  const r = new ZipReader(zip);
  const raw = r.raw(r.get(name)!);
  return { start: raw.byteOffset - zip.byteOffset, length: raw.length };
}

/** A copy of `zip` with one bit flipped in the middle of an entry's stored data. */
function flipBit(zip: Buffer, name: string, at?: number): Buffer {
  const { start, length } = dataOffset(zip, name);
  const out = Buffer.from(zip);
  out[start + (at ?? Math.floor(length / 2))] ^= 0x01;
  return out;
}

/** Every entry of an archive read whole, checked against the parts it was made from. */
function expectParts(zip: Buffer): ZipReader {
  const r = new ZipReader(zip);
  const files = r.entries.filter((e) => !e.name.endsWith('/'));
  expect(files.map((e) => e.name).sort()).toEqual([...parts.keys()].sort());
  for (const e of files) expect(r.read(e).equals(parts.get(e.name)!)).toBe(true);
  return r;
}

/** The adapter reads the sheet, and writing the package copies every other entry as it was stored. */
async function expectRoundTrip(zip: Buffer): Promise<void> {
  // through a file, as the CLI reads it: by offsets (FileSource), never whole
  const file = path.join(dir, `rondgang-${zip.length}.xlsx`);
  fs.writeFileSync(file, zip);
  const wb = await XlsxWorkbook.fromFile(file);
  expect(await wb.readSheet('Blad')).toEqual([
    ['AGB-code', 'Prestatiecode', 'NZa maximumtarief'],
    ['10000001', 'Z1007', 214.6],
    ['10000002', 'Z1105', 301.25],
  ]);
  const out = new ZipReader(await wb.toBuffer());
  const input = new ZipReader(zip);
  for (const e of input.entries) {
    const copied = out.get(e.name)!;
    expect(out.raw(copied).equals(input.raw(e))).toBe(true);
    expect(copied.nameBytes.equals(e.nameBytes)).toBe(true);
    await out.verify(copied);
  }
}

describe('archives made by other programs', () => {
  const cases: Array<[string, () => Buffer, (zip: Buffer) => void]> = [
    ['Info-ZIP zip, deflated', () => (sh('zip', ['-q', '-X', '-r', '../izip.zip', '.']), fs.readFileSync(path.join(dir, 'izip.zip'))), () => undefined],
    [
      'Info-ZIP zip, stored (-0)',
      () => (sh('zip', ['-q', '-X', '-0', '-r', '../izip0.zip', '.']), fs.readFileSync(path.join(dir, 'izip0.zip'))),
      (zip) => expect(new ZipReader(zip).entries.every((e) => e.method === 0)).toBe(true),
    ],
    [
      'Info-ZIP zip, zip64 forced (-fz)',
      () => (sh('zip', ['-q', '-X', '-fz', '-r', '../izip64.zip', '.']), fs.readFileSync(path.join(dir, 'izip64.zip'))),
      (zip) => expect(zip.includes(Buffer.from([0x50, 0x4b, 0x06, 0x06]))).toBe(true),
    ],
    [
      'Info-ZIP zip, written to a pipe (data descriptors)',
      () => sh('/bin/sh', ['-c', 'zip -q -X -r - . | cat']),
      (zip) => expect(flagsOf(zip).some((f) => f & 0x0008)).toBe(true),
    ],
    ['7-Zip, deflated', () => (sh('7z', ['a', '-tzip', '-bd', '../7z.zip', '.']), fs.readFileSync(path.join(dir, '7z.zip'))), () => undefined],
    [
      '7-Zip, stored (-mx=0)',
      () => (sh('7z', ['a', '-tzip', '-mx=0', '-bd', '../7z0.zip', '.']), fs.readFileSync(path.join(dir, '7z0.zip'))),
      (zip) => expect(new ZipReader(zip).entries.every((e) => e.method === 0)).toBe(true),
    ],
    [
      "Python's zipfile with an archive comment that holds the end record's signature",
      () => pythonZip(path.join(dir, 'comment.zip'), 'comment'),
      (zip) => expect(zip.subarray(-80).includes(Buffer.from([0x50, 0x4b, 0x05, 0x06, 0x20]))).toBe(true),
    ],
    [
      "Python's zipfile, zip64 local headers (force_zip64)",
      () => pythonZip(path.join(dir, 'py64.zip'), 'zip64'),
      // the first local header carries a zip64 extra field (id 1), whether or not its 32-bit sizes say 0xFFFFFFFF
      (zip) => expect(zip.readUInt16LE(30 + zip.readUInt16LE(26))).toBe(0x0001),
    ],
    [
      "Python's zipfile on an unseekable file (data descriptors)",
      () => pythonZip(path.join(dir, 'stream.zip'), 'stream'),
      (zip) => expect(flagsOf(zip).every((f) => f & 0x0008)).toBe(true),
    ],
    [
      'zip64 central directory and end records (sizes and offsets only in zip64 fields)',
      () => toZip64(ourZip(parts, { deflate: true })),
      (zip) => expect(zip.readUInt16LE(zip.length - 12)).toBe(0xffff),
    ],
  ];
  test.each(cases)('%s: every part read and checked, the sheet read, every entry copied byte for byte', async (_name, make, has) => {
    const zip = make();
    has(zip);
    expectParts(zip);
    await expectRoundTrip(zip);
  });
});

describe('a damaged file is refused, never used', () => {
  const packages = {
    stored: () => ourZip(parts),
    deflated: () => ourZip(parts, { deflate: true }),
  };
  test.each(Object.keys(packages) as Array<keyof typeof packages>)('%s: a flipped bit in the sheet', async (kind) => {
    const zip = flipBit(packages[kind](), 'xl/worksheets/sheet1.xml');
    const wb = await XlsxWorkbook.fromBuffer(zip, 'invoer.xlsx');
    await expect(wb.readSheet('Blad')).rejects.toThrow(DamagedZipError);
    await expect(wb.readSheet('Blad')).rejects.toThrow(
      /^Het bestand invoer\.xlsx is beschadigd \(werkblad xl\/worksheets\/sheet1\.xml: .*\)\. Open het in Excel/,
    );
  });

  test.each(Object.keys(packages) as Array<keyof typeof packages>)('%s: a flipped bit in the shared strings', async (kind) => {
    expect(parts.has('xl/sharedStrings.xml')).toBe(true);
    const zip = flipBit(packages[kind](), 'xl/sharedStrings.xml');
    const wb = await XlsxWorkbook.fromBuffer(zip);
    await expect(wb.readSheet('Blad')).rejects.toThrow(/beschadigd \(de gedeelde teksten/);
  });

  test.each(Object.keys(packages) as Array<keyof typeof packages>)('%s: a flipped bit in a part that is only copied', async (kind) => {
    const zip = flipBit(packages[kind](), 'xl/theme/theme1.xml');
    const wb = await XlsxWorkbook.fromBuffer(zip);
    expect((await wb.readSheet('Blad')).length).toBe(3); // the run does not read it...
    await expect(wb.toBuffer()).rejects.toThrow(/beschadigd \(onderdeel xl\/theme\/theme1\.xml/); // ...and still refuses to copy it
  });

  test('in a stored sheet, 214,6 turned into 314,6 by one bit is refused', async () => {
    const zip = ourZip(parts);
    const sheet = dataOffset(zip, 'xl/worksheets/sheet1.xml');
    const at = zip.indexOf('<v>214.6</v>', sheet.start) + 3;
    expect(at).toBeGreaterThan(sheet.start);
    const damaged = Buffer.from(zip);
    damaged[at] ^= 0x01; // '2' → '3'
    expect(damaged.toString('latin1', at, at + 5)).toBe('314.6');
    await expect((await XlsxWorkbook.fromBuffer(damaged)).readSheet('Blad')).rejects.toThrow(/controlegetal \(CRC-32\) klopt niet/);
  });

  test('the reader refuses it in read(), stream() and verify(), and the writer in checked(), never in finish() alone', async () => {
    const zip = flipBit(ourZip(parts, { deflate: true }), 'xl/styles.xml');
    const r = new ZipReader(zip);
    const e = r.get('xl/styles.xml')!;
    expect(() => r.read(e)).toThrow(DamagedZipError);
    await expect(drain(r.stream(e))).rejects.toThrow(DamagedZipError);
    await expect(r.verify(e)).rejects.toThrow(DamagedZipError);
    const w = new ZipWriter({ write: () => undefined });
    for (const x of r.entries) w.copy(r, x);
    expect(() => w.finish()).toThrow(/checked/);
    await expect(w.checked()).rejects.toThrow(DamagedZipError);
  });

  test('truncated and garbage deflate data are damage, not an unexpected error and not a zip bomb', async () => {
    const sheet = parts.get('xl/worksheets/sheet1.xml')!;
    const packed = zlib.deflateRawSync(sheet);
    const variants: Array<[string, Buffer, number]> = [
      ['truncated', packed.subarray(0, packed.length >> 1), sheet.length],
      ['garbage', Buffer.from(Array.from({ length: 200 }, (_, i) => (i * 97 + 13) & 0xff)), sheet.length],
      ['more than declared', packed, 10],
    ];
    for (const [, data, size] of variants) {
      const chunks: Buffer[] = [];
      const w = new ZipWriter({ write: (b) => chunks.push(b) });
      (w as unknown as { add: (...args: unknown[]) => void }).add(
        { name: 'x.xml', method: 8, flags: 0, time: 0, date: 33, crc: zlib.crc32(sheet) >>> 0, size, versionMadeBy: 20, externalAttributes: 0 },
        [data],
        data.length,
      );
      w.finish();
      const r = new ZipReader(Buffer.concat(chunks), 'invoer.xlsx');
      const e = r.get('x.xml')!;
      expect(() => r.read(e)).toThrow(
        /^Het bestand invoer\.xlsx is beschadigd \(onderdeel x\.xml: de (gecomprimeerde gegevens zijn onleesbaar|uitgepakte grootte klopt niet)\)/,
      );
      await expect(drain(r.stream(e))).rejects.toThrow(DamagedZipError);
      await expect(drain(r.stream(e))).rejects.not.toThrow(/zip-bom/);
    }
  });

  test('a local header that disagrees with the central directory (name, method, checksum, size) is refused', () => {
    const zip = ourZip(parts, { deflate: true });
    const offset = new ZipReader(zip).get('xl/styles.xml')!.offset;
    const fields = { method: 8, crc: 14, size: 22, name: 30 };
    for (const at of Object.values(fields)) {
      const damaged = Buffer.from(zip);
      damaged[offset + at] ^= 0x02;
      const r = new ZipReader(damaged);
      expect(() => r.read(r.get('xl/styles.xml')!)).toThrow(/onderdeel xl\/styles\.xml: .* in de kop wijkt af van de inhoudsopgave/);
    }
  });

  test('with data descriptors, a size damaged in the central directory is damage (not a zip bomb)', () => {
    const zip = pythonZip(path.join(dir, 'descriptors.zip'), 'stream');
    const r = new ZipReader(zip);
    const e = r.get('xl/worksheets/sheet1.xml')!;
    const central = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), findCentralDirectory(zip));
    let p = central;
    while (!zip.subarray(p + 46, p + 46 + zip.readUInt16LE(p + 28)).equals(e.nameBytes))
      p += 46 + zip.readUInt16LE(p + 28) + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
    for (const [field, value] of [
      [20, 3],
      [24, 500 * 1024 * 1024],
    ]) {
      const damaged = Buffer.from(zip);
      damaged.writeUInt32LE(value, p + field);
      const d = new ZipReader(damaged);
      expect(() => d.read(d.get('xl/worksheets/sheet1.xml')!)).toThrow(
        /werkblad xl\/worksheets\/sheet1\.xml: controlegetal of grootte achter de gegevens wijkt af/,
      );
    }
  });

  test('a file cut short is refused as damaged', () => {
    const zip = ourZip(parts, { deflate: true });
    const cut = zip.subarray(0, zip.length - 200);
    expect(() => new ZipReader(Buffer.concat([cut, zip.subarray(zip.length - 22)]))).toThrow(DamagedZipError);
  });
});

describe('read from a file by offsets, written through a temporary file', () => {
  test('a flipped bit and a file cut short are refused when read from a file as from memory', async () => {
    const zip = ourZip(parts, { deflate: true });
    const file = path.join(dir, 'bit.xlsx');
    fs.writeFileSync(file, flipBit(zip, 'xl/worksheets/sheet1.xml'));
    await expect((await XlsxWorkbook.fromFile(file)).readSheet('Blad')).rejects.toThrow(DamagedZipError);
    // a file cut short by another program during the run, after its central directory was read
    fs.writeFileSync(file, zip);
    const fromFile = new ZipReader(FileSource.open(file));
    const { start, length } = dataOffset(zip, 'xl/worksheets/sheet1.xml');
    fs.truncateSync(file, start + Math.floor(length / 2));
    await expect(fromFile.verify(fromFile.get('xl/worksheets/sheet1.xml')!)).rejects.toThrow(
      /is beschadigd \(werkblad xl\/worksheets\/sheet1\.xml valt buiten/,
    );
  });

  test('a part larger than the spool threshold is kept in a temporary file, with the same bytes, crc and size as one in memory', async () => {
    // text that deflates to more than a few kilobytes: numbers that do not repeat
    const text = Array.from({ length: 20_000 }, (_, i) => `<v>${(i * 7919) % 100_003}.${i % 97}</v>`).join('');
    const inMemory = new DeflatedPart();
    const spooled = new DeflatedPart(4_096);
    for (let i = 0; i < text.length; i += 10_000) {
      await inMemory.write(text.slice(i, i + 10_000));
      await spooled.write(text.slice(i, i + 10_000));
    }
    await Promise.all([inMemory.end(), spooled.end()]);
    expect(spooled.compressedSize).toBeGreaterThan(4_096 * 4);
    const bytes = (p: DeflatedPart) => Buffer.concat([...p.compressed()]);
    expect(Array.isArray(spooled.compressed())).toBe(false); // read back from the file, not held
    expect(bytes(spooled).equals(bytes(inMemory))).toBe(true);
    expect([spooled.crc, spooled.size, spooled.compressedSize]).toEqual([inMemory.crc, inMemory.size, inMemory.compressedSize]);
    expect(zlib.inflateRawSync(bytes(spooled)).toString()).toBe(text);
    // read again (a part written is read back when a sheet is read after writing): the same bytes
    expect(bytes(spooled).equals(bytes(inMemory))).toBe(true);
    // nothing of the spool is left in the temporary folder: the file was removed as soon as it was opened
    expect(fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith(`tariefwijzer-${process.pid}-`))).toEqual([]);
  });

  test('the compressor works beside the writer (slabs in flight), and a temporary file that cannot be made stops the writing, never hangs it', async () => {
    // bytes that do not compress: every slab of 1 MB gives 1 MB to keep, past the spool threshold at once
    const noise = crypto.randomBytes(6 * 1024 * 1024).toString('latin1');
    const ok = new DeflatedPart(4_096, 'latin1');
    for (let i = 0; i < noise.length; i += 64 * 1024) await ok.write(noise.slice(i, i + 64 * 1024));
    await ok.end();
    expect(zlib.inflateRawSync(Buffer.concat([...ok.compressed()])).equals(Buffer.from(noise, 'latin1'))).toBe(true);
    const open = fs.openSync;
    const full = jest.spyOn(fs, 'openSync').mockImplementation((file, ...rest) => {
      if (String(file).includes('tariefwijzer-')) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      return open(file, ...rest);
    });
    try {
      const part = new DeflatedPart(4_096, 'latin1');
      const writing = (async () => {
        for (let i = 0; i < noise.length; i += 64 * 1024) await part.write(noise.slice(i, i + 64 * 1024));
        await part.end();
      })();
      await expect(writing).rejects.toThrow(/ENOSPC/);
      expect(full).toHaveBeenCalled();
    } finally {
      full.mockRestore();
    }
  });

  test('a sink that writes each chunk at once gets a spooled part in one reused buffer, the same bytes as a sink that keeps them', async () => {
    // more than one read-back chunk (1 MB): numbers that do not repeat deflate to ≈ 3 bytes a number
    const text = Array.from({ length: 600_000 }, (_, i) => `<v>${(i * 7919) % 1_000_003}</v>`).join('');
    const part = new DeflatedPart(4_096);
    for (let i = 0; i < text.length; i += 100_000) await part.write(text.slice(i, i + 100_000));
    await part.end();
    expect(part.compressedSize).toBeGreaterThan(2 * 1024 * 1024);
    const write = (writesNow: boolean) => {
      const copies: Buffer[] = [];
      const memory = new Set<ArrayBufferLike>();
      const w = new ZipWriter({ write: (b) => void (copies.push(Buffer.from(b)), memory.add(b.buffer)), writesNow });
      w.deflated('xl/worksheets/sheet1.xml', part);
      w.finish();
      return { bytes: Buffer.concat(copies), memory };
    };
    const now = write(true);
    const kept = write(false);
    expect(now.bytes.equals(kept.bytes)).toBe(true);
    expect(zlib.inflateRawSync(new ZipReader(now.bytes).raw(new ZipReader(now.bytes).get('xl/worksheets/sheet1.xml')!)).toString()).toBe(text);
    // three or more 1 MB chunks of data: one buffer for all of them (plus the headers') against one each
    expect(kept.memory.size - now.memory.size).toBeGreaterThanOrEqual(2);
  });
});

describe('names', () => {
  test('two entries with the same name, also differing only in case, are refused', () => {
    const styles = parts.get('xl/styles.xml')!;
    expect(() => new ZipReader(ourZip([...parts, ['xl/styles.xml', styles]]))).toThrow(/beschadigd \(onderdeel xl\/styles\.xml komt twee keer voor\)/);
    expect(() => new ZipReader(ourZip([...parts, ['XL/Styles.xml', styles]]))).toThrow(/komt twee keer voor \(ook als xl\/styles\.xml\)/);
  });

  test('a part is found as OPC compares part names: in any case, and in its IRI or URI form (partKey)', () => {
    const sheet = parts.get('xl/styles.xml')!;
    const r = new ZipReader(ourZip([...parts, ['xl/worksheets/Bl%C3%A4d%201.xml', sheet]]));
    for (const asked of ['xl/worksheets/Bl%C3%A4d%201.xml', 'xl/worksheets/bläd 1.xml', 'XL/Worksheets/BL%c3%a4D%201.XML'])
      expect(r.partName(asked)).toBe('xl/worksheets/Bl%C3%A4d%201.xml');
    expect(r.get('xl/STYLES.xml')?.name).toBe('xl/styles.xml');
    // not the same part: another letter beyond ASCII is not a case of it (OPC compares case in ASCII only)
    expect(r.get('xl/worksheets/BLÄD 1.xml')).toBeUndefined();
    expect(r.partName('xl/worksheets/nieuw.xml')).toBe('xl/worksheets/nieuw.xml');
    // an escape that is no UTF-8 stays as it is
    expect(partKey('xl/a%E4b.xml')).toBe('xl/a%e4b.xml');
    // two spellings of one part name in a package: refused, as two equal names are
    expect(() => new ZipReader(ourZip([...parts, ['xl/a%20b.xml', sheet], ['xl/A B.xml', sheet]]))).toThrow(/komt twee keer voor \(ook als xl\/a%20b\.xml\)/);
  });

  test('a name in a legacy code page (no flag bit 11, not UTF-8) is kept byte for byte, and its flag too', async () => {
    // "Café Ü.txt" in code page 437: é = 0x82, Ü = 0x9A; not valid UTF-8
    const legacy = Buffer.concat([Buffer.from('xl/Caf'), Buffer.from([0x82]), Buffer.from(' '), Buffer.from([0x9a]), Buffer.from('.txt')]);
    const zip = ourZip([...parts, [legacy, Buffer.from('notitie')]], { deflate: true });
    const r = new ZipReader(zip);
    const entry = r.entries.find((e) => e.nameBytes.equals(legacy))!;
    expect(entry.name).toBe('xl/Café Ü.txt');
    expect(entry.flags & 0x0800).toBe(0);

    const wb = await XlsxWorkbook.fromBuffer(zip);
    await wb.writeBlock({ sheet: 'Blad', headerRow: 0, firstColumn: 3, headers: ['Uit'], values: [['a'], ['b']], numberFormats: [undefined] });
    const out = new ZipReader(await wb.toBuffer());
    const copied = out.entries.find((e) => e.name === 'xl/Café Ü.txt')!;
    expect(copied.nameBytes.equals(legacy)).toBe(true);
    expect(copied.flags & 0x0800).toBe(0);
    expect(out.read(copied).toString()).toBe('notitie');
    // every other copied entry keeps its flags as well; the rewritten sheet is UTF-8 and says so
    for (const e of r.entries) if (e.name !== 'xl/worksheets/sheet1.xml') expect(out.get(e.name)!.flags).toBe(e.flags & ~0x0008);
  });

  test('names: flag bit 11 means UTF-8; without it, valid UTF-8 is taken as such and anything else as code page 437', () => {
    expect(decodeName(Buffer.from('blad é.xml'), 0x0800)).toBe('blad é.xml');
    expect(decodeName(Buffer.from('blad é.xml'), 0)).toBe('blad é.xml');
    expect(decodeName(Buffer.from([0x80, 0x81, 0xe1, 0xff]), 0)).toBe('Çüß\u00a0');
  });
});

test('a zip that is not an Excel workbook is not a zip error', () => {
  expect(() => new ZipReader(Buffer.from('geen zip'))).toThrow(ZipError);
  expect(() => new ZipReader(Buffer.from('geen zip'))).not.toThrow(DamagedZipError);
});

async function drain(chunks: AsyncIterable<Buffer>): Promise<number> {
  let n = 0;
  for await (const c of chunks) n += c.length;
  return n;
}

test('a part written as byte text refuses a character above U+00FF in the tests (CHECK_BYTE_TEXT), and writes its bytes as they are', async () => {
  expect(process.env[CHECK_BYTE_TEXT]).toBe('1'); // test/setup.ts
  const bytes = new DeflatedPart(undefined, 'latin1');
  expect(() => bytes.write('<t>€ 83,22</t>')).toThrow(/boven U\+00FF/);
  await bytes.write(toByteText('<t>€ 83,22 – é</t>'));
  const part = await bytes.end();
  expect(zlib.inflateRawSync(Buffer.concat([...part.compressed()])).toString('utf8')).toBe('<t>€ 83,22 – é</t>');
  // text as UTF-8 takes any character
  const text = new DeflatedPart();
  await text.write('<t>€</t>');
  expect(zlib.inflateRawSync(Buffer.concat([...(await text.end()).compressed()])).toString('utf8')).toBe('<t>€</t>');
});
