export default definePageConfig({ navigationBarTitleText: '请假详情', enablePullDownRefresh: true });
