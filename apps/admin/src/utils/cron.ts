/** 5 fields (min hour dom month dow) or 6 with seconds, each made of cron characters. */
export function isCron(value: string): boolean {
  const parts = value.trim().split(/\s+/);
  return (parts.length === 5 || parts.length === 6) && parts.every((p) => /^[\d*/,\-?LW#A-Za-z]+$/.test(p));
}
