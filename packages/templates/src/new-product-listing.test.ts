// Scenarios of 新品上架 in the pure engine, one per path.
import { describe, expect, it } from '@jest/globals';
import { newProductListing } from './new-product-listing.js';
import { open, run } from './demo-org.test-helper.js';

const product = {
  productName: '保温杯 Thermos 500ml',
  sku: 'TH-500-BLK',
  category: '家居',
  price: 89,
  cost: 32,
  supplier: '永康杯业',
  platforms: ['淘宝', '抖音'],
  images: ['file_1'],
  launchDate: '2030-03-01',
};

describe('新品上架 New-product listing', () => {
  it('goes from approval through design and warehouse in parallel to the listing', () => {
    const d = run(newProductListing, 'pm', product);
    expect(open(d)).toEqual(['director:opsdir']);
    d.act('director', 'approve');
    expect(open(d)).toEqual(['design:design', 'design:designer2', 'warehouse:warehouse']);
    d.act('warehouse', 'submit', { data: { quantity: 500, binLocation: 'A-03-02' } });
    d.act('design', 'submit', {
      by: 'designer2',
      data: { mainImages: ['file_2'], detailPage: ['file_3'] },
    });
    expect(open(d)).toEqual(['listing:opsspec']);
    expect(d.task('listing').dueAt).toBe('2030-03-01T00:00:00.000Z');
    d.act('listing', 'submit', { data: { listingUrl: 'https://item.taobao.com/item.htm?id=1' } });
    expect(d.state.status).toBe('completed');
    expect(d.state.endedBy).toEqual({ nodeId: 'done', reason: 'end' });
  });

  it('returns a rejected product to the product manager, who revises and resubmits', () => {
    const d = run(newProductListing, 'pm', product);
    d.act('director', 'reject', { comment: '毛利太低 Margin too thin' });
    expect(d.state.status).toBe('running');
    expect(open(d)).toEqual(['start:pm']);
    d.act('start', 'submit', { data: { price: 109 } });
    expect(d.state.data.price).toBe(109);
    d.act('director', 'approve');
    expect(open(d)).toEqual(['design:design', 'design:designer2', 'warehouse:warehouse']);
  });

  it('refuses the listing without its URL', () => {
    const d = run(newProductListing, 'pm', product);
    d.act('director', 'approve');
    d.act('warehouse', 'submit', { data: { quantity: 1, binLocation: 'B' } });
    d.act('design', 'submit', { by: 'design', data: { mainImages: ['m'], detailPage: ['p'] } });
    const refused = d.apply({
      type: 'completeTask',
      taskId: d.task('listing').id,
      actorId: 'opsspec',
      action: 'submit',
    });
    expect(refused).toMatchObject({ ok: false, code: 'required_field_missing' });
  });
});
