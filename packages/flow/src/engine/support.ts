// Helpers for tests, the bench and embedders: an in-memory directory built
// from a snapshot, and deterministic id and clock sources for a ctx.
import type { Directory } from '../definition.js';

export interface DirectorySnapshot {
  users: Array<{ id: string; roles?: string[]; departmentId?: string }>;
  departments?: Array<{ id: string; headId?: string; parentId?: string }>;
  admins?: string[];
}

export function memoryDirectory(snapshot: DirectorySnapshot): Directory {
  const users = new Map(snapshot.users.map((u) => [u.id, u]));
  const departments = new Map((snapshot.departments ?? []).map((d) => [d.id, d]));
  return {
    userExists: (id) => users.has(id),
    roleExists: (role) => snapshot.users.some((u) => u.roles?.includes(role)),
    departmentExists: (id) => departments.has(id),
    usersWithRole: (role) => snapshot.users.filter((u) => u.roles?.includes(role)).map((u) => u.id),
    managerOf(userId, level) {
      let dept = departments.get(users.get(userId)?.departmentId ?? '');
      // A head's own manager is the head of the department above.
      if (dept?.headId === userId) dept = departments.get(dept.parentId ?? '');
      for (let i = 1; i < level && dept; i++) dept = departments.get(dept.parentId ?? '');
      return dept?.headId;
    },
    departmentHead: (id) => departments.get(id)?.headId,
    admins: () => [...(snapshot.admins ?? [])],
  };
}

/** Ids "<prefix>_1", "<prefix>_2", ... from one counter. */
export function sequentialIds(): (prefix: string) => string {
  let n = 0;
  return (prefix) => `${prefix}_${++n}`;
}
