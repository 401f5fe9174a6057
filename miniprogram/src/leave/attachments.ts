import type { LeavePreview, LeaveTypeView } from '@hrlink/shared';

/** The server accepts up to 9 attachment ids per request. */
export const ATTACHMENT_MAX = 9;

const REQUIRED = 'LEAVE_ATTACHMENT_REQUIRED';

/**
 * Whether the 附件 field is shown: the type has `attachmentOverDays` and the previewed amount exceeds it (hours
 * converted with the type's `hoursPerDay`), or the preview reports LEAVE_ATTACHMENT_REQUIRED / `attachmentRequired`.
 */
export function attachmentNeeded(
  type: Pick<LeaveTypeView, 'attachmentOverDays' | 'hoursPerDay'> | null | undefined,
  preview: Pick<LeavePreview, 'amount' | 'unit' | 'problems' | 'attachmentRequired'> | null | undefined,
): boolean {
  if (!preview) return false;
  if (preview.attachmentRequired || preview.problems.some((p) => p.code === REQUIRED)) return true;
  if (!type || type.attachmentOverDays === null || type.attachmentOverDays === undefined) return false;
  const days = preview.unit === 'hour' ? preview.amount / (type.hoursPerDay || 8) : preview.amount;
  return days > type.attachmentOverDays;
}

/**
 * Preview problems to show. The preview is asked without attachments, so once files are uploaded its
 * LEAVE_ATTACHMENT_REQUIRED no longer applies.
 */
export function visibleProblems<P extends { code: string }>(problems: P[], attachmentCount: number): P[] {
  return attachmentCount > 0 ? problems.filter((p) => p.code !== REQUIRED) : problems;
}

/** Request body attachments: the uploaded ids, de-duplicated, at most ATTACHMENT_MAX; omitted when none. */
export function attachmentIds(uploaded: { id: string }[]): string[] | undefined {
  const ids = [...new Set(uploaded.map((u) => u.id))].slice(0, ATTACHMENT_MAX);
  return ids.length ? ids : undefined;
}
