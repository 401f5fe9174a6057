import type { Platform } from '@hrlink/shared';

export interface SeedTenantSpec {
  name: string;
  bindings: {
    platform: Platform;
    corpId: string;
    appKey: string | null;
    appSecret: string;
    agentId: string | null;
    callbackToken: string;
    callbackAesKey: string;
  }[];
  admins: { username: string; password: string; displayName: string; role: 'hr' | 'admin'; linkEmployeeNo?: string }[];
}

/** The demo corp of the team brief (the sandbox seeds the same values). DingTalk is the org source. */
export const DEMO_TENANT: SeedTenantSpec = {
  name: '示例科技有限公司',
  bindings: [
    {
      platform: 'dingtalk', corpId: 'dingdemo0001corp', appKey: 'dingdemoappkey0001', appSecret: 'dingdemo-app-secret-0001',
      agentId: '3000000001', callbackToken: 'dingdemotoken', callbackAesKey: 'HRLINKdingDEMOaesKEY0123456789abcdefghijklm',
    },
    {
      platform: 'wecom', corpId: 'wwdemo0001corp', appKey: null, appSecret: 'wecom-demo-app-secret-0001', agentId: '1000002',
      callbackToken: 'wecomdemotoken', callbackAesKey: 'HRLINKwecomDEMOaesKEY0123456789abcdefghijkl',
    },
    {
      platform: 'feishu', corpId: 'feishudemo0001', appKey: 'cli_demo0001', appSecret: 'feishu-demo-app-secret-0001', agentId: null,
      callbackToken: 'feishudemotoken', callbackAesKey: 'hrlink-feishu-demo-encrypt-key',
    },
  ],
  admins: [
    { username: 'hr', password: 'hrlink2026', displayName: '人力资源', role: 'hr', linkEmployeeNo: 'E0002' },
    { username: 'admin', password: 'hrlink2026', displayName: '系统管理员', role: 'admin' },
  ],
};
