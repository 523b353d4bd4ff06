// Scenarios of 退款 in the pure engine: each amount tier, with and without
// returned goods, a rejection, and the finance SLA.
import { describe, expect, it } from '@jest/globals';
import { refund, REFUND_TIERS } from './refund.js';
import { fire, open, run } from './demo-org.test-helper.js';

const request = (amount: number, goodsReturned: boolean) => ({
  orderNo: 'TB20301101-0001',
  platform: '天猫',
  amount,
  reason: '质量问题',
  goodsReturned,
  evidence: ['file_1'],
});

const payout = { transactionId: 'ALIPAY-2030-0001', paidAt: '2030-01-02' };

describe('退款 Refund', () => {
  it(`below ${REFUND_TIERS.finance}: the CS lead alone, then payout`, () => {
    const d = run(refund, 'cs', request(300, false));
    expect(open(d)).toEqual(['csLead:cslead']);
    d.act('csLead', 'approve');
    expect(open(d)).toEqual(['payout:finance']);
    d.act('payout', 'submit', { data: payout });
    expect(d.state.status).toBe('approved');
    expect(d.state.data.transactionId).toBe('ALIPAY-2030-0001');
  });

  it(`from ${REFUND_TIERS.finance}: finance reviews; returned goods are confirmed before payout`, () => {
    const d = run(refund, 'cs', request(1200, true));
    d.act('csLead', 'approve');
    expect(open(d)).toEqual(['financeReview:finance']);
    d.act('financeReview', 'approve');
    expect(open(d)).toEqual(['receipt:warehouse']);
    d.act('receipt', 'submit', { data: { receivedAt: '2030-01-05', receiptNote: '包装完好' } });
    expect(open(d)).toEqual(['payout:finance']);
    d.act('payout', 'submit', { data: payout });
    expect(d.state.status).toBe('approved');
  });

  it(`from ${REFUND_TIERS.director}: finance and the operations director`, () => {
    const d = run(refund, 'cs', request(8000, false));
    d.act('csLead', 'approve');
    d.act('financeReview', 'approve');
    expect(open(d)).toEqual(['director:opsdir']);
    d.act('director', 'approve');
    expect(open(d)).toEqual(['payout:finance']);
    d.act('payout', 'submit', { data: payout });
    expect(d.state.status).toBe('approved');
  });

  it('ends rejected when an approver rejects', () => {
    const d = run(refund, 'cs', request(8000, true));
    d.act('csLead', 'approve');
    d.act('financeReview', 'reject', { comment: '凭证不足' });
    expect(d.state.status).toBe('rejected');
    expect(open(d)).toEqual([]);
  });

  it('reminds finance after 20 hours and escalates to the operations director after a day', () => {
    const d = run(refund, 'cs', request(600, false));
    d.act('csLead', 'approve');
    expect(d.task('financeReview')).toMatchObject({
      dueAt: '2030-01-02T09:00:00.000Z',
      warnAt: '2030-01-02T05:00:00.000Z',
    });
    const reminder = fire(d, 'financeReview', 'slaRemind');
    expect(d.effectsOf('notify', reminder)).toEqual([
      expect.objectContaining({ kind: 'reminder', userIds: ['finance'] }),
    ]);
    const escalation = fire(d, 'financeReview', 'slaOverdue');
    expect(d.effectsOf('notify', escalation).map((n) => n.kind)).toEqual(
      expect.arrayContaining(['overdue', 'escalated']),
    );
    expect(open(d)).toEqual(['financeReview:opsdir']);
    d.act('financeReview', 'approve');
    expect(open(d)).toEqual(['payout:finance']);
  });
});
