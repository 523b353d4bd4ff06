// Static reading of JsonLogic as json-logic-js 2.x evaluates it: arrays are
// evaluated element by element, an object with exactly one key is an
// operation, anything else is a literal. We list the operators a definition
// may use and the form fields it reads, without ever evaluating it.

/** json-logic-js built-ins minus `log`, which writes to the server console. */
export const JSON_LOGIC_OPERATORS: ReadonlySet<string> = new Set([
  'var',
  'missing',
  'missing_some',
  'if',
  '?:',
  'and',
  'or',
  '!',
  '!!',
  '==',
  '===',
  '!=',
  '!==',
  '>',
  '>=',
  '<',
  '<=',
  'max',
  'min',
  '+',
  '-',
  '*',
  '/',
  '%',
  'map',
  'filter',
  'reduce',
  'all',
  'none',
  'some',
  'merge',
  'in',
  'cat',
  'substr',
]);

/** Operators whose second argument runs once per array item, with the item as data. */
const ITEM_SCOPED = new Set(['map', 'filter', 'all', 'none', 'some', 'reduce']);

export interface LogicReading {
  /** Form field paths read through `var`, `missing` and `missing_some`, in order, deduplicated. */
  fields: string[];
  /** Operators json-logic-js would refuse or that we forbid, in order, deduplicated. */
  unknownOperators: string[];
  /** Known operators given arguments that make json-logic-js throw. */
  malformed: string[];
}

function isOperation(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).length === 1
  );
}

/**
 * Reads a condition: the whole value is JsonLogic, so any one-key object
 * names an operator and an unknown one is a mistake.
 */
export function readLogic(logic: unknown): LogicReading {
  return read(logic, 'logic');
}

/**
 * Reads an automation value (setFields values, a webhook body, startProcess
 * data) as the engine evaluates it: a one-key object whose key is an
 * operator is JsonLogic, any other object or array is plain structure whose
 * members are read the same way. `log` still counts as an operator, and is
 * reported, because json-logic-js would run it.
 */
export function readTemplate(value: unknown): LogicReading {
  return read(value, 'template');
}

function read(root: unknown, mode: 'logic' | 'template'): LogicReading {
  const fields = new Set<string>();
  const unknown = new Set<string>();
  const malformed = new Set<string>();

  const field = (name: unknown, itemScope: boolean) => {
    // `var: ""` is the whole data object; numbers index arrays in item scope.
    if (!itemScope && typeof name === 'string' && name !== '') fields.add(name);
  };

  // Depth is bounded by the input guard, so plain recursion is safe here.
  const visit = (value: unknown, itemScope: boolean): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item, itemScope);
      return;
    }
    if (!isOperation(value)) return;
    const op = Object.keys(value)[0];
    const raw = value[op];
    const args = Array.isArray(raw) ? raw : [raw];
    if (!JSON_LOGIC_OPERATORS.has(op)) {
      unknown.add(op);
      for (const arg of args) visit(arg, itemScope);
      return;
    }
    switch (op) {
      case 'var':
        if (isOperation(args[0])) visit(args[0], itemScope);
        else field(args[0], itemScope);
        for (const arg of args.slice(1)) visit(arg, itemScope);
        return;
      case 'missing': {
        const names = Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
        for (const name of names) {
          if (isOperation(name)) visit(name, itemScope);
          else field(name, itemScope);
        }
        return;
      }
      case 'missing_some': {
        visit(args[0], itemScope);
        const names = args[1];
        if (!Array.isArray(names) && !isOperation(names)) malformed.add(op);
        if (!Array.isArray(names)) return visit(names, itemScope);
        for (const name of names) {
          if (isOperation(name)) visit(name, itemScope);
          else field(name, itemScope);
        }
        return;
      }
      default:
        if (ITEM_SCOPED.has(op)) {
          visit(args[0], itemScope);
          visit(args[1], true);
          for (const arg of args.slice(2)) visit(arg, itemScope);
          return;
        }
        for (const arg of args) visit(arg, itemScope);
    }
  };

  const template = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) template(item);
    } else if (
      isOperation(value) &&
      (JSON_LOGIC_OPERATORS.has(Object.keys(value)[0]) || 'log' in value)
    ) {
      visit(value, false);
    } else if (typeof value === 'object' && value !== null) {
      for (const member of Object.values(value)) template(member);
    }
  };

  if (mode === 'logic') visit(root, false);
  else template(root);
  return { fields: [...fields], unknownOperators: [...unknown], malformed: [...malformed] };
}
