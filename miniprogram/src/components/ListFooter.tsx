import { View, Text } from '@tarojs/components';
import type { PagedState } from './usePagedList';

/** 加载更多 / error / 没有更多了 under a paged list; ids `#<prefix>-load-more`, `#<prefix>-more-error`. */
export default function ListFooter<T>({ prefix, state, more, onMore }: { prefix: string; state: PagedState<T>; more: boolean; onMore(): void }) {
  return (
    <View>
      {state.phase === 'ready' && more && (
        <View id={`${prefix}-load-more`} className="approvals__more" onClick={onMore}>
          <Text>{state.loadingMore ? '加载中…' : '加载更多'}</Text>
        </View>
      )}
      {state.moreError && (
        <View id={`${prefix}-more-error`} className="approvals__more approvals__more--error" onClick={onMore}>
          <Text>{state.moreError.message}，点击重试</Text>
        </View>
      )}
      {state.phase === 'ready' && !more && state.list.items.length > 0 && <Text className="muted approvals__end">没有更多了</Text>}
    </View>
  );
}
