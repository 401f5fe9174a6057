import { parse as parseExif } from 'exifr';
import { tinyJpeg, tinyPng, tinyWebp } from '../../../../test/support/images';
import { jpegHasApp1, stripJpegExif, stripMetadata, stripPngExif, stripWebpExif } from './exif-strip';
import { sniffImage } from './magic';
import { signGrant, verifyGrant } from './url-token';
import { fileAccess } from './visibility';

describe('sniffImage (magic bytes)', () => {
  it('recognises JPEG, PNG, WebP, HEIC by content', () => {
    expect(sniffImage(tinyJpeg())).toBe('image/jpeg');
    expect(sniffImage(tinyPng())).toBe('image/png');
    expect(sniffImage(tinyWebp())).toBe('image/webp');
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic\0\0\0\0mif1heic', 'latin1')]);
    expect(sniffImage(heic)).toBe('image/heic');
    expect(sniffImage(Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmif1', 'latin1')]))).toBe('image/heif');
  });
  it('refuses text, a GIF, an MP4 (ftyp isom), a RIFF that is not WebP, and short input', () => {
    expect(sniffImage(Buffer.from('hello, I am a .jpg'))).toBeNull();
    expect(sniffImage(Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'))).toBeNull();
    expect(sniffImage(Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom', 'latin1')]))).toBeNull();
    expect(sniffImage(Buffer.from('RIFF\x10\0\0\0WAVEfmt ', 'latin1'))).toBeNull();
    expect(sniffImage(Buffer.from([0xff, 0xd8]))).toBeNull();
    expect(sniffImage(Buffer.alloc(0))).toBeNull();
  });
});

describe('EXIF stripping', () => {
  it('JPEG: the APP1 segment is gone, every other byte kept in order', async () => {
    const withExif = tinyJpeg({ exif: true });
    const plain = tinyJpeg();
    expect(jpegHasApp1(withExif)).toBe(true);
    expect((await parseExif(withExif, { gps: true }))).toMatchObject({ Make: 'HRLINKCAM', latitude: expect.closeTo(31.2333, 3) });
    const stripped = stripJpegExif(withExif);
    expect(jpegHasApp1(stripped)).toBe(false);
    expect(stripped.equals(plain)).toBe(true);
    expect(await parseExif(stripped, { gps: true }).catch(() => undefined)).toBeFalsy();
    expect(stripped.includes(Buffer.from('HRLINKCAM'))).toBe(false);
  });
  it('JPEG without APP1 is returned byte for byte; garbage throws', () => {
    expect(stripJpegExif(tinyJpeg()).equals(tinyJpeg())).toBe(true);
    expect(() => stripJpegExif(Buffer.from([0xff, 0xd8, 0x00, 0x01]))).toThrow();
  });
  it('PNG: eXIf chunk dropped', () => {
    const out = stripPngExif(tinyPng({ exif: true }));
    expect(out.includes(Buffer.from('eXIf'))).toBe(false);
    expect(out.equals(tinyPng())).toBe(true);
  });
  it('WebP: EXIF chunk dropped, VP8X flag cleared, RIFF size fixed', () => {
    const out = stripWebpExif(tinyWebp({ exif: true }));
    expect(out.includes(Buffer.from('EXIF'))).toBe(false);
    expect(out.readUInt32LE(4)).toBe(out.length - 8);
    expect(out.equals(tinyWebp())).toBe(true);
  });
  it('HEIC goes through the ISO-BMFF stripper (heic-strip.spec.ts): garbage throws instead of passing through', () => {
    expect(() => stripMetadata('image/heic', Buffer.from('....ftypheic', 'latin1'))).toThrow(/HEIF/);
  });
});

describe('signed file URLs', () => {
  const secret = 'x'.repeat(32);
  const g = { fileId: 'f1', viewer: 'employee:e1', variant: 's' as const, exp: 1_000_300 };
  it('verifies for the same file before expiry and carries viewer and variant', () => {
    expect(verifyGrant(secret, 'f1', signGrant(secret, g), 1_000_000)).toEqual({ ok: true, grant: g });
  });
  it('refuses another file, an expired token, a changed variant or viewer, another secret', () => {
    const t = signGrant(secret, g);
    expect(verifyGrant(secret, 'f2', t, 1_000_000)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyGrant(secret, 'f1', t, 1_000_300)).toEqual({ ok: false, reason: 'expired' });
    expect(verifyGrant(secret, 'f1', t.replace('.s.', '.o.'), 1_000_000)).toEqual({ ok: false, reason: 'bad_signature' });
    const otherViewer = t.split('.'); otherViewer[2] = Buffer.from('employee:e2').toString('base64url');
    expect(verifyGrant(secret, 'f1', otherViewer.join('.'), 1_000_000)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyGrant('y'.repeat(32), 'f1', t, 1_000_000)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyGrant(secret, 'f1', 'nonsense', 1_000_000)).toEqual({ ok: false, reason: 'malformed' });
  });
});

describe('fileAccess', () => {
  const emp = (id: string, roles: string[] = ['employee']) => ({ kind: 'employee' as const, id, roles });
  it('owner and HR/admin: original; managers up the chain: stripped; anyone else: nothing', () => {
    expect(fileAccess(emp('a'), 'a', ['m1', 'm2'])).toBe('original');
    expect(fileAccess(emp('hr', ['employee', 'hr']), 'a', [])).toBe('original');
    expect(fileAccess({ kind: 'admin', id: 'x', roles: ['admin'] }, 'a', [])).toBe('original');
    expect(fileAccess(emp('m1'), 'a', ['m1', 'm2'])).toBe('stripped');
    expect(fileAccess(emp('m2'), 'a', ['m1', 'm2'])).toBe('stripped');
    expect(fileAccess(emp('peer'), 'a', ['m1', 'm2'])).toBeNull();
    expect(fileAccess({ kind: 'admin', id: 'x', roles: [] }, 'a', [])).toBeNull();
  });
});
