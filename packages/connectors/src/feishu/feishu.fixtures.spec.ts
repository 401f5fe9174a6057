import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConnectorErrorKind, createConnector } from '..';
import { allAt, SeenRequest, startFixtureServer } from '../testing/fixture-server';

const fx = (name: string) => JSON.parse(readFileSync(join(__dirname, 'fixtures', name), 'utf8'));
/** Not doc examples (written here): the root department and empty last pages. */
const ROOT = { code: 0, msg: 'success', data: { department: { name: '示例租户', department_id: '0', status: { is_deleted: false } } } };
const LAST_PAGE = { code: 0, msg: 'success', data: { has_more: false, items: [] } };

const creds = { platform: 'feishu' as const, corpId: '2c5914ac018f97', appKey: 'cli_a1', appSecret: 'app-secret' };

async function setup(routes: Record<string, (r: SeenRequest) => unknown> = {}, corpId = creds.corpId) {
  const server = await startFixtureServer({
    'POST /open-apis/auth/v3/tenant_access_token/internal': () => fx('tenant-access-token.json'),
    'POST /open-apis/auth/v3/app_access_token/internal': () => fx('app-access-token.json'),
    'POST /open-apis/mina/v2/tokenLoginValidate': (r) =>
      r.body.code === 'good-code' ? fx('token-login-validate.json') : { code: 10213, msg: 'code appid not match' },
    'GET /open-apis/contact/v3/departments/0': () => ROOT,
    'GET /open-apis/contact/v3/departments/0/children': (r) => (r.query.page_token ? LAST_PAGE : fx('department-children.json')),
    'GET /open-apis/contact/v3/users/find_by_department': (r) =>
      r.query.department_id === 'D096' && !r.query.page_token ? fx('users-find-by-department.json') : LAST_PAGE,
    ...routes,
  });
  const connector = createConnector({ ...creds, corpId }, { baseUrls: allAt(server.url) });
  return { server, connector };
}

describe('Feishu connector against the documented examples', () => {
  it('exchanges a tt.login code with tokenLoginValidate using the app_access_token', async () => {
    const { server, connector } = await setup();
    try {
      expect(await connector.exchangeAuthCode('good-code')).toEqual({
        platform: 'feishu',
        corpId: '2c5914ac018f97',
        userId: '6c486g',
        unionId: null, // the doc marks this union_id as deprecated, not the real union id
        openId: 'ou_194fcfc5e4b78db556a040ff5e42c0',
        name: null,
      });
      const call = server.seen.find((r) => r.path === '/open-apis/mina/v2/tokenLoginValidate')!;
      expect(call.headers.authorization).toBe('Bearer t-g1044ghJRUIJJ5ZPPZMOHKWZISL33E4QSS3abcef');
      expect(call.body).toEqual({ code: 'good-code' });
      expect(server.seen[0].body).toEqual({ app_id: 'cli_a1', app_secret: 'app-secret' });
      expect((await connector.exchangeAuthCode('used').catch((e) => e)).kind).toBe(ConnectorErrorKind.InvalidCode);
    } finally {
      await server.close();
    }
  });

  it('refuses a code whose tenant_key is not the binding tenant with CorpMismatch', async () => {
    const { server, connector } = await setup({}, 'feishuother');
    try {
      expect((await connector.exchangeAuthCode('good-code').catch((e) => e)).kind).toBe(ConnectorErrorKind.CorpMismatch);
    } finally {
      await server.close();
    }
  });

  it('reads the org: root + children(fetch_child, paged by 50) + find_by_department (paged by 50)', async () => {
    const { server, connector } = await setup();
    try {
      const org = await connector.fetchOrg();
      expect(org.departments).toEqual([
        { id: '0', parentId: null, name: '示例租户', order: 0, leaderUserIds: [] },
        { id: 'D096', parentId: 'D067', name: 'DemoName', order: 100, leaderUserIds: ['ou_7dab8a3d3cdcc9da365777c7ad535d62'] },
      ]);
      expect(org.users).toEqual([
        {
          userId: '3e3cf96b',
          unionId: 'on_94a1ee5551019f18cd73d9f111898cf2',
          openId: 'ou_7dab8a3d3cdcc9da365777c7ad535d62',
          name: '张三',
          mobile: '13011111111',
          employeeNo: '1',
          title: 'xxxxx',
          departmentIds: ['od-4e6ac4d14bcd5071a37a39de902c7141', 'D096'],
          mainDepartmentId: 'od-4e6ac4d14bcd5071a37a39de902c7141',
          managerUserId: 'ou_7dab8a3d3cdcc9da365777c7ad535d62',
          leaderOfDepartmentIds: [],
          hiredDate: '2038-01-19',
          active: true,
        },
      ]);
      const children = server.seen.filter((r) => r.path.endsWith('/children'));
      expect(children[0].query).toMatchObject({ fetch_child: 'true', page_size: '50', department_id_type: 'department_id', user_id_type: 'user_id' });
      expect(children[1].query.page_token).toBe(fx('department-children.json').data.page_token);
      const members = server.seen.filter((r) => r.path.endsWith('/find_by_department') && r.query.department_id === 'D096');
      expect(members.map((r) => r.query.page_token ?? null)).toEqual([null, fx('users-find-by-department.json').data.page_token]);
      expect(org.requestCount).toBe(server.seen.length);
    } finally {
      await server.close();
    }
  });

  it('waits x-ogw-ratelimit-reset seconds on HTTP 429 / 99991400, then succeeds', async () => {
    let limited = 0;
    const { server, connector } = await setup({
      'GET /open-apis/contact/v3/departments/0/children': (r) => {
        if (limited++ === 0) return { status: 429, headers: { 'x-ogw-ratelimit-reset': '1' }, body: fx('rate-limited.json') };
        return r.query.page_token ? LAST_PAGE : fx('department-children.json');
      },
    });
    try {
      const started = Date.now();
      const org = await connector.fetchOrg();
      expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
      expect(org.departments.map((d) => d.id)).toEqual(['0', 'D096']);
    } finally {
      await server.close();
    }
  });

  it('on 99991663 (tenant token invalid) refreshes the tenant token once and retries', async () => {
    let n = 0;
    const { server, connector } = await setup({
      'GET /open-apis/contact/v3/departments/0': () => (n++ === 0 ? { code: 99991663, msg: 'Invalid access token for authorization' } : ROOT),
    });
    try {
      await connector.fetchOrg();
      expect(server.count('POST /open-apis/auth/v3/tenant_access_token/internal')).toBe(2);
    } finally {
      await server.close();
    }
  });
});
