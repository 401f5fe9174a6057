// The month so far as a company using the product has it: every member's punches on the working days (Mon–Fri) from
// the 1st to yesterday, written straight into attendance_punches (the bench measures HR's reads over them, not how
// they got there). In a few minutes before the shift starts, out a few minutes after it ends; ~5 % late, ~2 % field
// punches, ~1 % days without a punch (absent). Deterministic per (employee, day), so two runs read the same month.
import { randomUUID } from 'node:crypto';

const TZ_OFFSET_MS = 8 * 3600_000; // the demo tenant is on Asia/Shanghai (no DST)
const ROWS_PER_INSERT = 2000;

/** Working days (Mon–Fri) from the month's 1st up to the day before `today` (YYYY-MM-DD). */
export function historyDays(today) {
  const out = [];
  for (let d = new Date(`${today.slice(0, 8)}01T00:00:00Z`); d.toISOString().slice(0, 10) < today; d.setUTCDate(d.getUTCDate() + 1)) {
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

/** A small deterministic hash in [0, 1) of a string. */
function unit(s) {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return ((h >>> 0) % 100000) / 100000;
}

const hmToMin = (s) => { const [h, m] = s.split(':').map(Number); return h * 60 + m; };
/** Local date + minutes → the UTC 'YYYY-MM-DD HH:MM:SS.sss' MySQL stores for datetime(3). */
const utc = (date, minutes) => new Date(Date.parse(`${date}T00:00:00Z`) + minutes * 60_000 - TZ_OFFSET_MS).toISOString().replace('T', ' ').replace('Z', '');

/**
 * Inserts the history; returns how many punches. `site`: the group's site ({ id, name, latitude, longitude }),
 * `shift`: { start, end } ("HH:mm").
 */
export async function fillHistory(db, { tenantId, employees, today, shift, site }) {
  const days = historyDays(today);
  const [start, end] = [hmToMin(shift.start), hmToMin(shift.end)];
  const cols = ['id', 'tenantId', 'employeeId', 'date', 'at', 'kind', 'source', 'siteId', 'siteName', 'distanceMeters', 'latitude', 'longitude',
    'accuracy', 'wifi', 'flags', 'remark', 'photoFileIds', 'deviceId', 'idempotencyKey', 'createdAt', 'updatedAt'];
  let batch = [];
  let n = 0;
  const flush = async () => {
    if (!batch.length) return;
    await db.query(`INSERT INTO attendance_punches (${cols.map((c) => `\`${c}\``).join(', ')}) VALUES ?`, [batch]);
    n += batch.length;
    batch = [];
  };
  for (const date of days) {
    for (const e of employees) {
      const r = unit(`${e.id}|${date}`);
      if (r < 0.01) continue; // absent
      const field = r > 0.98;
      const inAt = r < 0.06 ? start + 10 + Math.floor(r * 300) : start - 2 - Math.floor(r * 20); // ~5 % late
      const outAt = Math.min(end + 1 + Math.floor(r * 25), 24 * 60 - 1);
      for (const [kind, minutes] of [['in', inAt], ['out', outAt]]) {
        const at = utc(date, Math.max(0, minutes));
        const where = field
          ? [null, null, null, site.latitude + 0.02, site.longitude, 25, null, '[]', '拜访客户']
          : [site.id, site.name, 30 + Math.floor(r * 100), site.latitude, site.longitude, 20, null, '[]', null];
        batch.push([randomUUID(), tenantId, e.id, date, at, kind, field ? 'field' : 'site', ...where.slice(0, 8), where[8], '[]', `bench-${e.employeeNo}`,
          `hist-${date}-${kind}-${e.employeeNo}`, at, at]);
        if (batch.length >= ROWS_PER_INSERT) await flush();
      }
    }
  }
  await flush();
  return { punches: n, days };
}
