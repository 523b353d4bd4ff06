// SLA timers as the engine runs them: reminders, and each onOverdue action.
import { describe, expect, it } from '@jest/globals';
import type { FlowNode, Sla } from '../definition.js';
import { processOf, orgSnapshot } from './fixtures/build.js';
import { Driver } from './harness.js';
import { slaState } from '../sla.js';

function given(sla: Sla, type: 'approval' | 'task' = 'approval') {
  const d = new Driver(
    processOf(
      [
        { id: 'start', type: 'start' },
        { id: 'review', type, assignees: [{ kind: 'user', ids: ['carol'] }], sla } as FlowNode,
        { id: 'end', type: 'end', outcome: 'approved' },
      ],
      [
        ['start', 'review'],
        ['review', 'end'],
      ],
    ),
    orgSnapshot,
  );
  d.start('alice');
  return d;
}

describe('SLA timers', () => {
  it('schedules a reminder and the overdue check; the reminder notifies the assignee', () => {
    const d = given({ due: 'P1D', remindBefore: ['PT4H'] });
    expect(d.state.timers.map((t) => [t.purpose, t.at])).toEqual([
      ['slaRemind', '2030-01-02T05:00:00.000Z'],
      ['slaOverdue', '2030-01-02T09:00:00.000Z'],
    ]);
    expect(slaState(d.task('review'), d.now)).toBe('green');
    d.fireNextTimer();
    expect(d.last).toEqual([
      expect.objectContaining({ type: 'notify', kind: 'reminder', userIds: ['carol'] }),
    ]);
    expect(slaState(d.task('review'), d.now)).toBe('yellow');
    expect(d.task('review').timerIds).toHaveLength(1);
  });

  it('completing the task cancels its timers', () => {
    const d = given({ due: 'P1D', remindBefore: ['PT4H'] });
    d.act('review', 'approve');
    expect(d.effectsOf('cancelTimer', d.last)).toHaveLength(2);
    expect(d.state.status).toBe('approved');
  });

  it('overdue, remind (default): tells the assignee and waits', () => {
    const d = given({ due: 'PT8H' });
    d.fireNextTimer();
    expect(d.last).toEqual([expect.objectContaining({ kind: 'overdue', userIds: ['carol'] })]);
    expect(slaState(d.task('review'), d.now)).toBe('red');
  });

  it("overdue, escalate: the task moves to the assignee's manager", () => {
    const d = given({ due: 'PT8H', onOverdue: { action: 'escalate' } });
    d.fireNextTimer();
    expect(d.task('review')).toMatchObject({ assigneeId: 'frank', transferredFrom: 'carol' });
    expect(d.effectsOf('notify', d.last).map((n) => n.kind)).toEqual([
      'overdue',
      'taskAssigned',
      'escalated',
    ]);
  });

  it('overdue, escalate to nobody: only the reminder', () => {
    const d = given({
      due: 'PT8H',
      onOverdue: { action: 'escalate', to: { kind: 'role', role: 'nobody' } },
    });
    d.fireNextTimer();
    expect(d.task('review').assigneeId).toBe('carol');
  });

  it('overdue, autoApprove: the system approves for the assignee', () => {
    const d = given({ due: 'PT8H', onOverdue: { action: 'autoApprove' } });
    d.fireNextTimer();
    expect(d.state.status).toBe('approved');
    expect(d.effectsOf('completeTask', d.last)).toEqual([
      expect.objectContaining({ actorId: 'system', auto: 'slaOverdue', action: 'approve' }),
    ]);
  });

  it('overdue, autoApprove on a task node submits it', () => {
    const d = given({ due: 'PT8H', onOverdue: { action: 'autoApprove' } }, 'task');
    d.fireNextTimer();
    expect(d.effectsOf('completeTask', d.last)).toEqual([
      expect.objectContaining({ action: 'submit' }),
    ]);
  });

  it('overdue, autoReject: the system rejects', () => {
    const d = given({ due: 'PT8H', onOverdue: { action: 'autoReject' } });
    d.fireNextTimer();
    expect(d.state.status).toBe('rejected');
  });

  it('a due date from a form field', () => {
    const d = new Driver(
      processOf(
        [
          { id: 'start', type: 'start' },
          {
            id: 'prep',
            type: 'task',
            assignees: [{ kind: 'user', ids: ['erin'] }],
            sla: { due: { field: 'liveDate', offset: '-P3D' } },
          },
          { id: 'end', type: 'end' },
        ],
        [
          ['start', 'prep'],
          ['prep', 'end'],
        ],
      ),
      orgSnapshot,
    );
    d.start('alice', { liveDate: '2030-11-11' });
    expect(d.task('prep').dueAt).toBe('2030-11-08T00:00:00.000Z');
  });
});
