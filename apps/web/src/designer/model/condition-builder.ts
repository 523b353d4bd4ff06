// The condition editor's model: rows of "field operator value" in and/or
// groups, and its exact translation to and from JsonLogic (what edges store).
// fromJsonLogic only recognises what toJsonLogic writes, so anything it cannot
// show row by row (hand-written or imported JsonLogic) stays untouched and
// the UI shows it read-only instead of silently rewriting it.
import type { FieldType, FormField } from '@baton/forms';

export type ConditionOperator =
  'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'notIn' | 'contains' | 'empty' | 'notEmpty';

/** What a condition compares against: JSON primitives only, a list for in / notIn. */
export type ConditionScalar = string | number | boolean | null;
export type ConditionValue = ConditionScalar | ConditionScalar[];

export interface ConditionRule {
  field: string;
  operator: ConditionOperator;
  /** Absent for empty / notEmpty; a list for in / notIn; one value otherwise. */
  value?: ConditionValue;
}

export interface ConditionGroup {
  op: 'and' | 'or';
  items: ConditionItem[];
}

export type ConditionItem = ConditionRule | ConditionGroup;

export const isGroup = (item: ConditionItem): item is ConditionGroup => 'op' in item;

const COMPARE = { eq: '==', ne: '!=', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;
type CompareOperator = keyof typeof COMPARE;
const COMPARE_BY_SYMBOL = new Map<string, CompareOperator>(
  Object.entries(COMPARE).map(([op, symbol]) => [symbol, op as CompareOperator]),
);

const COMPARISONS: ConditionOperator[] = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte'];
const PRESENCE: ConditionOperator[] = ['empty', 'notEmpty'];

/**
 * Operators the editor offers per field type. Numbers and checkboxes get no
 * empty / notEmpty: JsonLogic truthiness would count 0 and "unchecked" as
 * empty, which is not what a user means by it.
 */
const OPERATORS: Record<FieldType, ConditionOperator[]> = {
  number: COMPARISONS,
  money: COMPARISONS,
  date: [...COMPARISONS, ...PRESENCE],
  datetime: [...COMPARISONS, ...PRESENCE],
  select: ['eq', 'ne', 'in', 'notIn', ...PRESENCE],
  'multi-select': ['contains', ...PRESENCE],
  text: ['eq', 'ne', 'contains', ...PRESENCE],
  textarea: ['contains', ...PRESENCE],
  link: ['eq', 'ne', 'contains', ...PRESENCE],
  checkbox: ['eq'],
  user: ['eq', 'ne', 'in', 'contains', ...PRESENCE],
  department: ['eq', 'ne', 'in', 'contains', ...PRESENCE],
  attachment: PRESENCE,
  table: PRESENCE,
};

export function operatorsFor(type: FieldType): readonly ConditionOperator[] {
  return OPERATORS[type] ?? ['eq', 'ne'];
}

/** The value input the editor shows for a field type and operator. */
export type ValueInput = 'none' | 'number' | 'text' | 'date' | 'boolean' | 'option' | 'options';

export function valueInputFor(type: FieldType, operator: ConditionOperator): ValueInput {
  if (operator === 'empty' || operator === 'notEmpty') return 'none';
  if (operator === 'in' || operator === 'notIn') return 'options';
  switch (type) {
    case 'number':
    case 'money':
      return 'number';
    case 'date':
    case 'datetime':
      return 'date';
    case 'checkbox':
      return 'boolean';
    case 'select':
    case 'multi-select':
      return 'option';
    default:
      return 'text';
  }
}

/** A fresh row for a field: its first operator and a neutral value. */
export function newRule(field: FormField): ConditionRule {
  const operator = operatorsFor(field.type)[0];
  const input = valueInputFor(field.type, operator);
  if (input === 'none') return { field: field.key, operator };
  if (input === 'options') return { field: field.key, operator, value: [] };
  if (input === 'boolean') return { field: field.key, operator, value: true };
  if (input === 'option')
    return { field: field.key, operator, value: field.options?.[0]?.value ?? '' };
  return { field: field.key, operator, value: input === 'number' ? 0 : '' };
}

/**
 * The one shape toJsonLogic / fromJsonLogic preserve exactly (see the
 * round-trip test): empty nested groups dropped, nested groups of one item
 * unwrapped, a top level holding a single group replaced by it, and a top
 * level of at most one row always "and" (a lone row has no and/or to keep).
 */
export function normaliseGroup(group: ConditionGroup): ConditionGroup {
  const flat = normaliseItems(group);
  if (flat.items.length === 1 && isGroup(flat.items[0])) return flat.items[0];
  return flat.items.length <= 1 ? { op: 'and', items: flat.items } : flat;
}

function normaliseItems(group: ConditionGroup): ConditionGroup {
  const items: ConditionItem[] = [];
  for (const item of group.items) {
    if (!isGroup(item)) {
      items.push(item);
      continue;
    }
    const inner = normaliseItems(item);
    if (inner.items.length === 0) continue;
    items.push(inner.items.length === 1 ? inner.items[0] : inner);
  }
  return { op: group.op, items };
}

/**
 * JsonLogic for a group; undefined for a group without rows (no condition).
 * A top-level group of one row is written as the bare rule, the form edges
 * are commonly written in by hand: `{">=": [{"var": "amount"}, 500]}`.
 */
export function toJsonLogic(group: ConditionGroup): unknown {
  const normal = normaliseGroup(group);
  if (normal.items.length === 0) return undefined;
  if (normal.items.length === 1) return itemLogic(normal.items[0]);
  return { [normal.op]: normal.items.map(itemLogic) };
}

function itemLogic(item: ConditionItem): unknown {
  if (isGroup(item)) return { [item.op]: item.items.map(itemLogic) };
  return ruleLogic(item);
}

function ruleLogic(rule: ConditionRule): unknown {
  const field = { var: rule.field };
  const list = Array.isArray(rule.value)
    ? rule.value
    : rule.value === undefined
      ? []
      : [rule.value];
  const scalar = Array.isArray(rule.value) ? (rule.value[0] ?? null) : (rule.value ?? null);
  switch (rule.operator) {
    case 'in':
      return { in: [field, list] };
    case 'notIn':
      return { '!': { in: [field, list] } };
    // JsonLogic's `in` is substring for text and membership for lists, which
    // is exactly "contains" for text, multi-select and multi-user fields.
    case 'contains':
      return { in: [scalar, field] };
    case 'empty':
      return { '!': field };
    case 'notEmpty':
      return { '!!': field };
    default:
      return { [COMPARE[rule.operator]]: [field, scalar] };
  }
}

/** The group the editor shows for a condition; undefined when it cannot show it. */
export function fromJsonLogic(logic: unknown): ConditionGroup | undefined {
  if (logic === undefined || logic === null) return { op: 'and', items: [] };
  const top = readOperation(logic);
  if (top && (top.op === 'and' || top.op === 'or')) {
    const group = readGroup(top.op, top.args);
    // A top-level and/or of one item would read back as that item alone.
    return group && group.items.length >= 2 ? group : undefined;
  }
  const rule = readRule(logic);
  return rule ? { op: 'and', items: [rule] } : undefined;
}

function readGroup(op: 'and' | 'or', args: unknown): ConditionGroup | undefined {
  if (!Array.isArray(args)) return undefined;
  const items: ConditionItem[] = [];
  for (const arg of args) {
    const inner = readOperation(arg);
    if (inner && (inner.op === 'and' || inner.op === 'or')) {
      const group = readGroup(inner.op, inner.args);
      // Nested groups of fewer than two items are never written; refuse them
      // so that what is shown is what is stored.
      if (!group || group.items.length < 2) return undefined;
      items.push(group);
      continue;
    }
    const rule = readRule(arg);
    if (!rule) return undefined;
    items.push(rule);
  }
  return { op, items };
}

function readRule(logic: unknown): ConditionRule | undefined {
  const operation = readOperation(logic);
  if (!operation) return undefined;
  const { op, args } = operation;
  const compare = COMPARE_BY_SYMBOL.get(op);
  if (compare) {
    const [left, right, ...rest] = asArgs(args);
    const field = readVar(left);
    if (field === undefined || rest.length > 0 || !isScalar(right)) return undefined;
    return { field, operator: compare, value: right };
  }
  if (op === 'in') return readIn(args, false);
  if (op === '!' || op === '!!') {
    const [arg, ...rest] = asArgs(args);
    if (rest.length > 0) return undefined;
    const field = readVar(arg);
    if (field !== undefined) return { field, operator: op === '!' ? 'empty' : 'notEmpty' };
    const inner = readOperation(arg);
    if (op === '!' && inner?.op === 'in') return readIn(inner.args, true);
  }
  return undefined;
}

function readIn(args: unknown, negated: boolean): ConditionRule | undefined {
  if (!Array.isArray(args) || args.length !== 2) return undefined;
  const [left, right] = args;
  const field = readVar(left);
  if (field !== undefined && Array.isArray(right) && right.every(isScalar)) {
    return { field, operator: negated ? 'notIn' : 'in', value: [...right] };
  }
  const container = readVar(right);
  if (!negated && container !== undefined && isScalar(left)) {
    return { field: container, operator: 'contains', value: left };
  }
  return undefined;
}

/** `{ op: args }` with exactly one key, as json-logic-js reads an operation. */
function readOperation(logic: unknown): { op: string; args: unknown } | undefined {
  if (typeof logic !== 'object' || logic === null || Array.isArray(logic)) return undefined;
  const keys = Object.keys(logic);
  if (keys.length !== 1) return undefined;
  return { op: keys[0], args: (logic as Record<string, unknown>)[keys[0]] };
}

/** json-logic-js accepts a lone argument in place of a one-item list. */
const asArgs = (args: unknown): unknown[] => (Array.isArray(args) ? args : [args]);

/** The field of a plain `{"var": "amount"}`; defaults and computed paths are not rows. */
function readVar(logic: unknown): string | undefined {
  const operation = readOperation(logic);
  if (operation?.op !== 'var') return undefined;
  return typeof operation.args === 'string' && operation.args !== '' ? operation.args : undefined;
}

function isScalar(value: unknown): value is ConditionScalar {
  return (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}
