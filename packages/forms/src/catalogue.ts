/** The form designer's field model and the catalogue of field types it offers. */

export type FieldType =
  | 'text'
  | 'textarea'
  | 'number'
  | 'money'
  | 'date'
  | 'datetime'
  | 'select'
  | 'multi-select'
  | 'checkbox'
  | 'user'
  | 'department'
  | 'attachment'
  | 'table'
  | 'link';

export type FieldGroup = 'basic' | 'choice' | 'date' | 'people' | 'attachment' | 'layout';

export interface FieldOption {
  value: string;
  label: string;
}

export interface FormField {
  key: string;
  type: FieldType;
  label: string;
  required?: boolean;
  options?: FieldOption[];
  default?: unknown;
  placeholder?: string;
  help?: string;
  /** Numbers: smallest value. Lists (multi-select, attachment, table): fewest items. */
  min?: number;
  /** Numbers: largest value. Lists (multi-select, attachment, table): most items. */
  max?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  /** Table only: the columns of each row (a sub-form, one level deep). */
  columns?: FormField[];
  /** User and department: pick several. */
  multiple?: boolean;
}

/** The optional properties of FormField that a field type may use. */
export type FieldProperty =
  | 'required'
  | 'options'
  | 'default'
  | 'placeholder'
  | 'help'
  | 'min'
  | 'max'
  | 'minLength'
  | 'maxLength'
  | 'pattern'
  | 'columns'
  | 'multiple';

export interface FieldTypeInfo {
  type: FieldType;
  group: FieldGroup;
  name: { 'zh-CN': string; en: string };
  properties: readonly FieldProperty[];
}

const COMMON = ['required', 'default', 'help'] as const;

export const FIELD_CATALOGUE: readonly FieldTypeInfo[] = [
  {
    type: 'text',
    group: 'basic',
    name: { 'zh-CN': '单行文本', en: 'Text' },
    properties: [...COMMON, 'placeholder', 'minLength', 'maxLength', 'pattern'],
  },
  {
    type: 'textarea',
    group: 'basic',
    name: { 'zh-CN': '多行文本', en: 'Long text' },
    properties: [...COMMON, 'placeholder', 'minLength', 'maxLength'],
  },
  {
    type: 'number',
    group: 'basic',
    name: { 'zh-CN': '数字', en: 'Number' },
    properties: [...COMMON, 'placeholder', 'min', 'max'],
  },
  {
    type: 'money',
    group: 'basic',
    name: { 'zh-CN': '金额', en: 'Amount' },
    properties: [...COMMON, 'placeholder', 'min', 'max'],
  },
  {
    type: 'link',
    group: 'basic',
    name: { 'zh-CN': '链接', en: 'Link' },
    properties: [...COMMON, 'placeholder'],
  },
  {
    type: 'select',
    group: 'choice',
    name: { 'zh-CN': '单选', en: 'Select' },
    properties: [...COMMON, 'placeholder', 'options'],
  },
  {
    type: 'multi-select',
    group: 'choice',
    name: { 'zh-CN': '多选', en: 'Multi-select' },
    properties: [...COMMON, 'options', 'min', 'max'],
  },
  {
    type: 'checkbox',
    group: 'choice',
    name: { 'zh-CN': '勾选', en: 'Checkbox' },
    properties: [...COMMON],
  },
  {
    type: 'date',
    group: 'date',
    name: { 'zh-CN': '日期', en: 'Date' },
    properties: [...COMMON, 'placeholder'],
  },
  {
    type: 'datetime',
    group: 'date',
    name: { 'zh-CN': '日期时间', en: 'Date and time' },
    properties: [...COMMON, 'placeholder'],
  },
  {
    type: 'user',
    group: 'people',
    name: { 'zh-CN': '成员', en: 'User' },
    properties: [...COMMON, 'placeholder', 'multiple'],
  },
  {
    type: 'department',
    group: 'people',
    name: { 'zh-CN': '部门', en: 'Department' },
    properties: [...COMMON, 'placeholder', 'multiple'],
  },
  {
    type: 'attachment',
    group: 'attachment',
    name: { 'zh-CN': '附件', en: 'Attachment' },
    properties: ['required', 'help', 'min', 'max'],
  },
  {
    type: 'table',
    group: 'layout',
    name: { 'zh-CN': '明细表', en: 'Table' },
    properties: ['required', 'help', 'min', 'max', 'columns'],
  },
];

const BY_TYPE = new Map(FIELD_CATALOGUE.map((info) => [info.type, info]));

export function fieldTypeInfo(type: FieldType): FieldTypeInfo | undefined {
  return BY_TYPE.get(type);
}

/** Whether the designer shows `property` for `type` (and compileForm honours it). */
export function appliesTo(type: FieldType, property: FieldProperty): boolean {
  return BY_TYPE.get(type)?.properties.includes(property) ?? false;
}

/** Identifier-like keys, so a key works unchanged as a JsonLogic `var`, a permission name and a column name. */
export const FIELD_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface FieldProblem {
  code:
    | 'invalid_key'
    | 'duplicate_key'
    | 'unknown_type'
    | 'missing_label'
    | 'no_options'
    | 'duplicate_option'
    | 'no_columns'
    | 'nested_table'
    | 'invalid_pattern'
    | 'invalid_range';
  /** Where the problem is, e.g. `items` or `items.qty`. */
  path: string;
  message: string;
}

/** What the designer must fix before a form can be compiled or saved. */
export function fieldProblems(fields: readonly FormField[], parent?: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  for (const field of fields) {
    const path = parent ? `${parent}.${field.key}` : String(field.key);
    const add = (code: FieldProblem['code'], message: string) =>
      problems.push({ code, path, message });
    if (typeof field.key !== 'string' || !FIELD_KEY.test(field.key)) {
      add(
        'invalid_key',
        `Field key "${String(field.key)}" must start with a letter or _ and contain only letters, digits and _`,
      );
    } else if (seen.has(field.key)) {
      add('duplicate_key', `Field key "${field.key}" is used more than once`);
    }
    seen.add(field.key);
    if (!BY_TYPE.has(field.type)) {
      add('unknown_type', `Field "${path}" has an unknown type "${String(field.type)}"`);
      continue;
    }
    if (typeof field.label !== 'string' || field.label.trim() === '') {
      add('missing_label', `Field "${path}" needs a label`);
    }
    if (field.type === 'select' || field.type === 'multi-select') {
      const values = (field.options ?? []).map((o) => o.value);
      if (values.length === 0) add('no_options', `Field "${path}" needs at least one option`);
      if (new Set(values).size !== values.length)
        add('duplicate_option', `Field "${path}" has two options with the same value`);
    }
    if (field.type === 'table') {
      if (parent !== undefined)
        add('nested_table', `Table "${path}" cannot be inside another table`);
      else if (!field.columns?.length)
        add('no_columns', `Table "${path}" needs at least one column`);
      else problems.push(...fieldProblems(field.columns, path));
    }
    if (
      field.pattern !== undefined &&
      appliesTo(field.type, 'pattern') &&
      !isRegExp(field.pattern)
    ) {
      add(
        'invalid_pattern',
        `Field "${path}" has a pattern that is not a valid regular expression`,
      );
    }
    if (field.min !== undefined && field.max !== undefined && field.min > field.max) {
      add('invalid_range', `Field "${path}" has a minimum greater than its maximum`);
    }
    if (
      field.minLength !== undefined &&
      field.maxLength !== undefined &&
      field.minLength > field.maxLength
    ) {
      add('invalid_range', `Field "${path}" has a minimum length greater than its maximum length`);
    }
  }
  return problems;
}

function isRegExp(source: string): boolean {
  try {
    new RegExp(source, 'u');
    return true;
  } catch {
    return false;
  }
}
