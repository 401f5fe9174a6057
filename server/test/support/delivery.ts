import { randomUUID } from 'node:crypto';
import type { Platform } from '@hrlink/shared';
import { ApprovalEvent, ApprovalInstanceRef } from '../../src/modules/approvals/approval-events';
import { Transactions } from '../../src/database/transactions';
import { OutboxService } from '../../src/modules/notifications/outbox.service';
import { Dispatcher } from '../../src/modules/notifications/dispatcher.service';
import { OutboxMessage } from '../../src/modules/notifications/entities/outbox-message.entity';
import { Employee } from '../../src/modules/org/entities/employee.entity';
import type { Harness } from './harness';

export const PLATFORMS: Platform[] = ['dingtalk', 'wecom', 'feishu'];

/** Registers every demo binding's callback URL with the sandbox, as HR would paste it into the developer console. */
export async function registerCallbacks(h: Harness, token: string): Promise<Record<Platform, { id: string }>> {
  const bindings = (await h.api('GET', '/integrations/bindings', { token })).body as { id: string; platform: Platform; callbackPath: string }[];
  const out = {} as Record<Platform, { id: string }>;
  for (const b of bindings) {
    const r = await h.control<{ ok: boolean; error?: string }>('PUT', '/callbacks', { corp: 'demo', platform: b.platform, url: `${h.url}/api${b.callbackPath}` });
    if (!r.ok) throw new Error(`callback registration failed for ${b.platform}: ${r.error}`);
    out[b.platform] = { id: b.id };
  }
  return out;
}

export async function employeeByNo(h: Harness, no: string): Promise<Employee> {
  return h.ds.getRepository(Employee).findOneByOrFail({ employeeNo: no });
}

/** Emits an approval event through the outbox listener inside a transaction, as the engine does. */
export async function emit(h: Harness, e: ApprovalEvent): Promise<void> {
  await h.app.get(Transactions).run((m) => h.app.get(OutboxService).onApprovalEvent(m, e));
}

export async function instanceRef(h: Harness, applicantNo: string, title: string): Promise<ApprovalInstanceRef> {
  const a = await employeeByNo(h, applicantNo);
  return { tenantId: a.tenantId, instanceId: randomUUID(), businessType: 'general', businessId: null, applicantId: a.id, title };
}

export async function dispatchUntilIdle(h: Harness, rounds = 20): Promise<void> {
  const d = h.app.get(Dispatcher);
  for (let i = 0; i < rounds; i++) {
    const r = await d.dispatchOnce();
    if (r.claimed === 0) {
      const due = await h.ds.getRepository(OutboxMessage).count({ where: [{ status: 'pending' }, { status: 'sending' }] });
      if (due === 0) return;
      await new Promise((res) => setTimeout(res, 100));
    }
  }
}

export interface InboxItem {
  id: string;
  kind: string;
  title: string;
  form: { key: string; value: string }[];
  content: string;
  statusText: string;
  buttons: { key?: string; value?: string; text: string }[];
  link: string;
  state: string;
}

export async function inbox(h: Harness, platform: Platform, employeeNo: string): Promise<InboxItem[]> {
  return h.control('GET', `/inbox?corp=demo&platform=${platform}&employeeNo=${employeeNo}`);
}
