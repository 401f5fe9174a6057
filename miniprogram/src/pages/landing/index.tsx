import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '../../components/ui';
import { canGetFreshCode } from '../../platform/auth';
import { takeLaunchRedirect } from '../../platform/launch-options';
import { safeRedirect } from '../../platform/redirect';
import { ClientErrorCode, ensureLogin, fetchMe, toUiError, type UiError } from '../../services';
import './index.scss';

type State = { kind: 'loading' } | { kind: 'error'; error: UiError } | { kind: 'loggedOut' };

/** Decode a query value once if it still looks encoded (hosts differ in whether they decode). */
function queryValue(v: string | undefined): string {
  if (!v) return '';
  if (!/%[0-9A-Fa-f]{2}/.test(v)) return v;
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

export default function Landing() {
  const router = useRouter();
  const loggedOut = router.params.loggedOut === '1';
  const [state, setState] = useState<State>(loggedOut ? { kind: 'loggedOut' } : { kind: 'loading' });
  const started = useRef(false);
  // Deep link target (`?redirect=` on this page or in the H5 launch URL), only pages of this app.
  const redirect = useRef<string | null>(null);
  if (redirect.current === null) {
    const fromLaunch = takeLaunchRedirect();
    redirect.current = safeRedirect(queryValue(router.params.redirect) || fromLaunch) || '';
  }

  const run = useCallback(async () => {
    setState({ kind: 'loading' });
    try {
      const how = await ensureLogin({ fresh: true });
      if (how === 'session') await fetchMe();
      await Taro.reLaunch({ url: redirect.current || '/pages/home/index' });
    } catch (err) {
      setState({ kind: 'error', error: toUiError(err) });
    }
  }, []);

  useEffect(() => {
    if (started.current || loggedOut) return;
    started.current = true;
    void run();
  }, [run, loggedOut]);

  return (
    <View className="page landing">
      <View className="landing__brand">
        <Text className="landing__logo">hrlink</Text>
        <Text className="landing__slogan">员工自助 · 考勤 · 假期 · 审批</Text>
      </View>

      {state.kind === 'loading' && (
        <View id="login-loading" className="landing__status">
          <View className="landing__spinner" />
          <Text>正在登录…</Text>
        </View>
      )}

      {state.kind === 'loggedOut' && (
        <View id="login-logged-out" className="landing__status">
          <Text>你已退出登录</Text>
          <Button id="login-again" className="btn" type="primary" block onClick={() => void run()}>
            重新登录
          </Button>
        </View>
      )}

      {state.kind === 'error' && (
        <View className="landing__status">
          <View className="card landing__error">
            <Text id="login-error" className="landing__error-text">
              {state.error.message}
            </Text>
            <Text id="login-error-code" className="muted">
              {state.error.code}
            </Text>
          </View>
          {state.error.code !== ClientErrorCode.NO_LAUNCH_CODE && (
            <Button id="login-retry" className="btn" type="primary" block onClick={() => void run()}>
              重试
            </Button>
          )}
          {state.error.code !== ClientErrorCode.NO_LAUNCH_CODE && !canGetFreshCode && (
            // H5: the link's code is single-use; a retry re-sends it (helps after a network error).
            <Text className="muted landing__hint">如授权码已失效，请回到沙箱手机页面或工作台重新打开</Text>
          )}
        </View>
      )}
    </View>
  );
}
