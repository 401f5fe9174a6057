import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { parse as parseExif } from 'exifr';
import { ErrorCode, Routes } from '@hrlink/shared';
import type { UploadedFileView } from '@hrlink/shared';
import { AppError } from '../../common/errors/app-error';
import type { SessionUser } from '../../common/auth/auth.types';
import { AuditService } from '../../common/audit/audit.service';
import { newId } from '../../common/ids';
import { TypedConfig } from '../../config/typed-config';
import { Employee } from '../org/entities/employee.entity';
import { EXTENSIONS, sniffImage } from './domain/magic';
import { stripMetadata } from './domain/exif-strip';
import { signGrant, verifyGrant } from './domain/url-token';
import { fileAccess, FileAccess } from './domain/visibility';
import { ExifSummary, StoredFile } from './entities/stored-file.entity';
import { STORAGE, StoragePort } from './storage/storage.port';

const MAX_CHAIN = 16;

/**
 * Uploaded images: magic-byte check, storage through the port, EXIF summary for HR, short-lived signed URLs.
 * Used by attendance (punch photos) and field check-ins through `assertOwned` and `urlsFor`.
 */
@Injectable()
export class FilesService {
  private readonly log = new Logger(FilesService.name);

  constructor(
    private readonly ds: DataSource,
    private readonly cfg: TypedConfig,
    private readonly audit: AuditService,
    @Inject(STORAGE) private readonly storage: StoragePort,
  ) {}

  async upload(user: SessionUser, file: { buffer: Buffer; size: number } | undefined): Promise<UploadedFileView> {
    if (user.kind !== 'employee') throw new AppError(ErrorCode.FORBIDDEN, '只有员工可以上传照片');
    if (!file?.buffer?.length) throw new AppError(ErrorCode.VALIDATION_FAILED, '请选择要上传的图片', { fields: { file: ['请选择要上传的图片'] } });
    if (file.buffer.length > this.cfg.get('files').maxBytes) throw new AppError(ErrorCode.PAYLOAD_TOO_LARGE, undefined, { maxBytes: this.cfg.get('files').maxBytes });
    const contentType = sniffImage(file.buffer);
    if (!contentType) throw new AppError(ErrorCode.FILE_TYPE_NOT_ALLOWED);
    // Managers get a metadata-stripped copy made on every view: refuse now what we could not strip then
    // (e.g. a HEIF image sequence, a JPEG whose segments do not parse), rather than fail those views later.
    try {
      stripMetadata(contentType, file.buffer);
    } catch (err) {
      this.log.debug(`upload refused, metadata cannot be stripped: ${(err as Error).message}`);
      throw new AppError(ErrorCode.FILE_TYPE_NOT_ALLOWED, '无法处理这张图片，请换一张或保存为 JPEG 后再上传');
    }
    const row = this.ds.getRepository(StoredFile).create({
      tenantId: user.tenantId,
      ownerEmployeeId: user.id,
      contentType,
      size: file.buffer.length,
      sha256: createHash('sha256').update(file.buffer).digest('hex'),
      exif: await this.exifOf(file.buffer),
    });
    row.id = newId();
    const month = new Date().toISOString().slice(0, 7);
    row.storageKey = `${user.tenantId}/${month}/${row.id}.${EXTENSIONS[contentType]}`;
    await this.storage.put(row.storageKey, file.buffer, contentType);
    try {
      await this.ds.getRepository(StoredFile).insert(row);
    } catch (err) {
      await this.storage.delete(row.storageKey).catch(() => undefined);
      throw err;
    }
    return { id: row.id, contentType, size: row.size, url: this.url(row.id, `employee:${user.id}`, 'o') };
  }

  /** Throws unless every id is an image uploaded by this employee in this tenant (VALIDATION_FAILED, field photoFileIds). */
  async assertOwned(tenantId: string, employeeId: string, fileIds: string[]): Promise<void> {
    const ids = [...new Set(fileIds)];
    if (!ids.length) return;
    const bad = () => new AppError(ErrorCode.VALIDATION_FAILED, '照片无效或不属于你', { fields: { photoFileIds: ['照片无效或不属于你'] } });
    if (ids.some((id) => typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id))) throw bad();
    const rows = await this.ds.getRepository(StoredFile).find({
      where: { tenantId, ownerEmployeeId: employeeId, id: In(ids) }, select: { id: true, contentType: true },
    });
    if (rows.length !== ids.length || rows.some((r) => !r.contentType.startsWith('image/'))) throw bad();
  }

  /**
   * Short-lived URLs of the owner's files for this viewer, in the order given; [] when the viewer may not see them
   * (ids that are not the owner's files are left out). Pass `chains` to share manager-chain look-ups across a list.
   */
  async urlsFor(viewer: SessionUser, ownerEmployeeId: string, fileIds: string[], chains?: Map<string, string[]>): Promise<string[]> {
    if (!fileIds?.length) return [];
    const access = await this.accessFor(viewer, ownerEmployeeId, chains);
    if (!access) return [];
    const rows = await this.ds.getRepository(StoredFile).find({
      where: { tenantId: viewer.tenantId, ownerEmployeeId, id: In([...new Set(fileIds)]) }, select: { id: true },
    });
    const owned = new Set(rows.map((r) => r.id));
    return fileIds.filter((id) => owned.has(id)).map((id) => this.url(id, `${viewer.kind}:${viewer.id}`, access === 'original' ? 'o' : 's'));
  }

  /** What this viewer may see of the owner's files. */
  async accessFor(viewer: SessionUser, ownerEmployeeId: string, chains?: Map<string, string[]>): Promise<FileAccess> {
    const quick = fileAccess(viewer, ownerEmployeeId, []);
    if (quick === 'original' || viewer.kind !== 'employee') return quick;
    let chain = chains?.get(ownerEmployeeId);
    if (!chain) {
      chain = await this.managerChain(viewer.tenantId, ownerEmployeeId);
      chains?.set(ownerEmployeeId, chain);
    }
    return fileAccess(viewer, ownerEmployeeId, chain);
  }

  /** The owner's managers, direct first (stops at a loop or after 16 levels). */
  async managerChain(tenantId: string, employeeId: string): Promise<string[]> {
    const chain: string[] = [];
    const repo = this.ds.getRepository(Employee);
    let cur = await repo.findOne({ where: { tenantId, id: employeeId }, select: { id: true, managerId: true } });
    while (cur?.managerId && chain.length < MAX_CHAIN && !chain.includes(cur.managerId) && cur.managerId !== employeeId) {
      chain.push(cur.managerId);
      cur = await repo.findOne({ where: { tenantId, id: cur.managerId }, select: { id: true, managerId: true } });
    }
    return chain;
  }

  /** GET /api/files/:id?t=… → the bytes the token grants (original or stripped). */
  async open(fileId: string, token: string | undefined): Promise<{ bytes: Buffer; contentType: string; maxAge: number }> {
    const check = verifyGrant(this.cfg.get('files').urlSecret, fileId, token ?? '', Math.floor(Date.now() / 1000));
    if (!check.ok) {
      throw new AppError(ErrorCode.FILE_FORBIDDEN, check.reason === 'expired' ? '链接已过期，请刷新页面' : undefined);
    }
    const row = await this.ds.getRepository(StoredFile).findOne({ where: { id: fileId } });
    if (!row) throw AppError.notFound('文件');
    const original = await this.storage.get(row.storageKey);
    if (!original) throw AppError.notFound('文件');
    const bytes = check.grant.variant === 'o' ? original : this.stripped(row, original);
    const [kind, viewerId] = check.grant.viewer.split(':') as ['employee' | 'admin', string];
    if (check.grant.variant === 'o' && !(kind === 'employee' && viewerId === row.ownerEmployeeId)) {
      // HR/admin looking at someone's original (with EXIF / GPS): kept in the audit log.
      await this.audit.record({ kind, id: viewerId, tenantId: row.tenantId, roles: [], platform: null }, 'file.view_original',
        { type: 'file', id: row.id }, { owner: row.ownerEmployeeId });
    }
    return { bytes, contentType: row.contentType, maxAge: Math.max(0, check.grant.exp - Math.floor(Date.now() / 1000)) };
  }

  /** The copy managers get; a stored file we cannot strip (kept from before uploads were checked) is not shown to them. */
  private stripped(row: StoredFile, original: Buffer): Buffer {
    try {
      return stripMetadata(row.contentType, original);
    } catch (err) {
      this.log.warn(`file ${row.id} (${row.contentType}): metadata cannot be stripped, not served: ${(err as Error).message}`);
      throw new AppError(ErrorCode.FILE_TYPE_NOT_ALLOWED, '这张图片无法去除位置信息，只有本人和 HR 可以查看');
    }
  }

  private url(fileId: string, viewer: string, variant: 'o' | 's'): string {
    const { urlSecret, urlTtlSeconds } = this.cfg.get('files');
    const t = signGrant(urlSecret, { fileId, viewer, variant, exp: Math.floor(Date.now() / 1000) + urlTtlSeconds });
    return `/api${Routes.files.file(fileId)}?t=${t}`;
  }

  private async exifOf(buf: Buffer): Promise<ExifSummary | null> {
    try {
      const e = await parseExif(buf, { tiff: true, exif: true, gps: true, xmp: false, icc: false, iptc: false, jfif: false, ihdr: false });
      if (!e) return null;
      const date = e.DateTimeOriginal instanceof Date && !Number.isNaN(e.DateTimeOriginal.getTime())
        ? e.DateTimeOriginal.toISOString() : typeof e.DateTimeOriginal === 'string' ? e.DateTimeOriginal : null;
      return {
        dateTimeOriginal: date,
        latitude: typeof e.latitude === 'number' ? e.latitude : null,
        longitude: typeof e.longitude === 'number' ? e.longitude : null,
        make: typeof e.Make === 'string' ? e.Make : null,
        model: typeof e.Model === 'string' ? e.Model : null,
      };
    } catch (err) {
      this.log.debug(`EXIF not parsed: ${(err as Error).message}`);
      return null;
    }
  }
}
