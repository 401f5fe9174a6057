import { App } from 'antd';
import { useEffect } from 'react';
import { setNotifier } from '../api/notify';

/** Hands antd's context-aware message/notification to non-React code (api/notify.ts). */
export function NotifierBridge() {
  const { message, notification } = App.useApp();
  useEffect(() => setNotifier(message, notification), [message, notification]);
  return null;
}
