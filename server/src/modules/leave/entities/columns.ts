/** decimal(12,3) as a JS number (MySQL answers decimals as strings). */
export const num = {
  to: (v: number | null | undefined) => v,
  from: (v: string | number | null) => (v === null || v === undefined ? null : Number(v)),
};
export const DECIMAL = { type: 'decimal' as const, precision: 12, scale: 3, transformer: num };
