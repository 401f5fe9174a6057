import { Column, Entity } from 'typeorm';
import type { MatchKey } from '@hrlink/shared';
import { BaseRow } from '../../database/base.entity';

@Entity('tenants')
export class Tenant extends BaseRow {
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 64, default: 'Asia/Shanghai' })
  timeZone!: string;

  @Column({ type: 'varchar', length: 20, default: 'employeeNo' })
  matchKey!: MatchKey;

  @Column({ type: 'varchar', length: 100, default: '0 3 * * *' })
  syncCron!: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  orgSourceBindingId!: string | null;
}
