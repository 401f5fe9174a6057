export default definePageConfig({ navigationBarTitleText: '我的假期', enablePullDownRefresh: true });
