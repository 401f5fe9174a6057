export default definePageConfig({ navigationBarTitleText: 'hrlink 员工自助' });
