/** @hrlink/sandbox — a stand-in for the DingTalk, WeCom and Feishu open platforms. */
export { startSandbox, createSandboxServer, type StartOptions, type RunningSandbox } from './server';
export { spawnSandbox, type SpawnOptions, type SpawnedSandbox } from './spawn';
export { DEMO_CREDENTIALS, type CorpCredentials, type CorpKey, type DingTalkApp, type WeComApp, type FeishuApp } from './credentials';
export { SandboxState, DEFAULT_H5_URL, type SandboxOptions } from './state';
export { CONTROL_PREFIX, type PersonView } from './control';
export { CORP_NAMES } from './seed';
export type { Platform } from './core/types';
