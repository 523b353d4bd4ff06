// JsonLogic over the form data. Conditions are data, never code; a rule
// json-logic-js cannot run counts as false rather than failing the transition.
import jsonLogic from 'json-logic-js';

export function holds(condition: unknown, data: Record<string, unknown>): boolean {
  if (condition === undefined || condition === null) return true;
  try {
    return jsonLogic.truthy(jsonLogic.apply(condition as never, data));
  } catch {
    return false;
  }
}

/**
 * Evaluates a value that may be a JsonLogic rule, or a plain structure with
 * rules inside (a webhook body, startProcess data). A one-key object whose key
 * is not an operation is plain data, not an error.
 */
export function evaluate(value: unknown, data: Record<string, unknown>): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => evaluate(v, data));
  if (jsonLogic.is_logic(value)) {
    try {
      return jsonLogic.apply(value as never, data);
    } catch {
      // Not a known operation: fall through and treat it as a plain object.
    }
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = evaluate(v, data);
  return out;
}
