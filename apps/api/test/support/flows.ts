// Helpers for runtime tests: publish a definition, act as a person, find
// that person's open task on an instance.
import type { ProcessDefinition } from '@baton/flow';
import type { TestApp } from './test-app.js';

export async function publish(
  t: TestApp,
  token: string,
  definition: ProcessDefinition,
): Promise<number> {
  const saved = await t
    .http()
    .post('/api/processes')
    .set('Authorization', `Bearer ${token}`)
    .send(definition);
  if (saved.status !== 201)
    throw new Error(`save ${definition.key}: ${saved.status} ${JSON.stringify(saved.body)}`);
  const res = await t
    .http()
    .post(`/api/processes/${definition.key}/publish`)
    .set('Authorization', `Bearer ${token}`);
  if (res.status !== 201)
    throw new Error(`publish ${definition.key}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.version;
}

/**
 * The smallest real process: start → one approval by the operations
 * director (node `a`) → end (approved), with the given form fields.
 */
export function oneApprovalFlow(
  key: string,
  name: string,
  properties: Record<string, unknown> = { n: { type: 'number' } },
): ProcessDefinition {
  return {
    key,
    name,
    form: { schema: { type: 'object', properties } },
    graph: {
      nodes: [
        { id: 'start', type: 'start' },
        {
          id: 'a',
          type: 'approval',
          name: 'Director',
          assignees: [{ kind: 'role', role: 'operations_director' }],
        },
        { id: 'end', type: 'end', outcome: 'approved' },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'a' },
        { id: 'e2', source: 'a', target: 'end' },
      ],
    },
  } as unknown as ProcessDefinition;
}

export class Actor {
  constructor(
    readonly t: TestApp,
    readonly token: string,
    readonly username: string,
  ) {}

  static async as(t: TestApp, username: string, password: string) {
    return new Actor(t, await t.login(username, password), username);
  }

  get = (path: string) => this.t.http().get(path).set('Authorization', `Bearer ${this.token}`);
  post = (path: string, body?: object) =>
    this.t
      .http()
      .post(path)
      .set('Authorization', `Bearer ${this.token}`)
      .send(body ?? {});

  async start(key: string, data: Record<string, unknown>) {
    const res = await this.post(`/api/processes/${key}/instances`, { data });
    if (res.status !== 201)
      throw new Error(`start ${key}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as {
      id: string;
      status: string;
      activeNodes: string[];
      tasks: { id: string; nodeId: string; assigneeId: string; status: string }[];
    };
  }

  /** This person's open task on the instance (at the node, if given). */
  async taskOn(instanceId: string, nodeId?: string): Promise<string> {
    const res = await this.get('/api/tasks?status=open&pageSize=200');
    const task = (res.body.items as { id: string; instanceId: string; nodeId: string }[]).find(
      (x) => x.instanceId === instanceId && (!nodeId || x.nodeId === nodeId),
    );
    if (!task)
      throw new Error(
        `${this.username} has no open task on ${instanceId}${nodeId ? ` at ${nodeId}` : ''}: ${JSON.stringify(res.body)}`,
      );
    return task.id;
  }

  async act(instanceId: string, nodeId: string, body: Record<string, unknown>) {
    const taskId = await this.taskOn(instanceId, nodeId);
    return this.post(`/api/tasks/${taskId}/actions`, body);
  }
}

/** Polls `read` until `done` holds, at most `timeoutMs`; answers the last value read. */
export async function poll<T>(
  read: () => Promise<T>,
  done: (v: T) => boolean,
  timeoutMs = 15000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (done(v)) return v;
    if (Date.now() > deadline)
      throw new Error(`${what} did not hold within ${timeoutMs} ms; last: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Username → user id, as any signed-in user sees them. */
export async function userIds(who: Actor): Promise<Record<string, string>> {
  const res = await who.get('/api/users');
  const list = (Array.isArray(res.body) ? res.body : res.body.items) as {
    id: string;
    username: string;
  }[];
  return Object.fromEntries(list.map((u) => [u.username, u.id]));
}
