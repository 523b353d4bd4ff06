// The instance page's flow diagram: the process version the request runs on,
// drawn by the template preview's read-only diagram with done, active and
// pending nodes marked, and a legend. Loaded lazily (React.lazy in
// InstancePage): React Flow and elkjs only arrive with this chunk.
import { useMemo, type CSSProperties } from 'react';
import { Flex, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ProcessDefinition } from '@baton/flow';
import type { NodeStatus } from '../designer/model/graph-mapping';
import FlowDiagram, { STATUS_STYLE } from '../admin/FlowDiagram';
import { PageError } from '../shared/PageError';
import { nodeStatuses } from './diagram-status';
import { cachedVersion, useDirectory, useLoad } from './hooks';
import type { InstanceEvent, InstanceView } from '@baton/contracts';
// The preview's card styles (.flow-preview, .fp-*), shared with the template gallery.
import '../admin/admin.css';

function Loading() {
  return (
    <div className="flow-preview-loading" style={{ minHeight: 160 }}>
      <Spin />
    </div>
  );
}

function Legend() {
  const { t } = useTranslation();
  const swatch = (status: NodeStatus): CSSProperties => ({
    display: 'inline-block',
    width: 14,
    height: 10,
    borderRadius: 3,
    background: '#fff',
    border: '1px solid #8c8c8c',
    ...STATUS_STYLE[status],
  });
  const items: [NodeStatus, string][] = [
    ['done', t('instance.legendDone')],
    ['active', t('instance.legendActive')],
    ['pending', t('instance.legendPending')],
  ];
  return (
    <Flex
      gap={16}
      wrap
      align="center"
      role="list"
      aria-label={t('instance.legend')}
      data-testid="diagram-legend"
      style={{ fontSize: 12, color: 'rgba(0, 0, 0, 0.6)' }}
    >
      {items.map(([status, label]) => (
        <span key={status} role="listitem" className="inline-gap">
          <span style={swatch(status)} aria-hidden />
          {label}
        </span>
      ))}
    </Flex>
  );
}

export interface DiagramPanelProps {
  instance: Pick<InstanceView, 'processKey' | 'version' | 'activeNodes'>;
  events: InstanceEvent[];
}

/** The definition (cached per version for the session), the diagram and its legend. */
export default function DiagramPanel({ instance, events }: DiagramPanelProps) {
  const { processKey, version } = instance;
  const load = useLoad(
    () =>
      cachedVersion(processKey, version).then(
        // The API returns the whole definition; the workspace types only the parts it reads.
        (v) => v.definition as unknown as ProcessDefinition,
      ),
    [processKey, version],
  );
  const definition = load.data;
  const statuses = useMemo(
    () => (definition ? nodeStatuses(definition, instance, events) : {}),
    [definition, instance, events],
  );
  const directory = useDirectory();
  const users = useMemo(
    () => Object.fromEntries(directory.users.map((u) => [u.id, u.displayName || u.username])),
    [directory.users],
  );

  if (load.status === 'failed' && !definition)
    return <PageError error={load.error} onRetry={load.reload} />;
  if (!definition) return <Loading />;
  return (
    <Flex vertical gap={12}>
      <Legend />
      <FlowDiagram
        definition={definition}
        statuses={statuses}
        users={users}
        testId="instance-diagram"
        nodeTestIdPrefix="diagram-node"
      />
    </Flex>
  );
}
