import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  addDuration,
  durationMs,
  fieldTime,
  isDuration,
  parseDuration,
  readPath,
  subtractDuration,
  toEpochMs,
  toIso,
} from './duration.js';

const at = (iso: string) => Date.parse(iso);

describe('parseDuration', () => {
  it('reads days, times, weeks, signs and fractions', () => {
    expect(parseDuration('P1DT2H30M')).toEqual({
      sign: 1,
      years: 0,
      months: 0,
      weeks: 0,
      days: 1,
      hours: 2,
      minutes: 30,
      seconds: 0,
    });
    expect(parseDuration('-P3D')).toMatchObject({ sign: -1, days: 3 });
    expect(parseDuration('PT0.5H')).toMatchObject({ hours: 0.5 });
    expect(parseDuration('P2W')).toMatchObject({ weeks: 2 });
    expect(parseDuration('P1Y2M')).toMatchObject({ years: 1, months: 2 });
  });
  it('refuses what is not a duration', () => {
    for (const bad of ['', 'P', 'PT', '1D', 'P1H', 'P1DT', 'soon', 'P-1D'])
      expect(parseDuration(bad)).toBeUndefined();
    expect(isDuration('PT4H')).toBe(true);
    expect(isDuration(4)).toBe(false);
  });
});

describe('addDuration', () => {
  it('adds exact time to epoch ms or ISO strings', () => {
    expect(toIso(addDuration('2030-01-01T00:00:00Z', 'PT4H'))).toBe('2030-01-01T04:00:00.000Z');
    expect(toIso(addDuration(at('2030-01-10T00:00:00Z'), '-P3D'))).toBe('2030-01-07T00:00:00.000Z');
    expect(toIso(subtractDuration('2030-01-10T00:00:00Z', 'P1DT12H'))).toBe(
      '2030-01-08T12:00:00.000Z',
    );
  });
  it('moves calendar months, clamping to the month end', () => {
    expect(toIso(addDuration('2030-01-31T10:00:00Z', 'P1M'))).toBe('2030-02-28T10:00:00.000Z');
    expect(toIso(addDuration('2028-03-31T00:00:00Z', '-P1M'))).toBe('2028-02-29T00:00:00.000Z');
    expect(toIso(addDuration('2030-11-15T00:00:00Z', 'P1Y3M'))).toBe('2032-02-15T00:00:00.000Z');
  });
  it('is NaN for invalid input rather than throwing', () => {
    expect(addDuration('not a date', 'P1D')).toBeNaN();
    expect(addDuration(0, 'nope')).toBeNaN();
    expect(toEpochMs(Infinity)).toBeNaN();
    expect(toEpochMs('')).toBeNaN();
  });
  it('gives lengths of durations', () => {
    expect(durationMs('PT1H30M')).toBe(5_400_000);
    expect(durationMs('-P1D')).toBe(-86_400_000);
    expect(durationMs('P1M')).toBe(30 * 86_400_000);
    expect(durationMs('x')).toBeNaN();
  });
});

describe('fieldTime', () => {
  it('reads a date field (nested paths too) and moves it by an offset', () => {
    expect(toIso(fieldTime({ live: '2030-05-10' }, 'live', '-P3D'))).toBe(
      '2030-05-07T00:00:00.000Z',
    );
    expect(toIso(fieldTime({ plan: { live: '2030-05-10T08:00:00Z' } }, 'plan.live'))).toBe(
      '2030-05-10T08:00:00.000Z',
    );
    expect(fieldTime({ live: true }, 'live')).toBeNaN();
    expect(readPath({ a: 1 }, 'a.b.c')).toBeUndefined();
  });
});

describe('toIso', () => {
  it('formats exactly like Date#toISOString', () => {
    fc.assert(
      fc.property(fc.integer({ min: -70_000_000_000_000, max: 260_000_000_000_000 }), (ms) => {
        expect(toIso(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 2000 },
    );
    for (const iso of [
      '1970-01-01T00:00:00.000Z',
      '2000-02-29T23:59:59.999Z',
      '1969-12-31T23:59:59.999Z',
      '0000-01-01T00:00:00.000Z',
      '9999-12-31T23:59:59.999Z',
    ]) {
      expect(toIso(Date.parse(iso))).toBe(iso);
    }
    expect(toIso(0.5)).toBe(new Date(0.5).toISOString());
  });
});
