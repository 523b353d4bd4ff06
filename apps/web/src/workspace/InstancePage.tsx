// One request: status, its data (read-only), where it is (the flow diagram), its timeline, and
// 撤回 for the initiator while the process allows it.
import { lazy, Suspense, useState } from 'react';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Modal,
  Row,
  Skeleton,
  Spin,
  Typography,
} from 'antd';
import { ApartmentOutlined, RollbackOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useAuth } from '../shared/auth';
import { describeError } from '../shared/errors';
import { formatDateTime } from '../shared/format';
import { workspaceApi } from './api';
import { FormRenderer } from './components/FormRenderer';
import { ProgressTimeline } from './components/ProgressTimeline';
import { StatusTag } from './components/StatusTag';
import { cachedVersion, useDirectory, useLoad } from './hooks';
import { PageError } from '../shared/PageError';
import type { InstanceEvent, InstanceView } from '@baton/contracts';
import type { DefinitionLite } from './types';
import type { JsonSchema, UiSchema } from '@baton/forms';
import './workspace.css';

// React Flow and elkjs stay out of the page's chunk: the diagram arrives on its own.
const DiagramPanel = lazy(() => import('./DiagramPanel'));

interface InstanceBundle {
  instance: InstanceView;
  events: InstanceEvent[];
  definition: DefinitionLite | null;
}

async function loadInstance(id: string, signal: AbortSignal): Promise<InstanceBundle> {
  const [instance, events] = await Promise.all([
    workspaceApi.instance(id, signal),
    workspaceApi.events(id, signal),
  ]);
  const definition = await cachedVersion(instance.processKey, instance.version)
    .then((v) => v.definition)
    .catch(() => null);
  return { instance, events, definition };
}

/**
 * The form for reading. The API leaves out what this reader may not see, so the
 * form shows the fields present in the data (an optional field left empty has
 * nothing to show either).
 */
function readerForm(definition: DefinitionLite | null, data: Record<string, unknown>) {
  if (!definition) return null;
  const schema = definition.form.schema;
  const all = (schema.properties as Record<string, JsonSchema>) ?? {};
  const properties: Record<string, JsonSchema> = {};
  for (const key of Object.keys(all)) if (key in data) properties[key] = all[key];
  const uiSchema: UiSchema = { ...(definition.form.uiSchema ?? {}) };
  if (Array.isArray(uiSchema['ui:order']))
    uiSchema['ui:order'] = (uiSchema['ui:order'] as unknown[]).filter(
      (k) => typeof k !== 'string' || k in properties || k === '*',
    );
  return { schema: { ...schema, required: [], properties } as JsonSchema, uiSchema };
}

export default function InstancePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user } = useAuth();
  const { id = '' } = useParams();
  const load = useLoad((signal) => loadInstance(id, signal), [id]);
  const directory = useDirectory();
  const [withdrawing, setWithdrawing] = useState(false);
  const [confirmOpen, setConfirmOpen] = useState(false);
  const [withdrawError, setWithdrawError] = useState<string | null>(null);

  if (load.status === 'failed' && !load.data)
    return <PageError error={load.error} onRetry={load.reload} />;
  if (!load.data) return <Skeleton active paragraph={{ rows: 8 }} />;
  const { instance, events, definition } = load.data;
  const nodeName = (nodeId: string | undefined) =>
    nodeId ? (definition?.graph.nodes.find((n) => n.id === nodeId)?.name ?? nodeId) : '';
  const form = readerForm(definition, instance.data);
  const isInitiator = user?.id === instance.initiator;
  const canWithdraw =
    isInitiator && instance.status === 'running' && definition?.settings?.allowWithdraw !== false;
  const myOpenTask = instance.tasks.find(
    (task) => task.status === 'open' && task.assigneeId === user?.id,
  );

  const withdraw = async () => {
    setWithdrawing(true);
    setWithdrawError(null);
    try {
      const answer = await workspaceApi.withdraw(instance.id);
      setConfirmOpen(false);
      void message.success(
        'commandId' in answer && !('id' in answer)
          ? t('actionDone.queued')
          : t('instance.withdrawn'),
      );
      load.reload();
    } catch (err) {
      setWithdrawError(describeError(err, t));
    } finally {
      setWithdrawing(false);
    }
  };

  return (
    <Flex vertical gap={16} className="workspace-page instance-page">
      <Card size="small" className="task-summary">
        <Flex wrap gap={12} align="center" justify="space-between">
          <Typography.Title level={4} className="page-title" data-testid="instance-title">
            {instance.title}
          </Typography.Title>
          <Flex gap={8} wrap align="center">
            {myOpenTask && (
              <Link to={`/tasks/${encodeURIComponent(myOpenTask.id)}`}>
                <Button type="primary">{t('instance.handleTask')}</Button>
              </Link>
            )}
            {canWithdraw && (
              <Button
                icon={<RollbackOutlined />}
                danger
                onClick={() => {
                  setWithdrawError(null);
                  setConfirmOpen(true);
                }}
              >
                {t('instance.withdraw')}
              </Button>
            )}
          </Flex>
        </Flex>
        <Descriptions
          size="small"
          className="instance-facts"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            {
              key: 'status',
              label: t('instance.status'),
              children: <StatusTag status={instance.status} />,
            },
            {
              key: 'initiator',
              label: t('instance.initiator'),
              children: directory.userName(instance.initiator),
            },
            {
              key: 'started',
              label: t('instance.startedAt'),
              children: formatDateTime(instance.startedAt),
            },
            ...(instance.endedAt
              ? [
                  {
                    key: 'ended',
                    label: t('instance.endedAt'),
                    children: formatDateTime(instance.endedAt),
                  },
                ]
              : []),
            {
              key: 'active',
              label: t('instance.activeNodes'),
              children: instance.activeNodes.length
                ? instance.activeNodes.map(nodeName).join(t('common.listSeparator'))
                : '—',
            },
          ]}
        />
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Flex vertical gap={16}>
            <Card title={t('instance.data')} className="form-card">
              {form ? (
                <FormRenderer
                  schema={form.schema}
                  uiSchema={form.uiSchema}
                  formData={instance.data}
                  readonly
                  emptyText={t('instance.noData')}
                />
              ) : (
                <Descriptions
                  size="small"
                  column={1}
                  items={Object.entries(instance.data).map(([key, value]) => ({
                    key,
                    label: key,
                    children: typeof value === 'object' ? JSON.stringify(value) : String(value),
                  }))}
                />
              )}
            </Card>
            <Card
              title={
                <Space8>
                  <ApartmentOutlined /> {t('instance.diagram')}
                </Space8>
              }
              size="small"
              data-testid="diagram-slot"
            >
              <Suspense
                fallback={
                  <Flex justify="center" style={{ padding: 24 }}>
                    <Spin />
                  </Flex>
                }
              >
                <DiagramPanel instance={instance} events={events} />
              </Suspense>
            </Card>
          </Flex>
        </Col>
        <Col xs={24} lg={9}>
          <Card title={t('instance.timeline')} className="timeline-card">
            <ProgressTimeline events={events} directory={directory} nodeName={nodeName} />
          </Card>
        </Col>
      </Row>

      <Modal
        open={confirmOpen}
        title={t('instance.confirmWithdraw')}
        okText={t('instance.withdraw')}
        cancelText={t('workspace.cancel')}
        okButtonProps={{ danger: true, loading: withdrawing }}
        onOk={() => void withdraw()}
        onCancel={() => setConfirmOpen(false)}
      >
        <Typography.Paragraph type="secondary">
          {t('instance.confirmWithdrawHint')}
        </Typography.Paragraph>
        {withdrawError && (
          <Typography.Paragraph type="danger" role="alert">
            {withdrawError}
          </Typography.Paragraph>
        )}
      </Modal>
    </Flex>
  );
}

function Space8({ children }: { children: React.ReactNode }) {
  return <span className="inline-gap">{children}</span>;
}
