import type { Platform } from './types';

export type FaultMode = 'none' | 'garbage' | 'error500' | 'down';
export const FAULT_MODES: readonly FaultMode[] = ['none', 'garbage', 'error500', 'down'];

interface Fault {
  mode: Exclude<FaultMode, 'none'>;
  /** Calls left; Infinity = until reset. */
  remaining: number;
}

/** Injected failures for the next n platform calls (PUT /__sandbox/api/faults). */
export class Faults {
  private faults = new Map<Platform, Fault>();

  set(platform: Platform, mode: FaultMode, times?: number): void {
    if (mode === 'none') this.faults.delete(platform);
    else this.faults.set(platform, { mode, remaining: times && times > 0 ? times : Infinity });
  }

  /** The fault the next call of this platform must suffer, if any (counts it down). */
  take(platform: Platform): Exclude<FaultMode, 'none'> | null {
    const f = this.faults.get(platform);
    if (!f) return null;
    f.remaining -= 1;
    if (f.remaining <= 0) this.faults.delete(platform);
    return f.mode;
  }

  snapshot(): Partial<Record<Platform, { mode: FaultMode; remaining: number | null }>> {
    const out: Partial<Record<Platform, { mode: FaultMode; remaining: number | null }>> = {};
    for (const [p, f] of this.faults) out[p] = { mode: f.mode, remaining: Number.isFinite(f.remaining) ? f.remaining : null };
    return out;
  }

  reset(): void {
    this.faults.clear();
  }
}
