// 发起申请: the processes the user may start, as cards grouped by category, with a search box.
import { useMemo, useState } from 'react';
import { Button, Card, Empty, Flex, Input, Skeleton, Typography } from 'antd';
import { AppstoreOutlined, RightOutlined, SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { workspaceApi } from './api';
import { groupCatalogue } from './catalogue';
import { useLoad } from './hooks';
import { PageError } from '../shared/PageError';
import './workspace.css';

export default function StartPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  const load = useLoad((signal) => workspaceApi.processes(signal), []);
  const processes = load.data;
  const groups = useMemo(() => groupCatalogue(processes ?? [], query), [processes, query]);

  let body: React.ReactNode;
  if (load.status === 'failed' && !load.data)
    body = <PageError error={load.error} onRetry={load.reload} />;
  else if (load.status === 'loading' && !load.data)
    body = <Skeleton active paragraph={{ rows: 4 }} />;
  else if (!processes?.length)
    body = (
      <Card>
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={
            <Flex vertical gap={4} align="center">
              <Typography.Text strong>{t('start.emptyTitle')}</Typography.Text>
              <Typography.Text type="secondary" className="empty-hint">
                {t('start.emptyHint')}
              </Typography.Text>
            </Flex>
          }
        />
      </Card>
    );
  else if (groups.length === 0)
    body = (
      <Card>
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('start.noMatch', { q: query.trim() })}
        >
          <Button onClick={() => setQuery('')}>{t('start.clearSearch')}</Button>
        </Empty>
      </Card>
    );
  else
    body = groups.map((group) => (
      <section key={group.category ?? ''} className="catalogue-group" data-testid="catalogue-group">
        <Typography.Title level={5} className="catalogue-group-title">
          {group.category ?? t('start.uncategorised')}
          <Typography.Text type="secondary" className="catalogue-count">
            {t('start.count', { count: group.items.length })}
          </Typography.Text>
        </Typography.Title>
        <div className="catalogue-grid">
          {group.items.map((process) => (
            <Card
              key={process.key}
              hoverable
              size="small"
              className="process-card"
              data-testid="process-card"
              role="link"
              tabIndex={0}
              aria-label={process.name}
              onClick={() => navigate(`/start/${encodeURIComponent(process.key)}`)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  navigate(`/start/${encodeURIComponent(process.key)}`);
                }
              }}
            >
              <Flex gap={12} align="center">
                <span className="process-card-icon" aria-hidden>
                  <AppstoreOutlined />
                </span>
                <Flex vertical className="process-card-body">
                  <Typography.Text strong ellipsis className="process-card-name">
                    {process.name}
                  </Typography.Text>
                  <Typography.Text type="secondary" ellipsis className="process-card-desc">
                    {process.description || '\u00a0'}
                  </Typography.Text>
                </Flex>
                <RightOutlined className="process-card-arrow" />
              </Flex>
            </Card>
          ))}
        </div>
      </section>
    ));

  return (
    <Flex vertical gap={16} className="workspace-page">
      <div className="page-head">
        <div>
          <Typography.Title level={3} className="page-title">
            {t('start.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('start.subtitle')}</Typography.Text>
        </div>
        {Boolean(processes?.length) && (
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t('start.search')}
            aria-label={t('start.search')}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            className="page-search"
          />
        )}
      </div>
      {body}
    </Flex>
  );
}
