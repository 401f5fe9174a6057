import type { Page } from '@hrlink/shared';

/** A list being paged in with "加载更多". */
export interface PagedList<T> {
  items: T[];
  total: number;
  /** Last page loaded (0 = none yet). */
  page: number;
}

export const EMPTY_LIST: PagedList<never> = { items: [], total: 0, page: 0 };

/**
 * Add a page to the list: page 1 replaces, later pages append. Items already shown (same id,
 * e.g. shifted by a new request arriving between two pages) are not shown twice.
 */
export function mergePage<T extends { id: string }>(prev: PagedList<T>, next: Page<T>): PagedList<T> {
  if (next.page <= 1) return { items: next.items.slice(), total: next.total, page: next.page || 1 };
  const seen = new Set(prev.items.map((i) => i.id));
  const items = prev.items.concat(next.items.filter((i) => !seen.has(i.id)));
  return { items, total: next.total, page: next.page };
}

export function hasMore(list: PagedList<unknown>): boolean {
  return list.page > 0 && list.items.length < list.total;
}

/** `/approvals/people` answers a Page or a bare array (the contract does not say); accept both. */
export function itemsOf<T>(res: Page<T> | T[] | null | undefined): T[] {
  if (!res) return [];
  if (Array.isArray(res)) return res;
  return Array.isArray(res.items) ? res.items : [];
}
