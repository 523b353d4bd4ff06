// The package's public surface, and the bench workload at a tiny scale.
import { describe, expect, it } from '@jest/globals';
import * as flow from '../index.js';
import { measureThroughput } from './throughput.js';

describe('@baton/flow public API', () => {
  it('exports the engine, its helpers and the fixtures', () => {
    for (const name of [
      'transition',
      'initialState',
      'startInstance',
      'Driver',
      'memoryDirectory',
      'sequentialIds',
      'slaState',
      'planSla',
      'parseDuration',
      'addDuration',
      'resolveAssignees',
      'newProductListing',
      'processOf',
    ]) {
      expect(typeof (flow as Record<string, unknown>)[name]).not.toBe('undefined');
    }
  });
  it('startInstance starts a new instance', () => {
    const r = flow.startInstance(
      flow.newProductListing,
      { initiatorId: 'pm', data: flow.newProductListingForm },
      {
        now: '2030-01-01T00:00:00Z',
        newId: flow.sequentialIds(),
        directory: flow.memoryDirectory(flow.newProductListingDirectory),
      },
    );
    expect(r.ok && r.state.status).toBe('running');
  });
  it('the bench workload runs whole instances of 5 transitions', () => {
    let t = 0;
    const r = measureThroughput(0.001, () => (t += 1));
    expect(r.transitions).toBe(r.instances * 5);
    expect(r.perSecond).toBeGreaterThan(0);
  });
});
