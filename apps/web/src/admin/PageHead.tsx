import type { ReactNode } from 'react';
import { Typography } from 'antd';

/** Title, one line of what the page is for, and the page's actions on the right. */
export function PageHead({
  title,
  subtitle,
  extra,
}: {
  title: string;
  subtitle?: string;
  extra?: ReactNode;
}) {
  return (
    <div className="admin-head">
      <div className="admin-head-text">
        <Typography.Title level={3} className="admin-title">
          {title}
        </Typography.Title>
        {subtitle && <Typography.Text type="secondary">{subtitle}</Typography.Text>}
      </div>
      {extra && <div className="admin-head-extra">{extra}</div>}
    </div>
  );
}
