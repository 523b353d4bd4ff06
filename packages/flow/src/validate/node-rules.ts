// Settings of single nodes: who acts, how long they have, what a timer waits
// for, what an automation touches. Paths point at the offending property.
import type { AssigneeRule, FieldTime, FlowNode, Sla } from '../definition.js';
import { checkLogic, type Context } from './context.js';
import { describeNode } from './describe.js';
import { reachable, predecessors } from './graph.js';
import { checkDuration } from './iso-duration.js';

const RETURN_TARGETS = new Set(['start', 'approval', 'task']);

type Where = { nodeId?: string; path: string };

/** Reports unknown users, roles, departments and fields named by one assignee rule. */
function checkRule(ctx: Context, rule: AssigneeRule, subject: string, where: Where): void {
  const { directory, problems } = ctx;
  if (rule.kind === 'field' && !ctx.form.has(rule.field)) {
    problems.add(
      'unknown_field',
      `${subject} takes people from the field "${rule.field}", which the form does not have.`,
      where,
    );
  }
  if (!directory) return;
  if (rule.kind === 'role' && !directory.roleExists(rule.role)) {
    problems.add(
      'unknown_role',
      `${subject} names the role "${rule.role}", which does not exist.`,
      where,
    );
  } else if (rule.kind === 'user') {
    for (const id of rule.ids) {
      if (!directory.userExists(id)) {
        problems.add(
          'unknown_user',
          `${subject} names the user "${id}", who does not exist.`,
          where,
        );
      }
    }
  } else if (rule.kind === 'departmentHead' && !directory.departmentExists(rule.departmentId)) {
    problems.add(
      'unknown_department',
      `${subject} names the department "${rule.departmentId}", which does not exist.`,
      where,
    );
  }
}

function checkRules(
  ctx: Context,
  rules: readonly AssigneeRule[],
  subject: string,
  path: string,
  nodeId?: string,
): void {
  rules.forEach((rule, i) =>
    checkRule(ctx, rule, subject, {
      ...(nodeId === undefined ? {} : { nodeId }),
      path: `${path}/${i}`,
    }),
  );
}

/** A duration that must be valid and, unless `signed`, not negative. */
function checkDurationText(
  ctx: Context,
  node: FlowNode,
  text: string,
  what: string,
  path: string,
  signed = false,
): void {
  const check = checkDuration(text);
  if (!check.valid) {
    ctx.problems.node(
      'invalid_duration',
      node,
      `${what} of ${describeNode(node)} is "${text}", which is not an ISO-8601 duration such as "P2D" or "PT4H".`,
      path,
    );
  } else if (check.negative && !signed) {
    ctx.problems.node(
      'invalid_duration',
      node,
      `${what} of ${describeNode(node)} is "${text}", which is negative.`,
      path,
    );
  }
}

function checkFieldTime(
  ctx: Context,
  node: FlowNode,
  time: FieldTime,
  what: string,
  path: string,
): void {
  if (!ctx.form.has(time.field)) {
    ctx.problems.node(
      'unknown_field',
      node,
      `${what} of ${describeNode(node)} counts from the field "${time.field}", which the form does not have.`,
      `${path}/field`,
    );
  } else if (!ctx.form.isDate(time.field)) {
    ctx.problems.node(
      'not_date_field',
      node,
      `${what} of ${describeNode(node)} counts from the field "${time.field}", which is not a date field (type "string" with format "date" or "date-time").`,
      `${path}/field`,
    );
  }
  if (time.offset !== undefined)
    checkDurationText(
      ctx,
      node,
      time.offset,
      `The offset in ${what.toLowerCase()}`,
      `${path}/offset`,
      true,
    );
}

function checkSla(ctx: Context, node: FlowNode, sla: Sla, path: string): void {
  if (typeof sla.due === 'string') {
    checkDurationText(ctx, node, sla.due, 'The SLA due time', `${path}/due`);
    if (checkDuration(sla.due).zero) {
      ctx.problems.node(
        'invalid_sla',
        node,
        `The SLA of ${describeNode(node)} is due after "${sla.due}", which is no time at all.`,
        `${path}/due`,
      );
    }
  } else {
    checkFieldTime(ctx, node, sla.due, 'The SLA due time', `${path}/due`);
  }
  sla.remindBefore?.forEach((text, i) =>
    checkDurationText(ctx, node, text, 'A reminder time', `${path}/remindBefore/${i}`),
  );
  const overdue = sla.onOverdue;
  if (overdue?.action === 'escalate' && !overdue.to) {
    ctx.problems.node(
      'invalid_sla',
      node,
      `The SLA of ${describeNode(node)} escalates when overdue but does not say to whom ("onOverdue.to").`,
      `${path}/onOverdue`,
    );
  }
  if (overdue?.to) {
    checkRule(ctx, overdue.to, `The SLA escalation of ${describeNode(node)}`, {
      nodeId: node.id,
      path: `${path}/onOverdue/to`,
    });
  }
}

function checkFieldPermissions(
  ctx: Context,
  node: FlowNode,
  permissions: Record<string, string>,
  path: string,
): void {
  for (const field of Object.keys(permissions)) {
    if (!ctx.form.has(field)) {
      ctx.problems.node(
        'unknown_field',
        node,
        `${describeNode(node)} sets a permission on the field "${field}", which the form does not have.`,
        `${path}/${field.replace(/~/g, '~0').replace(/\//g, '~1')}`,
      );
    }
  }
}

function checkReturn(ctx: Context, node: FlowNode & { type: 'approval' }, path: string): void {
  const reject = node.onReject;
  if (reject?.action !== 'return' || reject.to === 'initiator') return;
  const target = ctx.graph.nodes.get(reject.to);
  const fail = (why: string) =>
    ctx.problems.node(
      'invalid_return_target',
      node,
      `${describeNode(node)} returns rejected requests to "${reject.to}", ${why}`,
      `${path}/onReject/to`,
    );
  if (!target) return fail('but there is no node with that id.');
  if (target.id === node.id) return fail('which is the node itself.');
  if (!RETURN_TARGETS.has(target.type))
    return fail(`which is a ${target.type} node; return to the start, an approval or a task.`);
  // Returning means going back: the target must lie on some path into this node.
  const upstream = reachable([node.id], (id) => predecessors(ctx.graph, id));
  if (!upstream.has(target.id)) fail('which does not come before it in the flow.');
}

function checkNode(ctx: Context, node: FlowNode, path: string): void {
  const { problems } = ctx;
  const subject = describeNode(node);
  switch (node.type) {
    case 'start':
      if (node.fieldPermissions)
        checkFieldPermissions(ctx, node, node.fieldPermissions, `${path}/fieldPermissions`);
      return;
    case 'approval':
    case 'task':
      if (node.assignees.length === 0) {
        problems.node(
          'no_assignees',
          node,
          `${subject} has no assignee rules; say who ${node.type === 'approval' ? 'approves' : 'does the task'}.`,
          `${path}/assignees`,
        );
      }
      checkRules(ctx, node.assignees, subject, `${path}/assignees`, node.id);
      if (node.fieldPermissions)
        checkFieldPermissions(ctx, node, node.fieldPermissions, `${path}/fieldPermissions`);
      if (node.sla) checkSla(ctx, node, node.sla, `${path}/sla`);
      if (node.type === 'approval') {
        if (
          node.mode === 'vote' &&
          (node.passRatio === undefined || !(node.passRatio > 0 && node.passRatio <= 1))
        ) {
          problems.node(
            'invalid_pass_ratio',
            node,
            `${subject} decides by vote, so it needs a passRatio above 0 and at most 1 (e.g. 0.5), not ${node.passRatio ?? 'none'}.`,
            `${path}/passRatio`,
          );
        } else if (node.passRatio !== undefined && !(node.passRatio >= 0 && node.passRatio <= 1)) {
          problems.node(
            'invalid_pass_ratio',
            node,
            `${subject} has passRatio ${node.passRatio}; it must lie between 0 and 1.`,
            `${path}/passRatio`,
          );
        }
        checkReturn(ctx, node, path);
      }
      return;
    case 'cc':
      if (node.recipients.length === 0) {
        problems.node(
          'no_assignees',
          node,
          `${subject} has no recipients; say who is notified.`,
          `${path}/recipients`,
        );
      }
      checkRules(ctx, node.recipients, subject, `${path}/recipients`, node.id);
      return;
    case 'timer':
      if ((node.delay === undefined) === (node.until === undefined)) {
        problems.node(
          'invalid_timer',
          node,
          `${subject} needs exactly one of "delay" (a duration) or "until" (a date field and offset).`,
          path,
        );
      }
      if (node.delay !== undefined)
        checkDurationText(ctx, node, node.delay, 'The delay', `${path}/delay`);
      if (node.until !== undefined)
        checkFieldTime(ctx, node, node.until, 'The wait', `${path}/until`);
      return;
    case 'automation':
      checkAutomation(ctx, node, `${path}/action`);
      return;
    default:
      return;
  }
}

function checkAutomation(
  ctx: Context,
  node: FlowNode & { type: 'automation' },
  path: string,
): void {
  const action = node.action;
  const subject = describeNode(node);
  const logic = (value: unknown, at: string) =>
    checkLogic(ctx, value, subject, { nodeId: node.id, path: at }, true);
  switch (action.kind) {
    case 'setFields': {
      const fields = Object.keys(action.values);
      if (fields.length === 0) {
        ctx.problems.node(
          'invalid_automation',
          node,
          `${subject} sets no fields.`,
          `${path}/values`,
        );
      }
      for (const field of fields) {
        if (!ctx.form.has(field)) {
          ctx.problems.node(
            'unknown_field',
            node,
            `${subject} sets the field "${field}", which the form does not have.`,
            `${path}/values`,
          );
        }
        logic(action.values[field], `${path}/values`);
      }
      return;
    }
    case 'webhook':
      if (action.body !== undefined) logic(action.body, `${path}/body`);
      return;
    case 'startProcess':
      for (const value of Object.values(action.data ?? {})) logic(value, `${path}/data`);
      return;
  }
}

export function checkNodes(ctx: Context): void {
  ctx.definition.graph.nodes.forEach((node, i) => checkNode(ctx, node, `/graph/nodes/${i}`));
  const starters = ctx.definition.settings?.starters;
  if (starters)
    checkRules(ctx, starters, 'The list of who may start the process', '/settings/starters');
}
