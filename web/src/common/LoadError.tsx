// What a screen shows when its data could not be loaded: the server's message and a retry.
import { Alert, Button } from 'antd';
import type { ApiError } from '../api/client';
import { useLang } from '../i18n/lang';

export function LoadError({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const { t } = useLang();
  if (error.code === 'auth.required') return null;
  return (
    <Alert
      type="error"
      showIcon
      title={error.title}
      action={
        onRetry && (
          <Button size="small" onClick={onRetry}>
            {t('重试', 'Retry')}
          </Button>
        )
      }
      style={{ marginBottom: 16 }}
    />
  );
}
