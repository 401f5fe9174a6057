export default definePageConfig({ navigationBarTitleText: '余额明细', enablePullDownRefresh: true, onReachBottomDistance: 80 });
