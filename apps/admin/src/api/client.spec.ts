import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, NETWORK_ERROR, buildUrl, request, setApiOrigin } from './client';
import { clearSession, getSession, startSession } from './session';

/** A tiny real API: tokens a1.. expire on demand; /refresh issues the next one. */
interface Server {
  url: string;
  calls: string[];
  expired: Set<string>;
  refreshOk: boolean;
  close: () => Promise<void>;
}

async function startServer(): Promise<Server> {
  const state = { calls: [] as string[], expired: new Set<string>(), refreshOk: true, next: 2 };
  const server = http.createServer((req, res) => {
    const send = (status: number, body: unknown, type = 'application/json') => {
      res.writeHead(status, { 'content-type': type });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    const auth = req.headers.authorization ?? '';
    state.calls.push(`${req.method} ${req.url} ${auth}`);
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (req.url === '/api/auth/refresh') {
        if (!state.refreshOk) return send(401, { code: 'AUTH_REFRESH_INVALID', message: '登录状态已失效，请重新登录' });
        const t = `a${state.next++}`;
        return send(200, { accessToken: t, refreshToken: `r-${t}`, expiresIn: 900, echo: JSON.parse(body) });
      }
      if (req.url === '/api/html') return send(502, '<html>bad gateway</html>', 'text/html');
      if (req.url === '/api/conflict') return send(409, { code: 'SYNC_ALREADY_RUNNING', message: '同步正在进行中', details: { runId: 'r1' } });
      const token = auth.replace('Bearer ', '');
      if (state.expired.has(token)) return send(401, { code: 'TOKEN_EXPIRED', message: '登录已过期，请重新登录' });
      if (!token) return send(401, { code: 'UNAUTHENTICATED', message: '请先登录' });
      // Answer slowly enough for concurrent requests to overlap.
      setTimeout(() => send(200, { token, url: req.url }), 20);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get calls() {
      return state.calls;
    },
    expired: state.expired,
    set refreshOk(v: boolean) {
      state.refreshOk = v;
    },
    get refreshOk() {
      return state.refreshOk;
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
}

const user = { id: 'u1', username: 'hr', displayName: '人力资源', role: 'hr' as const, tenantId: 't1', tenantName: '示例', employeeId: null };

describe('api client', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startServer();
    setApiOrigin(server.url);
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.calls.length = 0;
    server.expired.clear();
    server.refreshOk = true;
    startSession({ accessToken: 'a1', refreshToken: 'r-a1', expiresIn: 900 }, user);
  });

  it('builds query strings without empty values', () => {
    expect(buildUrl('/org/employees', { q: '王', page: 2, status: undefined, departmentId: '', includeChildren: false })).toBe(
      `${server.url}/api/org/employees?q=%E7%8E%8B&page=2&includeChildren=false`,
    );
  });

  it('sends the bearer token', async () => {
    const res = await request<{ token: string }>('GET', '/me');
    expect(res.token).toBe('a1');
  });

  it('refreshes once on TOKEN_EXPIRED, shared by concurrent calls, and retries', async () => {
    server.expired.add('a1');
    const results = await Promise.all([
      request<{ token: string }>('GET', '/one'),
      request<{ token: string }>('GET', '/two'),
      request<{ token: string }>('GET', '/three'),
    ]);
    expect(results.map((r) => r.token)).toEqual(['a2', 'a2', 'a2']);
    expect(server.calls.filter((c) => c.startsWith('POST /api/auth/refresh'))).toHaveLength(1);
    expect(getSession()?.accessToken).toBe('a2');
    expect(getSession()?.refreshToken).toBe('r-a2');
    expect(getSession()?.user.username).toBe('hr');
  });

  it('logs out when the refresh fails', async () => {
    server.expired.add('a1');
    server.refreshOk = false;
    await expect(request('GET', '/one')).rejects.toMatchObject({ code: 'TOKEN_EXPIRED', status: 401 });
    expect(getSession()).toBeNull();
  });

  it('surfaces the server error body as ApiError', async () => {
    const err = await request('POST', '/conflict', { body: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'SYNC_ALREADY_RUNNING', message: '同步正在进行中', status: 409, details: { runId: 'r1' } });
  });

  it('turns a non-JSON gateway error into a readable network error', async () => {
    await expect(request('GET', '/html')).rejects.toMatchObject({ code: NETWORK_ERROR, status: 502 });
  });

  it('reports an unreachable server as a network error', async () => {
    setApiOrigin('http://127.0.0.1:1');
    try {
      await expect(request('GET', '/me')).rejects.toMatchObject({ code: NETWORK_ERROR, status: 0 });
    } finally {
      setApiOrigin(server.url);
      clearSession();
    }
  });
});
