// RELIABILITY.md, "Nobody gets in where they don't belong", the HTTP side:
//   - security headers on every answer (JSON, the OpenAPI document, the web
//     app, errors, including errors of the body parser) and no X-Powered-By;
//     Strict-Transport-Security only when BATON_HTTPS says browsers use HTTPS;
//   - CORS off by default, on for the BATON_CORS_ORIGINS allow list only;
//   - forged, tampered, re-signed and expired tokens get 401;
//   - login is rate-limited per client address (per username:
//     identity.test.ts, "rate-limits repeated failed logins ... with 429");
//   - "No SQL is built by string concatenation": a scan of apps/api/src.
// Covered elsewhere, not repeated here: the webhook address guard refusing
// loopback and private addresses (webhooks.test.ts, "refuses 127.0.0.1 when it
// is not allow-listed", and src/modules/automation/address-guard.test.ts), and
// the endpoint-by-role matrix (authorization.test.ts).
// The CSP was checked against the built web app in headless Chromium (login,
// workspace, task, instance, designer, admin pages and /api/docs: no
// violation); the e2e specs fail on any console error, CSP reports included.
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ts from 'typescript';
import { DataSource } from 'typeorm';
import type { Response } from 'supertest';
import { loadConfig, parseOrigins } from '../src/platform/config/config.js';
import { ADMIN_PASSWORD, startTestApp, testMode, type TestApp } from './support/test-app.js';

const mode = testMode();
const ALLOWED_ORIGIN = 'https://erp.example.com';
const OTHER_ORIGIN = 'https://evil.example.net';

/** The headers every answer must carry, whatever its status or content type. */
function expectSecurityHeaders(res: Response, what: string) {
  const h = res.headers;
  const context = `${what} (${res.status})`;
  expect({ context, nosniff: h['x-content-type-options'] }).toEqual({
    context,
    nosniff: 'nosniff',
  });
  expect({ context, frame: h['x-frame-options'] }).toEqual({ context, frame: 'DENY' });
  expect({ context, referrer: h['referrer-policy'] }).toEqual({
    context,
    referrer: 'same-origin',
  });
  expect({ context, poweredBy: h['x-powered-by'] }).toEqual({ context, poweredBy: undefined });
  const csp = parseCsp(h['content-security-policy']);
  expect({ context, csp: csp.get('frame-ancestors') }).toEqual({ context, csp: ["'none'"] });
  expect({ context, csp: csp.get('default-src') }).toEqual({ context, csp: ["'self'"] });
  expect({ context, csp: csp.get('object-src') }).toEqual({ context, csp: ["'none'"] });
  expect({ context, csp: csp.get('base-uri') }).toEqual({ context, csp: ["'self'"] });
  // Scripts only from this origin: no inline scripts, no wildcard, no other host.
  const scripts = csp.get('script-src') ?? [];
  expect({ context, scripts }).toEqual({ context, scripts: expect.arrayContaining(["'self'"]) });
  for (const source of scripts)
    expect({ context, source }).toEqual({
      context,
      source: expect.stringMatching(/^'(self|unsafe-eval)'$/),
    });
  expect({ context, csp: csp.get('connect-src') }).toEqual({ context, csp: ["'self'"] });
}

function parseCsp(header: string | undefined): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of (header ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name.toLowerCase(), values);
  }
  return map;
}

/** An HS256 (or other HMAC) JWT signed with `secret`, the way jsonwebtoken does it. */
function signJwt(
  payload: Record<string, unknown>,
  secret: string,
  alg: 'HS256' | 'HS512' = 'HS256',
): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const head = `${b64({ alg, typ: 'JWT' })}.${b64(payload)}`;
  const mac = createHmac(alg === 'HS256' ? 'sha256' : 'sha512', secret)
    .update(head)
    .digest('base64url');
  return `${head}.${mac}`;
}

describe(`security: headers, CORS, tokens, login limit (${mode} mode)`, () => {
  // `t`: defaults (CORS off, plain HTTP) and a built web app to serve.
  // `secure`: the same database, BATON_HTTPS=1, a CORS allow list and a low login limit.
  let t: TestApp;
  let secure: TestApp;
  let webDist: string;
  let admin: string;
  let adminId: string;
  let secret: string;

  beforeAll(async () => {
    webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-web-'));
    fs.mkdirSync(path.join(webDist, 'assets'));
    fs.writeFileSync(
      path.join(webDist, 'index.html'),
      '<!doctype html><html><head><script type="module" src="/assets/app.js"></script></head><body><div id="root"></div></body></html>',
    );
    fs.writeFileSync(path.join(webDist, 'assets', 'app.js'), 'console.log("baton");\n');
    t = await startTestApp({ env: { BATON_WEB_DIST: webDist } });
    secure = await startTestApp({
      db: t.db,
      worker: false,
      env: {
        BATON_HTTPS: '1',
        BATON_HSTS_MAX_AGE: '15552000',
        BATON_CORS_ORIGINS: `${ALLOWED_ORIGIN}, http://localhost:5173`,
        BATON_LOGIN_MAX_ATTEMPTS: '2',
      },
    });
    admin = await t.login('admin', ADMIN_PASSWORD);
    adminId = (await t.http().get('/api/me').set('Authorization', `Bearer ${admin}`)).body.id;
    const rows: { value: string }[] = await t.app
      .get(DataSource)
      .query(`SELECT value FROM system_settings WHERE key = 'jwt_secret'`);
    secret = rows[0].value;
  });
  afterAll(async () => {
    await secure?.close();
    await t?.close();
    fs.rmSync(webDist, { recursive: true, force: true });
  });

  describe('security headers', () => {
    it('are on a JSON answer, the OpenAPI document and Swagger UI', async () => {
      const health = await t.http().get('/api/health');
      expect(health.status).toBe(200);
      expectSecurityHeaders(health, 'GET /api/health');
      const me = await t.http().get('/api/me').set('Authorization', `Bearer ${admin}`);
      expect(me.status).toBe(200);
      expectSecurityHeaders(me, 'GET /api/me');
      const openapi = await t.http().get('/api/openapi.json');
      expect(openapi.status).toBe(200);
      expect(openapi.body.openapi).toMatch(/^3\./);
      expectSecurityHeaders(openapi, 'GET /api/openapi.json');
      const docs = await t.http().get('/api/docs/');
      expect(docs.status).toBe(200);
      expectSecurityHeaders(docs, 'GET /api/docs/');
    });

    it('are on the web app: index, a deep link and a static asset', async () => {
      for (const p of ['/', '/inbox?tab=todo', '/assets/app.js']) {
        const res = await t.http().get(p);
        expect({ p, status: res.status }).toEqual({ p, status: 200 });
        expectSecurityHeaders(res, `GET ${p}`);
      }
      const index = await t.http().get('/');
      expect(index.text).toContain('<div id="root">');
    });

    it('are on errors: 404, 401, 403, a malformed body (400) and a body too large (413)', async () => {
      const notFound = await t.http().get('/api/no-such-thing');
      expect(notFound.status).toBe(404);
      expect(notFound.body.error).toBe('not_found');
      expectSecurityHeaders(notFound, 'unknown route');

      const anon = await t.http().get('/api/me');
      expect(anon.status).toBe(401);
      expectSecurityHeaders(anon, 'no token');

      const malformed = await t
        .http()
        .post('/api/processes')
        .set('Authorization', `Bearer ${admin}`)
        .set('Content-Type', 'application/json')
        .send('{"key": "x",');
      expect(malformed.status).toBe(400);
      expect(malformed.body).toEqual({ error: 'bad_request', message: expect.any(String) });
      expect(malformed.body.message).toMatch(/JSON/);
      expectSecurityHeaders(malformed, 'malformed JSON');

      const huge = await t
        .http()
        .post('/api/processes')
        .set('Authorization', `Bearer ${admin}`)
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ key: 'huge', name: 'x'.repeat(3 * 1024 * 1024) }));
      expect(huge.status).toBe(413);
      expect(huge.body.error).toBe('payload_too_large');
      expectSecurityHeaders(huge, 'body too large');
    });

    it('sends no Strict-Transport-Security over plain HTTP, and no upgrade-insecure-requests', async () => {
      const res = await t.http().get('/api/health');
      expect(res.headers['strict-transport-security']).toBeUndefined();
      expect(
        parseCsp(res.headers['content-security-policy']).has('upgrade-insecure-requests'),
      ).toBe(false);
    });

    it('with BATON_HTTPS: Strict-Transport-Security with the configured max-age, and upgrade-insecure-requests', async () => {
      for (const p of ['/api/health', '/api/no-such-thing']) {
        const res = await secure.http().get(p);
        expect(res.headers['strict-transport-security']).toBe('max-age=15552000');
        expect(
          parseCsp(res.headers['content-security-policy']).has('upgrade-insecure-requests'),
        ).toBe(true);
        expectSecurityHeaders(res, `${p} with BATON_HTTPS`);
      }
    });
  });

  describe('CORS', () => {
    const preflight = (app: TestApp, origin: string, p = '/api/processes') =>
      app
        .http()
        .options(p)
        .set('Origin', origin)
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'authorization, content-type, idempotency-key');

    it('is off by default: no Access-Control-Allow-Origin for any origin, preflight or not', async () => {
      const pre = await preflight(t, ALLOWED_ORIGIN);
      expect(pre.headers['access-control-allow-origin']).toBeUndefined();
      expect(pre.headers['access-control-allow-methods']).toBeUndefined();
      const get = await t.http().get('/api/health').set('Origin', ALLOWED_ORIGIN);
      expect(get.status).toBe(200);
      expect(get.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('answers a preflight from a listed origin with that origin, the methods and the headers', async () => {
      const pre = await preflight(secure, ALLOWED_ORIGIN);
      expect(pre.status).toBe(204);
      expect(pre.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
      expect(pre.headers['access-control-allow-methods']).toMatch(/\bPOST\b/);
      expect(pre.headers['access-control-allow-methods']).toMatch(/\bPATCH\b/);
      const allowedHeaders = pre.headers['access-control-allow-headers'].toLowerCase();
      for (const h of ['authorization', 'content-type', 'idempotency-key'])
        expect(allowedHeaders).toContain(h);
      expect(pre.headers['access-control-allow-credentials']).toBeUndefined();
      expect(pre.headers['access-control-max-age']).toBe('600');
      expect(pre.headers.vary).toMatch(/Origin/i);
      // The second listed origin too.
      const dev = await preflight(secure, 'http://localhost:5173');
      expect(dev.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    });

    it('lets a listed origin read an answer, and a real call from it works end to end', async () => {
      const res = await secure
        .http()
        .get('/api/me')
        .set('Origin', ALLOWED_ORIGIN)
        .set('Authorization', `Bearer ${admin}`);
      expect(res.status).toBe(200);
      expect(res.body.username).toBe('admin');
      expect(res.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
      expect(res.headers['access-control-expose-headers']).toMatch(/Content-Disposition/i);
      expectSecurityHeaders(res, 'CORS GET /api/me');
    });

    it('gives an unlisted origin (or a look-alike) no Access-Control-Allow-Origin at all', async () => {
      for (const origin of [
        OTHER_ORIGIN,
        'https://erp.example.com.evil.net',
        'http://erp.example.com',
        'https://erp.example.com:8443',
        'null',
      ]) {
        const pre = await preflight(secure, origin);
        expect({ origin, acao: pre.headers['access-control-allow-origin'] }).toEqual({
          origin,
          acao: undefined,
        });
        const get = await secure.http().get('/api/health').set('Origin', origin);
        expect({ origin, acao: get.headers['access-control-allow-origin'] }).toEqual({
          origin,
          acao: undefined,
        });
      }
    });

    it('takes exact origins only in BATON_CORS_ORIGINS: a wildcard, a path or a bare host refuses to boot', () => {
      expect(parseOrigins(' https://ERP.example.com/ ,http://localhost:5173', 'X')).toEqual([
        'https://erp.example.com',
        'http://localhost:5173',
      ]);
      expect(parseOrigins('https://a.example:443', 'X')).toEqual(['https://a.example']);
      expect(parseOrigins(undefined, 'X')).toEqual([]);
      for (const bad of [
        '*',
        'https://*.example.com',
        'https://erp.example.com/api',
        'erp.example.com',
        'ftp://erp.example.com',
        'https://user:pw@erp.example.com',
        'https://erp.example.com?x=1',
      ])
        expect(() => loadConfig({ BATON_CORS_ORIGINS: bad })).toThrow(/BATON_CORS_ORIGINS/);
      expect(loadConfig({}).http).toEqual({
        https: false,
        hstsMaxAge: 31536000,
        corsOrigins: [],
      });
    });
  });

  describe('tokens', () => {
    const now = () => Math.floor(Date.now() / 1000);
    const me = (token: string) => t.http().get('/api/me').set('Authorization', `Bearer ${token}`);
    const claims = (over: Record<string, unknown> = {}) => ({
      sub: adminId,
      username: 'admin',
      roles: ['admin'],
      iat: now() - 10,
      exp: now() + 600,
      ...over,
    });

    it('accepts a token signed with the installation secret (so the refusals below are about the token)', async () => {
      const res = await me(signJwt(claims(), secret));
      expect(res.status).toBe(200);
      expect(res.body.username).toBe('admin');
    });

    it('refuses an expired token with 401', async () => {
      const res = await me(signJwt(claims({ iat: now() - 7200, exp: now() - 60 }), secret));
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        error: 'unauthorized',
        message: 'Your session has expired; sign in again.',
      });
    });

    it('refuses a token whose claims were changed after signing (roles raised to admin)', async () => {
      // A real token of a plain user (created by the admin) with roles rewritten.
      const created = await t
        .http()
        .post('/api/users')
        .set('Authorization', `Bearer ${admin}`)
        .send({
          username: 'sec-plain',
          password: 'plain-pass-123',
          displayName: 'Plain',
          roles: [],
        });
      expect(created.status).toBe(201);
      const real = await t.login('sec-plain', 'plain-pass-123');
      expect(
        (await t.http().get('/api/incidents').set('Authorization', `Bearer ${real}`)).status,
      ).toBe(403);
      const [head, payload, sig] = real.split('.');
      const raised = {
        ...JSON.parse(Buffer.from(payload, 'base64url').toString()),
        roles: ['admin'],
      };
      const tampered = `${head}.${Buffer.from(JSON.stringify(raised)).toString('base64url')}.${sig}`;
      for (const p of ['/api/me', '/api/incidents']) {
        const res = await t.http().get(p).set('Authorization', `Bearer ${tampered}`);
        expect({ p, status: res.status }).toEqual({ p, status: 401 });
      }
    });

    it('refuses alg "none", another secret, another algorithm and garbage with 401', async () => {
      const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const forged = {
        'alg none': `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.`,
        'alg none, no dot': `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}`,
        'another secret': signJwt(claims(), 'not-the-secret'),
        'empty secret': signJwt(claims(), ''),
        HS512: signJwt(claims(), secret, 'HS512'),
        garbage: 'forged.token.here',
        'signature stripped': signJwt(claims(), secret).replace(/\.[^.]+$/, '.'),
      };
      for (const [what, token] of Object.entries(forged)) {
        const res = await me(token);
        expect({ what, status: res.status, error: res.body.error }).toEqual({
          what,
          status: 401,
          error: 'unauthorized',
        });
        expectSecurityHeaders(res, what);
      }
      for (const header of ['Bearer', 'Basic YWRtaW46YWRtaW4=', `bearer  ${'a'.repeat(5000)}`]) {
        const res = await t.http().get('/api/me').set('Authorization', header);
        expect({ header: header.slice(0, 20), status: res.status }).toEqual({
          header: header.slice(0, 20),
          status: 401,
        });
      }
    });
  });

  describe('login rate limit per client address', () => {
    // BATON_LOGIN_MAX_ATTEMPTS=2 on `secure`: 2 per username, 10 per address.
    it('after 10 failures from one address with 10 different usernames, even a right password gets 429', async () => {
      for (let i = 0; i < 10; i++) {
        const res = await secure
          .http()
          .post('/api/auth/login')
          .send({ username: `nobody-${i}`, password: 'wrong' });
        expect({ i, status: res.status }).toEqual({ i, status: 401 });
      }
      const blocked = await secure
        .http()
        .post('/api/auth/login')
        .send({ username: 'admin', password: ADMIN_PASSWORD });
      expect(blocked.status).toBe(429);
      expect(blocked.body.error).toBe('too_many_attempts');
      expect(blocked.body.accessToken).toBeUndefined();
      expectSecurityHeaders(blocked, '429');
      // The limit is per API process: the other app still signs the admin in.
      expect(
        (
          await t
            .http()
            .post('/api/auth/login')
            .send({ username: 'admin', password: ADMIN_PASSWORD })
        ).status,
      ).toBe(200);
    });
  });
});

// ---------------------------------------------------------------------------
// "No SQL is built by string concatenation" (RELIABILITY.md), on the source.
// Every call taking SQL text (`.query(...)` and the SQL-taking methods of
// TypeORM's query builder) must get constant text: a literal, a template
// whose interpolations are themselves constant (a const string, a ternary of
// literals, a `$${params.length}` placeholder number), or a variable only
// ever assigned such text. Values go in as parameters. Anything else is
// reported as file:line unless listed below with the reason it is safe.

interface AllowedInterpolation {
  /** Relative to apps/api. */
  file: string;
  /** The interpolated expression exactly as written. */
  expression: string;
  /** Why no request can put text there. An entry without one does not count. */
  reason: string;
}

const PAGING_REASON =
  'a whole number checked by paging() in runtime/instances.service.ts (page 1..100000, pageSize 1..200) before the query; passing LIMIT/OFFSET as $n parameters would remove this entry';

const ALLOWED_INTERPOLATIONS: AllowedInterpolation[] = [
  {
    file: 'src/modules/runtime/instances.service.ts',
    expression: 'pageSize',
    reason: PAGING_REASON,
  },
  {
    file: 'src/modules/runtime/instances.service.ts',
    expression: '(page - 1) * pageSize',
    reason: PAGING_REASON,
  },
  { file: 'src/modules/runtime/tasks.service.ts', expression: 'pageSize', reason: PAGING_REASON },
  {
    file: 'src/modules/runtime/tasks.service.ts',
    expression: 'offset',
    reason: `(page - 1) * pageSize: ${PAGING_REASON}`,
  },
  {
    file: 'src/modules/runtime/tasks.service.ts',
    expression: 'status',
    reason:
      "inbox(): checked to be exactly 'open' or 'done' just before (400 otherwise), written as a literal so the partial index of the tab matches; a ternary of the two literals would remove this entry",
  },
  {
    file: 'src/modules/runtime/command-processor.ts',
    expression: 'statement.text',
    reason:
      'built by transitionWrite() (runtime/transition-write.ts) from constant SQL fragments; every value goes through its $() helper into statement.values as a $n parameter',
  },
];

const SQL_METHODS = new Set([
  'query',
  'where',
  'andWhere',
  'orWhere',
  'having',
  'andHaving',
  'orHaving',
  'orderBy',
  'addOrderBy',
  'groupBy',
  'addGroupBy',
  'select',
  'addSelect',
  'from',
  'innerJoin',
  'leftJoin',
  'innerJoinAndSelect',
  'leftJoinAndSelect',
  'onConflict',
  'returning',
]);

interface SqlFinding {
  file: string;
  line: number;
  problem: string;
}

function scanSql(
  file: string,
  text: string,
  allowed: AllowedInterpolation[],
  used: Set<AllowedInterpolation> = new Set(),
): SqlFinding[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  // Every write to each name in this file: `const x = ...`, `x = ...`, `x += ...`,
  // and `for (const x of [literals])`.
  const writes = new Map<string, ts.Expression[]>();
  const write = (name: string, e: ts.Expression) =>
    writes.set(name, [...(writes.get(name) ?? []), e]);
  const collect = (node: ts.Node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name)) {
      if (node.initializer) write(node.name.text, node.initializer);
      const list = node.parent;
      const loop = list?.parent;
      if (loop && ts.isForOfStatement(loop) && loop.initializer === list) {
        const iterated = loop.expression;
        if (ts.isArrayLiteralExpression(iterated))
          for (const el of iterated.elements) write(node.name.text, el as ts.Expression);
        else write(node.name.text, iterated);
      }
    }
    if (
      ts.isBinaryExpression(node) &&
      ts.isIdentifier(node.left) &&
      (node.operatorToken.kind === ts.SyntaxKind.EqualsToken ||
        node.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken)
    )
      write(node.left.text, node.right);
    ts.forEachChild(node, collect);
  };
  collect(source);

  const allowEntry = (e: ts.Expression) =>
    allowed.find((a) => a.reason.trim() !== '' && a.file === file && a.expression === e.getText());

  const unwrap = (e: ts.Expression): ts.Expression => {
    while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e))
      e = e.expression;
    return e;
  };
  const isText = (e: ts.Expression) => {
    e = unwrap(e);
    return (
      ts.isStringLiteral(e) ||
      ts.isNoSubstitutionTemplateLiteral(e) ||
      ts.isTemplateExpression(e) ||
      (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) ||
      ts.isConditionalExpression(e)
    );
  };

  /** The parts of `e` that are not provably constant text (empty = constant). */
  const problems = (e: ts.Expression, seen: Set<string>): string[] => {
    e = unwrap(e);
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e) || ts.isNumericLiteral(e))
      return [];
    if (ts.isTemplateExpression(e)) {
      const out: string[] = [];
      let before = e.head.text;
      for (const span of e.templateSpans) {
        const x = unwrap(span.expression);
        // `$${params.length}`: a placeholder number, the value itself is a parameter.
        const placeholder =
          before.endsWith('$') &&
          (ts.isNumericLiteral(x) ||
            (ts.isPropertyAccessExpression(x) && x.name.text === 'length'));
        if (!placeholder && problems(span.expression, seen).length > 0) {
          const entry = allowEntry(span.expression);
          if (entry) used.add(entry);
          else out.push(`interpolates \${${span.expression.getText()}}`);
        }
        before = span.literal.text;
      }
      return out;
    }
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      const bad = [...problems(e.left, seen), ...problems(e.right, seen)];
      return bad.length
        ? [`concatenates with +: ${e.getText().replace(/\s+/g, ' ').slice(0, 80)}`]
        : [];
    }
    if (ts.isConditionalExpression(e))
      return [...problems(e.whenTrue, seen), ...problems(e.whenFalse, seen)];
    if (ts.isIdentifier(e)) {
      const ws = writes.get(e.text);
      if (seen.has(e.text)) return [];
      if (!ws?.length) return [`uses ${e.text}, not a constant in this file`];
      const next = new Set(seen).add(e.text);
      return ws.some((w) => problems(w, next).length > 0)
        ? [`uses ${e.text}, which is assigned text that is not constant`]
        : [];
    }
    return [`builds SQL text at run time: ${e.getText().replace(/\s+/g, ' ').slice(0, 80)}`];
  };

  const findings: SqlFinding[] = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      SQL_METHODS.has(node.expression.name.text) &&
      node.arguments.length > 0
    ) {
      const first = unwrap(node.arguments[0]);
      // `.where({ id })`, `.select(['a'])`: not SQL text. A variable counts when it holds text.
      const sql =
        isText(first) || (ts.isIdentifier(first) && (writes.get(first.text) ?? []).some(isText));
      const method = node.expression.name.text;
      // `.query(x.text)`, `.query(build())`: SQL made somewhere this scan cannot see.
      const opaque =
        method === 'query' &&
        !sql &&
        !ts.isObjectLiteralExpression(first) &&
        !ts.isIdentifier(first);
      if (opaque) {
        const entry = allowEntry(first);
        if (entry) used.add(entry);
        else
          findings.push({
            file,
            line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1,
            problem: `.query(): SQL text built elsewhere: ${first.getText().slice(0, 60)}`,
          });
      }
      if (sql) {
        const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
        for (const problem of problems(first, new Set()))
          findings.push({ file, line, problem: `.${node.expression.name.text}(): ${problem}` });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return findings;
}

function sourceFiles(root: string, dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|mts)$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
        out.push(path.relative(root, full).split(path.sep).join('/'));
    }
  };
  walk(path.join(root, dir));
  return out.sort();
}

describe('no SQL built from strings (apps/api/src)', () => {
  const root = path.resolve(import.meta.dirname, '..');

  it('finds interpolation and concatenation of values, and accepts parameters (the scanner itself)', () => {
    const bad = `
      class R {
        a(id: string) { return this.ds.query(\`SELECT * FROM t WHERE id = '\${id}'\`); }
        b(name: string) { return this.ds.query('SELECT * FROM t WHERE name = ' + name); }
        c(col: string) { return this.repo.createQueryBuilder('u').where('u.x = 1').orderBy(\`u.\${col}\`); }
        d(q: { s?: string }) {
          let where = 'a = $1';
          if (q.s) where += \` AND b = '\${q.s}'\`;
          return this.ds.query(\`SELECT 1 FROM t WHERE \${where}\`, []);
        }
        e(parts: string[]) { return this.ds.query(\`SELECT 1 WHERE \${parts.join(' AND ')}\`); }
        f(v: string) { const sql = 'SELECT ' + v; return this.ds.query(sql); }
        g(s: { text: string }) { return this.ds.query(s.text, []); }
      }`;
    const found = scanSql('src/x.ts', bad, []);
    expect(found.map((f) => f.line)).toEqual([3, 4, 5, 9, 11, 12, 13]);
    expect(found[0].problem).toBe('.query(): interpolates ${id}');

    const good = `
      const COLUMNS = 'id, name';
      export const CHANNEL = 'baton_x';
      class R {
        a(id: string) { return this.ds.query(\`SELECT \${COLUMNS} FROM t WHERE id = $1\`, [id]); }
        b(q: { s?: string; k?: string }, unread: boolean) {
          const params: unknown[] = [1];
          let where = 'a = $1';
          if (q.s) { params.push(q.s); where += \` AND b = $\${params.length}\`; }
          const order = q.k ? 'created_at DESC' : 'id';
          return this.ds.query(\`SELECT 1 FROM t WHERE \${where} \${unread ? 'AND r' : ''} ORDER BY \${order}\`, params);
        }
        c() { return this.ds.query(\`LISTEN \${CHANNEL}\`); }
        async d(q: Q) { for (const t of ['x', 'y']) await q.query(\`DROP TABLE \${t}\`); }
        e(id: string) { return this.repo.createQueryBuilder('u').where('u.id = :id', { id }).where({ id }); }
      }`;
    expect(scanSql('src/y.ts', good, [])).toEqual([]);

    // An allow-list entry counts only for its file and expression, and only with a reason.
    const paged = 'class R { a(n: number) { return this.ds.query(`SELECT 1 LIMIT ${n}`); } }';
    expect(scanSql('src/z.ts', paged, [])).toHaveLength(1);
    expect(
      scanSql('src/z.ts', paged, [{ file: 'src/z.ts', expression: 'n', reason: 'a number' }]),
    ).toEqual([]);
    expect(
      scanSql('src/z.ts', paged, [{ file: 'src/z.ts', expression: 'n', reason: ' ' }]),
    ).toHaveLength(1);
    expect(
      scanSql('src/w.ts', paged, [{ file: 'src/z.ts', expression: 'n', reason: 'a number' }]),
    ).toHaveLength(1);
  });

  it('finds none in apps/api/src, and every allow-list entry is still needed', () => {
    const files = sourceFiles(root, 'src');
    expect(files.length).toBeGreaterThan(50);
    const used = new Set<AllowedInterpolation>();
    const findings = files.flatMap((f) =>
      scanSql(f, fs.readFileSync(path.join(root, f), 'utf8'), ALLOWED_INTERPOLATIONS, used),
    );
    // The scan does see the SQL of the code base (it is not vacuous).
    const calls = files
      .map((f) => fs.readFileSync(path.join(root, f), 'utf8').match(/\.query\(/g)?.length ?? 0)
      .reduce((a, b) => a + b, 0);
    expect(calls).toBeGreaterThan(20);
    expect(findings.map((f) => `${f.file}:${f.line} ${f.problem}`)).toEqual([]);
    const stale = ALLOWED_INTERPOLATIONS.filter((a) => !used.has(a));
    expect(
      stale.map((a) => `${a.file}: \${${a.expression}} is allow-listed but no longer used`),
    ).toEqual([]);
  });
});
