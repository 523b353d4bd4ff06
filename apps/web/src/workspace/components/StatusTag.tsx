import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { InstanceStatus } from '@baton/contracts';
import { statusColor, statusKey } from '../status';

/** `testId`: the tag of one request's own page is `instance-status`; list rows use their own. */
export function StatusTag({
  status,
  testId = 'instance-status',
}: {
  status: InstanceStatus;
  testId?: string;
}) {
  const { t } = useTranslation();
  const key = statusKey(status);
  return (
    <Tag color={statusColor(status)} data-testid={testId} data-status={status}>
      {key ? t(key) : status}
    </Tag>
  );
}
