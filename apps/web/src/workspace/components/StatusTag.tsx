import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { InstanceStatus } from '@baton/contracts';
import { statusColor, statusKey } from '../status';

export function StatusTag({ status }: { status: InstanceStatus }) {
  const { t } = useTranslation();
  const key = statusKey(status);
  return (
    <Tag color={statusColor(status)} data-testid="instance-status" data-status={status}>
      {key ? t(key) : status}
    </Tag>
  );
}
