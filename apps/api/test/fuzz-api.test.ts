// RELIABILITY.md, "Bad input gets a clear error and changes nothing", over
// HTTP against a real database: generated and mutated process definitions
// POSTed to the draft, publish and import endpoints; generated and mutated
// form data POSTed to start instances and to act on tasks; and hostile bodies
// (deep JSON, huge strings, wrong types, 10,000 nodes, __proto__ and
// constructor keys, NUL and broken surrogates). For every answer:
//   - never a 5xx;
//   - accepted (2xx), or refused with 400/404/409/413/422 and the error shape
//     of docs/API.md: { error, message }, with `problems` for
//     invalid_definition and `fields` for invalid_form_data / invalid_request;
//   - a refused request changed nothing: the rows of every table (counted, and
//     fingerprinted for drafts, versions, instances and tasks) are the same
//     before and after;
//   - Object.prototype was not polluted (the app runs in this process).
// The seed is fixed (BATON_FUZZ_SEED overrides it) and printed with any
// failure, with the counterexample; BATON_SOAK=1 runs ten times as many cases.
// The validator alone is fuzzed in packages/flow/src/validate/fuzz.test.ts.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import type { Response } from 'supertest';
import type { ProcessDefinition } from '@baton/flow';
import { TEMPLATES } from '@baton/templates';
import { ADMIN_PASSWORD, startTestApp, testMode, type TestApp } from './support/test-app.js';
import { poll } from './support/flows.js';

const mode = testMode();
const SEED = Number(process.env.BATON_FUZZ_SEED ?? 20261122);
const SOAK = process.env.BATON_SOAK === '1';
const runs = (n: number) => (SOAK ? n * 10 : n);
const REFUSALS = [400, 404, 409, 413, 422];
const TARGET = 'fz-target';

// ---- the database, as a fingerprint --------------------------------------

const TABLES = [
  'users',
  'departments',
  'process_definitions',
  'process_versions',
  'instances',
  'tasks',
  'events',
  'outbox',
  'timers',
  'notifications',
  'incidents',
  'idempotency_keys',
  'templates',
  'files',
];

// A command the worker refuses stays in `commands` as 'refused' (the record of
// what was asked and why it was refused); only commands that changed
// something count.
const FINGERPRINT_SQL = `SELECT ${TABLES.map((t) => `(SELECT count(*) FROM ${t})::int AS "${t}"`).join(', ')},
  (SELECT count(*) FROM commands WHERE status <> 'refused')::int AS "commands not refused",
  (SELECT md5(coalesce(string_agg(key || ':' || coalesce(md5(draft::text), '-') || ':' || coalesce(latest_version::text, '-'), '|' ORDER BY key), '')) FROM process_definitions) AS drafts,
  (SELECT md5(coalesce(string_agg(key || ':' || version, '|' ORDER BY key, version), '')) FROM process_versions) AS versions,
  (SELECT md5(coalesce(string_agg(id || ':' || status || ':' || event_seq || ':' || md5(state::text), '|' ORDER BY id), '')) FROM instances) AS instances,
  (SELECT md5(coalesce(string_agg(id || ':' || status || ':' || assignee_id, '|' ORDER BY id), '')) FROM tasks) AS task_rows`;

// ---- fixtures --------------------------------------------------------------

/** The start form every form-data case aims at. */
const FORM_SCHEMA = {
  type: 'object',
  required: ['title', 'amount'],
  properties: {
    title: { type: 'string', title: 'Title', minLength: 1, maxLength: 50 },
    amount: { type: 'number', title: 'Amount', minimum: 0, maximum: 10000 },
    reason: { type: 'string', title: 'Reason', enum: ['damaged', 'late', 'other'] },
    when: { type: 'string', title: 'When', format: 'date' },
    urgent: { type: 'boolean', title: 'Urgent' },
    items: {
      type: 'array',
      title: 'Items',
      maxItems: 5,
      items: {
        type: 'object',
        required: ['sku'],
        properties: {
          sku: { type: 'string', title: 'SKU', maxLength: 20 },
          qty: { type: 'integer', title: 'Qty', minimum: 1 },
        },
      },
    },
    note: { type: 'string', title: 'Note', maxLength: 200 },
  },
};

function targetDefinition(adminId: string): ProcessDefinition {
  return {
    key: TARGET,
    name: 'Fuzz target',
    form: { schema: FORM_SCHEMA },
    graph: {
      nodes: [
        { id: 'start', type: 'start', fieldPermissions: { note: 'hidden' } },
        {
          id: 'work',
          type: 'task',
          name: 'Work',
          assignees: [{ kind: 'user', ids: [adminId] }],
          fieldPermissions: { note: 'edit', amount: 'read', title: 'read' },
        },
        {
          id: 'check',
          type: 'approval',
          name: 'Check',
          assignees: [{ kind: 'user', ids: [adminId] }],
        },
        { id: 'end', type: 'end', outcome: 'approved' },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'work' },
        { id: 'e2', source: 'work', target: 'check' },
        { id: 'e3', source: 'check', target: 'end' },
      ],
    },
  } as unknown as ProcessDefinition;
}

const VALID_DATA = {
  title: 'Refund 42',
  amount: 12.5,
  reason: 'late',
  items: [{ sku: 'A1', qty: 2 }],
};

// ---- arbitraries -------------------------------------------------------------

/** Keys that break naive code: prototype pollution and Object.prototype members. */
const NASTY_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
];

/** Strings that break storage or display: NUL, lone surrogates, long, RTL, SQL and HTML. */
const nastyString = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    'a\u0000b',
    '\ud800',
    'x\udfffy',
    '\u202e\u0000',
    "'; DROP TABLE users; --",
    '<script>alert(1)</script>',
    '{{constructor.constructor("x")()}}',
    '../../etc/passwd',
    '$1',
    '%s%n',
    ...NASTY_KEYS,
  ),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.nat({ max: 3 }).map((k) => 'x'.repeat([300, 5000, 70000, 300000][k])),
);

const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  fc.constantFrom(null, true, false, 0, -1, 1e308, -0, 0.1, 2 ** 53 + 1, [], {}),
  fc.double(),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Sets an own enumerable property (also for `__proto__`, which plain assignment would not). */
function setOwn(target: Record<string, unknown>, key: string, value: unknown) {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

type Mutation = { at: number; op: number; key: number; value: unknown };
const mutationArb = fc.record({
  at: fc.nat(),
  op: fc.nat({ max: 7 }),
  key: fc.nat(),
  value: nastyValue,
});

/** Every container (object or array) in a JSON tree, with its path. */
function containers(root: unknown): (Record<string, unknown> | unknown[])[] {
  const out: (Record<string, unknown> | unknown[])[] = [];
  const walk = (v: unknown) => {
    if (v && typeof v === 'object') {
      out.push(v as Record<string, unknown>);
      for (const child of Object.values(v)) walk(child);
    }
  };
  walk(root);
  return out;
}

/** Applies mutations to a deep copy: delete, replace, add nasty keys, duplicate, retype. */
function mutate<T>(base: T, mutations: Mutation[]): T {
  const copy = structuredClone(base);
  for (const m of mutations) {
    const all = containers(copy);
    if (all.length === 0) break;
    const c = all[m.at % all.length];
    const keys = Object.keys(c);
    const key = keys.length ? keys[m.key % keys.length] : undefined;
    const obj = c as Record<string, unknown>;
    switch (m.op) {
      case 0: // delete a member
        if (key !== undefined) {
          if (Array.isArray(c)) c.splice(Number(key), 1);
          else delete obj[key];
        }
        break;
      case 1: // replace a member with a hostile value
      case 2:
        if (key !== undefined) obj[key] = m.value;
        break;
      case 3: // add a prototype-pollution or Object.prototype key
        setOwn(obj, NASTY_KEYS[m.key % NASTY_KEYS.length], m.value ?? { polluted: 'yes' });
        break;
      case 4: // duplicate an array element (duplicate ids, edges)
        if (Array.isArray(c) && c.length) c.push(structuredClone(c[m.key % c.length]));
        break;
      case 5: // a string member becomes a nasty string, a number goes out of range
        if (key !== undefined) {
          const v = obj[key];
          if (typeof v === 'string')
            obj[key] = typeof m.value === 'string' ? m.value : `${v}\u0000`;
          else if (typeof v === 'number') obj[key] = -v - 1e9;
        }
        break;
      case 6: // wrap a member in an array / object (wrong type, one level deeper)
        if (key !== undefined) obj[key] = m.key % 2 ? [obj[key]] : { value: obj[key] };
        break;
      case 7: // rename a member to a nasty key
        if (key !== undefined && !Array.isArray(c)) {
          const v = obj[key];
          delete obj[key];
          setOwn(obj, NASTY_KEYS[m.key % NASTY_KEYS.length], v);
        }
        break;
    }
  }
  return copy;
}

const NODE_TYPES = [
  'start',
  'end',
  'task',
  'approval',
  'branch',
  'inclusive',
  'parallel',
  'join',
  'timer',
  'automation',
  'cc',
  'subprocess',
];
const nodeIds = fc.oneof(
  fc.constantFrom('start', 'end', 'a', 'b', 'c', 'd', ...NASTY_KEYS),
  fc.string({ minLength: 1, maxLength: 8 }),
);
const assigneeArb = fc.oneof(
  fc.record({ kind: fc.constant('role'), role: fc.constantFrom('finance', 'hr', 'nobody', '') }),
  fc.record({ kind: fc.constant('manager'), level: fc.integer({ min: -2, max: 5 }) }),
  fc.record({ kind: fc.constant('field'), field: fc.constantFrom('owner', 'title', '__proto__') }),
  fc.record({ kind: fc.constant('user'), ids: fc.array(fc.uuid(), { maxLength: 2 }) }),
  fc.record({ kind: fc.constant('initiator') }),
  fc.record({ kind: nastyString }),
);
const conditionArb = fc.oneof(
  fc.constant({ '>=': [{ var: 'amount' }, 500] }),
  fc.constant({ '==': [{ var: 'reason' }, 'late'] }),
  fc.constant({ var: '__proto__' }),
  fc.constant({ method: [{ var: 'title' }, 'constructor'] }),
  fc.jsonValue({ maxDepth: 3 }),
);
const nodeArb = fc.record(
  {
    id: nodeIds,
    type: fc.oneof(fc.constantFrom(...NODE_TYPES), nastyString),
    name: nastyString,
    assignees: fc.array(assigneeArb, { maxLength: 2 }),
    sla: fc.record({ due: fc.constantFrom('P1D', 'PT0S', 'P-1D', 'forever', '') }),
    duration: fc.constantFrom('PT1H', 'P1D', 'nope'),
    outcome: fc.constantFrom('approved', 'rejected', 'completed', 'maybe'),
    mode: fc.constantFrom('any', 'all', 'sequential', 'vote'),
    fieldPermissions: fc.dictionary(
      fc.constantFrom('title', 'amount', 'note', ...NASTY_KEYS),
      fc.constantFrom('edit', 'read', 'hidden', 'write'),
    ),
    webhook: fc.record({
      url: fc.constantFrom(
        'https://example.com/hook',
        'http://127.0.0.1/',
        'javascript:alert(1)',
        'not a url',
      ),
    }),
  },
  { requiredKeys: ['id', 'type'] },
);
const edgeArb = fc.record(
  {
    id: fc.string({ minLength: 1, maxLength: 6 }),
    source: nodeIds,
    target: nodeIds,
    condition: conditionArb,
    default: fc.boolean(),
  },
  { requiredKeys: ['id', 'source', 'target'] },
);
const formArb = fc.oneof(
  fc.constant({ schema: FORM_SCHEMA }),
  fc.record({
    schema: fc.record({
      type: fc.constantFrom('object', 'array', 'string'),
      properties: fc.dictionary(
        fc.oneof(fc.constantFrom(...NASTY_KEYS), fc.string({ maxLength: 6 })),
        fc.record(
          {
            type: fc.constantFrom(
              'string',
              'number',
              'integer',
              'boolean',
              'array',
              'object',
              'nonsense',
            ),
            pattern: fc.constantFrom('^a+$', '(a+)+$', '[', '.*'),
            $ref: fc.constantFrom('#/definitions/x', 'http://example.com/schema', '#'),
          },
          { requiredKeys: ['type'] },
        ),
        { maxKeys: 5 },
      ),
      required: fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 }),
    }),
  }),
);
const keyArb = fc.oneof(
  fc.nat({ max: 50 }).map((n) => `fz-gen-${n}`),
  fc.constantFrom('schema', 'import', 'A-B', '-x', 'x', 'fz_' + 'y'.repeat(80), '../x', 'fz gen'),
  fc.string({ maxLength: 12 }),
);

/** Definitions built from scratch: mostly well-shaped parts, wired at random. */
const generatedDefinition = fc.record(
  {
    key: keyArb,
    name: fc.oneof(fc.constant('Generated'), nastyString),
    description: nastyString,
    category: nastyString,
    form: formArb,
    graph: fc.record({
      nodes: fc.array(nodeArb, { maxLength: 10 }),
      edges: fc.array(edgeArb, { maxLength: 12 }),
    }),
    settings: fc.record(
      { starters: fc.array(assigneeArb, { maxLength: 2 }) },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ['key', 'name', 'graph'] },
);

/** Valid definitions (the built-in templates and the target) with 1-4 mutations. */
function mutatedDefinition(corpus: ProcessDefinition[]) {
  return fc
    .tuple(
      fc.nat({ max: corpus.length - 1 }),
      fc.array(mutationArb, { minLength: 1, maxLength: 4 }),
      fc.nat({ max: 30 }),
    )
    .map(([i, ms, n]) => {
      const d = mutate({ ...corpus[i], key: `fz-m-${n}` }, ms) as Record<string, unknown>;
      return d;
    });
}

/** Form data: valid values, wrong types, out-of-range values, missing and extra fields. */
const formDataArb: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .array(mutationArb, { minLength: 1, maxLength: 3 })
      .map((ms) => mutate(VALID_DATA, ms)),
  },
  {
    weight: 3,
    arbitrary: fc.record(
      {
        title: fc.oneof(fc.string({ maxLength: 60 }), nastyValue),
        amount: fc.oneof(fc.double(), fc.integer(), nastyValue),
        reason: fc.oneof(fc.constantFrom('damaged', 'late', 'other', 'LATE'), nastyValue),
        when: fc.oneof(fc.constantFrom('2026-02-30', '2026-01-01', 'yesterday'), nastyValue),
        urgent: fc.oneof(fc.boolean(), nastyValue),
        items: fc.oneof(
          fc.array(
            fc.record(
              {
                sku: fc.oneof(fc.string({ maxLength: 25 }), nastyValue),
                qty: fc.oneof(fc.integer(), nastyValue),
              },
              { requiredKeys: [] },
            ),
            { maxLength: 7 },
          ),
          nastyValue,
        ),
        note: nastyValue,
        extra: nastyValue,
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: nastyValue },
);

// ---- the checks ---------------------------------------------------------------

interface Outcome {
  accepted: boolean;
}

describe(`fuzz: hostile and generated input over HTTP changes nothing and never 5xx (${mode} mode)`, () => {
  let t: TestApp;
  let db: DataSource;
  let admin: string;
  let adminId: string;
  let baseline: Record<string, unknown>;
  let taskId: string;
  const stats: Record<string, Record<number, number>> = {};

  const fingerprint = async () =>
    ((await db.query(FINGERPRINT_SQL)) as Record<string, unknown>[])[0];

  /** The database once background work (queued commands, outbox) has settled. */
  async function settle() {
    let last = await fingerprint();
    for (let i = 0; i < 100; i++) {
      await new Promise((r) => setTimeout(r, 40));
      const [pending] = await db.query(
        `SELECT (SELECT count(*) FROM commands WHERE status = 'queued')::int AS commands,
                (SELECT count(*) FROM outbox WHERE dispatched_at IS NULL)::int AS outbox`,
      );
      const now = await fingerprint();
      if (pending.commands === 0 && JSON.stringify(now) === JSON.stringify(last)) {
        baseline = now;
        return;
      }
      last = now;
    }
    baseline = last;
  }

  const post = (path: string, body: unknown) => {
    const req = t.http().post(path).set('Authorization', `Bearer ${admin}`);
    if (typeof body === 'string') return req.set('Content-Type', 'application/json').send(body);
    return req.set('Content-Type', 'application/json').send(JSON.stringify(body) ?? 'null');
  };

  /** The contract for one answer; refreshes the baseline after an accepted request. */
  async function check(what: string, res: Response): Promise<Outcome> {
    (stats[what.split(' ')[0]] ??= {})[res.status] =
      (stats[what.split(' ')[0]][res.status] ?? 0) + 1;
    const context = `${what} → ${res.status} ${JSON.stringify(res.body).slice(0, 600)}`;
    expect({ context, pollutedPrototype: ({} as Record<string, unknown>).polluted }).toEqual({
      context,
      pollutedPrototype: undefined,
    });
    if (res.status >= 200 && res.status < 300) {
      await settle();
      return { accepted: true };
    }
    expect({ context, refused: REFUSALS.includes(res.status) }).toEqual({ context, refused: true });
    const body = res.body as Record<string, unknown>;
    expect({ context, error: body.error, message: typeof body.message }).toEqual({
      context,
      error: expect.stringMatching(/^[a-z][a-z_]*$/),
      message: 'string',
    });
    expect({ context, empty: String(body.message).trim() === '' }).toEqual({
      context,
      empty: false,
    });
    expect({ context, stack: /\n\s+at |node_modules|\.ts:\d+/.test(JSON.stringify(body)) }).toEqual(
      {
        context,
        stack: false,
      },
    );
    if (body.error === 'invalid_definition') {
      const problems = body.problems as { code: unknown; message: unknown }[];
      expect({ context, ok: Array.isArray(problems) && problems.length > 0 }).toEqual({
        context,
        ok: true,
      });
      for (const p of problems)
        expect({ context, code: typeof p.code, message: typeof p.message }).toEqual({
          context,
          code: 'string',
          message: 'string',
        });
    }
    if (body.error === 'invalid_form_data' || body.error === 'invalid_request') {
      const fields = body.fields as { path: unknown; message: unknown }[] | undefined;
      if (body.error === 'invalid_form_data' || fields !== undefined) {
        expect({ context, ok: Array.isArray(fields) && fields.length > 0 }).toEqual({
          context,
          ok: true,
        });
        for (const f of fields!)
          expect({ context, path: typeof f.path, message: typeof f.message }).toEqual({
            context,
            path: 'string',
            message: 'string',
          });
      }
    }
    // Nothing written: every table as it was.
    const after = await fingerprint();
    expect({ context, db: after }).toEqual({ context, db: baseline });
    return { accepted: false };
  }

  /** Runs `check`, collecting a failure instead of stopping, so one run lists every broken case. */
  async function checkAll(failures: string[], what: string, res: Response): Promise<Outcome> {
    try {
      return await check(what, res);
    } catch (err) {
      const message = (err as Error).message;
      failures.push((message.match(/"context": "([^\n]*)"/)?.[1] ?? message).slice(0, 400));
      await settle();
      return { accepted: res.status < 300 };
    }
  }

  /** An open task at `work` for the admin, starting a new instance when the last one moved on. */
  async function ensureOpenTask() {
    if (taskId) {
      const res = await t
        .http()
        .get(`/api/tasks/${taskId}`)
        .set('Authorization', `Bearer ${admin}`);
      if (res.status === 200 && res.body.status === 'open' && res.body.nodeId === 'work') return;
    }
    const started = await post(`/api/processes/${TARGET}/instances`, { data: VALID_DATA });
    expect(started.status).toBe(201);
    const instanceId = started.body.id as string;
    const inbox = await poll(
      async () =>
        (
          await t
            .http()
            .get('/api/tasks?status=open&pageSize=200')
            .set('Authorization', `Bearer ${admin}`)
        ).body.items as { id: string; instanceId: string; nodeId: string }[],
      (items) => items.some((x) => x.instanceId === instanceId && x.nodeId === 'work'),
      15000,
      'the work task',
    );
    taskId = inbox.find((x) => x.instanceId === instanceId && x.nodeId === 'work')!.id;
    await settle();
  }

  const params = (n: number) => ({
    seed: SEED,
    numRuns: runs(n),
    endOnFailure: true,
    // fast-check prints the seed, the path and the counterexample; say how to replay.
    reporter: (details: fc.RunDetails<unknown>) => {
      if (details.failed)
        throw new Error(
          `${fc.defaultReportMessage(details)}\nReplay: BATON_FUZZ_SEED=${details.seed} (path ${details.counterexamplePath}).\n${details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)}`,
        );
    },
  });

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    admin = await t.login('admin', ADMIN_PASSWORD);
    adminId = (await t.http().get('/api/me').set('Authorization', `Bearer ${admin}`)).body.id;
    const saved = await post('/api/processes', targetDefinition(adminId));
    expect(saved.status).toBe(201);
    expect((await post(`/api/processes/${TARGET}/publish`, {})).status).toBe(201);
    await ensureOpenTask();
  });
  // A case that failed may have left work behind: start each test from a settled baseline.
  beforeEach(() => settle());
  afterAll(async () => {
    if (Object.keys(stats).length)
      console.log(`fuzz-api seed ${SEED}, statuses: ${JSON.stringify(stats)}`);
    await t?.close();
  });

  it('definitions, generated and mutated: drafts, publish and import', async () => {
    const corpus = [...TEMPLATES.map((x) => x.definition), targetDefinition(adminId)];
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(generatedDefinition, mutatedDefinition(corpus)),
        fc.constantFrom('draft', 'draft+publish', 'import', 'import+publish'),
        async (definition, how) => {
          const d = definition as Record<string, unknown>;
          if (d.key === TARGET) d.key = 'fz-not-target';
          if (how === 'import+publish') {
            await check('import?publish', await post('/api/processes/import?publish=true', d));
            return;
          }
          const saved = await check(
            how,
            await post(how === 'import' ? '/api/processes/import' : '/api/processes', d),
          );
          if (how === 'draft+publish' && typeof d.key === 'string') {
            const key = encodeURIComponent(d.key);
            await check('publish', await post(`/api/processes/${key}/publish`, {}));
            void saved;
          }
        },
      ),
      params(80),
    );
  });

  it('form data, generated and mutated: starting instances', async () => {
    await fc.assert(
      fc.asyncProperty(
        formDataArb,
        fc.oneof(
          { weight: 8, arbitrary: fc.constant(TARGET) },
          {
            weight: 1,
            arbitrary: fc.oneof(
              fc.constantFrom('fz-nope', 'leave', '__proto__', 'constructor', '..%2F..'),
              fc.string({ maxLength: 10 }),
            ),
          },
        ),
        fc.oneof(
          { weight: 8, arbitrary: fc.constant(undefined) },
          {
            weight: 1,
            arbitrary: fc.dictionary(fc.constantFrom(...NASTY_KEYS, 'extra'), nastyValue, {
              maxKeys: 2,
            }),
          },
        ),
        async (data, key, extra) => {
          const body: Record<string, unknown> = { data };
          if (extra) for (const [k, v] of Object.entries(extra)) setOwn(body, k, v);
          await check(
            'start',
            await post(`/api/processes/${encodeURIComponent(key)}/instances`, body),
          );
        },
      ),
      params(90),
    );
  });

  it('task actions, generated and mutated: data, targets, comments', async () => {
    const actionArb = fc.oneof(
      {
        weight: 6,
        arbitrary: fc.constantFrom(
          'submit',
          'approve',
          'reject',
          'return',
          'transfer',
          'addSigner',
        ),
      },
      { weight: 1, arbitrary: fc.constantFrom('comment', 'APPROVE', '', 'delete', '__proto__') },
      { weight: 1, arbitrary: nastyValue },
    );
    const toArb = fc.oneof(
      fc.constantFrom('initiator', 'start', 'work', 'check', 'end', '__proto__'),
      fc.uuid(),
      fc.array(fc.oneof(fc.uuid(), nastyString), { maxLength: 25 }),
      nastyValue,
    );
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            action: actionArb,
            data: fc.oneof(formDataArb, fc.record({ note: nastyValue })),
            to: toArb,
            comment: fc.oneof(
              fc.string({ maxLength: 50 }),
              fc.constant('c'.repeat(4001)),
              nastyValue,
            ),
            position: fc.oneof(fc.constantFrom('before', 'after'), nastyValue),
          },
          { requiredKeys: [] },
        ),
        fc.oneof(
          { weight: 8, arbitrary: fc.constant('') },
          {
            weight: 1,
            arbitrary: fc.oneof(
              fc.uuid(),
              fc.constantFrom('task_', '__proto__', 'x'.repeat(300)),
              fc.string({ maxLength: 10 }),
            ),
          },
        ),
        async (body, otherTask) => {
          await ensureOpenTask();
          const id = otherTask ? encodeURIComponent(otherTask) : taskId;
          await check('action', await post(`/api/tasks/${id}/actions`, body));
        },
      ),
      params(80),
    );
  });

  describe('hostile bodies', () => {
    const deep = (depth: number, leaf: string) => '{"a":'.repeat(depth) + leaf + '}'.repeat(depth);
    const deepArray = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
    const def = (over: Record<string, unknown> = {}) =>
      ({ ...targetDefinition(adminId), key: 'fz-hostile', ...over }) as Record<string, unknown>;
    const chain = (n: number) => ({
      nodes: [
        { id: 'start', type: 'start' },
        ...Array.from({ length: n }, (_, i) => ({
          id: `n${i}`,
          type: 'cc',
          name: `CC ${i}`,
          assignees: [{ kind: 'initiator' }],
        })),
        { id: 'end', type: 'end', outcome: 'completed' },
      ],
      edges: [
        { id: 'e-start', source: 'start', target: 'n0' },
        ...Array.from({ length: n - 1 }, (_, i) => ({
          id: `e${i}`,
          source: `n${i}`,
          target: `n${i + 1}`,
        })),
        { id: 'e-end', source: `n${n - 1}`, target: 'end' },
      ],
    });

    const PUBLISHABLE = new Set(['__proto__ as a form field']);
    /** [what, raw JSON body] for every definition endpoint. */
    const definitionBodies = (): [string, string][] => {
      const bodies: [string, string][] = [
        [
          'deep object as description (10,000 levels)',
          JSON.stringify(def()).replace(/\}$/, `,"description":${deep(10000, '1')}}`),
        ],
        [
          'deep array as graph.nodes (10,000 levels)',
          JSON.stringify(def()).replace(
            /\}$/,
            `,"graph":{"nodes":${deepArray(10000)},"edges":[]}}`,
          ),
        ],
        [
          'deep object in form.schema (5,000 levels)',
          JSON.stringify(def()).replace(/\}$/, `,"form":{"schema":${deep(5000, '{}')}}}`),
        ],
        ['deep array (100,000 levels) as the body', deepArray(100000)],
        ['huge name (1.5 MB)', JSON.stringify(def({ name: 'n'.repeat(1_500_000) }))],
        ['huge description (1.5 MB)', JSON.stringify(def({ description: 'd'.repeat(1_500_000) }))],
        ['body over the limit (3 MB)', JSON.stringify(def({ description: 'd'.repeat(3_000_000) }))],
        ['10,000 nodes', JSON.stringify(def({ graph: chain(10000) }))],
        ['2,001 nodes (one over the limit)', JSON.stringify(def({ graph: chain(2001) }))],
        ['the body is an array', '[1,2,3]'],
        ['the body is a string', '"definition"'],
        ['the body is a number', '42'],
        ['the body is null', 'null'],
        ['the body is true', 'true'],
        ['graph is a string', JSON.stringify(def({ graph: 'graph' }))],
        ['nodes is an object', JSON.stringify(def({ graph: { nodes: {}, edges: [] } }))],
        ['nodes are numbers', JSON.stringify(def({ graph: { nodes: [1, 2, 3], edges: [null] } }))],
        ['edges is null', JSON.stringify(def({ graph: { nodes: [], edges: null } }))],
        ['form is an array', JSON.stringify(def({ form: [] }))],
        ['form.schema is a string', JSON.stringify(def({ form: { schema: 'object' } }))],
        ['key is a number', JSON.stringify(def({ key: 7 }))],
        ['key is an object', JSON.stringify(def({ key: { toString: 'x' } }))],
        ['name is an array', JSON.stringify(def({ name: ['a'] }))],
        [
          '__proto__ and constructor at the top',
          JSON.stringify(def()).replace(
            /\}$/,
            ',"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}',
          ),
        ],
        [
          '__proto__ as a node id',
          JSON.stringify(
            def({
              graph: {
                nodes: [
                  { id: 'start', type: 'start' },
                  { id: '__proto__', type: 'cc', assignees: [{ kind: 'initiator' }] },
                  { id: 'constructor', type: 'end' },
                ],
                edges: [
                  { id: 'e1', source: 'start', target: '__proto__' },
                  { id: 'e2', source: '__proto__', target: 'constructor' },
                ],
              },
            }),
          ),
        ],
        [
          'Object.prototype names as node ids and edge targets',
          JSON.stringify(
            def({
              graph: {
                nodes: [
                  { id: 'toString', type: 'start' },
                  { id: 'hasOwnProperty', type: 'end' },
                ],
                edges: [
                  { id: 'valueOf', source: 'toString', target: 'hasOwnProperty' },
                  { id: 'e2', source: 'toString', target: 'constructor' },
                ],
              },
            }),
          ),
        ],
        [
          '__proto__ as a form field',
          JSON.stringify(def()).replace(
            '"properties":{',
            '"properties":{"__proto__":{"type":"string","polluted":"yes"},"constructor":{"type":"string"},',
          ),
        ],
        [
          '__proto__ in fieldPermissions',
          JSON.stringify(def()).replace(
            '"fieldPermissions":{',
            '"fieldPermissions":{"__proto__":{"polluted":"yes"},"constructor":"edit",',
          ),
        ],
        ['NUL in a name', JSON.stringify(def({ name: 'a\u0000b' }))],
        [
          'a lone surrogate in a key',
          JSON.stringify(def()).replace('"name":', '"x\\ud800":1,"name":'),
        ],
        ['invalid JSON', '{"key": "fz-hostile", "name": '],
        [
          'invalid UTF-8',
          Buffer.from([0x7b, 0x22, 0x6b, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]).toString(
            'latin1',
          ),
        ],
      ];
      return bodies;
    };

    it('on the draft, import and import?publish endpoints', async () => {
      const failures: string[] = [];
      for (const [what, body] of definitionBodies())
        // (Plain import is the draft save: the generated cases above cover it.)
        for (const path of ['/api/processes', '/api/processes/import?publish=true']) {
          const res = await post(path, body);
          const outcome = await checkAll(failures, `hostile ${path}: ${what}`, res);
          // Only a few of these are acceptable drafts (a draft may have problems); none may publish.
          // Form fields named __proto__ / constructor are accepted today (reported, not a 5xx).
          if (path.endsWith('publish=true') && outcome.accepted && !PUBLISHABLE.has(what))
            failures.push(`${path}: ${what} → published`);
        }
      expect(failures).toEqual([]);
      expect(Object.prototype).not.toHaveProperty('polluted');
    });

    it('on publish: a draft with 10,000 nodes or hostile ids is refused and nothing is published', async () => {
      // Save drafts that are storable but cannot be published, then publish them.
      for (const graph of [
        {
          nodes: [
            { id: 'start', type: 'start' },
            { id: '__proto__', type: 'task' },
          ],
          edges: [],
        },
        {
          nodes: [
            { id: 'toString', type: 'start' },
            { id: 'constructor', type: 'join' },
          ],
          edges: [{ id: 'x', source: 'toString', target: 'valueOf' }],
        },
      ]) {
        const saved = await post('/api/processes', def({ key: 'fz-hostile-pub', graph }));
        await check('hostile draft for publish', saved);
        const res = await post('/api/processes/fz-hostile-pub/publish', {});
        expect(res.status).toBe(400);
        await check('hostile publish', res);
      }
      for (const key of ['__proto__', 'constructor', 'x'.repeat(500), '%00', 'fz-nope'])
        await check(
          `publish ${key}`,
          await post(`/api/processes/${encodeURIComponent(key)}/publish`, {}),
        );
    });

    it('on starting an instance and on task actions', async () => {
      await ensureOpenTask();
      const wrap = (data: string) => `{"data":${data}}`;
      const dataBodies: [string, string][] = [
        ['deep data (10,000 levels)', wrap(deep(10000, '1'))],
        [
          'deep data in a field (10,000 levels)',
          wrap(`{"title":"t","amount":1,"note":${deep(10000, '"x"')}}`),
        ],
        [
          'deep array in items (50,000 levels)',
          wrap(`{"title":"t","amount":1,"items":${deepArray(50000)}}`),
        ],
        [
          'huge title (1.5 MB)',
          wrap(JSON.stringify({ ...VALID_DATA, title: 't'.repeat(1_500_000) })),
        ],
        [
          'huge unknown field (1.5 MB)',
          wrap(JSON.stringify({ ...VALID_DATA, blob: 'b'.repeat(1_500_000) })),
        ],
        [
          '10,000 items',
          wrap(
            JSON.stringify({
              ...VALID_DATA,
              items: Array.from({ length: 10000 }, (_, i) => ({ sku: `s${i}`, qty: 1 })),
            }),
          ),
        ],
        [
          '10,000 unknown fields',
          wrap(
            JSON.stringify({
              ...VALID_DATA,
              ...Object.fromEntries(Array.from({ length: 10000 }, (_, i) => [`f${i}`, i])),
            }),
          ),
        ],
        ['data is an array', wrap('[1,2]')],
        ['data is a string', wrap('"x"')],
        ['data is null', wrap('null')],
        ['amount is a string', wrap(JSON.stringify({ ...VALID_DATA, amount: '12' }))],
        ['amount is huge', wrap(JSON.stringify({ ...VALID_DATA, amount: 1e308 }))],
        [
          '__proto__ in data',
          wrap(
            `{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"title":"t","amount":1}`,
          ),
        ],
        [
          '__proto__ in an item',
          wrap(`{"title":"t","amount":1,"items":[{"sku":"a","__proto__":{"polluted":"yes"}}]}`),
        ],
        ['NUL in a field', wrap(JSON.stringify({ ...VALID_DATA, title: 'a\u0000b' }))],
        ['NUL in a key', wrap(JSON.stringify({ ...VALID_DATA, 'k\u0000': 1 }))],
        ['lone surrogate in a field', wrap(`{"title":"a\\ud800b","amount":1}`)],
        ['lone surrogate in a key', wrap(`{"title":"t","amount":1,"\\udfff":1}`)],
        ['the body is an array', '[]'],
        ['the body is a number', '1'],
        [
          'body over the limit (3 MB)',
          wrap(JSON.stringify({ ...VALID_DATA, blob: 'b'.repeat(3_000_000) })),
        ],
        ['invalid JSON', '{"data": {"title": '],
      ];
      const failures: string[] = [];
      for (const [what, body] of dataBodies) {
        const start = await post(`/api/processes/${TARGET}/instances`, body);
        await checkAll(failures, `hostile start: ${what}`, start);
        await ensureOpenTask();
        const action = body.startsWith('{"data":') ? `{"action":"submit",${body.slice(1)}` : body;
        const acted = await post(`/api/tasks/${taskId}/actions`, action);
        await checkAll(failures, `hostile action: ${what}`, acted);
      }
      expect(failures).toEqual([]);
      expect(Object.prototype).not.toHaveProperty('polluted');
    });
  });
});
