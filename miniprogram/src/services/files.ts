import Taro from '@tarojs/taro';
import { Routes, type UploadedFileView } from '@hrlink/shared';
import { API_BASE, refreshTokens } from './http';
import { errorFromResponse, networkError } from './errors';
import { shouldRefresh } from './refresh-policy';
import { getSession } from './session';

/**
 * POST /files, multipart field `file` (Taro.uploadFile on every host; in H5 the path is a blob: URL of the
 * picked File, which Taro's H5 uploadFile turns back into a Blob). One token refresh on 401, like request().
 */
export async function uploadPhoto(filePath: string, fileName?: string): Promise<UploadedFileView> {
  let retried = false;
  for (;;) {
    const s = getSession();
    let status = 0;
    let body: unknown;
    try {
      const res = await Taro.uploadFile({
        url: `${API_BASE}${Routes.files.upload}`,
        filePath,
        name: 'file',
        fileName,
        header: s ? { Authorization: `Bearer ${s.accessToken}` } : {},
        // DingTalk (my.uploadFile) needs the file type; other hosts ignore it.
        fileType: 'image',
        timeout: 60000,
      } as Taro.uploadFile.Option);
      status = res.statusCode;
      body = res.data;
    } catch (err) {
      const e = err as { statusCode?: number; data?: unknown };
      if (e && typeof e.statusCode === 'number' && e.statusCode > 0) {
        status = e.statusCode;
        body = e.data;
      } else throw networkError(err);
    }
    if (typeof body === 'string' && body) {
      try {
        body = JSON.parse(body);
      } catch {
        /* keep text */
      }
    }
    if (status >= 200 && status < 300) return body as UploadedFileView;
    const error = errorFromResponse(status, body);
    if (shouldRefresh({ status, code: error.code, alreadyRetried: retried, hasRefreshToken: !!s?.refreshToken, isAuthCall: false })) {
      retried = true;
      if (await refreshTokens()) continue;
    }
    throw error;
  }
}
