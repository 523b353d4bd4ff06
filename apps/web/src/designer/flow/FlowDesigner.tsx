// The flow designer: palette, React Flow canvas (custom cards, "+" edges,
// top-to-bottom layout), problems list, simulator, node and condition drawers.
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  applyNodeChanges,
  useReactFlow,
  type Connection,
  type NodeChange,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { App, Button, Space, Tooltip, Typography } from 'antd';
import { ApartmentOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { NodeType, Problem } from '@baton/flow';
import {
  APPEARANCE_COLOUR,
  EditError,
  INSERTABLE_TYPES,
  NODE_APPEARANCE,
  NODE_TYPE_LABELS,
  addNode,
  applyPositions,
  connect,
  connectionProblem,
  insertNodeOnEdge,
  layoutGraph,
  removeNode,
  toFlowElements,
  updateNode,
  type InsertableType,
  type NodeStatus,
  type ProblemEntry,
  type RFEdge,
  type RFNode,
} from '../model';
import { LAYOUT_OPTIONS, NODE_SIZES, randomIds } from '../editor-doc';
import { useDesignerEnv } from '../env';
import type { Editor } from '../useEditor';
import { CanvasContext, type CanvasActions } from './canvas-context';
import { ConditionDrawer } from './ConditionDrawer';
import { InsertableEdge } from './InsertableEdge';
import { NodeCard } from './NodeCard';
import { NodeDrawer } from './NodeDrawer';
import { NodeIcon } from './NodeIcon';
import { ProblemsPanel } from './ProblemsPanel';
import { Simulator } from './Simulator';

const nodeTypes = Object.fromEntries(
  (
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
    ] as NodeType[]
  ).map((type) => [type, NodeCard]),
);
const edgeTypes = { insertable: InsertableEdge };

export function FlowDesigner(props: { editor: Editor; problems: readonly Problem[] }) {
  return (
    <ReactFlowProvider>
      <FlowCanvas {...props} />
    </ReactFlowProvider>
  );
}

function isTextTarget(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

function FlowCanvas({ editor, problems }: { editor: Editor; problems: readonly Problem[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const env = useDesignerEnv();
  const flow = useReactFlow<RFNode, RFEdge>();
  const def = editor.doc.definition;
  const [selectedNode, setSelectedNode] = useState<string | undefined>();
  const [drawerNode, setDrawerNode] = useState<string | undefined>();
  const [drawerEdge, setDrawerEdge] = useState<string | undefined>();
  const [simulating, setSimulating] = useState(false);
  const [statuses, setStatuses] = useState<Record<string, NodeStatus> | undefined>();
  const dragging = useRef<InsertableType | undefined>(undefined);

  // A definition without positions (a template, an import) is laid out once.
  useEffect(() => {
    if (def.graph.nodes.some((n) => !n.position)) {
      void layoutGraph(def, LAYOUT_OPTIONS).then((positions) =>
        editor.replace((d) => applyPositions(d, positions)),
      );
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const derived = useMemo(
    () =>
      toFlowElements(def, {
        lang: env.lang,
        problems,
        statuses: simulating ? statuses : undefined,
        users: env.userNames,
        departments: env.departmentNames,
        fields: editor.doc.fields,
      }),
    [def, env, problems, simulating, statuses, editor.doc.fields],
  );
  const [nodes, setNodes] = useState<RFNode[]>(derived.nodes);
  useEffect(() => {
    setNodes(derived.nodes.map((n) => ({ ...n, selected: n.id === selectedNode })));
  }, [derived.nodes, selectedNode]);
  // Refit when steps come or go (insert, delete, undo), once React Flow has measured them.
  const nodeCount = def.graph.nodes.length;
  useEffect(() => {
    const timer = window.setTimeout(
      () => void flow.fitView({ padding: 0.15, maxZoom: 1, duration: 200 }),
      60,
    );
    return () => window.clearTimeout(timer);
  }, [nodeCount, flow]);
  const edges = useMemo(
    () => derived.edges.map((e) => ({ ...e, selected: e.id === drawerEdge })),
    [derived.edges, drawerEdge],
  );

  const structural = useCallback(
    async (fn: Parameters<Editor['editLaidOut']>[0]) => {
      try {
        await editor.editLaidOut(fn);
      } catch (err) {
        if (err instanceof EditError) message.warning(t('designer.flow.cannotDelete'));
        else throw err;
      }
    },
    [editor, message, t],
  );

  const remove = useCallback(
    (id: string) => {
      const node = def.graph.nodes.find((n) => n.id === id);
      if (!node || node.type === 'start') {
        message.warning(t('designer.flow.cannotDelete'));
        return;
      }
      setDrawerNode(undefined);
      setSelectedNode(undefined);
      void structural((d) => removeNode(d, id));
    },
    [def, message, t, structural],
  );

  const actions = useMemo<CanvasActions>(
    () => ({
      insertOnEdge: (edgeId, type) =>
        void structural((d) => insertNodeOnEdge(d, edgeId, type, randomIds)),
      openEdge: (edgeId) => {
        setDrawerNode(undefined);
        setDrawerEdge(edgeId);
      },
      draggingType: () => dragging.current,
      readOnly: simulating,
    }),
    [structural, simulating],
  );

  const onNodesChange = useCallback((changes: NodeChange<RFNode>[]) => {
    setNodes((ns) =>
      applyNodeChanges(
        changes.filter((c) => c.type !== 'remove'),
        ns,
      ),
    );
  }, []);

  const onConnect = useCallback(
    (c: Connection) => {
      try {
        editor.edit((d) => connect(d, c.source, c.target, randomIds));
      } catch {
        message.warning(t('designer.flow.cannotConnect'));
      }
    },
    [editor, message, t],
  );

  const jump = (entry: ProblemEntry) => {
    const nodeId = entry.target.kind === 'process' ? undefined : entry.target.nodeId;
    if (entry.target.kind === 'edge') setDrawerEdge(entry.target.edgeId);
    if (!nodeId) return;
    const node = def.graph.nodes.find((n) => n.id === nodeId);
    setSelectedNode(nodeId);
    if (entry.target.kind === 'node') {
      setDrawerEdge(undefined);
      setDrawerNode(nodeId);
    }
    if (node?.position)
      void flow.setCenter(
        node.position.x + NODE_SIZES.card.width / 2,
        node.position.y + NODE_SIZES.card.height / 2,
        {
          zoom: Math.max(flow.getZoom(), 0.9),
          duration: 300,
        },
      );
  };

  const onDrop = (event: DragEvent) => {
    const type = dragging.current;
    dragging.current = undefined;
    if (!type) return;
    event.preventDefault();
    const position = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
    editor.edit((d) =>
      addNode(d, type, randomIds, {
        x: position.x - NODE_SIZES.card.width / 2,
        y: position.y - 20,
      }),
    );
  };

  const drawerNodeValue = def.graph.nodes.find((n) => n.id === drawerNode);
  const drawerEdgeValue = def.graph.edges.find((e) => e.id === drawerEdge);

  return (
    <CanvasContext.Provider value={actions}>
      <div className="flow-designer">
        <aside className="fl-palette">
          <Typography.Text strong>{t('designer.flow.palette')}</Typography.Text>
          <Typography.Text type="secondary" className="fd-hint">
            {t('designer.flow.paletteHint')}
          </Typography.Text>
          {INSERTABLE_TYPES.map((type) => {
            const appearance = NODE_APPEARANCE[type];
            return (
              <div
                key={type}
                className="fl-palette-item"
                draggable
                data-testid={`palette-node-${type}`}
                style={{ ['--fc-colour' as string]: APPEARANCE_COLOUR[appearance] }}
                onDragStart={(e) => {
                  dragging.current = type;
                  e.dataTransfer.setData('text/plain', type);
                  e.dataTransfer.effectAllowed = 'copy';
                }}
                onDragEnd={() => {
                  dragging.current = undefined;
                }}
              >
                <span className="fl-palette-icon">
                  <NodeIcon appearance={appearance} />
                </span>
                {NODE_TYPE_LABELS[type][env.lang]}
              </div>
            );
          })}
        </aside>
        <div
          className="fl-canvas"
          data-testid="flow-canvas"
          tabIndex={-1}
          onKeyDown={(e) => {
            if (
              (e.key === 'Delete' || e.key === 'Backspace') &&
              selectedNode &&
              !isTextTarget(e.target)
            ) {
              e.preventDefault();
              remove(selectedNode);
            }
          }}
          onDragOver={(e) => {
            if (dragging.current) e.preventDefault();
          }}
          onDrop={onDrop}
        >
          <ReactFlow<RFNode, RFEdge>
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            edgeTypes={edgeTypes}
            onNodesChange={onNodesChange}
            onNodeClick={(_, node) => {
              setSelectedNode(node.id);
              setDrawerEdge(undefined);
              setDrawerNode(node.id);
            }}
            onEdgeClick={(_, edge) => {
              if (edge.data?.choice) actions.openEdge(edge.id);
            }}
            onPaneClick={() => {
              setSelectedNode(undefined);
              setDrawerNode(undefined);
              setDrawerEdge(undefined);
            }}
            onNodeDragStop={(_, node) =>
              editor.edit((d) => updateNode(d, node.id, { position: { ...node.position } }))
            }
            onConnect={onConnect}
            isValidConnection={(c) => !connectionProblem(def, c.source, c.target)}
            deleteKeyCode={null}
            nodesDraggable={!simulating}
            nodesConnectable={!simulating}
            fitView
            fitViewOptions={{ padding: 0.2, maxZoom: 1 }}
            minZoom={0.2}
            maxZoom={1.5}
            proOptions={{ hideAttribution: true }}
          >
            <Background gap={16} color="#e3e6eb" />
            <Controls position="bottom-left" />
            <MiniMap
              position="bottom-right"
              pannable
              zoomable
              style={{ width: 160, height: 110 }}
              nodeColor={(n) => APPEARANCE_COLOUR[(n as RFNode).data.appearance] ?? '#999'}
            />
          </ReactFlow>
          <div className="fl-toolbar">
            <Space>
              <Tooltip title={t('designer.flow.autoLayout')}>
                <Button
                  icon={<ApartmentOutlined />}
                  onClick={() =>
                    void structural((d) => d).then(() =>
                      flow.fitView({ padding: 0.2, maxZoom: 1, duration: 300 }),
                    )
                  }
                >
                  {t('designer.flow.autoLayout')}
                </Button>
              </Tooltip>
              <Button
                type={simulating ? 'primary' : 'default'}
                icon={<PlayCircleOutlined />}
                onClick={() => {
                  setSimulating(!simulating);
                  setStatuses(undefined);
                }}
                data-testid="simulate-toggle"
              >
                {simulating ? t('designer.sim.close') : t('designer.flow.simulate')}
              </Button>
            </Space>
          </div>
        </div>
        <aside className="fl-side">
          <ProblemsPanel problems={problems} definition={def} onJump={jump} />
          {simulating && (
            <Simulator
              definition={def}
              fields={editor.doc.fields}
              hasProblems={problems.length > 0}
              onStatuses={setStatuses}
            />
          )}
        </aside>
        <NodeDrawer
          key={drawerNode}
          node={drawerNodeValue}
          editor={editor}
          onClose={() => setDrawerNode(undefined)}
          onDelete={remove}
        />
        <ConditionDrawer
          edge={drawerEdgeValue}
          editor={editor}
          onClose={() => setDrawerEdge(undefined)}
        />
      </div>
    </CanvasContext.Provider>
  );
}
