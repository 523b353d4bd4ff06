// Who may open a route. The menu hides what a user may not use, but a typed or
// shared URL still arrives: the router asks the same question and shows 403
// instead of mounting a page whose API calls would all fail.

/** The part of a route that access depends on (AppRoute.roles). */
export interface RoleGuarded {
  /** Roles allowed; absent means every signed-in user, an empty list nobody. */
  roles?: readonly string[];
}

export function mayOpen(route: RoleGuarded, userRoles: readonly string[] | undefined): boolean {
  if (route.roles === undefined) return true;
  const held = new Set(userRoles ?? []);
  return route.roles.some((role) => held.has(role));
}
