// What a draft must be before it is stored. Drafts may be unfinished graphs,
// but the row needs a key and a name, and the JSON must be something
// PostgreSQL's jsonb accepts and the validator can read in bounded time.
import type { Problem } from '@baton/flow';
import { unstorablePath } from '../../platform/validation/storable.js';

export const PROCESS_KEY = /^[a-z][a-z0-9-]{1,62}$/;
export const MAX_NAME_LENGTH = 200;
/** Keys that would shadow routes under /api/processes. */
export const RESERVED_KEYS: readonly string[] = ['schema', 'import'];
/** Problems from validateDefinition that mean the input itself is unusable. */
export const INPUT_PROBLEM_CODES: readonly string[] = [
  'not_json',
  'too_deep',
  'too_large',
  'invalid_input',
];

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Key and name: checked before anything else touches the database. */
export function checkIdentity(body: unknown): Problem[] {
  if (!isPlainObject(body)) {
    return [
      {
        code: 'invalid_input',
        message: 'A process definition is a JSON object with at least "key" and "name".',
        path: '',
      },
    ];
  }
  const problems: Problem[] = [];
  const { key, name } = body;
  if (typeof key !== 'string' || !PROCESS_KEY.test(key)) {
    problems.push({
      code: 'schema',
      message:
        'The key must be 2–63 characters: lowercase letters, digits and "-", starting with a letter.',
      path: '/key',
    });
  } else if (RESERVED_KEYS.includes(key)) {
    problems.push({
      code: 'schema',
      message: `The key "${key}" is reserved; choose another.`,
      path: '/key',
    });
  }
  if (typeof name !== 'string' || name.trim() === '' || name.length > MAX_NAME_LENGTH) {
    problems.push({
      code: 'schema',
      message: `The name must be text of 1–${MAX_NAME_LENGTH} characters.`,
      path: '/name',
    });
  }
  return problems;
}

/**
 * The first string or property name that cannot be stored. Call it only
 * after validateDefinition's input guard has bounded size and depth.
 */
export function findUnstorableText(value: unknown): Problem | undefined {
  const path = unstorablePath(value);
  return path === undefined ? undefined : unstorable(path);
}

function unstorable(path: string): Problem {
  return {
    code: 'not_json',
    message: `The text at ${path} contains a NUL character or a broken Unicode surrogate, which cannot be stored.`,
    path,
  };
}

/** Splits validation problems into those that stop a save and those a draft may have. */
export function fatalForDraft(problems: readonly Problem[]): Problem[] {
  return problems.filter((p) => INPUT_PROBLEM_CODES.includes(p.code));
}
