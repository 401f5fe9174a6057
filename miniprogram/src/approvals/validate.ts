import type { ApprovalActRequest, CreateGeneralRequest } from '@hrlink/shared';
import { parseYuanToFen } from './money';

export const TITLE_MAX = 50;
export const DETAILS_MAX = 1000;
/** Not in the contract; a sensible cap for a comment / reject reason. */
export const COMMENT_MAX = 500;

export interface GeneralFormInput {
  title: string;
  details: string;
  /** As typed, in 元. */
  amount: string;
}

export type GeneralFormErrors = Partial<Record<keyof GeneralFormInput, string>>;

/** Length in characters (code points), as a user counts them. */
export function charCount(s: string): number {
  return Array.from(s).length;
}

/** Validate the 通用审批 form; on success returns the request body (amount in integer fen). */
export function validateGeneral(
  input: GeneralFormInput,
): { ok: true; body: CreateGeneralRequest } | { ok: false; errors: GeneralFormErrors } {
  const errors: GeneralFormErrors = {};
  const title = input.title.trim();
  const details = input.details.trim();
  if (!title) errors.title = '请填写标题';
  else if (charCount(title) > TITLE_MAX) errors.title = `标题不能超过 ${TITLE_MAX} 个字`;
  if (!details) errors.details = '请填写详细说明';
  else if (charCount(details) > DETAILS_MAX) errors.details = `详细说明不能超过 ${DETAILS_MAX} 个字`;
  const amount = parseYuanToFen(input.amount);
  if (!amount.ok) errors.amount = amount.message;
  if (Object.keys(errors).length || !amount.ok) return { ok: false, errors };
  const body: CreateGeneralRequest = { title, details };
  if (amount.fen !== null) body.amountFen = amount.fen;
  return { ok: true, body };
}

export type ActKind = ApprovalActRequest['action'];

/**
 * Validate an action before it is sent: a reject needs a reason, a comment needs text,
 * a transfer needs a colleague. Returns the body or the message to show.
 */
export function buildActRequest(
  action: ActKind,
  text: string,
  transferTo?: { id: string } | null,
): { ok: true; body: ApprovalActRequest } | { ok: false; message: string } {
  const comment = text.trim();
  if (charCount(comment) > COMMENT_MAX) return { ok: false, message: `内容不能超过 ${COMMENT_MAX} 个字` };
  if (action === 'reject' && !comment) return { ok: false, message: '请填写拒绝原因' };
  if (action === 'comment' && !comment) return { ok: false, message: '请填写评论内容' };
  if (action === 'transfer' && !transferTo) return { ok: false, message: '请选择转交给谁' };
  const body: ApprovalActRequest = { action };
  if (comment) body.comment = comment;
  if (action === 'transfer' && transferTo) body.transferToEmployeeId = transferTo.id;
  return { ok: true, body };
}
