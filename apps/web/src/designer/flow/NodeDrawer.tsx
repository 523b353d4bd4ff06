// The node drawer: 谁 (assignees) / 怎么 (mode, on reject, SLA) / 字段 (the
// permission matrix) / 高级 (name, stage, timer, automation, outcome).
import { useState } from 'react';
import {
  Button,
  Drawer,
  Empty,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Table,
  Tabs,
  Typography,
} from 'antd';
import { BlockOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { FieldPermission, FormField } from '@baton/forms';
import type {
  ApprovalNode,
  AutomationAction,
  AutomationNode,
  EndNode,
  FlowNode,
  ProcessDefinition,
  Sla,
  TaskNode,
  TimerNode,
} from '@baton/flow';
import { addColumn, nodeTitle, updateNode, type NodePatch } from '../model';
import { useDesignerEnv } from '../env';
import { fromOffset, toOffset, type DurationUnit } from '../duration-input';
import { randomIds } from '../editor-doc';
import type { Editor } from '../useEditor';
import { AssigneeRules } from './AssigneeRules';
import { DurationField } from './DurationField';

export function NodeDrawer({
  node,
  editor,
  onClose,
  onDelete,
  onDuplicate,
}: {
  node: FlowNode | undefined;
  editor: Editor;
  onClose: () => void;
  onDelete: (id: string) => void;
  onDuplicate: (id: string) => void;
}) {
  const { t } = useTranslation();
  const { lang } = useDesignerEnv();
  const fields = editor.doc.fields;
  const def = editor.doc.definition;
  const [tab, setTab] = useState<string>('who');
  if (!node) return <Drawer open={false} onClose={onClose} />;

  const patch = (p: NodePatch) => editor.edit((d) => updateNode(d, node.id, p));
  const people = node.type === 'approval' || node.type === 'task';
  const tabs = [
    ...(people || node.type === 'cc'
      ? [
          {
            key: 'who',
            label: t('designer.flow.node.who'),
            children: <WhoTab node={node} patch={patch} fields={fields} />,
          },
        ]
      : []),
    ...(people
      ? [
          {
            key: 'how',
            label: t('designer.flow.node.how'),
            children: <HowTab node={node as ApprovalNode | TaskNode} patch={patch} def={def} />,
          },
        ]
      : []),
    ...(people || node.type === 'start'
      ? [
          {
            key: 'fields',
            label: t('designer.flow.node.fields'),
            children: <FieldsTab node={node} patch={patch} fields={fields} />,
          },
        ]
      : []),
    {
      key: 'advanced',
      label: t('designer.flow.node.advanced'),
      children: <AdvancedTab node={node} patch={patch} fields={fields} editor={editor} />,
    },
  ];
  const active = tabs.some((x) => x.key === tab) ? tab : tabs[0].key;

  return (
    <Drawer
      open
      mask={false}
      onClose={onClose}
      size={480}
      title={nodeTitle(node, lang)}
      data-testid="node-drawer"
      extra={
        node.type !== 'start' && (
          <Space size={6}>
            <Button
              size="small"
              icon={<BlockOutlined />}
              onClick={() => onDuplicate(node.id)}
              data-testid="node-duplicate"
            >
              {t('designer.flow.duplicate')}
            </Button>
            <Button danger size="small" icon={<DeleteOutlined />} onClick={() => onDelete(node.id)}>
              {t('designer.flow.deleteNode')}
            </Button>
          </Space>
        )
      }
    >
      <Tabs activeKey={active} onChange={setTab} items={tabs} />
    </Drawer>
  );
}

type Patch = (p: NodePatch) => void;

function WhoTab({ node, patch, fields }: { node: FlowNode; patch: Patch; fields: FormField[] }) {
  const { t } = useTranslation();
  if (node.type === 'cc')
    return (
      <Form layout="vertical">
        <Form.Item label={t('designer.flow.recipients')}>
          <AssigneeRules
            rules={node.recipients}
            fields={fields}
            onChange={(recipients) => patch({ recipients })}
          />
        </Form.Item>
      </Form>
    );
  if (node.type !== 'approval' && node.type !== 'task') return null;
  return (
    <Form layout="vertical">
      <Form.Item label={t('designer.flow.assignees')}>
        <AssigneeRules
          rules={node.assignees}
          fields={fields}
          onChange={(assignees) => patch({ assignees })}
          testId="assignee-rules"
        />
      </Form.Item>
    </Form>
  );
}

function HowTab({
  node,
  patch,
  def,
}: {
  node: ApprovalNode | TaskNode;
  patch: Patch;
  def: ProcessDefinition;
}) {
  const { t } = useTranslation();
  const { lang } = useDesignerEnv();
  const mode = node.mode ?? 'any';
  const returnTargets = def.graph.nodes.filter(
    (n) => n.id !== node.id && (n.type === 'approval' || n.type === 'task'),
  );
  const sla = node.sla;
  const due = typeof sla?.due === 'string' ? sla.due : undefined;
  const setSla = (next: Partial<Sla> | undefined) => {
    if (next === undefined) return patch({ sla: undefined });
    const merged = { ...(sla ?? {}), ...next } as Sla;
    patch({ sla: merged.due ? merged : undefined });
  };
  return (
    <Form layout="vertical">
      <Form.Item label={t('designer.flow.mode')}>
        <Radio.Group
          value={mode}
          onChange={(e) =>
            patch({
              mode: e.target.value,
              passRatio:
                e.target.value === 'vote' ? ((node as ApprovalNode).passRatio ?? 0.5) : undefined,
            })
          }
        >
          <Space direction="vertical">
            {node.type === 'approval' ? (
              <>
                <Radio value="any">{t('designer.flow.modeAny')}</Radio>
                <Radio value="all">{t('designer.flow.modeAll')}</Radio>
                <Radio value="sequential">{t('designer.flow.modeSequential')}</Radio>
                <Radio value="vote">{t('designer.flow.modeVote')}</Radio>
              </>
            ) : (
              <>
                <Radio value="any">{t('designer.flow.taskModeAny')}</Radio>
                <Radio value="all">{t('designer.flow.taskModeAll')}</Radio>
              </>
            )}
          </Space>
        </Radio.Group>
      </Form.Item>
      {node.type === 'approval' && mode === 'vote' && (
        <Form.Item label={t('designer.flow.passRatio')}>
          <InputNumber
            min={1}
            max={100}
            value={Math.round((node.passRatio ?? 0.5) * 100)}
            onChange={(v) => patch({ passRatio: (v ?? 50) / 100 })}
          />
        </Form.Item>
      )}
      {node.type === 'approval' && (
        <Form.Item label={t('designer.flow.onReject')}>
          <Space direction="vertical" style={{ width: '100%' }}>
            <Radio.Group
              value={node.onReject?.action ?? 'end'}
              onChange={(e) =>
                patch({
                  onReject:
                    e.target.value === 'end' ? undefined : { action: 'return', to: 'initiator' },
                })
              }
            >
              <Radio value="end">{t('designer.flow.rejectEnd')}</Radio>
              <Radio value="return">{t('designer.flow.rejectReturn')}</Radio>
            </Radio.Group>
            {node.onReject?.action === 'return' && (
              <Select
                value={node.onReject.to}
                style={{ width: '100%' }}
                onChange={(to) => patch({ onReject: { action: 'return', to } })}
                options={[
                  { value: 'initiator', label: t('designer.flow.returnInitiator') },
                  ...returnTargets.map((n) => ({ value: n.id, label: nodeTitle(n, lang) })),
                ]}
              />
            )}
          </Space>
        </Form.Item>
      )}
      <Form.Item label={t('designer.flow.emptyAssignees')}>
        <Select
          allowClear
          value={node.emptyAssignees}
          placeholder={t('designer.flow.emptyFail')}
          onChange={(v) => patch({ emptyAssignees: v })}
          options={[
            { value: 'autoApprove', label: t('designer.flow.emptyAutoApprove') },
            { value: 'toAdmin', label: t('designer.flow.emptyToAdmin') },
            { value: 'fail', label: t('designer.flow.emptyFail') },
          ]}
        />
      </Form.Item>
      <Typography.Title level={5}>{t('designer.flow.sla')}</Typography.Title>
      <Form.Item label={t('designer.flow.slaDue')}>
        <DurationField
          value={due}
          onChange={(iso) => (iso ? setSla({ due: iso }) : setSla(undefined))}
        />
      </Form.Item>
      {sla && (
        <>
          <Form.Item label={t('designer.flow.remindBefore')}>
            <DurationField
              value={sla.remindBefore?.[0]}
              onChange={(iso) => setSla({ remindBefore: iso ? [iso] : undefined })}
            />
          </Form.Item>
          <Form.Item label={t('designer.flow.onOverdue')}>
            <Select
              allowClear
              value={sla.onOverdue?.action}
              onChange={(action) => setSla({ onOverdue: action ? { action } : undefined })}
              options={[
                { value: 'remind', label: t('designer.flow.overdueRemind') },
                { value: 'escalate', label: t('designer.flow.overdueEscalate') },
                { value: 'autoApprove', label: t('designer.flow.overdueAutoApprove') },
                { value: 'autoReject', label: t('designer.flow.overdueAutoReject') },
              ]}
            />
          </Form.Item>
        </>
      )}
    </Form>
  );
}

const PERMISSIONS: FieldPermission[] = ['hidden', 'read', 'edit', 'required'];

function FieldsTab({ node, patch, fields }: { node: FlowNode; patch: Patch; fields: FormField[] }) {
  const { t } = useTranslation();
  if (!('fieldPermissions' in node) && !['start', 'approval', 'task'].includes(node.type))
    return null;
  const perms =
    (node as { fieldPermissions?: Record<string, FieldPermission> }).fieldPermissions ?? {};
  const fallback: FieldPermission = node.type === 'start' ? 'edit' : 'read';
  if (fields.length === 0) return <Empty description={t('designer.flow.permNoFields')} />;
  const label: Record<FieldPermission, string> = {
    hidden: t('designer.flow.permHidden'),
    read: t('designer.flow.permRead'),
    edit: t('designer.flow.permEdit'),
    required: t('designer.flow.permRequired'),
  };
  return (
    <Table<FormField>
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={fields}
      data-testid="permission-matrix"
      columns={[
        { title: t('designer.flow.permField'), dataIndex: 'label' },
        ...PERMISSIONS.map((p) => ({
          title: label[p],
          key: p,
          align: 'center' as const,
          width: 64,
          render: (_: unknown, f: FormField) => (
            <Radio
              aria-label={`${f.label} ${label[p]}`}
              checked={(perms[f.key] ?? fallback) === p}
              onChange={() => patch({ fieldPermissions: { ...perms, [f.key]: p } })}
            />
          ),
        })),
      ]}
    />
  );
}

function AdvancedTab({
  node,
  patch,
  fields,
  editor,
}: {
  node: FlowNode;
  patch: Patch;
  fields: FormField[];
  editor: Editor;
}) {
  const { t } = useTranslation();
  return (
    <Form layout="vertical">
      <Form.Item label={t('designer.flow.nodeName')}>
        <Input
          value={node.name ?? ''}
          maxLength={100}
          data-testid="node-name"
          onChange={(e) => patch({ name: e.target.value || undefined })}
        />
      </Form.Item>
      <Form.Item label={t('designer.flow.stage')}>
        <Input
          value={node.stage ?? ''}
          maxLength={100}
          placeholder={t('designer.flow.stagePlaceholder')}
          onChange={(e) => patch({ stage: e.target.value || undefined })}
        />
      </Form.Item>
      {node.type === 'timer' && <TimerFields node={node} patch={patch} fields={fields} />}
      {node.type === 'automation' && <AutomationFields node={node} patch={patch} />}
      {node.type === 'end' && (
        <Form.Item label={t('designer.flow.outcome')}>
          <Select
            value={(node as EndNode).outcome ?? 'completed'}
            onChange={(outcome) => patch({ outcome })}
            options={[
              { value: 'approved', label: t('designer.flow.outcomeApproved') },
              { value: 'rejected', label: t('designer.flow.outcomeRejected') },
              { value: 'completed', label: t('designer.flow.outcomeCompleted') },
            ]}
          />
        </Form.Item>
      )}
      {(node.type === 'branch' || node.type === 'inclusive' || node.type === 'parallel') && (
        <Form.Item label={t('designer.flow.columns')} extra={t('designer.flow.splitHint')}>
          <Button
            icon={<PlusOutlined />}
            onClick={() => void editor.editLaidOut((d) => addColumn(d, node.id, randomIds))}
          >
            {t('designer.flow.addColumn')}
          </Button>
        </Form.Item>
      )}
    </Form>
  );
}

function TimerFields({
  node,
  patch,
  fields,
}: {
  node: TimerNode;
  patch: Patch;
  fields: FormField[];
}) {
  const { t } = useTranslation();
  const dateFields = fields.filter((f) => f.type === 'date' || f.type === 'datetime');
  const mode = node.until ? 'until' : 'delay';
  const offset = fromOffset(node.until?.offset);
  const setOffset = (amount: number | null, unit: DurationUnit, before: boolean) =>
    patch({
      until: {
        field: node.until?.field ?? '',
        ...(amount ? { offset: toOffset({ amount, unit }, before) } : {}),
      },
    });
  return (
    <>
      <Form.Item label={t('designer.flow.timerMode')}>
        <Radio.Group
          value={mode}
          onChange={(e) =>
            e.target.value === 'delay'
              ? patch({ until: undefined, delay: 'P1D' })
              : patch({ delay: undefined, until: { field: dateFields[0]?.key ?? '' } })
          }
        >
          <Radio value="delay">{t('designer.flow.timerDelay')}</Radio>
          <Radio value="until">{t('designer.flow.timerUntil')}</Radio>
        </Radio.Group>
      </Form.Item>
      {mode === 'delay' ? (
        <Form.Item>
          <DurationField value={node.delay} onChange={(delay) => patch({ delay })} />
        </Form.Item>
      ) : (
        <>
          <Form.Item label={t('designer.flow.timerField')}>
            <Select
              value={node.until?.field || undefined}
              onChange={(field) => patch({ until: { ...node.until, field } })}
              options={dateFields.map((f) => ({ value: f.key, label: f.label }))}
            />
          </Form.Item>
          <Form.Item label={t('designer.flow.timerOffset')}>
            <Space.Compact>
              <Select
                value={offset.before ? 'before' : 'after'}
                style={{ width: 90 }}
                onChange={(v) =>
                  setOffset(offset.parts?.amount ?? 1, offset.parts?.unit ?? 'days', v === 'before')
                }
                options={[
                  { value: 'before', label: t('designer.flow.before') },
                  { value: 'after', label: t('designer.flow.after') },
                ]}
              />
              <InputNumber
                min={0}
                value={offset.parts?.amount ?? null}
                style={{ width: 90 }}
                onChange={(v) => setOffset(v, offset.parts?.unit ?? 'days', offset.before)}
              />
              <Select
                value={offset.parts?.unit ?? 'days'}
                style={{ width: 90 }}
                onChange={(u: DurationUnit) =>
                  setOffset(offset.parts?.amount ?? 1, u, offset.before)
                }
                options={(['minutes', 'hours', 'days'] as const).map((u) => ({
                  value: u,
                  label: t(`designer.flow.unit.${u}`),
                }))}
              />
            </Space.Compact>
          </Form.Item>
        </>
      )}
    </>
  );
}

function AutomationFields({ node, patch }: { node: AutomationNode; patch: Patch }) {
  const { t } = useTranslation();
  const action = node.action;
  const [json, setJson] = useState(() =>
    JSON.stringify(action.kind === 'setFields' ? action.values : {}, null, 2),
  );
  const [jsonError, setJsonError] = useState(false);
  const setAction = (next: AutomationAction) => patch({ action: next });
  return (
    <>
      <Form.Item label={t('designer.flow.action')}>
        <Select
          value={action.kind}
          onChange={(kind) =>
            setAction(
              kind === 'setFields'
                ? { kind, values: {} }
                : kind === 'webhook'
                  ? { kind, url: 'https://', method: 'POST' }
                  : { kind: 'startProcess', key: '' },
            )
          }
          options={[
            { value: 'setFields', label: t('designer.flow.actionSetFields') },
            { value: 'webhook', label: t('designer.flow.actionWebhook') },
            { value: 'startProcess', label: t('designer.flow.actionStartProcess') },
          ]}
        />
      </Form.Item>
      {action.kind === 'setFields' && (
        <Form.Item
          label={t('designer.flow.values')}
          validateStatus={jsonError ? 'error' : undefined}
          help={jsonError ? t('designer.flow.invalidJson') : undefined}
        >
          <Input.TextArea
            value={json}
            autoSize={{ minRows: 3, maxRows: 10 }}
            style={{ fontFamily: 'monospace' }}
            onChange={(e) => {
              setJson(e.target.value);
              try {
                const values = JSON.parse(e.target.value) as unknown;
                if (!values || typeof values !== 'object' || Array.isArray(values))
                  throw new Error();
                setJsonError(false);
                setAction({ kind: 'setFields', values: values as Record<string, unknown> });
              } catch {
                setJsonError(true);
              }
            }}
          />
        </Form.Item>
      )}
      {action.kind === 'webhook' && (
        <>
          <Form.Item label={t('designer.flow.url')}>
            <Input
              value={action.url}
              onChange={(e) => setAction({ ...action, url: e.target.value })}
            />
          </Form.Item>
          <Form.Item label={t('designer.flow.method')}>
            <Select
              value={action.method ?? 'POST'}
              onChange={(method) => setAction({ ...action, method })}
              options={['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].map((m) => ({
                value: m,
                label: m,
              }))}
            />
          </Form.Item>
        </>
      )}
      {action.kind === 'startProcess' && (
        <Form.Item label={t('designer.flow.processKey')}>
          <Input
            value={action.key}
            onChange={(e) => setAction({ ...action, key: e.target.value })}
          />
        </Form.Item>
      )}
    </>
  );
}
