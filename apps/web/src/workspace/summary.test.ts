import { describe, expect, it } from '@jest/globals';
import { summaryValue } from './summary';

const yesNo = { yes: '是', no: '否' };

describe('summaryValue', () => {
  it('shows money, numbers, days, choices and yes/no the way the rest of the app does', () => {
    const at = (kind: string, value: string | number | boolean) =>
      summaryValue({ field: 'f', label: 'F', kind: kind as never, value }, 'zh-CN', yesNo);
    expect(at('money', 1200)).toBe('¥1,200.00');
    expect(at('number', 1234.5)).toBe('1,234.5');
    expect(at('date', '2026-12-01')).toBe('2026-12-01');
    expect(at('text', '家具')).toBe('家具');
    expect(at('boolean', true)).toBe('是');
    expect(at('boolean', false)).toBe('否');
  });
});
