import { useEffect, useRef, useState } from 'react';
import type { SyncRunView } from '@hrlink/shared';
import { fetchSyncRun } from '../api/integrations';

const MAX_FAILURES = 5;

/**
 * Polls GET /integrations/sync-runs/:id every `intervalMs` while the run is running.
 * Calls onFinished once when the run leaves the running state.
 */
export function useSyncRunPoll(
  initial: SyncRunView | null,
  onFinished: (run: SyncRunView) => void,
  intervalMs = 1000,
): { run: SyncRunView | null; pollError: unknown } {
  const [run, setRun] = useState<SyncRunView | null>(initial);
  const [pollError, setPollError] = useState<unknown>(undefined);
  const finished = useRef(onFinished);
  finished.current = onFinished;

  useEffect(() => {
    setRun(initial);
    setPollError(undefined);
    if (!initial) return;
    if (initial.status !== 'running') {
      finished.current(initial);
      return;
    }
    let stopped = false;
    let failures = 0;
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      try {
        const next = await fetchSyncRun(initial.id);
        if (stopped) return;
        failures = 0;
        setPollError(undefined);
        setRun(next);
        if (next.status !== 'running') {
          finished.current(next);
          return;
        }
      } catch (err) {
        if (stopped) return;
        failures++;
        setPollError(err);
        if (failures >= MAX_FAILURES) return;
      }
      timer = setTimeout(tick, intervalMs);
    };
    timer = setTimeout(tick, intervalMs);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [initial, intervalMs]);

  return { run, pollError };
}
