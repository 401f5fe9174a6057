import { PunchFlag } from '@hrlink/shared';
import { haversineMeters } from './geo';

export const LOW_ACCURACY_METERS = 100;
export const MAX_TRAVEL_KMH = 150;
/** Below this distance two punches never count as impossible travel (GPS jitter, two punches in one second). */
const MIN_TRAVEL_METERS = 1000;

export interface PunchSignal {
  at: Date;
  latitude: number | null;
  longitude: number | null;
  accuracy: number | null;
  isMock?: boolean;
  deviceId?: string | null;
}

/**
 * Anti-cheat flags of a punch, given the employee's previous punch (any day). Flags are stored and shown; they never
 * reject a punch.
 */
export function punchFlags(cur: PunchSignal, prev: PunchSignal | null): PunchFlag[] {
  const flags: PunchFlag[] = [];
  if (cur.isMock) flags.push(PunchFlag.Mock);
  if (cur.accuracy !== null && cur.accuracy > LOW_ACCURACY_METERS) flags.push(PunchFlag.LowAccuracy);
  if (prev && prev.latitude !== null && prev.longitude !== null && cur.latitude !== null && cur.longitude !== null) {
    const meters = haversineMeters({ latitude: prev.latitude, longitude: prev.longitude }, { latitude: cur.latitude, longitude: cur.longitude });
    const hours = Math.max(1, Math.abs(cur.at.getTime() - prev.at.getTime()) / 1000) / 3600;
    if (meters >= MIN_TRAVEL_METERS && meters / 1000 / hours > MAX_TRAVEL_KMH) flags.push(PunchFlag.ImpossibleTravel);
  }
  if (prev?.deviceId && cur.deviceId && prev.deviceId !== cur.deviceId) flags.push(PunchFlag.DeviceChange);
  return flags;
}
