// What the workspace reads of a process definition (the API answers the whole
// @baton/flow ProcessDefinition, see @baton/contracts ProcessView): the start
// form and each node's field permissions. Test fixtures build just this much.
import type { FieldPermission, JsonSchema, UiSchema } from '@baton/forms';

export interface FlowNodeLite {
  id: string;
  type: string;
  name?: string;
  stage?: string;
  fieldPermissions?: Record<string, FieldPermission>;
}

export interface DefinitionLite {
  key: string;
  name: string;
  description?: string;
  category?: string;
  form: { schema: JsonSchema; uiSchema?: UiSchema };
  graph: { nodes: FlowNodeLite[]; edges: unknown[] };
  settings?: { allowWithdraw?: boolean };
}
