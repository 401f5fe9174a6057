/**
 * HEIC / HEIF (ISO-BMFF, ISO/IEC 14496-12 + 23008-12) metadata blanking, in place.
 *
 * A HEIF still image keeps its metadata as *items* of the top-level `meta` box: `iinf` names each item (`infe`,
 * item_type `Exif`, or `mime` with content type `application/rdf+xml` for XMP) and `iloc` says where its bytes are
 * (file offsets, or offsets inside `meta/idat`). We overwrite those bytes with an empty equivalent of the same length —
 * an Exif item becomes a TIFF header with an empty IFD0, an XMP item an empty XMP packet padded with spaces — so no box
 * size or offset changes and the file stays a valid HEIF whose image items are untouched byte for byte.
 *
 * Anything we cannot account for throws (the caller must never serve unstripped bytes by accident): a truncated box,
 * an extent outside the file, a metadata item built from other items (construction_method 2), or an image sequence
 * (`moov`), whose metadata lives in track boxes we do not walk.
 */

interface Box { type: string; start: number; headerSize: number; end: number }

/** One metadata item found in the file: its kind and the absolute byte ranges that hold it. */
export interface HeifMetadataItem { id: number; kind: 'exif' | 'xmp'; extents: { offset: number; length: number }[] }

function boxes(buf: Buffer, from: number, to: number): Box[] {
  const out: Box[] = [];
  let i = from;
  while (i < to) {
    if (i + 8 > to) throw new Error(`HEIF: truncated box header at ${i}`);
    let size = buf.readUInt32BE(i);
    const type = buf.toString('latin1', i + 4, i + 8);
    let headerSize = 8;
    if (size === 1) {
      if (i + 16 > to) throw new Error(`HEIF: truncated large box at ${i}`);
      const big = buf.readBigUInt64BE(i + 8);
      if (big > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error('HEIF: box too large');
      size = Number(big);
      headerSize = 16;
    } else if (size === 0) {
      size = to - i; // to the end of the enclosing space
    }
    if (size < headerSize || i + size > to) throw new Error(`HEIF: bad size of box '${type}' at ${i}`);
    if (type === 'uuid') headerSize += 16;
    out.push({ type, start: i, headerSize, end: i + size });
    i += size;
  }
  return out;
}

/** A bounds-checked big-endian reader over one box's payload. */
class Reader {
  constructor(private readonly buf: Buffer, public pos: number, private readonly end: number) {}
  private need(n: number): void {
    if (this.pos + n > this.end) throw new Error('HEIF: box payload truncated');
  }
  u8(): number { this.need(1); return this.buf[this.pos++]; }
  u16(): number { this.need(2); const v = this.buf.readUInt16BE(this.pos); this.pos += 2; return v; }
  u32(): number { this.need(4); const v = this.buf.readUInt32BE(this.pos); this.pos += 4; return v; }
  /** An unsigned integer of 0, 4 or 8 bytes (iloc field sizes). */
  uint(size: number): number {
    if (size === 0) return 0;
    if (size === 4) return this.u32();
    if (size === 8) {
      this.need(8);
      const v = this.buf.readBigUInt64BE(this.pos);
      this.pos += 8;
      if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error('HEIF: 64-bit offset too large');
      return Number(v);
    }
    throw new Error(`HEIF: bad iloc field size ${size}`);
  }
  /** A NUL-terminated UTF-8 string (tolerates a missing terminator at the end of the box). */
  str(): string {
    const nul = this.buf.indexOf(0, this.pos);
    const stop = nul === -1 || nul >= this.end ? this.end : nul;
    const s = this.buf.toString('utf8', this.pos, stop);
    this.pos = Math.min(this.end, stop + 1);
    return s;
  }
  tag(): string { this.need(4); const s = this.buf.toString('latin1', this.pos, this.pos + 4); this.pos += 4; return s; }
}

/** item id → 'exif' | 'xmp' for the metadata items named in `iinf`. */
function metadataItemsOf(buf: Buffer, iinf: Box): Map<number, 'exif' | 'xmp'> {
  const r = new Reader(buf, iinf.start + iinf.headerSize, iinf.end);
  const version = r.u8(); r.pos += 3;
  const count = version === 0 ? r.u16() : r.u32();
  const out = new Map<number, 'exif' | 'xmp'>();
  const entries = boxes(buf, r.pos, iinf.end).filter((b) => b.type === 'infe');
  if (entries.length < count) throw new Error('HEIF: iinf lists more items than it holds');
  for (const infe of entries) {
    const e = new Reader(buf, infe.start + infe.headerSize, infe.end);
    const v = e.u8(); e.pos += 3;
    if (v < 2) {
      // Versions 0/1: no item_type; an XMP item can still be told by its content type.
      const id = e.u16(); e.u16(); e.str();
      if (e.str().trim().toLowerCase() === 'application/rdf+xml') out.set(id, 'xmp');
      continue;
    }
    const id = v === 2 ? e.u16() : e.u32();
    e.u16(); // item_protection_index
    const type = e.tag();
    e.str(); // item_name
    if (type === 'Exif') out.set(id, 'exif');
    else if (type === 'mime' && e.str().trim().toLowerCase() === 'application/rdf+xml') out.set(id, 'xmp');
  }
  return out;
}

/** Absolute extents of the wanted items, from `iloc` (construction methods 0 = file, 1 = idat). */
function extentsOf(buf: Buffer, iloc: Box, idat: Box | undefined, wanted: Map<number, 'exif' | 'xmp'>): HeifMetadataItem[] {
  const r = new Reader(buf, iloc.start + iloc.headerSize, iloc.end);
  const version = r.u8(); r.pos += 3;
  if (version > 2) throw new Error(`HEIF: iloc version ${version}`);
  const sizes1 = r.u8(); const sizes2 = r.u8();
  const offsetSize = sizes1 >> 4; const lengthSize = sizes1 & 15; const baseOffsetSize = sizes2 >> 4;
  const indexSize = version >= 1 ? sizes2 & 15 : 0;
  const count = version < 2 ? r.u16() : r.u32();
  const out: HeifMetadataItem[] = [];
  for (let n = 0; n < count; n++) {
    const id = version < 2 ? r.u16() : r.u32();
    const method = version >= 1 ? r.u16() & 15 : 0;
    const dataRef = r.u16();
    const base = r.uint(baseOffsetSize);
    const extentCount = r.u16();
    const extents: { offset: number; length: number }[] = [];
    for (let k = 0; k < extentCount; k++) {
      if (indexSize) r.uint(indexSize);
      extents.push({ offset: base + r.uint(offsetSize), length: r.uint(lengthSize) });
    }
    const kind = wanted.get(id);
    if (!kind || dataRef !== 0) continue; // not metadata, or bytes in another file (nothing here to leak)
    if (method === 2) throw new Error(`HEIF: metadata item ${id} is built from other items`);
    const origin = method === 1 ? (idat ? idat.start + idat.headerSize : -1) : 0;
    const limit = method === 1 ? (idat ? idat.end : -1) : buf.length;
    if (origin < 0) throw new Error(`HEIF: item ${id} lives in idat but there is none`);
    const abs = extents.map((x) => {
      // Length 0 means "to the end" of the file / idat.
      const offset = origin + x.offset;
      const length = x.length === 0 ? limit - offset : x.length;
      if (offset < origin || length < 0 || offset + length > limit) throw new Error(`HEIF: item ${id} extent outside the file`);
      return { offset, length };
    });
    out.push({ id, kind, extents: abs });
  }
  const found = new Set(out.map((i) => i.id));
  for (const id of wanted.keys()) if (!found.has(id)) throw new Error(`HEIF: metadata item ${id} has no location`);
  return out;
}

/** The Exif and XMP items of a HEIF file (top-level `meta`); [] when it has none. Throws on what it cannot read. */
export function heifMetadataItems(buf: Buffer): HeifMetadataItem[] {
  const top = boxes(buf, 0, buf.length);
  if (top[0]?.type !== 'ftyp') throw new Error('HEIF: no ftyp box first');
  if (top.some((b) => b.type === 'moov')) throw new Error('HEIF: image sequences (moov) are not supported');
  const metas = top.filter((b) => b.type === 'meta');
  if (metas.length !== 1) throw new Error(`HEIF: expected one top-level meta box, found ${metas.length}`);
  const meta = metas[0];
  const children = boxes(buf, meta.start + meta.headerSize + 4, meta.end); // meta is a FullBox
  const one = (type: string) => {
    const found = children.filter((b) => b.type === type);
    if (found.length > 1) throw new Error(`HEIF: more than one ${type} box`);
    return found[0];
  };
  const iinf = one('iinf');
  if (!iinf) return [];
  const wanted = metadataItemsOf(buf, iinf);
  if (!wanted.size) return [];
  const iloc = one('iloc');
  if (!iloc) throw new Error('HEIF: metadata items but no iloc');
  return extentsOf(buf, iloc, one('idat'), wanted);
}

/** 4-byte offset 0, then a big-endian TIFF header whose IFD0 has no entries and no next IFD. */
const EMPTY_EXIF = Buffer.from([0, 0, 0, 0, 0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0]);
const XMP_HEAD = '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"/>';
const XMP_TAIL = '<?xpacket end="w"?>';

function blankPayload(kind: 'exif' | 'xmp', length: number): Buffer {
  if (kind === 'exif') {
    const out = Buffer.alloc(length);
    if (length >= EMPTY_EXIF.length) EMPTY_EXIF.copy(out);
    return out;
  }
  const min = XMP_HEAD.length + XMP_TAIL.length;
  if (length < min) return Buffer.alloc(length, 0x20);
  return Buffer.from(XMP_HEAD + ' '.repeat(length - min) + XMP_TAIL, 'latin1');
}

/**
 * A copy of the HEIC/HEIF file whose Exif and XMP items are blanked (same length, same layout); the input is not
 * changed. Without metadata items the copy equals the input. Throws when the structure cannot be accounted for.
 */
export function stripHeifMetadata(buf: Buffer): Buffer {
  const items = heifMetadataItems(buf);
  const out = Buffer.from(buf);
  for (const item of items) {
    const total = item.extents.reduce((n, x) => n + x.length, 0);
    const blank = blankPayload(item.kind, total);
    let at = 0;
    for (const x of item.extents) {
      blank.copy(out, x.offset, at, at + x.length);
      at += x.length;
    }
  }
  return out;
}
