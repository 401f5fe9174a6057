export default definePageConfig({ navigationBarTitleText: '我的外勤', enablePullDownRefresh: true });
