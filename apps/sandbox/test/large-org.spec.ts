import { SandboxState } from '../src';
import { useSandbox } from './helpers';
import { walkFeishu } from './walk';

describe('large generated org (benchmark size)', () => {
  it('generates 20,000 members in 1,000 departments quickly and deterministically', () => {
    const started = Date.now();
    const a = new SandboxState({ members: 20000, departments: 1000 });
    const elapsed = Date.now() - started;
    const demo = a.corp('demo')!;
    expect(demo.people.size).toBe(20000);
    expect(demo.departments.size).toBe(1001); // 1,000 departments + the root
    expect(elapsed).toBeLessThan(3000);
    let members = 0;
    for (const list of demo.members.values()) members += list.length;
    expect(members).toBe(20000);
    for (const d of demo.departments.values()) expect(d.leaderNos.length).toBe(1);
    // every department is reachable from the root
    expect(demo.subtree(0)).toHaveLength(1001);
    const b = new SandboxState({ members: 20000, departments: 1000 });
    const pick = (s: SandboxState, no: string) => {
      const p = s.corp('demo')!.people.get(no)!;
      return { name: p.name, dept: p.deptKeys, ids: p.ids, title: p.title };
    };
    expect(pick(a, 'E12345')).toEqual(pick(b, 'E12345'));
    expect(a.corp('other')!.people.size).toBe(5);
  });

  describe('served over HTTP', () => {
    const { client } = useSandbox({ members: 2000, departments: 100 }, false);

    it('lists every member once, with managers, paging at 50', async () => {
      const org = await walkFeishu(client());
      expect(org.departments).toHaveLength(101);
      expect(org.users.size).toBe(2000);
      const withoutManager = [...org.users.values()].filter((u) => !u.manager).map((u) => u.employeeNo);
      expect(withoutManager).toEqual(['E0001']);
    });

    it('answers one department page fast even when the org is large', async () => {
      const c = client();
      const t = await c.dingtalkToken();
      const started = Date.now();
      for (let i = 0; i < 50; i++) {
        const r = await c.ding('/topapi/v2/user/list', t, { dept_id: 100000001 + (i % 100), cursor: 0, size: 100 });
        expect(r.body.errcode).toBe(0);
      }
      expect(Date.now() - started).toBeLessThan(2000);
    });
  });
});
