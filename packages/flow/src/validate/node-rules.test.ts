import { describe, expect, it } from '@jest/globals';
import { validateDefinition } from './validate-definition.js';
import { chain, codes, def, directory, n, simple } from './fixtures.test-helper.js';

const one = (type: string, extra: Record<string, unknown>) =>
  def(
    [n.start(), n.of(type, 'x', { name: '节点', ...extra }), n.end()],
    chain(['start', 'x', 'end']),
  );

describe('assignees', () => {
  it('no_assignees: an approval with an empty rule list', () => {
    expect(validateDefinition(simple({ assignees: [] }))).toEqual([
      {
        code: 'no_assignees',
        message: 'Approval "审批 a" (a) has no assignee rules; say who approves.',
        nodeId: 'a',
        path: '/graph/nodes/1/assignees',
      },
    ]);
  });

  it('no_assignees: a task with an empty rule list, a cc with no recipients', () => {
    expect(codes(validateDefinition(one('task', { assignees: [] })))).toEqual(['no_assignees']);
    expect(validateDefinition(one('cc', { recipients: [] }))[0].message).toBe(
      'CC "节点" (x) has no recipients; say who is notified.',
    );
  });

  it('unknown_role: a role the directory does not know', () => {
    const problems = validateDefinition(
      simple({ assignees: [{ kind: 'role', role: 'ceo' }] }),
      directory(),
    );
    expect(problems).toEqual([
      {
        code: 'unknown_role',
        message: 'Approval "审批 a" (a) names the role "ceo", which does not exist.',
        nodeId: 'a',
        path: '/graph/nodes/1/assignees/0',
      },
    ]);
  });

  it('does not check names without a directory', () => {
    expect(validateDefinition(simple({ assignees: [{ kind: 'role', role: 'ceo' }] }))).toEqual([]);
  });

  it('unknown_user: each unknown user of a rule', () => {
    const problems = validateDefinition(
      simple({ assignees: [{ kind: 'user', ids: ['u1', 'u9', 'u8'] }] }),
      directory(),
    );
    expect(problems.map((p) => p.message)).toEqual([
      'Approval "审批 a" (a) names the user "u9", who does not exist.',
      'Approval "审批 a" (a) names the user "u8", who does not exist.',
    ]);
    expect(codes(problems)).toEqual(['unknown_user', 'unknown_user']);
  });

  it('unknown_department: a department head of a department that does not exist', () => {
    const problems = validateDefinition(
      simple({ assignees: [{ kind: 'departmentHead', departmentId: 'd_x' }] }),
      directory(),
    );
    expect(codes(problems)).toEqual(['unknown_department']);
  });

  it('checks starters, cc recipients and escalation targets too', () => {
    const d = def(
      [
        n.start(),
        n.of('cc', 'cc', { recipients: [{ kind: 'role', role: 'nobody' }] }),
        n.approval('a', {
          sla: {
            due: 'P1D',
            onOverdue: { action: 'escalate', to: { kind: 'user', ids: ['ghost'] } },
          },
        }),
        n.end(),
      ],
      chain(['start', 'cc', 'a', 'end']),
      { settings: { starters: [{ kind: 'departmentHead', departmentId: 'nowhere' }] } },
    );
    const problems = validateDefinition(d, directory());
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['unknown_role', '/graph/nodes/1/recipients/0'],
      ['unknown_user', '/graph/nodes/2/sla/onOverdue/to'],
      ['unknown_department', '/settings/starters/0'],
    ]);
  });

  it('unknown_field: a field rule naming a field the form does not have', () => {
    expect(
      codes(validateDefinition(simple({ assignees: [{ kind: 'field', field: 'approver' }] }))),
    ).toEqual(['unknown_field']);
  });
});

describe('approval settings', () => {
  it('invalid_pass_ratio: vote without a passRatio', () => {
    expect(validateDefinition(simple({ mode: 'vote' }))[0]).toMatchObject({
      code: 'invalid_pass_ratio',
      message:
        'Approval "审批 a" (a) decides by vote, so it needs a passRatio above 0 and at most 1 (e.g. 0.5), not none.',
      path: '/graph/nodes/1/passRatio',
    });
  });

  it.each([1.5, -0.1, 0])('invalid_pass_ratio: vote with passRatio %p', (passRatio) => {
    expect(codes(validateDefinition(simple({ mode: 'vote', passRatio })))).toEqual([
      'invalid_pass_ratio',
    ]);
  });

  it('invalid_pass_ratio: out of range even when not voting', () => {
    expect(codes(validateDefinition(simple({ passRatio: 2 })))).toEqual(['invalid_pass_ratio']);
    expect(validateDefinition(simple({ mode: 'vote', passRatio: 1 }))).toEqual([]);
  });

  it('invalid_return_target: a node that does not exist', () => {
    expect(validateDefinition(simple({ onReject: { action: 'return', to: 'ghost' } }))).toEqual([
      {
        code: 'invalid_return_target',
        message:
          'Approval "审批 a" (a) returns rejected requests to "ghost", but there is no node with that id.',
        nodeId: 'a',
        path: '/graph/nodes/1/onReject/to',
      },
    ]);
  });

  it('invalid_return_target: itself, a gateway, or a node after it', () => {
    const d = def(
      [
        n.start(),
        n.approval('a'),
        n.of('cc', 'cc', { recipients: [{ kind: 'initiator' }] }),
        n.approval('b'),
        n.end(),
      ],
      chain(['start', 'a', 'cc', 'b', 'end']),
    );
    const reject = (to: string) => ({ action: 'return', to });
    Object.assign(d.graph.nodes[1], { onReject: reject('a') });
    Object.assign(d.graph.nodes[3], { onReject: reject('cc') });
    expect(validateDefinition(d).map((p) => p.message)).toEqual([
      'Approval "审批 a" (a) returns rejected requests to "a", which is the node itself.',
      'Approval "审批 b" (b) returns rejected requests to "cc", which is a cc node; return to the start, an approval or a task.',
    ]);
    Object.assign(d.graph.nodes[1], { onReject: reject('b') });
    Object.assign(d.graph.nodes[3], { onReject: reject('a') });
    expect(validateDefinition(d).map((p) => p.message)).toEqual([
      'Approval "审批 a" (a) returns rejected requests to "b", which does not come before it in the flow.',
    ]);
  });

  it('accepts returns to the initiator, the start and an earlier approval', () => {
    const d = def(
      [
        n.start(),
        n.approval('a'),
        n.approval('b', { onReject: { action: 'return', to: 'a' } }),
        n.end(),
      ],
      chain(['start', 'a', 'b', 'end']),
    );
    Object.assign(d.graph.nodes[1], { onReject: { action: 'return', to: 'initiator' } });
    expect(validateDefinition(d)).toEqual([]);
  });
});

describe('field permissions, SLA and timers', () => {
  it('unknown_field: a field permission on a field the form does not have', () => {
    const problems = validateDefinition(
      simple({ fieldPermissions: { amount: 'read', 'a/b': 'hidden' } }),
    );
    expect(problems).toEqual([
      {
        code: 'unknown_field',
        message:
          'Approval "审批 a" (a) sets a permission on the field "a/b", which the form does not have.',
        nodeId: 'a',
        path: '/graph/nodes/1/fieldPermissions/a~1b',
      },
    ]);
  });

  it('unknown_field: on the start node too', () => {
    const d = def(
      [n.start('start', { fieldPermissions: { nope: 'edit' } }), n.end()],
      chain(['start', 'end']),
    );
    expect(codes(validateDefinition(d))).toEqual(['unknown_field']);
  });

  it('invalid_duration: an SLA, a reminder and a delay that are not ISO-8601', () => {
    const d = def(
      [
        n.start(),
        n.task('t', { sla: { due: '2 days', remindBefore: ['PT4H', '-PT1H'] } }),
        n.of('timer', 'w', { delay: 'P' }),
        n.end(),
      ],
      chain(['start', 't', 'w', 'end']),
    );
    const problems = validateDefinition(d);
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['invalid_duration', '/graph/nodes/1/sla/due'],
      ['invalid_duration', '/graph/nodes/1/sla/remindBefore/1'],
      ['invalid_duration', '/graph/nodes/2/delay'],
    ]);
    expect(problems[0].message).toBe(
      'The SLA due time of Task "t" is "2 days", which is not an ISO-8601 duration such as "P2D" or "PT4H".',
    );
    expect(problems[1].message).toBe('A reminder time of Task "t" is "-PT1H", which is negative.');
  });

  it('invalid_duration: a bad offset of a date field', () => {
    const problems = validateDefinition(
      one('timer', { until: { field: 'liveDate', offset: '3 days before' } }),
    );
    expect(problems[0]).toMatchObject({
      code: 'invalid_duration',
      path: '/graph/nodes/1/until/offset',
    });
  });

  it('invalid_sla: due after no time, escalation to nobody', () => {
    const problems = validateDefinition(
      simple({ sla: { due: 'PT0S', onOverdue: { action: 'escalate' } } }),
    );
    expect(problems.map((p) => p.message)).toEqual([
      'The SLA of Approval "审批 a" (a) is due after "PT0S", which is no time at all.',
      'The SLA of Approval "审批 a" (a) escalates when overdue but does not say to whom ("onOverdue.to").',
    ]);
  });

  it('not_date_field: an SLA or a timer counting from a field that is not a date', () => {
    const problems = validateDefinition(
      simple({ sla: { due: { field: 'reason', offset: '-P1D' } } }),
    );
    expect(problems).toEqual([
      {
        code: 'not_date_field',
        message:
          'The SLA due time of Approval "审批 a" (a) counts from the field "reason", which is not a date field (type "string" with format "date" or "date-time").',
        nodeId: 'a',
        path: '/graph/nodes/1/sla/due/field',
      },
    ]);
    expect(codes(validateDefinition(one('timer', { until: { field: 'amount' } })))).toEqual([
      'not_date_field',
    ]);
  });

  it('unknown_field: a timer counting from a field the form does not have', () => {
    expect(codes(validateDefinition(one('timer', { until: { field: 'launch' } })))).toEqual([
      'unknown_field',
    ]);
  });

  it('invalid_timer: neither delay nor until, or both', () => {
    expect(validateDefinition(one('timer', {}))).toEqual([
      {
        code: 'invalid_timer',
        message:
          'Timer "节点" (x) needs exactly one of "delay" (a duration) or "until" (a date field and offset).',
        nodeId: 'x',
        path: '/graph/nodes/1',
      },
    ]);
    expect(
      codes(validateDefinition(one('timer', { delay: 'P1D', until: { field: 'liveDate' } }))),
    ).toEqual(['invalid_timer']);
  });
});

describe('automations', () => {
  it('invalid_automation: setFields that sets nothing', () => {
    expect(
      codes(validateDefinition(one('automation', { action: { kind: 'setFields', values: {} } }))),
    ).toEqual(['invalid_automation']);
  });

  it('unknown_field and invalid_condition inside setFields', () => {
    const action = {
      kind: 'setFields',
      values: { total: { '+': [{ var: 'amount' }, 1] }, reason: { log: { var: 'reason' } } },
    };
    expect(codes(validateDefinition(one('automation', { action })))).toEqual([
      'unknown_field',
      'invalid_condition',
    ]);
  });

  it('reads webhook bodies and startProcess data as the engine does: rules inside plain structure', () => {
    const body = {
      order: { var: 'reason' },
      amount: [{ '*': [{ var: 'amount' }, 100] }],
      note: { text: 'x' },
    };
    const hook = { kind: 'webhook', url: 'https://example.com', body };
    expect(validateDefinition(one('automation', { action: hook }))).toEqual([]);
    const badHook = { ...hook, body: { order: { var: 'nope' } } };
    expect(codes(validateDefinition(one('automation', { action: badHook })))).toEqual([
      'unknown_field',
    ]);
    const spawn = {
      kind: 'startProcess',
      key: 'other',
      data: { x: { bogus: 1 }, y: { missing_some: [1] } },
    };
    expect(codes(validateDefinition(one('automation', { action: spawn })))).toEqual([
      'invalid_condition',
    ]);
  });
});
