/** Local wall-clock helpers for a time zone (Intl, no dependency). */

const formatters = new Map<string, Intl.DateTimeFormat>();

function fmt(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone's UTC offset (ms) during each quarter hour asked for: zone changes happen on quarter-hour boundaries. */
const offsets = new Map<string, Map<number, number>>();
const QUARTER = 15 * 60_000;

function offsetAt(ms: number, timeZone: string): number {
  let byQuarter = offsets.get(timeZone);
  if (!byQuarter) offsets.set(timeZone, (byQuarter = new Map()));
  const q = Math.floor(ms / QUARTER);
  let off = byQuarter.get(q);
  if (off === undefined) {
    const p: Record<string, string> = {};
    for (const x of fmt(timeZone).formatToParts(new Date(q * QUARTER))) p[x.type] = x.value;
    off = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second) - q * QUARTER;
    if (byQuarter.size > 10_000) byQuarter.clear();
    byQuarter.set(q, off);
  }
  return off;
}

/** The local date (YYYY-MM-DD) and minutes since local midnight of an instant. */
export function localParts(at: Date, timeZone: string): { date: string; minutes: number } {
  const ms = at.getTime();
  const local = new Date(ms + offsetAt(ms, timeZone));
  const date = local.toISOString().slice(0, 10);
  return { date, minutes: local.getUTCHours() * 60 + local.getUTCMinutes() + local.getUTCSeconds() / 60 };
}

/** "HH:mm" → minutes since midnight. */
export function hm(s: string): number {
  const [h, m] = s.split(':').map(Number);
  return h * 60 + m;
}

/** Minutes → "HH:mm". */
export function toHm(minutes: number): string {
  const m = Math.floor(minutes);
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** The instant of a local date + "HH:mm" in a time zone. */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const [y, mo, d] = date.split('-').map(Number);
  const wall = Date.UTC(y, mo - 1, d) + hm(time) * 60_000;
  let guess = wall;
  for (let i = 0; i < 2; i++) {
    const p = localParts(new Date(guess), timeZone);
    const [py, pm, pd] = p.date.split('-').map(Number);
    const seen = Date.UTC(py, pm - 1, pd) + Math.round(p.minutes) * 60_000;
    guess += wall - seen;
  }
  return new Date(guess);
}
