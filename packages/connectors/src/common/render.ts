import { createHash } from 'node:crypto';
import type { ApprovalCard, CardUpdate } from '../messaging-types';

/**
 * Rendering helpers shared by the three platforms' messaging: the logic is the same, only the
 * platform's JSON differs (that part stays in each platform's messaging.ts).
 */

export type Tone = 'pending' | 'approved' | 'rejected' | 'neutral';

/** The tone of a card: from the update's state, or "pending" for a fresh card. */
export function toneOf(update?: Pick<CardUpdate, 'state'>): Tone {
  switch (update?.state) {
    case undefined:
      return 'pending';
    case 'approved':
      return 'approved';
    case 'rejected':
      return 'rejected';
    default:
      return 'neutral';
  }
}

/** The tone of a status text we wrote (已同意 / 已拒绝 / …), for re-rendering a card from its text alone. */
export function toneOfStatus(statusText: string, hasButtons: boolean): Tone {
  if (hasButtons) return 'pending';
  if (statusText.includes('同意')) return 'approved';
  if (statusText.includes('拒绝')) return 'rejected';
  return 'neutral';
}

/**
 * A short code (6 chars, A-Z0-9) derived from the idempotency key, shown on every message.
 * It makes each message's content unique per approval task, which DingTalk needs: it silently
 * drops a work notice whose content equals one sent to the same user the same day.
 */
export function shortCode(idempotencyKey: string): string {
  const digest = createHash('sha256').update(idempotencyKey).digest();
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  let out = '';
  for (let i = 0; i < 6; i++) out += alphabet[digest[i] % alphabet.length];
  return out;
}

/** A hex digest of the key, `length` chars (Feishu uuid ≤ 50, ids with a charset limit). */
export function keyDigest(idempotencyKey: string, length = 32): string {
  return createHash('sha256').update(idempotencyKey).digest('hex').slice(0, length);
}

/**
 * The key itself when it fits `[A-Za-z0-9_\-@]{1,max}` (WeCom task_id), otherwise a digest of it —
 * stable either way, so a retry carries the same id.
 */
export function safeId(idempotencyKey: string, max: number, prefix = 'k'): string {
  if (/^[A-Za-z0-9_\-@]+$/.test(idempotencyKey) && idempotencyKey.length <= max) return idempotencyKey;
  return `${prefix}${keyDigest(idempotencyKey, Math.min(40, max - prefix.length))}`;
}

/** Cuts a string to `max` characters (code points), with an ellipsis. */
export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, Math.max(1, max - 1)).join('')}…`;
}

/** The card's form rows, trimmed, empty values shown as "-", at most `limit` rows. */
export function formRows(card: Pick<ApprovalCard, 'form'>, limit = 10): { label: string; value: string }[] {
  return card.form.slice(0, limit).map((r) => ({ label: r.label.trim(), value: r.value.trim() || '-' }));
}

/** Plain-text body of a card (for text notices and fallbacks): rows, status and the code. */
export function plainText(card: Pick<ApprovalCard, 'form' | 'statusText' | 'idempotencyKey'>): string {
  return [...formRows(card).map((r) => `${r.label}：${r.value}`), `状态：${card.statusText}`, `编号：${shortCode(card.idempotencyKey)}`].join('\n');
}

/** The card as it reads after an update: new status, no buttons. */
export function settled(update: CardUpdate): ApprovalCard {
  return { ...update.card, statusText: update.statusText, buttons: null };
}
