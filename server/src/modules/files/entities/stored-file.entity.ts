import { Column, Entity, Index } from 'typeorm';
import { BaseRow, jsonText } from '../../../database/base.entity';

/** Minimal EXIF kept for HR (parsed from JPEG/HEIC/PNG/WebP at upload; the original bytes are kept too). */
export interface ExifSummary {
  dateTimeOriginal: string | null;
  latitude: number | null;
  longitude: number | null;
  make: string | null;
  model: string | null;
}

/** An uploaded image. The bytes live in the storage port under `storageKey`. */
@Entity('files')
@Index('ix_file_owner', ['tenantId', 'ownerEmployeeId', 'createdAt'])
export class StoredFile extends BaseRow {
  @Column({ type: 'varchar', length: 36 }) tenantId!: string;
  @Column({ type: 'varchar', length: 36 }) ownerEmployeeId!: string;
  @Column({ type: 'varchar', length: 32 }) contentType!: string;
  @Column({ type: 'int' }) size!: number;
  @Column({ type: 'varchar', length: 64 }) sha256!: string;
  @Column({ type: 'varchar', length: 200 }) storageKey!: string;
  @Column({ type: 'text', nullable: true, transformer: jsonText }) exif!: ExifSummary | null;
}
