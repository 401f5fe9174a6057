/**
 * The behavioural contract every connector must meet, run against a REAL sandbox child process
 * (à la unstorage's testDriver). Each platform's spec calls `runConnectorContract('<platform>')`.
 * Test-only: excluded from the build.
 */
import type { Platform } from '@hrlink/shared';
import { DEMO_CREDENTIALS, spawnSandbox } from '@hrlink/sandbox';
import type { CorpCredentials, CorpKey } from '@hrlink/sandbox';
import { ConnectorError, ConnectorErrorKind, ConnectorCredentials, ConnectorOptions, createConnector, SuperAppConnector } from '.';

interface PersonView {
  employeeNo: string;
  name: string;
  title: string;
  department: string;
  managerEmployeeNo: string | null;
  ids: {
    dingtalk: { userId: string; unionId: string };
    wecom: { userId: string };
    feishu: { userId: string; openId: string; unionId: string };
  };
}

/** What differs per platform in the contract: credentials, token route, code lifetime, id lookup. */
const PLATFORM_FACTS: Record<
  Platform,
  { creds: (c: CorpCredentials) => ConnectorCredentials; tokenRoute: string; codeTtlSeconds: number; userId: (p: PersonView) => string }
> = {
  dingtalk: {
    creds: (c) => ({ platform: 'dingtalk', corpId: c.dingtalk.corpId, appKey: c.dingtalk.appKey, appSecret: c.dingtalk.appSecret, agentId: c.dingtalk.agentId }),
    tokenRoute: 'GET /gettoken',
    codeTtlSeconds: 300,
    userId: (p) => p.ids.dingtalk.userId,
  },
  wecom: {
    creds: (c) => ({ platform: 'wecom', corpId: c.wecom.corpId, appSecret: c.wecom.corpSecret, agentId: c.wecom.agentId }),
    tokenRoute: 'GET /cgi-bin/gettoken',
    codeTtlSeconds: 300,
    userId: (p) => p.ids.wecom.userId,
  },
  feishu: {
    creds: (c) => ({ platform: 'feishu', corpId: c.feishu.tenantKey, appKey: c.feishu.appId, appSecret: c.feishu.appSecret }),
    tokenRoute: 'POST /open-apis/auth/v3/tenant_access_token/internal',
    codeTtlSeconds: 180,
    userId: (p) => p.ids.feishu.userId,
  },
};

export function runConnectorContract(platform: Platform): void {
  const facts = PLATFORM_FACTS[platform];

  describe(`${platform} connector contract (real sandbox process)`, () => {
    let sandbox: { url: string; stop(): Promise<void> };
    let people: PersonView[];

    const control = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${sandbox.url}/__sandbox/api${path}`, {
        method,
        headers: body === undefined ? undefined : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
      return res.json();
    };
    const options = (extra: Partial<ConnectorOptions> = {}): ConnectorOptions => ({
      baseUrls: { dingtalkOapi: sandbox.url, dingtalkApi: sandbox.url, wecom: sandbox.url, feishu: sandbox.url },
      timeoutMs: 5000,
      ...extra,
    });
    const connector = (corp: CorpKey = 'demo', extra: Partial<ConnectorOptions> = {}, secret?: string): SuperAppConnector => {
      const creds = facts.creds(DEMO_CREDENTIALS[corp]);
      return createConnector(secret ? { ...creds, appSecret: secret } : creds, options(extra));
    };
    const tokenRequests = async () => ((await control('GET', '/stats')).byPath[facts.tokenRoute] ?? 0) as number;
    const code = async (employeeNo: string, corp: CorpKey = 'demo') =>
      (await control('POST', '/auth-codes', { platform, corp, employeeNo })).code as string;
    const kindOf = (p: Promise<unknown>) =>
      p.then(
        () => 'no error',
        (e) => (e instanceof ConnectorError ? e.kind : `not a ConnectorError: ${e}`),
      );

    beforeAll(async () => {
      sandbox = await spawnSandbox({ fromSource: true });
      const corps = await control('GET', '/corps');
      people = corps.find((c: { key: string }) => c.key === 'demo').people;
    });
    afterAll(async () => {
      await sandbox?.stop();
    });
    beforeEach(async () => {
      await control('POST', '/reset');
    });

    it('caches the token across calls (one token request for several calls)', async () => {
      const c = connector();
      await c.getAccessToken();
      await c.getUser(facts.userId(people[0]));
      await c.exchangeAuthCode(await code(people[1].employeeNo));
      await c.getAccessToken();
      expect(await tokenRequests()).toBe(1);
      if (platform === 'feishu') {
        // tokenLoginValidate takes the app_access_token: one request for it too, also cached.
        await c.exchangeAuthCode(await code(people[2].employeeNo));
        expect((await control('GET', '/stats')).byPath['POST /open-apis/auth/v3/app_access_token/internal']).toBe(1);
      }
    });

    it('concurrent getAccessToken calls share one token request', async () => {
      const c = connector();
      const tokens = await Promise.all(Array.from({ length: 8 }, () => c.getAccessToken()));
      expect(new Set(tokens).size).toBe(1);
      expect(await tokenRequests()).toBe(1);
    });

    it('after the platform revokes its tokens, refreshes once and succeeds', async () => {
      const c = connector();
      const before = await c.getAccessToken();
      await control('POST', '/tokens/revoke', { platform });
      const user = await c.getUser(facts.userId(people[2]));
      expect(user?.userId).toBe(facts.userId(people[2]));
      expect(await c.getAccessToken()).not.toBe(before);
      expect(await tokenRequests()).toBe(2);
    });

    it('a wrong secret is AuthFailed', async () => {
      expect(await kindOf(connector('demo', {}, 'not-the-secret').testConnection())).toBe(ConnectorErrorKind.AuthFailed);
    });

    it('testConnection reports latency with the right secret', async () => {
      const r = await connector().testConnection();
      expect(r.latencyMs).toBeGreaterThanOrEqual(0);
    });

    it('exchanges an auth code for the identity of a demo person', async () => {
      const hr = people.find((p) => p.employeeNo === 'E0002')!;
      const identity = await connector().exchangeAuthCode(await code('E0002'));
      expect(identity.platform).toBe(platform);
      expect(identity.corpId).toBe(facts.creds(DEMO_CREDENTIALS.demo).corpId);
      expect(identity.userId).toBe(facts.userId(hr));
      if (platform === 'feishu') expect(identity.openId).toBe(hr.ids.feishu.openId);
      if (platform === 'dingtalk') expect(identity.unionId).toBe(hr.ids.dingtalk.unionId);
    });

    it('a reused code is InvalidCode', async () => {
      const c = connector();
      const once = await code('E0003');
      await c.exchangeAuthCode(once);
      expect(await kindOf(c.exchangeAuthCode(once))).toBe(ConnectorErrorKind.InvalidCode);
    });

    it('an expired code is InvalidCode', async () => {
      const c = connector();
      await c.getAccessToken();
      const late = await code('E0004');
      await control('POST', '/clock', { advanceSeconds: facts.codeTtlSeconds + 1 });
      expect(await kindOf(c.exchangeAuthCode(late))).toBe(ConnectorErrorKind.InvalidCode);
    });

    it("another corp's code is refused (CorpMismatch or InvalidCode)", async () => {
      const corps = await control('GET', '/corps');
      const stranger = corps.find((c: { key: string }) => c.key === 'other').people[0] as PersonView;
      const kind = await kindOf(connector().exchangeAuthCode(await code(stranger.employeeNo, 'other')));
      expect([ConnectorErrorKind.CorpMismatch, ConnectorErrorKind.InvalidCode]).toContain(kind);
    });

    it('fetchOrg returns every demo person once, with department, manager and employee number', async () => {
      const progress: number[] = [];
      const org = await connector().fetchOrg((p) => progress.push(p.membersSeen));
      const deptName = new Map(org.departments.map((d) => [d.id, d.name]));
      const byUserId = new Map(org.users.map((u) => [u.userId, u]));
      const noOf = new Map(people.map((p) => [facts.userId(p), p.employeeNo]));
      expect(org.users).toHaveLength(people.length);
      for (const p of people) {
        const u = byUserId.get(facts.userId(p));
        expect(u).toBeDefined();
        expect({ no: u!.employeeNo, dept: deptName.get(u!.mainDepartmentId ?? ''), manager: noOf.get(u!.managerUserId ?? '') ?? null }).toEqual({
          no: p.employeeNo,
          dept: p.department,
          manager: p.managerEmployeeNo,
        });
        expect(u!.name).toBe(p.name);
      }
      expect(org.departments.filter((d) => d.parentId === null)).toHaveLength(1);
      expect(org.requestCount).toBeGreaterThan(0);
      expect(progress.at(-1)).toBeGreaterThanOrEqual(people.length);
    });

    it('fetchOrg still completes under a 2 rps platform limit, retrying the rate-limited calls', async () => {
      const baseline = await connector().fetchOrg();
      await control('POST', '/stats/reset');
      await control('PUT', '/limits', { platform, rps: 2 });
      const org = await connector().fetchOrg();
      expect(org.users).toHaveLength(baseline.users.length);
      expect(org.departments).toHaveLength(baseline.departments.length);
      expect((await control('GET', '/stats')).rateLimited).toBeGreaterThan(0);
    });

    it('fetchOrg under a client-side cap never needs the platform to say "slow down"', async () => {
      await control('PUT', '/limits', { platform, rps: 5 });
      const org = await connector('demo', { maxRequestsPerSecond: 4 }).fetchOrg();
      expect(org.users.length).toBe(people.length);
      expect((await control('GET', '/stats')).rateLimited).toBe(0);
    });

    it.each([
      ['garbage', ConnectorErrorKind.BadResponse],
      ['error500', ConnectorErrorKind.Unreachable],
      ['down', ConnectorErrorKind.Unreachable],
    ])('a %s answer is %s', async (mode, kind) => {
      await control('PUT', '/faults', { platform, mode, times: 1 });
      expect(await kindOf(connector().testConnection())).toBe(kind);
    });

    it('getUser returns null for an unknown user id', async () => {
      expect(await connector().getUser('nobody-here')).toBeNull();
    });
  });
}
