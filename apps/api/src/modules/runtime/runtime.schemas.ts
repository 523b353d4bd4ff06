// Bodies of the runtime endpoints (ajv; also shown in OpenAPI).
export const startInstanceSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { data: { type: 'object' } },
} as const;

export const taskActionSchema = {
  type: 'object',
  required: ['action'],
  additionalProperties: false,
  properties: {
    action: {
      type: 'string',
      enum: ['approve', 'reject', 'submit', 'return', 'transfer', 'addSigner', 'comment'],
    },
    comment: { type: 'string', maxLength: 4000 },
    data: { type: 'object' },
    to: {
      anyOf: [
        { type: 'string', minLength: 1, maxLength: 100 },
        {
          type: 'array',
          minItems: 1,
          maxItems: 20,
          items: { type: 'string', minLength: 1, maxLength: 100 },
        },
      ],
    },
    position: { type: 'string', enum: ['before', 'after'] },
  },
} as const;

export const commentSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { comment: { type: 'string', maxLength: 4000 } },
} as const;
