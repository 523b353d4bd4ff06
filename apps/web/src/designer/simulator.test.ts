import { describe, expect, test } from '@jest/globals';
import { validateDefinition } from '@baton/flow';
import { insertNodeOnEdge, newDefinition, updateEdge, updateNode } from './model';
import { createField } from './form-model';
import { withFields } from './form-model';
import {
  directoryOf,
  directorySnapshot,
  openTasks,
  rolesOf,
  sampleData,
  simulate,
  statusesOf,
} from './simulator';

const users = [
  { id: 'u_admin', username: 'admin', displayName: 'Admin', roles: ['admin'] },
  { id: 'u_fin', username: 'fin', displayName: '财务', roles: ['finance'], departmentId: 'd1' },
  {
    id: 'u_boss',
    username: 'boss',
    displayName: '老板',
    roles: ['finance', 'gm'],
    departmentId: 'd1',
  },
];
const departments = [{ id: 'd1', name: '财务部', headId: 'u_boss', parentId: null }];

function refund() {
  let counter = 0;
  const ids = (p: string) => `${p}_${++counter}`;
  let def = newDefinition('refund', '退款');
  def = withFields(def, [createField('money', [], 'zh-CN')]);
  def = updateNode(def, 'approval', {
    assignees: [{ kind: 'role', role: 'finance' }],
    mode: 'all',
  });
  def = insertNodeOnEdge(def, 'e2', 'branch', ids);
  const first = def.graph.edges.find((e) => e.source === 'branch_1' && !e.default)!;
  def = updateEdge(def, first.id, { condition: { '>=': [{ var: 'amount' }, 500] } });
  return def;
}

describe('simulator', () => {
  const snapshot = directorySnapshot(users, departments);

  test('the directory knows roles, heads and admins', () => {
    const dir = directoryOf(snapshot);
    expect(dir.usersWithRole('finance')).toEqual(['u_fin', 'u_boss']);
    expect(dir.managerOf('u_fin', 1)).toBe('u_boss');
    expect(dir.admins()).toEqual(['u_admin']);
    expect(rolesOf(users)).toEqual(['admin', 'finance', 'gm']);
  });

  test('a definition the designer builds validates against it', () => {
    expect(validateDefinition(refund(), directoryOf(snapshot))).toEqual([]);
  });

  test('start, then finance rejects: the instance ends rejected', () => {
    const def = refund();
    const data = sampleData([createField('money', [], 'zh-CN')], 'u_admin');
    expect(data).toEqual({ amount: 1000 });
    const started = simulate(def, snapshot, 'u_admin', [{ kind: 'start', data }]);
    expect(started.error).toBeUndefined();
    const tasks = openTasks(started.state);
    expect(tasks.map((t) => t.assigneeId).sort()).toEqual(['u_boss', 'u_fin']);
    expect(statusesOf(def, started.state)).toMatchObject({
      start: 'done',
      approval: 'active',
      end: 'pending',
    });

    const rejected = simulate(def, snapshot, 'u_admin', [
      { kind: 'start', data },
      { kind: 'act', taskId: tasks[0].id, action: 'reject' },
    ]);
    expect(rejected.state.status).toBe('rejected');
    expect(openTasks(rejected.state)).toEqual([]);

    const approved = simulate(def, snapshot, 'u_admin', [
      { kind: 'start', data },
      { kind: 'act', taskId: tasks[0].id, action: 'approve' },
      { kind: 'act', taskId: tasks[1].id, action: 'approve' },
    ]);
    expect(approved.state.status).toBe('completed');
    const statuses = statusesOf(def, approved.state);
    expect(statuses.approval).toBe('done');
    expect(statuses.branch_1).toBe('done');
    expect(statuses.end).toBe('done');
  });

  test('a refused step is reported, not thrown', () => {
    const sim = simulate(refund(), snapshot, 'u_admin', [
      { kind: 'act', taskId: 'nope', action: 'approve' },
    ]);
    expect(sim.error).toBe('no_task');
  });
});
