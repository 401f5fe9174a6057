/** Lines worth showing from an error's details, e.g. `{ fields: { hireDate: ['…'] } }` from validation. */
export function detailLines(details: Record<string, unknown> | undefined, depth = 0): string[] {
  if (!details || depth > 1) return [];
  const lines: string[] = [];
  for (const [key, value] of Object.entries(details)) {
    if (typeof value === 'string' || typeof value === 'number') lines.push(`${key}: ${value}`);
    else if (Array.isArray(value)) {
      const texts = value.map((v) =>
        typeof v === 'string' ? v : v && typeof v === 'object' && 'message' in v ? String((v as { message: unknown }).message) : '',
      );
      const joined = texts.filter(Boolean).join('，');
      if (joined) lines.push(depth ? `${key}: ${joined}` : joined);
    } else if (value && typeof value === 'object') {
      lines.push(...detailLines(value as Record<string, unknown>, depth + 1));
    }
  }
  return lines.slice(0, 8);
}
