import { describe, expect, it } from '@jest/globals';
import { pinFieldOrder } from './field-order.js';

const text = { type: 'string' };
const schema = {
  type: 'object',
  properties: {
    title: text,
    liveDate: text,
    products: {
      type: 'array',
      items: { type: 'object', properties: { sku: text, name: text, livePrice: text } },
    },
    stockNote: text,
    lowStock: text,
  },
};

describe('pinFieldOrder', () => {
  it("writes out the author's order, '*' expanded, at the top and in a table's rows", () => {
    const ui = pinFieldOrder(schema, {
      'ui:order': ['title', 'products', '*'],
      stockNote: { 'ui:widget': 'textarea' },
      products: { 'ui:options': { orderable: false } },
    });
    expect(ui['ui:order']).toEqual(['title', 'products', 'liveDate', 'stockNote', 'lowStock']);
    expect(ui.stockNote).toEqual({ 'ui:widget': 'textarea' });
    expect(ui.products).toEqual({
      'ui:options': { orderable: false },
      items: { 'ui:order': ['sku', 'name', 'livePrice'] },
    });
  });

  it('survives a JSONB round trip: pinning the reordered copy changes nothing', () => {
    const pinned = pinFieldOrder(schema, {});
    // What JSONB gives back: keys by length, then bytewise.
    const { title, liveDate, stockNote, lowStock } = schema.properties;
    const shuffled = {
      type: 'object',
      properties: {
        title,
        lowStock,
        liveDate,
        products: {
          type: 'array',
          items: { type: 'object', properties: { sku: text, livePrice: text, name: text } },
        },
        stockNote,
      },
    };
    expect(Object.keys(shuffled.properties)).not.toEqual(pinned['ui:order']);
    expect(pinFieldOrder(shuffled, pinned)).toEqual(pinned);
    expect(pinned.products).toEqual({ items: { 'ui:order': ['sku', 'name', 'livePrice'] } });
  });

  it("keeps an order's trailing names after '*', appends fields it leaves out, ignores no schema", () => {
    expect(pinFieldOrder(schema, { 'ui:order': ['*', 'title'] })['ui:order']).toEqual([
      'liveDate',
      'products',
      'stockNote',
      'lowStock',
      'title',
    ]);
    expect(pinFieldOrder(schema, { 'ui:order': ['lowStock'] })['ui:order']).toEqual([
      'lowStock',
      'title',
      'liveDate',
      'products',
      'stockNote',
    ]);
    expect(pinFieldOrder({}, { a: 1 })).toEqual({ a: 1 });
  });
});
