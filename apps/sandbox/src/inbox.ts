import { randomBytes } from 'node:crypto';
import type { Clock } from './core/clock';
import type { Platform } from './core/types';

/**
 * Every message the sandbox delivered, per corp + platform + user, with its CURRENT state (status bar after
 * updates, card after patches, to-do done or not). The phone page and the control API read it; the
 * platform messaging handlers write it.
 */
export type ItemKind = 'oa' | 'action_card' | 'text' | 'template_card' | 'interactive' | 'todo';

/**
 * - actionable: a card whose buttons can be pressed
 * - pressed:    a button was pressed and our server accepted the callback; waiting for the card update
 * - updated:    the sender changed it afterwards (status bar, replaced button, patched card without buttons)
 * - delivered:  a notice without buttons, not changed since
 * - open / done: a to-do
 */
export type ItemState = 'actionable' | 'pressed' | 'updated' | 'delivered' | 'open' | 'done';

export interface InboxButton {
  /** WeCom button key. */
  key?: string;
  /** Feishu button value (object as sent). */
  value?: unknown;
  text: string;
  /** DingTalk action_card button / Feishu url button: opens a link instead of calling back. */
  url?: string;
}

export interface HistoryEntry {
  at: number;
  what: string;
  detail?: unknown;
}

export interface InboxItem {
  id: string;
  corpKey: string;
  platform: Platform;
  /** The recipient: employee number and the platform user id the message was addressed to. */
  employeeNo: string;
  userId: string;
  kind: ItemKind;
  title: string;
  form: Array<{ key: string; value: string }>;
  content: string;
  statusText: string;
  buttons: InboxButton[];
  /** Where tapping the body goes (H5 URL, eapp:// path, mini-program page path, Feishu applink). */
  link: string | null;
  state: ItemState;
  createdAt: number;
  updatedAt: number;
  history: HistoryEntry[];
  /** Platform references: DingTalk task_id / todo id, WeCom msgid + task_id, Feishu message_id, and raw content. */
  ref: Record<string, any>;
  /** What our server answered to the last button press. */
  lastCallback?: { status: number; body: string };
}

export type ItemView = Omit<InboxItem, 'ref' | 'corpKey'> & { corp: string };

export function itemView(i: InboxItem): ItemView {
  const { ref: _ref, corpKey, ...rest } = i;
  return { ...rest, corp: corpKey, buttons: i.state === 'actionable' ? i.buttons : [] };
}

const DAY_MS = 86_400_000;
const CST_OFFSET_MS = 8 * 3600_000;

export class InboxStore {
  private items = new Map<string, InboxItem>();
  /** DingTalk work-notice limits per (corp, user, China day): count and the content digests seen. */
  private daily = new Map<string, { count: number; digests: Set<string> }>();
  /** WeCom response codes: single use, 72 h (update_template_card doc, path/94888). */
  private responseCodes = new Map<string, { corpKey: string; taskId: string; expiresAt: number; used: boolean }>();
  /** Per-platform send records (DingTalk task_id → result lists, WeCom task_ids, Feishu uuids…). */
  readonly records = new Map<string, any>();

  constructor(private readonly clock: Clock) {}

  add(input: Omit<InboxItem, 'id' | 'createdAt' | 'updatedAt' | 'history'> & { history?: HistoryEntry[] }): InboxItem {
    const now = this.clock.now();
    const item: InboxItem = {
      ...input,
      id: `it_${randomBytes(8).toString('hex')}`,
      createdAt: now,
      updatedAt: now,
      history: [{ at: now, what: 'delivered' }, ...(input.history ?? [])],
    };
    this.items.set(item.id, item);
    return item;
  }

  get(id: string): InboxItem | undefined {
    return this.items.get(id);
  }

  /** Applies a change and records it in the item's history. */
  change(item: InboxItem, what: string, patch: Partial<InboxItem>, detail?: unknown): InboxItem {
    Object.assign(item, patch);
    item.updatedAt = Math.max(this.clock.now(), item.updatedAt + 1);
    item.history.push({ at: item.updatedAt, what, ...(detail === undefined ? {} : { detail }) });
    return item;
  }

  find(pred: (i: InboxItem) => boolean): InboxItem[] {
    return [...this.items.values()].filter(pred);
  }

  list(filter: { corpKey?: string; platform?: Platform; employeeNo?: string }): InboxItem[] {
    return this.find(
      (i) =>
        (!filter.corpKey || i.corpKey === filter.corpKey) &&
        (!filter.platform || i.platform === filter.platform) &&
        (!filter.employeeNo || i.employeeNo === filter.employeeNo),
    ).sort((a, b) => b.createdAt - a.createdAt || (b.id < a.id ? -1 : 1));
  }

  /**
   * DingTalk work-notice flow control: the same content to the same user once a day, at most `max` notices per
   * user per day. Returns why the notice is dropped, or null when it may be delivered (and counts it).
   */
  dingtalkAdmit(corpKey: string, userId: string, digest: string, max: number): 'duplicate' | 'over_limit' | null {
    const day = Math.floor((this.clock.now() + CST_OFFSET_MS) / DAY_MS);
    const key = `${corpKey}:${userId}:${day}`;
    let d = this.daily.get(key);
    if (!d) this.daily.set(key, (d = { count: 0, digests: new Set() }));
    if (d.digests.has(digest)) return 'duplicate';
    if (d.count >= max) return 'over_limit';
    d.count++;
    d.digests.add(digest);
    return null;
  }

  /** A new WeCom response_code for a card task (from a send or a click). */
  issueResponseCode(item: Pick<InboxItem, 'corpKey' | 'ref'>): string {
    const code = randomBytes(24).toString('base64url');
    this.responseCodes.set(code, { corpKey: item.corpKey, taskId: String(item.ref.taskId ?? ''), expiresAt: this.clock.now() + 72 * 3600_000, used: false });
    return code;
  }

  /** Uses a response code up; returns the card task it belongs to or why it cannot be used. */
  useResponseCode(corpKey: string, code: string): { taskId: string } | { reason: 'unknown' | 'used' | 'expired' } {
    const r = this.responseCodes.get(code);
    if (!r || r.corpKey !== corpKey) return { reason: 'unknown' };
    if (r.used) return { reason: 'used' };
    if (r.expiresAt <= this.clock.now()) return { reason: 'expired' };
    r.used = true;
    return { taskId: r.taskId };
  }

  clear(): void {
    this.items.clear();
    this.daily.clear();
    this.responseCodes.clear();
    this.records.clear();
  }
}
