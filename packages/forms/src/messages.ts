import type { ErrorObject } from 'ajv';
import { isPlainObject, type JsonSchema } from './schema-types.js';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const INDEX = /^(0|[1-9][0-9]*)$/;

/** `items[0].qty` from ['items', '0', 'qty']: indexes of arrays in brackets, odd keys quoted. */
export function formatPath(segments: readonly string[], data: unknown): string {
  let out = '';
  let cur: unknown = data;
  for (const seg of segments) {
    if (Array.isArray(cur) && INDEX.test(seg)) out += `[${seg}]`;
    else if (IDENTIFIER.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
    cur = Array.isArray(cur) ? cur[Number(seg)] : isPlainObject(cur) ? cur[seg] : undefined;
  }
  return out;
}

/** The user's name for a place in the data: "Items, row 1: Quantity" for items[0].qty. */
export function labelAt(schema: JsonSchema, segments: readonly string[]): string {
  const parts: string[] = [];
  let cur: JsonSchema | undefined = schema;
  for (const seg of segments) {
    const isRow = INDEX.test(seg) && (cur?.type === 'array' || isPlainObject(cur?.items));
    if (isRow) {
      cur = isPlainObject(cur?.items) ? cur.items : undefined;
      parts.push(`row ${Number(seg) + 1}`);
    } else {
      cur = isPlainObject(cur?.properties)
        ? (cur.properties[seg] as JsonSchema | undefined)
        : undefined;
      parts.push(typeof cur?.title === 'string' && cur.title.trim() !== '' ? cur.title : seg);
    }
  }
  if (parts.length === 0) return 'The form';
  // "Items, row 1: Quantity": rows join to their table with a comma, columns follow a colon.
  return parts.reduce((acc, part) =>
    part.startsWith('row ') ? `${acc}, ${part}` : `${acc}: ${part}`,
  );
}

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'yes or no',
  array: 'a list',
  object: 'an object',
  null: 'empty',
};

const FORMAT_NAMES: Record<string, string> = {
  date: 'a date (YYYY-MM-DD)',
  'date-time': 'a date and time (e.g. 2024-05-01T09:30:00Z)',
  time: 'a time',
  uri: 'a link (URL)',
  email: 'an email address',
};

export function describeError(
  schema: JsonSchema,
  segments: readonly string[],
  error: ErrorObject,
): string {
  const label = labelAt(schema, segments);
  const p = error.params as Record<string, unknown>;
  const plural = (n: unknown, one: string) => `${String(n)} ${one}${n === 1 ? '' : 's'}`;
  switch (error.keyword) {
    case 'required':
      return `${label} is required`;
    case 'type': {
      const types = String(p.type)
        .split(',')
        .map((t) => TYPE_NAMES[t] ?? t);
      return `${label} must be ${types.join(' or ')}`;
    }
    case 'minimum':
      return `${label} must be at least ${String(p.limit)}`;
    case 'maximum':
      return `${label} must be at most ${String(p.limit)}`;
    case 'exclusiveMinimum':
      return `${label} must be greater than ${String(p.limit)}`;
    case 'exclusiveMaximum':
      return `${label} must be less than ${String(p.limit)}`;
    case 'multipleOf':
      return p.multipleOf === 0.01
        ? `${label} must have at most 2 decimal places`
        : `${label} must be a multiple of ${String(p.multipleOf)}`;
    case 'minLength':
      return `${label} must be at least ${plural(p.limit, 'character')} long`;
    case 'maxLength':
      return `${label} must be at most ${plural(p.limit, 'character')} long`;
    case 'pattern':
      return `${label} is not in the expected format`;
    case 'format':
      return `${label} must be ${FORMAT_NAMES[String(p.format)] ?? `in ${String(p.format)} format`}`;
    case 'enum':
      return `${label} must be one of: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `${label} must be ${JSON.stringify(p.allowedValue)}`;
    case 'uniqueItems':
      return `${label} must not contain the same item twice`;
    case 'minItems':
      return `${label} must have at least ${plural(p.limit, 'item')}`;
    case 'maxItems':
      return `${label} must have at most ${plural(p.limit, 'item')}`;
    case 'additionalProperties':
      return `${label} is not a field of this form`;
    default:
      return `${label} ${error.message ?? 'is invalid'}`;
  }
}
