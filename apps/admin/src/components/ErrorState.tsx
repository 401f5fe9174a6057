import { Alert, Button } from 'antd';
import { errorMessage } from '../api/client';

/** Inline "could not load" box with the server's message and a retry button. */
export function ErrorState({ error, onRetry, title = '加载失败' }: { error: unknown; onRetry?: () => void; title?: string }) {
  return (
    <Alert
      type="error"
      showIcon
      message={title}
      description={errorMessage(error)}
      action={
        onRetry && (
          <Button size="small" onClick={onRetry}>
            重试
          </Button>
        )
      }
      data-testid="error-state"
    />
  );
}
