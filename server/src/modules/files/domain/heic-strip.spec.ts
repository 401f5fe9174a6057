import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseExif } from 'exifr';
import { builtHeif, BuiltHeifOptions, BUILT_XMP, realHeic } from '../../../../test/support/heic';
import { stripMetadata } from './exif-strip';
import { heifMetadataItems, stripHeifMetadata } from './heic-strip';

// Oracles independent of our parser: ExifTool (Perl, from exiftool-vendored.pl) reads GPS / Make / XMP and validates
// the structure; libheif (heic-decode, WebAssembly) decodes the pixels of the real file before and after.
const EXIFTOOL = require.resolve('exiftool-vendored.pl/bin/exiftool');
const dir = mkdtempSync(join(tmpdir(), 'hrlink-heic-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function exiftool(bytes: Buffer, ...args: string[]): Record<string, unknown> {
  const file = join(dir, `${n++}.heic`);
  writeFileSync(file, bytes);
  const out = execFileSync('perl', [EXIFTOOL, '-j', '-G1', '-a', ...args, file], { encoding: 'utf8' });
  const [tags] = JSON.parse(out) as Record<string, unknown>[];
  delete tags.SourceFile;
  return tags;
}
const metadataTags = (bytes: Buffer) => exiftool(bytes, '-n', '-GPS:all', '-XMP:all', '-IFD0:all', '-ExifIFD:all', '-warning', '-error');

async function pixels(bytes: Buffer): Promise<{ width: number; height: number; data: Buffer }> {
  const decode = require('heic-decode') as (o: { buffer: Buffer }) => Promise<{ width: number; height: number; data: Uint8ClampedArray }>;
  const img = await decode({ buffer: bytes });
  return { width: img.width, height: img.height, data: Buffer.from(img.data) };
}

describe('HEIC/HEIF metadata stripping', () => {
  it('a real HEIC (heif-enc + ExifTool): EXIF GPS and XMP GPS gone, same length, still valid, same pixels', async () => {
    const heic = realHeic();
    const before = metadataTags(heic);
    expect(before).toMatchObject({ 'GPS:GPSLatitude': 31.2333, 'GPS:GPSLongitude': 121.4667, 'XMP-exif:GPSLatitude': 31.2333, 'IFD0:Make': 'HRLINKCAM' });
    expect(await parseExif(heic, { gps: true })).toMatchObject({ Make: 'HRLINKCAM', latitude: expect.closeTo(31.2333, 3) });

    const out = stripMetadata('image/heic', heic);
    expect(out.length).toBe(heic.length);
    expect(metadataTags(out)).toEqual({});
    expect(exiftool(out, '-validate', '-warning', '-error')).toEqual({ 'ExifTool:Validate': 'OK' });
    expect(out.includes(Buffer.from('HRLINKCAM'))).toBe(false);
    expect(out.includes(Buffer.from('GPSLatitude'))).toBe(false);
    expect(await parseExif(out, { gps: true }).catch(() => undefined)).toBeFalsy();
    // Only the metadata item bytes changed; the input buffer is not modified.
    const changed = [...out.keys()].filter((i) => out[i] !== heic[i]);
    const items = heifMetadataItems(heic);
    const inItems = (i: number) => items.some((it) => it.extents.some((x) => i >= x.offset && i < x.offset + x.length));
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.every(inItems)).toBe(true);
    expect(realHeic().equals(heic)).toBe(true);

    const a = await pixels(heic);
    const b = await pixels(out);
    expect([b.width, b.height]).toEqual([16, 16]);
    expect(b.data.equals(a.data)).toBe(true);
  });

  it('the stripped copy is stable: stripping it again changes nothing', () => {
    const once = stripHeifMetadata(realHeic());
    expect(stripHeifMetadata(once).equals(once)).toBe(true);
  });

  it.each<[string, BuiltHeifOptions]>([
    ['iloc v0, Exif in mdat', { ilocVersion: 0 }],
    ['iloc v1, Exif in idat (construction method 1), XMP item', { ilocVersion: 1, exifInIdat: true, xmp: true }],
    ['iloc v2, Exif split over two extents, infe v3, "Exif\\0\\0" prefix', { ilocVersion: 2, splitExif: true, infeVersion: 3, exifPrefix: true }],
  ])('built layout — %s: ExifTool reads GPS before, nothing after', (_name, opts) => {
    const heif = builtHeif(opts);
    expect(metadataTags(heif)).toMatchObject({ 'GPS:GPSLatitude': expect.closeTo(31.2333, 3), 'IFD0:Make': 'HRLINKCAM' });
    const out = stripHeifMetadata(heif);
    expect(out.length).toBe(heif.length);
    expect(metadataTags(out)).toEqual({});
    expect(out.includes(Buffer.from('HRLINKCAM'))).toBe(false);
    // The image item's bytes are untouched.
    expect(out.includes(Buffer.alloc(40, 0xab))).toBe(true);
    if (opts.xmp) expect(out.includes(Buffer.from(BUILT_XMP))).toBe(false);
  });

  it('the blanked Exif item is an empty TIFF, the XMP item an empty packet of the same length', () => {
    const heif = builtHeif({ ilocVersion: 1, xmp: true });
    const out = stripHeifMetadata(heif);
    const [exif, xmp] = heifMetadataItems(out);
    const exifBytes = out.subarray(exif.extents[0].offset, exif.extents[0].offset + exif.extents[0].length);
    expect(exifBytes.subarray(0, 18).toString('hex')).toBe('000000004d4d002a000000080000' + '00000000');
    expect(exifBytes.subarray(18).every((b) => b === 0)).toBe(true);
    const xmpText = out.toString('latin1', xmp.extents[0].offset, xmp.extents[0].offset + xmp.extents[0].length);
    expect(xmpText).toMatch(/^<\?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"\?><x:xmpmeta xmlns:x="adobe:ns:meta\/"\/> +<\?xpacket end="w"\?>$/);
    expect(xmpText.length).toBe(Buffer.byteLength(BUILT_XMP));
  });

  it('a HEIF without metadata items is returned byte for byte', () => {
    const heif = builtHeif({ noExif: true });
    expect(heifMetadataItems(heif)).toEqual([]);
    expect(stripHeifMetadata(heif).equals(heif)).toBe(true);
  });

  it('what it cannot account for throws (never served unstripped): truncation, extents outside, sequences, no meta', () => {
    const heif = builtHeif();
    expect(() => stripHeifMetadata(heif.subarray(0, heif.length - 20))).toThrow(/HEIF/);
    // Exif extent length pointed past the end of the file.
    const [item] = heifMetadataItems(heif);
    const bad = Buffer.from(heif);
    const entry = Buffer.alloc(8);
    entry.writeUInt32BE(item.extents[0].offset, 0); entry.writeUInt32BE(item.extents[0].length, 4);
    const at = bad.indexOf(entry); // the iloc extent (offset, length) of the Exif item
    expect(at).toBeGreaterThan(0);
    bad.writeUInt32BE(heif.length, at + 4);
    expect(() => stripHeifMetadata(bad)).toThrow(/outside the file/);
    // An image sequence (moov box) and a file without meta.
    const moov = Buffer.concat([heif, Buffer.from([0, 0, 0, 8]), Buffer.from('moov', 'latin1')]);
    expect(() => stripHeifMetadata(moov)).toThrow(/sequences/);
    const ftypOnly = heif.subarray(0, heif.readUInt32BE(0));
    expect(() => stripHeifMetadata(ftypOnly)).toThrow(/meta/);
    expect(() => stripMetadata('image/gif', heif)).toThrow();
  });
});
