export default definePageConfig({ navigationBarTitleText: '团队日历', enablePullDownRefresh: true });
