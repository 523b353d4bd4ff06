export type { FieldPermission } from './permissions-types.js';
export type { CompiledForm, FieldError, JsonSchema, UiSchema } from './schema-types.js';
export { DRAFT_07 } from './schema-types.js';
export {
  FIELD_CATALOGUE,
  FIELD_KEY,
  appliesTo,
  fieldProblems,
  fieldTypeInfo,
  type FieldGroup,
  type FieldOption,
  type FieldProblem,
  type FieldProperty,
  type FieldType,
  type FieldTypeInfo,
  type FormField,
} from './catalogue.js';
export { InvalidFormError, compileForm, fieldsFromSchema } from './compile.js';
export { InvalidSchemaError, isEmptyValue, schemaProblems, validateFormData } from './validate.js';
export {
  applyPermissions,
  checkWrite,
  filterData,
  listFields,
  mergeWrite,
  permissionAt,
  requiredAt,
  type FieldPermissions,
  type FormView,
  type NodeContext,
  type PermittedFormView,
} from './permissions.js';
export { formSummary, type SummaryItem, type SummaryKind, type SummaryOptions } from './summary.js';
export { isAttachmentField } from './attachments.js';
export { pinFieldOrder } from './field-order.js';
