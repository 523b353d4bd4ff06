// Locale-aware formatting used by every screen, so a date or an amount looks the
// same in the inbox, on the task page and in exports.
import type { Language } from './language';

const MISSING = '—';

export interface DateFormatOptions {
  /** IANA zone; the browser's own zone when omitted. The API sends UTC ISO-8601. */
  timeZone?: string;
}

function toDate(value: Date | string | number | null | undefined): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function parts(date: Date, timeZone: string | undefined): Record<string, string> {
  const formatter = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const out: Record<string, string> = {};
  for (const part of formatter.formatToParts(date)) out[part.type] = part.value;
  return out;
}

/**
 * 2026-11-22 in both languages: it is what our users see in DingTalk and Feishu,
 * and unlike 11/22/2026 vs 22/11/2026 nobody misreads it.
 */
export function formatDate(
  value: Date | string | number | null | undefined,
  options: DateFormatOptions = {},
): string {
  const date = toDate(value);
  if (!date) return MISSING;
  const p = parts(date, options.timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** 2026-11-22 14:05 (24-hour clock, the user's zone). */
export function formatDateTime(
  value: Date | string | number | null | undefined,
  options: DateFormatOptions = {},
): string {
  const date = toDate(value);
  if (!date) return MISSING;
  const p = parts(date, options.timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** A friendly long date for greetings and headers: 2026年11月22日星期日 / Sunday, November 22, 2026. */
export function formatLongDate(
  value: Date | string | number | null | undefined,
  language: Language,
  options: DateFormatOptions = {},
): string {
  const date = toDate(value);
  if (!date) return MISSING;
  return new Intl.DateTimeFormat(language === 'zh-CN' ? 'zh-CN' : 'en-US', {
    timeZone: options.timeZone,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    weekday: 'long',
  }).format(date);
}

/**
 * ¥1,234.00. narrowSymbol keeps "¥" in English too (the default would print
 * "CN¥"), since every amount in Baton is already understood to be RMB.
 */
export function formatMoney(
  amount: number | null | undefined,
  language: Language,
  currency = 'CNY',
): string {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) return MISSING;
  return new Intl.NumberFormat(language, {
    style: 'currency',
    currency,
    currencyDisplay: 'narrowSymbol',
  }).format(amount);
}

/** 1,234,567.5 with the locale's grouping; up to `maximumFractionDigits` decimals. */
export function formatNumber(
  value: number | null | undefined,
  language: Language,
  maximumFractionDigits = 2,
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  return new Intl.NumberFormat(language, { maximumFractionDigits }).format(value);
}
