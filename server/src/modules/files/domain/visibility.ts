/** Who sees a file, and which bytes: the owner and HR/admin the original, the owner's manager chain a stripped copy. */
export type FileAccess = 'original' | 'stripped' | null;

export function fileAccess(
  viewer: { kind: 'employee' | 'admin'; id: string; roles: readonly string[] },
  ownerEmployeeId: string,
  /** The owner's managers, direct first, then theirs … (ids). */
  managerChain: readonly string[],
): FileAccess {
  if (viewer.roles.includes('hr') || viewer.roles.includes('admin')) return 'original';
  if (viewer.kind !== 'employee') return null;
  if (viewer.id === ownerEmployeeId) return 'original';
  if (managerChain.includes(viewer.id)) return 'stripped';
  return null;
}
