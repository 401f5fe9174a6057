import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConnectorError, ConnectorErrorKind, createConnector } from '..';
import { DingTalkConnector } from './connector';
import { allAt, SeenRequest, startFixtureServer } from '../testing/fixture-server';

const fx = (name: string) => JSON.parse(readFileSync(join(__dirname, 'fixtures', name), 'utf8'));
/** Not doc examples: an empty result list / last page, written here. */
const EMPTY_LIST = { errcode: 0, errmsg: 'ok', result: [] };
const EMPTY_PAGE = { errcode: 0, errmsg: 'ok', result: { has_more: false, list: [] } };

const creds = { platform: 'dingtalk' as const, corpId: 'dingcorp', appKey: 'appkey1', appSecret: 'secret1' };

async function setup(routes: Record<string, (r: SeenRequest) => unknown> = {}) {
  const server = await startFixtureServer({
    'GET /gettoken': () => fx('gettoken.json'),
    'POST /v1.0/oauth2/accessToken': () => fx('access-token-v1.json'),
    'POST /topapi/v2/user/getuserinfo': (r) => (r.body.code === 'good-code' ? fx('getuserinfo.json') : fx('error-invalid-code.json')),
    'POST /topapi/v2/department/get': () => fx('department-get.json'),
    'POST /topapi/v2/department/listsub': (r) => (r.body.dept_id === 1 ? fx('listsub.json') : EMPTY_LIST),
    'POST /topapi/v2/user/list': (r) =>
      r.body.dept_id === 100 && r.body.cursor === 0 ? fx('user-list.json') : EMPTY_PAGE,
    'POST /topapi/v2/user/get': (r) =>
      r.body.userid === 'zhangsan' ? fx('user-get.json') : { errcode: 60121, errmsg: '找不到该用户' },
    ...routes,
  });
  const connector = createConnector(creds, { baseUrls: allAt(server.url) }) as DingTalkConnector;
  return { server, connector };
}

describe('DingTalk connector against the documented examples', () => {
  it('exchanges an auth code: gettoken with appkey/appsecret, then getuserinfo with access_token and {code}', async () => {
    const { server, connector } = await setup();
    try {
      const identity = await connector.exchangeAuthCode('good-code');
      expect(identity).toEqual({
        platform: 'dingtalk',
        corpId: 'dingcorp',
        userId: 'user456',
        unionId: 'gliiW002zUxxxx',
        openId: null,
        name: 'Zhang xx',
      });
      const [token, info] = server.seen;
      expect(token.query).toEqual({ appkey: 'appkey1', appsecret: 'secret1' });
      expect(info.query.access_token).toBe('96fc7a7axxx');
      expect(info.body).toEqual({ code: 'good-code' });
    } finally {
      await server.close();
    }
  });

  it('maps 40078 不存在的临时授权码 to InvalidCode', async () => {
    const { server, connector } = await setup();
    try {
      const err = await connector.exchangeAuthCode('used-code').catch((e) => e);
      expect(err).toBeInstanceOf(ConnectorError);
      expect(err.kind).toBe(ConnectorErrorKind.InvalidCode);
      expect(err.platformCode).toBe(40078);
    } finally {
      await server.close();
    }
  });

  it('reads the org: listsub per level from root 1, user/list paged by cursor, leader flags → department leaders', async () => {
    const { server, connector } = await setup();
    try {
      const progress: Array<{ departmentsSeen: number; membersSeen: number }> = [];
      const org = await connector.fetchOrg((p) => progress.push(p));
      expect(org.departments).toEqual([
        { id: '1', parentId: null, name: 'HR', order: 10, leaderUserIds: ['5', '6', '7', '8'] },
        { id: '100', parentId: '50', name: 'HR', order: 0, leaderUserIds: ['zhangsan'] },
      ]);
      expect(org.users).toEqual([
        {
          userId: 'zhangsan',
          unionId: 'z21HjQliSzpw0YWCNxmii6u2Os62cZ62iSZ',
          openId: null,
          name: '张三',
          mobile: '18513027676',
          employeeNo: '4',
          title: '技术总监',
          departmentIds: ['2', '3', '4', '100'],
          mainDepartmentId: '2',
          managerUserId: null, // its first department (2) is not in the fixture tree
          leaderOfDepartmentIds: ['100'],
          hiredDate: '2020-08-16',
          active: true,
        },
      ]);
      const pages = server.seen.filter((r) => r.path === '/topapi/v2/user/list' && r.body.dept_id === 100);
      expect(pages.map((r) => r.body.cursor)).toEqual([0, 10]);
      expect(pages[0].body.size).toBe(100);
      expect(org.requestCount).toBe(server.seen.length);
      expect(progress.at(-1)).toEqual({ departmentsSeen: 2, membersSeen: 1 });
    } finally {
      await server.close();
    }
  });

  it('getUser reads the doc example as published (quoted numbers and booleans, dept_id_list as a string)', async () => {
    const { server, connector } = await setup();
    try {
      const user = await connector.getUser('zhangsan');
      expect(user).toMatchObject({
        userId: 'zhangsan',
        departmentIds: ['2', '3', '4'],
        leaderOfDepartmentIds: ['2'],
        // Not user/get's manager_userid ('manager240'): derived like fetchOrg from the first department's leaders
        // (department/get dept_manager_userid_list ["5","6","7","8"], zhangsan not among them).
        managerUserId: '5',
        employeeNo: '4',
        hiredDate: '2020-08-16',
      });
      expect(await connector.getUser('nobody')).toBeNull();
    } finally {
      await server.close();
    }
  });

  it('gets the new-style api token from /v1.0/oauth2/accessToken', async () => {
    const { server, connector } = await setup();
    try {
      expect(await connector.client.apiTokens.get()).toBe('fw8ef8we8f76e6f7s8df8s');
      expect(server.seen[0].body).toEqual({ appKey: 'appkey1', appSecret: 'secret1' });
    } finally {
      await server.close();
    }
  });

  it('new-style api calls send x-acs-dingtalk-access-token and refresh once on InvalidAuthentication (synthetic answers)', async () => {
    let n = 0;
    const { server, connector } = await setup({
      'GET /v1.0/demo/thing': () =>
        n++ === 0 ? { status: 400, body: { code: 'InvalidAuthentication', message: '不合法的access_token' } } : { ok: true },
    });
    try {
      expect(await connector.client.api('GET', '/v1.0/demo/thing')).toEqual({ ok: true });
      const calls = server.seen.filter((r) => r.path === '/v1.0/demo/thing');
      expect(calls.map((r) => r.headers['x-acs-dingtalk-access-token'])).toEqual(['fw8ef8we8f76e6f7s8df8s', 'fw8ef8we8f76e6f7s8df8s']);
      expect(server.count('POST /v1.0/oauth2/accessToken')).toBe(2);
    } finally {
      await server.close();
    }
  });
});
