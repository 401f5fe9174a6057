/**
 * Money in the UI is typed in 元 with at most 2 decimals and sent to the API as integer 分.
 * Conversion is done on the digits (string arithmetic), never with floating point:
 * `0.29 * 100` is 28.999999999999996 in JS, `'0.29'` here is exactly 29.
 */

/** Largest amount accepted: 1 亿元 (keeps fen far inside Number.MAX_SAFE_INTEGER). */
export const MAX_YUAN = 100_000_000;

export type YuanParse = { ok: true; fen: number | null } | { ok: false; message: string };

const YUAN_RE = /^(\d+)(?:\.(\d{1,2}))?$/;

/**
 * '' → null (no amount), '12' → 1200, '0.1' → 10, '12.34' → 1234.
 * Rejects 3+ decimals, signs, exponents, separators, zero and anything over MAX_YUAN.
 */
export function parseYuanToFen(input: string | null | undefined): YuanParse {
  const s = (input ?? '').trim();
  if (!s) return { ok: true, fen: null };
  if (/^\d+\.\d{3,}$/.test(s)) return { ok: false, message: '金额最多两位小数' };
  const m = YUAN_RE.exec(s);
  if (!m) return { ok: false, message: '请输入正确的金额，如 128.50' };
  const whole = m[1].replace(/^0+(?=\d)/, '');
  const cents = (m[2] || '').padEnd(2, '0');
  if (whole.length > String(MAX_YUAN).length) return { ok: false, message: `金额不能超过 ${MAX_YUAN / 10000} 万元` };
  const fen = Number(whole) * 100 + Number(cents);
  if (fen === 0) return { ok: false, message: '金额须大于 0' };
  if (fen > MAX_YUAN * 100) return { ok: false, message: `金额不能超过 ${MAX_YUAN / 10000} 万元` };
  return { ok: true, fen };
}

/** 1234 → '12.34', 30 → '0.30', 100000 → '1000.00' (integers only; negatives keep their sign). */
export function formatFen(fen: number): string {
  if (!Number.isSafeInteger(fen)) return String(fen);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}${yuan}.${cents}`;
}

/** 123456 → '¥1,234.56' for display. */
export function displayFen(fen: number): string {
  const [y, c] = formatFen(fen).split('.');
  if (c === undefined) return `¥${y}`;
  const grouped = y.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `¥${grouped}.${c}`;
}
