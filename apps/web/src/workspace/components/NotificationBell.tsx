// The header bell: unread count, a short list, mark read. Refreshes on every
// navigation and once a minute while the tab is visible.
import { useCallback, useEffect, useState } from 'react';
import { App, Badge, Button, Empty, List, Popover, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { describeError } from '../../shared/errors';
import { formatDateTime } from '../../shared/format';
import { workspaceApi } from '../api';
import type { NotificationItem } from '@baton/contracts';
import '../workspace.css';

const KINDS = new Set([
  'taskAssigned',
  'cc',
  'returned',
  'reminder',
  'overdue',
  'escalated',
  'mentioned',
  'incident',
  'instanceEnded',
]);
const POLL_MS = 60_000;

/** Where a notification leads: the task when it is about one, otherwise the request. */
export function notificationHref(
  n: Pick<NotificationItem, 'kind' | 'taskId' | 'instanceId'>,
): string {
  const taskKinds = ['taskAssigned', 'returned', 'reminder', 'overdue', 'escalated'];
  if (n.taskId && taskKinds.includes(n.kind)) return `/tasks/${encodeURIComponent(n.taskId)}`;
  return `/instances/${encodeURIComponent(n.instanceId)}`;
}

export function NotificationBell() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [items, setItems] = useState<NotificationItem[]>([]);
  const [open, setOpen] = useState(false);

  const refresh = useCallback((signal?: AbortSignal) => {
    workspaceApi
      .notifications(true, signal)
      .then(setItems)
      .catch(() => undefined); // the bell stays quiet; pages report their own errors
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    refresh(controller.signal);
    return () => controller.abort();
  }, [pathname, refresh]);

  useEffect(() => {
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') refresh();
    }, POLL_MS);
    return () => window.clearInterval(timer);
  }, [refresh]);

  const openItem = async (n: NotificationItem) => {
    setOpen(false);
    setItems((prev) => prev.filter((x) => x.id !== n.id));
    navigate(notificationHref(n));
    await workspaceApi.readNotification(n.id).catch(() => undefined);
  };

  const readAll = async () => {
    try {
      await workspaceApi.readAllNotifications();
      setItems([]);
    } catch (err) {
      void message.error(describeError(err, t));
    }
  };

  const count = items.length;
  const content = (
    <div className="notification-panel" data-testid="notification-panel">
      {count === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />
      ) : (
        <List<NotificationItem>
          size="small"
          dataSource={items.slice(0, 20)}
          renderItem={(n) => (
            <List.Item className="notification-item" onClick={() => void openItem(n)}>
              <div>
                <Typography.Text strong>
                  {t(`notifications.${KINDS.has(n.kind) ? n.kind : 'other'}`)}
                </Typography.Text>
                <div className="notification-title">{n.title ?? t('notifications.untitled')}</div>
                {n.message && n.kind === 'mentioned' && (
                  <Typography.Text type="secondary" className="notification-message">
                    {n.message}
                  </Typography.Text>
                )}
                <Typography.Text type="secondary" className="notification-time">
                  {formatDateTime(n.createdAt)}
                </Typography.Text>
              </div>
            </List.Item>
          )}
        />
      )}
    </div>
  );

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={setOpen}
      title={
        <div className="notification-head">
          <span>{t('notifications.title')}</span>
          {count > 0 && (
            <Button type="link" size="small" onClick={() => void readAll()}>
              {t('notifications.markAll')}
            </Button>
          )}
        </div>
      }
      content={content}
    >
      <Button
        type="text"
        aria-label={t('notifications.bell', { count })}
        data-testid="notification-bell"
        icon={
          <Badge count={count} size="small" overflowCount={99}>
            <BellOutlined className="bell-icon" />
          </Badge>
        }
      />
    </Popover>
  );
}
