// JSON Schema (draft-07) of a process definition (FLOW-DSL.md v1), served by
// the API and used by validateDefinition for the structural pass. The limits
// are here so that hostile input (10,000 nodes, megabyte strings) is refused
// by the schema with a clear path instead of slowing down later passes.
//
// Deliberately loose where a later pass gives a better message: durations
// are plain bounded strings (checked as `invalid_duration`), JsonLogic is any
// JSON (checked as `invalid_condition`), assignee lists may be empty
// (`no_assignees`), passRatio is any number (`invalid_pass_ratio`).
//
// `discriminator` is an OpenAPI keyword that ajv understands; other draft-07
// tools ignore it and still get the same `oneOf`.

export const DEFINITION_LIMITS = {
  maxNodes: 2000,
  maxEdges: 4000,
  maxIdLength: 64,
  maxNameLength: 200,
  maxDescriptionLength: 2000,
  maxLabelLength: 200,
  maxUrlLength: 2048,
  maxRules: 50,
  maxFieldPermissions: 500,
  maxDurationLength: 64,
  maxFieldPathLength: 200,
  maxHeaders: 50,
  maxHeaderValueLength: 2000,
  maxManagerLevel: 20,
} as const;

const L = DEFINITION_LIMITS;

const id = { type: 'string', minLength: 1, maxLength: L.maxIdLength } as const;
const name = { type: 'string', maxLength: L.maxNameLength } as const;
const fieldPath = { type: 'string', minLength: 1, maxLength: L.maxFieldPathLength } as const;
const duration = { type: 'string', minLength: 1, maxLength: L.maxDurationLength } as const;
const processKey = { type: 'string', pattern: '^[a-z][a-z0-9-]{1,62}$' } as const;
/** Any JSON value: JsonLogic is checked by its own pass. */
const jsonLogic = {} as const;
const ref = (name: string) => ({ $ref: `#/definitions/${name}` }) as const;
/** `x-...` properties are free for tools (designer hints, importers). */
const extensions = { '^x-': {} } as const;

const nodeBaseProperties = {
  id,
  name,
  position: {
    type: 'object',
    required: ['x', 'y'],
    properties: { x: { type: 'number' }, y: { type: 'number' } },
    additionalProperties: false,
  },
  stage: name,
} as const;

function nodeSchema(type: string, own: Record<string, unknown>, required: string[] = []) {
  return {
    type: 'object',
    required: ['id', 'type', ...required],
    properties: { ...nodeBaseProperties, type: { const: type }, ...own },
    patternProperties: extensions,
    additionalProperties: false,
  } as const;
}

const peopleNodeProperties = {
  assignees: ref('assigneeRules'),
  fieldPermissions: ref('fieldPermissions'),
  sla: ref('sla'),
  emptyAssignees: { enum: ['autoApprove', 'toAdmin', 'fail'] },
} as const;

export const definitionSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://baton.dev/schemas/process-definition.v1.json',
  title: 'Baton process definition (v1)',
  type: 'object',
  required: ['key', 'name', 'form', 'graph'],
  properties: {
    key: processKey,
    name: { ...name, minLength: 1 },
    description: { type: 'string', maxLength: L.maxDescriptionLength },
    category: name,
    form: {
      type: 'object',
      required: ['schema'],
      properties: {
        // The form schema is itself JSON Schema; its shape is checked by its own pass.
        schema: { type: 'object' },
        uiSchema: { type: 'object' },
      },
      additionalProperties: false,
    },
    graph: {
      type: 'object',
      required: ['nodes', 'edges'],
      properties: {
        nodes: { type: 'array', maxItems: L.maxNodes, items: ref('node') },
        edges: { type: 'array', maxItems: L.maxEdges, items: ref('edge') },
      },
      additionalProperties: false,
    },
    settings: {
      type: 'object',
      properties: {
        allowWithdraw: { type: 'boolean' },
        dedupeApprovers: { type: 'boolean' },
        forbidSelfApproval: { type: 'boolean' },
        starters: ref('assigneeRules'),
      },
      additionalProperties: false,
    },
  },
  patternProperties: extensions,
  additionalProperties: false,
  definitions: {
    assigneeRule: {
      type: 'object',
      required: ['kind'],
      properties: { kind: { type: 'string' } },
      discriminator: { propertyName: 'kind' },
      oneOf: [
        {
          type: 'object',
          required: ['kind', 'ids'],
          properties: {
            kind: { const: 'user' },
            ids: { type: 'array', maxItems: L.maxRules, items: id },
          },
          additionalProperties: false,
        },
        {
          type: 'object',
          required: ['kind', 'role'],
          properties: { kind: { const: 'role' }, role: id },
          additionalProperties: false,
        },
        {
          type: 'object',
          required: ['kind'],
          properties: { kind: { const: 'initiator' } },
          additionalProperties: false,
        },
        {
          type: 'object',
          required: ['kind'],
          properties: {
            kind: { const: 'manager' },
            level: { type: 'integer', minimum: 1, maximum: L.maxManagerLevel },
          },
          additionalProperties: false,
        },
        {
          type: 'object',
          required: ['kind', 'field'],
          properties: { kind: { const: 'field' }, field: fieldPath },
          additionalProperties: false,
        },
        {
          type: 'object',
          required: ['kind', 'departmentId'],
          properties: { kind: { const: 'departmentHead' }, departmentId: id },
          additionalProperties: false,
        },
      ],
    },
    assigneeRules: { type: 'array', maxItems: L.maxRules, items: ref('assigneeRule') },
    fieldPermissions: {
      type: 'object',
      maxProperties: L.maxFieldPermissions,
      propertyNames: { maxLength: L.maxFieldPathLength },
      additionalProperties: { enum: ['hidden', 'read', 'edit', 'required'] },
    },
    fieldTime: {
      type: 'object',
      required: ['field'],
      properties: { field: fieldPath, offset: duration },
      additionalProperties: false,
    },
    sla: {
      type: 'object',
      required: ['due'],
      properties: {
        due: { anyOf: [duration, ref('fieldTime')] },
        remindBefore: { type: 'array', maxItems: 10, items: duration },
        onOverdue: {
          type: 'object',
          required: ['action'],
          properties: {
            action: { enum: ['remind', 'escalate', 'autoApprove', 'autoReject'] },
            to: ref('assigneeRule'),
          },
          additionalProperties: false,
        },
      },
      additionalProperties: false,
    },
    onReject: {
      type: 'object',
      required: ['action'],
      properties: { action: { type: 'string' } },
      discriminator: { propertyName: 'action' },
      oneOf: [
        {
          type: 'object',
          required: ['action'],
          properties: { action: { const: 'end' } },
          additionalProperties: false,
        },
        {
          type: 'object',
          required: ['action', 'to'],
          properties: { action: { const: 'return' }, to: id },
          additionalProperties: false,
        },
      ],
    },
    automationAction: {
      type: 'object',
      required: ['kind'],
      properties: { kind: { type: 'string' } },
      discriminator: { propertyName: 'kind' },
      oneOf: [
        {
          type: 'object',
          required: ['kind', 'values'],
          properties: {
            kind: { const: 'setFields' },
            values: {
              type: 'object',
              maxProperties: L.maxFieldPermissions,
              propertyNames: { maxLength: L.maxFieldPathLength },
              additionalProperties: jsonLogic,
            },
          },
          additionalProperties: false,
        },
        {
          type: 'object',
          required: ['kind', 'url'],
          properties: {
            kind: { const: 'webhook' },
            url: { type: 'string', maxLength: L.maxUrlLength, pattern: '^https?://[^\\s]+$' },
            method: { enum: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] },
            headers: {
              type: 'object',
              maxProperties: L.maxHeaders,
              propertyNames: { maxLength: L.maxNameLength },
              additionalProperties: { type: 'string', maxLength: L.maxHeaderValueLength },
            },
            body: jsonLogic,
          },
          additionalProperties: false,
        },
        {
          type: 'object',
          required: ['kind', 'key'],
          properties: {
            kind: { const: 'startProcess' },
            key: processKey,
            data: {
              type: 'object',
              maxProperties: L.maxFieldPermissions,
              propertyNames: { maxLength: L.maxFieldPathLength },
              additionalProperties: jsonLogic,
            },
          },
          additionalProperties: false,
        },
      ],
    },
    node: {
      type: 'object',
      required: ['type'],
      properties: { type: { type: 'string' } },
      discriminator: { propertyName: 'type' },
      oneOf: [
        nodeSchema('start', { fieldPermissions: ref('fieldPermissions') }),
        nodeSchema(
          'approval',
          {
            ...peopleNodeProperties,
            mode: { enum: ['any', 'all', 'sequential', 'vote'] },
            passRatio: { type: 'number' },
            onReject: ref('onReject'),
          },
          ['assignees'],
        ),
        nodeSchema('task', { ...peopleNodeProperties, mode: { enum: ['any', 'all'] } }, [
          'assignees',
        ]),
        nodeSchema('cc', { recipients: ref('assigneeRules') }, ['recipients']),
        nodeSchema('branch', {}),
        nodeSchema('inclusive', {}),
        nodeSchema('parallel', {}),
        nodeSchema('join', {}),
        nodeSchema('timer', { delay: duration, until: ref('fieldTime') }),
        nodeSchema('automation', { action: ref('automationAction') }, ['action']),
        nodeSchema('end', { outcome: { enum: ['approved', 'rejected', 'completed'] } }),
      ],
    },
    edge: {
      type: 'object',
      required: ['id', 'source', 'target'],
      properties: {
        id,
        source: id,
        target: id,
        condition: jsonLogic,
        default: { type: 'boolean' },
        label: { type: 'string', maxLength: L.maxLabelLength },
      },
      patternProperties: extensions,
      additionalProperties: false,
    },
  },
} as const;
