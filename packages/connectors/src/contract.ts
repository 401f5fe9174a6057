/**
 * The behavioural contract every connector must meet, run against a REAL sandbox child process
 * (à la unstorage's testDriver). Each platform's spec calls `runConnectorContract('<platform>')`.
 * Test-only: excluded from the build.
 */
import type { Platform } from '@hrlink/shared';
import { DEMO_CREDENTIALS, spawnSandbox } from '@hrlink/sandbox';
import type { CorpCredentials, CorpKey } from '@hrlink/sandbox';
import { ConnectorError, ConnectorErrorKind, ConnectorCredentials, ConnectorOptions, createConnector, PlatformConnector } from '.';
import type { ApprovalCard, CallbackResult, MessageRecipient } from './messaging-types';
import { startCallbackReceiver } from './testing/callback-receiver';

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
  {
    creds: (c: CorpCredentials) => ConnectorCredentials;
    tokenRoute: string;
    codeTtlSeconds: number;
    userId: (p: PersonView) => string;
    recipient: (p: PersonView) => MessageRecipient;
  }
> = {
  dingtalk: {
    creds: (c) => ({
      platform: 'dingtalk',
      corpId: c.dingtalk.corpId,
      appKey: c.dingtalk.appKey,
      appSecret: c.dingtalk.appSecret,
      agentId: c.dingtalk.agentId,
      callbackToken: c.dingtalk.callbackToken,
      callbackAesKey: c.dingtalk.aesKey,
    }),
    tokenRoute: 'GET /gettoken',
    codeTtlSeconds: 300,
    userId: (p) => p.ids.dingtalk.userId,
    recipient: (p) => ({ userId: p.ids.dingtalk.userId, unionId: p.ids.dingtalk.unionId }),
  },
  wecom: {
    creds: (c) => ({
      platform: 'wecom',
      corpId: c.wecom.corpId,
      appSecret: c.wecom.corpSecret,
      agentId: c.wecom.agentId,
      callbackToken: c.wecom.callbackToken,
      callbackAesKey: c.wecom.encodingAesKey,
    }),
    tokenRoute: 'GET /cgi-bin/gettoken',
    codeTtlSeconds: 300,
    userId: (p) => p.ids.wecom.userId,
    recipient: (p) => ({ userId: p.ids.wecom.userId }),
  },
  feishu: {
    creds: (c) => ({
      platform: 'feishu',
      corpId: c.feishu.tenantKey,
      appKey: c.feishu.appId,
      appSecret: c.feishu.appSecret,
      callbackToken: c.feishu.verificationToken,
      callbackAesKey: c.feishu.encryptKey,
    }),
    tokenRoute: 'POST /open-apis/auth/v3/tenant_access_token/internal',
    codeTtlSeconds: 180,
    userId: (p) => p.ids.feishu.userId,
    recipient: (p) => ({ userId: p.ids.feishu.userId, openId: p.ids.feishu.openId, unionId: p.ids.feishu.unionId }),
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
    const connector = (corp: CorpKey = 'demo', extra: Partial<ConnectorOptions> = {}, secret?: string): PlatformConnector => {
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

    it('getUser gives the same manager as fetchOrg (staff, team lead, department head, CEO, and a person whose platform "manager" field disagrees with the department leaders)', async () => {
      // 后端组 is led by E0007; E0905's explicitly set manager E0003 is not a leader of 后端组 (DingTalk's user/get
      // then reports manager_userid E0003 while the department leaders say E0007).
      await control('POST', '/people', { corp: 'demo', employeeNo: 'E0905', name: '对照同事', departmentName: '后端组', managerEmployeeNo: 'E0003' });
      const corps = await control('GET', '/corps');
      const now = corps.find((c: { key: string }) => c.key === 'demo').people as PersonView[];
      const c = connector();
      const org = await c.fetchOrg();
      const fromOrg = new Map(org.users.map((u) => [u.userId, u.managerUserId]));
      const heads = new Set(org.departments.flatMap((d) => d.leaderUserIds));
      const sample = ['E0001', 'E0002', 'E0003', 'E0006', 'E0007', 'E0010', 'E0020', 'E0905'].map((no) => now.find((p) => p.employeeNo === no)!);
      expect(sample.filter((p) => heads.has(facts.userId(p))).length).toBeGreaterThanOrEqual(3);
      for (const p of sample) {
        const u = await c.getUser(facts.userId(p));
        expect({ no: p.employeeNo, manager: u?.managerUserId ?? null }).toEqual({ no: p.employeeNo, manager: fromOrg.get(facts.userId(p)) ?? null });
      }
    });

    it('getUser returns null for an unknown user id', async () => {
      expect(await connector().getUser('nobody-here')).toBeNull();
    });

    runMessagingContract(platform, {
      control,
      connector: () => connector(),
      people: () => people,
    });
  });
}

interface InboxItemView {
  id: string;
  kind: string;
  title: string;
  form: { key: string; value: string }[];
  content: string;
  statusText: string;
  buttons: { text: string; key?: string; value?: unknown }[];
  state: string;
  link: string | null;
}

/**
 * Messaging + callbacks against the sandbox's inbox: cards land in the recipient's inbox with their rows and
 * status, updates show the decision, resends are de-duplicated by the platform, and button presses / contact
 * changes come back as callbacks that OUR handleCallback verifies and decodes.
 */
function runMessagingContract(
  platform: Platform,
  ctx: { control: (method: string, path: string, body?: unknown) => Promise<any>; connector: () => PlatformConnector; people: () => PersonView[] },
): void {
  const facts = PLATFORM_FACTS[platform];
  const person = (no: string) => ctx.people().find((p) => p.employeeNo === no)!;
  const inbox = async (employeeNo: string): Promise<InboxItemView[]> =>
    ctx.control('GET', `/inbox?corp=demo&platform=${platform}&employeeNo=${employeeNo}`);
  const cards = async (employeeNo: string) => (await inbox(employeeNo)).filter((i) => i.kind !== 'todo');
  const card = (key: string, over: Partial<ApprovalCard> = {}): ApprovalCard => ({
    idempotencyKey: key,
    title: '王五的通用审批',
    form: [
      { label: '标题', value: '采购显示器' },
      { label: '金额', value: '1299.00 元' },
    ],
    statusText: '待审批',
    link: { mobile: 'http://127.0.0.1:5173/h5/#/pages/approvals/detail?id=42', pc: 'http://127.0.0.1:5173/h5/#/pages/approvals/detail?id=42' },
    buttons: platform === 'dingtalk' ? null : { approveValue: `approve:${key}`, rejectValue: `reject:${key}` },
    ...over,
  });
  const rowsOf = (item: InboxItemView) => item.form.map((f) => `${f.key.replace(/[:：]\s*$/, '')}=${f.value}`);

  describe(`${platform} messaging (sandbox inbox)`, () => {
    it('sendCard: the card is in the recipient inbox with its form rows and status', async () => {
      const c = ctx.connector();
      const ref = await c.sendCard(facts.recipient(person('E0004')), card('contract:send:1'));
      expect(ref.platform).toBe(platform);
      expect(ref.messageId).toBeTruthy();
      const [item] = await cards('E0004');
      expect(item).toBeDefined();
      expect(item.title).toBe('王五的通用审批');
      expect(rowsOf(item)).toEqual(expect.arrayContaining(['标题=采购显示器', '金额=1299.00 元']));
      expect(item.statusText).toBe('待审批');
      if (platform !== 'dingtalk') expect(item.buttons.map((b) => b.text)).toEqual(expect.arrayContaining(['同意', '拒绝']));
    });

    it('updateCard: the inbox item shows the decision and no buttons', async () => {
      const c = ctx.connector();
      const to = facts.recipient(person('E0005'));
      const ref = await c.sendCard(to, card('contract:update:1'));
      const updated = await c.updateCard(ref, to, { state: 'approved', statusText: '已同意', card: card('contract:update:1') });
      const items = await cards('E0005');
      expect(items).toHaveLength(1);
      expect(items[0].statusText).toBe('已同意');
      expect(items[0].buttons.filter((b) => b.key !== undefined || b.value !== undefined)).toEqual([]);
      if (platform === 'wecom') expect(updated.responseCode).toBeNull();
    });

    it('the same idempotency key sent twice reaches the user once; a different approval with the same rows arrives too', async () => {
      const c = ctx.connector();
      const to = facts.recipient(person('E0006'));
      const first = await c.sendCard(to, card('contract:dedupe:1'));
      const again = await c.sendCard(to, card('contract:dedupe:1'));
      if (platform === 'feishu') expect(again.messageId).toBe(first.messageId);
      expect(await cards('E0006')).toHaveLength(1);
      await c.sendCard(to, card('contract:dedupe:2'));
      expect(await cards('E0006')).toHaveLength(2);
    });

    if (platform === 'dingtalk') {
      it('createTodo: a DingTalk to-do keyed by unionId, marked done by updateCard', async () => {
        const c = ctx.connector();
        const to = facts.recipient(person('E0007'));
        const ref = await c.sendCard(to, card('contract:todo:1', { createTodo: true, dueAt: Date.now() + 86_400_000 }));
        expect(ref.todoId).toBeTruthy();
        const todo = () => inbox('E0007').then((items) => items.filter((i) => i.kind === 'todo'));
        expect((await todo()).map((t) => t.state)).toEqual(['open']);
        await c.updateCard(ref, to, { state: 'rejected', statusText: '已拒绝', card: card('contract:todo:1') });
        expect((await todo()).map((t) => t.state)).toEqual(['done']);
        expect((await cards('E0007'))[0].statusText).toBe('已拒绝');
      });
    }

    if (platform === 'wecom') {
      it('a user who cannot receive the message is RecipientInvalid (81013)', async () => {
        const err = await ctx
          .connector()
          .sendCard({ userId: 'wx_nobody' }, card('contract:invalid:1'))
          .catch((e) => e);
        expect(err).toBeInstanceOf(ConnectorError);
        expect([err.kind, err.platformCode]).toEqual([ConnectorErrorKind.RecipientInvalid, 81013]);
      });
    }

    describe('callbacks through a local receiver running handleCallback', () => {
      let receiver: Awaited<ReturnType<typeof startCallbackReceiver>>;
      const events = () => receiver.received.filter((r) => r.result?.kind === 'event').map((r) => (r.result as Extract<CallbackResult, { kind: 'event' }>).event);

      beforeEach(async () => {
        const c = ctx.connector();
        receiver = await startCallbackReceiver(c, (result) =>
          result.event.type === 'card_action' ? c.cardActionResponse({ ok: true, message: '已提交' }) : undefined,
        );
        const reg = await ctx.control('PUT', '/callbacks', { corp: 'demo', platform, url: receiver.url });
        expect(reg).toMatchObject({ ok: true });
        expect(receiver.received[0].result?.kind).toBe('handshake');
      });
      afterEach(async () => {
        await receiver?.close();
      });

      if (platform !== 'dingtalk') {
        it('pressing 同意 on the card reaches our handler as that user and that value; the update then closes the card', async () => {
          const c = ctx.connector();
          const approver = person('E0008');
          const to = facts.recipient(approver);
          const ref = await c.sendCard(to, card('contract:press:1'));
          const [item] = await cards('E0008');
          const pressed = await ctx.control('POST', `/inbox/${item.id}/press`, { text: '同意' });
          expect(pressed.status).toBe(200);
          const action = events().find((e) => e.type === 'card_action');
          expect(action).toMatchObject({ type: 'card_action', userId: facts.userId(approver), value: 'approve:contract:press:1' });
          if (platform === 'feishu') expect(action).toMatchObject({ openId: approver.ids.feishu.openId, messageId: ref.messageId });
          if (platform === 'wecom') expect(action).toMatchObject({ taskId: ref.extra?.taskId });
          const responseCode = action?.type === 'card_action' ? action.responseCode : null;
          await c.updateCard(platform === 'wecom' ? { ...ref, responseCode } : ref, to, { state: 'approved', statusText: '已同意', card: card('contract:press:1') });
          const [after] = await cards('E0008');
          expect(after.statusText).toBe('已同意');
          expect(after.state).toBe('updated');
        });
      }

      it('a person added on the platform arrives as a contact_user event for their user id', async () => {
        const added = await ctx.control('POST', '/people', { corp: 'demo', employeeNo: 'E0900', name: '新同事', departmentName: '人力资源部' });
        const ids = added.ids ?? (await ctx.control('GET', '/corps')).find((c: any) => c.key === 'demo').people.find((p: any) => p.employeeNo === 'E0900').ids;
        const deadline = Date.now() + 5000;
        while (!events().some((e) => e.type === 'contact_user') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        expect(events().find((e) => e.type === 'contact_user')).toMatchObject({ type: 'contact_user', change: 'created', userId: facts.userId({ ids } as PersonView) });
        // A replay inside the time window verifies (it is the platform's own request) and carries the same
        // eventId, which is what the server de-duplicates on.
        const eventIds = () => receiver.received.filter((r) => r.result?.kind === 'event').map((r) => (r.result as Extract<CallbackResult, { kind: 'event' }>).eventId);
        const before = eventIds();
        const replay = await ctx.control('POST', '/callbacks/forge', { corp: 'demo', platform, kind: 'replay' });
        expect(replay.status).toBe(200);
        expect(eventIds()).toHaveLength(before.length + 1);
        expect(before).toContain(eventIds().at(-1));
      });

      it.each(['bad_signature', 'wrong_key', 'stale', 'tampered'])('a forged callback (%s) is refused with 401', async (kind) => {
        const r = await ctx.control('POST', '/callbacks/forge', { corp: 'demo', platform, kind });
        expect(r.status).toBe(401);
        expect(receiver.received.at(-1)?.error?.kind).toBe(ConnectorErrorKind.CallbackRejected);
      });
    });
  });
}
