import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exifTiff } from './images';

/**
 * HEIF test files.
 * - `realHeic()`: a real 16×16 HEIC (libheif heif-enc, x265) to which ExifTool added EXIF (Make HRLINKCAM, GPS
 *   31.2333 N 121.4667 E) and XMP (the same GPS and Make); see test/fixtures/heic/README.md.
 * - `builtHeif(opts)`: an ISO-BMFF HEIF shell built here (ftyp, meta{hdlr, pitm, iinf, iloc, idat?}, mdat) with an hvc1
 *   item of placeholder bytes and an Exif (and optional XMP) item, laid out the ways writers do: iloc version 0/1/2,
 *   Exif in mdat or in idat (construction method 1), split across two extents, infe version 2 or 3.
 */
export function realHeic(): Buffer {
  return readFileSync(join(__dirname, '..', 'fixtures', 'heic', 'gps-xmp-16x16.heic'));
}

const u16 = (n: number) => { const b = Buffer.alloc(2); b.writeUInt16BE(n); return b; };
const u32 = (n: number) => { const b = Buffer.alloc(4); b.writeUInt32BE(n); return b; };
const box = (type: string, ...body: Buffer[]) => Buffer.concat([u32(8 + body.reduce((n, b) => n + b.length, 0)), Buffer.from(type, 'latin1'), ...body]);
const full = (type: string, version: number, ...body: Buffer[]) => box(type, Buffer.from([version, 0, 0, 0]), ...body);
const cstr = (s: string) => Buffer.from(s + '\0', 'utf8');

export interface BuiltHeifOptions {
  ilocVersion?: 0 | 1 | 2;
  /** Exif bytes inside meta/idat (construction method 1; needs ilocVersion ≥ 1) instead of mdat. */
  exifInIdat?: boolean;
  /** Split the Exif payload across two extents. */
  splitExif?: boolean;
  infeVersion?: 2 | 3;
  xmp?: boolean;
  /** Omit the Exif item (a HEIF without metadata). */
  noExif?: boolean;
  /** Exif payload with the "Exif\0\0" prefix (offset 6), as phones write it. */
  exifPrefix?: boolean;
}

export const BUILT_XMP = '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="31,14.0N" exif:GPSLongitude="121,28.0E"/></rdf:RDF></x:xmpmeta><?xpacket end="w"?>';

export function builtHeif(opts: BuiltHeifOptions = {}): Buffer {
  const v = opts.ilocVersion ?? 0;
  const infeV = opts.infeVersion ?? 2;
  if (opts.exifInIdat && v === 0) throw new Error('idat needs iloc version 1 or 2');
  const image = Buffer.alloc(40, 0xab); // placeholder hvc1 bitstream
  const exif = opts.exifPrefix ? Buffer.concat([u32(6), Buffer.from('Exif\0\0', 'latin1'), exifTiff()]) : Buffer.concat([u32(0), exifTiff()]);
  const xmp = Buffer.from(BUILT_XMP, 'utf8');
  const items: { id: number; type: string; contentType?: string; data: Buffer; idat?: boolean }[] = [{ id: 1, type: 'hvc1', data: image }];
  if (!opts.noExif) items.push({ id: 2, type: 'Exif', data: exif, idat: opts.exifInIdat });
  if (opts.xmp) items.push({ id: 3, type: 'mime', contentType: 'application/rdf+xml', data: xmp });

  const infe = (it: (typeof items)[number]) => full('infe', infeV, infeV === 2 ? u16(it.id) : u32(it.id), u16(0), Buffer.from(it.type, 'latin1'), cstr(''),
    ...(it.contentType ? [cstr(it.contentType)] : []));
  const iinf = full('iinf', 0, u16(items.length), ...items.map(infe));
  const idatBody = Buffer.concat(items.filter((i) => i.idat).map((i) => i.data));
  const idat = idatBody.length ? box('idat', idatBody) : Buffer.alloc(0);

  // iloc with 4-byte offsets and lengths, no base offset, index_size 0. File offsets are patched once the layout is known.
  const ilocFor = (mdatDataStart: number) => {
    const rows: Buffer[] = [];
    let inMdat = mdatDataStart; let inIdat = 0;
    for (const it of items) {
      const at = it.idat ? inIdat : inMdat;
      if (it.idat) inIdat += it.data.length; else inMdat += it.data.length;
      const split = it.type === 'Exif' && opts.splitExif;
      const extents = split
        ? [[at, 10], [at + 10, it.data.length - 10]]
        : [[at, it.data.length]];
      rows.push(Buffer.concat([
        v < 2 ? u16(it.id) : u32(it.id),
        ...(v >= 1 ? [u16(it.idat ? 1 : 0)] : []),
        u16(0), // data_reference_index
        u16(extents.length),
        ...extents.flatMap(([o, l]) => [u32(o), u32(l)]),
      ]));
    }
    return full('iloc', v, Buffer.from([0x44, 0x00]), v < 2 ? u16(items.length) : u32(items.length), ...rows);
  };
  const ftyp = box('ftyp', Buffer.from('heic', 'latin1'), u32(0), Buffer.from('mif1heicmiaf', 'latin1'));
  const hdlr = full('hdlr', 0, u32(0), Buffer.from('pict', 'latin1'), Buffer.alloc(12), cstr(''));
  const pitm = full('pitm', 0, u16(1));
  const metaWith = (iloc: Buffer) => full('meta', 0, hdlr, pitm, iinf, iloc, idat);
  const mdatBody = Buffer.concat(items.filter((i) => !i.idat).map((i) => i.data));
  const mdatStart = ftyp.length + metaWith(ilocFor(0)).length + 8;
  return Buffer.concat([ftyp, metaWith(ilocFor(mdatStart)), box('mdat', mdatBody)]);
}
