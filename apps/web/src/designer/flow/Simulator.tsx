// 模拟运行: the pure engine run in the browser against the real organisation.
import { useMemo, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Empty,
  Input,
  InputNumber,
  List,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import type { ProcessDefinition } from '@baton/flow';
import type { FormField } from '@baton/forms';
import { nodeTitle, type NodeStatus } from '../model';
import { useDesignerEnv } from '../env';
import { openTasks, sampleData, simulate, statusesOf, type SimulationStep } from '../simulator';
import { useEffect } from 'react';

const STATE_COLOUR: Record<string, string> = {
  running: 'processing',
  approved: 'success',
  completed: 'success',
  rejected: 'error',
  new: 'default',
};

export function Simulator({
  definition,
  fields,
  hasProblems,
  onStatuses,
}: {
  definition: ProcessDefinition;
  fields: FormField[];
  hasProblems: boolean;
  onStatuses: (statuses: Record<string, NodeStatus> | undefined) => void;
}) {
  const { t } = useTranslation();
  const env = useDesignerEnv();
  const [initiator, setInitiator] = useState(env.users[0]?.id ?? '');
  const [data, setData] = useState<Record<string, unknown>>(() => sampleData(fields, initiator));
  const [steps, setSteps] = useState<SimulationStep[]>([]);

  const result = useMemo(
    () => (steps.length ? simulate(definition, env.snapshot, initiator, steps) : undefined),
    [definition, env.snapshot, initiator, steps],
  );
  useEffect(() => {
    onStatuses(result ? statusesOf(definition, result.state) : undefined);
  }, [result, definition, onStatuses]);

  const byId = new Map(definition.graph.nodes.map((n) => [n.id, n]));
  const name = (id: string) => env.userNames[id] ?? id;
  const tasks = result ? openTasks(result.state) : [];
  const status = result?.state.status ?? 'new';

  const simple = fields.filter((f) =>
    ['money', 'number', 'text', 'select', 'checkbox'].includes(f.type),
  );

  return (
    <Card size="small" className="fl-sim" title={t('designer.sim.title')} data-testid="simulator">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('designer.sim.hint')}
      </Typography.Paragraph>
      {hasProblems && (
        <Alert
          type="warning"
          showIcon
          message={t('designer.sim.problems')}
          style={{ marginBottom: 8 }}
        />
      )}
      {steps.length === 0 ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text>{t('designer.sim.initiator')}</Typography.Text>
          <Select
            value={initiator}
            style={{ width: '100%' }}
            onChange={setInitiator}
            options={env.users.map((u) => ({ value: u.id, label: u.displayName || u.username }))}
          />
          {simple.length > 0 && <Typography.Text>{t('designer.sim.data')}</Typography.Text>}
          {simple.map((f) => (
            <Space.Compact key={f.key} block>
              <span className="fl-sim-label">{f.label}</span>
              {f.type === 'money' || f.type === 'number' ? (
                <InputNumber
                  value={data[f.key] as number | undefined}
                  style={{ flex: 1 }}
                  onChange={(v) => setData({ ...data, [f.key]: v ?? undefined })}
                  data-testid={`sim-data-${f.key}`}
                />
              ) : f.type === 'select' ? (
                <Select
                  value={data[f.key] as string | undefined}
                  style={{ flex: 1 }}
                  onChange={(v) => setData({ ...data, [f.key]: v })}
                  options={(f.options ?? []).map((o) => ({ value: o.value, label: o.label }))}
                />
              ) : f.type === 'checkbox' ? (
                <Select
                  value={data[f.key] ? 'y' : 'n'}
                  style={{ flex: 1 }}
                  onChange={(v) => setData({ ...data, [f.key]: v === 'y' })}
                  options={[
                    { value: 'y', label: t('designer.flow.yes') },
                    { value: 'n', label: t('designer.flow.no') },
                  ]}
                />
              ) : (
                <Input
                  value={String(data[f.key] ?? '')}
                  onChange={(e) => setData({ ...data, [f.key]: e.target.value })}
                />
              )}
            </Space.Compact>
          ))}
          <Button
            type="primary"
            block
            onClick={() => setSteps([{ kind: 'start', data }])}
            data-testid="sim-start"
          >
            {t('designer.sim.start')}
          </Button>
        </Space>
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <div>
            {t('designer.sim.status')}:{' '}
            <Tag color={STATE_COLOUR[status] ?? 'default'} data-testid="sim-status">
              {t(`designer.sim.state.${status}`)}
            </Tag>
          </div>
          {result?.error && (
            <Alert
              type="error"
              showIcon
              message={t('designer.sim.refused', { message: result.error })}
            />
          )}
          {result?.state.incidents.map((i) => (
            <Alert
              key={i.id}
              type="error"
              showIcon
              message={t('designer.sim.incident', { message: i.message })}
            />
          ))}
          <Typography.Text strong>{t('designer.sim.openTasks')}</Typography.Text>
          {tasks.length === 0 ? (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={t('designer.sim.noOpenTasks')}
            />
          ) : (
            <List
              size="small"
              dataSource={tasks}
              renderItem={(task) => {
                const node = byId.get(task.nodeId);
                const approval = node?.type === 'approval';
                return (
                  <List.Item className="fl-sim-task">
                    <div>
                      <div>{node ? nodeTitle(node, env.lang) : task.nodeId}</div>
                      <Typography.Text type="secondary">{name(task.assigneeId)}</Typography.Text>
                    </div>
                    <Space size={4}>
                      {approval ? (
                        <>
                          <Button
                            size="small"
                            type="primary"
                            onClick={() =>
                              setSteps([
                                ...steps,
                                { kind: 'act', taskId: task.id, action: 'approve' },
                              ])
                            }
                          >
                            {t('action.approve')}
                          </Button>
                          <Button
                            size="small"
                            danger
                            onClick={() =>
                              setSteps([
                                ...steps,
                                { kind: 'act', taskId: task.id, action: 'reject' },
                              ])
                            }
                          >
                            {t('action.reject')}
                          </Button>
                        </>
                      ) : (
                        <Button
                          size="small"
                          type="primary"
                          onClick={() =>
                            setSteps([...steps, { kind: 'act', taskId: task.id, action: 'submit' }])
                          }
                        >
                          {t('action.submit')}
                        </Button>
                      )}
                    </Space>
                  </List.Item>
                );
              }}
            />
          )}
          <Space wrap>
            {(result?.state.timers.length ?? 0) > 0 && (
              <Button size="small" onClick={() => setSteps([...steps, { kind: 'timer' }])}>
                {t('designer.sim.fireTimer')}
              </Button>
            )}
            <Button
              size="small"
              disabled={steps.length <= 1}
              onClick={() => setSteps(steps.slice(0, -1))}
            >
              {t('designer.sim.stepBack')}
            </Button>
            <Button size="small" onClick={() => setSteps([])}>
              {t('designer.sim.restart')}
            </Button>
          </Space>
        </Space>
      )}
    </Card>
  );
}
