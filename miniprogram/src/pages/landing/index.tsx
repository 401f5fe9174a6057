import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text, Button } from '@tarojs/components';
import { getHostAuth, canGetFreshCode } from '../../platform/auth';
import { ClientErrorCode, fetchMe, hasSession, loginWithCode, toUiError, type UiError } from '../../services';
import './index.scss';

type State = { kind: 'loading' } | { kind: 'error'; error: UiError; canRetry: boolean } | { kind: 'loggedOut' };

const NO_CODE: UiError = {
  code: ClientErrorCode.NO_LAUNCH_CODE,
  message: '请从钉钉/企业微信/飞书工作台或沙箱手机页面打开',
};

/** Codes already exchanged in this page session (an H5 link's code is single-use). */
const usedCodes = new Set<string>();

export default function Landing() {
  const router = useRouter();
  const loggedOut = router.params.loggedOut === '1';
  const [state, setState] = useState<State>(loggedOut ? { kind: 'loggedOut' } : { kind: 'loading' });
  const started = useRef(false);

  const run = useCallback(async () => {
    setState({ kind: 'loading' });
    try {
      const auth = await getHostAuth();
      if (auth && !usedCodes.has(auth.code)) {
        await loginWithCode(auth);
        usedCodes.add(auth.code);
      } else if (hasSession()) {
        await fetchMe();
      } else {
        setState({ kind: 'error', error: NO_CODE, canRetry: false });
        return;
      }
      await Taro.reLaunch({ url: '/pages/home/index' });
    } catch (err) {
      const error = toUiError(err);
      // An H5 code cannot be re-issued; retrying only helps after a network failure.
      const canRetry = canGetFreshCode || error.code === ClientErrorCode.NETWORK_ERROR || error.status === undefined || error.status >= 500;
      setState({ kind: 'error', error, canRetry });
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
          <Button className="btn btn-primary" onClick={() => void run()}>
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
          {state.canRetry && (
            <Button id="login-retry" className="btn btn-primary" onClick={() => void run()}>
              重试
            </Button>
          )}
        </View>
      )}
    </View>
  );
}
