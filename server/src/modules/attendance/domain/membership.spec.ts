import { countsFrom, resolveGroupIds } from './membership';

describe('membership', () => {
  const parents = new Map<string, string | null>([['root', null], ['rd', 'root'], ['rd-fe', 'rd'], ['sales', 'root']]);

  it('own membership wins, then the nearest department up the chain, main department first', () => {
    const members = [
      { groupId: 'HQ', memberType: 'department', memberId: 'root' },
      { groupId: 'RD', memberType: 'department', memberId: 'rd' },
      { groupId: 'FLEX', memberType: 'employee', memberId: 'e1' },
    ];
    const links = [
      { employeeId: 'e1', departmentId: 'rd-fe', isMain: true },
      { employeeId: 'e2', departmentId: 'rd-fe', isMain: true },
      { employeeId: 'e3', departmentId: 'sales', isMain: false },
      { employeeId: 'e3', departmentId: 'rd', isMain: 1 },
      { employeeId: 'e4', departmentId: 'gone', isMain: true },
    ];
    const r = resolveGroupIds(members, links, parents);
    expect(Object.fromEntries(r)).toEqual({ e1: 'FLEX', e2: 'RD', e3: 'RD' });
  });

  it('counts from the later of effectiveFrom and the assignment date', () => {
    expect(countsFrom('2026-09-01')).toBe('2026-09-01');
    expect(countsFrom('2026-09-01', '2026-11-10')).toBe('2026-11-10');
    expect(countsFrom('2026-11-18', '2026-11-01')).toBe('2026-11-18');
    expect(countsFrom('2026-11-18', null)).toBe('2026-11-18');
  });
});
