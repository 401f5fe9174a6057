import { BeforeInsert, BeforeUpdate, Column, PrimaryColumn } from 'typeorm';
import { newId } from '../common/ids';

/** JSON stored as text (same on SQLite and MySQL). */
export const jsonText = {
  to: (v: unknown) => (v === undefined ? undefined : JSON.stringify(v ?? null)),
  from: (v: string | null) => (v === null || v === undefined ? null : JSON.parse(v)),
};

export const DATETIME = { type: 'datetime' as const, precision: 3 };

/** id + createdAt + updatedAt, set by the server (no engine-specific defaults). */
export abstract class BaseRow {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column(DATETIME)
  createdAt!: Date;

  @Column(DATETIME)
  updatedAt!: Date;

  @BeforeInsert()
  protected beforeInsertRow(): void {
    if (!this.id) this.id = newId();
    const now = new Date();
    if (!this.createdAt) this.createdAt = now;
    if (!this.updatedAt) this.updatedAt = now;
  }

  @BeforeUpdate()
  protected beforeUpdateRow(): void {
    this.updatedAt = new Date();
  }
}
