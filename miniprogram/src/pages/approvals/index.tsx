import { useCallback, useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import type { ApprovalCounts, ApprovalInstanceSummary } from '@hrlink/shared';
import { Button } from '../../components/ui';
import StatusTag from './components/StatusTag';
import { Empty, ErrorBlock, HomeLink, Loading } from '../../components/StateView';
import { businessTypeLabel, formatTime } from '../../approvals/labels';
import { EMPTY_LIST, hasMore, mergePage, type PagedList } from '../../approvals/paging';
import { fetchApprovalCounts, fetchApprovalList, type ApprovalTab } from '../../services/approvals';
import { toUiError, withSession, type UiError } from '../../services';
import './approvals.scss';

const TABS: { key: ApprovalTab; title: string; empty: string }[] = [
  { key: 'todo', title: '待我审批', empty: '没有待你审批的申请' },
  { key: 'mine', title: '我发起的', empty: '你还没有发起过审批' },
  { key: 'done', title: '我已处理', empty: '你还没有处理过审批' },
];

interface TabState {
  list: PagedList<ApprovalInstanceSummary>;
  /** loading = first page with nothing shown yet; refreshing keeps the rows on screen. */
  phase: 'idle' | 'loading' | 'refreshing' | 'ready' | 'error';
  error: UiError | null;
  loadingMore: boolean;
  moreError: UiError | null;
}

const INITIAL: TabState = { list: EMPTY_LIST, phase: 'idle', error: null, loadingMore: false, moreError: null };

function isTab(v: unknown): v is ApprovalTab {
  return v === 'todo' || v === 'mine' || v === 'done';
}

export default function ApprovalsIndex() {
  const { params } = useRouter();
  const [tab, setTab] = useState<ApprovalTab>(isTab(params.tab) ? params.tab : 'todo');
  const [tabs, setTabs] = useState<Record<ApprovalTab, TabState>>({ todo: INITIAL, mine: INITIAL, done: INITIAL });
  const [counts, setCounts] = useState<ApprovalCounts | null>(null);
  const tabsRef = useRef(tabs);
  tabsRef.current = tabs;
  /** Drops answers that arrive after a newer request for the same tab. */
  const seq = useRef<Record<ApprovalTab, number>>({ todo: 0, mine: 0, done: 0 });

  const patch = useCallback((key: ApprovalTab, p: Partial<TabState> | ((s: TabState) => Partial<TabState>)) => {
    setTabs((all) => ({ ...all, [key]: { ...all[key], ...(typeof p === 'function' ? p(all[key]) : p) } }));
  }, []);

  const loadCounts = useCallback(async () => {
    try {
      setCounts(await withSession(fetchApprovalCounts));
    } catch {
      // counts are decoration; the list shows the error
    }
  }, []);

  const reload = useCallback(
    async (key: ApprovalTab) => {
      const n = ++seq.current[key];
      const shown = tabsRef.current[key].list.items.length > 0;
      patch(key, { phase: shown ? 'refreshing' : 'loading', error: null, moreError: null });
      try {
        const page = await withSession(() => fetchApprovalList(key, 1));
        if (n !== seq.current[key]) return;
        patch(key, (s) => ({ list: mergePage(s.list, page), phase: 'ready' }));
      } catch (err) {
        if (n !== seq.current[key]) return;
        patch(key, { phase: 'error', error: toUiError(err) });
      }
    },
    [patch],
  );

  const loadMore = useCallback(async () => {
    const key = tab;
    const s = tabsRef.current[key];
    if (s.loadingMore || s.phase !== 'ready' || !hasMore(s.list)) return;
    const n = seq.current[key];
    patch(key, { loadingMore: true, moreError: null });
    try {
      const page = await withSession(() => fetchApprovalList(key, s.list.page + 1));
      if (n !== seq.current[key]) return;
      patch(key, (cur) => ({ list: mergePage(cur.list, page), loadingMore: false }));
    } catch (err) {
      patch(key, { loadingMore: false, moreError: toUiError(err) });
    }
  }, [tab, patch]);

  // First show and every return from a detail page (the lists and counts may have changed).
  useDidShow(() => {
    void reload(tab);
    void loadCounts();
  });

  usePullDownRefresh(() => {
    void Promise.all([reload(tab), loadCounts()]).finally(() => void Taro.stopPullDownRefresh());
  });

  useReachBottom(() => void loadMore());

  const switchTab = (key: ApprovalTab) => {
    if (key === tab) return;
    setTab(key);
    void reload(key);
  };

  const cur = tabs[tab];
  const meta = TABS.find((t) => t.key === tab)!;

  return (
    <View className="page approvals">
      <HomeLink />
      <View className="approvals__tabs">
        {TABS.map((t) => (
          <View
            key={t.key}
            id={`approvals-tab-${t.key}`}
            className={`approvals__tab ${t.key === tab ? 'approvals__tab--active' : ''}`}
            onClick={() => switchTab(t.key)}
          >
            <Text>{t.title}</Text>
            {counts && (
              <Text id={`approvals-count-${t.key}`} className="approvals__count">
                {counts[t.key] > 99 ? '99+' : counts[t.key]}
              </Text>
            )}
          </View>
        ))}
      </View>

      <View id="approvals-list" className="approvals__list" data-tab={tab}>
        {(cur.phase === 'idle' || cur.phase === 'loading') && <Loading id="approvals-loading" />}
        {cur.phase === 'error' && cur.error && (
          <ErrorBlock id="approvals-error" error={cur.error} onRetry={() => void reload(tab)} />
        )}
        {(cur.phase === 'ready' || cur.phase === 'refreshing') && cur.list.items.length === 0 && (
          <Empty id="approvals-empty" text={meta.empty} />
        )}
        {cur.phase !== 'loading' &&
          cur.phase !== 'error' &&
          cur.list.items.map((item) => (
            <View
              key={item.id}
              className="card approval-row"
              data-id={item.id}
              onClick={() => void Taro.navigateTo({ url: `/pages/approvals/detail?id=${encodeURIComponent(item.id)}` })}
            >
              <View className="approval-row__head">
                <Text className="approval-row__type">{businessTypeLabel(item)}</Text>
                <StatusTag status={item.status} />
              </View>
              <Text className="approval-row__title">{item.title}</Text>
              <View className="approval-row__foot">
                <Text className="muted">申请人：{item.applicant?.name ?? '—'}</Text>
                <Text className="muted">{formatTime(item.createdAt)}</Text>
              </View>
              {item.status === 'pending' && item.currentApprovers?.length > 0 && (
                <Text className="muted approval-row__who">
                  当前审批人：{item.currentApprovers.map((a) => a.name).join('、')}
                </Text>
              )}
            </View>
          ))}
        {cur.phase === 'ready' && hasMore(cur.list) && (
          <View id="approvals-load-more" className="approvals__more" onClick={() => void loadMore()}>
            <Text>{cur.loadingMore ? '加载中…' : '加载更多'}</Text>
          </View>
        )}
        {cur.moreError && (
          <View id="approvals-more-error" className="approvals__more approvals__more--error" onClick={() => void loadMore()}>
            <Text>{cur.moreError.message}，点击重试</Text>
          </View>
        )}
        {cur.phase === 'ready' && !hasMore(cur.list) && cur.list.items.length > 0 && (
          <Text className="muted approvals__end">没有更多了</Text>
        )}
      </View>

      <View className="approvals__new-bar">
        <Button
          id="approvals-new"
          type="primary"
          block
          onClick={() => void Taro.navigateTo({ url: '/pages/approvals/general' })}
        >
          发起审批
        </Button>
      </View>
    </View>
  );
}
