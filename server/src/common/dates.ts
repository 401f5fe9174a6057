/** ISO string of an instant, or null. */
export const iso = (d: Date | null | undefined): string | null => (d ? new Date(d).toISOString() : null);
