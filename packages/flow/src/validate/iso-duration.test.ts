import { describe, expect, it } from '@jest/globals';
import { checkDuration } from './iso-duration.js';

describe('checkDuration', () => {
  it.each(['P2D', 'PT4H', 'P1W', 'P1Y2M3DT4H5M6S', 'PT0.5S', 'PT30M', 'P0D'])(
    'accepts %s',
    (text) => {
      expect(checkDuration(text).valid).toBe(true);
    },
  );

  it.each(['', 'P', 'PT', '2D', 'P2', 'P1DT', 'p2d', 'P-2D', 'PT1.S', ' P2D'])(
    'refuses %p',
    (text) => {
      expect(checkDuration(text).valid).toBe(false);
    },
  );

  it('tells negative and zero durations', () => {
    expect(checkDuration('-P3D')).toEqual({ valid: true, negative: true, zero: false });
    expect(checkDuration('PT0S')).toEqual({ valid: true, negative: false, zero: true });
  });
});
