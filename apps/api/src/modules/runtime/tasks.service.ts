// The inbox and task actions. Pre-checks here give clear answers fast (403
// not yours, 409 no longer open, 400 bad data); the engine checks again when
// it applies the command, so a race between two approvers still ends with
// one winner and 409 for the rest.
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  applyPermissions,
  checkWrite,
  formSummary,
  mergeWrite,
  permissionAt,
  requiredAt,
  validateFormData,
  type JsonSchema,
  type SummaryItem,
} from '@baton/forms';
import { slaState, type Command, type ProcessDefinition } from '@baton/flow';
import type {
  Paged,
  TaskAction,
  TaskActionAnswer,
  TaskActionBody,
  TaskBase,
  TaskDetail,
  TaskItem,
} from '@baton/contracts';
import { BATON_CONFIG, type BatonConfig } from '../../platform/config/config.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors/api-error.js';
import type { AuthUser } from '../../platform/auth/auth.types.js';
import { IdentityService } from '../identity/identity.service.js';
import { FilesService } from '../files/files.service.js';
import { fileRefs } from '../files/file-refs.js';
import { CommandBus } from './command-bus.js';
import {
  InstancesService,
  likeEscape,
  paging,
  toView,
  type TaskRecord,
} from './instances.service.js';
import { RuntimeCaches } from './runtime.caches.js';
import { refusalError } from './refusals.js';

type TaskRow = TaskRecord;

const APPROVAL_ACTIONS = new Set(['approve', 'reject']);

@Injectable()
export class TasksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: CommandBus,
    private readonly instances: InstancesService,
    private readonly caches: RuntimeCaches,
    private readonly identity: IdentityService,
    @Inject(BATON_CONFIG) private readonly config: BatonConfig,
    private readonly files: FilesService,
  ) {}

  async inbox(
    caller: AuthUser,
    q: { status?: string; processKey?: string; q?: string; page?: string; pageSize?: string },
  ): Promise<Paged<TaskItem>> {
    const { page, pageSize } = paging(q);
    const status = q.status ?? 'open';
    if (status !== 'open' && status !== 'done')
      throw badRequest('invalid_request', 'status must be open or done.');
    // Each tab has a partial index in its order (migration 0006), matched by
    // the status written as a literal (checked above, never user text).
    const params: unknown[] = [caller.id];
    let where = `assignee_id = $1 AND status = '${status}'`;
    if (q.processKey) {
      params.push(q.processKey);
      where += ` AND process_key = $${params.length}`;
    }
    if (q.q) {
      params.push(`%${likeEscape(q.q)}%`);
      where += ` AND (title ILIKE $${params.length} OR node_name ILIKE $${params.length})`;
    }
    const order = status === 'open' ? 'created_at DESC, id' : 'completed_at DESC NULLS LAST, id';
    const offset = (page - 1) * pageSize;
    const limit = `LIMIT ${pageSize} OFFSET ${offset}`;
    // With a filter, the page's ids come from the index alone (the filtered
    // columns are in it) and only those rows are read, not every candidate.
    const rows: TaskRow[] = await this.dataSource.query(
      q.q || q.processKey
        ? `SELECT t.* FROM tasks t JOIN (SELECT id FROM tasks WHERE ${where} ORDER BY ${order} ${limit}) p USING (id) ORDER BY ${order}`
        : `SELECT * FROM tasks WHERE ${where} ORDER BY ${order} ${limit}`,
      params,
    );
    // A short page tells the total without counting.
    const total =
      rows.length > 0 && rows.length < pageSize
        ? offset + rows.length
        : rows.length === 0 && page === 1
          ? 0
          : (
              await this.dataSource.query(
                `SELECT count(*)::int AS total FROM tasks WHERE ${where}`,
                params,
              )
            )[0].total;
    const now = Date.now();
    const summaries = await this.summaries(rows);
    return {
      total,
      items: rows.map((r) => ({ ...toItem(r, now), summary: summaries.get(r.id) ?? [] })),
    };
  }

  /**
   * Each task's key fields as its own step shows them (a field hidden at that
   * step is never read): one read of the page's instances' form data.
   */
  private async summaries(rows: TaskRow[]): Promise<Map<string, SummaryItem[]>> {
    const out = new Map<string, SummaryItem[]>();
    if (!rows.length) return out;
    const instances: { id: string; version: number; data: Record<string, unknown> | null }[] =
      await this.dataSource.query(
        `SELECT id, version, state->'data' AS data FROM instances WHERE id = ANY($1::uuid[])`,
        [[...new Set(rows.map((r) => r.instance_id))]],
      );
    const byId = new Map(instances.map((i) => [i.id, i]));
    for (const task of rows) {
      const instance = byId.get(task.instance_id);
      if (!instance?.data) continue;
      const definition = await this.caches.definition(task.process_key, instance.version);
      const node = definition?.graph.nodes.find((n) => n.id === task.node_id);
      if (!definition || !node) continue;
      const schema = definition.form.schema as JsonSchema;
      const perms = 'fieldPermissions' in node ? node.fieldPermissions : undefined;
      const ctx = { isStart: node.type === 'start', schema };
      out.set(
        task.id,
        formSummary(schema, definition.form.uiSchema ?? {}, instance.data, {
          visible: (field) => permissionAt(perms, field, ctx) !== 'hidden',
        }),
      );
    }
    return out;
  }

  /** The task with its form as this node's permissions allow. */
  async get(id: string, caller: AuthUser): Promise<TaskDetail> {
    const { task, instance } = await this.instances.taskWithInstance(id, caller);
    if (!instance) throw notFound('No such instance.');
    const { row, definition } = instance;
    if (task.assignee_id !== caller.id && !caller.roles.includes('admin'))
      throw forbidden('This task is not yours.');
    const node = definition.graph.nodes.find((n) => n.id === task.node_id);
    const perms = node && 'fieldPermissions' in node ? node.fieldPermissions : undefined;
    const isStart = node?.type === 'start';
    const form = applyPermissions(
      {
        schema: definition.form.schema as JsonSchema,
        uiSchema: (definition.form.uiSchema ?? {}) as never,
        data: row.state.data,
      },
      perms,
      { isStart },
    );
    return {
      ...toItem(task, Date.now()),
      assigneeId: task.assignee_id,
      instance: { id: row.id, status: row.status, initiator: row.initiator_id, title: row.title },
      actions: actionsFor(task, node?.type),
      form,
    };
  }

  async act(
    id: string,
    body: TaskActionBody,
    caller: AuthUser,
  ): Promise<{ status: number; body: TaskActionAnswer }> {
    // A retry whose first answer was lost answers from the command it got
    // accepted (the task may be closed by now: by that very command).
    const prior = await this.bus.accepted(caller.id);
    const commandId = prior?.id ?? (await this.accept(id, body, caller));
    const outcome = await this.bus.wait(commandId, this.config.commandWaitMs);
    if (outcome?.status === 'refused') throw refusalError(outcome);
    // The answer: the task and its instance as they are now (one read).
    const after = await this.instances.taskWithInstance(id, caller);
    const taskView = toItem(after.task, Date.now());
    if (!outcome) return { status: 202, body: { task: taskView, commandId } };
    return {
      status: 200,
      body: {
        task: taskView,
        instance: after.instance ? toView(after.instance.row, after.instance.visible) : null,
      },
    };
  }

  /** Checks the action and accepts its command; the command's id. */
  private async accept(id: string, body: TaskActionBody, caller: AuthUser): Promise<string> {
    const { task, instance } = await this.instances.taskWithInstance(id, caller);
    if (!instance) throw notFound('No such instance.'); // strangers learn nothing
    if (task.assignee_id !== caller.id) throw forbidden('This task is not yours.');
    if (task.status !== 'open') throw conflict('This task is no longer open.');
    const { definition } = instance;
    const command = await this.commandFor(task, body, caller, definition, instance.row.state.data);
    return this.bus.submit(task.instance_id, caller.id, command);
  }

  private async commandFor(
    task: TaskRow,
    body: TaskActionBody,
    caller: AuthUser,
    definition: ProcessDefinition,
    current: Record<string, unknown>,
  ): Promise<Command> {
    const actorId = caller.id;
    const comment = body.comment;
    const withComment = comment ? { comment } : {};
    switch (body.action) {
      case 'approve':
      case 'reject':
      case 'submit': {
        const isApproval = task.kind === 'approval';
        if (isApproval !== APPROVAL_ACTIONS.has(body.action)) {
          throw badRequest(
            'illegal_action',
            isApproval ? 'An approval task is approved or rejected.' : 'This task is submitted.',
          );
        }
        const data = body.data ?? {};
        if (Object.keys(data).length || body.action !== 'reject')
          await this.checkData(task, data, body.action, definition, current);
        return {
          type: 'completeTask',
          taskId: task.id,
          actorId,
          action: body.action,
          ...(Object.keys(data).length ? { data } : {}),
          ...withComment,
        };
      }
      case 'return':
        if (typeof body.to !== 'string' || !body.to)
          throw badRequest('invalid_request', 'return needs `to`: a node id or "initiator".');
        return { type: 'return', taskId: task.id, actorId, to: body.to, ...withComment };
      case 'transfer': {
        if (typeof body.to !== 'string' || !body.to)
          throw badRequest('invalid_request', 'transfer needs `to`: a user id.');
        return { type: 'transfer', taskId: task.id, actorId, to: body.to, ...withComment };
      }
      case 'addSigner': {
        const to = Array.isArray(body.to) ? body.to : typeof body.to === 'string' ? [body.to] : [];
        if (!to.length)
          throw badRequest('invalid_request', 'addSigner needs `to`: one or more user ids.');
        return {
          type: 'addSigner',
          taskId: task.id,
          actorId,
          to,
          position: body.position ?? 'after',
          ...withComment,
        };
      }
      case 'comment': {
        if (!comment) throw badRequest('invalid_request', 'comment needs a comment.');
        return {
          type: 'comment',
          taskId: task.id,
          actorId,
          comment,
          mentions: await this.mentions(comment),
        };
      }
    }
  }

  /** Field permissions and the form's rules for what this node may write. */
  private async checkData(
    task: TaskRow,
    data: Record<string, unknown>,
    action: string,
    definition: ProcessDefinition,
    current: Record<string, unknown>,
  ) {
    const schema = definition.form.schema as JsonSchema;
    const node = definition.graph.nodes.find((n) => n.id === task.node_id);
    const isStart = node?.type === 'start';
    const perms = node && 'fieldPermissions' in node ? node.fieldPermissions : undefined;
    const refused = checkWrite(perms, data, { isStart, schema });
    if (refused.length) {
      throw badRequest(
        'invalid_form_data',
        `These fields cannot be changed at this step: ${refused.map((f) => f.path).join(', ')}.`,
        { fields: refused },
      );
    }
    // The data as read just before; the engine merges again into the state it applies to.
    const merged = mergeWrite(current, data);
    const required = action === 'reject' ? [] : requiredAt(perms, schema, { isStart });
    const problems = validateFormData(schema, merged, { required });
    if (problems.length) {
      throw badRequest(
        'invalid_form_data',
        `The form is not valid: ${problems.map((f) => `${f.path} ${f.message}`).join('; ')}.`,
        { fields: problems },
      );
    }
    // act() has checked that the assignee is the caller.
    await this.files.assertUsable(
      fileRefs(definition.form, data),
      task.assignee_id,
      fileRefs(definition.form, current),
    );
  }

  /** @username in a comment → user ids (unknown names are plain text). */
  private async mentions(comment: string): Promise<string[]> {
    const names = [...comment.matchAll(/@([A-Za-z0-9_.-]+)/g)].map((m) => m[1].toLowerCase());
    if (!names.length) return [];
    const users = await this.identity.listUsers();
    return users
      .filter((u) => u.active && names.includes(u.username.toLowerCase()))
      .map((u) => u.id);
  }
}

function toItem(r: TaskRow, now: number): TaskBase {
  const dueAt = r.due_at?.toISOString();
  return {
    id: r.id,
    instanceId: r.instance_id,
    processKey: r.process_key,
    nodeId: r.node_id,
    nodeName: r.node_name,
    kind: r.kind,
    status: r.status,
    ...(r.action ? { action: r.action } : {}),
    ...(dueAt ? { dueAt } : {}),
    ...(dueAt
      ? {
          slaState: slaState(
            {
              createdAt: r.created_at.toISOString(),
              dueAt,
              warnAt: r.warn_at?.toISOString(),
              status: r.status,
              completedAt: r.completed_at?.toISOString(),
            },
            now,
          ),
        }
      : {}),
    createdAt: r.created_at.toISOString(),
    ...(r.completed_at ? { completedAt: r.completed_at.toISOString() } : {}),
    title: r.title,
  };
}

function actionsFor(task: TaskRow, nodeType: string | undefined): TaskAction[] {
  if (task.status !== 'open') return [];
  if (task.kind === 'approval')
    return ['approve', 'reject', 'return', 'transfer', 'addSigner', 'comment'];
  if (nodeType === 'start') return ['submit', 'comment'];
  return ['submit', 'return', 'transfer', 'comment'];
}
