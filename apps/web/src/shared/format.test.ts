import { describe, expect, it } from '@jest/globals';
import { formatDate, formatDateTime, formatLongDate, formatMoney, formatNumber } from './format';

// 2026-11-21T16:30Z is already the 22nd in Beijing: the zone decides the date.
const instant = '2026-11-21T16:30:00Z';
const shanghai = { timeZone: 'Asia/Shanghai' };

describe('formatMoney', () => {
  it('prints RMB as ¥1,234.00 in Chinese', () => {
    expect(formatMoney(1234, 'zh-CN')).toBe('¥1,234.00');
  });

  it('prints RMB as ¥1,234.00 in English too, not CN¥', () => {
    expect(formatMoney(1234, 'en')).toBe('¥1,234.00');
  });

  it('rounds to cents and keeps the sign', () => {
    expect(formatMoney(0.005, 'zh-CN')).toBe('¥0.01');
    expect(formatMoney(-1234567.891, 'zh-CN')).toBe('-¥1,234,567.89');
  });

  it('formats other currencies when asked', () => {
    expect(formatMoney(99.5, 'en', 'USD')).toBe('$99.50');
  });

  it('shows a dash for missing or non-finite amounts', () => {
    expect(formatMoney(null, 'zh-CN')).toBe('—');
    expect(formatMoney(undefined, 'en')).toBe('—');
    expect(formatMoney(Number.NaN, 'en')).toBe('—');
    expect(formatMoney(Number.POSITIVE_INFINITY, 'en')).toBe('—');
  });
});

describe('formatNumber', () => {
  it('groups thousands and limits decimals', () => {
    expect(formatNumber(1234567.456, 'zh-CN')).toBe('1,234,567.46');
    expect(formatNumber(1234567.456, 'en', 0)).toBe('1,234,567');
    expect(formatNumber(null, 'en')).toBe('—');
  });
});

describe('formatDate', () => {
  it('prints YYYY-MM-DD in the given zone', () => {
    expect(formatDate(instant, shanghai)).toBe('2026-11-22');
    expect(formatDate(instant, { timeZone: 'UTC' })).toBe('2026-11-21');
  });

  it('accepts Date objects and epoch milliseconds', () => {
    const date = new Date(Date.UTC(2026, 0, 5, 12));
    expect(formatDate(date, { timeZone: 'UTC' })).toBe('2026-01-05');
    expect(formatDate(date.getTime(), { timeZone: 'UTC' })).toBe('2026-01-05');
  });

  it('shows a dash for missing or invalid input', () => {
    expect(formatDate(null)).toBe('—');
    expect(formatDate('')).toBe('—');
    expect(formatDate('not a date')).toBe('—');
  });
});

describe('formatDateTime', () => {
  it('prints a 24-hour time with zero padding', () => {
    expect(formatDateTime(instant, shanghai)).toBe('2026-11-22 00:30');
    expect(formatDateTime('2026-03-04T05:06:00Z', { timeZone: 'UTC' })).toBe('2026-03-04 05:06');
  });

  it('prints midnight as 00, not 24', () => {
    expect(formatDateTime('2026-11-22T00:00:00Z', { timeZone: 'UTC' })).toBe('2026-11-22 00:00');
  });

  it('shows a dash for invalid input', () => {
    expect(formatDateTime('nope')).toBe('—');
  });
});

describe('formatLongDate', () => {
  it('reads naturally in each language', () => {
    expect(formatLongDate(instant, 'zh-CN', shanghai)).toBe('2026年11月22日星期日');
    expect(formatLongDate(instant, 'en', shanghai)).toBe('Sunday, November 22, 2026');
  });
});
