/**
 * Where to go after log-in when a notice / card deep link says `redirect=<path>`.
 * Only pages of this app: the path must start with `/pages/` (a leading slash is added to a bare
 * `pages/...`, the form mini-program hosts use). Anything else — external URLs, protocol-relative
 * `//host`, `..` segments, backslashes, control characters, the landing page itself — is refused
 * (null) and the user goes to the workbench.
 */
const PATH_RE = /^\/pages\/[A-Za-z0-9_-]+(?:\/[A-Za-z0-9_-]+)*$/;

function decodeOnce(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function safeRedirect(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let s = raw.trim();
  // A redirect that arrived still encoded ("%2Fpages%2F…") is decoded once.
  if (/^%2F/i.test(s) || /^pages%2F/i.test(s)) s = decodeOnce(s);
  if (s.startsWith('pages/')) s = `/${s}`;
  if (!s.startsWith('/pages/')) return null;
  if (/[\u0000-\u001f\u007f\\\s]/.test(s)) return null;
  const q = s.indexOf('?');
  const path = q < 0 ? s : s.slice(0, q);
  const query = q < 0 ? '' : s.slice(q);
  if (!PATH_RE.test(path)) return null;
  if (path.startsWith('/pages/landing/')) return null;
  if (query.includes('#')) return null;
  return path + query;
}
