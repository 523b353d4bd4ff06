/** What an assignee at a node may do with a form field (FLOW-DSL.md "Field permissions"). */
export type FieldPermission = 'hidden' | 'read' | 'edit' | 'required';
