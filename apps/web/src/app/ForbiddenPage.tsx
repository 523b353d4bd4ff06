// 403 for a route the user's roles do not open (router.tsx RequireRoles).
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { roleLabel } from '../admin/roles';

export default function ForbiddenPage({ roles }: { roles: readonly string[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const names = roles.map((role) => roleLabel(role, t)).join(t('common.listSeparator'));
  return (
    <Result
      status="403"
      title={t('forbidden.title')}
      subTitle={names ? t('forbidden.hint', { roles: names }) : t('forbidden.hintNobody')}
      data-testid="forbidden-page"
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('forbidden.back')}
        </Button>
      }
    />
  );
}
