import type { LedgerKind } from '@hrlink/shared';
import { addDays } from './dates';

/**
 * Balance arithmetic over ledger entries (the balance is their sum; nothing is a mutable counter).
 * granted = grants + accruals + adjustments + carry-forward + overtime comp time + expiries (negative);
 * used = −(uses + restores); pending = reservations of pending requests; available = granted − used − pending.
 */
export interface LedgerRow { kind: LedgerKind; amount: number; expiresOn: string | null; at?: string }

const round = (n: number) => Math.round(n * 1000) / 1000;

export function summarize(entries: LedgerRow[], pending: number): { granted: number; used: number; pending: number; available: number } {
  let granted = 0, used = 0;
  for (const e of entries) {
    if (e.kind === 'use' || e.kind === 'restore') used -= e.amount;
    else granted += e.amount;
  }
  return { granted: round(granted), used: round(used), pending: round(pending), available: round(granted - used - pending) };
}

export interface Lot { amount: number; expiresOn: string | null; carried: boolean }
export interface LotState extends Lot { remaining: number }

/**
 * FIFO by expiry: what is left of each positive lot after `consumed` (uses net of restores, plus expiries already
 * written, plus reservations when asked). Lots expiring soonest are consumed first; lots that never expire last.
 */
export function consumeFifo(lots: Lot[], consumed: number): LotState[] {
  const order = lots.map((l, i) => ({ ...l, i, remaining: l.amount }))
    .sort((a, b) => (a.expiresOn ?? '9999-12-31').localeCompare(b.expiresOn ?? '9999-12-31') || a.i - b.i);
  let left = consumed;
  for (const l of order) {
    const take = Math.min(l.remaining, Math.max(0, left));
    l.remaining = round(l.remaining - take);
    left = round(left - take);
  }
  return order.sort((a, b) => a.i - b.i).map(({ i: _i, ...l }) => l);
}

/** Lots with something left whose expiry date is before `today`: amounts to write as `expire` entries. */
export function dueExpiries(states: LotState[], today: string): LotState[] {
  return states.filter((s) => s.expiresOn !== null && s.expiresOn < today && s.remaining > 0);
}

/** Carry-forward at year end: min(unused, cap), expiring on MM-DD of the next year (null = never). */
export function carryForward(unused: number, cap: number | null, expiryMmDd: string | null, year: number): { amount: number; expiresOn: string | null } {
  if (cap === null || cap <= 0 || unused <= 0) return { amount: 0, expiresOn: null };
  return { amount: Math.min(unused, cap), expiresOn: expiryMmDd ? `${year + 1}-${expiryMmDd}` : null };
}

/** Comp time for approved overtime: rest-day and holiday overtime always earns it, workday overtime per the policy. */
export interface CompPolicy { compTimeRatio: number; compForWorkdayOvertime: boolean; compTimeExpiryDays: number | null }

export function compTimeFor(dayKind: 'workday' | 'restday' | 'holiday', hours: number, policy: CompPolicy, grantedOn: string): { hours: number; expiresOn: string | null } {
  if (dayKind === 'workday' && !policy.compForWorkdayOvertime) return { hours: 0, expiresOn: null };
  const h = Math.round(hours * policy.compTimeRatio * 2) / 2;
  return { hours: h, expiresOn: h > 0 && policy.compTimeExpiryDays ? addDays(grantedOn, policy.compTimeExpiryDays) : null };
}
