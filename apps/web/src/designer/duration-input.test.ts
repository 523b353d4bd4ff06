import { describe, expect, test } from '@jest/globals';
import { parseDuration } from '@baton/flow';
import { fromIsoDuration, fromOffset, toIsoDuration, toOffset } from './duration-input';

describe('duration input', () => {
  test('round trips the units it offers, as durations the engine reads', () => {
    for (const unit of ['minutes', 'hours', 'days'] as const) {
      const iso = toIsoDuration({ amount: 3, unit })!;
      expect(parseDuration(iso)).toBeDefined();
      expect(fromIsoDuration(iso)).toEqual({ amount: 3, unit });
    }
  });
  test('nothing for empty or zero, undefined for what it cannot show', () => {
    expect(toIsoDuration({ amount: 0, unit: 'days' })).toBeUndefined();
    expect(toIsoDuration(undefined)).toBeUndefined();
    expect(fromIsoDuration('P1DT2H')).toBeUndefined();
    expect(fromIsoDuration('P2W')).toEqual({ amount: 14, unit: 'days' });
  });
  test('offsets before and after a date', () => {
    expect(toOffset({ amount: 3, unit: 'days' }, true)).toBe('-P3D');
    expect(fromOffset('-P3D')).toEqual({ parts: { amount: 3, unit: 'days' }, before: true });
    expect(fromOffset('PT4H')).toEqual({ parts: { amount: 4, unit: 'hours' }, before: false });
  });
});
