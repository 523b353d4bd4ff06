// Scenarios of 推广费用申请 in the pure engine: below and above the finance
// threshold, and a budget sent back to be revised.
import { describe, expect, it } from '@jest/globals';
import { adSpend, AD_SPEND_FINANCE_THRESHOLD } from './ad-spend.js';
import { Driver } from '@baton/flow';
import { DEMO_DIRECTORY, open, run } from './demo-org.test-helper.js';

const budget = (amount: number) => ({
  month: '2030-11',
  channel: '直通车',
  platform: '天猫',
  amount,
  plan: '双十一预热期加投核心词',
  expectedRoi: 3.2,
});

describe('推广费用申请 Ad-spend approval', () => {
  it(`up to ${AD_SPEND_FINANCE_THRESHOLD}: the operations director alone`, () => {
    const d = run(adSpend, 'opsspec', budget(AD_SPEND_FINANCE_THRESHOLD));
    expect(open(d)).toEqual(['director:opsdir']);
    d.act('director', 'approve');
    expect(d.state.status).toBe('approved');
  });

  it(`above ${AD_SPEND_FINANCE_THRESHOLD}: finance approves too`, () => {
    const d = run(adSpend, 'opsspec', budget(30_000));
    d.act('director', 'approve');
    expect(open(d)).toEqual(['finance:finance']);
    d.act('finance', 'approve');
    expect(d.state.status).toBe('approved');
  });

  it('a budget finance rejects goes back to be revised, and then routes by the new amount', () => {
    const d = run(adSpend, 'opsspec', budget(30_000));
    d.act('director', 'approve');
    d.act('finance', 'reject', { comment: '预算超出季度额度' });
    expect(open(d)).toEqual(['start:opsspec']);
    d.act('start', 'submit', { data: { amount: 8000 } });
    d.act('director', 'approve');
    expect(d.state.status).toBe('approved');
  });

  it('refuses to start for someone outside operations', () => {
    const d = new Driver(adSpend.definition, DEMO_DIRECTORY);
    const refused = d.apply({ type: 'start', initiatorId: 'cs', data: budget(1) });
    expect(refused).toMatchObject({ ok: false, code: 'not_allowed_to_start' });
  });
});
