import type { AnnualGrantResult, LeaveBalanceView } from '@hrlink/shared';
import { Harness } from './support/harness';

// The on-hire grant: people synced from a platform, and HR's corrections of hire / first-work dates, get this year's
// annual leave at once (no one has to run 年假发放), and a later yearly run finds nothing to change.
describe('annual leave granted on org changes', () => {
  let h: Harness;
  let hr: string;

  beforeAll(async () => {
    h = await Harness.start();
    await h.seed();
    hr = await h.adminLogin();
    await h.syncAll(hr);
  });
  afterAll(async () => h?.stop());

  async function annual(no: string): Promise<LeaveBalanceView> {
    const login = await h.platformLogin('dingtalk', no);
    const r = await h.api<LeaveBalanceView[]>('GET', '/leave/balances', { token: login.body.accessToken });
    return r.body.find((b) => b.leaveType.code === 'annual')!;
  }

  it('synced employees already have their annual grant', async () => {
    const [row] = await h.ds.query(`SELECT hireDate FROM employees WHERE employeeNo = 'E0001'`);
    expect(row.hireDate).toBeTruthy(); // the sandbox's hired_date
    const b = await annual('E0001');
    expect(b.annual?.grantedDays).toBeGreaterThan(0);
    expect(b.granted).toBe(b.annual?.grantedDays);
    const year = b.annual!.year;
    const rerun = await h.api<AnnualGrantResult>('POST', '/admin/leave/annual-grant', { token: hr, body: { year, dryRun: true } });
    expect(rerun.status).toBe(200);
    expect(rerun.body.rows).toEqual([]);
  });

  it('a corrected first work date is previewed, then applied by 年假发放', async () => {
    const [row] = await h.ds.query(`SELECT id FROM employees WHERE employeeNo = 'E0017'`);
    const before = await annual('E0017');
    // 25 years of work → the 15-day tier (hired years ago, so no proration this year).
    const patch = await h.api('PATCH', `/org/employees/${row.id}`, { token: hr, body: { hireDate: '2010-01-01', firstWorkDate: '2000-01-01' } });
    expect(patch.status).toBe(200);
    expect((await annual('E0017')).granted).toBe(before.granted);
    const year = before.annual!.year;
    const dry = await h.api<AnnualGrantResult>('POST', '/admin/leave/annual-grant', { token: hr, body: { year, dryRun: true } });
    expect(dry.body.rows).toEqual([expect.objectContaining({ current: before.granted, computed: 15, difference: 15 - before.granted })]);
    await h.api('POST', '/admin/leave/annual-grant', { token: hr, body: { year, dryRun: false } });
    expect((await annual('E0017')).granted).toBe(15);
  });
});
