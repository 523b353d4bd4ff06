import { describe, expect, it } from '@jest/globals';
import { toIso } from './duration.js';
import { planSla, slaFields, slaState } from './sla.js';

const created = '2030-01-01T00:00:00.000Z';

describe('planSla', () => {
  it('due from a duration, warning at the earliest reminder', () => {
    const plan = planSla({ due: 'P2D', remindBefore: ['PT4H', 'P1D'] }, created, {});
    expect(toIso(plan.dueAt!)).toBe('2030-01-03T00:00:00.000Z');
    expect(toIso(plan.warnAt!)).toBe('2030-01-02T00:00:00.000Z');
    expect(plan.remindAt.map(toIso)).toEqual([
      '2030-01-02T00:00:00.000Z',
      '2030-01-02T20:00:00.000Z',
    ]);
  });
  it('without reminders, warns when 80% of the time has gone', () => {
    const plan = planSla({ due: 'PT10H' }, created, {});
    expect(toIso(plan.warnAt!)).toBe('2030-01-01T08:00:00.000Z');
  });
  it('due from a date field and an offset; reminders already past are dropped', () => {
    const plan = planSla(
      { due: { field: 'live', offset: '-P1D' }, remindBefore: ['P10D', 'PT1H'] },
      created,
      { live: '2030-01-05' },
    );
    expect(toIso(plan.dueAt!)).toBe('2030-01-04T00:00:00.000Z');
    expect(plan.remindAt.map(toIso)).toEqual(['2030-01-03T23:00:00.000Z']);
    expect(toIso(plan.warnAt!)).toBe('2029-12-25T00:00:00.000Z');
  });
  it('no SLA, or a due time that cannot be computed, plans nothing', () => {
    expect(planSla(undefined, created, {})).toEqual({ remindAt: [] });
    expect(planSla({ due: { field: 'missing' } }, created, {})).toEqual({ remindAt: [] });
    expect(slaFields({ remindAt: [] })).toEqual({});
  });
});

describe('slaState', () => {
  const task = {
    createdAt: created,
    dueAt: '2030-01-01T10:00:00.000Z',
    warnAt: '2030-01-01T06:00:00.000Z',
  };
  it('green, yellow after the warning point, red when overdue', () => {
    expect(slaState(task, '2030-01-01T05:59:59Z')).toBe('green');
    expect(slaState(task, '2030-01-01T06:00:00Z')).toBe('yellow');
    expect(slaState(task, '2030-01-01T10:00:00Z')).toBe('red');
  });
  it('falls back to 80% when no warning point is stored, and is green without a due time', () => {
    expect(slaState({ createdAt: created, dueAt: task.dueAt }, '2030-01-01T08:30:00Z')).toBe(
      'yellow',
    );
    expect(slaState({ createdAt: created }, '2099-01-01T00:00:00Z')).toBe('green');
  });
  it('a closed task keeps the light it had when it was closed', () => {
    expect(
      slaState(
        { ...task, status: 'done', completedAt: '2030-01-01T01:00:00Z' },
        '2031-01-01T00:00:00Z',
      ),
    ).toBe('green');
  });
});
