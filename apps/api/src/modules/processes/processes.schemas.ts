// OpenAPI shapes of the process endpoints. The full JSON Schema of a
// definition (with internal $refs) is served by GET /api/processes/schema;
// embedding it here would leave dangling refs in the OpenAPI document.
import { DEFINITION_LIMITS } from '@baton/flow';

export const definitionBodySchema = {
  type: 'object',
  description:
    'A process definition (docs/FLOW-DSL.md). Full JSON Schema: GET /api/processes/schema.',
  required: ['key', 'name'],
  properties: {
    key: { type: 'string', pattern: '^[a-z][a-z0-9-]{1,62}$' },
    name: { type: 'string', minLength: 1, maxLength: DEFINITION_LIMITS.maxNameLength },
    description: { type: 'string' },
    category: { type: 'string' },
    form: {
      type: 'object',
      properties: { schema: { type: 'object' }, uiSchema: { type: 'object' } },
    },
    graph: {
      type: 'object',
      properties: {
        nodes: { type: 'array', items: { type: 'object' } },
        edges: { type: 'array', items: { type: 'object' } },
      },
    },
    settings: { type: 'object' },
  },
  additionalProperties: true,
} as const;

export const publishedSchema = {
  type: 'object',
  required: ['key', 'version'],
  properties: { key: { type: 'string' }, version: { type: 'integer' } },
} as const;
