// The read-only flow diagram of a template preview and of an instance: the
// designer model's cards (title + one-line summary, type colour) laid out top
// to bottom with elkjs, branch columns headed by their condition; with
// `statuses`, done / active / pending nodes are marked. Loaded lazily: React
// Flow and elkjs only arrive when someone opens a diagram.
import { memo, useEffect, useMemo, useState, type CSSProperties, type ReactNode } from 'react';
import {
  BaseEdge,
  EdgeLabelRenderer,
  getSmoothStepPath,
  Handle,
  MarkerType,
  Position,
  ReactFlow,
  type EdgeProps,
  type NodeProps,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { Alert, Spin } from 'antd';
import {
  ApartmentOutlined,
  AuditOutlined,
  CheckCircleFilled,
  ClockCircleOutlined,
  FlagOutlined,
  ForkOutlined,
  MergeCellsOutlined,
  PlayCircleOutlined,
  SendOutlined,
  ThunderboltOutlined,
  SyncOutlined,
  ToolOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { FlowNode, ProcessDefinition } from '@baton/flow';
import { cardBounds } from '../designer/flow/fit-view';
import { applyPositions, layoutGraph } from '../designer/model/layout';
import {
  APPEARANCE_COLOUR,
  toFlowElements,
  type NodeAppearance,
  type NodeStatus,
  type RFEdge,
  type RFNode,
} from '../designer/model/graph-mapping';
import type { Lang } from '../designer/model/summary';
import { KNOWN_ROLES, roleLabel } from './roles';

const SIZE = {
  start: { width: 240, height: 64 },
  card: { width: 240, height: 96 },
  join: { width: 240, height: 32 },
  end: { width: 240, height: 44 },
};
const sizeOf = (node: FlowNode) =>
  node.type === 'join'
    ? SIZE.join
    : node.type === 'end'
      ? SIZE.end
      : node.type === 'start'
        ? SIZE.start
        : SIZE.card;
/** Gap between rows: room for a branch's condition label above each column. */
const ROW_GAP = 72;
const COLUMN_GAP = 40;
/** Margin around the graph inside the frame, in screen pixels. */
const PAD = 16;
/** Never shrink text below this; a wider graph can be dragged sideways instead. */
const MIN_ZOOM = 0.6;
const MAX_ZOOM = 0.9;

const ICON: Record<NodeAppearance, ReactNode> = {
  start: <PlayCircleOutlined />,
  approver: <AuditOutlined />,
  handler: <ToolOutlined />,
  cc: <SendOutlined />,
  condition: <ForkOutlined />,
  parallel: <ApartmentOutlined />,
  join: <MergeCellsOutlined />,
  timer: <ClockCircleOutlined />,
  automation: <ThunderboltOutlined />,
  end: <FlagOutlined />,
};

const DONE = '#52c41a';
const ACTIVE = '#1677ff';
const EDGE = '#b8bfcc';

/** How a status looks on a card; the instance page's legend draws the same. */
export const STATUS_STYLE: Record<NodeStatus, CSSProperties> = {
  done: { outline: `2px solid ${DONE}`, outlineOffset: 1 },
  active: { boxShadow: `0 0 0 3px rgba(22, 119, 255, 0.55)` },
  pending: { opacity: 0.5 },
};
const STATUS_ICON: Record<NodeStatus, ReactNode> = {
  done: <CheckCircleFilled style={{ color: DONE }} />,
  active: <SyncOutlined spin style={{ color: ACTIVE }} />,
  pending: null,
};

const hiddenHandle = {
  opacity: 0,
  pointerEvents: 'none' as const,
  width: 1,
  height: 1,
  minWidth: 0,
  minHeight: 0,
  border: 0,
};

function PreviewNodeImpl({ data, type }: NodeProps<RFNode & { data: { testIdPrefix?: string } }>) {
  const colour = APPEARANCE_COLOUR[data.appearance];
  const status = data.status;
  const handles = (
    <>
      <Handle type="target" position={Position.Top} style={hiddenHandle} isConnectable={false} />
      <Handle type="source" position={Position.Bottom} style={hiddenHandle} isConnectable={false} />
    </>
  );
  const common = {
    'data-testid': `${data.testIdPrefix ?? 'preview-node'}-${data.node.id}`,
    ...(status ? { 'data-status': status } : {}),
  };
  if (type === 'join')
    return (
      <div className="fp-join" style={{ ...SIZE.join }} {...common}>
        <span className="fp-join-pill" style={status ? STATUS_STYLE[status] : undefined}>
          {ICON.join} {data.title}
        </span>
        {handles}
      </div>
    );
  const size = type === 'end' ? SIZE.end : type === 'start' ? SIZE.start : SIZE.card;
  return (
    <div
      className={`fp-card fp-${type}`}
      style={{
        ...size,
        ['--fp-colour' as string]: colour,
        ...(status ? STATUS_STYLE[status] : {}),
      }}
      title={data.summary ? `${data.title}\n${data.summary}` : data.title}
      {...common}
    >
      <div className="fp-head">
        <span className="fp-icon">{ICON[data.appearance]}</span>
        <span className="fp-title">{data.title}</span>
        {status && STATUS_ICON[status] && <span className="fp-icon">{STATUS_ICON[status]}</span>}
      </div>
      {type !== 'end' && data.summary && <div className="fp-summary">{data.summary}</div>}
      {handles}
    </div>
  );
}
const PreviewNode = memo(PreviewNodeImpl);

/** A step edge; a branch's condition sits just above the column it leads to. */
function PreviewEdgeImpl(props: EdgeProps<RFEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, data, markerEnd } = props;
  const [path, labelX, labelY] = getSmoothStepPath({
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition: Position.Bottom,
    targetPosition: Position.Top,
    borderRadius: 8,
  });
  const text = data?.labelText ?? '';
  const x = data?.choice ? targetX : labelX;
  const y = data?.choice ? targetY - ROW_GAP / 4 - 4 : labelY;
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        style={{ stroke: data?.taken ? DONE : EDGE, strokeWidth: 1.5 }}
      />
      {text && (
        <EdgeLabelRenderer>
          <div
            className={`fp-edge-label ${data?.edge.default ? 'is-default' : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${x}px, ${y}px)` }}
            title={text}
          >
            {text}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}
const PreviewEdge = memo(PreviewEdgeImpl);

const nodeTypes = Object.fromEntries(
  [
    'start',
    'approval',
    'task',
    'cc',
    'branch',
    'inclusive',
    'parallel',
    'join',
    'timer',
    'automation',
    'end',
  ].map((type) => [type, PreviewNode]),
);
const edgeTypes = { preview: PreviewEdge };

export interface FlowDiagramProps {
  definition: ProcessDefinition;
  /** Marks nodes done / active / pending (the instance page). */
  statuses?: Record<string, NodeStatus>;
  /** Display names by user id, for assignee summaries. */
  users?: Record<string, string>;
  /** data-testid of the frame, and the prefix of each node's. */
  testId?: string;
  nodeTestIdPrefix?: string;
}

/**
 * Shown whole and tall rather than shrunk to fit a box: the frame grows to the
 * graph's height at a readable zoom, and the drawer scrolls.
 */
export default function FlowDiagram({
  definition,
  statuses,
  users,
  testId = 'template-diagram',
  nodeTestIdPrefix = 'preview-node',
}: FlowDiagramProps) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const [laidOut, setLaidOut] = useState<ProcessDefinition | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [frame, setFrame] = useState<HTMLDivElement | null>(null);
  const [width, setWidth] = useState(0);

  useEffect(() => {
    if (!frame) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry.contentRect.width)));
    observer.observe(frame);
    return () => observer.disconnect();
  }, [frame]);

  useEffect(() => {
    let live = true;
    setLaidOut(null);
    setError(null);
    layoutGraph(definition, { sizeOf, rowGap: ROW_GAP, columnGap: COLUMN_GAP })
      .then((positions) => {
        if (live) setLaidOut(applyPositions(definition, positions));
      })
      .catch((err: unknown) => {
        if (live) setError(err);
      });
    return () => {
      live = false;
    };
  }, [definition]);

  const elements = useMemo(() => {
    if (!laidOut) return null;
    const roles = Object.fromEntries(KNOWN_ROLES.map((role) => [role, roleLabel(role, t)]));
    const { nodes, edges } = toFlowElements(laidOut, {
      lang,
      roles,
      users,
      statuses,
      edgeType: 'preview',
    });
    return {
      box: cardBounds(laidOut, sizeOf),
      nodes: nodes.map((n) => ({
        ...n,
        data: { ...n.data, testIdPrefix: nodeTestIdPrefix },
        draggable: false,
        selectable: false,
        connectable: false,
      })),
      edges: edges.map((e) => ({
        ...e,
        markerEnd: {
          type: MarkerType.ArrowClosed,
          color: e.data?.taken ? DONE : EDGE,
          width: 16,
          height: 16,
        },
        selectable: false,
      })),
    };
  }, [laidOut, lang, t, users, statuses, nodeTestIdPrefix]);

  if (error)
    return (
      <Alert
        type="warning"
        showIcon
        title={t('admin.templates.diagramFailed', {
          message: error instanceof Error ? error.message : String(error),
        })}
      />
    );

  let view: { zoom: number; x: number; y: number; height: number } | null = null;
  if (elements && width > 0) {
    const { box } = elements;
    const zoom = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, (width - 2 * PAD) / Math.max(box.width, 1)));
    const x = Math.max(PAD, (width - box.width * zoom) / 2) - box.x * zoom;
    view = { zoom, x, y: PAD - box.y * zoom, height: Math.ceil(box.height * zoom + 2 * PAD) };
  }

  return (
    <div
      ref={setFrame}
      className="flow-preview"
      style={{ height: view?.height ?? 320 }}
      data-testid={testId}
      aria-busy={!view}
    >
      {elements && view ? (
        <ReactFlow
          key={`${width}`}
          nodes={elements.nodes}
          edges={elements.edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          defaultViewport={{ x: view.x, y: view.y, zoom: view.zoom }}
          minZoom={MIN_ZOOM}
          maxZoom={1.5}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          edgesFocusable={false}
          nodesFocusable={false}
          panOnDrag
          panOnScroll={false}
          zoomOnScroll={false}
          zoomOnDoubleClick={false}
          preventScrolling={false}
        />
      ) : (
        <div className="flow-preview-loading">
          <Spin />
        </div>
      )}
    </div>
  );
}
