import { addDays, diffDays, fullYearsBetween, maxDate, minDate, sameDayIn, yearOf } from './dates';

/**
 * Statutory annual leave (职工带薪年休假条例 / 企业职工带薪年休假实施办法).
 *
 * - Tier by cumulative working years (from firstWorkDate): <1 → 0, 1–<10 → 5, 10–<20 → 10, ≥20 → 15.
 * - Proration: the part of the year the employee is entitled for (from the hire date, until the leaving date, both
 *   included), split where the working years reach a new tier (the anniversary of firstWorkDate): Σ days ÷ 365 ×
 *   tier days, then fractions below one day dropped. 365 is the divisor the 实施办法 (art. 5, 12) prescribes, also in
 *   leap years: a full leap year gives 366/365 × 5 = 5.01 → 5.
 * - Leaver: (days elapsed this year in the company ÷ 365 × entitlement) − used, fractions dropped, never negative
 *   (over-use is not clawed back).
 * - Custom tiers (a tenant's more generous policy) never give less than the statutory tier.
 */
export interface AnnualTier { minYears: number; days: number }
export interface AnnualPolicyData { annualMode: 'statutory' | 'custom'; annualTiers: AnnualTier[] }

export const statutoryDays = (workingYears: number): number => (workingYears >= 20 ? 15 : workingYears >= 10 ? 10 : workingYears >= 1 ? 5 : 0);

export function tierDays(workingYears: number, policy?: AnnualPolicyData): number {
  const legal = statutoryDays(workingYears);
  if (!policy || policy.annualMode !== 'custom') return legal;
  const custom = [...policy.annualTiers].sort((a, b) => a.minYears - b.minYears).filter((t) => workingYears >= t.minYears).pop()?.days ?? 0;
  return Math.max(legal, custom);
}

export interface AnnualInput {
  year: number;
  /** 参加工作日期; null → the hire date is used. */
  firstWorkDate: string | null;
  hireDate: string | null;
  /** Last working day when the employee left (or leaves) this year. */
  leaveDate?: string | null;
  policy?: AnnualPolicyData;
}

export interface AnnualResult {
  year: number;
  workingYears: number;
  fullYearDays: number;
  /** Σ days ÷ 365 × tier, before dropping fractions. */
  exact: number;
  grantedDays: number;
  segments: { from: string; to: string; days: number; tierDays: number }[];
  explanation: string;
}

export function annualEntitlement(input: AnnualInput): AnnualResult {
  const { year } = input;
  const jan1 = `${year}-01-01`, dec31 = `${year}-12-31`;
  const first = input.firstWorkDate ?? input.hireDate ?? jan1;
  const from = input.hireDate ? maxDate(jan1, input.hireDate) : jan1;
  const to = input.leaveDate ? minDate(dec31, input.leaveDate) : dec31;
  const workingYears = fullYearsBetween(first, jan1);
  const fullYearDays = tierDays(fullYearsBetween(first, dec31), input.policy);
  const segments: AnnualResult['segments'] = [];
  if (from <= to && (!input.hireDate || input.hireDate <= dec31)) {
    // Split at the anniversary of the first work date inside [from, to] when the tier changes there.
    const anniversary = sameDayIn(first, year);
    const tierChanges = anniversary > from && anniversary <= to && yearOf(first) < year
      && tierDays(fullYearsBetween(first, anniversary), input.policy) !== tierDays(fullYearsBetween(first, from), input.policy);
    const cuts = tierChanges ? [anniversary] : [];
    let segFrom = from;
    for (const cut of [...cuts, addDays(to, 1)]) {
      const segTo = addDays(cut, -1);
      const days = diffDays(segFrom, segTo) + 1;
      segments.push({ from: segFrom, to: segTo, days, tierDays: tierDays(fullYearsBetween(first, segFrom), input.policy) });
      segFrom = cut;
    }
  }
  const exact = segments.reduce((s, g) => s + (g.days / 365) * g.tierDays, 0);
  // Guard float noise (e.g. 365/365*5 = 4.999…): round to 6 decimals before flooring.
  const grantedDays = Math.floor(Math.round(exact * 1e6) / 1e6);
  return { year, workingYears, fullYearDays, exact, grantedDays, segments, explanation: explain(input, workingYears, segments, grantedDays) };
}

function explain(input: AnnualInput, workingYears: number, segs: AnnualResult['segments'], granted: number): string {
  const head = `累计工作 ${workingYears} 年`;
  if (!segs.length) return `${head}；${input.year} 年不在职，不享受年假`;
  const joined = input.hireDate && input.hireDate > `${input.year}-01-01` ? `${input.hireDate} 入职` : null;
  const left = input.leaveDate && input.leaveDate < `${input.year}-12-31` ? `${input.leaveDate} 离职` : null;
  if (segs.length === 1) {
    const s = segs[0];
    const tier = s.tierDays === 0 ? `${head}，不满 1 年，不享受年假` : `${head}，全年 ${s.tierDays} 天`;
    if (!joined && !left) return tier;
    if (s.tierDays === 0) return `${tier}（${[joined, left].filter(Boolean).join('，')}）`;
    return `${tier}；${[joined, left].filter(Boolean).join('，')}，按 ${s.days}/365 折算为 ${granted} 天`;
  }
  const parts = segs.map((s) => `${s.from} 至 ${s.to} ${s.days} 天按全年 ${s.tierDays} 天`).join('，');
  const why = [joined, left, `${segs[1].from} 工龄满 ${fullYearsBetween(input.firstWorkDate ?? input.hireDate ?? segs[1].from, segs[1].from)} 年`].filter(Boolean).join('，');
  return `${head}；${why}：${parts}，按 /365 折算为 ${granted} 天（不足 1 天的部分不计）`;
}

/** What a leaver still gets: ⌊earned − used⌋, never below 0. */
export function leaverRemaining(earnedExact: number, used: number): number {
  return Math.max(0, Math.floor(Math.round((earnedExact - used) * 1e6) / 1e6));
}
