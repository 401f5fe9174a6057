export default definePageConfig({ navigationBarTitleText: '我的加班', enablePullDownRefresh: true, onReachBottomDistance: 80 });
