// Building blocks shared by the built-in templates: the template shape, the
// roles the SOPs name, and a few form field schemas used in several forms.
import type { AssigneeRule, FlowEdge, ProcessDefinition } from '@baton/flow';

export interface ProcessTemplate {
  key: string;
  /** Chinese with the English name beside, as in the gallery. */
  name: string;
  description: string;
  category: string;
  /** An icon name from the web app's icon set (lucide). */
  icon: string;
  /** The `stage` labels of the definition's nodes, in the order they run. */
  stages: string[];
  /** Roles the definition assigns work to; an installation needs a user for each. */
  roles: string[];
  definition: ProcessDefinition;
}

/**
 * Role names of the demo organisation (apps/api demo-organisation.ts). Note
 * `graphic_designer`: the role `designer` is the platform's process-designer
 * permission, not the design team.
 */
export const ROLES = {
  productManager: 'product_manager',
  operationsDirector: 'operations_director',
  operationsSpecialist: 'operations_specialist',
  graphicDesigner: 'graphic_designer',
  designLead: 'design_lead',
  warehouse: 'warehouse',
  customerService: 'customer_service',
  csLead: 'cs_lead',
  finance: 'finance',
  hr: 'hr',
  liveHost: 'live_host',
} as const;

export const role = (name: string): AssigneeRule => ({ kind: 'role', role: name });
export const headOfDepartment: AssigneeRule = { kind: 'manager', level: 1 };

/** An edge named after its ends, so ids stay readable and unique. */
export function edge(source: string, target: string, extra: Partial<FlowEdge> = {}): FlowEdge {
  return { id: `${source}-${target}`, source, target, ...extra };
}

/** Edges along a path of node ids. */
export function path(...ids: string[]): FlowEdge[] {
  return ids.slice(1).map((target, i) => edge(ids[i], target));
}

export const PLATFORMS = ['淘宝', '天猫', '京东', '拼多多', '抖音'] as const;

export const field = {
  text: (title: string, maxLength = 200) => ({ type: 'string', title, maxLength }),
  longText: (title: string) => ({ type: 'string', title, maxLength: 5000 }),
  /** Money in yuan; two decimals are the UI's business, not the schema's. */
  money: (title: string) => ({ type: 'number', title, minimum: 0 }),
  integer: (title: string) => ({ type: 'integer', title, minimum: 0 }),
  date: (title: string) => ({ type: 'string', format: 'date', title }),
  yesNo: (title: string) => ({ type: 'boolean', title }),
  platform: (title = '平台') => ({ type: 'string', title, enum: [...PLATFORMS] }),
  platforms: (title = '平台') => ({
    type: 'array',
    title,
    uniqueItems: true,
    items: { type: 'string', enum: [...PLATFORMS] },
  }),
  choice: (title: string, options: readonly string[]) => ({
    type: 'string',
    title,
    enum: [...options],
  }),
  /** Uploaded files, stored as file ids. */
  files: (title: string, maxItems = 20) => ({
    type: 'array',
    title,
    maxItems,
    items: { type: 'string', maxLength: 64 },
  }),
  url: (title: string) => ({ type: 'string', title, format: 'uri', maxLength: 2048 }),
};
