import type { AdminUserView, TokenPair } from '@hrlink/shared';

/** What the admin keeps in localStorage between page loads. */
export interface StoredSession {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms when the access token expires (informational; the server decides). */
  expiresAt: number;
  user: AdminUserView;
}

const STORAGE_KEY = 'hrlink.admin.session';
type Listener = () => void;
const listeners = new Set<Listener>();
let current: StoredSession | null = read();

/** localStorage when there is one (browser); nothing outside a browser (unit tests keep it in memory). */
function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

function read(): StoredSession | null {
  try {
    const raw = storage()?.getItem(STORAGE_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as StoredSession;
    return parsed && parsed.accessToken && parsed.user ? parsed : null;
  } catch {
    return null;
  }
}

function write(next: StoredSession | null): void {
  current = next;
  if (next) storage()?.setItem(STORAGE_KEY, JSON.stringify(next));
  else storage()?.removeItem(STORAGE_KEY);
  listeners.forEach((l) => l());
}

export function getSession(): StoredSession | null {
  return current;
}

export function startSession(tokens: TokenPair, user: AdminUserView): void {
  write({ ...toStored(tokens), user });
}

export function updateTokens(tokens: TokenPair): void {
  if (!current) return;
  write({ ...current, ...toStored(tokens) });
}

export function updateUser(patch: Partial<AdminUserView>): void {
  if (!current) return;
  write({ ...current, user: { ...current.user, ...patch } });
}

export function clearSession(): void {
  if (current) write(null);
}

export function subscribeSession(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function toStored(t: TokenPair) {
  return { accessToken: t.accessToken, refreshToken: t.refreshToken, expiresAt: Date.now() + t.expiresIn * 1000 };
}

// Another tab logged in or out: follow it.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (e) => {
    if (e.key !== STORAGE_KEY) return;
    current = read();
    listeners.forEach((l) => l());
  });
}
