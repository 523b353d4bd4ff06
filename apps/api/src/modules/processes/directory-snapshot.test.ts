import { describe, expect, it } from '@jest/globals';
import {
  buildDirectorySnapshot,
  type SnapshotDepartment,
  type SnapshotUser,
} from './directory-snapshot.js';

// hq (gm) ─┬─ ops (opsdir) ── live (host)
//          └─ product (no head)
const departments: SnapshotDepartment[] = [
  { id: 'hq', parentId: null, headId: 'gm' },
  { id: 'ops', parentId: 'hq', headId: 'opsdir' },
  { id: 'live', parentId: 'ops', headId: 'host' },
  { id: 'product', parentId: 'hq', headId: null },
];
const user = (
  id: string,
  roles: string[],
  departmentId: string | null,
  active = true,
): SnapshotUser => ({ id, roles, departmentId, active });
const users: SnapshotUser[] = [
  user('admin', ['admin'], null),
  user('gm', ['general_manager'], 'hq'),
  user('opsdir', ['operations_director'], 'ops'),
  user('opsspec', ['operations_specialist', 'finance'], 'ops'),
  user('host', ['live_host'], 'live'),
  user('streamer', ['live_host'], 'live'),
  user('pm', ['product_manager'], 'product'),
  user('gone', ['auditor', 'finance'], 'ops', false),
];
const dir = buildDirectorySnapshot(users, departments);

describe('buildDirectorySnapshot', () => {
  it('knows active users only', () => {
    expect(dir.userExists('pm')).toBe(true);
    expect(dir.userExists('gone')).toBe(false);
    expect(dir.userExists('nobody')).toBe(false);
  });

  it('has a role when an active user holds it, and always has admin and designer', () => {
    expect(dir.roleExists('finance')).toBe(true);
    expect(dir.roleExists('auditor')).toBe(false);
    expect(dir.roleExists('designer')).toBe(true);
    expect(dir.roleExists('admin')).toBe(true);
    expect(dir.roleExists('astronaut')).toBe(false);
  });

  it('lists the active holders of a role, and copies so callers cannot change the snapshot', () => {
    expect(dir.usersWithRole('finance')).toEqual(['opsspec']);
    expect(dir.usersWithRole('live_host')).toEqual(['host', 'streamer']);
    dir.usersWithRole('live_host').push('intruder');
    expect(dir.usersWithRole('live_host')).toEqual(['host', 'streamer']);
    expect(dir.usersWithRole('designer')).toEqual([]);
    expect(dir.admins()).toEqual(['admin']);
  });

  it('knows departments and their heads', () => {
    expect(dir.departmentExists('product')).toBe(true);
    expect(dir.departmentExists('nope')).toBe(false);
    expect(dir.departmentHead('ops')).toBe('opsdir');
    expect(dir.departmentHead('product')).toBeUndefined();
  });

  it('finds the manager as the head of the own department, then up the parent chain', () => {
    expect(dir.managerOf('streamer', 1)).toBe('host');
    expect(dir.managerOf('streamer', 2)).toBe('opsdir');
    expect(dir.managerOf('streamer', 3)).toBe('gm');
    expect(dir.managerOf('streamer', 4)).toBeUndefined();
    expect(dir.managerOf('opsspec', 1)).toBe('opsdir');
  });

  it('skips the user when they head their own department', () => {
    expect(dir.managerOf('host', 1)).toBe('opsdir');
    expect(dir.managerOf('host', 2)).toBe('gm');
    expect(dir.managerOf('opsdir', 1)).toBe('gm');
    expect(dir.managerOf('gm', 1)).toBeUndefined();
  });

  it('answers nobody for a headless department, a user without department, or an unknown user', () => {
    expect(dir.managerOf('pm', 1)).toBeUndefined();
    expect(dir.managerOf('pm', 2)).toBe('gm');
    expect(dir.managerOf('admin', 1)).toBeUndefined();
    expect(dir.managerOf('nobody', 1)).toBeUndefined();
  });

  it('never names a disabled head', () => {
    const d = buildDirectorySnapshot(
      [...users, user('old', [], 'x', false), user('x1', [], 'x')],
      [{ id: 'x', parentId: null, headId: 'old' }],
    );
    expect(d.departmentHead('x')).toBeUndefined();
    expect(d.managerOf('x1', 1)).toBeUndefined();
  });

  it('stops on a parent cycle instead of looping', () => {
    const d = buildDirectorySnapshot(
      [user('a', [], 'c1')],
      [
        { id: 'c1', parentId: 'c2', headId: null },
        { id: 'c2', parentId: 'c1', headId: null },
      ],
    );
    expect(d.managerOf('a', 50)).toBeUndefined();
  });
});
