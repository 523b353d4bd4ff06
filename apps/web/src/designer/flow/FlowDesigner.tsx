// The flow designer: palette, React Flow canvas (custom cards, "+" edges,
// top-to-bottom layout), problems list, simulator, node and condition drawers.
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type DragEvent,
  type MouseEvent as ReactMouseEvent,
} from 'react';
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  applyNodeChanges,
  useReactFlow,
  type Connection,
  type FitViewOptions,
  type NodeChange,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { App, Button, Dropdown, Space, Tooltip, Typography, type MenuProps } from 'antd';
import {
  ApartmentOutlined,
  BlockOutlined,
  CopyOutlined,
  DeleteOutlined,
  EditOutlined,
  ExpandOutlined,
  PlayCircleOutlined,
  SnippetsOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { NodeType, ProcessDefinition, Problem } from '@baton/flow';
import {
  APPEARANCE_COLOUR,
  EditError,
  NODE_APPEARANCE,
  NODE_TYPE_LABELS,
  PALETTE_TYPES,
  PASTE_OFFSET,
  addNode,
  applyPositions,
  canEndOnEdge,
  connect,
  connectionProblem,
  copyNodes,
  endOnEdge,
  insertNodeOnEdge,
  isCopyable,
  layoutGraph,
  offsetTo,
  pasteFragment,
  removeNode,
  toFlowElements,
  updateNode,
  type FlowFragment,
  type NodeStatus,
  type PaletteType,
  type ProblemEntry,
  type RFEdge,
  type RFNode,
} from '../model';
import { LAYOUT_OPTIONS, NODE_SIZES, cardSize, randomIds } from '../editor-doc';
import { useDesignerEnv } from '../env';
import { clipboardShortcut, type Editor } from '../useEditor';
import { CanvasContext, type CanvasActions } from './canvas-context';
import { ConditionDrawer } from './ConditionDrawer';
import { cardBounds, fitPadding, type Rect } from './fit-view';
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

/**
 * What Ctrl/Cmd+C copied. Kept for the session (outside the component), so a
 * step copied in one process can be pasted into another; `pastes` moves each
 * paste a little further, so copies never sit exactly on top of each other.
 */
let clipboard: { fragment: FlowFragment; pastes: number } | undefined;

/** Shortcut hints in the menus: ⌘C on a Mac, Ctrl+C elsewhere (the handlers take either). */
const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const withModifier = (key: string) => (IS_MAC ? `⌘${key}` : `Ctrl+${key}`);

const ZOOM = { minZoom: 0.2, maxZoom: 1 } as const;

/** Until the canvas has been measured: keep clear of the toolbar (top), controls (left) and minimap (right). */
const FALLBACK_FIT: FitViewOptions = {
  padding: { top: '56px', right: '188px', bottom: '24px', left: '56px' },
  maxZoom: ZOOM.maxZoom,
};

/** The canvas's size and what floats over it (toolbar, zoom controls, minimap), in canvas pixels. */
interface Frame {
  width: number;
  height: number;
  overlays: Rect[];
}

const OVERLAYS = ['.fl-toolbar', '.react-flow__controls', '.react-flow__minimap'];

function measureFrame(canvas: HTMLElement): Frame {
  const box = canvas.getBoundingClientRect();
  const overlays = OVERLAYS.flatMap((selector) => {
    const element = canvas.querySelector(selector);
    if (!element) return [];
    const r = element.getBoundingClientRect();
    return [{ x: r.left - box.left, y: r.top - box.top, width: r.width, height: r.height }];
  });
  return { width: box.width, height: box.height, overlays };
}

/** The right-click menu: on a step (or the selected steps), or on the empty canvas. */
type CanvasMenu =
  | { kind: 'node'; nodeId: string; targets: readonly string[]; x: number; y: number }
  | { kind: 'pane'; x: number; y: number; at: { x: number; y: number } };

/** Removes every node in `ids` as one edit; nodes a split took with it are skipped, the start stays. */
function removeNodes(def: ProcessDefinition, ids: readonly string[]): ProcessDefinition {
  return ids.reduce(
    (d, id) =>
      d.graph.nodes.some((n) => n.id === id && n.type !== 'start') ? removeNode(d, id) : d,
    def,
  );
}

function FlowCanvas({ editor, problems }: { editor: Editor; problems: readonly Problem[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const env = useDesignerEnv();
  const flow = useReactFlow<RFNode, RFEdge>();
  const def = editor.doc.definition;
  const [drawerNode, setDrawerNode] = useState<string | undefined>();
  const [drawerEdge, setDrawerEdge] = useState<string | undefined>();
  const [simulating, setSimulating] = useState(false);
  const [statuses, setStatuses] = useState<Record<string, NodeStatus> | undefined>();
  const dragging = useRef<PaletteType | undefined>(undefined);
  const defRef = useRef(def);
  defRef.current = def;
  const [hasClipboard, setHasClipboard] = useState(clipboard !== undefined);
  const canvasRef = useRef<HTMLDivElement>(null);
  const [frame, setFrame] = useState<Frame | undefined>();
  const [menu, setMenu] = useState<CanvasMenu | undefined>();

  // Fit view keeps the cards clear of the toolbar, the controls and the minimap
  // (fit-view.ts); measured again when the canvas or the toolbar changes size.
  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return undefined;
    const update = () =>
      setFrame((previous) => {
        const next = measureFrame(canvas);
        return JSON.stringify(next) === JSON.stringify(previous) ? previous : next;
      });
    update();
    const observer = new ResizeObserver(update);
    observer.observe(canvas);
    const toolbar = canvas.querySelector('.fl-toolbar');
    if (toolbar) observer.observe(toolbar);
    return () => observer.disconnect();
  }, []);
  const fitOptions = useMemo<FitViewOptions>(() => {
    if (!frame) return FALLBACK_FIT;
    const { padding } = fitPadding({
      ...frame,
      ...ZOOM,
      bounds: cardBounds(def, cardSize),
    });
    return { padding, maxZoom: ZOOM.maxZoom };
  }, [frame, def]);
  const fitOptionsRef = useRef(fitOptions);
  fitOptionsRef.current = fitOptions;
  const fitCanvas = useCallback(
    (duration: number) => flow.fitView({ ...fitOptionsRef.current, duration }),
    [flow],
  );

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
  // The selection lives in the canvas's nodes (click, Ctrl/Cmd+click, Shift+drag
  // a box) and survives edits; after a paste the copies are selected instead.
  const nextSelection = useRef<readonly string[] | undefined>(undefined);
  useEffect(() => {
    const wanted = nextSelection.current;
    nextSelection.current = undefined;
    setNodes((previous) => {
      const keep = new Set(wanted ?? previous.filter((n) => n.selected).map((n) => n.id));
      return derived.nodes.map((n) => ({ ...n, selected: keep.has(n.id) }));
    });
  }, [derived.nodes]);
  const selection = useMemo(() => nodes.filter((n) => n.selected).map((n) => n.id), [nodes]);
  const select = useCallback((ids: readonly string[]) => {
    setNodes((ns) => ns.map((n) => ({ ...n, selected: ids.includes(n.id) })));
  }, []);
  // Refit when steps come or go (insert, delete, undo) or a template has just
  // been laid out, once React Flow has measured them.
  const nodeCount = def.graph.nodes.length;
  const placed = def.graph.nodes.every((n) => n.position);
  useEffect(() => {
    const timer = window.setTimeout(() => void fitCanvas(200), 60);
    return () => window.clearTimeout(timer);
  }, [nodeCount, placed, fitCanvas]);
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
    (ids: readonly string[]) => {
      const removable = ids.filter((id) =>
        def.graph.nodes.some((n) => n.id === id && n.type !== 'start'),
      );
      if (removable.length === 0) {
        message.warning(t('designer.flow.cannotDelete'));
        return;
      }
      setDrawerNode(undefined);
      select([]);
      void structural((d) => removeNodes(d, removable));
    },
    [def, message, t, structural, select],
  );

  const copy = useCallback(
    (ids: readonly string[]): FlowFragment | undefined => {
      const fragment = copyNodes(defRef.current, ids);
      if (!fragment) {
        if (ids.length > 0) message.warning(t('designer.flow.cannotCopyStart'));
        return undefined;
      }
      clipboard = { fragment, pastes: 0 };
      setHasClipboard(true);
      message.success(t('designer.flow.copied', { count: fragment.nodes.length }));
      return fragment;
    },
    [message, t],
  );

  /** Adds the fragment as one undo step, moved by `offset` from where it was copied. */
  const pasteCopy = useCallback(
    (fragment: FlowFragment, offset: { x: number; y: number }) => {
      // Worked out here, not inside the state update: the copies' ids are selected next.
      const result = pasteFragment(defRef.current, fragment, randomIds, offset);
      editor.edit(() => result.definition);
      nextSelection.current = result.nodeIds;
      setDrawerNode(undefined);
      setDrawerEdge(undefined);
    },
    [editor],
  );

  /** Ctrl/Cmd+V and the toolbar paste a little further each time; the canvas menu pastes `at` the point clicked. */
  const paste = useCallback(
    (at?: { x: number; y: number }) => {
      if (!clipboard) return;
      if (at) {
        pasteCopy(clipboard.fragment, offsetTo(clipboard.fragment, at));
        return;
      }
      clipboard = { ...clipboard, pastes: clipboard.pastes + 1 };
      const times = clipboard.pastes;
      pasteCopy(clipboard.fragment, { x: PASTE_OFFSET.x * times, y: PASTE_OFFSET.y * times });
    },
    [pasteCopy],
  );

  const duplicate = useCallback(
    (ids: readonly string[]) => {
      const fragment = copyNodes(defRef.current, ids);
      if (!fragment) {
        if (ids.length > 0) message.warning(t('designer.flow.cannotCopyStart'));
        return;
      }
      pasteCopy(fragment, PASTE_OFFSET);
    },
    [message, pasteCopy, t],
  );

  const autoLayout = useCallback(
    () => void structural((d) => d).then(() => fitCanvas(300)),
    [structural, fitCanvas],
  );

  const editNode = useCallback((id: string) => {
    setDrawerEdge(undefined);
    setDrawerNode(id);
  }, []);

  // Ctrl/Cmd+C, V and D while the flow tab is open, unless someone is typing or
  // has selected text to copy (e.g. in the node drawer).
  const shortcuts = useRef({ copy, paste, duplicate, selection, simulating });
  shortcuts.current = { copy, paste, duplicate, selection, simulating };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const action = clipboardShortcut({
        key: event.key,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        shiftKey: event.shiftKey,
        altKey: event.altKey,
        targetIsText: isTextTarget(event.target),
      });
      const current = shortcuts.current;
      if (!action || current.simulating) return;
      if (action !== 'paste' && (window.getSelection()?.toString() ?? '') !== '') return;
      if (action === 'copy') {
        if (current.selection.length === 0) return;
        event.preventDefault();
        current.copy(current.selection);
      } else if (action === 'paste') {
        if (!clipboard) return;
        event.preventDefault();
        current.paste();
      } else {
        event.preventDefault();
        if (current.selection.length > 0) current.duplicate(current.selection);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const actions = useMemo<CanvasActions>(
    () => ({
      insertOnEdge: (edgeId, type) => {
        if (type !== 'end') {
          void structural((d) => insertNodeOnEdge(d, edgeId, type, randomIds));
          return;
        }
        if (!canEndOnEdge(defRef.current, edgeId)) {
          message.warning(t('designer.flow.cannotEndHere'));
          return;
        }
        void structural((d) => endOnEdge(d, edgeId, randomIds));
      },
      canEndOn: (edgeId) => canEndOnEdge(defRef.current, edgeId),
      openEdge: (edgeId) => {
        setDrawerNode(undefined);
        setDrawerEdge(edgeId);
      },
      draggingType: () => dragging.current,
      readOnly: simulating,
    }),
    [structural, simulating, message, t],
  );

  // The right-click menus run the same actions as the toolbar and the shortcuts.
  const openMenu = (event: ReactMouseEvent | MouseEvent, kind: 'node' | 'pane', ids: string[]) => {
    event.preventDefault();
    const box = canvasRef.current?.getBoundingClientRect();
    const x = event.clientX - (box?.left ?? 0);
    const y = event.clientY - (box?.top ?? 0);
    if (kind === 'node' && !simulating) {
      // A step outside the selection becomes the selection; inside it, the menu acts on all of it.
      const inSelection = ids.every((id) => selection.includes(id));
      const targets = ids.length > 1 || !inSelection ? ids : selection;
      if (!inSelection) select(ids);
      setMenu({ kind: 'node', nodeId: ids[0], targets, x, y });
    } else {
      const at = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      setMenu({ kind: 'pane', x, y, at });
    }
  };

  const menuItems = ((): MenuProps['items'] => {
    if (!menu) return [];
    if (menu.kind === 'node') {
      const nodes = def.graph.nodes.filter((n) => menu.targets.includes(n.id));
      const copyable = nodes.some(isCopyable);
      const removable = nodes.some((n) => n.type !== 'start');
      return [
        {
          key: 'edit',
          icon: <EditOutlined />,
          label: t('designer.flow.editNode'),
          disabled: menu.targets.length > 1,
          'data-testid': 'node-menu-edit',
        },
        { type: 'divider' },
        {
          key: 'copy',
          icon: <CopyOutlined />,
          label: t('designer.flow.copy'),
          extra: withModifier('C'),
          disabled: !copyable,
          'data-testid': 'node-menu-copy',
        },
        {
          key: 'duplicate',
          icon: <BlockOutlined />,
          label: t('designer.flow.duplicate'),
          extra: withModifier('D'),
          disabled: !copyable,
          'data-testid': 'node-menu-duplicate',
        },
        { type: 'divider' },
        {
          key: 'delete',
          icon: <DeleteOutlined />,
          label: t('designer.flow.deleteNode'),
          extra: 'Delete',
          danger: removable,
          disabled: !removable,
          'data-testid': 'node-menu-delete',
        },
      ];
    }
    const fit = {
      key: 'fit',
      icon: <ExpandOutlined />,
      label: t('designer.flow.fitView'),
      'data-testid': 'pane-menu-fit',
    };
    // Read-only (the simulator): only what changes the view, not the flow.
    if (simulating) return [fit];
    return [
      {
        key: 'paste',
        icon: <SnippetsOutlined />,
        label: t('designer.flow.pasteHere'),
        extra: withModifier('V'),
        disabled: !hasClipboard,
        'data-testid': 'pane-menu-paste',
      },
      { type: 'divider' },
      {
        key: 'layout',
        icon: <ApartmentOutlined />,
        label: t('designer.flow.autoLayout'),
        'data-testid': 'pane-menu-layout',
      },
      fit,
    ];
  })();

  const onMenuClick: NonNullable<MenuProps['onClick']> = ({ key }) => {
    const current = menu;
    setMenu(undefined);
    if (!current) return;
    if (current.kind === 'node') {
      if (key === 'edit') editNode(current.nodeId);
      else if (key === 'copy') copy(current.targets);
      else if (key === 'duplicate') duplicate(current.targets);
      else if (key === 'delete') remove(current.targets);
      return;
    }
    if (key === 'paste') paste(current.at);
    else if (key === 'layout') autoLayout();
    else if (key === 'fit') void fitCanvas(300);
  };

  useEffect(() => {
    if (!menu) return undefined;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setMenu(undefined);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [menu]);

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
    select([nodeId]);
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
          {PALETTE_TYPES.map((type) => {
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
          ref={canvasRef}
          className="fl-canvas"
          data-testid="flow-canvas"
          tabIndex={-1}
          onKeyDown={(e) => {
            if (
              (e.key === 'Delete' || e.key === 'Backspace') &&
              selection.length > 0 &&
              !simulating &&
              !isTextTarget(e.target)
            ) {
              e.preventDefault();
              remove(selection);
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
            onNodeClick={(event, node) => {
              setDrawerEdge(undefined);
              // Ctrl/Cmd+click adds to the selection (to copy several steps); a plain click opens the step.
              if (event.ctrlKey || event.metaKey) setDrawerNode(undefined);
              else setDrawerNode(node.id);
            }}
            onEdgeClick={(_, edge) => {
              if (edge.data?.choice) actions.openEdge(edge.id);
            }}
            onPaneClick={() => {
              select([]);
              setDrawerNode(undefined);
              setDrawerEdge(undefined);
            }}
            onNodeContextMenu={(event, node) => openMenu(event, 'node', [node.id])}
            onSelectionContextMenu={(event, selected) =>
              openMenu(
                event,
                'node',
                selected.map((n) => n.id),
              )
            }
            onPaneContextMenu={(event) => openMenu(event, 'pane', [])}
            onMoveStart={() => setMenu(undefined)}
            onNodeDragStop={(_, node, dragged) =>
              editor.edit((d) =>
                (dragged.length > 0 ? dragged : [node]).reduce(
                  (acc, n) => updateNode(acc, n.id, { position: { ...n.position } }),
                  d,
                ),
              )
            }
            multiSelectionKeyCode={['Meta', 'Control']}
            onConnect={onConnect}
            isValidConnection={(c) => !connectionProblem(def, c.source, c.target)}
            deleteKeyCode={null}
            nodesDraggable={!simulating}
            nodesConnectable={!simulating}
            fitView
            fitViewOptions={fitOptions}
            minZoom={ZOOM.minZoom}
            maxZoom={1.5}
            proOptions={{ hideAttribution: true }}
          >
            <Background gap={16} color="#e3e6eb" />
            <Controls position="bottom-left" fitViewOptions={fitOptions} />
            <MiniMap
              position="bottom-right"
              pannable
              zoomable
              style={{ width: 160, height: 110 }}
              nodeColor={(n) => APPEARANCE_COLOUR[(n as RFNode).data.appearance] ?? '#999'}
            />
          </ReactFlow>
          <Dropdown
            open={menu !== undefined}
            onOpenChange={(open) => {
              if (!open) setMenu(undefined);
            }}
            trigger={['contextMenu']}
            menu={{ items: menuItems, onClick: onMenuClick }}
            popupRender={(items) => (
              <div data-testid={menu?.kind === 'node' ? 'node-menu' : 'pane-menu'}>{items}</div>
            )}
            destroyOnHidden
          >
            <span
              key={menu ? `${menu.x},${menu.y}` : 'closed'}
              style={{
                position: 'absolute',
                left: menu?.x ?? 0,
                top: menu?.y ?? 0,
                width: 1,
                height: 1,
                pointerEvents: 'none',
              }}
            />
          </Dropdown>
          <div className="fl-toolbar">
            <Space>
              <Tooltip title={t('designer.flow.autoLayout')}>
                <Button icon={<ApartmentOutlined />} onClick={autoLayout}>
                  {t('designer.flow.autoLayout')}
                </Button>
              </Tooltip>
              <Tooltip title={`${t('designer.flow.copy')} (Ctrl+C)`}>
                <Button
                  icon={<CopyOutlined />}
                  disabled={simulating || selection.length === 0}
                  onClick={() => copy(selection)}
                  data-testid="flow-copy"
                >
                  {t('designer.flow.copy')}
                </Button>
              </Tooltip>
              <Tooltip title={`${t('designer.flow.paste')} (Ctrl+V)`}>
                <Button
                  icon={<SnippetsOutlined />}
                  disabled={simulating || !hasClipboard}
                  onClick={() => paste()}
                  data-testid="flow-paste"
                >
                  {t('designer.flow.paste')}
                </Button>
              </Tooltip>
              <Tooltip title={`${t('designer.flow.duplicate')} (Ctrl+D)`}>
                <Button
                  icon={<BlockOutlined />}
                  disabled={simulating || selection.length === 0}
                  onClick={() => duplicate(selection)}
                  data-testid="flow-duplicate"
                >
                  {t('designer.flow.duplicate')}
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
          onDelete={(id) => remove([id])}
          onDuplicate={(id) => duplicate([id])}
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
