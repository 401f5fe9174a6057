import type { PlatformDepartment, PlatformUser } from '../types';
import { deriveManager } from '../dingtalk/connector';
import { epochToLocalDate, UserCollector } from './org';

const user = (userId: string, departmentIds: string[], leaderOf: string[] = []): PlatformUser => ({
  userId,
  unionId: null,
  openId: null,
  name: userId,
  mobile: null,
  employeeNo: null,
  title: null,
  departmentIds,
  mainDepartmentId: departmentIds[0] ?? null,
  managerUserId: null,
  leaderOfDepartmentIds: leaderOf,
  hiredDate: null,
  active: true,
});

describe('UserCollector', () => {
  it('keeps a person listed in two departments once, with both departments and both leaderships', () => {
    const c = new UserCollector();
    c.add(user('u1', ['10'], ['10']));
    c.add(user('u1', ['20']));
    c.add(user('u2', ['20']));
    expect(c.size).toBe(2);
    expect(c.list()[0]).toMatchObject({ departmentIds: ['10', '20'], leaderOfDepartmentIds: ['10'] });
  });
});

describe('deriveManager (DingTalk)', () => {
  const depts = new Map<string, PlatformDepartment>(
    [
      { id: '1', parentId: null, name: '公司', order: 0, leaderUserIds: ['ceo'] },
      { id: '2', parentId: '1', name: '研发部', order: 0, leaderUserIds: ['head'] },
      { id: '3', parentId: '2', name: '前端组', order: 0, leaderUserIds: [] },
    ].map((d) => [d.id, d]),
  );
  it('staff → leader of their first department', () => expect(deriveManager(user('dev', ['2']), depts)).toBe('head'));
  it('a department leader → leader of the parent department', () => expect(deriveManager(user('head', ['2']), depts)).toBe('ceo'));
  it('a department without leader → the nearest leader above', () => expect(deriveManager(user('fe', ['3']), depts)).toBe('head'));
  it('the top leader has no manager', () => expect(deriveManager(user('ceo', ['1']), depts)).toBeNull());
});

describe('epochToLocalDate', () => {
  it('uses China local date (UTC+8)', () => {
    expect(epochToLocalDate(Date.UTC(2024, 0, 31, 17, 0))).toBe('2024-02-01');
    expect(epochToLocalDate(Date.UTC(2024, 0, 31, 15, 59))).toBe('2024-01-31');
    expect(epochToLocalDate(0)).toBeNull();
  });
});
