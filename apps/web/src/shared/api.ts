// A small typed fetch client. Every failure becomes an ApiError so screens can
// show `t('errors.<code>')` with the server's message as the fallback.
import type { ApiErrorBody, Health, LoginResponse, User } from '@baton/contracts';

const TOKEN_KEY = 'baton.token';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** The whole error body, for details such as `problems` or `fields`. */
  readonly body: Partial<ApiErrorBody>;

  constructor(status: number, code: string, message: string, body: Partial<ApiErrorBody> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.body = body;
  }
}

// localStorage can throw (private mode, disabled storage): the app must still work
// for the session, so these helpers swallow storage errors.
export const tokenStore = {
  get(): string | null {
    try {
      return localStorage.getItem(TOKEN_KEY);
    } catch {
      return null;
    }
  },
  set(token: string): void {
    try {
      localStorage.setItem(TOKEN_KEY, token);
    } catch {
      /* session-only */
    }
  },
  clear(): void {
    try {
      localStorage.removeItem(TOKEN_KEY);
    } catch {
      /* nothing stored */
    }
  },
};

type UnauthorizedListener = () => void;
const unauthorizedListeners = new Set<UnauthorizedListener>();

/**
 * Called when a request that carried a token gets 401 (expired or revoked session).
 * The auth provider listens and drops the user, which routes back to the login page.
 */
export function onUnauthorized(listener: UnauthorizedListener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
  /** Sent as Idempotency-Key so a retried POST changes nothing twice (docs/API.md). */
  idempotencyKey?: string;
  /** Login and health must not send a stale token nor trigger the 401 redirect. */
  anonymous?: boolean;
}

export async function request<T>(
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = options.anonymous ? null : tokenStore.get();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;

  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network_error', err instanceof Error ? err.message : String(err));
  }

  const text = await response.text();
  if (!response.ok) throw failure(response.status, response.statusText, text, Boolean(token));
  return parseJson(text) as T;
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    // A proxy or gateway page, not our API: keep the status, drop the HTML.
    return undefined;
  }
}

/**
 * The ApiError for a failed answer (`{ error, message }` when it is ours). A 401 on a
 * call that carried a token signs the user out, whichever transport made the call.
 */
function failure(status: number, statusText: string, text: string, hadToken: boolean): ApiError {
  const data = parseJson(text);
  const body = (data && typeof data === 'object' ? data : {}) as Partial<ApiErrorBody>;
  const code = typeof body.error === 'string' ? body.error : `http_${status}`;
  const message = typeof body.message === 'string' ? body.message : statusText;
  if (status === 401 && hadToken) {
    tokenStore.clear();
    unauthorizedListeners.forEach((listener) => listener());
  }
  return new ApiError(status, code, message, body);
}

/**
 * A call whose answer is not JSON (a file's bytes, or only its headers with HEAD):
 * the Response when it succeeded, otherwise the same ApiError `request` throws.
 */
export async function requestRaw(
  method: 'GET' | 'HEAD',
  path: string,
  options: Pick<RequestOptions, 'signal'> = {},
): Promise<Response> {
  const token = tokenStore.get();
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers: token ? { Authorization: `Bearer ${token}` } : {},
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network_error', err instanceof Error ? err.message : String(err));
  }
  if (!response.ok) {
    const text = method === 'HEAD' ? '' : await response.text().catch(() => '');
    throw failure(response.status, response.statusText, text, Boolean(token));
  }
  return response;
}

export interface UploadOptions {
  /** The multipart field holding the file (the API's POST /files wants `file`). */
  field?: string;
  /** Called as bytes go out, 0–100. */
  onProgress?: (percent: number) => void;
  signal?: AbortSignal;
}

/**
 * POST one file as multipart/form-data with the user's token. XMLHttpRequest
 * rather than fetch because only it reports upload progress.
 */
export function uploadFile<T>(
  path: string,
  file: Blob,
  fileName: string,
  options: UploadOptions = {},
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const token = tokenStore.get();
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api${path}`);
    xhr.setRequestHeader('Accept', 'application/json');
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0)
        options.onProgress?.(Math.min(100, Math.round((event.loaded / event.total) * 100)));
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve(parseJson(xhr.responseText) as T);
      else reject(failure(xhr.status, xhr.statusText, xhr.responseText, Boolean(token)));
    };
    xhr.onerror = () =>
      reject(new ApiError(0, 'network_error', 'The upload did not reach the server'));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'));
    if (options.signal) {
      if (options.signal.aborted) {
        reject(new DOMException('The upload was cancelled', 'AbortError'));
        return;
      }
      options.signal.addEventListener('abort', () => xhr.abort(), { once: true });
    }
    const body = new FormData();
    body.append(options.field ?? 'file', file, fileName);
    xhr.send(body);
  });
}

export const http = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('PUT', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('PATCH', path, { ...options, body }),
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, options),
};

/** Typed endpoints of the stable core; feature folders add their own next to their screens. */
export const api = {
  health: (signal?: AbortSignal) => http.get<Health>('/health', { signal, anonymous: true }),
  login: (username: string, password: string) =>
    http.post<LoginResponse>('/auth/login', { username, password }, { anonymous: true }),
  me: (signal?: AbortSignal) => http.get<User>('/me', { signal }),
};
