// Request bodies of the template endpoints (checked with ajv, shown in OpenAPI);
// their types are InstallBody and PublishTemplateBody of @baton/contracts.
const KEY = { type: 'string', pattern: '^[a-z][a-z0-9-]{1,62}$' } as const;

export const installSchema = {
  type: 'object',
  properties: {
    key: { ...KEY, description: 'The new process key; defaults to the template key.' },
    publish: { type: 'boolean', description: 'Publish at once (default: save as a draft).' },
  },
  additionalProperties: false,
} as const;

export const publishTemplateSchema = {
  type: 'object',
  required: ['processKey'],
  properties: {
    processKey: { ...KEY, description: 'A process with a published version.' },
    templateKey: {
      ...KEY,
      description: 'Defaults to the process key; an existing admin template gets a new version.',
    },
    name: { type: 'string', minLength: 1, maxLength: 200 },
    description: { type: 'string', maxLength: 2000 },
    category: { type: 'string', maxLength: 200 },
    icon: { type: 'string', pattern: '^[a-z0-9-]{1,64}$' },
  },
  additionalProperties: false,
} as const;
