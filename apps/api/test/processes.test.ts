import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import {
  ADMIN_PASSWORD,
  DEMO_PASSWORD,
  startTestApp,
  testMode,
  type TestApp,
} from './support/test-app.js';

type Json = Record<string, unknown>;

/** start → CS lead approval → end: valid against the demo organisation. */
function refund(key: string, extra: Json = {}): Json {
  return {
    key,
    name: '退款审批 Refund',
    category: '电商运营',
    description: 'Refunds need the CS lead',
    form: {
      schema: {
        type: 'object',
        required: ['amount'],
        properties: { amount: { type: 'number', title: '金额' }, reason: { type: 'string' } },
      },
      uiSchema: { 'ui:order': ['amount', 'reason'], reason: { 'ui:widget': 'textarea' } },
    },
    graph: {
      nodes: [
        { id: 'start', type: 'start', position: { x: 0, y: 0 } },
        {
          id: 'lead',
          type: 'approval',
          name: '客服主管 CS lead',
          assignees: [{ kind: 'role', role: 'cs_lead' }],
        },
        { id: 'end', type: 'end', outcome: 'approved' },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'lead' },
        { id: 'e2', source: 'lead', target: 'end' },
      ],
    },
    ...extra,
  };
}

/** Names a role nobody has and has no end node. */
function broken(key: string): Json {
  const d = refund(key);
  return {
    ...d,
    graph: {
      nodes: [
        { id: 'start', type: 'start' },
        { id: 'astro', type: 'approval', assignees: [{ kind: 'role', role: 'astronaut' }] },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'astro' }],
    },
  };
}

describe(`process definitions (${testMode()} mode)`, () => {
  let t: TestApp;
  let admin: string;
  let flowadmin: string;
  let pm: string;
  let finance: string;
  let userIds: Map<string, string>;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestApp({ env: { BATON_DEMO: '1' } });
    admin = await t.login('admin', ADMIN_PASSWORD);
    [flowadmin, pm, finance] = await Promise.all(
      ['flowadmin', 'pm', 'finance'].map((u) => t.login(u, DEMO_PASSWORD)),
    );
    const users = (await t.http().get('/api/users').set(as(admin))).body as {
      id: string;
      username: string;
    }[];
    userIds = new Map(users.map((u) => [u.username, u.id]));
  });
  afterAll(() => t.close());

  const save = (token: string, body: unknown) =>
    t
      .http()
      .post('/api/processes')
      .set(as(token))
      .send(body as object);
  const publish = (token: string, key: string) =>
    t.http().post(`/api/processes/${key}/publish`).set(as(token));
  const get = (token: string, path: string) => t.http().get(`/api/processes${path}`).set(as(token));

  describe('drafts', () => {
    it("keeps the author's field order, top level and a table's columns, though JSONB reorders keys", async () => {
      const d = refund('field-order');
      const form = d.form as { schema: Json; uiSchema: Json };
      form.schema = {
        type: 'object',
        properties: {
          reason: { type: 'string' },
          amount: { type: 'number' },
          lines: {
            type: 'array',
            items: {
              type: 'object',
              properties: { sku: { type: 'string' }, livePrice: { type: 'number' } },
            },
          },
          id: { type: 'string' },
        },
      };
      form.uiSchema = { 'ui:order': ['reason', '*'] };
      expect((await save(flowadmin, d)).status).toBe(201);
      const back = (await get(flowadmin, '/field-order')).body.draft;
      // JSONB gives keys back shortest first: the order is only in ui:order now.
      expect(Object.keys(back.form.schema.properties)).toEqual(['id', 'lines', 'amount', 'reason']);
      expect(back.form.uiSchema).toEqual({
        'ui:order': ['reason', 'amount', 'lines', 'id'],
        lines: { items: { 'ui:order': ['sku', 'livePrice'] } },
      });
    });

    it('saves a draft (201) that designers see and others do not, before it is published', async () => {
      const res = await save(flowadmin, refund('draft-only'));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        key: 'draft-only',
        name: '退款审批 Refund',
        category: '电商运营',
        latestVersion: null,
        problems: [],
      });
      expect(res.body.draft).toEqual(refund('draft-only'));

      const view = await get(flowadmin, '/draft-only');
      expect(view.status).toBe(200);
      expect(view.body).toMatchObject({
        key: 'draft-only',
        latestVersion: null,
        definition: refund('draft-only'),
        draft: refund('draft-only'),
      });

      expect((await get(pm, '/draft-only')).status).toBe(404);
      expect((await get(pm, '/draft-only/versions')).status).toBe(404);
      expect(((await get(pm, '')).body as Json[]).map((p) => p.key)).not.toContain('draft-only');
      const all = (await get(flowadmin, '?all=true')).body as Json[];
      expect(all.find((p) => p.key === 'draft-only')).toMatchObject({
        latestVersion: null,
        hasDraft: true,
        mayStart: false,
      });
    });

    it('saves an unfinished graph as a draft and reports what would stop a publish', async () => {
      const res = await save(flowadmin, broken('unfinished'));
      expect(res.status).toBe(201);
      const codes = (res.body.problems as { code: string }[]).map((p) => p.code);
      expect(codes).toEqual(expect.arrayContaining(['no_end', 'unknown_role']));
    });

    it('updates the draft of an existing key', async () => {
      await save(flowadmin, refund('updated')).expect(201);
      const res = await save(admin, refund('updated', { name: 'Renamed' }));
      expect(res.status).toBe(201);
      expect((await get(admin, '/updated')).body).toMatchObject({
        name: 'Renamed',
        draft: { name: 'Renamed' },
      });
    });
  });

  describe('access', () => {
    it('needs a token (401) for every endpoint', async () => {
      for (const [method, path] of [
        ['get', '/api/processes'],
        ['get', '/api/processes/schema'],
        ['get', '/api/processes/x1'],
        ['post', '/api/processes'],
        ['post', '/api/processes/x1/publish'],
        ['post', '/api/processes/import'],
      ] as const) {
        const res = await t.http()[method](path).send({});
        expect([method, path, res.status]).toEqual([method, path, 401]);
      }
    });

    it('lets only designers and admins create, publish, import and export (403 for others, nothing changes)', async () => {
      const create = await save(pm, refund('pm-made'));
      expect(create.status).toBe(403);
      expect(create.body.error).toBe('forbidden');
      expect((await get(admin, '/pm-made')).status).toBe(404);

      await save(flowadmin, refund('guarded')).expect(201);
      expect((await publish(pm, 'guarded')).status).toBe(403);
      expect((await get(admin, '/guarded')).body.latestVersion).toBeNull();
      expect(
        (
          await t
            .http()
            .post('/api/processes/import?publish=true')
            .set(as(pm))
            .send(refund('pm-import'))
        ).status,
      ).toBe(403);
      expect((await get(admin, '/pm-import')).status).toBe(404);
      expect((await get(pm, '/guarded/export')).status).toBe(403);
      expect((await get(pm, '?all=true')).status).toBe(403);

      expect((await publish(flowadmin, 'guarded')).body).toEqual({ key: 'guarded', version: 1 });
      expect((await publish(admin, 'guarded')).body).toEqual({ key: 'guarded', version: 2 });
    });
  });

  describe('publishing', () => {
    it('freezes the draft as version 1, then 2, and shows the latest to everyone', async () => {
      await save(flowadmin, refund('refund')).expect(201);
      const v1 = await publish(flowadmin, 'refund');
      expect(v1.status).toBe(201);
      expect(v1.body).toEqual({ key: 'refund', version: 1 });
      const v2 = await publish(flowadmin, 'refund');
      expect(v2.body).toEqual({ key: 'refund', version: 2 });

      const view = await get(pm, '/refund');
      expect(view.status).toBe(200);
      expect(view.body).toMatchObject({
        key: 'refund',
        name: '退款审批 Refund',
        latestVersion: 2,
        definition: refund('refund'),
        mayStart: true,
      });
      expect(view.body.draft).toBeUndefined();

      const version = await get(pm, '/refund/versions/1');
      expect(version.status).toBe(200);
      expect(version.body).toEqual({
        key: 'refund',
        version: 1,
        definition: refund('refund'),
        publishedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
        publishedBy: userIds.get('flowadmin'),
      });
      const versions = await get(pm, '/refund/versions');
      expect(versions.body.map((v: Json) => v.version)).toEqual([1, 2]);

      const list = (await get(pm, '')).body as Json[];
      expect(list.find((p) => p.key === 'refund')).toEqual({
        key: 'refund',
        name: '退款审批 Refund',
        category: '电商运营',
        description: 'Refunds need the CS lead',
        latestVersion: 2,
      });
    });

    it('refuses an invalid draft with 400 invalid_definition naming nodes, and changes nothing', async () => {
      await save(flowadmin, refund('to-break')).expect(201);
      await publish(flowadmin, 'to-break').expect(201);
      await save(flowadmin, broken('to-break')).expect(201);

      const res = await publish(flowadmin, 'to-break');
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('invalid_definition');
      expect(typeof res.body.message).toBe('string');
      expect(res.body.problems).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            code: 'unknown_role',
            nodeId: 'astro',
            message: expect.stringContaining('astronaut'),
          }),
          expect.objectContaining({ code: 'no_end' }),
        ]),
      );
      const view = (await get(flowadmin, '/to-break')).body;
      expect(view.latestVersion).toBe(1);
      expect(view.definition).toEqual(refund('to-break'));
      expect((await get(flowadmin, '/to-break/versions')).body).toHaveLength(1);
    });

    it('refuses users and departments that do not exist, and accepts real ones', async () => {
      const withUser = (ids: string[]) =>
        refund('named-user', {
          graph: {
            nodes: [
              { id: 'start', type: 'start' },
              { id: 'boss', type: 'approval', assignees: [{ kind: 'user', ids }] },
              { id: 'end', type: 'end' },
            ],
            edges: [
              { id: 'e1', source: 'start', target: 'boss' },
              { id: 'e2', source: 'boss', target: 'end' },
            ],
          },
        });
      await save(flowadmin, withUser(['00000000-0000-4000-8000-000000000000'])).expect(201);
      const bad = await publish(flowadmin, 'named-user');
      expect(bad.status).toBe(400);
      expect(bad.body.problems).toEqual([
        expect.objectContaining({ code: 'unknown_user', nodeId: 'boss' }),
      ]);
      await save(flowadmin, withUser([userIds.get('gm')!])).expect(201);
      expect((await publish(flowadmin, 'named-user')).body).toEqual({
        key: 'named-user',
        version: 1,
      });
    });

    it('keeps versions immutable: editing the draft changes neither version 1 nor what runs', async () => {
      await save(flowadmin, refund('frozen')).expect(201);
      await publish(flowadmin, 'frozen').expect(201);
      await save(flowadmin, refund('frozen', { name: 'Edited', description: 'changed' })).expect(
        201,
      );

      expect((await get(pm, '/frozen/versions/1')).body.definition).toEqual(refund('frozen'));
      const view = (await get(flowadmin, '/frozen')).body;
      expect(view).toMatchObject({
        name: '退款审批 Refund',
        latestVersion: 1,
        definition: refund('frozen'),
        draft: { name: 'Edited' },
      });

      // Not even a direct UPDATE can change a published version.
      const db = t.app.get(DataSource);
      await expect(
        db.query(`UPDATE process_versions SET definition = '{}'::jsonb WHERE key = 'frozen'`),
      ).rejects.toThrow(/immutable/);
      expect((await get(pm, '/frozen/versions/1')).body.definition).toEqual(refund('frozen'));

      await publish(flowadmin, 'frozen').expect(201);
      expect((await get(pm, '/frozen')).body).toMatchObject({ name: 'Edited', latestVersion: 2 });
    });

    it('gives five concurrent publishes five distinct versions', async () => {
      await save(flowadmin, refund('busy')).expect(201);
      const results = await Promise.all(
        Array.from({ length: 5 }, (_, i) => publish(i % 2 ? admin : flowadmin, 'busy')),
      );
      expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
      expect(results.map((r) => r.body.version).sort()).toEqual([1, 2, 3, 4, 5]);
      expect((await get(pm, '/busy/versions')).body.map((v: Json) => v.version)).toEqual([
        1, 2, 3, 4, 5,
      ]);
      expect((await get(pm, '/busy')).body.latestVersion).toBe(5);
    });

    it('answers 404 for an unknown process and 422 when there is no draft to publish', async () => {
      expect((await publish(flowadmin, 'no-such-process')).status).toBe(404);
      expect((await publish(flowadmin, 'NOT_A_KEY')).status).toBe(404);
      // A process can exist without a draft (e.g. written by a future installer).
      await t.app
        .get(DataSource)
        .query(
          `INSERT INTO process_definitions (key, name, created_by, updated_by) VALUES ('empty', 'Empty', 'x', 'x')`,
        );
      const res = await publish(flowadmin, 'empty');
      expect(res.status).toBe(422);
      expect(res.body).toEqual({ error: 'no_draft', message: expect.any(String) });
    });
  });

  describe('reading', () => {
    it('answers 404 for unknown processes and versions', async () => {
      await save(flowadmin, refund('readable')).expect(201);
      await publish(flowadmin, 'readable').expect(201);
      for (const path of [
        '/nope',
        '/nope/versions',
        '/nope/versions/1',
        '/readable/versions/2',
        '/readable/versions/0',
        '/readable/versions/abc',
        '/readable/versions/1e3',
        '/Bad_Key',
      ]) {
        const res = await get(flowadmin, path);
        expect([path, res.status, res.body.error]).toEqual([path, 404, 'not_found']);
      }
      expect((await get(flowadmin, '/nope/export')).status).toBe(404);
    });

    it('lists only processes the caller may start (settings.starters)', async () => {
      await save(
        flowadmin,
        refund('finance-only', { settings: { starters: [{ kind: 'role', role: 'finance' }] } }),
      ).expect(201);
      await publish(flowadmin, 'finance-only').expect(201);
      await save(
        flowadmin,
        refund('gm-only', {
          settings: { starters: [{ kind: 'user', ids: [userIds.get('gm')!] }] },
        }),
      ).expect(201);
      await publish(flowadmin, 'gm-only').expect(201);

      const keys = async (token: string) =>
        ((await get(token, '')).body as Json[]).map((p) => p.key);
      expect(await keys(finance)).toEqual(expect.arrayContaining(['finance-only', 'refund']));
      expect(await keys(finance)).not.toContain('gm-only');
      expect(await keys(pm)).not.toContain('finance-only');
      expect(await keys(pm)).toContain('refund');
      expect(await keys(admin)).not.toContain('finance-only');
      const gm = await t.login('gm', DEMO_PASSWORD);
      expect(await keys(gm)).toContain('gm-only');

      expect((await get(pm, '/finance-only')).body.mayStart).toBe(false);
      expect((await get(finance, '/finance-only')).body.mayStart).toBe(true);
      const all = (await get(flowadmin, '?all=true')).body as Json[];
      expect(all.find((p) => p.key === 'finance-only')).toMatchObject({
        latestVersion: 1,
        mayStart: false,
      });
    });

    it('hides webhook header values from people who do not design processes', async () => {
      const d = refund('hooked');
      const graph = d.graph as { nodes: Json[]; edges: Json[] };
      graph.nodes.splice(2, 0, {
        id: 'hook',
        type: 'automation',
        action: {
          kind: 'webhook',
          url: 'https://example.com/hook',
          method: 'POST',
          headers: { Authorization: 'Bearer s3cret' },
        },
      });
      graph.edges = [
        { id: 'e1', source: 'start', target: 'lead' },
        { id: 'e2', source: 'lead', target: 'hook' },
        { id: 'e3', source: 'hook', target: 'end' },
      ];
      await save(flowadmin, d).expect(201);
      await publish(flowadmin, 'hooked').expect(201);
      expect(JSON.stringify((await get(pm, '/hooked')).body)).not.toContain('s3cret');
      expect(JSON.stringify((await get(pm, '/hooked/versions/1')).body)).not.toContain('s3cret');
      expect(JSON.stringify((await get(flowadmin, '/hooked')).body)).toContain('s3cret');
      expect(JSON.stringify((await get(flowadmin, '/hooked/export')).body)).toContain('s3cret');
    });

    it('serves the JSON Schema of a definition and documents the endpoints in OpenAPI', async () => {
      const res = await get(pm, '/schema');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        type: 'object',
        required: expect.arrayContaining(['key', 'name', 'form', 'graph']),
      });
      const doc = (await t.http().get('/api/openapi.json')).body;
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          '/api/processes',
          '/api/processes/schema',
          '/api/processes/import',
          '/api/processes/{key}',
          '/api/processes/{key}/publish',
          '/api/processes/{key}/versions',
          '/api/processes/{key}/versions/{version}',
          '/api/processes/{key}/export',
        ]),
      );
    });
  });

  describe('export and import', () => {
    it('round-trips: export downloads the definition, import takes it back as a draft or publishes it', async () => {
      await save(flowadmin, refund('exported')).expect(201);
      await publish(flowadmin, 'exported').expect(201);
      await save(flowadmin, refund('exported', { name: 'Unpublished edit' })).expect(201);

      const exp = await get(flowadmin, '/exported/export');
      expect(exp.status).toBe(200);
      expect(exp.headers['content-type']).toMatch(/application\/json/);
      expect(exp.headers['content-disposition']).toBe('attachment; filename="exported.baton.json"');
      expect(exp.body).toEqual(refund('exported')); // the latest version, not the draft

      const moved = { ...exp.body, key: 'imported' };
      const asDraft = await t.http().post('/api/processes/import').set(as(flowadmin)).send(moved);
      expect(asDraft.status).toBe(201);
      expect(asDraft.body).toMatchObject({ key: 'imported', latestVersion: null, problems: [] });
      expect((await get(flowadmin, '/imported')).body.definition).toEqual(moved);

      const published = await t
        .http()
        .post('/api/processes/import?publish=true')
        .set(as(admin))
        .send({ ...moved, key: 'imported-live' });
      expect(published.status).toBe(201);
      expect(published.body).toEqual({ key: 'imported-live', version: 1 });
      expect((await get(pm, '/imported-live/versions/1')).body.definition).toEqual({
        ...moved,
        key: 'imported-live',
      });
      expect((await get(flowadmin, '/imported-live/export')).body).toEqual({
        ...moved,
        key: 'imported-live',
      });

      // Publishing an import on top of an existing process adds the next version.
      const again = await t
        .http()
        .post('/api/processes/import?publish=true')
        .set(as(admin))
        .send({ ...moved, key: 'imported-live', name: 'v2' });
      expect(again.body).toEqual({ key: 'imported-live', version: 2 });
    });

    it('exports the draft of a never-published process', async () => {
      await save(flowadmin, broken('draft-export')).expect(201);
      expect((await get(flowadmin, '/draft-export/export')).body).toEqual(broken('draft-export'));
    });

    it('refuses an invalid import with publish=true and saves nothing', async () => {
      const res = await t
        .http()
        .post('/api/processes/import?publish=true')
        .set(as(flowadmin))
        .send(broken('bad-import'));
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('invalid_definition');
      expect(res.body.problems).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ code: 'unknown_role', nodeId: 'astro' }),
        ]),
      );
      expect((await get(flowadmin, '/bad-import')).status).toBe(404);

      // ...and leaves an existing process as it was.
      const existing = await t
        .http()
        .post('/api/processes/import?publish=true')
        .set(as(flowadmin))
        .send(broken('exported'));
      expect(existing.status).toBe(400);
      const view = (await get(flowadmin, '/exported')).body;
      expect(view.latestVersion).toBe(1);
      expect(view.draft.name).toBe('Unpublished edit');
    });
  });

  describe('bad input is a 400, never a 500', () => {
    const expectInvalid = (res: { status: number; body: Json }, path?: string) => {
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('invalid_definition');
      expect(res.body.problems).toEqual(
        expect.arrayContaining([expect.objectContaining(path === undefined ? {} : { path })]),
      );
    };

    it('refuses bodies that are not a definition object', async () => {
      expectInvalid(await save(flowadmin, []), '');
      expectInvalid(await save(flowadmin, [refund('in-array')]), '');
      expectInvalid(await save(flowadmin, {}), '/key');
      const text = await t
        .http()
        .post('/api/processes')
        .set(as(flowadmin))
        .set('content-type', 'application/json')
        .send('"refund"');
      expect(text.status).toBe(400);
      const garbage = await t
        .http()
        .post('/api/processes')
        .set(as(flowadmin))
        .set('content-type', 'application/json')
        .send('{"key":');
      expect(garbage.status).toBe(400);
      const plain = await t
        .http()
        .post('/api/processes')
        .set(as(flowadmin))
        .set('content-type', 'text/plain')
        .send('hello');
      expect(plain.status).toBe(400);
    });

    it('refuses bad keys and names, and keys that shadow routes', async () => {
      for (const key of [
        'Refund',
        'r',
        '9lives',
        'has space',
        'a'.repeat(64),
        42,
        null,
        'schema',
        'import',
      ]) {
        expectInvalid(await save(flowadmin, refund('x', { key } as Json)), '/key');
      }
      for (const name of ['', 42, 'n'.repeat(201)]) {
        expectInvalid(await save(flowadmin, refund('named', { name })), '/name');
      }
      expect((await get(flowadmin, '/named')).status).toBe(404);
    });

    it('refuses huge and unstorable input clearly', async () => {
      const long = await save(flowadmin, refund('huge', { description: 'x'.repeat(1_500_000) }));
      expectInvalid(long);
      expect(long.body.problems[0].code).toBe('too_large');

      const tooBig = await save(flowadmin, refund('huge', { description: 'x'.repeat(3_000_000) }));
      expect(tooBig.status).toBe(413);
      expect(tooBig.body.error).toBe('payload_too_large');

      // Written as text: serialisers (supertest's, JSON.stringify under jest) give up on such nesting.
      const deep = `${'['.repeat(5000)}"bottom"${']'.repeat(5000)}`;
      const nested = await t
        .http()
        .post('/api/processes')
        .set(as(flowadmin))
        .set('content-type', 'application/json')
        .send(JSON.stringify(refund('huge', { 'x-deep': 'DEEP' })).replace('"DEEP"', deep));
      expectInvalid(nested);
      expect(nested.body.problems[0].code).toBe('too_deep');

      const manyNodes = await save(
        flowadmin,
        refund('huge', { graph: { nodes: Array.from({ length: 250_000 }, () => 1), edges: [] } }),
      );
      expect(manyNodes.status).toBe(400);

      const nul = await save(flowadmin, refund('huge', { description: 'a\u0000b' }));
      expectInvalid(nul, '/description');
      const surrogate = await t
        .http()
        .post('/api/processes')
        .set(as(flowadmin))
        .set('content-type', 'application/json')
        .send(JSON.stringify(refund('huge')).replace('Refunds need', '\\ud800 Refunds need'));
      expectInvalid(surrogate, '/description');

      expect((await get(flowadmin, '/huge')).status).toBe(404);
    });
  });
});
