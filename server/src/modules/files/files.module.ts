import { Inject, Logger, Module, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { TypedConfig } from '../../config/typed-config';
import { FilesController } from './files.controller';
import { FilesService } from './files.service';
import { LocalFolderStorage } from './storage/local-folder.storage';
import { S3Storage } from './storage/s3.storage';
import { STORAGE, StoragePort } from './storage/storage.port';

/** FILES_STORAGE: `local` (default) → LocalFolderStorage under UPLOAD_DIR; `s3` → S3Storage on the S3_* bucket. */
function storageFor(cfg: TypedConfig): StoragePort {
  const files = cfg.get('files');
  return files.storage === 's3' && files.s3 ? new S3Storage(files.s3) : new LocalFolderStorage(files.uploadDir);
}

/**
 * Uploaded images. Exports FilesService: `assertOwned(tenantId, employeeId, fileIds)` and
 * `urlsFor(viewer, ownerEmployeeId, fileIds)` for attendance and field check-ins.
 */
@Module({
  controllers: [FilesController],
  providers: [
    FilesService,
    { provide: STORAGE, inject: [TypedConfig], useFactory: storageFor },
  ],
  exports: [FilesService],
})
export class FilesModule implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('FilesStorage');

  constructor(@Inject(STORAGE) private readonly storage: StoragePort) {}

  /** With S3, one HeadBucket at boot: a warning (not a crash) when the bucket does not answer, so outages don't loop restarts. */
  onApplicationBootstrap(): void {
    if (!(this.storage instanceof S3Storage)) return;
    const s3 = this.storage;
    void s3.probe().then((problem) => {
      if (problem) this.log.warn(`S3 bucket not usable yet, photo uploads will fail: ${problem}`);
    });
  }

  onModuleDestroy(): void {
    if (this.storage instanceof S3Storage) this.storage.close();
  }
}
