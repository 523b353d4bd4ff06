// 运维: failed automations and timers with their error, 重试 per row, and a
// link to the request.
import { useState } from 'react';
import { App, Button, Card, Empty, Flex, Table, Typography } from 'antd';
import { CheckCircleOutlined, RedoOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { describeError } from '../shared/errors';
import { formatDateTime } from '../shared/format';
import { appRoutes } from '../app/routes';
import type { Incident } from '@baton/contracts';
import { adminApi } from './api';
import { linkTo } from './gallery';
import { PageError } from '../shared/PageError';
import { PageHead } from './PageHead';
import { useLoad } from '../shared/useLoad';
import './admin.css';

export default function IncidentsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const load = useLoad((signal) => adminApi.incidents(signal), []);
  const [retrying, setRetrying] = useState<string | null>(null);
  const paths = appRoutes.map((r) => r.path);
  const incidents = load.data ?? [];

  const retry = async (incident: Incident) => {
    setRetrying(incident.id);
    try {
      await adminApi.retryIncident(incident.id);
      message.success(t('admin.incidents.retried'));
      load.reload();
    } catch (err) {
      message.error(t('admin.incidents.retryFailed', { message: describeError(err, t) }));
    } finally {
      setRetrying(null);
    }
  };

  const refresh = (
    <Button
      icon={<ReloadOutlined />}
      onClick={load.reload}
      loading={load.status === 'loading' && !!load.data}
    >
      {t('admin.common.refresh')}
    </Button>
  );

  return (
    <Flex vertical gap={16} className="admin-page">
      <PageHead
        title={t('admin.incidents.title')}
        subtitle={t('admin.incidents.subtitle')}
        extra={refresh}
      />
      {load.status === 'failed' && !load.data ? (
        <PageError error={load.error} onRetry={load.reload} />
      ) : (
        <Card className="admin-card">
          <Table<Incident>
            rowKey="id"
            loading={load.status === 'loading'}
            dataSource={incidents}
            scroll={{ x: 'max-content' }}
            pagination={{
              pageSize: 20,
              hideOnSinglePage: true,
              showTotal: (count) => t('admin.incidents.total', { count }),
            }}
            locale={{
              emptyText: (
                <Empty
                  image={<CheckCircleOutlined className="incidents-ok" />}
                  description={
                    <Flex vertical gap={4} align="center">
                      <Typography.Text strong>{t('admin.incidents.emptyTitle')}</Typography.Text>
                      <Typography.Text type="secondary">
                        {t('admin.incidents.emptyHint')}
                      </Typography.Text>
                    </Flex>
                  }
                />
              ),
            }}
            columns={[
              {
                title: t('admin.incidents.colProcess'),
                dataIndex: 'processKey',
                render: (key: string) => <Typography.Text code>{key}</Typography.Text>,
              },
              {
                title: t('admin.incidents.colInstance'),
                dataIndex: 'title',
                render: (title: string | null, row) => {
                  const text = title || t('admin.incidents.untitled');
                  const href = linkTo(paths, 'instances/:id', { id: row.instanceId });
                  return href ? <Link to={href}>{text}</Link> : text;
                },
              },
              {
                title: t('admin.incidents.colNode'),
                dataIndex: 'nodeId',
                render: (node: string | null) => node ?? '—',
              },
              {
                title: t('admin.incidents.colError'),
                dataIndex: 'error',
                render: (error: string | null, row) => (
                  <Typography.Paragraph
                    type="danger"
                    className="incident-error"
                    ellipsis={{ rows: 2, tooltip: error ?? row.code ?? '' }}
                  >
                    {error ?? row.code ?? '—'}
                  </Typography.Paragraph>
                ),
              },
              {
                title: t('admin.incidents.colTime'),
                dataIndex: 'createdAt',
                render: (at: string) => formatDateTime(at),
              },
              {
                title: t('admin.incidents.colOps'),
                key: 'ops',
                render: (_, row) => (
                  <Button
                    size="small"
                    icon={<RedoOutlined />}
                    loading={retrying === row.id}
                    onClick={() => void retry(row)}
                  >
                    {t('admin.incidents.retry')}
                  </Button>
                ),
              },
            ]}
          />
        </Card>
      )}
    </Flex>
  );
}
