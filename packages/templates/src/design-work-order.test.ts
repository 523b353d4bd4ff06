// Scenarios of 设计工单 in the pure engine: accepted at once, sent back by
// the requester, and returned by the design lead.
import { describe, expect, it } from '@jest/globals';
import { designWorkOrder } from './design-work-order.js';
import { open, run } from './demo-org.test-helper.js';

const order = {
  title: '双十一主图',
  designType: '主图',
  platform: '天猫',
  requirements: '800x800，突出 5 折',
  references: ['file_ref'],
  deadline: '2030-01-08',
};

describe('设计工单 Design work order', () => {
  it('review, design, acceptance', () => {
    const d = run(designWorkOrder, 'pm', order);
    expect(open(d)).toEqual(['leadReview:design']);
    d.act('leadReview', 'approve');
    expect(open(d)).toEqual(['produce:design', 'produce:designer2']);
    expect(d.task('produce', 'designer2').dueAt).toBe('2030-01-08T00:00:00.000Z');
    d.act('produce', 'submit', { by: 'designer2', data: { deliverables: ['file_v1'] } });
    expect(open(d)).toEqual(['accept:pm']);
    d.act('accept', 'approve');
    expect(d.state.status).toBe('completed');
  });

  it('the requester sends the work back to design, and accepts the second version', () => {
    const d = run(designWorkOrder, 'pm', order);
    d.act('leadReview', 'approve');
    d.act('produce', 'submit', { by: 'designer2', data: { deliverables: ['file_v1'] } });
    d.act('accept', 'reject', { comment: '价格字号再大一些' });
    expect(open(d)).toEqual(['produce:design', 'produce:designer2']);
    d.act('produce', 'submit', { by: 'designer2', data: { deliverables: ['file_v2'] } });
    d.act('accept', 'approve');
    expect(d.state.status).toBe('completed');
    expect(d.state.data.deliverables).toEqual(['file_v2']);
  });

  it('the design lead returns an unclear request to the requester', () => {
    const d = run(designWorkOrder, 'pm', order);
    d.act('leadReview', 'reject', { comment: '缺少尺寸' });
    expect(open(d)).toEqual(['start:pm']);
    d.act('start', 'submit', { data: { sizes: '800x800' } });
    expect(open(d)).toEqual(['leadReview:design']);
  });
});
