import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';

/** Suspense fallback for lazy routes; fills the area it replaces so nothing jumps. */
export function PageLoading({ fullscreen = false }: { fullscreen?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className={fullscreen ? 'page-loading page-loading-full' : 'page-loading'} role="status">
      <Spin description={t('common.loading')} />
    </div>
  );
}
