/** The three platforms the sandbox imitates (same values as @hrlink/shared's Platform, kept local on purpose). */
export type Platform = 'dingtalk' | 'wecom' | 'feishu';
export const PLATFORMS: readonly Platform[] = ['dingtalk', 'wecom', 'feishu'];

export function isPlatform(v: unknown): v is Platform {
  return typeof v === 'string' && (PLATFORMS as readonly string[]).includes(v);
}
