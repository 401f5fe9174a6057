/**
 * Real image bytes built in code (no fixtures): a valid 8×8 grey baseline JPEG (one component, one DC and one AC
 * Huffman code: DC diff 0, EOB) with an optional EXIF APP1 segment (Make, Model, DateTimeOriginal, GPS), a 1×1 PNG with
 * an eXIf chunk, and a WebP (VP8X + EXIF + VP8L) shell.
 */
const seg = (marker: number, body: Buffer) => {
  const head = Buffer.alloc(4);
  head.writeUInt16BE(0xff00 | marker, 0);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
};

/** Little-endian TIFF: IFD0 {Make, Model, ExifIFD, GPSIFD}, ExifIFD {DateTimeOriginal}, GPS {lat 31°14'N, lng 121°28'E}. */
export function exifTiff(): Buffer {
  const b = Buffer.alloc(400);
  b.write('II', 0, 'latin1'); b.writeUInt16LE(42, 2); b.writeUInt32LE(8, 4);
  let heap = 200; // values that do not fit in 4 bytes go here
  const put = (s: string | Buffer) => { const at = heap; const buf = typeof s === 'string' ? Buffer.from(s + '\0', 'latin1') : s; buf.copy(b, at); heap += buf.length + (buf.length & 1); return at; };
  const ifd = (at: number, entries: [number, number, number, number][]) => {
    b.writeUInt16LE(entries.length, at);
    entries.forEach(([tag, type, count, value], i) => {
      const e = at + 2 + i * 12;
      b.writeUInt16LE(tag, e); b.writeUInt16LE(type, e + 2); b.writeUInt32LE(count, e + 4); b.writeUInt32LE(value, e + 8);
    });
    b.writeUInt32LE(0, at + 2 + entries.length * 12);
    return at + 2 + entries.length * 12 + 4;
  };
  const rationals = (...pairs: [number, number][]) => { const r = Buffer.alloc(pairs.length * 8); pairs.forEach(([n, d], i) => { r.writeUInt32LE(n, i * 8); r.writeUInt32LE(d, i * 8 + 4); }); return r; };
  const make = put('HRLINKCAM'); const model = put('Test 1');
  const date = put('2026:11:20 09:15:30');
  const lat = put(rationals([31, 1], [14, 1], [0, 1])); const lng = put(rationals([121, 1], [28, 1], [0, 1]));
  const exifAt = 100; const gpsAt = 130;
  ifd(8, [[0x010f, 2, 10, make], [0x0110, 2, 7, model], [0x8769, 4, 1, exifAt], [0x8825, 4, 1, gpsAt]]);
  ifd(exifAt, [[0x9003, 2, 20, date]]);
  const N = 'N'.charCodeAt(0); const E = 'E'.charCodeAt(0);
  ifd(gpsAt, [[0x0001, 2, 2, N], [0x0002, 5, 3, lat], [0x0003, 2, 2, E], [0x0004, 5, 3, lng]]);
  return b.subarray(0, heap);
}

export function tinyJpeg(opts: { exif?: boolean; padTo?: number } = {}): Buffer {
  const parts: Buffer[] = [Buffer.from([0xff, 0xd8])];
  parts.push(seg(0xe0, Buffer.concat([Buffer.from('JFIF\0', 'latin1'), Buffer.from([1, 1, 0, 0, 1, 0, 1, 0, 0])])));
  if (opts.exif) parts.push(seg(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), exifTiff()])));
  parts.push(seg(0xdb, Buffer.concat([Buffer.from([0x00]), Buffer.alloc(64, 1)]))); // DQT 0, all ones
  parts.push(seg(0xc0, Buffer.from([8, 0, 8, 0, 8, 1, 1, 0x11, 0]))); // SOF0 8×8, 1 component
  const counts = (n: number) => { const c = Buffer.alloc(16); c[0] = n; return c; };
  parts.push(seg(0xc4, Buffer.concat([Buffer.from([0x00]), counts(1), Buffer.from([0x00])]))); // DC table 0: '0' → cat 0
  parts.push(seg(0xc4, Buffer.concat([Buffer.from([0x10]), counts(1), Buffer.from([0x00])]))); // AC table 0: '0' → EOB
  if (opts.padTo) {
    // A comment segment (≤ 65533 bytes each) to reach a size, e.g. for the upload limit.
    let size = parts.reduce((n, p) => n + p.length, 0) + 10 + 1 + 2;
    while (size < opts.padTo) { const n = Math.min(65000, opts.padTo - size); parts.push(seg(0xfe, Buffer.alloc(n, 0x20))); size += n + 4; }
  }
  parts.push(seg(0xda, Buffer.from([1, 1, 0x00, 0, 63, 0]))); // SOS
  parts.push(Buffer.from([0x3f])); // bits 00 (DC 0, EOB) + 1-padding
  parts.push(Buffer.from([0xff, 0xd9]));
  return Buffer.concat(parts);
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) { c ^= byte; for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1)); }
  return ~c >>> 0;
}
const pngChunk = (type: string, data: Buffer) => {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
};

/** 1×1 grey PNG (stored deflate block) with an eXIf chunk when asked. */
export function tinyPng(opts: { exif?: boolean } = {}): Buffer {
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
  const raw = Buffer.from([0, 0x80]); // filter 0, one grey pixel
  const zlib = require('node:zlib') as typeof import('node:zlib');
  const idat = zlib.deflateSync(raw);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    ...(opts.exif ? [pngChunk('eXIf', exifTiff())] : []),
    pngChunk('IDAT', idat),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

const riff = (type: string, data: Buffer) => {
  const h = Buffer.alloc(8); h.write(type, 0, 'latin1'); h.writeUInt32LE(data.length, 4);
  return Buffer.concat([h, data, data.length & 1 ? Buffer.alloc(1) : Buffer.alloc(0)]);
};

/** WebP extended container: VP8X (EXIF flag) + EXIF + a 1×1 VP8L bitstream. */
export function tinyWebp(opts: { exif?: boolean } = {}): Buffer {
  const vp8x = Buffer.alloc(10); vp8x[0] = opts.exif ? 0x08 : 0; // canvas 1×1 (stored minus one → zeros)
  const vp8l = Buffer.from([0x2f, 0x00, 0x00, 0x00, 0x00, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xfe, 0x07, 0x00]);
  const body = Buffer.concat([riff('VP8X', vp8x), ...(opts.exif ? [riff('EXIF', exifTiff())] : []), riff('VP8L', vp8l)]);
  const head = Buffer.alloc(12); head.write('RIFF', 0, 'latin1'); head.writeUInt32LE(body.length + 4, 4); head.write('WEBP', 8, 'latin1');
  return Buffer.concat([head, body]);
}
