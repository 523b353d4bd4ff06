// A failed load: the reason in the user's language and a retry.
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { describeError } from './errors';

export function PageError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Result
      status="warning"
      title={t('errors.title')}
      subTitle={describeError(error, t)}
      extra={
        onRetry && (
          <Button type="primary" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )
      }
    />
  );
}
