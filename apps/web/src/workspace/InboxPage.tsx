// 我的待办: 待办 / 已办 / 抄送我 / 我发起的, with search and pages. The tab, search and
// page live in the URL so back/forward and shared links keep them.
import { useEffect, useState } from 'react';
import {
  Button,
  Card,
  Empty,
  Flex,
  Grid,
  Input,
  List,
  Pagination,
  Select,
  Table,
  Tabs,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { formatDateTime } from '../shared/format';
import { useLanguage } from '../shared/i18n';
import { workspaceApi } from './api';
import { SlaLight } from './components/SlaLight';
import { StatusTag } from './components/StatusTag';
import { useLoad, useNodeNames } from './hooks';
import { PageError } from '../shared/PageError';
import type { InstanceStatus, InstanceSummary, Paged, TaskItem } from '@baton/contracts';
import { summaryValue } from './summary';
import './workspace.css';

const TABS = ['todo', 'done', 'cc', 'initiated'] as const;
type Tab = (typeof TABS)[number];
const PAGE_SIZE = 20;

const isTab = (value: string | null): value is Tab => TABS.includes(value as Tab);
const STATUSES: InstanceStatus[] = ['running', 'approved', 'rejected', 'completed', 'withdrawn'];

/** 金额 ¥1,200.00 · 类型 家具: the request's key fields as this step may see them. */
function SummaryLine({ task }: { task: TaskItem }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (!task.summary?.length) return null;
  const yesNo = { yes: t('inbox.yes'), no: t('inbox.no') };
  return (
    <Typography.Text type="secondary" className="row-summary" data-testid="row-summary">
      {task.summary.map((item, i) => (
        <span key={item.field}>
          {i > 0 && ' · '}
          {item.label}{' '}
          <span className="row-summary-value">{summaryValue(item, language, yesNo)}</span>
        </span>
      ))}
    </Typography.Text>
  );
}

type Rows =
  { kind: 'tasks'; page: Paged<TaskItem> } | { kind: 'instances'; page: Paged<InstanceSummary> };

function DueCell({ task }: { task: TaskItem }) {
  const { t } = useTranslation();
  if (!task.dueAt) return <Typography.Text type="secondary">{t('inbox.noDue')}</Typography.Text>;
  return (
    <span className="due-cell">
      <SlaLight state={task.slaState} />
      {formatDateTime(task.dueAt)}
    </span>
  );
}

function EmptyState({ tab, query, onClear }: { tab: Tab; query: string; onClear: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  if (query)
    return (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inbox.noMatch', { q: query })}>
        <Button onClick={onClear}>{t('inbox.clearSearch')}</Button>
      </Empty>
    );
  const copy: Record<Tab, [string, string]> = {
    todo: ['inbox.emptyTodo', 'inbox.emptyTodoHint'],
    done: ['inbox.emptyDone', 'inbox.emptyDoneHint'],
    cc: ['inbox.emptyCc', 'inbox.emptyCcHint'],
    initiated: ['inbox.emptyInitiated', 'inbox.emptyInitiatedHint'],
  };
  const [title, hint] = copy[tab];
  return (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={
        <Flex vertical gap={4} align="center">
          <Typography.Text strong>{t(title)}</Typography.Text>
          <Typography.Text type="secondary" className="empty-hint">
            {t(hint)}
          </Typography.Text>
        </Flex>
      }
    >
      {(tab === 'todo' || tab === 'initiated') && (
        <Button type="primary" onClick={() => navigate('/start')}>
          {t('inbox.goStart')}
        </Button>
      )}
    </Empty>
  );
}

export default function InboxPage() {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const isPhone = screens.md === false;
  const [params, setParams] = useSearchParams();
  const tab: Tab = isTab(params.get('tab')) ? (params.get('tab') as Tab) : 'todo';
  const query = params.get('q') ?? '';
  const processKey = params.get('process') ?? '';
  const statusParam = params.get('status');
  const status = STATUSES.includes(statusParam as InstanceStatus) ? statusParam! : '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [draft, setDraft] = useState(query);
  useEffect(() => setDraft(query), [query]);

  // A new tab starts unfiltered; any other change goes back to the first page.
  const update = (next: {
    tab?: Tab;
    q?: string;
    process?: string;
    status?: string;
    page?: number;
  }) => {
    const out = new URLSearchParams();
    const nextTab = next.tab ?? tab;
    const keep = <T,>(value: T | undefined, current: T, cleared: T) =>
      value ?? (next.tab ? cleared : current);
    const nextQ = keep(next.q, query, '');
    const nextProcess = keep(next.process, processKey, '');
    const nextStatus = keep(next.status, status, '');
    const nextPage = next.page ?? 1;
    if (nextTab !== 'todo') out.set('tab', nextTab);
    if (nextQ) out.set('q', nextQ);
    if (nextProcess) out.set('process', nextProcess);
    if (nextStatus && (nextTab === 'cc' || nextTab === 'initiated')) out.set('status', nextStatus);
    if (nextPage > 1) out.set('page', String(nextPage));
    setParams(out);
  };
  const processes = useLoad((signal) => workspaceApi.processes(signal), []);

  const load = useLoad<Rows>(
    async (signal) => {
      if (tab === 'todo' || tab === 'done') {
        const result = await workspaceApi.tasks(
          {
            status: tab === 'todo' ? 'open' : 'done',
            q: query || undefined,
            processKey: processKey || undefined,
            page,
            pageSize: PAGE_SIZE,
          },
          signal,
        );
        return { kind: 'tasks', page: result };
      }
      const result = await workspaceApi.instances(
        {
          mine: tab === 'cc' ? 'cc' : 'initiated',
          q: query || undefined,
          processKey: processKey || undefined,
          status: status || undefined,
          page,
          pageSize: PAGE_SIZE,
        },
        signal,
      );
      return { kind: 'instances', page: result };
    },
    [tab, query, processKey, status, page],
  );
  const rows = load.data;
  const instanceRows = rows?.kind === 'instances' ? rows.page.items : [];
  const nodeName = useNodeNames(instanceRows);

  const taskColumns: TableColumnsType<TaskItem> = [
    {
      title: t('inbox.colTitle'),
      key: 'title',
      render: (_, task) => (
        <Flex vertical gap={2}>
          <Link to={`/tasks/${encodeURIComponent(task.id)}`} className="row-title">
            {task.title}
          </Link>
          <SummaryLine task={task} />
        </Flex>
      ),
    },
    { title: t('inbox.colNode'), dataIndex: 'nodeName', key: 'node' },
    ...(tab === 'todo'
      ? [
          {
            title: t('inbox.colArrived'),
            key: 'arrived',
            render: (_: unknown, task: TaskItem) => formatDateTime(task.createdAt),
          },
          {
            title: t('inbox.colDue'),
            key: 'due',
            render: (_: unknown, task: TaskItem) => <DueCell task={task} />,
          },
        ]
      : [
          {
            title: t('inbox.colAction'),
            key: 'action',
            render: (_: unknown, task: TaskItem) =>
              task.action ? (
                <Tag>{t(`action.${task.action}`, { defaultValue: task.action })}</Tag>
              ) : (
                '—'
              ),
          },
          {
            title: t('inbox.colHandled'),
            key: 'handled',
            render: (_: unknown, task: TaskItem) => formatDateTime(task.completedAt),
          },
        ]),
    {
      title: t('inbox.colOps'),
      key: 'ops',
      width: 96,
      render: (_, task) =>
        tab === 'todo' ? (
          <Link to={`/tasks/${encodeURIComponent(task.id)}`}>{t('inbox.handle')}</Link>
        ) : (
          <Link to={`/instances/${encodeURIComponent(task.instanceId)}`}>{t('inbox.view')}</Link>
        ),
    },
  ];

  const instanceColumns: TableColumnsType<InstanceSummary> = [
    {
      title: t('inbox.colTitle'),
      key: 'title',
      render: (_, instance) => (
        <Link to={`/instances/${encodeURIComponent(instance.id)}`} className="row-title">
          {instance.title}
        </Link>
      ),
    },
    {
      title: t('inbox.colStatus'),
      key: 'status',
      render: (_, i) => <StatusTag status={i.status} testId="row-status" />,
    },
    {
      title: t('inbox.colCurrent'),
      key: 'current',
      render: (_, i) =>
        i.activeNodes.length
          ? i.activeNodes
              .map((n) => nodeName(i.processKey, i.version, n))
              .join(t('common.listSeparator'))
          : '—',
    },
    { title: t('inbox.colStarted'), key: 'started', render: (_, i) => formatDateTime(i.startedAt) },
    {
      title: t('inbox.colOps'),
      key: 'ops',
      width: 96,
      render: (_, i) => (
        <Link to={`/instances/${encodeURIComponent(i.id)}`}>{t('inbox.view')}</Link>
      ),
    },
  ];

  const total = rows?.page.total ?? 0;
  const empty = <EmptyState tab={tab} query={query} onClear={() => update({ q: '' })} />;
  const loading = load.status === 'loading';

  let content: React.ReactNode;
  if (load.status === 'failed' && !rows)
    content = <PageError error={load.error} onRetry={load.reload} />;
  else if (isPhone) {
    content =
      rows?.kind === 'instances' ? (
        <List<InstanceSummary>
          loading={loading}
          dataSource={rows.page.items}
          locale={{ emptyText: empty }}
          renderItem={(i) => (
            <List.Item className="inbox-item" data-testid="inbox-row">
              <Link to={`/instances/${encodeURIComponent(i.id)}`} className="inbox-item-link">
                <Flex justify="space-between" gap={8} align="center">
                  <Typography.Text strong ellipsis>
                    {i.title}
                  </Typography.Text>
                  <StatusTag status={i.status} testId="row-status" />
                </Flex>
                <Typography.Text type="secondary" className="inbox-item-meta">
                  {formatDateTime(i.startedAt)}
                  {i.activeNodes.length > 0 &&
                    ` · ${i.activeNodes.map((n) => nodeName(i.processKey, i.version, n)).join(t('common.listSeparator'))}`}
                </Typography.Text>
              </Link>
            </List.Item>
          )}
        />
      ) : (
        <List<TaskItem>
          loading={loading}
          dataSource={rows?.kind === 'tasks' ? rows.page.items : []}
          locale={{ emptyText: empty }}
          renderItem={(task) => (
            <List.Item className="inbox-item" data-testid="inbox-row">
              <Link
                to={
                  tab === 'todo'
                    ? `/tasks/${encodeURIComponent(task.id)}`
                    : `/instances/${encodeURIComponent(task.instanceId)}`
                }
                className="inbox-item-link"
              >
                <Flex justify="space-between" gap={8} align="center">
                  <Typography.Text strong ellipsis>
                    {task.title}
                  </Typography.Text>
                  {tab === 'todo' ? (
                    <SlaLight state={task.slaState} />
                  ) : (
                    task.action && (
                      <Tag>{t(`action.${task.action}`, { defaultValue: task.action })}</Tag>
                    )
                  )}
                </Flex>
                <SummaryLine task={task} />
                <Typography.Text type="secondary" className="inbox-item-meta">
                  {task.nodeName} ·{' '}
                  {formatDateTime(tab === 'todo' ? task.createdAt : task.completedAt)}
                  {tab === 'todo' &&
                    task.dueAt &&
                    ` · ${t('task.dueAt', { time: formatDateTime(task.dueAt) })}`}
                </Typography.Text>
              </Link>
            </List.Item>
          )}
        />
      );
  } else {
    content =
      rows?.kind === 'instances' ? (
        <Table<InstanceSummary>
          rowKey="id"
          loading={loading}
          columns={instanceColumns}
          dataSource={rows.page.items}
          pagination={false}
          locale={{ emptyText: empty }}
          onRow={() => ({ 'data-testid': 'inbox-row' }) as React.HTMLAttributes<HTMLElement>}
        />
      ) : (
        <Table<TaskItem>
          rowKey="id"
          loading={loading}
          columns={taskColumns}
          dataSource={rows?.kind === 'tasks' ? rows.page.items : []}
          pagination={false}
          locale={{ emptyText: empty }}
          onRow={() => ({ 'data-testid': 'inbox-row' }) as React.HTMLAttributes<HTMLElement>}
        />
      );
  }

  return (
    <Flex vertical gap={16} className="workspace-page">
      <div className="page-head">
        <Typography.Title level={3} className="page-title">
          {t('inbox.title')}
        </Typography.Title>
        <Input.Search
          allowClear
          className="page-search"
          placeholder={t('inbox.search')}
          aria-label={t('inbox.search')}
          value={draft}
          onChange={(e) => {
            setDraft(e.target.value);
            if (e.target.value === '' && query) update({ q: '' });
          }}
          onSearch={(value) => update({ q: value.trim() })}
        />
      </div>
      <Card className="inbox-card" styles={{ body: { paddingTop: 0 } }}>
        <Tabs
          activeKey={tab}
          tabBarGutter={isPhone ? 16 : undefined}
          onChange={(key) => update({ tab: key as Tab })}
          items={TABS.map((key) => ({
            key,
            label: t(`inbox.tab${key.charAt(0).toUpperCase()}${key.slice(1)}`),
          }))}
        />
        <Flex gap={8} wrap className="inbox-filters">
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            className="inbox-filter"
            data-testid="filter-process"
            aria-label={t('inbox.filterProcess')}
            placeholder={t('inbox.allProcesses')}
            value={processKey || undefined}
            loading={processes.status === 'loading'}
            options={(processes.data ?? []).map((p) => ({ value: p.key, label: p.name }))}
            onChange={(value?: string) => update({ process: value ?? '' })}
          />
          {(tab === 'cc' || tab === 'initiated') && (
            <Select
              allowClear
              className="inbox-filter"
              data-testid="filter-status"
              aria-label={t('inbox.filterStatus')}
              placeholder={t('inbox.allStatuses')}
              value={status || undefined}
              options={STATUSES.map((value) => ({ value, label: t(`status.${value}`) }))}
              onChange={(value?: string) => update({ status: value ?? '' })}
            />
          )}
        </Flex>
        {content}
        {total > PAGE_SIZE && (
          <Flex justify="flex-end" className="inbox-pager">
            <Pagination
              current={page}
              pageSize={PAGE_SIZE}
              total={total}
              showSizeChanger={false}
              size={isPhone ? 'small' : undefined}
              showTotal={(count) => t('inbox.total', { count })}
              onChange={(next) => update({ page: next })}
            />
          </Flex>
        )}
      </Card>
    </Flex>
  );
}
