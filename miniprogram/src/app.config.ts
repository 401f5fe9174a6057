// WeCom (WeChat base library): getLocation must be declared and gets a purpose text in the permission prompt.
// Build-time config, not page code: the other hosts do not know these keys.
const wecomLocation =
  process.env.TARO_ENV === 'qywx'
    ? {
        requiredPrivateInfos: ['getLocation' as const],
        permission: { 'scope.userLocation': { desc: '用于考勤打卡和外勤签到时判断你的位置' } },
      }
    : {};

export default defineAppConfig({
  ...wecomLocation,
  // Main package: only what every launch needs.
  pages: ['pages/landing/index', 'pages/home/index', 'pages/profile/index'],
  // Feature pages live in sub-packages (downloaded on first use) so the main package stays small.
  subpackages: [
    {
      root: 'features',
      pages: ['soon/index'],
    },
    {
      // Page paths stay /pages/approvals/… (what notice / card deep links use).
      root: 'pages/approvals',
      pages: ['index', 'detail', 'general'],
    },
    {
      // 请假 / 我的假期 / 余额明细 / 我的申请 / 请假详情 / 团队日历
      root: 'pages/leave',
      pages: ['apply', 'balances', 'ledger', 'requests', 'detail', 'team'],
    },
    {
      // 加班 / 我的加班
      root: 'pages/overtime',
      pages: ['apply', 'index'],
    },
    {
      // 打卡 / 外勤签到 / 我的外勤 / 我的考勤 (补卡) / 团队考勤
      root: 'pages/attendance',
      pages: ['clock', 'field', 'list', 'month', 'team'],
    },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#1677ff',
    navigationBarTitleText: 'hrlink 员工自助',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f6f8',
  },
});
