import { describe, expect, it } from '@jest/globals';
import type { ProcessDefinition } from '@baton/flow';
import { HIDDEN_VALUE, redactForReader } from './reader-view.js';

const definition = {
  key: 'hooked',
  name: 'Hooked',
  form: { schema: { type: 'object', properties: {} } },
  graph: {
    nodes: [
      { id: 'start', type: 'start' },
      {
        id: 'hook',
        type: 'automation',
        action: {
          kind: 'webhook',
          url: 'https://example.com',
          headers: { Authorization: 'Bearer s3cret' },
        },
      },
      { id: 'end', type: 'end' },
    ],
    edges: [],
  },
} as unknown as ProcessDefinition;

describe('redactForReader', () => {
  it('hides webhook header values and keeps their names, without touching the original', () => {
    const view = redactForReader(definition);
    expect((view.graph.nodes[1] as { action: { headers: unknown } }).action.headers).toEqual({
      Authorization: HIDDEN_VALUE,
    });
    expect(JSON.stringify(definition)).toContain('s3cret');
    expect(JSON.stringify(view)).not.toContain('s3cret');
  });

  it('returns a definition without secrets as it is', () => {
    const plain = { ...definition, graph: { nodes: [definition.graph.nodes[0]], edges: [] } };
    expect(redactForReader(plain)).toBe(plain);
  });
});
