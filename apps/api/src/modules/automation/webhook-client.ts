// One webhook delivery attempt: check the address, sign the body, send it,
// read a bounded answer, and say whether trying again could help. Retrying
// itself belongs to the queue (attempts + backoff), so this never loops.
//
// node:http(s) rather than fetch: its `lookup` option lets us hand the
// socket the addresses the guard already checked, while the URL's host name
// still drives the Host header and TLS SNI/certificate check. Node 20's
// fetch would need the undici package for the same control.
import type { WebhookRequest } from '@baton/flow';
import {
  request as httpRequest,
  validateHeaderName,
  validateHeaderValue,
  type IncomingMessage,
  type OutgoingHttpHeaders,
} from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { checkWebhookUrl, type AddressGuardOptions } from './address-guard.js';
import { signedHeaders } from './signing.js';
import { WebhookFailed, WebhookRefused, type WebhookFailureResponse } from './webhook.errors.js';

export const DEFAULT_TIMEOUT_MS = 10_000;
/** What a result keeps of the answer body (it may end up in instance data). */
export const MAX_KEPT_BODY_BYTES = 64 * 1024;
/** Past this we stop reading and drop the connection, so a huge or endless answer costs little. */
export const MAX_READ_BODY_BYTES = 1024 * 1024;

export interface SendWebhookOptions {
  /** The installation's webhook secret (HMAC key). */
  secret: string;
  /** Same id for every retry of one delivery, so receivers can deduplicate. */
  deliveryId: string;
  allow: readonly string[];
  /** Whole attempt: DNS, connect, TLS, request, answer. */
  timeoutMs?: number;
  now?: () => Date;
  /** DNS override, for tests. */
  resolve?: AddressGuardOptions['resolve'];
}

export interface WebhookResponse {
  status: number;
  /** 2xx. sendWebhook only returns those (anything else throws WebhookFailed), so this is true on a returned value. */
  ok: boolean;
  headers: Record<string, string>;
  /** Parsed JSON when the answer says it is JSON and came whole; otherwise text, cut at MAX_KEPT_BODY_BYTES. */
  body: unknown;
  /** The answer was longer than MAX_KEPT_BODY_BYTES. */
  truncated: boolean;
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);
const BODYLESS = new Set(['GET', 'HEAD', 'DELETE']);
// Framing headers must match what we actually send, and our own X-Baton-*
// headers must not be forgeable by whoever wrote the flow.
const RESERVED_HEADERS = new Set([
  'host',
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'upgrade',
  'te',
  'trailer',
  'expect',
]);
// Certificate problems do not heal within the backoff window; an admin has to look.
const TLS_CERT_ERRORS = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS_CERT/;

interface Outgoing {
  url: URL;
  method: string;
  headers: OutgoingHttpHeaders;
  rawBody: string;
}

function invalid(message: string): WebhookFailed {
  return new WebhookFailed('invalid_request', message, false);
}

function buildRequest(request: WebhookRequest, opts: SendWebhookOptions, now: Date): Outgoing {
  const method = String(request.method ?? 'POST').toUpperCase();
  if (!METHODS.has(method))
    throw invalid(
      `Webhook method "${request.method}" is not supported; use ${[...METHODS].join(', ')}.`,
    );

  let rawBody = '';
  if (!BODYLESS.has(method) && request.body !== undefined) {
    try {
      rawBody = JSON.stringify(request.body) ?? '';
    } catch (err) {
      throw invalid(`Webhook body cannot be sent as JSON: ${(err as Error).message}`);
    }
  }

  const headers: OutgoingHttpHeaders = { 'user-agent': 'Baton-Webhook/1' };
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    const key = name.toLowerCase();
    if (RESERVED_HEADERS.has(key) || key.startsWith('x-baton-')) continue;
    try {
      validateHeaderName(name);
      validateHeaderValue(name, String(value));
    } catch {
      throw invalid(`Webhook header "${name}" has an invalid name or value.`);
    }
    headers[key] = String(value);
  }
  if (rawBody) {
    headers['content-type'] ??= 'application/json';
    headers['content-length'] = Buffer.byteLength(rawBody);
  }
  for (const [name, value] of Object.entries(
    signedHeaders(opts.secret, rawBody, opts.deliveryId, now),
  )) {
    headers[name.toLowerCase()] = value;
  }
  return { url: new URL(request.url), method, headers, rawBody };
}

/** A lookup that never asks DNS: it answers with the addresses the guard checked. */
function pinnedLookup(addresses: string[]): LookupFunction {
  const all = addresses.map((address) => ({ address, family: isIP(address) }));
  return (_host, options, callback) => {
    const wanted =
      options.family === 4 || options.family === 6
        ? all.filter((a) => a.family === options.family)
        : all;
    const list = wanted.length ? wanted : all;
    if (options.all) callback(null, list);
    else callback(null, list[0].address, list[0].family);
  };
}

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  bytes: Buffer;
  truncated: boolean;
}

function flattenHeaders(message: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function exchange(out: Outgoing, addresses: string[], signal: AbortSignal): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const { url } = out;
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send({
      protocol: url.protocol,
      hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      method: out.method,
      headers: out.headers,
      auth: url.username
        ? `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`
        : undefined,
      lookup: pinnedLookup(addresses),
      // No pooled sockets: each attempt connects to the addresses it checked itself.
      agent: false,
      signal,
    });
    req.on('error', reject);
    req.on('response', (res) => {
      const kept: Buffer[] = [];
      let keptBytes = 0;
      let readBytes = 0;
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        resolve({
          status: res.statusCode ?? 0,
          headers: flattenHeaders(res),
          bytes: Buffer.concat(kept),
          truncated: readBytes > MAX_KEPT_BODY_BYTES,
        });
      };
      res.on('data', (chunk: Buffer) => {
        readBytes += chunk.length;
        if (keptBytes < MAX_KEPT_BODY_BYTES) {
          const part = chunk.subarray(0, MAX_KEPT_BODY_BYTES - keptBytes);
          kept.push(part);
          keptBytes += part.length;
        }
        // Between the two limits we keep draining so an ordinary large answer
        // ends cleanly; past the hard limit we hang up instead of reading on.
        if (readBytes > MAX_READ_BODY_BYTES) {
          finish();
          req.destroy();
        }
      });
      res.on('end', finish);
      res.on('error', reject);
      res.on('close', () => {
        if (!done)
          reject(
            Object.assign(new Error('Connection closed before the answer was complete.'), {
              code: 'ECONNRESET',
            }),
          );
      });
    });
    req.end(out.rawBody || undefined);
  });
}

function decodeBody(raw: RawResponse): unknown {
  // fatal: false, so a multi-byte character cut by truncation becomes U+FFFD instead of an error.
  const text = new TextDecoder('utf-8').decode(raw.bytes);
  const type = raw.headers['content-type'] ?? '';
  if (!raw.truncated && /^application\/([\w.-]+\+)?json\b/i.test(type)) {
    try {
      return JSON.parse(text);
    } catch {
      return text; // says JSON, is not: keep what it said for the incident
    }
  }
  return text;
}

function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => (signal.removeEventListener('abort', onAbort), resolve(value)),
      (err) => (signal.removeEventListener('abort', onAbort), reject(err)),
    );
  });
}

function toFailure(err: unknown, timedOut: boolean, timeoutMs: number): Error {
  if (err instanceof WebhookFailed || err instanceof WebhookRefused) return err;
  if (timedOut)
    return new WebhookFailed('timeout', `Webhook did not answer within ${timeoutMs} ms.`, true);
  const code = (err as { code?: string }).code ?? '';
  const detail = (err as Error).message ?? String(err);
  if (TLS_CERT_ERRORS.test(code))
    return new WebhookFailed(
      'tls_failed',
      `Webhook TLS certificate was rejected (${code}): ${detail}`,
      false,
    );
  if (code.startsWith('ERR_INVALID_') || code.startsWith('ERR_HTTP_INVALID'))
    return invalid(`Webhook request is invalid: ${detail}`);
  // Refused, reset, unreachable, DNS, malformed answers: the other side may recover.
  return new WebhookFailed(
    'connection_failed',
    `Webhook connection failed${code ? ` (${code})` : ''}: ${detail}`,
    true,
  );
}

function failForStatus(response: WebhookFailureResponse): WebhookFailed {
  const { status, headers } = response;
  if (status >= 300 && status < 400) {
    return new WebhookFailed(
      'redirect_not_followed',
      `Webhook answered ${status} redirecting to ${headers.location ?? '(no Location header)'}; redirects are not followed because the new address would skip the address check. Use the final URL in the automation.`,
      false,
      status,
      response,
    );
  }
  // 408 is the server giving up on a slow request, i.e. a timeout: worth another try like 429 and 5xx.
  const retryable = status >= 500 || status === 429 || status === 408;
  const hint = retryable ? '' : '; retrying the same request will not help';
  return new WebhookFailed(
    'http_error',
    `Webhook answered HTTP ${status}${hint}.`,
    retryable,
    status,
    response,
  );
}

/**
 * Sends one webhook request. Resolves on a 2xx answer; throws WebhookRefused
 * (address or URL not allowed: permanent) or WebhookFailed (`retryable` says
 * whether the queue should try again).
 */
export async function sendWebhook(
  request: WebhookRequest,
  opts: SendWebhookOptions,
): Promise<WebhookResponse> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new Error(`timed out after ${timeoutMs} ms`)),
    timeoutMs,
  );
  try {
    // The guard first: nothing is built or sent for a URL it refuses.
    const addresses = await untilAborted(
      checkWebhookUrl(request.url, { allow: opts.allow, resolve: opts.resolve }),
      controller.signal,
    );
    const out = buildRequest(request, opts, (opts.now ?? (() => new Date()))());
    const raw = await exchange(out, addresses, controller.signal);
    const response = { status: raw.status, headers: raw.headers, body: decodeBody(raw) };
    if (raw.status < 200 || raw.status >= 300) throw failForStatus(response);
    return { ...response, ok: true, truncated: raw.truncated };
  } catch (err) {
    throw toFailure(err, controller.signal.aborted, timeoutMs);
  } finally {
    clearTimeout(timer);
  }
}
