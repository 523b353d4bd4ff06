// NUL and unpaired surrogates are valid in JSON text but PostgreSQL refuses
// them in text and jsonb; without this check they would end as a 500.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The JSON Pointer of the first string or property name in `value` that
 * cannot be stored, or undefined. Iterative, so deep input cannot overflow
 * the stack; bound the input's size before calling it.
 */
export function unstorablePath(value: unknown): string | undefined {
  const stack: { value: unknown; path: string }[] = [{ value, path: '' }];
  while (stack.length > 0) {
    const { value: v, path } = stack.pop()!;
    if (typeof v === 'string') {
      if (UNSTORABLE.test(v)) return path || '/';
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push({ value: item, path: `${path}/${i}` }));
    } else if (isPlainObject(v)) {
      for (const [k, item] of Object.entries(v)) {
        const p = `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        if (UNSTORABLE.test(k)) return p;
        stack.push({ value: item, path: p });
      }
    }
  }
  return undefined;
}
