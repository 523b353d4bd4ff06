// A cheap, iterative walk over the raw input before anything recursive sees
// it: JSON Schema validation, JsonLogic walks and form-schema checks all
// recurse, so a 100,000-level nested array or a self-referencing object must
// be refused here, without recursion and without a stack overflow.
import type { Problem } from '../definition.js';

export const INPUT_LIMITS = {
  /** Nesting of arrays and objects, counted from the definition root. */
  maxDepth: 100,
  /** Every value (object, array, primitive) counts once. */
  maxValues: 200_000,
  /** Any string or property name, also inside the form schema and JsonLogic. */
  maxStringLength: 10_000,
} as const;

interface Frame {
  value: unknown;
  depth: number;
  path: string;
  /** Set on the marker frame that takes an object off the current path. */
  leave?: boolean;
}

const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

// Compared by shape, not with this realm's Object.prototype: objects made by
// structuredClone or in another vm context are plain too.
function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as object | null;
  return proto === null || Object.getPrototypeOf(proto) === null;
}

function truncate(key: string): string {
  return key.length > 40 ? `${key.slice(0, 40)}…` : key;
}

/** Returns the first problem found, or undefined when the input is plain, bounded JSON. */
export function guardInput(input: unknown): Problem | undefined {
  const onPath = new Set<object>();
  const stack: Frame[] = [{ value: input, depth: 0, path: '' }];
  let count = 0;
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const { value, depth, path } = frame;
    if (frame.leave) {
      onPath.delete(value as object);
      continue;
    }
    count += 1;
    const where = path === '' ? 'the definition' : path;
    switch (typeof value) {
      case 'string':
        if (value.length > INPUT_LIMITS.maxStringLength) {
          return {
            code: 'too_large',
            message: `The text at ${where} is longer than ${INPUT_LIMITS.maxStringLength} characters.`,
            path,
          };
        }
        continue;
      case 'boolean':
      case 'undefined': // an absent optional property, as TypeScript literals often have
        continue;
      case 'number':
        if (!Number.isFinite(value)) {
          return { code: 'not_json', message: `The number at ${where} is not finite.`, path };
        }
        continue;
      case 'object':
        break;
      default:
        return {
          code: 'not_json',
          message: `The value at ${where} is a ${typeof value}, not JSON.`,
          path,
        };
    }
    if (value === null) continue;
    if (onPath.has(value)) {
      return { code: 'not_json', message: `The value at ${where} contains itself.`, path };
    }
    if (depth >= INPUT_LIMITS.maxDepth) {
      return {
        code: 'too_deep',
        message: `The definition is nested more than ${INPUT_LIMITS.maxDepth} levels deep at ${where}.`,
        path,
      };
    }
    const isArray = Array.isArray(value);
    if (!isArray && !isPlainObject(value)) {
      return {
        code: 'not_json',
        message: `The value at ${where} is not a plain JSON object.`,
        path,
      };
    }
    // Checked before pushing, so a ten-million-element array is never copied onto the stack.
    const size = isArray ? value.length : Object.keys(value).length;
    if (count + stack.length + size > INPUT_LIMITS.maxValues) {
      return {
        code: 'too_large',
        message: `The definition holds more than ${INPUT_LIMITS.maxValues} values (at ${where}).`,
        path,
      };
    }
    onPath.add(value);
    stack.push({ value, depth, path, leave: true });
    if (isArray) {
      for (let i = value.length - 1; i >= 0; i -= 1) {
        stack.push({ value: value[i] as unknown, depth: depth + 1, path: `${path}/${i}` });
      }
      continue;
    }
    const keys = Object.keys(value);
    for (let i = keys.length - 1; i >= 0; i -= 1) {
      const key = keys[i];
      if (key.length > INPUT_LIMITS.maxStringLength) {
        return {
          code: 'too_large',
          message: `A property name at ${where} ("${truncate(key)}") is longer than ${INPUT_LIMITS.maxStringLength} characters.`,
          path,
        };
      }
      stack.push({
        value: (value as Record<string, unknown>)[key],
        depth: depth + 1,
        path: `${path}/${escapePointer(key)}`,
      });
    }
  }
  return undefined;
}
