import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import type { UploadedFileView } from '@hrlink/shared';
import { buildConfig } from '../src/config/configuration';
import { jpegHasApp1, stripJpegExif } from '../src/modules/files/domain/exif-strip';
import { FilesService } from '../src/modules/files/files.service';
import { Harness, TEST_ENCRYPTION_KEY } from './support/harness';
import { builtHeif, realHeic } from './support/heic';
import { tinyJpeg } from './support/images';

// FILES_STORAGE=s3 over real HTTP against an independent S3 implementation: s3rver (a Koa S3 server keeping objects
// on disk; it checks the access key id but does not verify SigV4 signatures) on a random loopback port. Uploads go through POST /api/files, views
// through the signed /api/files/:id URLs, and the bucket is inspected with a separate S3 client.
describe('files on S3-compatible storage (s3rver)', () => {
  const SECRET = 'test-file-url-secret-s3-0123456789';
  const BUCKET = 'hrlink-photos';
  const CREDS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }; // s3rver's built-in account
  let s3server: S3rver;
  let s3dir: string;
  let uploadDir: string;
  let endpoint: string;
  let bucket: S3Client;
  let h: Harness;
  const ids: Record<string, string> = {};
  const tokens: Record<string, string> = {};
  const EXIFTOOL = require.resolve('exiftool-vendored.pl/bin/exiftool');

  const s3env = (over: Record<string, string> = {}) => ({
    FILES_STORAGE: 's3', S3_ENDPOINT: endpoint, S3_REGION: 'us-east-1', S3_BUCKET: BUCKET,
    S3_ACCESS_KEY_ID: CREDS.accessKeyId, S3_SECRET_ACCESS_KEY: CREDS.secretAccessKey, S3_FORCE_PATH_STYLE: 'true', ...over,
  });

  beforeAll(async () => {
    s3dir = mkdtempSync(join(tmpdir(), 'hrlink-s3rver-'));
    uploadDir = mkdtempSync(join(tmpdir(), 'hrlink-uploads-unused-'));
    s3server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: s3dir, configureBuckets: [{ name: BUCKET, configs: [] }] });
    const { port } = await s3server.run();
    endpoint = `http://127.0.0.1:${port}`;
    bucket = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: CREDS });
    h = await Harness.start({ ...s3env(), UPLOAD_DIR: uploadDir, FILE_URL_SECRET: SECRET, DISPATCHER_ENABLED: '0' });
    await h.seed();
    await h.syncAll(await h.adminLogin());
    Object.assign(ids, await h.employeeIds());
  });
  afterAll(async () => {
    await h?.stop();
    bucket?.destroy();
    await s3server?.close();
    rmSync(s3dir, { recursive: true, force: true });
    rmSync(uploadDir, { recursive: true, force: true });
  });

  const as = async (no: string): Promise<string> => (tokens[no] ??= await h.employeeToken(no));
  async function upload(app: Harness, token: string, bytes: Buffer, name: string, type: string) {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
    const res = await fetch(`${app.url}/api/files`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    return { status: res.status, body: await res.json() };
  }
  async function get(url: string) {
    const res = await fetch(`${h.url}${url}`);
    return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
  }
  async function objectOf(key: string) {
    const o = await bucket.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    return { contentType: o.ContentType, bytes: Buffer.from(await o.Body!.transformToByteArray()) };
  }
  const keys = async () => ((await bucket.send(new ListObjectsV2Command({ Bucket: BUCKET }))).Contents ?? []).map((o) => o.Key!).sort();
  const storageKey = async (id: string) => (await h.ds.query('SELECT storageKey FROM files WHERE id = ?', [id]))[0].storageKey as string;
  const session = async (no: string) => ({
    kind: 'employee' as const, id: ids[no], roles: ['employee' as const], platform: null,
    tenantId: (await h.ds.query('SELECT tenantId FROM employees WHERE id = ?', [ids[no]]))[0].tenantId as string,
  });
  const gpsOf = (bytes: Buffer) => {
    const file = join(s3dir, `probe-${Date.now()}.heic`);
    writeFileSync(file, bytes);
    return JSON.parse(execFileSync('perl', [EXIFTOOL, '-j', '-n', '-GPSLatitude', '-GPSLongitude', '-Make', file], { encoding: 'utf8' }))[0];
  };

  // E0014 (staff) → E0006 (team lead) → E0003, as seeded by the sandbox.
  const OWNER = 'E0014';

  it('a JPEG with EXIF: 201; the object is in the bucket under the row\'s key with its type; nothing in UPLOAD_DIR', async () => {
    const jpeg = tinyJpeg({ exif: true });
    const res = await upload(h, await as(OWNER), jpeg, 'p.jpg', 'image/jpeg');
    expect(res.status).toBe(201);
    const f = res.body as UploadedFileView;
    const key = await storageKey(f.id);
    expect(key).toMatch(new RegExp(`/\\d{4}-\\d{2}/${f.id}\\.jpg$`));
    expect(await keys()).toContain(key);
    const obj = await objectOf(key);
    expect(obj.contentType).toBe('image/jpeg');
    expect(obj.bytes.equals(jpeg)).toBe(true);
    expect(readdirSync(uploadDir)).toEqual([]);

    // Owner: the original through the signed URL; a manager: the stripped copy; HR: the original.
    const own = await get(f.url);
    expect([own.status, own.type]).toEqual([200, 'image/jpeg']);
    expect(own.bytes.equals(jpeg)).toBe(true);
    const files = h.app.get(FilesService);
    const [mgrUrl] = await files.urlsFor(await session('E0006'), ids[OWNER], [f.id]);
    const mgr = await get(mgrUrl);
    expect(mgr.status).toBe(200);
    expect(jpegHasApp1(mgr.bytes)).toBe(false);
    expect(mgr.bytes.equals(stripJpegExif(jpeg))).toBe(true);
    const hr = { kind: 'admin' as const, id: 'hr-admin', tenantId: (await session(OWNER)).tenantId, roles: ['hr' as const], platform: null };
    const [hrUrl] = await files.urlsFor(hr, ids[OWNER], [f.id]);
    expect((await get(hrUrl)).bytes.equals(jpeg)).toBe(true);
    // The token still guards the object: none, or one for the stripped variant turned into the original → 403.
    expect((await get(`/api/files/${f.id}`)).status).toBe(403);
    expect((await get(mgrUrl.replace('.s.', '.o.'))).status).toBe(403);
  });

  it('a HEIC with GPS: the owner gets it as stored, a manager gets a copy without GPS (ExifTool reads none)', async () => {
    const heic = realHeic();
    const res = await upload(h, await as(OWNER), heic, 'IMG_0001.HEIC', 'image/heic');
    expect(res.status).toBe(201);
    const f = res.body as UploadedFileView;
    expect(f.contentType).toBe('image/heic');
    const [row] = await h.ds.query('SELECT exif, storageKey FROM files WHERE id = ?', [f.id]);
    expect(JSON.parse(row.exif)).toMatchObject({ make: 'HRLINKCAM', latitude: expect.closeTo(31.2333, 3) });
    expect((await objectOf(row.storageKey)).bytes.equals(heic)).toBe(true);

    expect(gpsOf((await get(f.url)).bytes)).toMatchObject({ GPSLatitude: 31.2333, GPSLongitude: 121.4667, Make: 'HRLINKCAM' });
    const [mgrUrl] = await h.app.get(FilesService).urlsFor(await session('E0003'), ids[OWNER], [f.id]);
    const mgr = await get(mgrUrl);
    expect([mgr.status, mgr.type]).toEqual([200, 'image/heic']);
    expect(mgr.bytes.length).toBe(heic.length);
    const seen = gpsOf(mgr.bytes);
    expect(seen.GPSLatitude).toBeUndefined();
    expect(seen.GPSLongitude).toBeUndefined();
    expect(seen.Make).toBeUndefined();
  });

  it('a HEIF whose metadata cannot be stripped (an image sequence) → 415, nothing in the bucket or the table', async () => {
    const before = await keys();
    const rows = Number((await h.ds.query('SELECT COUNT(*) AS n FROM files'))[0].n);
    const seq = Buffer.concat([builtHeif(), Buffer.from([0, 0, 0, 8]), Buffer.from('moov', 'latin1')]);
    const res = await upload(h, await as(OWNER), seq, 'burst.heic', 'image/heic');
    expect([res.status, res.body.code]).toEqual([415, 'FILE_TYPE_NOT_ALLOWED']);
    expect(await keys()).toEqual(before);
    expect(Number((await h.ds.query('SELECT COUNT(*) AS n FROM files'))[0].n)).toBe(rows);
  });

  it('a stored object that cannot be stripped: the owner still gets it, a manager gets 415 instead of the unstripped bytes', async () => {
    const f = (await upload(h, await as(OWNER), builtHeif(), 'a.heic', 'image/heic')).body as UploadedFileView;
    const seq = Buffer.concat([builtHeif(), Buffer.from([0, 0, 0, 8]), Buffer.from('moov', 'latin1')]);
    await bucket.send(new PutObjectCommand({ Bucket: BUCKET, Key: await storageKey(f.id), Body: seq, ContentType: 'image/heic' }));
    expect((await get(f.url)).bytes.equals(seq)).toBe(true);
    const [mgrUrl] = await h.app.get(FilesService).urlsFor(await session('E0006'), ids[OWNER], [f.id]);
    const mgr = await get(mgrUrl);
    expect(mgr.status).toBe(415);
    expect(JSON.parse(mgr.bytes.toString())).toMatchObject({ code: 'FILE_TYPE_NOT_ALLOWED' });
  });

  it('an object gone from the bucket → 404 NOT_FOUND in the error shape, not a 500', async () => {
    const f = (await upload(h, await as(OWNER), tinyJpeg(), 'p.jpg', 'image/jpeg')).body as UploadedFileView;
    await bucket.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: await storageKey(f.id) }));
    const res = await get(f.url);
    expect(res.status).toBe(404);
    expect(JSON.parse(res.bytes.toString())).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('credentials refused (InvalidAccessKeyId): the app still boots, the upload fails without a row or object, no secret in the answer', async () => {
    // A second app (own database, same sandbox and bucket) with an access key s3rver does not know.
    const bad = await Harness.start({ ...s3env({ S3_ACCESS_KEY_ID: 'UNKNOWNKEY', S3_SECRET_ACCESS_KEY: 'not-the-secret' }), FILE_URL_SECRET: SECRET, DISPATCHER_ENABLED: '0', LOG_LEVEL: 'silent' }, { sandbox: h.sandbox });
    try {
      await bad.seed();
      await bad.syncAll(await bad.adminLogin());
      const before = await keys();
      const { code, corpId } = await bad.code('dingtalk', OWNER);
      const login = await bad.api('POST', '/auth/login', { body: { platform: 'dingtalk', code, corpId } });
      const res = await upload(bad, login.body.accessToken, tinyJpeg({ exif: true }), 'p.jpg', 'image/jpeg');
      expect(res.status).toBe(500);
      expect(res.body.code).toBe('INTERNAL');
      expect(JSON.stringify(res.body)).not.toContain('not-the-secret');
      expect(await keys()).toEqual(before);
      expect(Number((await bad.ds.query('SELECT COUNT(*) AS n FROM files'))[0].n)).toBe(0);
    } finally {
      await bad.stop();
    }
  });

  it('config: FILES_STORAGE=s3 is checked at boot, each problem naming its variable', () => {
    const base = { APP_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY };
    expect(buildConfig(base).files).toMatchObject({ storage: 'local', s3: null });
    expect(buildConfig({ ...base, ...s3env() }).files).toMatchObject({
      storage: 's3', s3: { endpoint, region: 'us-east-1', bucket: BUCKET, forcePathStyle: true },
    });
    expect(buildConfig({ ...base, ...s3env({ S3_ENDPOINT: '', S3_FORCE_PATH_STYLE: '' }) }).files.s3).toMatchObject({ endpoint: null, forcePathStyle: false });
    expect(() => buildConfig({ ...base, FILES_STORAGE: 'gcs' })).toThrow(/FILES_STORAGE: FILES_STORAGE must be local or s3/);
    for (const v of ['S3_REGION', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY']) {
      expect(() => buildConfig({ ...base, ...s3env({ [v]: '' }) })).toThrow(new RegExp(`${v}: .*${v} is required when FILES_STORAGE=s3`));
    }
    expect(() => buildConfig({ ...base, ...s3env({ S3_ENDPOINT: 'minio:9000' }) })).toThrow(/S3_ENDPOINT: S3_ENDPOINT must be an http\(s\) URL/);
    expect(() => buildConfig({ ...base, ...s3env({ S3_BUCKET: 'Photos_2026' }) })).toThrow(/S3_BUCKET: S3_BUCKET must be a bucket name/);
    // Local storage ignores the S3 variables entirely.
    expect(() => buildConfig({ ...base, S3_BUCKET: 'Bad_Name', S3_ENDPOINT: 'nope' })).not.toThrow();
  });
});
