import { describe, expect, it } from '@jest/globals';
import { nodeStatuses } from './diagram-status';
import type { InstanceEvent } from '@baton/contracts';

const definition = {
  graph: {
    nodes: ['start', 'ops', 'fin', 'end'].map((id) => ({ id })),
  },
};

let seq = 0;
const ev = (
  type: string,
  nodeId?: string,
  payload: Record<string, unknown> = {},
): InstanceEvent => ({
  seq: ++seq,
  type,
  at: '2026-11-22T08:00:00.000Z',
  payload,
  ...(nodeId ? { nodeId } : {}),
});

describe('nodeStatuses', () => {
  it('marks a running request: start done, the approval active, the rest pending', () => {
    const events = [
      ev('instanceStarted'),
      ev('nodeEntered', 'start'),
      ev('nodeCompleted', 'start', { outcome: 'passed' }),
      ev('nodeEntered', 'ops'),
      ev('taskCreated', 'ops'),
    ];
    expect(nodeStatuses(definition, { activeNodes: ['ops'] }, events)).toEqual({
      start: 'done',
      ops: 'active',
      fin: 'pending',
      end: 'pending',
    });
  });

  it('marks every visited node done once the request is approved', () => {
    const events = [
      ev('nodeEntered', 'start'),
      ev('nodeCompleted', 'start'),
      ev('nodeEntered', 'ops'),
      ev('nodeCompleted', 'ops', { outcome: 'approved' }),
      ev('nodeEntered', 'fin'),
      ev('nodeCompleted', 'fin', { outcome: 'approved' }),
      ev('nodeEntered', 'end'),
      ev('nodeCompleted', 'end'),
      ev('instanceEnded'),
    ];
    expect(nodeStatuses(definition, { activeNodes: [] }, events)).toEqual({
      start: 'done',
      ops: 'done',
      fin: 'done',
      end: 'done',
    });
  });

  it('shows a node returned to as active even though it completed before', () => {
    const events = [
      ev('nodeCompleted', 'start'),
      ev('nodeCompleted', 'ops', { outcome: 'approved' }),
      ev('nodeCompleted', 'fin', { outcome: 'rejected' }),
      ev('returned'),
      ev('nodeEntered', 'ops'),
    ];
    expect(nodeStatuses(definition, { activeNodes: ['ops'] }, events)).toEqual({
      start: 'done',
      ops: 'active',
      fin: 'done', // no `rejected` status in the model: a rejected completion is still done
      end: 'pending',
    });
  });

  it('leaves entered-then-cancelled nodes pending (a withdrawn request)', () => {
    const events = [
      ev('nodeCompleted', 'start'),
      ev('nodeEntered', 'ops'),
      ev('nodeCancelled', 'ops', { reason: 'instanceEnded' }),
      ev('instanceEnded'),
    ];
    expect(nodeStatuses(definition, { activeNodes: [] }, events)).toMatchObject({
      start: 'done',
      ops: 'pending',
    });
  });

  it('covers only the definition’s nodes and ignores events without a node', () => {
    const statuses = nodeStatuses(definition, { activeNodes: ['ghost'] }, [
      ev('nodeCompleted'),
      ev('nodeCompleted', 'elsewhere'),
    ]);
    expect(Object.keys(statuses).sort()).toEqual(['end', 'fin', 'ops', 'start']);
    expect(new Set(Object.values(statuses))).toEqual(new Set(['pending']));
  });
});
