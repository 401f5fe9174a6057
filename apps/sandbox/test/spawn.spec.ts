import { spawnSandbox, type SpawnedSandbox } from '../src';
import { Client, demo } from './helpers';

describe('spawnSandbox', () => {
  let sb: SpawnedSandbox | undefined;
  afterEach(async () => {
    await sb?.stop();
    sb = undefined;
  });

  it('starts a real child process on a free port and stops it', async () => {
    sb = await spawnSandbox({ h5Url: 'http://127.0.0.1:9/h5/' });
    expect(sb.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sb.pid).not.toBe(process.pid);
    const c = new Client(sb.url);
    expect(await c.dingtalkToken()).toMatch(/^[0-9a-f]{32}$/);
    const code = await c.control('POST', '/auth-codes', { platform: 'feishu', employeeNo: 'E0001' });
    expect(code.body.launchUrl).toMatch(/^http:\/\/127\.0\.0\.1:9\/h5\/\?platform=feishu&code=/);
    const pid = sb.pid;
    await sb.stop();
    sb = undefined;
    expect(() => process.kill(pid, 0)).toThrow();
    await expect(c.get('/healthz')).rejects.toThrow();
  });

  it('passes members, departments and rate limit to the child', async () => {
    sb = await spawnSandbox({ members: 300, departments: 12, rateLimit: 1 });
    const c = new Client(sb.url);
    const corps = (await c.control('GET', '/corps?peopleLimit=0')).body;
    expect(corps[0]).toMatchObject({ peopleCount: 300, departmentCount: 13, people: [] });
    const t = await c.wecomToken(demo.wecom);
    expect((await c.wecom('/cgi-bin/department/list', t)).body.errcode).toBe(45009);
  });
});
