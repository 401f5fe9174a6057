import type { MessageInstance } from 'antd/es/message/interface';
import type { NotificationInstance } from 'antd/es/notification/interface';
import { ApiError, errorMessage } from './client';
import { detailLines } from '../utils/details';

/** antd's context-aware message/notification, registered once by <NotifierBridge/> inside <App>. */
let messageApi: MessageInstance | null = null;
let notificationApi: NotificationInstance | null = null;

export function setNotifier(m: MessageInstance, n: NotificationInstance): void {
  messageApi = m;
  notificationApi = n;
}

/** Show a failed call to the user with the server's zh-CN message. */
export function showError(err: unknown, title?: string): void {
  const text = errorMessage(err);
  const lines = err instanceof ApiError ? detailLines(err.details) : [];
  if (lines.length && notificationApi) {
    notificationApi.error({ message: title ?? text, description: (title ? [text, ...lines] : lines).join('；') });
    return;
  }
  if (messageApi) messageApi.error(title ? `${title}：${text}` : text);
  else console.error(title, err);
}

export function showSuccess(text: string): void {
  messageApi?.success(text);
}
