export default definePageConfig({ navigationBarTitleText: '通用审批' });
