import type { EmployeeDetail } from '@hrlink/shared';
import { Harness } from './support/harness';

// Who sees what of a colleague's record: 前端组 E0014 reports to 杨帆 E0006 → 张伟 E0003; E0020 is in 后端组.
describe('employee detail visibility', () => {
  let h: Harness;
  let hr: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    h = await Harness.start();
    await h.seed();
    hr = await h.adminLogin();
    await h.syncAll(hr);
    Object.assign(ids, await h.employeeIds());
    await h.api('PATCH', `/org/employees/${ids.E0014}`, { token: hr, body: { hireDate: '2020-03-01', firstWorkDate: '2012-07-01' } });
  });
  afterAll(async () => h?.stop());

  async function viewAs(no: string): Promise<EmployeeDetail> {
    const login = await h.platformLogin('dingtalk', no);
    const r = await h.api<EmployeeDetail>('GET', `/org/employees/${ids.E0014}`, { token: login.body.accessToken });
    expect(r.status).toBe(200);
    return r.body;
  }

  it('the person, their manager chain and HR see the whole record', async () => {
    for (const no of ['E0014', 'E0006', 'E0003']) {
      const d = await viewAs(no);
      expect(d).toMatchObject({ hireDate: '2020-03-01', firstWorkDate: '2012-07-01' });
      expect(d.identities.length).toBe(3);
    }
    const byHr = await h.api<EmployeeDetail>('GET', `/org/employees/${ids.E0014}`, { token: hr });
    expect(byHr.body.firstWorkDate).toBe('2012-07-01');
  });

  it('another colleague sees name, title, departments and manager only', async () => {
    const d = await viewAs('E0020');
    expect(d.name).toBeTruthy();
    expect(d.manager?.id).toBe(ids.E0006);
    expect(d.departments.length).toBeGreaterThan(0);
    expect(d).toMatchObject({ hireDate: null, firstWorkDate: null, identities: [], roles: ['employee'] });
  });
});
