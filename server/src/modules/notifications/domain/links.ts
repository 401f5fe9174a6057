import type { Platform } from '@hrlink/shared';

/** The mini-program page an approval opens on. */
export const approvalPath = (instanceId: string) => `/pages/approvals/detail?id=${encodeURIComponent(instanceId)}`;

export interface LinkBinding {
  platform: Platform;
  corpId: string;
  appKey: string | null;
  agentId: string | null;
}

/**
 * The deep link put on cards and notices. Default: the H5 build (`<linkBase>/pages/approvals/detail?id=…`), which
 * the sandbox phone opens as the recipient. A per-platform template switches to the native mini-program link in
 * production; placeholders: {link} (the H5 link), {path}, {pathEncoded}, {corpId}, {appKey}, {agentId}. E.g.
 * - DingTalk: `dingtalk://dingtalkclient/action/open_micro_app?corpId={corpId}&miniAppId=<miniAppId>&page={pathEncoded}`
 *   (or `eapp://{path}` from inside the mini-program)
 * - Feishu:   `https://applink.feishu.cn/client/mini_program/open?appId={appKey}&mode=window&path={pathEncoded}`
 * - WeCom:    the card's card_action URL (type 1); a mini-program card_action (type 2) needs appid + pagepath.
 */
export function renderLink(template: string | null, linkBase: string, b: LinkBinding, instanceId: string): string {
  const path = approvalPath(instanceId);
  const link = `${linkBase}${path}`;
  if (!template) return link;
  const pathNoSlash = path.replace(/^\//, '');
  const vars: Record<string, string> = {
    link, path: pathNoSlash, pathEncoded: encodeURIComponent(pathNoSlash), corpId: b.corpId, appKey: b.appKey ?? '', agentId: b.agentId ?? '',
  };
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? vars[k] : m));
}

/** Card button values: compact, identify the task and the action (WeCom EventKey ≤ 1024, Feishu value). */
export const buttonValue = (action: 'approve' | 'reject', taskId: string) => `${action === 'approve' ? 'a' : 'r'}:${taskId}`;

export function parseButtonValue(value: string): { action: 'approve' | 'reject'; taskId: string } | null {
  const m = /^([ar]):([0-9a-fA-F-]{36})$/.exec(value.trim());
  return m ? { action: m[1] === 'a' ? 'approve' : 'reject', taskId: m[2] } : null;
}
