import { useSandbox } from './helpers';

describe('phone page', () => {
  const { client } = useSandbox({ h5Url: 'http://127.0.0.1:3000/h5/' });

  it('serves the zh-CN page with the test ids browser tests drive', async () => {
    const r = await client().get('/');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/text\/html/);
    expect(r.text).toContain('<html lang="zh-CN">');
    for (const id of ['platform-dingtalk', 'platform-wecom', 'platform-feishu', 'open-app', 'person-list', 'corp-list', 'inbox'])
      expect(r.text).toContain(`data-testid="${id}"`);
    expect(r.text).toContain('工作通知 / 待办');
    const js = await client().get('/phone.js');
    expect(js.status).toBe(200);
    expect(js.text).toContain("'person-' + p.employeeNo");
    expect(js.text).toContain('/auth-codes');
    expect((await client().get('/phone.css')).status).toBe(200);
    expect(r.text).not.toContain('尚未实现');
    const inbox = await client().get('/inbox.js');
    expect(inbox.status).toBe(200);
    for (const id of ['inbox-item', 'card-approve', 'card-reject', 'inbox-open', 'item-status'])
      expect(inbox.text).toContain(`'${id}'`);
    expect(inbox.text).toContain("'data-item-id'");
    expect(inbox.text).toContain("'data-state'");
    expect(inbox.text).toContain('POLL_MS = 2000');
    expect(js.text).toContain('hrlinkInbox.start');
  });

  it('GET /corps gives what the page lists: people with department and title', async () => {
    const corps = (await client().control('GET', '/corps')).body;
    const e3 = corps[0].people.find((p: any) => p.employeeNo === 'E0003');
    expect(e3).toMatchObject({ name: '张伟', department: '研发部', title: '研发总监' });
    expect(corps[0].platforms.dingtalk.corpId).toBe('dingdemo0001corp');
  });

  it('lets other local origins drive the control API (CORS)', async () => {
    const pre = await client().call('OPTIONS', '/__sandbox/api/auth-codes');
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    const r = await client().control('GET', '/stats');
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
  });
});
