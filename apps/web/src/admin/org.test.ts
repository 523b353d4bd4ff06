import { describe, expect, it } from '@jest/globals';
import type { Department, User } from '@baton/contracts';
import {
  buildDepartmentTree,
  departmentPath,
  fieldErrors,
  invalidRoles,
  normaliseRoles,
  selfAndDescendants,
  userPatch,
  type DepartmentNode,
} from './org';

const dept = (
  id: string,
  name: string,
  parentId: string | null = null,
  headId: string | null = null,
): Department => ({
  id,
  name,
  parentId,
  headId,
  createdAt: '2026-01-05T08:00:00.000Z',
  updatedAt: '2026-01-05T08:00:00.000Z',
});

const user = (id: string, departmentId: string | null = null, extra: Partial<User> = {}): User => ({
  id,
  username: id,
  displayName: id.toUpperCase(),
  roles: [],
  departmentId,
  active: true,
  ...extra,
});

const shape = (nodes: DepartmentNode[]): unknown =>
  nodes.map((n) => (n.children.length ? { [n.key]: shape(n.children) } : n.key));

describe('buildDepartmentTree', () => {
  const departments = [
    dept('hq', '总经办', null, 'gm'),
    dept('ops', '运营部', 'hq', 'opsdir'),
    dept('live', '直播部', 'ops'),
    dept('fin', '财务部', 'hq'),
  ];

  it('nests departments under their parents, in input order', () => {
    expect(shape(buildDepartmentTree(departments))).toEqual([{ hq: [{ ops: ['live'] }, 'fin'] }]);
  });

  it('shows the head and counts direct members', () => {
    const [hq] = buildDepartmentTree(departments, [
      user('gm', 'hq'),
      user('opsdir', 'ops'),
      user('a', 'ops'),
      user('b', null),
    ]);
    expect(hq.head?.displayName).toBe('GM');
    expect(hq.memberCount).toBe(1);
    expect(hq.children[0].head?.id).toBe('opsdir');
    expect(hq.children[0].memberCount).toBe(2);
    expect(hq.children[1].head).toBeNull();
  });

  it('keeps departments with an unknown parent, or in a cycle, visible as roots', () => {
    const tree = buildDepartmentTree([
      dept('a', 'A', 'missing'),
      dept('b', 'B', 'c'),
      dept('c', 'C', 'b'),
      dept('d', 'D', 'd'),
    ]);
    const all: string[] = [];
    const walk = (nodes: DepartmentNode[]) =>
      nodes.forEach((n) => (all.push(n.key), walk(n.children)));
    walk(tree);
    expect(all.sort()).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('moving and naming departments', () => {
  const departments = [
    dept('hq', '总经办'),
    dept('ops', '运营部', 'hq'),
    dept('live', '直播部', 'ops'),
    dept('fin', '财务部', 'hq'),
  ];

  it('a department cannot move under itself or its sub-departments', () => {
    expect([...selfAndDescendants(departments, 'ops')].sort()).toEqual(['live', 'ops']);
    expect([...selfAndDescendants(departments, 'fin')]).toEqual(['fin']);
  });

  it('spells out where a department sits', () => {
    expect(departmentPath(departments, 'live')).toBe('总经办 / 运营部 / 直播部');
    expect(departmentPath(departments, null)).toBe('');
    expect(departmentPath(departments, 'gone')).toBe('');
  });
});

describe('roles', () => {
  it('trims and de-duplicates typed tags', () => {
    expect(normaliseRoles([' finance', 'finance', '', 'hr '])).toEqual(['finance', 'hr']);
  });

  it('names tags the API would refuse', () => {
    expect(invalidRoles(['finance', 'Finance', '财务', 'cs_lead', '1x'])).toEqual([
      'Finance',
      '财务',
      '1x',
    ]);
  });
});

describe('userPatch', () => {
  const original = user('u1', 'ops', { displayName: '王五', roles: ['finance'] });
  const same = { displayName: '王五', roles: ['finance'], departmentId: 'ops', active: true };

  it('is null when nothing changed', () => {
    expect(userPatch(original, same)).toBeNull();
    expect(userPatch(original, { ...same, displayName: ' 王五 ', password: '' })).toBeNull();
  });

  it('sends only the changed fields', () => {
    expect(
      userPatch(original, {
        ...same,
        roles: ['finance', 'hr'],
        departmentId: undefined,
        active: false,
      }),
    ).toEqual({ roles: ['finance', 'hr'], departmentId: null, active: false });
    expect(userPatch(original, { ...same, password: 'new-secret-1' })).toEqual({
      password: 'new-secret-1',
    });
  });
});

describe('fieldErrors', () => {
  it('puts the API’s field messages on the form fields it has', () => {
    const body = {
      error: 'invalid_request',
      fields: [
        { path: 'password', message: 'must NOT have fewer than 8 characters' },
        { path: 'roles.1', message: 'must match pattern' },
        { path: 'whatever', message: 'is not a known field' },
        { path: 'password', message: 'second' },
      ],
    };
    expect(fieldErrors(body, ['username', 'password', 'roles'])).toEqual([
      { name: 'password', errors: ['must NOT have fewer than 8 characters', 'second'] },
      { name: 'roles', errors: ['must match pattern'] },
    ]);
  });

  it('is empty for bodies without fields', () => {
    expect(fieldErrors({ error: 'username_taken' }, ['username'])).toEqual([]);
    expect(fieldErrors(null, ['username'])).toEqual([]);
  });
});
