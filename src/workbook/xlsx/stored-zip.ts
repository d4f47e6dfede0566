/**
 * A zip package in the browser, with nothing from node: every entry stored (method 0, no compression) with its
 * CRC-32, for the pane's bijlage as a new workbook (Excel.createWorkbook takes the .xlsx as base64). The CLI keeps
 * zip.ts (deflate). Format: PKWARE APPNOTE.TXT 6.3.x, 4.3.7 (local header), 4.3.12 (central directory), 4.3.16
 * (end of central directory); fixed time stamp 1980-01-01 00:00, so the same parts give the same bytes.
 */

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 as zip uses it (ISO 3309, polynomial 0xEDB88320 reflected). */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01

interface Entry {
  name: Uint8Array;
  data: Uint8Array;
  crc: number;
  offset: number;
}

function header(size: number): [Uint8Array, DataView] {
  const bytes = new Uint8Array(size);
  return [bytes, new DataView(bytes.buffer)];
}

function localHeader(e: Entry): Uint8Array {
  const [bytes, v] = header(30 + e.name.length);
  v.setUint32(0, 0x04034b50, true);
  v.setUint16(4, 20, true); // version needed: 2.0
  v.setUint16(6, 0x0800, true); // names in UTF-8
  v.setUint16(8, 0, true); // stored
  v.setUint16(10, 0, true);
  v.setUint16(12, DOS_DATE, true);
  v.setUint32(14, e.crc, true);
  v.setUint32(18, e.data.length, true);
  v.setUint32(22, e.data.length, true);
  v.setUint16(26, e.name.length, true);
  bytes.set(e.name, 30);
  return bytes;
}

function centralHeader(e: Entry): Uint8Array {
  const [bytes, v] = header(46 + e.name.length);
  v.setUint32(0, 0x02014b50, true);
  v.setUint16(4, 20, true);
  v.setUint16(6, 20, true);
  v.setUint16(8, 0x0800, true);
  v.setUint16(12, 0, true);
  v.setUint16(14, DOS_DATE, true);
  v.setUint32(16, e.crc, true);
  v.setUint32(20, e.data.length, true);
  v.setUint32(24, e.data.length, true);
  v.setUint16(28, e.name.length, true);
  v.setUint32(42, e.offset, true);
  bytes.set(e.name, 46);
  return bytes;
}

function endRecord(count: number, size: number, offset: number): Uint8Array {
  const [bytes, v] = header(22);
  v.setUint32(0, 0x06054b50, true);
  v.setUint16(8, count, true);
  v.setUint16(10, count, true);
  v.setUint32(12, size, true);
  v.setUint32(16, offset, true);
  return bytes;
}

/** A zip of these text parts (UTF-8), stored. A bijlage is far below zip64's 4 GB and 65535 entries. */
export function storedZip(parts: ReadonlyArray<readonly [string, string]>): Uint8Array {
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  const entries: Entry[] = [];
  let offset = 0;
  for (const [name, text] of parts) {
    const data = encoder.encode(text);
    const entry: Entry = { name: encoder.encode(name), data, crc: crc32(data), offset };
    const local = localHeader(entry);
    chunks.push(local, data);
    entries.push(entry);
    offset += local.length + data.length;
  }
  const central = entries.map(centralHeader);
  const centralSize = central.reduce((n, c) => n + c.length, 0);
  chunks.push(...central, endRecord(entries.length, centralSize, offset));
  const out = new Uint8Array(offset + centralSize + 22);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Base64 of bytes without Buffer (btoa takes a binary string; chunked so a long argument list never overflows). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
