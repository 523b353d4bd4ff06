// Role keys as people say them: "finance" is 财务 / Finance. Unknown roles (an
// installation's own) show their key, so a tag never goes blank.
import type { TFunction } from 'i18next';

/** Roles with a translation under `admin.role.*`: the platform's and the built-in templates'. */
export const KNOWN_ROLES = [
  'admin',
  'designer',
  'general_manager',
  'product_manager',
  'operations_director',
  'operations_specialist',
  'graphic_designer',
  'design_lead',
  'warehouse',
  'customer_service',
  'cs_lead',
  'finance',
  'hr',
  'live_host',
] as const;

const known = new Set<string>(KNOWN_ROLES);

export function roleLabel(role: string, t: TFunction): string {
  return known.has(role) ? t(`admin.role.${role}`) : role;
}

/** Role options for pickers: the known roles plus every role in use, sorted known-first. */
export function roleOptions(inUse: readonly string[]): string[] {
  const extra = [...new Set(inUse)].filter((r) => !known.has(r)).sort();
  return [...KNOWN_ROLES, ...extra];
}
