export default defineAppConfig({
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
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#1677ff',
    navigationBarTitleText: 'hrlink 员工自助',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f6f8',
  },
});
