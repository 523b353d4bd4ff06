// A small fetch-based client for tests that talk to API processes started
// from dist (support/processes.ts): every call bounded in time, every answer
// with its status, parsed body and duration. Also the bounded helpers those
// tests share (pool, until).

export interface Answer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  ms: number;
}

export interface ApiClient {
  base: string;
  call(
    method: string,
    path: string,
    token?: string,
    body?: unknown,
    headers?: Record<string, string>,
    timeoutMs?: number,
  ): Promise<Answer>;
  login(username: string, password: string): Promise<string>;
}

export function apiClient(base: string): ApiClient {
  async function call(
    method: string,
    p: string,
    token?: string,
    body?: unknown,
    headers: Record<string, string> = {},
    timeoutMs = 20000,
  ): Promise<Answer> {
    const t0 = Date.now();
    const res = await fetch(`${base}${p}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed, ms: Date.now() - t0 };
  }
  return {
    base,
    call,
    async login(username, password) {
      const res = await call('POST', '/api/auth/login', undefined, { username, password });
      if (res.status !== 200)
        throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.accessToken as string;
    },
  };
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Runs fn over items with at most `n` at a time; results in item order. */
export async function pool<T, R>(
  n: number,
  items: T[],
  fn: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i], i);
      }
    }),
  );
  return out;
}

/** Calls fn until it returns something truthy (errors count as "not yet"), at most timeoutMs. */
export async function until<T>(
  what: string,
  fn: () => Promise<T | undefined | false | null>,
  timeoutMs: number,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    const v = await fn().catch((err) => {
      lastError = err;
      return undefined;
    });
    if (v) return v;
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${(lastError as Error).message})` : ''}`,
      );
    await sleep(everyMs);
  }
}
