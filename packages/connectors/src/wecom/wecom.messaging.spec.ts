import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConnectorErrorKind, createConnector, shortCode } from '..';
import type { ApprovalCard } from '../messaging-types';
import { allAt, SeenRequest, startFixtureServer } from '../testing/fixture-server';

const fx = (name: string) => JSON.parse(readFileSync(join(__dirname, 'fixtures', name), 'utf8'));
const creds = { platform: 'wecom' as const, corpId: 'CORPID', appSecret: 'corp-secret', agentId: '1000002' };
const to = { userId: 'wx_E0003' };
const card = (over: Partial<ApprovalCard> = {}): ApprovalCard => ({
  idempotencyKey: 'approval:42:task:7:E0003',
  title: '张三的通用审批',
  form: [
    { label: '标题', value: '采购显示器' },
    { label: '金额', value: '1,299.00 元' },
  ],
  statusText: '待审批',
  link: { mobile: 'https://h5.example/approvals/42?platform=wecom', pc: 'https://pc.example/approvals/42' },
  buttons: { approveValue: 'a:7', rejectValue: 'r:7' },
  ...over,
});

async function setup(routes: Record<string, (r: SeenRequest) => unknown> = {}) {
  const server = await startFixtureServer({
    'GET /cgi-bin/gettoken': () => fx('gettoken.json'),
    'POST /cgi-bin/message/send': () => fx('message-send.json'),
    'POST /cgi-bin/message/update_template_card': () => fx('update-template-card.json'),
    ...routes,
  });
  return { server, c: createConnector(creds, { baseUrls: allAt(server.url) }) };
}
const sends = (server: { seen: SeenRequest[] }) => server.seen.filter((r) => r.path === '/cgi-bin/message/send');

describe('WeCom messaging against the documented answers', () => {
  it('sendCard: button_interaction template card with 同意 / 拒绝, duplicate check, and the response_code kept', async () => {
    const { server, c } = await setup();
    try {
      const ref = await c.sendCard(to, card());
      const body = sends(server)[0].body;
      const taskId = body.template_card.task_id as string;
      expect(taskId).toMatch(/^[A-Za-z0-9_\-@]{1,128}$/);
      expect(ref).toEqual({ platform: 'wecom', messageId: 'xxxx', responseCode: 'xyzxyz', extra: { taskId } });
      expect(body).toEqual({
        touser: 'wx_E0003',
        agentid: 1000002,
        msgtype: 'template_card',
        template_card: {
          card_type: 'button_interaction',
          source: { desc: '审批' },
          main_title: { title: '张三的通用审批', desc: `编号：${shortCode('approval:42:task:7:E0003')}` },
          horizontal_content_list: [
            { keyname: '标题', value: '采购显示器' },
            { keyname: '金额', value: '1,299.00 元' },
            { keyname: '状态', value: '待审批' },
          ],
          card_action: { type: 1, url: card().link.mobile },
          task_id: taskId,
          button_list: [
            { text: '同意', style: 1, key: 'a:7' },
            { text: '拒绝', style: 2, key: 'r:7' },
          ],
        },
        enable_duplicate_check: 1,
        duplicate_check_interval: 14400,
      });
      // The same key gives the same task_id (a resend is the same card); a valid key is used as is.
      await c.sendCard(to, card());
      expect(sends(server)[1].body.template_card.task_id).toBe(taskId);
      await c.sendCard(to, card({ idempotencyKey: 'appr-7_E0003' }));
      expect(sends(server)[2].body.template_card.task_id).toBe('appr-7_E0003');
    } finally {
      await server.close();
    }
  });

  it('a card without buttons is a textcard', async () => {
    const { server, c } = await setup();
    try {
      const ref = await c.sendCard(to, card({ buttons: null, statusText: '已同意' }));
      expect(ref.responseCode).toBeNull();
      const body = sends(server)[0].body;
      expect(body.msgtype).toBe('textcard');
      expect(body.textcard).toMatchObject({ title: '张三的通用审批', url: card().link.mobile, btntxt: '详情' });
      expect(body.textcard.description).toContain('标题：采购显示器\n金额：1,299.00 元\n状态：已同意\n编号：');
    } finally {
      await server.close();
    }
  });

  it('updateCard uses the response_code once, then falls back to a textcard notice and says so', async () => {
    const { server, c } = await setup();
    try {
      const ref = await c.sendCard(to, card());
      const once = await c.updateCard({ ...ref, responseCode: 'rc-from-click' }, to, { state: 'approved', statusText: '已同意', card: card() });
      expect(server.seen.find((r) => r.path.endsWith('update_template_card'))!.body).toEqual({
        userids: ['wx_E0003'],
        agentid: 1000002,
        response_code: 'rc-from-click',
        button: { replace_name: '已同意' },
      });
      expect(once.responseCode).toBeNull();
      expect(once.extra).toMatchObject({ updatedBy: 'update_template_card' });
      const twice = await c.updateCard(once, to, { state: 'approved', statusText: '已同意', card: card() });
      expect(twice.extra).toMatchObject({ updatedBy: 'notice', noticeMessageId: 'xxxx' });
      expect(server.count('POST /cgi-bin/message/update_template_card')).toBe(1);
      expect(sends(server).at(-1)!.body.msgtype).toBe('textcard');
    } finally {
      await server.close();
    }
  });

  it('an expired response_code (platform error) also falls back to the notice', async () => {
    const { server, c } = await setup({ 'POST /cgi-bin/message/update_template_card': () => ({ errcode: 40258, errmsg: 'response_code expired' }) });
    try {
      const ref = await c.sendCard(to, card());
      const r = await c.updateCard(ref, to, { state: 'withdrawn', statusText: '已撤回', card: card() });
      expect(r.extra).toMatchObject({ updatedBy: 'notice' });
    } finally {
      await server.close();
    }
  });

  it('81013 and a partial success listing the user as invalid are RecipientInvalid; 45009 is retried', async () => {
    const bad = await setup({ 'POST /cgi-bin/message/send': () => fx('error-81013.json') });
    try {
      const err: any = await bad.c.sendCard(to, card()).catch((e) => e);
      expect([err.kind, err.platformCode]).toEqual([ConnectorErrorKind.RecipientInvalid, 81013]);
    } finally {
      await bad.server.close();
    }
    const partial = await setup({ 'POST /cgi-bin/message/send': () => ({ ...fx('message-send.json'), invaliduser: 'wx_E0003' }) });
    try {
      expect(((await partial.c.sendNotice(to, { idempotencyKey: 'n', title: 't', text: 'x', link: card().link }).catch((e) => e)) as any).kind).toBe(
        ConnectorErrorKind.RecipientInvalid,
      );
    } finally {
      await partial.server.close();
    }
    let n = 0;
    const limited = await setup({ 'POST /cgi-bin/message/send': () => (++n === 1 ? { errcode: 45009, errmsg: 'api freq out of limit' } : fx('message-send.json')) });
    try {
      expect((await limited.c.sendCard(to, card())).messageId).toBe('xxxx');
      expect(n).toBe(2);
    } finally {
      await limited.server.close();
    }
  });
});
