import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { TypedConfig } from '../../config/typed-config';
import { FilesController } from './files.controller';
import { FilesService } from './files.service';
import { LocalFolderStorage } from './storage/local-folder.storage';
import { STORAGE } from './storage/storage.port';

/**
 * Uploaded images. Exports FilesService: `assertOwned(tenantId, employeeId, fileIds)` and
 * `urlsFor(viewer, ownerEmployeeId, fileIds)` for attendance and field check-ins.
 */
@Module({
  imports: [
    MulterModule.registerAsync({
      inject: [TypedConfig],
      // Memory storage (multer's default without dest); one file; multer aborts at maxBytes + 1 and Nest maps LIMIT_FILE_SIZE to 413.
      useFactory: (cfg: TypedConfig) => ({ limits: { fileSize: cfg.get('files').maxBytes, files: 1, fields: 5, parts: 6 } }),
    }),
  ],
  controllers: [FilesController],
  providers: [
    FilesService,
    { provide: STORAGE, inject: [TypedConfig], useFactory: (cfg: TypedConfig) => new LocalFolderStorage(cfg.get('files').uploadDir) },
  ],
  exports: [FilesService],
})
export class FilesModule {}
