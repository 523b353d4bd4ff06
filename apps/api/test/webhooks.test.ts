// Automations over HTTP against a real receiver on 127.0.0.1: a signed
// webhook whose JSON answer lands in the instance data, retries with backoff,
// an incident after the last attempt that an admin retries, the address guard
// refusing loopback when it is not allow-listed, and setFields with JsonLogic.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import type { ProcessDefinition } from '@baton/flow';
import { verifyWebhookSignature } from '../src/modules/automation/signing.js';
import {
  ADMIN_PASSWORD,
  DEMO_PASSWORD,
  createTestDatabase,
  startTestApp,
  testMode,
  type TestApp,
  type TestDatabase,
} from './support/test-app.js';
import { Actor, poll, publish } from './support/flows.js';

interface View {
  id: string;
  status: string;
  activeNodes: string[];
  data: Record<string, unknown>;
  incidents: { id: string; nodeId: string; code: string; message: string }[];
}
interface Incident {
  id: string;
  instanceId: string;
  processKey: string;
  nodeId: string;
  code: string;
  error: string;
  resolvedAt?: string;
}
interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  raw: string;
  order?: string;
}

/**
 * The receiver: records every request and answers by a script per order
 * number (a list of HTTP statuses, used up one per request; the last one
 * repeats). 2xx answers carry `{ erpId }`.
 */
class Receiver {
  readonly requests: Received[] = [];
  readonly scripts = new Map<string, number[]>();
  private server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let order: string | undefined;
      try {
        order = (JSON.parse(raw) as { order?: string }).order;
      } catch {
        order = undefined;
      }
      this.requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        raw,
        order,
      });
      const script = this.scripts.get(order ?? '') ?? [200];
      const status = script.length > 1 ? script.shift()! : script[0];
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(status < 300 ? { erpId: `E-${order}` } : { error: 'ERP is down' }));
    });
  });
  port = 0;

  async start() {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }
  close() {
    return new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
  forOrder(order: string) {
    return this.requests.filter((r) => r.order === order);
  }
}

const form = {
  schema: {
    type: 'object',
    properties: {
      orderNo: { type: 'string' },
      erpId: { type: 'string' },
      price: { type: 'number' },
      qty: { type: 'integer' },
      total: { type: 'number' },
      bigOrder: { type: 'boolean' },
    },
  },
  uiSchema: {},
};

function webhookFlow(url: string): ProcessDefinition {
  return {
    key: 'erp-sync',
    name: '同步 ERP',
    form,
    graph: {
      nodes: [
        { id: 'start', type: 'start' },
        {
          id: 'erp',
          type: 'automation',
          name: '推送 ERP',
          action: {
            kind: 'webhook',
            url,
            method: 'POST',
            headers: { 'X-Shop': 'baton-test' },
            body: { order: { var: 'orderNo' } },
          },
        },
        { id: 'end', type: 'end' },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'erp' },
        { id: 'e2', source: 'erp', target: 'end' },
      ],
    },
  } as ProcessDefinition;
}

const computeFlow = {
  key: 'compute-total',
  name: '计算金额',
  form,
  graph: {
    nodes: [
      { id: 'start', type: 'start' },
      {
        id: 'calc',
        type: 'automation',
        action: {
          kind: 'setFields',
          values: {
            total: { '*': [{ var: 'price' }, { var: 'qty' }] },
            bigOrder: { '>': [{ '*': [{ var: 'price' }, { var: 'qty' }] }, 1000] },
          },
        },
      },
      { id: 'end', type: 'end' },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'calc' },
      { id: 'e2', source: 'calc', target: 'end' },
    ],
  },
} as ProcessDefinition;

const instance = async (who: Actor, id: string): Promise<View> => {
  const res = await who.get(`/api/instances/${id}`);
  if (res.status !== 200)
    throw new Error(`GET instance ${id}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as View;
};

async function openIncidents(admin: Actor): Promise<Incident[]> {
  const res = await admin.get('/api/incidents');
  if (res.status !== 200)
    throw new Error(`GET incidents: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Incident[];
}

describe(`webhook and setFields automations (${testMode()} mode)`, () => {
  const receiver = new Receiver();
  let db: TestDatabase;
  let t: TestApp;
  let admin: Actor, pm: Actor;
  let secret: string;
  let url: string;

  beforeAll(async () => {
    await receiver.start();
    url = `http://127.0.0.1:${receiver.port}/erp/orders?src=baton`;
    db = await createTestDatabase();
    t = await startTestApp({
      db,
      env: {
        BATON_DEMO: '1',
        BATON_WEBHOOK_ALLOW: '127.0.0.1',
        BATON_WEBHOOK_ATTEMPTS: '3',
        BATON_WEBHOOK_BACKOFF_MS: '50',
        BATON_WEBHOOK_TIMEOUT_MS: '3000',
      },
    });
    admin = await Actor.as(t, 'admin', ADMIN_PASSWORD);
    pm = await Actor.as(t, 'pm', DEMO_PASSWORD);
    const [row] = await t.app
      .get(DataSource)
      .query(`SELECT value FROM system_settings WHERE key = 'webhook_secret'`);
    secret = row.value;
    expect(secret.length).toBeGreaterThanOrEqual(32);
    await publish(t, admin.token, webhookFlow(url));
    await publish(t, admin.token, computeFlow);
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
    await receiver.close();
  });

  it('sends the signed JSON body, merges the JSON answer into the data and continues', async () => {
    const started = await pm.start('erp-sync', { orderNo: 'SO-1' });
    const done = await poll(
      () => instance(pm, started.id),
      (v) => v.status !== 'running',
      15000,
      'the webhook step',
    );
    expect(done.status).toBe('completed');
    expect(done.data).toMatchObject({ orderNo: 'SO-1', erpId: 'E-SO-1' });

    const [req] = receiver.forOrder('SO-1');
    expect(receiver.forOrder('SO-1')).toHaveLength(1);
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/erp/orders?src=baton');
    expect(req.headers['content-type']).toMatch(/^application\/json/);
    expect(req.headers['x-shop']).toBe('baton-test');
    expect(JSON.parse(req.raw)).toEqual({ order: 'SO-1' });
    const signature = req.headers['x-baton-signature'] as string;
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature(secret, signature, req.raw, new Date())).toBe(true);
    // The signature covers the body and the secret, nothing else would do.
    expect(
      verifyWebhookSignature(secret, signature, req.raw.replace('SO-1', 'SO-2'), new Date()),
    ).toBe(false);
    expect(verifyWebhookSignature(`${secret}x`, signature, req.raw, new Date())).toBe(false);
    expect(req.headers['x-baton-delivery']).toBeTruthy();

    // The answer's change is in the audit trail, made by the system.
    const events = (await admin.get(`/api/instances/${started.id}/events`)).body as {
      type: string;
      actorId?: string;
      payload: Record<string, unknown>;
    }[];
    expect(
      events.find((e) => e.type === 'fieldChanged' && e.payload.field === 'erpId'),
    ).toMatchObject({ actorId: 'system', payload: { to: 'E-SO-1' } });
  });

  it('retries a failing receiver with backoff and delivers on the third attempt', async () => {
    receiver.scripts.set('SO-2', [500, 500, 200]);
    const started = await pm.start('erp-sync', { orderNo: 'SO-2' });
    const done = await poll(
      () => instance(pm, started.id),
      (v) => v.status !== 'running',
      15000,
      'the retried webhook',
    );
    expect(done.status).toBe('completed');
    expect(done.data.erpId).toBe('E-SO-2');
    const attempts = receiver.forOrder('SO-2');
    expect(attempts).toHaveLength(3);
    // One delivery: every attempt carries the same delivery id and a valid signature.
    expect(new Set(attempts.map((a) => a.headers['x-baton-delivery'])).size).toBe(1);
    for (const a of attempts)
      expect(
        verifyWebhookSignature(secret, a.headers['x-baton-signature'] as string, a.raw, new Date()),
      ).toBe(true);
    expect((await openIncidents(admin)).filter((i) => i.instanceId === started.id)).toEqual([]);
  });

  it('opens an incident after the last attempt; the instance waits until an admin retries it', async () => {
    receiver.scripts.set('SO-3', [500]);
    const started = await pm.start('erp-sync', { orderNo: 'SO-3' });
    const incidents = await poll(
      () => openIncidents(admin),
      (list) => list.some((i) => i.instanceId === started.id),
      15000,
      'the incident',
    );
    const incident = incidents.find((i) => i.instanceId === started.id)!;
    expect(incident).toMatchObject({
      processKey: 'erp-sync',
      nodeId: 'erp',
      code: 'automation_failed',
    });
    expect(incident.error).toContain('HTTP 500');
    expect(receiver.forOrder('SO-3')).toHaveLength(3); // BATON_WEBHOOK_ATTEMPTS, no more

    const waiting = await instance(pm, started.id);
    expect(waiting.status).toBe('running');
    expect(waiting.activeNodes).toEqual(['erp']);
    expect(waiting.data.erpId).toBeUndefined();

    // Incidents are for admins only.
    expect((await pm.get('/api/incidents')).status).toBe(403);
    expect((await pm.post(`/api/incidents/${incident.id}/retry`)).status).toBe(403);
    expect((await admin.post('/api/incidents/no-such-incident/retry')).status).toBe(404);

    // The receiver is fixed; the admin retries and the step runs again.
    receiver.scripts.set('SO-3', [200]);
    const retried = await admin.post(`/api/incidents/${incident.id}/retry`);
    expect(retried.status).toBe(200);
    const done = await poll(
      () => instance(pm, started.id),
      (v) => v.status !== 'running',
      15000,
      'the retried step',
    );
    expect(done.status).toBe('completed');
    expect(done.data.erpId).toBe('E-SO-3');
    expect(receiver.forOrder('SO-3')).toHaveLength(4);
    expect((await openIncidents(admin)).some((i) => i.id === incident.id)).toBe(false);
    const all = (await admin.get('/api/incidents?all=true')).body as Incident[];
    expect(all.find((i) => i.id === incident.id)?.resolvedAt).toBeDefined();
  });

  it('computes fields with JsonLogic in a setFields automation', async () => {
    const started = await pm.start('compute-total', { price: 125.5, qty: 10 });
    expect(started.status).toBe('completed');
    const view = await instance(pm, started.id);
    expect(view.data).toMatchObject({ price: 125.5, qty: 10, total: 1255, bigOrder: true });
    const small = await pm.start('compute-total', { price: 3, qty: 2 });
    expect((await instance(pm, small.id)).data).toMatchObject({ total: 6, bigOrder: false });
  });

  it('refuses 127.0.0.1 when it is not allow-listed: no request, an incident with a clear error', async () => {
    // Same installation (database, secret, published process), restarted without the allow list.
    await t.close();
    t = await startTestApp({
      db,
      env: { BATON_WEBHOOK_ATTEMPTS: '3', BATON_WEBHOOK_BACKOFF_MS: '50' },
    });
    admin = await Actor.as(t, 'admin', ADMIN_PASSWORD);
    pm = await Actor.as(t, 'pm', DEMO_PASSWORD);
    const before = receiver.requests.length;

    const started = await pm.start('erp-sync', { orderNo: 'SO-4' });
    const incidents = await poll(
      () => openIncidents(admin),
      (list) => list.some((i) => i.instanceId === started.id),
      15000,
      'the refusal incident',
    );
    const incident = incidents.find((i) => i.instanceId === started.id)!;
    expect(incident).toMatchObject({ nodeId: 'erp', code: 'automation_failed' });
    expect(incident.error).toMatch(/127\.0\.0\.1/);
    expect(incident.error).toMatch(/loopback/i);
    expect(incident.error).toContain('BATON_WEBHOOK_ALLOW');
    expect(receiver.requests.length).toBe(before);
    const waiting = await instance(pm, started.id);
    expect(waiting).toMatchObject({ status: 'running', activeNodes: ['erp'] });
  });
});
