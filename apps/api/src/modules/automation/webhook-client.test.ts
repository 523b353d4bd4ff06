// Against a real HTTP server on 127.0.0.1 (let through by the allow list):
// what reaches the wire is what a receiver would see.
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { WebhookRequest } from '@baton/flow';
import type { AddressInfo } from 'node:net';
import { verifyWebhookSignature } from './signing.js';
import {
  MAX_KEPT_BODY_BYTES,
  MAX_READ_BODY_BYTES,
  sendWebhook,
  type SendWebhookOptions,
} from './webhook-client.js';
import { WebhookFailed, WebhookRefused } from './webhook.errors.js';

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

interface TestServer {
  url: string;
  port: number;
  requests: Received[];
  connections: number;
  close(): Promise<void>;
}

const servers: TestServer[] = [];

async function serve(
  handler: (req: Received, res: ServerResponse, n: number) => void,
): Promise<TestServer> {
  const requests: Received[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const received = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(received);
      handler(received, res, requests.length);
    });
  });
  const state: TestServer = {
    url: '',
    port: 0,
    requests,
    connections: 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  server.on('connection', () => state.connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.port = (server.address() as AddressInfo).port;
  state.url = `http://127.0.0.1:${state.port}`;
  servers.push(state);
  return state;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const now = new Date('2025-03-01T12:00:00Z');
const opts: SendWebhookOptions = {
  secret: 'whsec_test',
  deliveryId: 'act_7',
  allow: ['127.0.0.1'],
  now: () => now,
  timeoutMs: 2000,
};

function json(res: ServerResponse, status: number, value: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
}

async function failure(work: Promise<unknown>): Promise<WebhookFailed | WebhookRefused> {
  try {
    await work;
  } catch (err) {
    if (err instanceof WebhookFailed || err instanceof WebhookRefused) return err;
    throw err;
  }
  throw new Error('expected the delivery to fail');
}

describe('sendWebhook: delivery', () => {
  it('delivers the JSON body with a signature the receiver can verify', async () => {
    const server = await serve((_req, res) => json(res, 201, { ticket: 'T-1' }));
    const result = await sendWebhook(
      {
        url: `${server.url}/hooks/erp?src=baton`,
        method: 'post',
        headers: {
          Authorization: 'Bearer abc',
          'X-Baton-Signature': 'forged',
          Host: 'evil.example',
        },
        body: { orderId: 42, note: '审批通过' },
      },
      opts,
    );

    expect(result).toEqual({
      status: 201,
      ok: true,
      headers: expect.objectContaining({ 'content-type': 'application/json' }),
      body: { ticket: 'T-1' },
      truncated: false,
    });
    const [got] = server.requests;
    expect(got.method).toBe('POST');
    expect(got.url).toBe('/hooks/erp?src=baton');
    expect(JSON.parse(got.body)).toEqual({ orderId: 42, note: '审批通过' });
    expect(got.headers['content-type']).toBe('application/json');
    expect(got.headers['content-length']).toBe(String(Buffer.byteLength(got.body)));
    expect(got.headers.authorization).toBe('Bearer abc');
    expect(got.headers.host).toBe(`127.0.0.1:${server.port}`); // the flow cannot set Host
    expect(got.headers['x-baton-delivery']).toBe('act_7');
    expect(got.headers['x-baton-event']).toBe('automation');
    const signature = got.headers['x-baton-signature'] as string;
    expect(signature).not.toBe('forged');
    expect(verifyWebhookSignature('whsec_test', signature, got.body, now)).toBe(true);
    expect(verifyWebhookSignature('whsec_test', signature, got.body.replace('42', '43'), now)).toBe(
      false,
    );
  });

  it('sends no body with GET and DELETE, and signs the empty body', async () => {
    const server = await serve((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/plain' }).end('fine'),
    );
    for (const method of ['GET', 'DELETE']) {
      const result = await sendWebhook(
        { url: server.url, method, headers: {}, body: { ignored: true } },
        opts,
      );
      expect(result.body).toBe('fine');
    }
    for (const got of server.requests) {
      expect(got.body).toBe('');
      expect(got.headers['content-type']).toBeUndefined();
      expect(
        verifyWebhookSignature('whsec_test', got.headers['x-baton-signature'] as string, '', now),
      ).toBe(true);
    }
  });

  it('connects to the address it checked, not to a second DNS answer', async () => {
    const server = await serve((_req, res) => json(res, 200, {}));
    // Rebinding: the name would point elsewhere on a second lookup; there is none.
    const resolve = jest.fn(async () => ['127.0.0.1']);
    await sendWebhook(
      { url: `http://rebind.test:${server.port}/x`, method: 'POST', headers: {} },
      { ...opts, allow: ['rebind.test'], resolve },
    );
    expect(resolve).toHaveBeenCalledTimes(1);
    expect(server.requests[0].headers.host).toBe(`rebind.test:${server.port}`);
  });
});

describe('sendWebhook: failures say whether a retry can help', () => {
  it('500 then 200: the first attempt is retryable, the caller retries, the second succeeds', async () => {
    const server = await serve((_req, res, n) =>
      n === 1 ? json(res, 500, { error: 'db down' }) : json(res, 200, { ok: 1 }),
    );
    const request = { url: `${server.url}/hook`, method: 'POST', headers: {}, body: { a: 1 } };

    const first = await failure(sendWebhook(request, opts));
    expect(first).toBeInstanceOf(WebhookFailed);
    expect(first).toMatchObject({
      code: 'http_error',
      retryable: true,
      status: 500,
      response: { body: { error: 'db down' } },
    });

    await expect(sendWebhook(request, opts)).resolves.toMatchObject({
      status: 200,
      body: { ok: 1 },
    });
    // Both attempts are the same delivery to the receiver.
    expect(server.requests.map((r) => r.headers['x-baton-delivery'])).toEqual(['act_7', 'act_7']);
  });

  it('400 is not retryable; 429 and 503 are', async () => {
    const statuses = [400, 429, 503, 404];
    const server = await serve((_req, res, n) => json(res, statuses[n - 1], { n }));
    const request = { url: server.url, method: 'POST', headers: {}, body: {} };
    const results = [];
    for (const _ of statuses) results.push(await failure(sendWebhook(request, opts)));
    expect(results.map((e) => [(e as WebhookFailed).status, e.retryable])).toEqual([
      [400, false],
      [429, true],
      [503, true],
      [404, false],
    ]);
    expect(results[0].message).toMatch(/HTTP 400.*will not help/);
  });

  it('times out within timeoutMs when the server never answers', async () => {
    const server = await serve(() => {
      /* never answers */
    });
    const started = Date.now();
    const err = await failure(
      sendWebhook(
        { url: server.url, method: 'POST', headers: {}, body: {} },
        { ...opts, timeoutMs: 300 },
      ),
    );
    const took = Date.now() - started;
    expect(err).toMatchObject({ code: 'timeout', retryable: true });
    expect(err.message).toContain('300 ms');
    expect(took).toBeGreaterThanOrEqual(290);
    expect(took).toBeLessThan(1500);
    expect(server.requests).toHaveLength(1);
  });

  it('a connection refused is retryable', async () => {
    const server = await serve(() => undefined);
    const url = server.url;
    await server.close();
    const err = await failure(sendWebhook({ url, method: 'POST', headers: {} }, opts));
    expect(err).toMatchObject({ code: 'connection_failed', retryable: true });
    expect(err.message).toContain('ECONNREFUSED');
  });

  it('does not follow a redirect to 127.0.0.1, and says why', async () => {
    const target = await serve((_req, res) => json(res, 200, { reached: true }));
    const server = await serve((_req, res) =>
      res.writeHead(302, { location: `${target.url}/admin` }).end(),
    );
    const err = await failure(
      sendWebhook({ url: server.url, method: 'POST', headers: {}, body: {} }, opts),
    );
    expect(err).toMatchObject({ code: 'redirect_not_followed', retryable: false, status: 302 });
    expect(err.message).toContain(`${target.url}/admin`);
    expect(err.message).toMatch(/redirects are not followed/);
    expect(target.connections).toBe(0);
  });

  it('refuses 127.0.0.1 without an allow-list entry before connecting', async () => {
    const server = await serve((_req, res) => json(res, 200, {}));
    const err = await failure(
      sendWebhook(
        { url: `${server.url}/hook`, method: 'POST', headers: {}, body: {} },
        { ...opts, allow: [] },
      ),
    );
    expect(err).toBeInstanceOf(WebhookRefused);
    expect(err).toMatchObject({ code: 'address_not_allowed', retryable: false });
    // Give a stray connection time to show up before asserting there was none.
    await new Promise((r) => setTimeout(r, 50));
    expect(server.connections).toBe(0);
    expect(server.requests).toHaveLength(0);
  });

  it('refuses a bad method or header without connecting', async () => {
    const server = await serve((_req, res) => json(res, 200, {}));
    const bad: WebhookRequest[] = [
      { url: server.url, method: 'TRACE', headers: {} },
      { url: server.url, method: 'POST', headers: { 'X-Evil': 'a\r\nInjected: 1' } },
    ];
    for (const request of bad)
      expect(await failure(sendWebhook(request, opts))).toMatchObject({
        code: 'invalid_request',
        retryable: false,
      });
    expect(server.connections).toBe(0);
  });
});

describe('sendWebhook: large answers', () => {
  it('keeps the first 64 KB of a large answer as text and marks it truncated', async () => {
    const big = JSON.stringify({ rows: 'x'.repeat(200 * 1024) });
    const server = await serve((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(big),
    );
    const result = await sendWebhook({ url: server.url, method: 'GET', headers: {} }, opts);
    expect(result.truncated).toBe(true);
    expect(typeof result.body).toBe('string');
    expect(Buffer.byteLength(result.body as string)).toBe(MAX_KEPT_BODY_BYTES);
    expect(result.body).toBe(big.slice(0, MAX_KEPT_BODY_BYTES));
  });

  it('stops reading an endless answer soon after 1 MB', async () => {
    let written = 0;
    let hungUp = false;
    const chunk = Buffer.alloc(64 * 1024, 'y');
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.on('close', () => (hungUp = true));
      const pump = () => {
        // Respect backpressure so `written` counts what the client could have read, up to 200 MB.
        while (!hungUp && written < 200 * 1024 * 1024) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    });
    const result = await sendWebhook(
      { url: server.url, method: 'GET', headers: {} },
      { ...opts, timeoutMs: 5000 },
    );
    expect(result.truncated).toBe(true);
    expect((result.body as string).length).toBe(MAX_KEPT_BODY_BYTES);
    await new Promise((r) => setTimeout(r, 50));
    expect(hungUp).toBe(true);
    // Socket buffers let the server get somewhat ahead of us, never near the whole answer.
    expect(written).toBeGreaterThan(MAX_READ_BODY_BYTES);
    expect(written).toBeLessThan(32 * 1024 * 1024);
  });
});
