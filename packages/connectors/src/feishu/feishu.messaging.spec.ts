import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConnectorErrorKind, createConnector } from '..';
import type { ApprovalCard } from '../messaging-types';
import { allAt, SeenRequest, startFixtureServer } from '../testing/fixture-server';

const fx = (name: string) => JSON.parse(readFileSync(join(__dirname, 'fixtures', name), 'utf8'));
const creds = { platform: 'feishu' as const, corpId: 'tenant', appKey: 'cli_app', appSecret: 'secret' };
const to = { userId: 'fs_E0003', openId: 'ou_e0003' };
const card = (over: Partial<ApprovalCard> = {}): ApprovalCard => ({
  idempotencyKey: 'approval:42:task:7:E0003:' + 'x'.repeat(60),
  title: '张三的通用审批',
  form: [
    { label: '标题', value: '采购显示器' },
    { label: '金额', value: '1,299.00 元' },
  ],
  statusText: '待审批',
  link: { mobile: 'https://h5.example/approvals/42?platform=feishu', pc: 'https://pc.example/approvals/42' },
  buttons: { approveValue: 'a:7', rejectValue: 'r:7' },
  ...over,
});

async function setup(routes: Record<string, (r: SeenRequest) => unknown> = {}) {
  const server = await startFixtureServer({
    'POST /open-apis/auth/v3/tenant_access_token/internal': () => fx('tenant-access-token.json'),
    'POST /open-apis/im/v1/messages': () => fx('message-create.json'),
    'PATCH /open-apis/im/v1/messages/om_dc13264520392913993dd051dba21dcf': () => fx('message-patch.json'),
    ...routes,
  });
  return { server, c: createConnector(creds, { baseUrls: allAt(server.url) }) };
}
const actionsOf = (content: any) => content.elements.find((e: any) => e.tag === 'action').actions;

describe('Feishu messaging against the documented answers', () => {
  it('sendCard: interactive card (update_multi, fields, status line, link + 同意 / 拒绝 value buttons) with a stable uuid', async () => {
    const { server, c } = await setup();
    try {
      const ref = await c.sendCard(to, card());
      expect(ref).toEqual({ platform: 'feishu', messageId: 'om_dc13264520392913993dd051dba21dcf' });
      const send = server.seen.find((r) => r.path === '/open-apis/im/v1/messages')!;
      expect(send.query).toEqual({ receive_id_type: 'open_id' });
      expect(send.headers.authorization).toMatch(/^Bearer t-/);
      expect(send.body.receive_id).toBe('ou_e0003');
      expect(send.body.msg_type).toBe('interactive');
      expect(send.body.uuid.length).toBeLessThanOrEqual(50);
      const content = JSON.parse(send.body.content);
      expect(content.config).toEqual({ wide_screen_mode: true, update_multi: true });
      expect(content.header).toEqual({ template: 'blue', title: { tag: 'plain_text', content: '张三的通用审批' } });
      expect(content.elements[0].fields.map((f: any) => f.text.content)).toEqual(['标题：采购显示器', '金额：1,299.00 元']);
      expect(content.elements[1].text.content).toMatch(/^状态：待审批\n编号：[A-Z0-9]{6}$/);
      const actions = actionsOf(content);
      expect(actions[0].multi_url).toMatchObject({ url: card().link.mobile, pc_url: card().link.pc });
      expect(actions.slice(1).map((a: any) => [a.text.content, a.value])).toEqual([
        ['同意', { v: 'a:7' }],
        ['拒绝', { v: 'r:7' }],
      ]);
      await c.sendCard(to, card());
      const uuids = server.seen.filter((r) => r.path === '/open-apis/im/v1/messages').map((r) => r.body.uuid);
      expect(uuids[1]).toBe(uuids[0]);
      await c.sendCard({ userId: 'fs_E0003' }, card());
      expect(server.seen.filter((r) => r.path === '/open-apis/im/v1/messages').at(-1)!.query).toEqual({ receive_id_type: 'user_id' });
    } finally {
      await server.close();
    }
  });

  it('updateCard: PATCH the message with the card re-rendered, no callback buttons, the new status and colour', async () => {
    const { server, c } = await setup();
    try {
      const ref = await c.sendCard(to, card());
      const r = await c.updateCard(ref, to, { state: 'approved', statusText: '已同意', card: card() });
      expect(r).toMatchObject({ messageId: ref.messageId, extra: { statusText: '已同意' } });
      const patch = server.seen.find((x) => x.method === 'PATCH')!;
      const content = JSON.parse(patch.body.content);
      expect(content.config.update_multi).toBe(true);
      expect(content.header.template).toBe('green');
      expect(content.elements[1].text.content).toMatch(/^状态：已同意/);
      expect(actionsOf(content).map((a: any) => a.text.content)).toEqual(['查看详情']);
    } finally {
      await server.close();
    }
  });

  it('sendNotice: a card without buttons; 230013 is RecipientInvalid; HTTP 429 waits for x-ogw-ratelimit-reset', async () => {
    let n = 0;
    const { server, c } = await setup({
      'POST /open-apis/im/v1/messages': (r) =>
        r.body.receive_id === 'ou_gone'
          ? fx('error-230013.json')
          : ++n === 1
            ? { status: 429, headers: { 'x-ogw-ratelimit-reset': '0' }, body: { code: 99991400, msg: 'request trigger frequency limit' } }
            : fx('message-create.json'),
    });
    try {
      const ref = await c.sendNotice(to, { idempotencyKey: 'notice:9', title: '审批已通过', text: '你的通用审批已通过', link: card().link });
      expect(ref.messageId).toBe('om_dc13264520392913993dd051dba21dcf');
      expect(n).toBe(2);
      const content = JSON.parse(server.seen.at(-1)!.body.content);
      expect(actionsOf(content).map((a: any) => a.text.content)).toEqual(['查看详情']);
      const err: any = await c.sendCard({ userId: 'x', openId: 'ou_gone' }, card()).catch((e) => e);
      expect([err.kind, err.platformCode]).toEqual([ConnectorErrorKind.RecipientInvalid, 230013]);
    } finally {
      await server.close();
    }
  });
});
