import { randomUUID } from 'node:crypto';
import { whenTransactionEnds } from '../src/database/transaction-end';
import { Transactions } from '../src/database/transactions';
import { LeaveRequest, LeaveType } from '../src/modules/leave/entities';
import { LeaveToday } from '../src/modules/leave/leave-today';
import { Harness } from './support/harness';

// whenTransactionEnds over a real database (SQLite, or MySQL/MariaDB with DATABASE_URL), and the cache it protects.

describe('whenTransactionEnds', () => {
  let h: Harness;
  let tx: Transactions;

  beforeAll(async () => {
    h = await Harness.start({ DEMO_SEED: '1' });
    await h.syncAll(await h.adminLogin());
    tx = h.app.get(Transactions);
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('runs when the outer transaction commits or rolls back (not when a savepoint ends), at once outside a transaction', async () => {
    const calls: string[] = [];
    await tx.run(async (m) => {
      whenTransactionEnds(m, () => calls.push('commit'));
      await m.query('SELECT 1');
      expect(calls).toEqual([]);
      await m.transaction(async (inner) => { whenTransactionEnds(inner, () => calls.push('savepoint')); });
      await m.transaction(async (inner) => {
        whenTransactionEnds(inner, () => calls.push('savepoint rolled back'));
        throw new Error('inner');
      }).catch(() => undefined);
      expect(calls).toEqual([]); // a savepoint's end is not the transaction's
    });
    expect(calls).toEqual(['commit', 'savepoint', 'savepoint rolled back']);

    await expect(tx.run(async (m) => {
      whenTransactionEnds(m, () => calls.push('rollback'));
      throw new Error('boom');
    })).rejects.toThrow('boom');
    expect(calls.at(-1)).toBe('rollback');
    await tx.run(async (m) => { await m.query('SELECT 1'); }); // a later transaction on the same connection runs nothing old
    expect(calls).toHaveLength(4);

    whenTransactionEnds(h.ds.manager, () => calls.push('now'));
    expect(calls.at(-1)).toBe('now');
  });

  it('LeaveToday: a read between the approval and its commit is not remembered after the commit', async () => {
    const today = h.app.get(LeaveToday);
    const [emp] = await h.ds.query("SELECT id, tenantId FROM employees WHERE employeeNo = 'E0020'");
    const type = await h.ds.getRepository(LeaveType).findOneByOrFail({ tenantId: emp.tenantId, code: 'personal' });
    const date = '2026-12-01';
    expect((await today.on(emp.tenantId, date)).has(emp.id)).toBe(false);
    await tx.run(async (m) => {
      const now = new Date();
      await m.getRepository(LeaveRequest).insert({
        id: randomUUID(), tenantId: emp.tenantId, employeeId: emp.id, leaveTypeId: type.id, startDate: date, startHalf: null, startTime: null,
        endDate: date, endHalf: null, endTime: null, startKey: `${date}T00:00`, endKey: `${date}T24:00`, amount: 1, unit: 'day',
        days: [{ date, amount: 1 }], reason: '事假', attachments: [], status: 'approved', reserved: 0, approvalInstanceId: null,
        cancelApprovalInstanceId: null, cancelReason: null, createdAt: now, updatedAt: now,
      });
      today.changed(m);
      // A clock-in in that instant reads the set (MySQL: another connection, which cannot see the approval yet).
      await today.on(emp.tenantId, date);
    });
    expect((await today.on(emp.tenantId, date)).get(emp.id)).toEqual([expect.objectContaining({ date, amount: 1, unit: 'day' })]);
  });
});
