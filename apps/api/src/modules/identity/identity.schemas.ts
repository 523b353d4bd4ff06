// Request bodies of the identity endpoints (validated with ajv, shown in OpenAPI);
// their types are in @baton/contracts (LoginBody, CreateUserBody, ...).
const username = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.@-]+$' };
const role = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[a-z][a-z0-9_-]*$' };
const id = { type: 'string', minLength: 1, maxLength: 64 };

export const loginSchema = {
  type: 'object',
  required: ['username', 'password'],
  additionalProperties: false,
  properties: {
    username: { type: 'string', minLength: 1, maxLength: 64 },
    password: { type: 'string', minLength: 1, maxLength: 256 },
  },
} as const;

export const createUserSchema = {
  type: 'object',
  required: ['username', 'password', 'displayName'],
  additionalProperties: false,
  properties: {
    username,
    password: { type: 'string', minLength: 8, maxLength: 256 },
    displayName: { type: 'string', minLength: 1, maxLength: 100 },
    roles: { type: 'array', items: role, maxItems: 50, uniqueItems: true, default: [] },
    departmentId: { ...id, nullable: true },
  },
} as const;

export const updateUserSchema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    password: { type: 'string', minLength: 8, maxLength: 256 },
    displayName: { type: 'string', minLength: 1, maxLength: 100 },
    roles: { type: 'array', items: role, maxItems: 50, uniqueItems: true },
    departmentId: { ...id, nullable: true },
    active: { type: 'boolean' },
  },
} as const;

export const createDepartmentSchema = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 100 },
    parentId: { ...id, nullable: true },
    headId: { ...id, nullable: true },
  },
} as const;

export const updateDepartmentSchema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: createDepartmentSchema.properties,
} as const;
