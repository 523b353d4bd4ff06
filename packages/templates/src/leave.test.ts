// Scenarios of 请假 in the pure engine: short and long leaves, and a rejection.
import { describe, expect, it } from '@jest/globals';
import { leave } from './leave.js';
import { open, run } from './demo-org.test-helper.js';

const request = (days: number) => ({
  leaveType: '年假',
  startDate: '2030-01-10',
  endDate: '2030-01-20',
  days,
  reason: '回老家',
});

describe('请假 Leave request', () => {
  it('a short leave: department head, then HR', () => {
    const d = run(leave, 'cs', request(2));
    expect(open(d)).toEqual(['head:cslead']);
    d.act('head', 'approve');
    expect(open(d)).toEqual(['hr:hr']);
    d.act('hr', 'submit', { data: { hrNote: '已登记' } });
    expect(d.state.status).toBe('approved');
  });

  it('a leave over three days also goes to the director', () => {
    const d = run(leave, 'cs', request(5));
    d.act('head', 'approve');
    expect(open(d)).toEqual(['director:gm']);
    d.act('director', 'approve');
    d.act('hr', 'submit');
    expect(d.state.status).toBe('approved');
  });

  it('ends rejected when the department head rejects', () => {
    const d = run(leave, 'cs', request(1));
    d.act('head', 'reject', { comment: '大促期间不批假' });
    expect(d.state.status).toBe('rejected');
  });
});
