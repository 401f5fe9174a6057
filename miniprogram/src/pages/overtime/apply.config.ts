export default definePageConfig({ navigationBarTitleText: '加班' });
