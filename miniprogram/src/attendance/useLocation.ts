import { useCallback, useState } from 'react';
import type { WifiSpot } from '@hrlink/shared';
import { getConnectedWifi, getHostLocation, locationHelp } from '../platform/device';
import { LocationError, type HostLocation } from '../platform/device-types';

export interface LocationState {
  loading: boolean;
  location: HostLocation | null;
  wifi: WifiSpot | null;
  error: { kind: string; message: string; help: string } | null;
}

/** Location + Wi-Fi from the host; never fails silently: errors carry the host's "how to enable" text. */
export function useHostLocation() {
  const [state, setState] = useState<LocationState>({ loading: true, location: null, wifi: null, error: null });
  const locate = useCallback(async (): Promise<LocationState> => {
    setState((s) => ({ ...s, loading: true, error: null }));
    const [loc, wifi] = await Promise.allSettled([getHostLocation(), getConnectedWifi()]);
    const next: LocationState = {
      loading: false,
      location: loc.status === 'fulfilled' ? loc.value : null,
      wifi: wifi.status === 'fulfilled' ? wifi.value : null,
      error: null,
    };
    if (loc.status === 'rejected') {
      const e = loc.reason;
      next.error =
        e instanceof LocationError
          ? { kind: e.kind, message: e.message, help: e.help }
          : { kind: 'unavailable', message: `暂时无法获取位置：${(e && (e as Error).message) || '未知错误'}`, help: locationHelp };
    }
    setState(next);
    return next;
  }, []);
  return { ...state, locate };
}
