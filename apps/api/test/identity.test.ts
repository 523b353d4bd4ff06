import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  ADMIN_PASSWORD,
  DEMO_PASSWORD,
  startTestApp,
  testMode,
  type TestApp,
} from './support/test-app.js';

describe(`identity and auth (${testMode()} mode)`, () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { BATON_DEMO: '1', BATON_LOGIN_MAX_ATTEMPTS: '5' } });
    admin = await t.login('admin', ADMIN_PASSWORD);
  });
  afterAll(() => t?.close());

  it('answers health with db and queue ok, without a token', async () => {
    const res = await t.http().get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', db: 'ok', queue: 'ok', mode: testMode() });
  });

  it('serves the OpenAPI document with the core paths', async () => {
    const res = await t.http().get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/health',
        '/api/auth/login',
        '/api/me',
        '/api/users',
        '/api/departments',
      ]),
    );
  });

  it('creates the first admin from BATON_ADMIN_PASSWORD and returns a token and the user on login', async () => {
    const res = await t
      .http()
      .post('/api/auth/login')
      .send({ username: 'admin', password: ADMIN_PASSWORD });
    expect(res.status).toBe(200);
    expect(typeof res.body.accessToken).toBe('string');
    expect(res.body.user).toMatchObject({ username: 'admin', roles: ['admin'] });
    expect(res.body.user.passwordHash).toBeUndefined();
  });

  it('refuses a wrong password with 401 invalid_credentials and no token', async () => {
    const res = await t
      .http()
      .post('/api/auth/login')
      .send({ username: 'admin', password: 'nope-nope' });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: 'invalid_credentials', message: expect.any(String) });
  });

  it('answers a malformed body with 400 naming the fields, never 500', async () => {
    const res = await t.http().post('/api/auth/login').send({ username: 42 });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_request');
    expect(res.body.fields.map((f: { path: string }) => f.path)).toEqual(
      expect.arrayContaining(['username', 'password']),
    );
    const bad = await t
      .http()
      .post('/api/auth/login')
      .set('content-type', 'application/json')
      .send('{"username":');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('bad_request');
  });

  it('rate-limits repeated failed logins for one username with 429', async () => {
    for (let i = 0; i < 5; i++) {
      await t
        .http()
        .post('/api/auth/login')
        .send({ username: 'hr', password: `wrong-${i}` })
        .expect(401);
    }
    const res = await t
      .http()
      .post('/api/auth/login')
      .send({ username: 'hr', password: DEMO_PASSWORD });
    expect(res.status).toBe(429);
    expect(res.body.error).toBe('too_many_attempts');
  });

  it('needs a token for /api/me (401), and answers the current user with one', async () => {
    expect((await t.http().get('/api/me')).status).toBe(401);
    expect(
      (await t.http().get('/api/me').set('Authorization', 'Bearer forged.token.here')).status,
    ).toBe(401);
    const me = await t.http().get('/api/me').set('Authorization', `Bearer ${admin}`);
    expect(me.status).toBe(200);
    expect(me.body.username).toBe('admin');
  });

  it('seeds the demo organisation: departments with heads and a user for each SOP role', async () => {
    const users = (await t.http().get('/api/users').set('Authorization', `Bearer ${admin}`))
      .body as { username: string; roles: string[] }[];
    const roles = new Set(users.flatMap((u) => u.roles));
    for (const role of [
      'product_manager',
      'operations_director',
      'graphic_designer',
      'warehouse',
      'operations_specialist',
      'customer_service',
      'cs_lead',
      'finance',
      'hr',
    ]) {
      expect(roles).toContain(role);
    }
    const depts = (await t.http().get('/api/departments').set('Authorization', `Bearer ${admin}`))
      .body as { headId: string | null }[];
    expect(depts.length).toBeGreaterThanOrEqual(8);
    expect(depts.every((d) => d.headId)).toBe(true);
    const pm = await t.login('pm', DEMO_PASSWORD);
    expect((await t.http().get('/api/me').set('Authorization', `Bearer ${pm}`)).body.roles).toEqual(
      ['product_manager'],
    );
  });

  it('lets an admin create departments and users; others get 403 and nothing changes', async () => {
    const dept = await t
      .http()
      .post('/api/departments')
      .set('Authorization', `Bearer ${admin}`)
      .send({ name: '直播部 二组' });
    expect(dept.status).toBe(201);
    const user = await t
      .http()
      .post('/api/users')
      .set('Authorization', `Bearer ${admin}`)
      .send({
        username: 'zhang3',
        password: 'password-123',
        displayName: '张三',
        roles: ['live_host'],
        departmentId: dept.body.id,
      });
    expect(user.status).toBe(201);
    expect(user.body).toMatchObject({
      username: 'zhang3',
      displayName: '张三',
      roles: ['live_host'],
      departmentId: dept.body.id,
    });

    const pm = await t.login('pm', DEMO_PASSWORD);
    const before = (await t.http().get('/api/users').set('Authorization', `Bearer ${pm}`)).body
      .length;
    const denied = await t
      .http()
      .post('/api/users')
      .set('Authorization', `Bearer ${pm}`)
      .send({ username: 'sneaky', password: 'password-123', displayName: 'x' });
    expect(denied.status).toBe(403);
    expect(denied.body.error).toBe('forbidden');
    expect(
      (await t.http().get('/api/users').set('Authorization', `Bearer ${pm}`)).body.length,
    ).toBe(before);
  });

  it('refuses a duplicate username (409), an unknown department (400) and a department cycle (400)', async () => {
    const auth = { Authorization: `Bearer ${admin}` };
    const dup = await t
      .http()
      .post('/api/users')
      .set(auth)
      .send({ username: 'ADMIN', password: 'password-123', displayName: 'x' });
    expect(dup.status).toBe(409);
    const unknown = await t.http().post('/api/users').set(auth).send({
      username: 'li4',
      password: 'password-123',
      displayName: '李四',
      departmentId: '00000000-0000-0000-0000-000000000000',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toBe('unknown_department');
    const a = (await t.http().post('/api/departments').set(auth).send({ name: 'A' })).body;
    const b = (
      await t.http().post('/api/departments').set(auth).send({ name: 'B', parentId: a.id })
    ).body;
    const cycle = await t
      .http()
      .patch(`/api/departments/${a.id}`)
      .set(auth)
      .send({ parentId: b.id });
    expect(cycle.status).toBe(400);
    expect(cycle.body.error).toBe('department_cycle');
    expect((await t.http().get('/api/users/not-a-uuid').set(auth)).status).toBe(404);
  });

  it('disables a user: their login then fails', async () => {
    const auth = { Authorization: `Bearer ${admin}` };
    const u = (
      await t
        .http()
        .post('/api/users')
        .set(auth)
        .send({ username: 'temp', password: 'password-123', displayName: 'Temp' })
    ).body;
    await t.login('temp', 'password-123');
    expect(
      (await t.http().patch(`/api/users/${u.id}`).set(auth).send({ active: false })).status,
    ).toBe(200);
    expect(
      (await t.http().post('/api/auth/login').send({ username: 'temp', password: 'password-123' }))
        .status,
    ).toBe(401);
  });

  it('runs a probe job through the queue and back (admin only)', async () => {
    const res = await t
      .http()
      .post('/api/system/queue-check')
      .set('Authorization', `Bearer ${admin}`);
    expect(res.status).toBe(200);
    expect(res.body.handledBy).toMatch(/^all@/);
    const pm = await t.login('opsdir', DEMO_PASSWORD);
    expect(
      (await t.http().post('/api/system/queue-check').set('Authorization', `Bearer ${pm}`)).status,
    ).toBe(403);
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await t.http().get('/api/nope').set('Authorization', `Bearer ${admin}`);
    expect(res.status).toBe(404);
    expect(res.body.error).toBe('not_found');
  });
});
