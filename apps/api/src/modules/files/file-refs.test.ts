import { describe, expect, it } from '@jest/globals';
import { fileRefs } from './file-refs.js';

const form = {
  schema: {
    type: 'object',
    properties: {
      proof: { type: 'array', items: { type: 'string' } },
      platforms: { type: 'array', items: { type: 'string', enum: ['淘宝', '抖音'] } },
      watchers: { type: 'array', items: { type: 'string' } },
      note: { type: 'string' },
      items: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            sku: { type: 'string' },
            receipt: { type: 'array', items: { type: 'string' } },
          },
        },
      },
    },
  },
  uiSchema: { watchers: { 'ui:widget': 'user' } },
};

describe('fileRefs', () => {
  it('finds the ids in attachment fields and table columns, not in choices, people or text', () => {
    const data = {
      proof: ['f1', 'f2'],
      platforms: ['淘宝'],
      watchers: ['u1'],
      note: 'f9',
      items: [{ sku: 'A', receipt: ['f3'] }, { sku: 'B' }, 'junk'],
    };
    expect(fileRefs(form, data)).toEqual([
      { field: 'proof', path: 'proof', id: 'f1' },
      { field: 'proof', path: 'proof', id: 'f2' },
      { field: 'items', path: 'items[0].receipt', id: 'f3' },
    ]);
  });

  it('takes a field the form marks as an attachment whatever its shape', () => {
    expect(
      fileRefs(
        {
          schema: { properties: { doc: { type: 'string' } } },
          uiSchema: { doc: { 'ui:widget': 'attachment' } },
        },
        { doc: 'f1' },
      ),
    ).toEqual([{ field: 'doc', path: 'doc', id: 'f1' }]);
    expect(fileRefs(form, undefined)).toEqual([]);
  });
});
