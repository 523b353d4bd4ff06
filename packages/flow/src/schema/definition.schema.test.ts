import { describe, expect, it } from '@jest/globals';
import { Ajv } from 'ajv';
import { DEFINITION_LIMITS, definitionSchema } from './definition.schema.js';
import { everyNodeType, simple } from '../validate/fixtures.test-helper.js';

const ajv = new Ajv({ allErrors: true, discriminator: true, strict: true });
const validate = ajv.compile(definitionSchema);

describe('definitionSchema', () => {
  it('compiles in ajv strict mode and is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(definitionSchema))).toEqual(definitionSchema);
    expect(definitionSchema.$schema).toBe('http://json-schema.org/draft-07/schema#');
  });

  it('accepts a definition using every node type', () => {
    expect(validate(everyNodeType())).toBe(true);
  });

  it.each(['refund', 'new-product-listing', 'a1', 'x'.repeat(63)])('accepts the key %p', (key) => {
    expect(validate({ ...simple(), key })).toBe(true);
  });

  it.each(['r', 'Refund', '1refund', '-refund', 're_fund', 'x'.repeat(64), '退款'])(
    'refuses the key %p',
    (key) => {
      expect(validate({ ...simple(), key })).toBe(false);
    },
  );

  it('refuses unknown properties except x- extensions', () => {
    expect(validate({ ...simple(), 'x-designer': { zoom: 2 } })).toBe(true);
    expect(validate({ ...simple(), version: 2 })).toBe(false);
    const d = simple();
    Object.assign(d.graph.nodes[1], { assignee: [] });
    expect(validate(d)).toBe(false);
  });

  it('bounds names, ids, node and edge counts', () => {
    expect(validate({ ...simple(), name: 'x'.repeat(DEFINITION_LIMITS.maxNameLength + 1) })).toBe(
      false,
    );
    const d = simple();
    d.graph.nodes[1].id = 'x'.repeat(DEFINITION_LIMITS.maxIdLength + 1);
    expect(validate(d)).toBe(false);
    const many = simple();
    many.graph.nodes = Array.from({ length: DEFINITION_LIMITS.maxNodes + 1 }, (_, i) => ({
      id: `n${i}`,
      type: 'join',
    }));
    expect(validate(many)).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({
      instancePath: '/graph/nodes',
      keyword: 'maxItems',
    });
  });

  it('requires each node type its own fields', () => {
    for (const node of [
      { id: 'a', type: 'approval' },
      { id: 't', type: 'task' },
      { id: 'c', type: 'cc' },
      { id: 'm', type: 'automation' },
      { id: 'x', type: 'approval', assignees: [], mode: 'unanimous' },
      { id: 'y', type: 'task', assignees: [], mode: 'vote' },
      { id: 'z', type: 'end', outcome: 'done' },
      { id: 'w', type: 'automation', action: { kind: 'webhook', url: 'ftp://x' } },
      { id: 'v', type: 'automation', action: { kind: 'startProcess', key: 'Bad Key' } },
      { id: 'u', type: 'approval', assignees: [{ kind: 'manager', level: 0 }] },
      { id: 's', type: 'approval', assignees: [], onReject: { action: 'return' } },
      { id: 'r', type: 'branch', assignees: [] },
    ]) {
      const d = simple();
      d.graph.nodes.push(node as never);
      expect([node, validate(d)]).toEqual([node, false]);
    }
  });
});
