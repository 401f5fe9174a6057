import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from './ui';
import { isSessionLost, type UiError } from '../services';

/** Loading / error / empty blocks shared by the feature pages (styles: .state in approvals.scss). */
export function Loading({ id, text = '加载中…' }: { id?: string; text?: string }) {
  return (
    <View id={id} className="state state--loading">
      <View className="state__spinner" />
      <Text className="muted">{text}</Text>
    </View>
  );
}

export function Empty({ id, text }: { id?: string; text: string }) {
  return (
    <View id={id} className="state state--empty">
      <Text className="state__icon">∅</Text>
      <Text className="muted">{text}</Text>
    </View>
  );
}

/** The current page path with its query, so a new log-in can come back here. */
function currentPath(): string {
  const pages = Taro.getCurrentPages();
  const page = pages[pages.length - 1] as { route?: string; options?: Record<string, string> } | undefined;
  if (!page?.route) return '';
  const route = page.route.split('?')[0].replace(/^\//, '');
  const q = Object.entries(page.options || {})
    .filter(([k, v]) => v !== undefined && !k.startsWith('$'))
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
  return `/${route}${q ? `?${q}` : ''}`;
}

export function ErrorBlock({ id, error, onRetry }: { id?: string; error: UiError; onRetry?: () => void }) {
  const lost = isSessionLost(error);
  return (
    <View id={id} className="state state--error">
      <Text className="state__error-text">{error.message}</Text>
      <Text className="muted state__code">{error.code}</Text>
      {lost ? (
        <Button
          className="btn"
          type="primary"
          onClick={() => {
            const back = currentPath();
            void Taro.reLaunch({ url: `/pages/landing/index${back ? `?redirect=${encodeURIComponent(back)}` : ''}` });
          }}
        >
          重新登录
        </Button>
      ) : (
        onRetry && (
          <Button className="btn" type="primary" onClick={onRetry}>
            重试
          </Button>
        )
      )}
    </View>
  );
}

/** Shown on a page opened directly from a notice (nothing to go back to). */
export function HomeLink({ id = 'approvals-home' }: { id?: string }) {
  if (Taro.getCurrentPages().length > 1) return null;
  return (
    <View id={id} className="home-link" onClick={() => void Taro.reLaunch({ url: '/pages/home/index' })}>
      <Text>‹ 回到工作台</Text>
    </View>
  );
}
