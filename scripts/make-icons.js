#!/usr/bin/env node
/* Draws the Tariefwijzer icon (a white % sign on a teal rounded square) as PNGs in assets/. No dependencies. */
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

function crc32(buf) {
  let c,
    crc = 0xffffffff;
  for (let n = 0; n < buf.length; n++) {
    c = (crc ^ buf[n]) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

function png(size, pixel) {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x, y);
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = r;
      raw[o + 1] = g;
      raw[o + 2] = b;
      raw[o + 3] = a;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  ihdr[10] = 0;
  ihdr[11] = 0;
  ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Coverage of a pixel (supersampled 4×4) by the shape function on the unit square. */
function icon(size) {
  const teal = [0, 110, 120];
  const inShape = (u, v) => {
    const r = 0.18; // corner radius of the tile
    const cx = Math.min(Math.max(u, r), 1 - r),
      cy = Math.min(Math.max(v, r), 1 - r);
    if ((u - cx) ** 2 + (v - cy) ** 2 > r * r) return 0; // outside the tile
    const ring = (x0, y0) => {
      const d = Math.hypot(u - x0, v - y0);
      return d < 0.13 && d > 0.065;
    };
    const d = Math.abs(u - 0.5 + (v - 0.5)) / Math.SQRT2; // distance to the diagonal
    const slash = d < 0.045 && u > 0.2 && u < 0.8;
    return ring(0.31, 0.31) || ring(0.69, 0.69) || slash ? 2 : 1;
  };
  return png(size, (x, y) => {
    let tile = 0,
      white = 0;
    for (let i = 0; i < 4; i++)
      for (let j = 0; j < 4; j++) {
        const s = inShape((x + (i + 0.5) / 4) / size, (y + (j + 0.5) / 4) / size);
        if (s >= 1) tile++;
        if (s === 2) white++;
      }
    if (!tile) return [0, 0, 0, 0];
    const w = white / tile;
    return [
      Math.round(teal[0] + (255 - teal[0]) * w),
      Math.round(teal[1] + (255 - teal[1]) * w),
      Math.round(teal[2] + (255 - teal[2]) * w),
      Math.round((tile / 16) * 255),
    ];
  });
}

const out = path.join(__dirname, '..', 'assets');
fs.mkdirSync(out, { recursive: true });
for (const size of [16, 32, 64, 80, 128]) fs.writeFileSync(path.join(out, `icon-${size}.png`), icon(size));
console.log('assets/icon-{16,32,64,80,128}.png geschreven');
