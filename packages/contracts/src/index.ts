// @baton/contracts: the JSON the REST API returns and accepts (docs/API.md),
// as types only. apps/api declares its answers with them; apps/web reads them.
export type * from './common.js';
export type * from './identity.js';
export type * from './system.js';
export type * from './processes.js';
export type * from './templates.js';
export type * from './instances.js';
export type * from './tasks.js';
export type * from './notifications.js';
export type * from './files.js';
