import { useCallback, useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import type { Page } from '@hrlink/shared';
import { EMPTY_LIST, hasMore, mergePage, type PagedList } from '../approvals/paging';
import { toUiError, withSession, type UiError } from '../services';

export interface PagedState<T> {
  list: PagedList<T>;
  /** loading = first page with nothing shown yet; refreshing keeps the rows on screen. */
  phase: 'idle' | 'loading' | 'refreshing' | 'ready' | 'error';
  error: UiError | null;
  loadingMore: boolean;
  moreError: UiError | null;
}

/**
 * A paged list with reload on every show, pull-down refresh and 加载更多 on reaching the bottom
 * (the same behaviour as the approvals lists). `fetchPage` is called with a 1-based page.
 */
export function usePagedList<T extends { id: string }>(fetchPage: (page: number) => Promise<Page<T>>) {
  const [s, setS] = useState<PagedState<T>>({ list: EMPTY_LIST, phase: 'idle', error: null, loadingMore: false, moreError: null });
  const ref = useRef(s);
  ref.current = s;
  const seq = useRef(0);
  const patch = (p: Partial<PagedState<T>> | ((c: PagedState<T>) => Partial<PagedState<T>>)) =>
    setS((c) => ({ ...c, ...(typeof p === 'function' ? p(c) : p) }));

  const reload = useCallback(async () => {
    const n = ++seq.current;
    patch({ phase: ref.current.list.items.length ? 'refreshing' : 'loading', error: null, moreError: null });
    try {
      const page = await withSession(() => fetchPage(1));
      if (n !== seq.current) return;
      patch((c) => ({ list: mergePage(c.list, page), phase: 'ready' }));
    } catch (err) {
      if (n !== seq.current) return;
      patch({ phase: 'error', error: toUiError(err) });
    }
    // fetchPage is fixed for one page instance
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const loadMore = useCallback(async () => {
    const c = ref.current;
    if (c.loadingMore || c.phase !== 'ready' || !hasMore(c.list)) return;
    const n = seq.current;
    patch({ loadingMore: true, moreError: null });
    try {
      const page = await withSession(() => fetchPage(c.list.page + 1));
      if (n !== seq.current) return;
      patch((cur) => ({ list: mergePage(cur.list, page), loadingMore: false }));
    } catch (err) {
      patch({ loadingMore: false, moreError: toUiError(err) });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useDidShow(() => void reload());
  usePullDownRefresh(() => void reload().finally(() => void Taro.stopPullDownRefresh()));
  useReachBottom(() => void loadMore());

  return { state: s, reload, loadMore, more: hasMore(s.list) };
}
