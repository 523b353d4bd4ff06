// Builders for validation tests. Not a test file itself (no tests inside);
// excluded from the build by tsconfig.build.json.
import type { Directory, FlowEdge, FlowNode, Problem, ProcessDefinition } from '../definition.js';

export const FORM = {
  type: 'object',
  required: ['amount'],
  properties: {
    amount: { type: 'number', title: '金额' },
    reason: { type: 'string' },
    liveDate: { type: 'string', format: 'date' },
    owner: { type: 'string' },
    address: { type: 'object', properties: { city: { type: 'string' } } },
    extra: { type: 'object' },
    items: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' } } } },
  },
} as const;

export const n = {
  start: (id = 'start', extra: Partial<FlowNode> = {}) =>
    ({ id, type: 'start', ...extra }) as FlowNode,
  end: (id = 'end', extra: Partial<FlowNode> = {}) => ({ id, type: 'end', ...extra }) as FlowNode,
  approval: (id: string, extra: Record<string, unknown> = {}) =>
    ({
      id,
      type: 'approval',
      name: `审批 ${id}`,
      assignees: [{ kind: 'role', role: 'finance' }],
      ...extra,
    }) as FlowNode,
  task: (id: string, extra: Record<string, unknown> = {}) =>
    ({ id, type: 'task', assignees: [{ kind: 'initiator' }], ...extra }) as FlowNode,
  of: (type: string, id: string, extra: Record<string, unknown> = {}) =>
    ({ id, type, ...extra }) as FlowNode,
};

export function e(
  id: string,
  source: string,
  target: string,
  extra: Partial<FlowEdge> = {},
): FlowEdge {
  return { id, source, target, ...extra };
}

/** Edges a→b→c… named e1, e2, … unless a prefix is given. */
export function chain(ids: string[], prefix = 'e'): FlowEdge[] {
  return ids.slice(1).map((target, i) => e(`${prefix}${i + 1}`, ids[i], target));
}

export function def(
  nodes: FlowNode[],
  edges: FlowEdge[],
  extra: Partial<ProcessDefinition> = {},
): ProcessDefinition {
  return {
    key: 'test-process',
    name: '测试 Test',
    form: { schema: { ...FORM } as Record<string, unknown> },
    graph: { nodes, edges },
    ...extra,
  };
}

/** start → a → end, the smallest sound definition with a person in it. */
export function simple(extra: Record<string, unknown> = {}): ProcessDefinition {
  return def([n.start(), n.approval('a', extra), n.end()], chain(['start', 'a', 'end']));
}

export const AMOUNT_OVER_500 = { '>=': [{ var: 'amount' }, 500] };

export function directory(
  known: { roles?: string[]; users?: string[]; departments?: string[] } = {},
): Directory {
  const roles = new Set(known.roles ?? ['finance', 'hr']);
  const users = new Set(known.users ?? ['u1', 'u2']);
  const departments = new Set(known.departments ?? ['d_ops']);
  return {
    userExists: (id) => users.has(id),
    roleExists: (role) => roles.has(role),
    departmentExists: (id) => departments.has(id),
    usersWithRole: () => [...users],
    managerOf: () => 'u1',
    departmentHead: () => 'u1',
    admins: () => ['u1'],
  };
}

export const codes = (problems: Problem[]) => problems.map((p) => p.code);

/** Every node type and most optional fields, all valid. */
export function everyNodeType(): ProcessDefinition {
  return def(
    [
      n.start('start', { name: '提交 Submit', fieldPermissions: { amount: 'required' } }),
      n.of('cc', 'cc', { recipients: [{ kind: 'manager', level: 1 }] }),
      n.of('branch', 'route', { name: '金额 Amount' }),
      n.approval('big', {
        mode: 'vote',
        passRatio: 0.5,
        onReject: { action: 'return', to: 'start' },
        sla: {
          due: 'P1D',
          remindBefore: ['PT4H'],
          onOverdue: { action: 'escalate', to: { kind: 'role', role: 'hr' } },
        },
        fieldPermissions: { reason: 'read', 'address.city': 'edit' },
        emptyAssignees: 'toAdmin',
      }),
      n.approval('small', {
        mode: 'sequential',
        assignees: [
          { kind: 'user', ids: ['u1'] },
          { kind: 'departmentHead', departmentId: 'd_ops' },
          { kind: 'field', field: 'owner' },
        ],
        onReject: { action: 'return', to: 'initiator' },
      }),
      n.of('parallel', 'fork'),
      n.task('t1', { mode: 'all', sla: { due: { field: 'liveDate', offset: '-P3D' } } }),
      n.of('timer', 'wait', { until: { field: 'liveDate', offset: '-P1D' } }),
      n.of('inclusive', 'incl'),
      n.of('automation', 'hook', {
        action: {
          kind: 'webhook',
          url: 'https://example.com/hook',
          method: 'POST',
          body: { var: 'reason' },
        },
      }),
      n.of('timer', 'pause', { delay: 'PT30M' }),
      n.of('join', 'inclJoin'),
      n.of('join', 'forkJoin'),
      n.of('automation', 'set', {
        action: { kind: 'setFields', values: { reason: { cat: ['ok ', { var: 'amount' }] } } },
      }),
      n.of('automation', 'spawn', {
        action: { kind: 'startProcess', key: 'other-process', data: { amount: { var: 'amount' } } },
      }),
      n.end('end', { outcome: 'approved' }),
    ],
    [
      ...chain(['start', 'cc', 'route']),
      e('r1', 'route', 'big', { condition: AMOUNT_OVER_500, label: '≥ 500' }),
      e('r2', 'route', 'small', { default: true }),
      e('b1', 'big', 'fork'),
      e('s1', 'small', 'fork'),
      e('f1', 'fork', 't1'),
      e('f2', 'fork', 'wait'),
      e('t1j', 't1', 'forkJoin'),
      e('w1', 'wait', 'incl'),
      e('i1', 'incl', 'hook', {
        condition: { some: [{ var: 'items' }, { '==': [{ var: 'sku' }, 'x'] }] },
      }),
      e('i2', 'incl', 'pause', { default: true }),
      e('h1', 'hook', 'inclJoin'),
      e('p1', 'pause', 'inclJoin'),
      e('ij', 'inclJoin', 'forkJoin'),
      e('fj', 'forkJoin', 'set'),
      ...chain(['set', 'spawn', 'end'], 'z'),
    ],
    {
      description: '说明',
      category: '电商运营',
      settings: { allowWithdraw: true, starters: [{ kind: 'role', role: 'finance' }] },
    },
  );
}
