import { stripHeifMetadata } from './heic-strip';

/**
 * Removing location and camera metadata from what non-HR viewers get. Pure functions on bytes; a malformed JPEG / PNG /
 * WebP / HEIF throws so that the caller never serves unstripped bytes by accident. HEIC/HEIF: see `heic-strip.ts`.
 */

/** JPEG: drops every APP1 segment (EXIF and XMP both live there; GPS is in EXIF). Everything else byte for byte. */
export function stripJpegExif(buf: Buffer): Buffer {
  if (buf.length < 4 || buf[0] !== 0xff || buf[1] !== 0xd8) throw new Error('not a JPEG');
  const out: Buffer[] = [buf.subarray(0, 2)];
  let i = 2;
  while (i < buf.length) {
    if (buf[i] !== 0xff) throw new Error(`bad JPEG marker at ${i}`);
    const marker = buf[i + 1];
    if (marker === 0xff) { i++; continue; } // fill byte
    // Start of scan: the rest (entropy-coded data, further markers, EOI) is copied as is.
    if (marker === 0xda || marker === 0xd9) { out.push(buf.subarray(i)); break; }
    // Markers without a length.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { out.push(buf.subarray(i, i + 2)); i += 2; continue; }
    if (i + 4 > buf.length) throw new Error('truncated JPEG segment');
    const len = buf.readUInt16BE(i + 2);
    const end = i + 2 + len;
    if (len < 2 || end > buf.length) throw new Error('bad JPEG segment length');
    if (marker !== 0xe1) out.push(buf.subarray(i, end));
    i = end;
  }
  return Buffer.concat(out);
}

/** True when the JPEG still holds an APP1 segment before its scan (tests and a safety check). */
export function jpegHasApp1(buf: Buffer): boolean {
  let i = 2;
  while (i + 4 <= buf.length && buf[i] === 0xff) {
    const marker = buf[i + 1];
    if (marker === 0xda || marker === 0xd9) return false;
    if (marker === 0xe1) return true;
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { i += 2; continue; }
    i += 2 + buf.readUInt16BE(i + 2);
  }
  return false;
}

/** PNG: drops eXIf chunks (and textual zTXt/tEXt/iTXt, where "Raw profile type exif" and XMP hide). */
export function stripPngExif(buf: Buffer): Buffer {
  const out: Buffer[] = [buf.subarray(0, 8)];
  let i = 8;
  while (i + 12 <= buf.length) {
    const len = buf.readUInt32BE(i);
    const type = buf.toString('latin1', i + 4, i + 8);
    const end = i + 12 + len;
    if (end > buf.length) throw new Error('bad PNG chunk length');
    if (!['eXIf', 'tEXt', 'zTXt', 'iTXt'].includes(type)) out.push(buf.subarray(i, end));
    i = end;
    if (type === 'IEND') break;
  }
  return Buffer.concat(out);
}

/** WebP (extended format): drops EXIF and XMP chunks and clears their flags in VP8X; fixes the RIFF size. */
export function stripWebpExif(buf: Buffer): Buffer {
  const chunks: Buffer[] = [];
  let i = 12;
  while (i + 8 <= buf.length) {
    const type = buf.toString('latin1', i, i + 4);
    const len = buf.readUInt32LE(i + 4);
    const end = i + 8 + len + (len & 1);
    if (i + 8 + len > buf.length) throw new Error('bad WebP chunk length');
    if (type !== 'EXIF' && type !== 'XMP ') {
      const chunk = Buffer.from(buf.subarray(i, Math.min(end, buf.length)));
      if (type === 'VP8X' && chunk.length > 8) chunk[8] &= ~(0x08 | 0x04); // EXIF and XMP flags
      chunks.push(chunk);
    }
    i = end;
  }
  const body = Buffer.concat(chunks);
  const head = Buffer.from(buf.subarray(0, 12));
  head.writeUInt32LE(body.length + 4, 4);
  return Buffer.concat([head, body]);
}

/**
 * The bytes a non-HR viewer gets. HEIC/HEIF: the Exif and XMP items are blanked in place (`stripHeifMetadata`).
 * Any other type throws: there is no unstripped fallback.
 */
export function stripMetadata(contentType: string, buf: Buffer): Buffer {
  switch (contentType) {
    case 'image/jpeg': return stripJpegExif(buf);
    case 'image/png': return stripPngExif(buf);
    case 'image/webp': return stripWebpExif(buf);
    case 'image/heic':
    case 'image/heif': return stripHeifMetadata(buf);
    default: throw new Error(`no metadata stripping for ${contentType}`);
  }
}
