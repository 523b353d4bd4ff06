// The task page: the form with this node's permissions beside the progress
// timeline, the actions kept in reach at the bottom. On a phone it stacks:
// summary, form, timeline, actions.
import { useMemo, useRef, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Dropdown,
  Flex,
  Result,
  Row,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import {
  CheckOutlined,
  CloseOutlined,
  CommentOutlined,
  MoreOutlined,
  RollbackOutlined,
  SendOutlined,
  SwapOutlined,
  UsergroupAddOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../shared/api';
import { describeError } from '../shared/errors';
import { formatDateTime } from '../shared/format';
import { workspaceApi } from './api';
import { ActionDialog } from './components/ActionDialog';
import { FormRenderer, type FormHandle } from './components/FormRenderer';
import { ProgressTimeline } from './components/ProgressTimeline';
import { SlaLight } from './components/SlaLight';
import { StatusTag } from './components/StatusTag';
import {
  fieldErrorsToTree,
  hasWritableField,
  permissionsOf,
  writableData,
  type ErrorTree,
} from './form-helpers';
import { actionMenuTestId, actionTestId } from './action-test-ids';
import { cachedVersion, useDirectory, useLoad } from './hooks';
import { PageError } from '../shared/PageError';
import { returnTargets } from './timeline';
import type {
  InstanceEvent,
  InstanceView,
  TaskAction,
  TaskActionBody,
  TaskDetail,
} from '@baton/contracts';
import type { DefinitionLite } from './types';
import './workspace.css';

interface TaskBundle {
  task: TaskDetail;
  instance: InstanceView;
  events: InstanceEvent[];
  definition: DefinitionLite | null;
}

const ICONS: Record<TaskAction, React.ReactNode> = {
  approve: <CheckOutlined />,
  reject: <CloseOutlined />,
  submit: <SendOutlined />,
  return: <RollbackOutlined />,
  transfer: <SwapOutlined />,
  addSigner: <UsergroupAddOutlined />,
  comment: <CommentOutlined />,
};

async function loadTask(id: string, signal: AbortSignal): Promise<TaskBundle> {
  const task = await workspaceApi.task(id, signal);
  const [instance, events] = await Promise.all([
    workspaceApi.instance(task.instanceId, signal),
    workspaceApi.events(task.instanceId, signal),
  ]);
  // Node names only: the page works without them.
  const definition = await cachedVersion(instance.processKey, instance.version)
    .then((v) => v.definition)
    .catch(() => null);
  return { task, instance, events, definition };
}

export default function TaskPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const load = useLoad((signal) => loadTask(id, signal), [id]);
  const directory = useDirectory();
  const formRef = useRef<FormHandle>(null);
  const [data, setData] = useState<Record<string, unknown> | null>(null);
  const [extraErrors, setExtraErrors] = useState<ErrorTree | undefined>();
  const [pageError, setPageError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<TaskAction | null>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [uploading, setUploading] = useState(false);

  const bundle = load.data;
  const permissions = useMemo(() => (bundle ? permissionsOf(bundle.task.form) : {}), [bundle]);
  const targets = useMemo(
    () =>
      bundle?.definition
        ? returnTargets(bundle.events, bundle.definition.graph.nodes, bundle.task.nodeId)
        : [],
    [bundle],
  );

  if (load.status === 'failed' && !bundle)
    return <PageError error={load.error} onRetry={load.reload} />;
  if (!bundle) return <Skeleton active paragraph={{ rows: 8 }} />;

  const { task, instance, events, definition } = bundle;
  const nodeName = (nodeId: string | undefined) =>
    nodeId ? (definition?.graph.nodes.find((n) => n.id === nodeId)?.name ?? nodeId) : '';
  const open = task.status === 'open';
  const editable = open && hasWritableField(permissions);
  const formData = data ?? task.form.data;
  const isPrimary = (a: TaskAction) => a === 'approve' || a === 'reject' || a === 'submit';
  const primary = task.actions.filter(isPrimary);
  const secondary = task.actions.filter((a) => !isPrimary(a));

  const start = (action: TaskAction) => {
    setPageError(null);
    setDialogError(null);
    // Approving or submitting writes the form: wait for its files, check it first
    // (errors show on the fields).
    if ((action === 'approve' || action === 'submit') && editable && uploading) {
      setPageError(t('attachment.waitForUploads'));
      return;
    }
    if (
      (action === 'approve' || action === 'submit') &&
      editable &&
      formRef.current &&
      !formRef.current.validateForm()
    ) {
      setPageError(t('startForm.fixErrors'));
      return;
    }
    setDialog(action);
  };

  const send = async (body: Omit<TaskActionBody, 'data'>) => {
    const action = body.action;
    const withData = (action === 'approve' || action === 'submit') && editable;
    const written = withData ? writableData(formData, permissions) : {};
    setBusy(true);
    setDialogError(null);
    try {
      const answer = await workspaceApi.act(task.id, {
        ...body,
        ...(Object.keys(written).length ? { data: written } : {}),
      });
      setDialog(null);
      if ('commandId' in answer) void message.info(t('actionDone.queued'));
      else void message.success(t(`actionDone.${action}`));
      if (action === 'comment') load.reload();
      else navigate('/inbox');
    } catch (err) {
      if (
        err instanceof ApiError &&
        err.code === 'invalid_form_data' &&
        Array.isArray(err.body.fields)
      ) {
        const { tree, unplaced } = fieldErrorsToTree(
          err.body.fields as { path: string; message: string }[],
          task.form.schema,
        );
        setExtraErrors(tree);
        setDialog(null);
        setPageError([t('startForm.fixErrors'), ...unplaced].join(' '));
      } else {
        setDialogError(describeError(err, t));
      }
    } finally {
      setBusy(false);
    }
  };

  const kindLabel =
    task.kind === 'approval'
      ? t('task.kindApproval')
      : task.kind === 'resubmit'
        ? t('task.kindResubmit')
        : t('task.kindTask');

  return (
    <Flex vertical gap={16} className="workspace-page task-page">
      <Card size="small" className="task-summary">
        <Flex wrap gap={8} align="center" justify="space-between">
          <div className="task-summary-main">
            <Typography.Title level={4} className="page-title" data-testid="task-title">
              {task.title}
            </Typography.Title>
            <Flex wrap gap={8} align="center" className="task-summary-meta">
              <Tag color="blue">{kindLabel}</Tag>
              <Typography.Text strong>{task.nodeName}</Typography.Text>
              <Typography.Text type="secondary">
                {t('task.arrivedAt', { time: formatDateTime(task.createdAt) })}
              </Typography.Text>
              {task.dueAt && (
                <span className="due-cell">
                  <SlaLight state={task.slaState} />
                  <Typography.Text type="secondary">
                    {t('task.dueAt', { time: formatDateTime(task.dueAt) })}
                  </Typography.Text>
                </span>
              )}
            </Flex>
          </div>
          <Space size={8}>
            <StatusTag status={instance.status} />
            <Link to={`/instances/${encodeURIComponent(instance.id)}`}>
              {t('task.viewInstance')}
            </Link>
          </Space>
        </Flex>
      </Card>

      {!open && (
        <Result
          status="success"
          title={t('task.notOpen')}
          subTitle={t('task.notOpenHint')}
          extra={
            <Space wrap>
              <Button
                type="primary"
                onClick={() => navigate(`/instances/${encodeURIComponent(instance.id)}`)}
              >
                {t('task.viewInstance')}
              </Button>
              <Button onClick={() => navigate('/inbox')}>{t('task.backToInbox')}</Button>
            </Space>
          }
        />
      )}

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Card title={t('task.formTitle')} className="form-card">
            {pageError && (
              <Alert type="error" showIcon title={pageError} className="form-alert" role="alert" />
            )}
            {open && !editable && (
              <Typography.Paragraph type="secondary" className="form-hint">
                {t('task.readOnlyHint')}
              </Typography.Paragraph>
            )}
            <FormRenderer
              ref={formRef}
              schema={task.form.schema}
              uiSchema={task.form.uiSchema}
              formData={formData}
              readonly={!editable}
              onChange={(next) => {
                setData(next);
                if (extraErrors) setExtraErrors(undefined);
              }}
              extraErrors={extraErrors}
              onUploadingChange={setUploading}
              emptyText={t('instance.noData')}
            />
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          <Card title={t('task.timelineTitle')} className="timeline-card">
            <ProgressTimeline events={events} directory={directory} nodeName={nodeName} />
          </Card>
        </Col>
      </Row>

      {open && task.actions.length > 0 && (
        <div className="action-bar" data-testid="action-bar">
          <Flex gap={8} wrap justify="flex-end" className="action-bar-inner">
            {secondary.map((action) => (
              <Button
                key={action}
                icon={ICONS[action]}
                onClick={() => start(action)}
                className="action-secondary"
                data-testid={actionTestId(action)}
              >
                {t(`action.${action}`)}
              </Button>
            ))}
            {secondary.length > 0 && (
              <Dropdown
                menu={{
                  items: secondary.map((action) => ({
                    key: action,
                    icon: ICONS[action],
                    label: (
                      <span data-testid={actionMenuTestId(action)}>{t(`action.${action}`)}</span>
                    ),
                  })),
                  onClick: ({ key }) => start(key as TaskAction),
                }}
              >
                <Button icon={<MoreOutlined />} className="action-more" data-testid="action-more">
                  {t('task.more')}
                </Button>
              </Dropdown>
            )}
            {primary.map((action) => (
              <Button
                key={action}
                type={action === 'reject' ? 'default' : 'primary'}
                danger={action === 'reject'}
                icon={ICONS[action]}
                onClick={() => start(action)}
                className="action-primary"
                data-testid={actionTestId(action)}
              >
                {t(`action.${action}`)}
              </Button>
            ))}
          </Flex>
        </div>
      )}

      <ActionDialog
        action={dialog}
        directory={directory}
        returnTargets={targets}
        busy={busy}
        error={dialogError}
        onCancel={() => setDialog(null)}
        onSubmit={(body) => void send(body)}
      />
    </Flex>
  );
}
