// Starting instances, reading them (with the reader's field permissions),
// their audit trail, lists, and withdrawing. Every change goes through a
// command that a worker applies; the caller waits (bounded) for it.
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { checkWrite, requiredAt, validateFormData, type JsonSchema } from '@baton/forms';
import {
  initialState,
  type Command,
  type InstanceState,
  type ProcessDefinition,
  type TaskAction,
  type TaskKind,
  type TaskStatus,
} from '@baton/flow';
import type {
  InstanceAnswer,
  InstanceEvent,
  InstanceStatus,
  InstanceSummary,
  InstanceView,
  Paged,
  StartAnswer,
} from '@baton/contracts';
import { BATON_CONFIG, type BatonConfig } from '../../platform/config/config.js';
import { ApiError, badRequest, forbidden, notFound } from '../../platform/errors/api-error.js';
import { ROLE_ADMIN, type AuthUser } from '../../platform/auth/auth.types.js';
import { ProcessesService } from '../processes/processes.service.js';
import { FilesService } from '../files/files.service.js';
import { fileRefs } from '../files/file-refs.js';
import { CommandBus, type CommandOutcome } from './command-bus.js';
import { eventVisible, pickFields, visibleFields } from './field-visibility.js';
import { RuntimeCaches } from './runtime.caches.js';
import { refusalError } from './refusals.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface InstanceRow {
  id: string;
  process_key: string;
  version: number;
  title: string;
  status: InstanceStatus;
  initiator_id: string;
  state: InstanceState;
  started_at: Date;
  ended_at: Date | null;
}

export interface Readable {
  row: InstanceRow;
  definition: ProcessDefinition;
  visible: Set<string>;
}

interface AccessRow extends InstanceRow {
  my_nodes: string[];
  cc: boolean;
  task?: Record<string, unknown> | null;
}

/** A row of the tasks table. */
export interface TaskRecord {
  id: string;
  instance_id: string;
  process_key: string;
  node_id: string;
  node_name: string;
  kind: TaskKind;
  title: string;
  assignee_id: string;
  status: TaskStatus;
  action: TaskAction | null;
  created_at: Date;
  due_at: Date | null;
  warn_at: Date | null;
  completed_at: Date | null;
}

/** A tasks row read as JSON (to_jsonb) back into the shape the driver gives. */
function taskRecord(j: Record<string, unknown>): TaskRecord {
  const date = (v: unknown) => (typeof v === 'string' ? new Date(v) : null);
  return {
    ...(j as unknown as TaskRecord),
    created_at: date(j.created_at) as Date,
    due_at: date(j.due_at),
    warn_at: date(j.warn_at),
    completed_at: date(j.completed_at),
  };
}

@Injectable()
export class InstancesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly processes: ProcessesService,
    private readonly caches: RuntimeCaches,
    private readonly bus: CommandBus,
    @Inject(BATON_CONFIG) private readonly config: BatonConfig,
    private readonly files: FilesService,
  ) {}

  async start(
    key: string,
    body: { data?: unknown },
    caller: AuthUser,
  ): Promise<{ status: number; body: StartAnswer }> {
    const published = await this.caches.latest(key);
    if (!published) throw notFound(`There is no published process "${key}".`);
    const definition = published.definition;
    if (
      !(await this.processes.mayStart(caller.id, definition, await this.caches.directorySnapshot()))
    ) {
      throw forbidden('You may not start this process.');
    }
    const data = body?.data ?? {};
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      throw badRequest('invalid_form_data', 'data must be an object of form fields.', {
        fields: [{ path: '(data)', message: 'must be an object' }],
      });
    }
    checkStartData(definition, data as Record<string, unknown>);
    await this.files.assertUsable(
      fileRefs(definition.form, data as Record<string, unknown>),
      caller.id,
    );
    const title = instanceTitle(definition, caller);
    const cmd: Command = {
      type: 'start',
      initiatorId: caller.id,
      data: data as Record<string, unknown>,
    };
    // The instance and its start command in one statement (one commit).
    // A retry of a start whose answer was lost: the instance it created, not a second one.
    const prior = await this.bus.accepted(caller.id);
    const { instance_id: instanceId, id: commandId } = prior
      ? { instance_id: prior.instanceId, id: prior.id }
      : (
          await this.dataSource.query(
            `WITH i AS (INSERT INTO instances (process_key, version, title, status, initiator_id, state) VALUES ($1, $2, $3, 'new', $4, $5) RETURNING id)
             INSERT INTO commands (instance_id, actor_id, type, payload, request_key) SELECT i.id, $4, 'start', $6, $7 FROM i RETURNING instance_id, id`,
            [
              key,
              published.version,
              title,
              caller.id,
              JSON.stringify(initialState()),
              JSON.stringify(cmd),
              this.bus.requestKey(caller.id),
            ],
          )
        )[0];
    if (!prior) await this.bus.dispatch(commandId).catch(() => undefined); // the sweeper retries
    const outcome = await this.bus.wait(commandId, this.config.commandWaitMs);
    if (outcome?.status === 'refused') throw refusalError(outcome);
    const view = await this.view(instanceId, caller);
    return { status: outcome ? 201 : 202, body: outcome ? view : { ...view, commandId } };
  }

  /** A `startProcess` automation: the child runs as the parent's initiator. */
  async startChild(
    parentId: string,
    key: string,
    data: Record<string, unknown>,
  ): Promise<{ ok: boolean; error?: string }> {
    const [parent] = await this.dataSource.query(
      `SELECT initiator_id FROM instances WHERE id = $1`,
      [parentId],
    );
    const published = await this.processes.latestPublished(key);
    if (!parent || !published) return { ok: false, error: `process "${key}" is not published` };
    try {
      checkStartData(published.definition, data);
    } catch (err) {
      return { ok: false, error: (err as Error).message };
    }
    const commandId = await this.dataSource.transaction(async (m) => {
      const [row] = await m.query(
        `INSERT INTO instances (process_key, version, title, status, initiator_id, state) VALUES ($1, $2, $3, 'new', $4, $5) RETURNING id`,
        [
          key,
          published.version,
          published.definition.name,
          parent.initiator_id,
          JSON.stringify(initialState()),
        ],
      );
      return this.bus.insert(m, row.id, parent.initiator_id, {
        type: 'start',
        initiatorId: parent.initiator_id,
        data,
      });
    });
    await this.bus.dispatch(commandId).catch(() => undefined); // the sweeper retries
    return { ok: true };
  }

  async get(id: string, caller: AuthUser): Promise<InstanceView> {
    return this.view(id, caller);
  }

  /** The instance row after checking the caller may read it (404 otherwise, API.md). */
  async readable(id: string, caller: AuthUser): Promise<Readable> {
    const row = UUID.test(id) ? await this.readRow(`i.id = $1`, id, caller) : undefined;
    const readable = row && (await this.access(row, caller));
    if (!readable) throw notFound('No such instance.');
    return readable;
  }

  /**
   * A task with its instance, in one round trip; the instance part is as
   * readable() answers it, or `null` when the caller may not read it.
   */
  async taskWithInstance(
    taskId: string,
    caller: AuthUser,
  ): Promise<{ task: TaskRecord; instance: Readable | null }> {
    const row =
      taskId.length <= 100
        ? await this.readRow(
            `i.id = (SELECT instance_id FROM tasks WHERE id = $1)`,
            taskId,
            caller,
            {
              withTask: true,
            },
          )
        : undefined;
    if (!row?.task) throw notFound('No such task.');
    return { task: taskRecord(row.task), instance: await this.access(row, caller) };
  }

  /**
   * The instance row, the nodes where the caller has (had) a task, and
   * whether they were CC'd or @mentioned (both read it as a CC recipient
   * does: a mention that led to a 404 would help nobody).
   */
  private async readRow(
    where: string,
    param: string,
    caller: AuthUser,
    opts: { withTask?: boolean } = {},
  ): Promise<AccessRow | undefined> {
    const task = opts.withTask ? `, (SELECT to_jsonb(t) FROM tasks t WHERE t.id = $1) AS task` : '';
    const [row] = await this.dataSource.query(
      `SELECT i.*,
          ARRAY(SELECT DISTINCT node_id FROM tasks WHERE instance_id = i.id AND assignee_id = $2) AS my_nodes,
          EXISTS (SELECT 1 FROM notifications WHERE instance_id = i.id AND user_id = $2 AND kind IN ('cc', 'mentioned')) AS cc${task}
         FROM instances i WHERE ${where}`,
      [param, caller.id],
    );
    return row;
  }

  /** What the caller may see of the row, or null when they may not read it at all. */
  private async access(row: AccessRow, caller: AuthUser): Promise<Readable | null> {
    const isAdmin = caller.roles.includes(ROLE_ADMIN);
    const isInitiator = row.initiator_id === caller.id;
    const taskNodeIds = row.my_nodes ?? [];
    if (!isAdmin && !isInitiator && taskNodeIds.length === 0 && !row.cc) return null;
    const definition = await this.caches.definition(row.process_key, row.version);
    if (!definition)
      throw new ApiError(500, 'internal_error', 'The process version of this instance is missing.');
    const visible = visibleFields(definition, {
      isAdmin,
      isInitiator,
      taskNodeIds,
      isCcRecipient: row.cc,
    });
    return { row, definition, visible };
  }

  async view(id: string, caller: AuthUser): Promise<InstanceView> {
    const { row, visible } = await this.readable(id, caller);
    return toView(row, visible);
  }

  async events(id: string, caller: AuthUser): Promise<InstanceEvent[]> {
    const { visible } = await this.readable(id, caller);
    const rows = await this.dataSource.query(
      `SELECT seq, type, actor_id, node_id, task_id, at, payload FROM events WHERE instance_id = $1 ORDER BY seq`,
      [id],
    );
    return rows
      .filter((e: { type: string; payload: Record<string, unknown> }) => eventVisible(e, visible))
      .map(
        (e: {
          seq: number;
          type: string;
          actor_id: string | null;
          node_id: string | null;
          task_id: string | null;
          at: Date;
          payload: Record<string, unknown>;
        }) => ({
          seq: e.seq,
          type: e.type,
          ...(e.actor_id ? { actorId: e.actor_id } : {}),
          ...(e.node_id ? { nodeId: e.node_id } : {}),
          ...(e.task_id ? { taskId: e.task_id } : {}),
          at: e.at.toISOString(),
          payload: e.payload,
        }),
      );
  }

  async list(
    caller: AuthUser,
    q: {
      mine?: string;
      status?: string;
      processKey?: string;
      q?: string;
      page?: string;
      pageSize?: string;
    },
  ): Promise<Paged<InstanceSummary>> {
    const { page, pageSize } = paging(q);
    const params: unknown[] = [caller.id];
    let where: string;
    if (q.mine === 'involved') {
      where = `(i.initiator_id = $1 OR EXISTS (SELECT 1 FROM tasks t WHERE t.instance_id = i.id AND t.assignee_id = $1)
               OR EXISTS (SELECT 1 FROM notifications n WHERE n.instance_id = i.id AND n.user_id = $1 AND n.kind IN ('cc', 'mentioned')))`;
    } else if (q.mine === undefined || q.mine === 'initiated') {
      where = `i.initiator_id = $1`;
    } else if (q.mine === 'cc') {
      where = `EXISTS (SELECT 1 FROM notifications n WHERE n.instance_id = i.id AND n.user_id = $1 AND n.kind = 'cc')`;
    } else {
      throw badRequest('invalid_request', 'mine must be initiated, involved or cc.');
    }
    if (q.status) {
      params.push(q.status);
      where += ` AND i.status = $${params.length}`;
    }
    if (q.processKey) {
      params.push(q.processKey);
      where += ` AND i.process_key = $${params.length}`;
    }
    if (q.q) {
      params.push(`%${likeEscape(q.q)}%`);
      where += ` AND i.title ILIKE $${params.length}`;
    }
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM instances i WHERE ${where} AND i.status <> 'new'`,
      params,
    );
    const rows = await this.dataSource.query(
      `SELECT i.id, i.process_key, i.version, i.title, i.status, i.initiator_id, i.started_at, i.ended_at,
              (SELECT array_agg(DISTINCT a->>'nodeId') FROM jsonb_array_elements(i.state->'activations') a) AS active_nodes
       FROM instances i WHERE ${where} AND i.status <> 'new' ORDER BY i.started_at DESC, i.id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      params,
    );
    return {
      total,
      items: rows.map((r: InstanceRow & { active_nodes: string[] | null }) => ({
        id: r.id,
        processKey: r.process_key,
        version: r.version,
        title: r.title,
        status: r.status,
        initiator: r.initiator_id,
        activeNodes: (r.active_nodes ?? []).filter(Boolean),
        startedAt: r.started_at.toISOString(),
        ...(r.ended_at ? { endedAt: r.ended_at.toISOString() } : {}),
      })),
    };
  }

  async withdraw(
    id: string,
    caller: AuthUser,
    comment?: string,
  ): Promise<{ status: number; body: InstanceAnswer }> {
    const { row } = await this.readable(id, caller);
    if (row.initiator_id !== caller.id)
      throw forbidden('Only the initiator may withdraw a request.');
    return this.runAndView(id, caller, {
      type: 'withdraw',
      actorId: caller.id,
      ...(comment ? { comment } : {}),
    });
  }

  async cancel(
    id: string,
    caller: AuthUser,
    comment?: string,
  ): Promise<{ status: number; body: InstanceAnswer }> {
    if (!caller.roles.includes(ROLE_ADMIN)) throw forbidden('Only an admin may cancel a request.');
    await this.readable(id, caller);
    return this.runAndView(id, caller, {
      type: 'cancel',
      actorId: caller.id,
      ...(comment ? { comment } : {}),
    });
  }

  /** Submits a command on an instance and answers its new state (200) or 202 while it is still queued. */
  async runAndView(
    id: string,
    caller: AuthUser,
    command: Command,
  ): Promise<{ status: number; body: InstanceAnswer }> {
    // A retry whose first answer was lost answers from the command it got accepted.
    const prior = await this.bus.accepted(caller.id);
    const commandId = prior?.id ?? (await this.bus.submit(id, caller.id, command));
    const outcome: CommandOutcome | null = await this.bus.wait(
      commandId,
      this.config.commandWaitMs,
    );
    if (outcome?.status === 'refused') throw refusalError(outcome);
    if (!outcome) return { status: 202, body: { commandId } };
    return { status: 200, body: await this.view(id, caller) };
  }
}

export function checkStartData(definition: ProcessDefinition, data: Record<string, unknown>): void {
  const schema = definition.form.schema as JsonSchema;
  const start = definition.graph.nodes.find((n) => n.type === 'start');
  const perms = start && 'fieldPermissions' in start ? start.fieldPermissions : undefined;
  const refused = checkWrite(perms, data, { isStart: true, schema });
  const invalid = refused.length
    ? refused
    : validateFormData(schema, data, { required: requiredAt(perms, schema, { isStart: true }) });
  if (invalid.length) {
    throw badRequest(
      'invalid_form_data',
      `The form is not valid: ${invalid.map((f) => `${f.path} ${f.message}`).join('; ')}.`,
      { fields: invalid },
    );
  }
}

function instanceTitle(definition: ProcessDefinition, caller: AuthUser): string {
  return `${definition.name} · ${caller.username}`;
}

export function paging(q: { page?: string; pageSize?: string }): {
  page: number;
  pageSize: number;
} {
  const page = q.page === undefined ? 1 : Number(q.page);
  const pageSize = q.pageSize === undefined ? 20 : Number(q.pageSize);
  if (!Number.isInteger(page) || page < 1 || page > 100000)
    throw badRequest('invalid_request', 'page must be a whole number from 1.');
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 200)
    throw badRequest('invalid_request', 'pageSize must be a whole number from 1 to 200.');
  return { page, pageSize };
}

export function toView(row: InstanceRow, visible: Set<string>): InstanceView {
  const s = row.state;
  return {
    id: row.id,
    processKey: row.process_key,
    version: row.version,
    title: row.title,
    status: row.status,
    initiator: row.initiator_id,
    data: pickFields(s.data, visible),
    activeNodes: [...new Set(s.activations.map((a) => a.nodeId))],
    tasks: s.tasks.map((t) => ({
      id: t.id,
      nodeId: t.nodeId,
      assigneeId: t.assigneeId,
      status: t.status,
      ...(t.action ? { action: t.action } : {}),
      createdAt: t.createdAt,
      ...(t.completedAt ? { completedAt: t.completedAt } : {}),
      ...(t.dueAt ? { dueAt: t.dueAt } : {}),
    })),
    incidents: s.incidents.map((i) => ({
      id: i.id,
      nodeId: i.nodeId,
      code: i.code,
      message: i.message,
    })),
    startedAt: (s.startedAt ?? row.started_at.toISOString()) as string,
    ...(row.ended_at ? { endedAt: row.ended_at.toISOString() } : {}),
  };
}

/** A user's text as a LIKE pattern that matches it literally (\\, % and _ escaped). */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
