// Shared fixtures for the model's tests (not a test file itself).
import { compileForm, type FormField } from '@baton/forms';
import type { ProcessDefinition } from '@baton/flow';

export const FIELDS: FormField[] = [
  { key: 'amount', type: 'money', label: '金额', required: true },
  {
    key: 'platform',
    type: 'select',
    label: '平台',
    options: [
      { value: 'douyin', label: '抖音' },
      { value: 'kuaishou', label: '快手' },
      { value: 'taobao', label: '淘宝' },
    ],
  },
  { key: 'title', type: 'text', label: '标题' },
  { key: 'urgent', type: 'checkbox', label: '加急' },
  { key: 'liveDate', type: 'date', label: '上线日期' },
  { key: 'owner', type: 'user', label: '负责人' },
  {
    key: 'tags',
    type: 'multi-select',
    label: '标签',
    options: [
      { value: 'a', label: 'A 类' },
      { value: 'b', label: 'B 类' },
    ],
  },
];

export const AMOUNT_OVER_500 = { '>=': [{ var: 'amount' }, 500] };

/**
 * start → mgr → route (金额 ≥ 500 → big; 其他情况 → notify) → merge → wait → end.
 * Problem-free under validateDefinition.
 */
export function sampleProcess(): ProcessDefinition {
  const form = compileForm(FIELDS);
  return {
    key: 'refund',
    name: '退款审批',
    form: { schema: form.schema, uiSchema: form.uiSchema },
    graph: {
      nodes: [
        { id: 'start', type: 'start', position: { x: 0, y: 0 } },
        {
          id: 'mgr',
          type: 'approval',
          name: '主管审批',
          assignees: [{ kind: 'manager', level: 1 }],
        },
        { id: 'route', type: 'branch', name: '金额' },
        {
          id: 'big',
          type: 'approval',
          name: '总监审批',
          assignees: [{ kind: 'role', role: 'director' }],
          mode: 'all',
        },
        { id: 'notify', type: 'cc', recipients: [{ kind: 'role', role: 'finance' }] },
        { id: 'merge', type: 'join' },
        { id: 'wait', type: 'timer', delay: 'P3D' },
        { id: 'end', type: 'end', outcome: 'approved' },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'mgr' },
        { id: 'e2', source: 'mgr', target: 'route' },
        { id: 'e3', source: 'route', target: 'big', condition: AMOUNT_OVER_500 },
        { id: 'e4', source: 'route', target: 'notify', default: true },
        { id: 'e5', source: 'big', target: 'merge' },
        { id: 'e6', source: 'notify', target: 'merge' },
        { id: 'e7', source: 'merge', target: 'wait' },
        { id: 'e8', source: 'wait', target: 'end' },
      ],
    },
  };
}

/** Deterministic ids: `approval_1`, `e_2`, ... */
export function counter(): (prefix: string) => string {
  let n = 0;
  return (prefix) => `${prefix}_${++n}`;
}

/** The definition without designer positions, for comparisons "up to positions". */
export function withoutPositions(def: ProcessDefinition): ProcessDefinition {
  return {
    ...def,
    graph: {
      ...def.graph,
      nodes: def.graph.nodes.map(({ position: _position, ...rest }) => rest),
    },
  };
}

/** Frozen all the way down: any mutation by an edit throws (ES modules are strict). */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
