// Pure helpers of the organisation page: the department tree from parentId,
// which parents a department may move under, the PATCH body of a user edit,
// and API errors mapped onto form fields. No React, no DOM.
import type { Department, UpdateUserBody, User } from '@baton/contracts';

export interface DepartmentNode {
  key: string;
  department: Department;
  head: User | null;
  /** People whose departmentId is this department (not counting sub-departments). */
  memberCount: number;
  children: DepartmentNode[];
}

/**
 * Roots are departments without a parent, or whose parent is unknown (so a
 * broken reference never hides a department). Order follows the input.
 */
export function buildDepartmentTree(
  departments: readonly Department[],
  users: readonly User[] = [],
): DepartmentNode[] {
  const byId = new Map(departments.map((d) => [d.id, d]));
  const usersById = new Map(users.map((u) => [u.id, u]));
  const members = new Map<string, number>();
  for (const user of users)
    if (user.departmentId)
      members.set(user.departmentId, (members.get(user.departmentId) ?? 0) + 1);
  const nodes = new Map<string, DepartmentNode>(
    departments.map((d) => [
      d.id,
      {
        key: d.id,
        department: d,
        head: (d.headId && usersById.get(d.headId)) || null,
        memberCount: members.get(d.id) ?? 0,
        children: [],
      },
    ]),
  );
  const roots: DepartmentNode[] = [];
  for (const d of departments) {
    const node = nodes.get(d.id)!;
    const parent = d.parentId && d.parentId !== d.id ? nodes.get(d.parentId) : undefined;
    if (parent && !isAncestor(byId, d.id, d.parentId!)) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** Whether `id` is `of` or one of its ancestors (guards against a cycle in the data). */
function isAncestor(byId: Map<string, Department>, id: string, of: string): boolean {
  let cursor: string | null = of;
  for (let guard = 0; cursor && guard <= byId.size; guard += 1) {
    if (cursor === id) return true;
    cursor = byId.get(cursor)?.parentId ?? null;
  }
  return false;
}

/** The department and everything below it: none of these can become its parent. */
export function selfAndDescendants(departments: readonly Department[], id: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const d of departments)
    if (d.parentId) children.set(d.parentId, [...(children.get(d.parentId) ?? []), d.id]);
  const out = new Set<string>();
  const stack = [id];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (out.has(next)) continue;
    out.add(next);
    stack.push(...(children.get(next) ?? []));
  }
  return out;
}

/** "总经办 / 运营部 / 直播部": where a department sits, for pickers and the users table. */
export function departmentPath(departments: readonly Department[], id: string | null): string {
  if (!id) return '';
  const byId = new Map(departments.map((d) => [d.id, d]));
  const names: string[] = [];
  let cursor: string | null = id;
  const seen = new Set<string>();
  while (cursor && byId.has(cursor) && !seen.has(cursor)) {
    seen.add(cursor);
    const d: Department = byId.get(cursor)!;
    names.unshift(d.name);
    cursor = d.parentId;
  }
  return names.join(' / ');
}

/** The role rule of the API: lower-case letter first, then a-z 0-9 _ -. */
export const ROLE_PATTERN = /^[a-z][a-z0-9_-]*$/;

/** Free-typed role tags: trimmed, de-duplicated, in the order typed. */
export function normaliseRoles(tags: readonly string[]): string[] {
  return [...new Set(tags.map((t) => t.trim()).filter((t) => t.length > 0))];
}

export function invalidRoles(roles: readonly string[]): string[] {
  return roles.filter((r) => !ROLE_PATTERN.test(r) || r.length > 64);
}

export interface UserFormValues {
  displayName: string;
  roles: string[];
  departmentId?: string | null;
  active: boolean;
  /** Empty: keep the current password. */
  password?: string;
}

/** Only what changed, so a PATCH never rewrites fields nobody touched; null if nothing did. */
export function userPatch(original: User, values: UserFormValues): UpdateUserBody | null {
  const patch: UpdateUserBody = {};
  const displayName = values.displayName.trim();
  if (displayName !== original.displayName) patch.displayName = displayName;
  const roles = normaliseRoles(values.roles);
  if (roles.length !== original.roles.length || roles.some((r, i) => r !== original.roles[i]))
    patch.roles = roles;
  const departmentId = values.departmentId ?? null;
  if (departmentId !== original.departmentId) patch.departmentId = departmentId;
  if (values.active !== original.active) patch.active = values.active;
  if (values.password) patch.password = values.password;
  return Object.keys(patch).length > 0 ? patch : null;
}

export interface FieldError<N extends string = string> {
  name: N;
  errors: string[];
}

/**
 * Per-field messages from an API error body: 400 `invalid_request` carries
 * `fields: [{ path, message }]`. Paths such as `roles.0` land on `roles`.
 * Only fields the form has are returned; the rest go to the general message.
 */
export function fieldErrors<N extends string>(
  body: unknown,
  formFields: readonly N[],
): FieldError<N>[] {
  const fields = (body as { fields?: unknown } | null)?.fields;
  if (!Array.isArray(fields)) return [];
  const byName = new Map<N, string[]>();
  for (const item of fields) {
    const path = typeof item?.path === 'string' ? item.path : '';
    const message = typeof item?.message === 'string' ? item.message : '';
    const name = path.split('.')[0] as N;
    if (!formFields.includes(name) || !message) continue;
    byName.set(name, [...(byName.get(name) ?? []), message]);
  }
  return [...byName.entries()].map(([name, errors]) => ({ name, errors }));
}
