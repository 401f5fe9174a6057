import type { PlatformDepartment, PlatformUser, SyncProgress } from '../types';

/**
 * Collects users read department by department: a person listed under two departments is kept
 * once, with the union of both departments and of the departments they lead.
 */
export class UserCollector {
  private readonly byId = new Map<string, PlatformUser>();

  add(user: PlatformUser): void {
    const known = this.byId.get(user.userId);
    if (!known) {
      this.byId.set(user.userId, { ...user, departmentIds: [...user.departmentIds], leaderOfDepartmentIds: [...user.leaderOfDepartmentIds] });
      return;
    }
    known.departmentIds = union(known.departmentIds, user.departmentIds);
    known.leaderOfDepartmentIds = union(known.leaderOfDepartmentIds, user.leaderOfDepartmentIds);
    known.managerUserId ??= user.managerUserId;
    known.mainDepartmentId ??= user.mainDepartmentId;
  }

  get size(): number {
    return this.byId.size;
  }

  list(): PlatformUser[] {
    return [...this.byId.values()];
  }
}

function union(a: string[], b: string[]): string[] {
  return [...new Set([...a, ...b])];
}

/** Counts what has been read and reports it to the caller's onProgress. */
export class ProgressTracker {
  departmentsSeen = 0;
  membersSeen = 0;
  constructor(private readonly onProgress?: (p: SyncProgress) => void) {}
  departments(n: number): void {
    this.departmentsSeen += n;
    this.report();
  }
  members(n: number): void {
    this.membersSeen += n;
    this.report();
  }
  private report(): void {
    this.onProgress?.({ departmentsSeen: this.departmentsSeen, membersSeen: this.membersSeen });
  }
}

/** Epoch (ms) → local date YYYY-MM-DD; platforms' hire dates are China local dates (UTC+8). */
export function epochToLocalDate(epochMs: number | null | undefined, offsetMinutes = 480): string | null {
  if (typeof epochMs !== 'number' || !Number.isFinite(epochMs) || epochMs <= 0) return null;
  return new Date(epochMs + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

/** Sorted copy, parents before children order not guaranteed; stable by id for deterministic output. */
export function sortDepartments(depts: Iterable<PlatformDepartment>): PlatformDepartment[] {
  return [...depts].sort((a, b) => compareIds(a.id, b.id));
}

function compareIds(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Default bound on requests in flight during fetchOrg. */
export const DEFAULT_ORG_CONCURRENCY = 4;
