// Scenarios of the S-level livestream in the pure engine: enough stock and
// low stock, the script sent back, the wait for the live date, and the due
// dates and T-3 warnings counted from it.
import { describe, expect, it } from '@jest/globals';
import type { Driver } from '@baton/flow';
import { sLevelLivestream } from './s-level-livestream.js';
import { fire, open, run } from './demo-org.test-helper.js';

const campaign = {
  title: '双十一 S 级直播',
  liveDate: '2030-01-31',
  host: '林主播',
  platforms: ['抖音', '淘宝'],
  products: [
    { sku: 'TH-500-BLK', name: '保温杯', livePrice: 59, plannedQuantity: 3000, stock: 800 },
  ],
  targetGmv: 1_000_000,
};

const day = (date: string) => `${date}T00:00:00.000Z`;

/** Script, warm-up and rota, done by their owners. */
function prepareTheShow(d: Driver): void {
  d.act('scriptDraft', 'submit', { data: { script: ['file_script'] } });
  d.act('scriptReview', 'approve');
  d.act('rota', 'submit', { data: { rota: ['file_rota'] } });
  d.act('posters', 'submit', { by: 'design', data: { posters: ['file_poster'] } });
  d.act('posting', 'submit', { data: { warmupLinks: ['https://weibo.com/1'] } });
}

function goLiveAndWrapUp(d: Driver): void {
  expect(open(d)).toEqual([]);
  expect(Object.values(d.state.timers).filter((t) => t.purpose === 'node')).toEqual([
    expect.objectContaining({ nodeId: 'waitLive', at: day('2030-01-31') }),
  ]);
  fire(d, 'waitLive', 'node');
  expect(open(d)).toEqual(['liveControl:host', 'liveControl:opsspec']);
  d.act('liveControl', 'submit', {
    by: 'opsspec',
    data: { actualGmv: 1_250_000, incidentLog: '20:15 断流 3 分钟' },
  });
  expect(open(d)).toEqual(['afterSales:cs', 'review:opsspec']);
  expect(d.task('review').dueAt).toBe(day('2030-02-03'));
  d.act('afterSales', 'submit', { data: { afterSalesNote: '退款 12 单' } });
  d.act('review', 'submit', { data: { reviewReport: ['file_report'] } });
  expect(d.state.status).toBe('completed');
}

describe('S级直播活动 S-level livestream', () => {
  it('starts selection, script and rota in parallel, with due dates counted from the live date', () => {
    const d = run(sLevelLivestream, 'opsdir', campaign);
    expect(open(d)).toEqual(['rota:opsspec', 'scriptDraft:opsspec', 'selection:pm']);
    expect(d.task('selection')).toMatchObject({
      dueAt: day('2030-01-17'),
      warnAt: day('2030-01-16'),
    });
    expect(d.task('rota')).toMatchObject({ dueAt: day('2030-01-28'), warnAt: day('2030-01-27') });
  });

  it('warns at T-3 on warm-up posting due the day before the show', () => {
    const d = run(sLevelLivestream, 'opsdir', campaign);
    d.act('scriptDraft', 'submit', { data: { script: ['s'] } });
    d.act('scriptReview', 'approve');
    d.act('posters', 'submit', { by: 'design', data: { posters: ['p'] } });
    expect(d.task('posting')).toMatchObject({
      dueAt: day('2030-01-30'),
      warnAt: day('2030-01-28'),
    });
  });

  it('with enough stock: straight from selection to the show', () => {
    const d = run(sLevelLivestream, 'opsdir', campaign);
    d.act('selection', 'submit', { data: { lowStock: false } });
    expect(open(d)).toEqual(['rota:opsspec', 'scriptDraft:opsspec']);
    prepareTheShow(d);
    goLiveAndWrapUp(d);
  });

  it('with low stock: purchase request, approval (sent back once), goods received', () => {
    const d = run(sLevelLivestream, 'opsdir', campaign);
    d.act('selection', 'submit', { data: { lowStock: true, stockNote: '保温杯缺 2200 件' } });
    expect(open(d)).toContain('purchaseRequest:pm');
    d.act('purchaseRequest', 'submit', {
      data: { purchaseItems: '保温杯 2200 件', purchaseAmount: 70_400 },
    });
    d.act('purchaseApproval', 'reject', { comment: '再比一家供应商' });
    expect(open(d)).toContain('purchaseRequest:pm');
    d.act('purchaseRequest', 'submit', { data: { purchaseAmount: 66_000 } });
    d.act('purchaseApproval', 'approve');
    expect(open(d)).toContain('stockIn:warehouse');
    d.act('stockIn', 'submit', { data: { goodsArrived: '2030-01-20' } });
    prepareTheShow(d);
    goLiveAndWrapUp(d);
  });

  it('sends the script back for rework when operations rejects it', () => {
    const d = run(sLevelLivestream, 'opsdir', campaign);
    d.act('scriptDraft', 'submit', { data: { script: ['v1'] } });
    d.act('scriptReview', 'reject', { comment: '开场话术太长' });
    expect(open(d)).toContain('scriptDraft:opsspec');
    d.act('scriptDraft', 'submit', { data: { script: ['v2'] } });
    d.act('scriptReview', 'approve');
    expect(open(d)).toContain('posters:design');
  });
});
