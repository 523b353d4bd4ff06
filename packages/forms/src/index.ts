export type { FieldPermission } from './permissions-types.js';
