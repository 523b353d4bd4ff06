// SOPS.md §1 新品上架 as a scenario: start -> ops director approves (a
// rejection returns to the product manager to revise and resubmit) ->
// design and warehouse in parallel -> join -> listing -> end.
import { describe, expect, it } from '@jest/globals';
import { validateDefinition } from '../validate/index.js';
import { Driver } from './harness.js';
import { memoryDirectory } from './support.js';
import {
  newProductListing,
  newProductListingDirectory,
  newProductListingForm,
} from './fixtures/new-product-listing.js';

function given() {
  const d = new Driver(newProductListing, newProductListingDirectory);
  d.start('pm', newProductListingForm);
  return d;
}

describe('new-product listing (SOPS.md §1)', () => {
  it('is a definition that publishing accepts', () => {
    expect(
      validateDefinition(newProductListing, memoryDirectory(newProductListingDirectory)),
    ).toEqual([]);
  });

  it('runs from submission to the listing link', () => {
    const d = given();
    expect(d.openTasks().map((t) => [t.nodeId, t.assigneeId])).toEqual([['director', 'director']]);

    d.act('director', 'approve', { comment: 'ok' });
    expect(
      d
        .openTasks()
        .map((t) => t.nodeId)
        .sort(),
    ).toEqual(['design', 'warehouse']);

    d.act('warehouse', 'submit', { data: { quantity: 500, binLocation: 'A-03-02' } });
    expect(d.openTasks().map((t) => t.nodeId)).toEqual(['design']);

    d.act('design', 'submit', { data: { mainImages: ['main.jpg'], detailPage: 'detail.html' } });
    expect(d.openTasks().map((t) => t.nodeId)).toEqual(['listing']);
    expect(d.effectsOf('nodeCompleted').filter((e) => e.nodeId === 'join')).toHaveLength(1);

    d.act('listing', 'submit', { data: { listingUrl: 'https://item.taobao.com/item.htm?id=1' } });
    expect(d.state.status).toBe('completed');
    expect(d.state.endedBy).toEqual({ nodeId: 'done', reason: 'end' });
    expect(d.effectsOf('instanceEnded')).toEqual([
      { type: 'instanceEnded', status: 'completed', reason: 'end', nodeId: 'done', at: d.now },
    ]);
    expect(d.state.data).toMatchObject({ quantity: 500, listingUrl: expect.any(String) });
  });

  it('returns a rejected request to the product manager, who revises and resubmits', () => {
    const d = given();
    d.act('director', 'reject', { comment: 'price too low' });
    expect(d.state.status).toBe('running');
    const resubmit = d.task('start');
    expect(resubmit).toMatchObject({ kind: 'resubmit', assigneeId: 'pm' });
    expect(d.effectsOf('notify', d.last).map((n) => n.kind)).toContain('returned');

    d.act('start', 'submit', { data: { price: 109 } });
    expect(d.effectsOf('fieldChanged', d.last)).toEqual([
      expect.objectContaining({ field: 'price', from: 89, to: 109, actorId: 'pm' }),
    ]);
    d.act('director', 'approve');
    d.act('design', 'submit', { data: { mainImages: ['m.jpg'], detailPage: 'd' } });
    d.act('warehouse', 'submit', { data: { quantity: 1, binLocation: 'B-1' } });
    d.act('listing', 'submit', { data: { listingUrl: 'https://x' } });
    expect(d.state.status).toBe('completed');
  });

  it('refuses a task submitted without its required fields', () => {
    const d = given();
    d.act('director', 'approve');
    const r = d.apply({
      type: 'completeTask',
      taskId: d.task('design').id,
      actorId: 'designer',
      action: 'submit',
    });
    expect(r).toMatchObject({ ok: false, code: 'required_field_missing' });
  });

  it('gives design a due date two days before launch and the director one day', () => {
    const d = given();
    expect(d.task('director')).toMatchObject({
      dueAt: '2030-01-02T09:00:00.000Z',
      warnAt: '2030-01-02T05:00:00.000Z',
    });
    d.act('director', 'approve');
    expect(d.task('design').dueAt).toBe('2030-02-27T00:00:00.000Z');
  });

  it('round-trips its state through JSON after every step', () => {
    const d = given();
    const steps: Array<() => void> = [
      () => d.act('director', 'approve'),
      () => d.act('design', 'submit', { data: { mainImages: ['m'], detailPage: 'd' } }),
      () => d.act('warehouse', 'submit', { data: { quantity: 2, binLocation: 'C' } }),
      () => d.act('listing', 'submit', { data: { listingUrl: 'u' } }),
    ];
    for (const step of steps) {
      step();
      expect(JSON.parse(JSON.stringify(d.state))).toStrictEqual(d.state);
    }
  });
});
