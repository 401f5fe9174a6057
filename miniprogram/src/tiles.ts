/** Workbench tiles. `path` empty = not built yet → the "即将上线" page in the features sub-package. */
export interface FeatureTile {
  key: string;
  title: string;
  color: string;
  path?: string;
}

export const FEATURE_TILES: FeatureTile[] = [
  { key: 'clock', title: '打卡', color: '#1677ff', path: '/pages/attendance/clock' },
  { key: 'leave', title: '请假', color: '#00b578', path: '/pages/leave/apply' },
  { key: 'overtime', title: '加班', color: '#ff8f1f', path: '/pages/overtime/apply' },
  { key: 'correction', title: '补卡', color: '#7c4dff', path: '/pages/attendance/month' },
  { key: 'field', title: '外勤', color: '#00a0e9', path: '/pages/attendance/field' },
  { key: 'payslip', title: '工资条', color: '#f54a45' },
  { key: 'referral', title: '内推', color: '#eb2f96' },
  { key: 'approval', title: '审批', color: '#2f54eb', path: '/pages/approvals/index' },
];

export function tileUrl(tile: FeatureTile): string {
  return tile.path || `/features/soon/index?feature=${tile.key}&title=${encodeURIComponent(tile.title)}`;
}

export const ROLE_LABELS: Record<string, string> = { employee: '员工', hr: 'HR', admin: '管理员' };
