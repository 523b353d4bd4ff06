import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { api, ApiError, http, onUnauthorized, requestRaw, tokenStore } from './api';

// The client in a plain Node test: a fake fetch and an in-memory localStorage.
function stubStorage(): void {
  const data = new Map<string, string>();
  (globalThis as { localStorage?: Partial<Storage> }).localStorage = {
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

type FetchArgs = [string, RequestInit];
let calls: FetchArgs[] = [];

function respond(status: number, body: unknown, statusText = ''): void {
  globalThis.fetch = jest.fn(async (url: string, init: RequestInit) => {
    calls.push([url, init]);
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    return new Response(status === 204 ? null : text, { status, statusText });
  }) as unknown as typeof fetch;
}

beforeEach(() => {
  calls = [];
  stubStorage();
});

afterEach(() => {
  delete (globalThis as { localStorage?: unknown }).localStorage;
});

describe('request', () => {
  it('sends JSON with the bearer token and returns the parsed body', async () => {
    tokenStore.set('tok-1');
    respond(200, { id: 'u1' });
    await expect(http.post('/things', { a: 1 }, { idempotencyKey: 'k1' })).resolves.toEqual({
      id: 'u1',
    });
    const [url, init] = calls[0];
    expect(url).toBe('/api/things');
    expect(init.method).toBe('POST');
    expect(init.body).toBe('{"a":1}');
    expect(init.headers).toMatchObject({
      Authorization: 'Bearer tok-1',
      'Content-Type': 'application/json',
      'Idempotency-Key': 'k1',
    });
  });

  it('turns an error body into ApiError { status, code, message }', async () => {
    respond(409, { error: 'conflict', message: 'The task is no longer open', taskId: 't1' });
    const error = await http.get('/tasks/t1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 409,
      code: 'conflict',
      message: 'The task is no longer open',
    });
    expect((error as ApiError).body.taskId).toBe('t1');
  });

  it('copes with a non-JSON error page from a proxy', async () => {
    respond(502, '<html>Bad Gateway</html>', 'Bad Gateway');
    await expect(http.get('/x')).rejects.toMatchObject({
      status: 502,
      code: 'http_502',
      message: 'Bad Gateway',
    });
  });

  it('reports a network failure as status 0, network_error', async () => {
    globalThis.fetch = jest.fn(async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    await expect(http.get('/x')).rejects.toMatchObject({ status: 0, code: 'network_error' });
  });

  it('on 401 with a token: forgets the token and tells the listeners', async () => {
    tokenStore.set('expired');
    const listener = jest.fn();
    const stop = onUnauthorized(listener);
    respond(401, { error: 'unauthorized', message: 'Token expired' });
    await expect(api.me()).rejects.toMatchObject({ status: 401 });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(tokenStore.get()).toBeNull();
    stop();
  });

  it('a wrong password at login is an error to show, not a session expiry', async () => {
    tokenStore.set('old');
    const listener = jest.fn();
    const stop = onUnauthorized(listener);
    respond(401, { error: 'invalid_credentials', message: 'Invalid username or password' });
    await expect(api.login('admin', 'nope')).rejects.toMatchObject({ code: 'invalid_credentials' });
    expect(calls[0][1].headers).not.toHaveProperty('Authorization');
    expect(listener).not.toHaveBeenCalled();
    stop();
  });

  it('still works when storage is unavailable', async () => {
    delete (globalThis as { localStorage?: unknown }).localStorage;
    respond(200, { status: 'ok', db: 'ok', queue: 'ok' });
    await expect(api.health()).resolves.toEqual({ status: 'ok', db: 'ok', queue: 'ok' });
    expect(tokenStore.get()).toBeNull();
  });
});

describe('requestRaw (file downloads and HEAD)', () => {
  it('sends the bearer token and hands back the response untouched', async () => {
    tokenStore.set('tok-2');
    respond(200, 'raw bytes');
    const response = await requestRaw('GET', '/files/f1');
    await expect(response.text()).resolves.toBe('raw bytes');
    expect(calls[0][0]).toBe('/api/files/f1');
    expect(calls[0][1].method).toBe('GET');
    expect(calls[0][1].headers).toEqual({ Authorization: 'Bearer tok-2' });
  });

  it('fails like request does: our error body on GET, the status alone on HEAD', async () => {
    respond(404, { error: 'not_found', message: 'No such file.' });
    await expect(requestRaw('GET', '/files/x')).rejects.toMatchObject({
      status: 404,
      code: 'not_found',
      message: 'No such file.',
    });
    respond(404, '', 'Not Found');
    await expect(requestRaw('HEAD', '/files/x')).rejects.toMatchObject({
      status: 404,
      code: 'http_404',
    });
  });

  it('on 401 with a token: signs the user out, as every other call does', async () => {
    tokenStore.set('expired');
    const listener = jest.fn();
    const stop = onUnauthorized(listener);
    respond(401, { error: 'unauthorized', message: 'Token expired' });
    await expect(requestRaw('GET', '/files/f1')).rejects.toBeInstanceOf(ApiError);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(tokenStore.get()).toBeNull();
    stop();
  });
});
