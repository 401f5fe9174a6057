import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { newId } from '../../common/ids';
import { Department } from '../org/entities/department.entity';
import { AttendanceCore } from './attendance-core.service';
import { AttendanceGroup, AttendanceGroupMember, AttendanceSite } from './entities';

/** The demo tenant's default attendance set-up (DEMO_SEED), once its org is synced and it has no group yet. */
@Injectable()
export class AttendanceSeed {
  constructor(private readonly core: AttendanceCore) {}

  /** 总部考勤组 for the root department with the site 示例科技总部; false when the tenant already has a group or no root. */
  async seedDemoGroup(tenantId: string): Promise<boolean> {
    const created = await this.core.tx.run(async (m) => {
      if (await m.getRepository(AttendanceGroup).countBy({ tenantId })) return false;
      const roots = await m.getRepository(Department).find({ where: { tenantId, parentId: IsNull(), active: true }, order: { createdAt: 'ASC' } });
      if (!roots.length) return false;
      const now = new Date();
      const stamps = { createdAt: now, updatedAt: now };
      const group = m.create(AttendanceGroup, {
        id: newId(), tenantId, name: '总部考勤组', kind: 'fixed',
        shift: { start: '09:00', end: '18:00', lunchStart: '12:00', lunchEnd: '13:00', graceMinutes: 5, seriousLateMinutes: 30, absentAfterMinutes: 120 },
        free: null, allowField: true, fieldRemarkRequired: true, fieldPhotoRequired: false,
        correction: { monthlyCap: 3, daysBack: 31, anomalies: ['missing', 'late', 'early'] },
        effectiveFrom: (await this.core.now(tenantId, m)).date, ...stamps,
      });
      await m.insert(AttendanceGroup, group as never);
      // Every root (one per source platform in a multi-platform tenant) so the whole org is covered.
      for (const root of roots) {
        await m.insert(AttendanceGroupMember, { id: newId(), tenantId, groupId: group.id, memberType: 'department', memberId: root.id, ...stamps } as never);
      }
      // Everyone covered counts from the group's first day (attendance_assignments).
      await this.core.reconcileAssignments(m, tenantId, () => group.effectiveFrom);
      await m.insert(AttendanceSite, m.create(AttendanceSite, {
        id: newId(), tenantId, groupId: group.id, name: '示例科技总部', address: '上海市黄浦区人民大道', latitude: 31.2304, longitude: 121.4737, radiusMeters: 300,
        wifi: [{ ssid: 'Demo-Office', bssid: 'a4:56:02:11:22:33' }], ...stamps,
      }) as never);
      return true;
    });
    if (created) this.core.invalidate();
    return created;
  }
}
