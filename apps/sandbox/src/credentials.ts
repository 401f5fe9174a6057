/** Fixed demo credentials (team brief, "Fixed demo facts"). The server's demo seed uses the same values. */
export interface DingTalkApp {
  corpId: string;
  appKey: string;
  appSecret: string;
  agentId: string;
  callbackToken: string;
  aesKey: string;
}
export interface WeComApp {
  corpId: string;
  corpSecret: string;
  agentId: string;
  callbackToken: string;
  encodingAesKey: string;
}
export interface FeishuApp {
  tenantKey: string;
  appId: string;
  appSecret: string;
  verificationToken: string;
  encryptKey: string;
}
export interface CorpCredentials {
  dingtalk: DingTalkApp;
  wecom: WeComApp;
  feishu: FeishuApp;
}

export type CorpKey = 'demo' | 'other';

export const DEMO_CREDENTIALS: Record<CorpKey, CorpCredentials> = {
  demo: {
    dingtalk: {
      corpId: 'dingdemo0001corp',
      appKey: 'dingdemoappkey0001',
      appSecret: 'dingdemo-app-secret-0001',
      agentId: '3000000001',
      callbackToken: 'dingdemotoken',
      aesKey: 'HRLINKdingDEMOaesKEY0123456789abcdefghijklm',
    },
    wecom: {
      corpId: 'wwdemo0001corp',
      corpSecret: 'wecom-demo-app-secret-0001',
      agentId: '1000002',
      callbackToken: 'wecomdemotoken',
      encodingAesKey: 'HRLINKwecomDEMOaesKEY0123456789abcdefghijkl',
    },
    feishu: {
      tenantKey: 'feishudemo0001',
      appId: 'cli_demo0001',
      appSecret: 'feishu-demo-app-secret-0001',
      verificationToken: 'feishudemotoken',
      encryptKey: 'hrlink-feishu-demo-encrypt-key',
    },
  },
  other: {
    dingtalk: {
      corpId: 'dingdemo0002corp',
      appKey: 'dingdemoappkey0002',
      appSecret: 'dingdemo-app-secret-0002',
      agentId: '3000000002',
      callbackToken: 'dingothertoken',
      aesKey: 'HRLINKdingOTHERaesKEY0123456789abcdefghijkl',
    },
    wecom: {
      corpId: 'wwdemo0002corp',
      corpSecret: 'wecom-demo-app-secret-0002',
      agentId: '1000003',
      callbackToken: 'wecomothertoken',
      encodingAesKey: 'HRLINKwecomOTHERaesKEY0123456789abcdefghijk',
    },
    feishu: {
      tenantKey: 'feishudemo0002',
      appId: 'cli_demo0002',
      appSecret: 'feishu-demo-app-secret-0002',
      verificationToken: 'feishuothertoken',
      encryptKey: 'hrlink-feishu-other-encrypt-key',
    },
  },
};
