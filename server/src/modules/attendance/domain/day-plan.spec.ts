import { planDays } from './day-plan';

// Groups are plain labels here; `applies` says from which day each counts.
const starts: Record<string, string> = { hq: '2026-11-02', rd: '2026-11-16' };
const applies = (g: string, date: string) => date >= starts[g];
const row = (date: string, provisional = false, group = 'hq') => ({ date, provisional, group });

describe('planDays: which days a results read keeps and which it computes', () => {
  it('keeps final rows, computes missing and provisional days, and stores neither kind of queued day', () => {
    const stored = new Map([['2026-11-02', row('2026-11-02')], ['2026-11-03', row('2026-11-03', true)], ['2026-11-04', row('2026-11-04')]]);
    const queued = new Set(['2026-11-04', '2026-11-05']);
    const { keep, compute } = planDays([{ from: '2026-11-02', to: '2026-11-06', group: 'hq' }], stored, applies, (d) => queued.has(d));
    expect(keep.map((r) => r.date)).toEqual(['2026-11-02']);
    expect(compute).toEqual([
      { date: '2026-11-03', group: 'hq', store: true }, // provisional
      { date: '2026-11-04', group: 'hq', store: false }, // final but queued: computed, the writer stores it
      { date: '2026-11-05', group: 'hq', store: false }, // missing and queued
      { date: '2026-11-06', group: 'hq', store: true }, // missing
    ]);
  });

  it('days before the group applies keep whatever is stored (e.g. a row under an earlier group) and compute nothing', () => {
    const stored = new Map([['2026-11-14', row('2026-11-14', false, 'hq')]]);
    const { keep, compute } = planDays([{ from: '2026-11-14', to: '2026-11-16', group: 'rd' }], stored, applies, () => false);
    expect(keep).toEqual([row('2026-11-14', false, 'hq')]);
    expect(compute).toEqual([{ date: '2026-11-16', group: 'rd', store: true }]);
  });

  it('a deleted group\'s range: its stored rows only, even provisional or queued ones; the next range is planned on its own', () => {
    const stored = new Map([['2026-11-02', row('2026-11-02', true)], ['2026-11-20', row('2026-11-20')]]);
    const { keep, compute } = planDays([{ from: '2026-11-16', to: '2026-11-20', group: 'rd' }, { from: '2026-11-02', to: '2026-11-15', group: null }],
      stored, applies, () => true);
    expect(keep.map((r) => r.date)).toEqual(['2026-11-02']);
    expect(compute.map((c) => [c.date, c.store])).toEqual([['2026-11-16', false], ['2026-11-17', false], ['2026-11-18', false], ['2026-11-19', false], ['2026-11-20', false]]);
  });
});
