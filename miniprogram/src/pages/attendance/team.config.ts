export default definePageConfig({ navigationBarTitleText: '团队考勤', enablePullDownRefresh: true });
