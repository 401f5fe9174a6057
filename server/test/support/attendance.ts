import type { AttendanceGroupView } from '@hrlink/shared';
import { Routes as routes } from '@hrlink/shared';
import type { Harness } from './harness';

/** The PUT body that keeps a group as it is (the admin's form, filled from its view). */
export const groupBody = (g: AttendanceGroupView) => ({
  name: g.name, kind: g.kind, shift: g.shift, free: g.free, departmentIds: g.departments.map((d) => d.id), employeeIds: g.employees.map((e) => e.id),
  allowField: g.allowField, fieldRemarkRequired: g.fieldRemarkRequired, fieldPhotoRequired: g.fieldPhotoRequired, correction: g.correction,
});

/** Saves the group with `patch` applied over its current form, as HR would; throws unless 200. */
export async function putGroup(h: Harness, token: string, g: AttendanceGroupView, patch: object): Promise<AttendanceGroupView> {
  const r = await h.api<AttendanceGroupView>('PUT', routes.adminAttendance.group(g.id), { token, body: { ...groupBody(g), ...patch } });
  if (r.status !== 200) throw new Error(`group: ${r.text}`);
  return r.body;
}

/** The demo tenant's group (总部考勤组, created for the root department after the first sync). */
export async function hqGroup(h: Harness, token: string): Promise<AttendanceGroupView> {
  const g = (await h.api<AttendanceGroupView[]>('GET', routes.adminAttendance.groups, { token })).body.find((x) => x.name === '总部考勤组');
  if (!g) throw new Error('no 总部考勤组');
  return g;
}
