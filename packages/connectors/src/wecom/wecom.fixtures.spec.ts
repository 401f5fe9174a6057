import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConnectorErrorKind, createConnector } from '..';
import { allAt, SeenRequest, startFixtureServer } from '../testing/fixture-server';

const fx = (name: string) => JSON.parse(readFileSync(join(__dirname, 'fixtures', name), 'utf8'));

const creds = { platform: 'wecom' as const, corpId: 'CORPID', appSecret: 'corp-secret', agentId: '1000002' };

async function setup(routes: Record<string, (r: SeenRequest) => unknown> = {}, corpId = 'CORPID') {
  const server = await startFixtureServer({
    'GET /cgi-bin/gettoken': () => fx('gettoken.json'),
    'GET /cgi-bin/miniprogram/jscode2session': (r) => (r.query.js_code === 'good-code' ? fx('jscode2session.json') : fx('error-invalid-code.json')),
    'GET /cgi-bin/department/list': () => fx('department-list.json'),
    'GET /cgi-bin/user/list': () => fx('user-list.json'),
    ...routes,
  });
  const connector = createConnector({ ...creds, corpId }, { baseUrls: allAt(server.url) });
  return { server, connector };
}

describe('WeCom connector against the documented examples', () => {
  it('exchanges a wx.qy.login code with jscode2session and checks the corp', async () => {
    const { server, connector } = await setup();
    try {
      expect(await connector.exchangeAuthCode('good-code')).toEqual({
        platform: 'wecom',
        corpId: 'CORPID',
        userId: 'USERID',
        unionId: null,
        openId: null,
        name: null,
      });
      const call = server.seen.find((r) => r.path === '/cgi-bin/miniprogram/jscode2session')!;
      expect(call.query).toEqual({ access_token: 'accesstoken000001', js_code: 'good-code', grant_type: 'authorization_code' });
      expect(server.seen[0].query).toEqual({ corpid: 'CORPID', corpsecret: 'corp-secret' });
      expect((await connector.exchangeAuthCode('bad').catch((e) => e)).kind).toBe(ConnectorErrorKind.InvalidCode);
    } finally {
      await server.close();
    }
  });

  it('refuses a code of another corp (returned corpid ≠ binding corpId) with CorpMismatch', async () => {
    const { server, connector } = await setup({}, 'wwothercorp');
    try {
      expect((await connector.exchangeAuthCode('good-code').catch((e) => e)).kind).toBe(ConnectorErrorKind.CorpMismatch);
    } finally {
      await server.close();
    }
  });

  it('reads the org: one department/list, user/list per department, a person in two lists kept once', async () => {
    const { server, connector } = await setup();
    try {
      const org = await connector.fetchOrg();
      expect(org.departments).toEqual([
        { id: '2', parentId: '1', name: '广州研发中心', order: 10, leaderUserIds: ['zhangsan', 'lisi'] },
        { id: '3', parentId: '2', name: '邮箱产品部', order: 40, leaderUserIds: ['lisi', 'wangwu'] },
      ]);
      expect(org.users).toEqual([
        {
          userId: 'zhangsan',
          unionId: null,
          openId: null,
          name: '李四',
          mobile: '13800000000',
          employeeNo: null, // the doc example has no 工号 attribute
          title: '后台工程师',
          departmentIds: ['1', '2'],
          mainDepartmentId: '1',
          managerUserId: 'lisi',
          leaderOfDepartmentIds: ['1'],
          hiredDate: null,
          active: true,
        },
      ]);
      expect(server.seen.filter((r) => r.path === '/cgi-bin/user/list').map((r) => r.query.department_id).sort()).toEqual(['2', '3']);
      expect(org.requestCount).toBe(4);
    } finally {
      await server.close();
    }
  });

  it('takes the employee number from the custom attribute 工号 and maps an empty mobile to null (synthetic member)', async () => {
    const doc = fx('user-list.json').userlist[0];
    const member = {
      ...doc,
      mobile: '',
      extattr: { attrs: [...doc.extattr.attrs, { type: 0, name: '工号', text: { value: 'E0007' } }] },
    };
    const { server, connector } = await setup({
      'GET /cgi-bin/user/get': (r) => (r.query.userid === 'zhangsan' ? { errcode: 0, errmsg: 'ok', ...member } : { errcode: 60111, errmsg: 'userid not found' }),
    });
    try {
      expect(await connector.getUser('zhangsan')).toMatchObject({ employeeNo: 'E0007', mobile: null });
      expect(await connector.getUser('ghost')).toBeNull();
    } finally {
      await server.close();
    }
  });

  it('on 42001 (token expired early) refreshes once and retries', async () => {
    let calls = 0;
    const { server, connector } = await setup({
      'GET /cgi-bin/department/list': () => (++calls === 1 ? { errcode: 42001, errmsg: 'access_token expired' } : fx('department-list.json')),
      'GET /cgi-bin/user/list': () => ({ errcode: 0, errmsg: 'ok', userlist: [] }),
    });
    try {
      const org = await connector.fetchOrg();
      expect(org.departments).toHaveLength(2);
      expect(server.count('GET /cgi-bin/gettoken')).toBe(2);
    } finally {
      await server.close();
    }
  });

  it('a wrong secret (gettoken 40001) is AuthFailed', async () => {
    const { server, connector } = await setup({ 'GET /cgi-bin/gettoken': () => ({ errcode: 40001, errmsg: 'invalid credential' }) });
    try {
      expect((await connector.testConnection().catch((e) => e)).kind).toBe(ConnectorErrorKind.AuthFailed);
    } finally {
      await server.close();
    }
  });
});
