// A Directory (packages/flow) answered from one in-memory snapshot of the
// organisation, so validation and assignee resolution are pure and see one
// consistent picture even while an admin edits users.
import type { Directory } from '@baton/flow';
import { ROLE_ADMIN, ROLE_DESIGNER } from '../../platform/auth/auth.types.js';

export interface SnapshotUser {
  id: string;
  roles: string[];
  departmentId: string | null;
  active: boolean;
}

export interface SnapshotDepartment {
  id: string;
  parentId: string | null;
  headId: string | null;
}

/** Roles that exist without anyone holding them: the platform's own. */
const BUILT_IN_ROLES = [ROLE_ADMIN, ROLE_DESIGNER];

/**
 * Only active users count: a disabled user is never an assignee, and a role
 * held only by disabled users does not exist. Departments exist whatever
 * their members.
 */
export function buildDirectorySnapshot(
  users: readonly SnapshotUser[],
  departments: readonly SnapshotDepartment[],
): Directory {
  const active = new Map<string, SnapshotUser>();
  const byRole = new Map<string, string[]>();
  for (const user of users) {
    if (!user.active) continue;
    active.set(user.id, user);
    for (const role of new Set(user.roles)) {
      const holders = byRole.get(role) ?? [];
      holders.push(user.id);
      byRole.set(role, holders);
    }
  }
  const depts = new Map(departments.map((d) => [d.id, d]));
  const activeHead = (dept: SnapshotDepartment | undefined) =>
    dept?.headId && active.has(dept.headId) ? dept.headId : undefined;

  return {
    userExists: (id) => active.has(id),
    roleExists: (role) => BUILT_IN_ROLES.includes(role) || byRole.has(role),
    departmentExists: (id) => depts.has(id),
    usersWithRole: (role) => [...(byRole.get(role) ?? [])],
    departmentHead: (id) => activeHead(depts.get(id)),
    admins: () => [...(byRole.get(ROLE_ADMIN) ?? [])],
    managerOf(userId, level) {
      const user = active.get(userId);
      let dept = user?.departmentId ? depts.get(user.departmentId) : undefined;
      // A head's own manager is the head of the department above.
      if (dept && dept.headId === userId)
        dept = dept.parentId ? depts.get(dept.parentId) : undefined;
      const seen = new Set<string>();
      for (let step = 1; dept && step < Math.max(1, Math.floor(level)); step++) {
        // A parent cycle cannot be created through the API; stop anyway rather than loop.
        if (seen.has(dept.id)) return undefined;
        seen.add(dept.id);
        dept = dept.parentId ? depts.get(dept.parentId) : undefined;
      }
      // A department without a (active) head at that level answers nobody:
      // the node's emptyAssignees policy decides what happens then.
      const head = activeHead(dept);
      return head === userId ? undefined : head;
    },
  };
}
