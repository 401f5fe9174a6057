/** Pure rules for who manages whom, from the platform's own fields. No framework imports. */

export interface ManagerInputUser {
  userId: string;
  managerUserId: string | null;
  departmentIds: string[];
  mainDepartmentId: string | null;
  leaderOfDepartmentIds: string[];
}

export interface ManagerInputDept {
  id: string;
  parentId: string | null;
  leaderUserIds: string[];
}

/**
 * The platform user id of `user`'s direct manager:
 * 1. the platform's own manager field (WeCom direct_leader, Feishu leader_user_id, DingTalk manager_userid) when it names
 *    another known user;
 * 2. otherwise the leader of the user's main department — or, when the user leads that department, the leader of the
 *    nearest ancestor department led by someone else.
 * Returns null for the top of the organisation.
 */
export function resolveManagerUserId(
  user: ManagerInputUser,
  deptsById: ReadonlyMap<string, ManagerInputDept>,
  knownUserIds: ReadonlySet<string>,
): string | null {
  if (user.managerUserId && user.managerUserId !== user.userId && knownUserIds.has(user.managerUserId)) {
    return user.managerUserId;
  }
  let deptId: string | null = user.mainDepartmentId ?? user.departmentIds[0] ?? null;
  const visited = new Set<string>();
  while (deptId && !visited.has(deptId)) {
    visited.add(deptId);
    const dept = deptsById.get(deptId);
    if (!dept) break;
    const leadsIt = dept.leaderUserIds.includes(user.userId) || user.leaderOfDepartmentIds.includes(dept.id);
    if (!leadsIt) {
      const leader = dept.leaderUserIds.find((id) => id !== user.userId && knownUserIds.has(id));
      if (leader) return leader;
    }
    deptId = dept.parentId;
  }
  return null;
}
