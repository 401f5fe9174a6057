import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConnectorErrorKind, createConnector, shortCode } from '..';
import type { ApprovalCard } from '../messaging-types';
import { allAt, SeenRequest, startFixtureServer } from '../testing/fixture-server';

const fx = (name: string) => JSON.parse(readFileSync(join(__dirname, 'fixtures', name), 'utf8'));
const creds = { platform: 'dingtalk' as const, corpId: 'dingcorp', appKey: 'appkey', appSecret: 'secret', agentId: '3000000001' };
const to = { userId: 'dd_E0003', unionId: 'union-E0003' };
const card = (over: Partial<ApprovalCard> = {}): ApprovalCard => ({
  idempotencyKey: 'approval:42:task:7:E0003',
  title: '张三的通用审批',
  form: [
    { label: '标题', value: '采购显示器' },
    { label: '金额', value: '1,299.00 元' },
  ],
  statusText: '待审批',
  link: { mobile: 'https://h5.example/approvals/42?platform=dingtalk', pc: 'https://pc.example/approvals/42' },
  buttons: { approveValue: 'a:7', rejectValue: 'r:7' },
  createTodo: true,
  dueAt: 1_790_000_000_000,
  ...over,
});

async function setup(routes: Record<string, (r: SeenRequest) => unknown> = {}) {
  const server = await startFixtureServer({
    'GET /gettoken': () => fx('gettoken.json'),
    'POST /v1.0/oauth2/accessToken': () => fx('access-token-v1.json'),
    'POST /topapi/message/corpconversation/asyncsend_v2': () => fx('asyncsend-v2.json'),
    'POST /topapi/message/corpconversation/getsendresult': () => fx('getsendresult.json'),
    'POST /topapi/message/corpconversation/status_bar/update': () => fx('status-bar-update.json'),
    'POST /v1.0/todo/users/union-E0003/tasks': () => fx('todo-create.json'),
    'PUT /v1.0/todo/users/union-E0003/tasks/OPENTaskid1234': () => fx('todo-update.json'),
    ...routes,
  });
  return { server, c: createConnector(creds, { baseUrls: allAt(server.url) }) };
}

describe('DingTalk messaging against the documented answers', () => {
  it('sendCard: an oa work notice with form rows, 编号 and status bar, then a to-do keyed by unionId', async () => {
    const { server, c } = await setup();
    try {
      const ref = await c.sendCard(to, card());
      expect(ref).toEqual({ platform: 'dingtalk', messageId: '256271667526', todoId: 'OPENTaskid1234' });
      const send = server.seen.find((r) => r.path.endsWith('asyncsend_v2'))!;
      expect(send.query.access_token).toBeTruthy();
      expect(send.body).toEqual({
        agent_id: 3000000001,
        userid_list: 'dd_E0003',
        msg: {
          msgtype: 'oa',
          oa: {
            message_url: card().link.mobile,
            pc_message_url: card().link.pc,
            head: { bgcolor: 'FF1890FF', text: '审批' },
            body: {
              title: '张三的通用审批',
              form: [
                { key: '标题：', value: '采购显示器' },
                { key: '金额：', value: '1,299.00 元' },
                { key: '编号：', value: shortCode('approval:42:task:7:E0003') },
              ],
            },
            status_bar: { status_value: '待审批', status_bg: '0xFF1890FF' },
          },
        },
      });
      const todo = server.seen.find((r) => r.path.startsWith('/v1.0/todo'))!;
      expect(todo.query).toEqual({ operatorId: 'union-E0003' });
      expect(todo.headers['x-acs-dingtalk-access-token']).toBe('fw8ef8we8f76e6f7s8df8s');
      expect(todo.body).toMatchObject({
        sourceId: 'approval:42:task:7:E0003',
        subject: '张三的通用审批',
        executorIds: ['union-E0003'],
        detailUrl: { appUrl: card().link.mobile, pcUrl: card().link.pc },
        dueTime: 1_790_000_000_000,
      });
    } finally {
      await server.close();
    }
  });

  it('two approvals with identical rows still differ in content (DingTalk drops identical notices per user per day)', async () => {
    const { server, c } = await setup();
    try {
      await c.sendCard(to, card({ idempotencyKey: 'approval:1:task:1', createTodo: false }));
      await c.sendCard(to, card({ idempotencyKey: 'approval:2:task:2', createTodo: false }));
      const [a, b] = server.seen.filter((r) => r.path.endsWith('asyncsend_v2')).map((r) => JSON.stringify(r.body.msg));
      expect(a).not.toBe(b);
      expect(server.count('POST /v1.0/todo/users/union-E0003/tasks')).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('no to-do without a unionId; a failed to-do does not fail the delivered notice', async () => {
    const { server, c } = await setup({
      'POST /v1.0/todo/users/union-E0003/tasks': () => ({ status: 400, body: { code: 'invalidParameter.sourceId', message: 'bad' } }),
    });
    try {
      expect((await c.sendCard({ userId: 'dd_E0003' }, card())).todoId).toBeNull();
      const ref = await c.sendCard(to, card());
      expect(ref.messageId).toBe('256271667526');
      expect(ref.todoId).toBeNull();
      expect(String(ref.extra?.todoError)).toMatch(/^platform: .*invalidParameter\.sourceId/);
    } finally {
      await server.close();
    }
  });

  it('updateCard: status bar update with the decision colour, and the to-do marked done', async () => {
    const { server, c } = await setup();
    try {
      const ref = await c.sendCard(to, card());
      const updated = await c.updateCard(ref, to, { state: 'rejected', statusText: '已拒绝', card: card() });
      expect(updated).toMatchObject({ messageId: '256271667526', todoId: 'OPENTaskid1234', extra: { statusText: '已拒绝', todoDone: true } });
      expect(server.seen.find((r) => r.path.endsWith('status_bar/update'))!.body).toEqual({
        agent_id: 3000000001,
        task_id: 256271667526,
        status_value: '已拒绝',
        status_bg: '0xFFF5222D',
      });
      const put = server.seen.find((r) => r.method === 'PUT')!;
      expect(put.path).toBe('/v1.0/todo/users/union-E0003/tasks/OPENTaskid1234');
      expect(put.query).toEqual({ operatorId: 'union-E0003' });
      expect(put.body).toEqual({ done: true });
    } finally {
      await server.close();
    }
  });

  it('sendNotice: an oa notice whose content carries the code; rate limits retried; other errors mapped', async () => {
    let n = 0;
    const { server, c } = await setup({
      'POST /topapi/message/corpconversation/asyncsend_v2': () => (++n === 1 ? { errcode: 90018, errmsg: '每秒调用频率超限' } : fx('asyncsend-v2.json')),
    });
    try {
      const ref = await c.sendNotice(to, { idempotencyKey: 'notice:9', title: '审批已通过', text: '你的通用审批已通过', link: card().link });
      expect(ref).toEqual({ platform: 'dingtalk', messageId: '256271667526' });
      const body = server.seen.filter((r) => r.path.endsWith('asyncsend_v2')).at(-1)!.body;
      expect(body.msg.oa.body).toEqual({ title: '审批已通过', content: `你的通用审批已通过\n编号：${shortCode('notice:9')}` });
      expect(n).toBe(2);
    } finally {
      await server.close();
    }
    const bad = await setup({ 'POST /topapi/message/corpconversation/asyncsend_v2': () => ({ errcode: 33012, errmsg: '无效的USERID' }) });
    try {
      const err: any = await bad.c.sendCard(to, card()).catch((e) => e);
      expect([err.kind, err.platformCode]).toEqual([ConnectorErrorKind.Platform, 33012]);
    } finally {
      await bad.server.close();
    }
  });

  it('getsendresult after every send: same content today (143106) → duplicateOfEarlier; daily limit (143105) → permanent error; unknown user → RecipientInvalid', async () => {
    const result = (over: Record<string, unknown>) => () => {
      const base = fx('getsendresult.json');
      return { ...base, send_result: { ...base.send_result, unread_user_id_list: [], ...over } };
    };
    const forbid = (code: string) => result({ forbidden_user_id_list: ['dd_E0003'], forbidden_list: [{ code, count: 1, userid: 'dd_E0003' }] });
    let { server, c } = await setup({ 'POST /topapi/message/corpconversation/getsendresult': forbid('143106') });
    try {
      expect(await c.sendCard(to, card({ createTodo: false }))).toEqual({ platform: 'dingtalk', messageId: '256271667526', todoId: null, duplicateOfEarlier: true });
      const check = server.seen.find((r) => r.path.endsWith('getsendresult'))!;
      expect(check.body).toEqual({ agent_id: 3000000001, task_id: 256271667526 });
    } finally {
      await server.close();
    }
    ({ server, c } = await setup({ 'POST /topapi/message/corpconversation/getsendresult': forbid('143105') }));
    try {
      const err = await c.sendNotice(to, { idempotencyKey: 'n', title: 't', text: 'x', link: card().link }).catch((e) => e);
      expect(err).toMatchObject({ kind: ConnectorErrorKind.Platform, platformCode: '143105', permanent: true });
      expect(err.message).toMatch(/did not deliver.*daily limit/);
    } finally {
      await server.close();
    }
    ({ server, c } = await setup({ 'POST /topapi/message/corpconversation/getsendresult': result({ invalid_user_id_list: ['dd_E0003'] }) }));
    try {
      expect(await c.sendNotice(to, { idempotencyKey: 'n', title: 't', text: 'x', link: card().link }).catch((e) => e.kind)).toBe(ConnectorErrorKind.RecipientInvalid);
    } finally {
      await server.close();
    }
  });

  it('updateCard on a ref whose send was dropped as a duplicate sends the result as a new notice (its status bar is unreachable)', async () => {
    const { server, c } = await setup();
    try {
      const next = await c.updateCard({ platform: 'dingtalk', messageId: '1', duplicateOfEarlier: true }, to, { state: 'approved', statusText: '已同意', card: card() });
      expect(next).toMatchObject({ messageId: '256271667526', duplicateOfEarlier: false, extra: { updatedBy: 'notice', statusText: '已同意' } });
      expect(server.seen.some((r) => r.path.endsWith('status_bar/update'))).toBe(false);
      const sent = server.seen.filter((r) => r.path.endsWith('asyncsend_v2')).at(-1)!;
      expect(sent.body.msg.oa.status_bar.status_value).toBe('已同意');
    } finally {
      await server.close();
    }
  });
});
