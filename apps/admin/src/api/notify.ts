import type { MessageInstance } from 'antd/es/message/interface';
import type { NotificationInstance } from 'antd/es/notification/interface';
import { ApiError, errorMessage } from './client';

/** antd's context-aware message/notification, registered once by <NotifierBridge/> inside <App>. */
let messageApi: MessageInstance | null = null;
let notificationApi: NotificationInstance | null = null;

export function setNotifier(m: MessageInstance, n: NotificationInstance): void {
  messageApi = m;
  notificationApi = n;
}

/** Lines worth showing from an error's details (validation messages and the like). */
export function detailLines(details: Record<string, unknown> | undefined): string[] {
  if (!details) return [];
  const lines: string[] = [];
  for (const [key, value] of Object.entries(details)) {
    if (typeof value === 'string' || typeof value === 'number') lines.push(`${key}: ${value}`);
    else if (Array.isArray(value)) {
      for (const v of value) {
        if (typeof v === 'string') lines.push(v);
        else if (v && typeof v === 'object' && 'message' in v) lines.push(String((v as { message: unknown }).message));
      }
    }
  }
  return lines.slice(0, 8);
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
