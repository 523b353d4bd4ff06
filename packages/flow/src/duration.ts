// ISO-8601 durations ("P1D", "PT4H", "-P3D", "P1DT2H30M") and time arithmetic.
// Pure: every function takes the time it works on; nothing reads the clock.
// Calendar units (years, months) are added in UTC so results do not depend on
// the machine's time zone; a day is the UTC calendar day.

export interface Duration {
  sign: 1 | -1;
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

/** A point in time: epoch milliseconds or an ISO-8601 date / date-time string. */
export type TimeInput = number | string;

const PATTERN =
  /^([+-])?P(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

const MS = { second: 1000, minute: 60_000, hour: 3_600_000, day: 86_400_000, week: 604_800_000 };

const cache = new Map<string, Duration | undefined>();

/** Parses an ISO-8601 duration; undefined when the text is not one. */
export function parseDuration(text: string): Duration | undefined {
  if (cache.has(text)) return cache.get(text);
  const parsed = parseUncached(text);
  // Definitions reuse a handful of durations; the bound keeps hostile input from growing it.
  if (cache.size < 1000) cache.set(text, parsed);
  return parsed;
}

function parseUncached(text: string): Duration | undefined {
  if (typeof text !== 'string') return undefined;
  const m = PATTERN.exec(text.trim());
  // "P" and "PT" alone match the pattern but name no amount.
  if (!m || m.slice(2).every((g) => g === undefined) || /T$/.test(text.trim())) return undefined;
  const n = (g: string | undefined) => (g === undefined ? 0 : Number(g.replace(',', '.')));
  return {
    sign: m[1] === '-' ? -1 : 1,
    years: n(m[2]),
    months: n(m[3]),
    weeks: n(m[4]),
    days: n(m[5]),
    hours: n(m[6]),
    minutes: n(m[7]),
    seconds: n(m[8]),
  };
}

export function isDuration(text: unknown): text is string {
  return typeof text === 'string' && parseDuration(text) !== undefined;
}

/** Epoch ms of a time input; NaN when it is not a valid time. */
export function toEpochMs(time: TimeInput): number {
  if (typeof time === 'number') return Number.isFinite(time) ? time : NaN;
  if (typeof time !== 'string' || time.length === 0) return NaN;
  return new Date(time).getTime();
}

const pad2 = (n: number) => (n < 10 ? '0' : '') + n;

/**
 * Epoch ms as "YYYY-MM-DDTHH:mm:ss.sssZ", same as Date#toISOString. Written
 * out because the engine formats a few times per transition and Date costs
 * about a microsecond each time; years outside 0000-9999 go through Date.
 */
export function toIso(ms: number): string {
  if (!(ms >= -62_167_219_200_000 && ms < 253_402_300_800_000) || !Number.isInteger(ms)) {
    return new Date(ms).toISOString();
  }
  const days = Math.floor(ms / MS.day);
  let rest = ms - days * MS.day;
  // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const h = Math.floor(rest / MS.hour);
  rest -= h * MS.hour;
  const m = Math.floor(rest / MS.minute);
  rest -= m * MS.minute;
  const sec = Math.floor(rest / 1000);
  const milli = rest - sec * 1000;
  return (
    String(year).padStart(4, '0') +
    '-' +
    pad2(month) +
    '-' +
    pad2(day) +
    'T' +
    pad2(h) +
    ':' +
    pad2(m) +
    ':' +
    pad2(sec) +
    '.' +
    String(milli).padStart(3, '0') +
    'Z'
  );
}

/**
 * Adds a duration to a time and returns epoch ms (NaN if either is invalid).
 * Years and months move the calendar date (Jan 31 + P1M = Feb 28/29); the
 * rest is exact elapsed time.
 */
export function addDuration(time: TimeInput, duration: string | Duration, times = 1): number {
  const base = toEpochMs(time);
  const d = typeof duration === 'string' ? parseDuration(duration) : duration;
  if (d === undefined || Number.isNaN(base)) return NaN;
  const k = d.sign * times;
  let ms = base;
  const calendarMonths = d.years * 12 + d.months;
  if (calendarMonths !== 0) ms = addMonths(ms, calendarMonths * k);
  const exact =
    d.weeks * MS.week +
    d.days * MS.day +
    d.hours * MS.hour +
    d.minutes * MS.minute +
    d.seconds * MS.second;
  return ms + exact * k;
}

export function subtractDuration(time: TimeInput, duration: string | Duration): number {
  return addDuration(time, duration, -1);
}

/**
 * Length in ms, for durations without calendar units (where a length is
 * well defined). Years and months count as 365 and 30 days as an estimate.
 */
export function durationMs(duration: string | Duration): number {
  const d = typeof duration === 'string' ? parseDuration(duration) : duration;
  if (d === undefined) return NaN;
  return (
    addDuration(0, { ...d, years: 0, months: 0 }) +
    d.sign * (d.years * 365 + d.months * 30) * MS.day
  );
}

function addMonths(ms: number, months: number): number {
  const date = new Date(ms);
  const whole = Math.trunc(months);
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + whole;
  const targetYear = y + Math.floor(m / 12);
  const targetMonth = ((m % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  const day = Math.min(date.getUTCDate(), lastDay);
  const moved = Date.UTC(
    targetYear,
    targetMonth,
    day,
    date.getUTCHours(),
    date.getUTCMinutes(),
    date.getUTCSeconds(),
    date.getUTCMilliseconds(),
  );
  // A fractional month ("P0.5M") falls back to 30-day months for the remainder.
  return moved + (months - whole) * 30 * MS.day;
}

/** A point from a date field of the form moved by an optional offset; NaN if unusable. */
export function fieldTime(data: Record<string, unknown>, field: string, offset?: string): number {
  const raw = readPath(data, field);
  if (typeof raw !== 'string' && typeof raw !== 'number') return NaN;
  const base = toEpochMs(raw);
  return offset ? addDuration(base, offset) : base;
}

/** Reads "a.b.c" from nested plain objects. */
export function readPath(data: Record<string, unknown>, path: string): unknown {
  if (path in data) return data[path];
  let cur: unknown = data;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}
