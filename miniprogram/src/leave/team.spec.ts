import type { TeamLeaveEntry } from '@hrlink/shared';
import { groupTeamByDay, weekOf } from './team';

function entry(name: string, start: TeamLeaveEntry['start'], end: TeamLeaveEntry['end']): TeamLeaveEntry {
  return {
    employee: { id: name, name } as TeamLeaveEntry['employee'],
    requestId: `r-${name}`,
    leaveTypeName: '年假',
    start,
    end,
    status: 'approved',
  };
}

describe('team calendar', () => {
  it('week runs Monday to Sunday', () => {
    expect(weekOf('2026-11-21')).toEqual({ from: '2026-11-16', to: '2026-11-22' }); // a Saturday
    expect(weekOf('2026-11-16')).toEqual({ from: '2026-11-16', to: '2026-11-22' }); // a Monday
    expect(weekOf('2026-11-22')).toEqual({ from: '2026-11-16', to: '2026-11-22' }); // a Sunday
  });

  it('groups entries per day with the half / time of the first and last day', () => {
    const days = groupTeamByDay(
      [
        entry('张三', { date: '2026-11-17', half: 'pm' }, { date: '2026-11-18', half: 'am' }),
        entry('李四', { date: '2026-11-18', time: '14:00' }, { date: '2026-11-18', time: '18:00' }),
        entry('王五', { date: '2026-11-10' }, { date: '2026-11-16' }),
      ],
      '2026-11-16',
      '2026-11-18',
    );
    expect(days.map((d) => [d.date, d.entries.map((e) => `${e.entry.employee.name}${e.part}`)])).toEqual([
      ['2026-11-16', ['王五']],
      ['2026-11-17', ['张三下午']],
      ['2026-11-18', ['李四14:00–18:00', '张三上午']],
    ]);
  });
});
