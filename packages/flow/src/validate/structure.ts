// The structural pass: ajv against definitionSchema, errors turned into
// problems with JSON-pointer paths and plain-English messages.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { Problem } from '../definition.js';
import { definitionSchema } from '../schema/definition.schema.js';

/** Enough to fix a definition by hand; a hostile one could produce thousands. */
export const MAX_SCHEMA_PROBLEMS = 50;

let compiled: ValidateFunction | undefined;
let metaAjv: Ajv | undefined;

// Compiled on first use, not at import, so importing @baton/flow stays cheap.
function validator(): ValidateFunction {
  compiled ??= new Ajv({ allErrors: true, discriminator: true, strict: true }).compile(
    definitionSchema,
  );
  return compiled;
}

/** An ajv instance used only to check form schemas against the draft-07 meta-schema. */
export function metaSchemaAjv(): Ajv {
  metaAjv ??= new Ajv({ allErrors: true, strict: false, validateFormats: false });
  return metaAjv;
}

function pointerToNode(root: unknown, pointer: string): { nodeId?: string; edgeId?: string } {
  const match = /^\/graph\/(nodes|edges)\/(\d+)/.exec(pointer);
  if (!match) return {};
  const list = (root as { graph?: Record<string, unknown> }).graph?.[match[1]];
  const item = Array.isArray(list) ? (list[Number(match[2])] as unknown) : undefined;
  const id = item && typeof item === 'object' ? (item as { id?: unknown }).id : undefined;
  if (typeof id !== 'string') return {};
  return match[1] === 'nodes' ? { nodeId: id } : { edgeId: id };
}

export function describeAjvError(error: ErrorObject, where: string): string {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `${where} is missing the required property "${String(p.missingProperty)}".`;
    case 'additionalProperties':
      return `${where} has an unknown property "${String(p.additionalProperty)}".`;
    case 'type':
      return `${where} must be of type ${String(p.type)}.`;
    case 'const':
    case 'enum': {
      const allowed = (p.allowedValues ?? [p.allowedValue]) as unknown[];
      return `${where} must be one of: ${allowed.map((v) => JSON.stringify(v)).join(', ')}.`;
    }
    case 'maxItems':
      return `${where} has more than ${String(p.limit)} items.`;
    case 'maxLength':
      return `${where} is longer than ${String(p.limit)} characters.`;
    case 'minLength':
      return `${where} must not be empty.`;
    case 'maxProperties':
      return `${where} has more than ${String(p.limit)} entries.`;
    case 'pattern':
      return where.endsWith('/key')
        ? `${where} must start with a lowercase letter and hold 2 to 63 lowercase letters, digits or dashes.`
        : `${where} does not have the expected form (${String(p.pattern)}).`;
    case 'discriminator':
      // A missing or non-string tag is dropped as noise; what is left is an unknown tag value.
      return `${where} has an unknown ${String(p.tag)} ${JSON.stringify(p.tagValue)}.`;
    case 'anyOf':
      return `${where} does not match any of its allowed forms.`;
    default:
      return `${where} ${String(error.message)}.`;
  }
}

/** A missing or mistyped tag is reported by `required` or `type` already. */
function dropTagNoise(errors: ErrorObject[]): ErrorObject[] {
  return errors.filter((e) => {
    if (e.keyword !== 'discriminator' || (e.params as { error?: string }).error !== 'tag')
      return true;
    const tag = String((e.params as { tag?: unknown }).tag);
    return !errors.some(
      (other) =>
        other !== e &&
        ((other.instancePath === e.instancePath && other.keyword === 'required') ||
          other.instancePath === `${e.instancePath}/${tag}`),
    );
  });
}

/**
 * Errors under an anyOf are noise once the anyOf itself is reported; keep the
 * anyOf error and drop its branches' errors at the same place or below (the
 * schema only uses anyOf on values that have no other keywords).
 */
export function dropAnyOfNoise(errors: ErrorObject[]): ErrorObject[] {
  const anyOfAt = errors.filter((e) => e.keyword === 'anyOf');
  return errors.filter(
    (e) =>
      e.keyword === 'anyOf' ||
      !anyOfAt.some(
        (a) => e.instancePath === a.instancePath || e.instancePath.startsWith(`${a.instancePath}/`),
      ),
  );
}

export function validateStructure(input: unknown): Problem[] {
  const validate = validator();
  if (validate(input)) return [];
  const errors = dropTagNoise(dropAnyOfNoise(validate.errors ?? []));
  const problems: Problem[] = errors.slice(0, MAX_SCHEMA_PROBLEMS).map((error) => {
    const path = error.instancePath;
    const where = path === '' ? 'The definition' : path;
    return {
      code: 'schema',
      message: describeAjvError(error, where),
      path,
      ...pointerToNode(input, path),
    };
  });
  if (errors.length > MAX_SCHEMA_PROBLEMS) {
    problems.push({
      code: 'schema',
      message: `${errors.length - MAX_SCHEMA_PROBLEMS} more structural problems are not listed.`,
      path: '',
    });
  }
  return problems;
}
