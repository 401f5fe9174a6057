import type { CSSProperties } from 'react';
import { Alert } from 'antd';
import type { ApiError } from '../api/client';
import { detailLines } from '../utils/details';

/** A form's refused save: the server's message, and its details (field by field) under it. Nothing when no error. */
export function ServerErrorAlert({ error, testId, style }: { error: ApiError | null; testId: string; style?: CSSProperties }) {
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={style}
      message={error.message}
      description={detailLines(error.details).join('；') || undefined}
      data-testid={testId}
    />
  );
}
