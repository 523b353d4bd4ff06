// The inbox's one-line summary of a request's key fields ("金额 ¥1,200.00 · 类型 家具"),
// from what GET /api/tasks returns in `summary` (already cut to what the step may see).
import type { SummaryItem } from '@baton/forms';
import { formatDateTime, formatMoney, formatNumber } from '../shared/format';
import type { Language } from '../shared/language';

export function summaryValue(
  item: SummaryItem,
  language: Language,
  yesNo: { yes: string; no: string },
): string {
  switch (item.kind) {
    case 'money':
      return formatMoney(Number(item.value), language);
    case 'number':
      return formatNumber(Number(item.value), language);
    case 'datetime':
      return formatDateTime(String(item.value));
    case 'boolean':
      return item.value ? yesNo.yes : yesNo.no;
    default:
      // Dates stay as written (2026-12-01): a calendar day has no time zone to move it.
      return String(item.value);
  }
}
