// 工作台: the landing page after login: a greeting, whether the platform is
// healthy, and the first few open tasks with a way into the inbox.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Empty, Flex, List, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { workspaceApi } from './api';
import type { Health, TaskItem } from '@baton/contracts';
import { CheckCircleOutlined, CloseCircleOutlined, SyncOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from '../shared/api';
import { useAuth } from '../shared/auth';
import { describeError } from '../shared/errors';
import { formatLongDate } from '../shared/format';
import { useLanguage } from '../shared/i18n';

type HealthLoad =
  { status: 'loading' } | { status: 'done'; health: Health } | { status: 'failed'; error: unknown };

const HEALTH_ITEMS: { key: keyof Health; labelKey: string }[] = [
  { key: 'status', labelKey: 'home.healthStatus' },
  { key: 'db', labelKey: 'home.healthDb' },
  { key: 'queue', labelKey: 'home.healthQueue' },
];

function greetingKey(hour: number): string {
  if (hour < 12) return 'home.morning';
  if (hour < 18) return 'home.afternoon';
  return 'home.evening';
}

function HealthTags() {
  const { t } = useTranslation();
  const [load, setLoad] = useState<HealthLoad>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    api
      .health(controller.signal)
      .then((health) => setLoad({ status: 'done', health }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setLoad({ status: 'failed', error });
      });
    return () => controller.abort();
  }, [attempt]);

  const retry = useCallback(() => {
    setLoad({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  if (load.status === 'failed') {
    return (
      <Alert
        type="warning"
        showIcon
        title={t('home.healthFailed', { message: describeError(load.error, t) })}
        action={
          <Button size="small" onClick={retry}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  }
  return (
    <Flex wrap gap={8} data-testid="health-tags">
      {HEALTH_ITEMS.map(({ key, labelKey }) => {
        if (load.status === 'loading') {
          return (
            <Tag key={key} icon={<SyncOutlined spin />} color="processing">
              {t(labelKey)} · {t('home.healthChecking')}
            </Tag>
          );
        }
        const ok = load.health[key] === 'ok';
        return (
          <Tag
            key={key}
            icon={ok ? <CheckCircleOutlined /> : <CloseCircleOutlined />}
            color={ok ? 'success' : 'error'}
          >
            {t(labelKey)} · {ok ? t('home.healthOk') : t('home.healthDown')}
          </Tag>
        );
      })}
    </Flex>
  );
}

export default function HomePage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { user } = useAuth();
  const now = new Date();
  const name = user?.displayName || user?.username || '';

  return (
    <Flex vertical gap={16} className="home">
      <div>
        <Typography.Title level={3} className="home-greeting">
          {t(greetingKey(now.getHours()), { name })}
        </Typography.Title>
        <Typography.Text type="secondary">
          {t('home.today', { date: formatLongDate(now, language) })}
        </Typography.Text>
      </div>

      <Card title={t('home.healthTitle')} size="small">
        <HealthTags />
      </Card>

      <TodoCard />
    </Flex>
  );
}

/** The first open tasks, or what to do when there are none. */
function TodoCard() {
  const { t } = useTranslation();
  const [tasks, setTasks] = useState<{ items: TaskItem[]; total: number } | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    workspaceApi
      .tasks({ status: 'open', pageSize: 5 }, abort.signal)
      .then(setTasks)
      .catch(() => setTasks({ items: [], total: 0 }));
    return () => abort.abort();
  }, []);
  const extra = tasks?.total ? (
    <Link to="/inbox">{t('home.viewAll', { count: tasks.total })}</Link>
  ) : null;
  return (
    <Card title={t('home.todoTitle')} size="small" extra={extra} data-testid="home-todo">
      {tasks && tasks.total > 0 ? (
        <List
          size="small"
          dataSource={tasks.items}
          renderItem={(task) => (
            <List.Item>
              <Link to={`/tasks/${encodeURIComponent(task.id)}`}>{task.title}</Link>
              <Typography.Text type="secondary">{task.nodeName}</Typography.Text>
            </List.Item>
          )}
        />
      ) : (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={
            <Flex vertical gap={4} align="center">
              <Typography.Text strong>{t('home.emptyTitle')}</Typography.Text>
              <Typography.Text type="secondary" className="home-empty-hint">
                {t('home.emptyHint')}
              </Typography.Text>
              <Link to="/start">{t('home.startLink')}</Link>
            </Flex>
          }
        />
      )}
    </Card>
  );
}
