/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.svg';
declare module '*.css';
declare module '*.scss';

/** Injected by config/index.ts defineConstants. */
declare const HRLINK_API_BASE: string;
declare const HRLINK_DD_CORP_ID: string;

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'h5' | 'dd' | 'qywx' | 'lark' | 'weapp' | 'alipay' | 'tt' | string;
  }
}

/** Host globals used only inside src/platform/*.<env>.ts and src/components/DateField.<env>.tsx. */
interface HostCallbacks<T> {
  success?: (res: T) => void;
  fail?: (err: unknown) => void;
}
declare const dd: {
  getAuthCode(opts: { corpId: string } & HostCallbacks<{ authCode: string }>): void;
  /** Native date / time picker (DingTalk has no picker mode=date); used by DateField.dd.tsx. */
  datePicker(opts: { format: string; currentDate?: string } & HostCallbacks<{ date: string }>): void;
  /** Used by src/platform/device.dd.ts. */
  getLocation(opts: { type?: number; targetAccuracy?: string; useCache?: boolean; cacheTimeout?: number } & HostCallbacks<any>): void;
  getWifiHotspotStatus?(opts: HostCallbacks<any>): void;
  /** Built-in map at a GCJ-02 point; used by src/platform/map.dd.ts. */
  openLocation?(opts: { latitude: string; longitude: string; name: string; address: string; scale?: number } & HostCallbacks<unknown>): void;
};
declare const wx: {
  qy: { login(opts: HostCallbacks<{ code: string }>): void };
  /** Built-in map at a GCJ-02 point; used by src/platform/map.qywx.ts. */
  openLocation?(opts: { latitude: number; longitude: number; name?: string; address?: string; scale?: number } & HostCallbacks<unknown>): void;
};
declare const tt: {
  login(opts: HostCallbacks<{ code: string }>): void;
  requestAccess?(opts: { appID: string; scopeList: string[] } & HostCallbacks<{ code: string }>): void;
  /** Built-in map at a GCJ-02 point; used by src/platform/map.lark.ts. */
  openLocation?(opts: { latitude: number; longitude: number; name?: string; address?: string; scale?: number } & HostCallbacks<unknown>): void;
};
