/**
 * Group membership, pure. A person's own membership wins, then the nearest department up the chain (main department
 * first). Used by the assignments backfill migration; AttendanceCore.groupIds applies the same rule on cached data.
 */
export interface MemberRow { groupId: string; memberType: 'department' | 'employee' | string; memberId: string }
export interface LinkRow { employeeId: string; departmentId: string; isMain: boolean | number }

export function resolveGroupIds(members: MemberRow[], links: LinkRow[], parents: Map<string, string | null>): Map<string, string> {
  const byEmployee = new Map(members.filter((m) => m.memberType === 'employee').map((m) => [m.memberId, m.groupId]));
  const byDept = new Map(members.filter((m) => m.memberType === 'department').map((m) => [m.memberId, m.groupId]));
  return addLinkedGroups(new Map<string, string>(byEmployee), links, byDept, parents);
}

/**
 * Fills `out` for people not in it yet from their department links: the nearest department up the chain that is a
 * group member, main department first. Returns `out`.
 */
export function addLinkedGroups(out: Map<string, string>, links: LinkRow[], byDept: Map<string, string>, parents: Map<string, string | null>): Map<string, string> {
  const deptGroup = (deptId: string): string | null => {
    let cur: string | null = deptId;
    for (let i = 0; cur && i < 32; i++) {
      const g = byDept.get(cur);
      if (g) return g;
      cur = parents.get(cur) ?? null;
    }
    return null;
  };
  for (const l of [...links].sort((a, b) => Number(b.isMain) - Number(a.isMain))) {
    if (out.has(l.employeeId)) continue;
    const g = deptGroup(l.departmentId);
    if (g) out.set(l.employeeId, g);
  }
  return out;
}

/**
 * The first day a person's days count under their group: the later of the group's effectiveFrom and the fromDate of
 * the person's current assignment (when known). Days before it have no result.
 */
export function countsFrom(effectiveFrom: string, since?: string | null): string {
  return since && since > effectiveFrom ? since : effectiveFrom;
}
