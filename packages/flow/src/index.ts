export * from './definition.js';
export { definitionSchema, DEFINITION_LIMITS } from './schema/definition.schema.js';
export * from './validate/index.js';
export * from './engine/index.js';
export * from './duration.js';
export * from './sla.js';
export * from './assignees.js';
