import { useSyncExternalStore } from 'react';
import { getSession, subscribeSession, type StoredSession } from '../api/session';

export function useSession(): StoredSession | null {
  return useSyncExternalStore(subscribeSession, getSession, getSession);
}
